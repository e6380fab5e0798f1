"""The attribution rule, in one place: who said it, and when it may go unsaid."""

import importlib
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse

from content.models import Outlet
from quizzes.generating import build_article_text
from quizzes.generation import (
    attribution_for,
    attribution_may_be_dropped,
    extract_facts,
    generate_drafts,
    is_casualty_or_money,
)
from quizzes.generation.attribution import (
    anchored_attribution,
    cited_within,
    default_attribution_name,
)
from quizzes.generation.types import ArticleText, LibraryContext, SentenceText
from quizzes.models import Question
from tests.content.factories import ArticleFactory, OutletFactory

PUBLISHED = date(2023, 11, 8)


@pytest.mark.parametrize(
    ("outlet", "voice", "expected"),
    [
        ("TRT", "news", "According to TRT"),
        ("TRT World", "news", "According to TRT World"),
        ("Caspian Post", "opinion", "According to an opinion piece in the Caspian Post"),
        ("The Guardian", "opinion", "According to an opinion piece in The Guardian"),
        ("Wikinews", "news", "According to Wikinews"),
        # An official statement needs no description: the name says whose it is.
        (
            "Ministry of Emergency Situations",
            "official",
            "According to the Ministry of Emergency Situations",
        ),
        ("  Caspian   Post ", "news", "According to the Caspian Post"),
        ("", "news", "According to an unnamed outlet"),
    ],
)
def test_attribution_for(outlet, voice, expected):
    assert attribution_for(outlet=outlet, voice=voice) == expected


@pytest.mark.parametrize(
    ("outlet", "name", "voice", "expected"),
    [
        (
            "Ministry of Foreign Affairs of Armenia",
            "Armenia's Foreign Ministry",
            "official",
            "According to Armenia's Foreign Ministry",
        ),
        (
            "U.S. Department of State (Office of the Spokesperson)",
            "the U.S. State Department",
            "official",
            "According to the U.S. State Department",
        ),
        (
            "Caspian Post",
            "the Caspian Post",
            "opinion",
            "According to an opinion piece in the Caspian Post",
        ),
        ("TRT World", "  TRT  ", "news", "According to TRT"),
        # The teacher's name is used as written, even without "the".
        ("Caspian Post", "Caspian Post", "news", "According to Caspian Post"),
    ],
)
def test_the_attribution_name_is_used_as_written(outlet, name, voice, expected):
    assert attribution_for(outlet=outlet, name=name, voice=voice) == expected


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [
        # Without an attribution name: the name, nothing in brackets, "the" where it reads so.
        ("Ministry of Foreign Affairs of Azerbaijan (Embassy in Berlin)",
         "the Ministry of Foreign Affairs of Azerbaijan"),
        ("U.S. Department of State (Office of the Spokesperson)", "the U.S. Department of State"),
        ("European External Action Service (EU High Representative)",
         "the European External Action Service"),
        ("U.S. Armed Forces Sports (Department of Defense)", "U.S. Armed Forces Sports"),
        ("NASA Space Station Blog", "NASA Space Station Blog"),
        ("Office of the Prime Minister of Armenia", "the Office of the Prime Minister of Armenia"),
        ("Armenia's Foreign Ministry", "Armenia's Foreign Ministry"),
        ("Yerevan Herald", "the Yerevan Herald"),
        ("TRT", "TRT"),
        # A public body's name reads with "the"; acronyms, one-word names, countries do not.
        ("Millennium Challenge Corporation", "the Millennium Challenge Corporation"),
        ("Delegation of the European Union to Armenia",
         "the Delegation of the European Union to Armenia"),
        ("Peace Corps", "the Peace Corps"),
        ("U.S. Embassy in Armenia", "the U.S. Embassy in Armenia"),
        ("EU Monitoring Mission in Armenia", "the EU Monitoring Mission in Armenia"),
        ("State Security Service of Azerbaijan", "the State Security Service of Azerbaijan"),
        ("The Peace Corps", "The Peace Corps"),
        ("the Millennium Challenge Corporation", "the Millennium Challenge Corporation"),
        ("NASA", "NASA"),
        ("Wikinews", "Wikinews"),
        ("United States", "United States"),
        ("Azerbaijan", "Azerbaijan"),
    ],
)  # fmt: skip
def test_default_attribution_name_drops_brackets(outlet, expected):
    assert default_attribution_name(outlet) == expected
    assert attribution_for(outlet=outlet, voice="official") == f"According to {expected}"


def test_the_date_goes_in_plain_words_when_it_anchors_the_question():
    assert (
        anchored_attribution("According to TRT", PUBLISHED) == "According to TRT on 8 November 2023"
    )


def article_with(outlet, *, attribution_name="", voice="news"):
    return ArticleText(
        slug="call",
        title="A call",
        outlet=outlet,
        attribution_name=attribution_name,
        published=date(2022, 3, 14),
        voice=voice,
        sentences=(
            SentenceText(0, "On 14 March 2022, Blinken spoke with Pashinyan by telephone."),
            SentenceText(1, "Since 1 March, the ministry has received 3,874 calls."),
        ),
    )


def test_generated_stems_credit_the_attribution_name_without_brackets():
    article = article_with(
        "U.S. Department of State (Office of the Spokesperson)",
        attribution_name="the U.S. State Department",
        voice="official",
    )
    drafts = generate_drafts(article, context=LibraryContext())
    assert drafts
    for draft in drafts:
        assert draft.attribution == "According to the U.S. State Department"
        assert draft.stem.startswith("According to the U.S. State Department")
        lead = draft.stem.split(",")[0]
        assert "(" not in lead and "Spokesperson" not in draft.stem, draft.stem
    anchored = [d for d in drafts if "3,874" in d.answer]
    assert [d.stem.split(",")[0] for d in anchored] == [
        "According to the U.S. State Department on 14 March 2022"
    ]


def test_without_an_attribution_name_stems_use_the_outlet_name_without_brackets():
    drafts = generate_drafts(
        article_with("U.S. Department of State (Office of the Spokesperson)"),
        context=LibraryContext(),
    )
    assert drafts
    assert {d.attribution for d in drafts} == {"According to the U.S. Department of State"}


def test_a_single_source_claim_is_always_attributed():
    assert not attribution_may_be_dropped(alignments=["azerbaijan"])
    assert not attribution_may_be_dropped(alignments=["azerbaijan", "azerbaijan"])
    assert not attribution_may_be_dropped(alignments=["azerbaijan", "unknown"])


def test_attribution_may_be_dropped_only_when_different_alignments_corroborate():
    assert attribution_may_be_dropped(alignments=["azerbaijan", "armenia"])
    assert attribution_may_be_dropped(alignments=["armenia", "third_party", "armenia"])


def test_casualty_and_money_figures_keep_their_attribution_whoever_corroborates():
    assert not attribution_may_be_dropped(
        alignments=["azerbaijan", "armenia", "third_party"], casualty_or_money=True
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the war, the army lost 2,908 martyrs.", True),
        ("Then 94 Azerbaijani civilians died as a result of the attacks.", True),
        ("Armenia counted 3,773 killed in the war.", True),
        ("Azerbaijan spent $7 billion on reconstruction.", True),
        ("The army liberated 286 villages.", False),
    ],
)
def test_is_casualty_or_money(text, expected):
    (fact,) = [
        f for f in extract_facts(SentenceText(0, text), published=PUBLISHED) if f.kind == "number"
    ]
    assert is_casualty_or_money(fact=fact, sentence=text) is expected


# -- the outlet's attribution name, from the database to the stems ------------------------------

TUNE = Path(__file__).resolve().parents[1] / "data" / "real" / "tune"
attribution_migration = importlib.import_module("content.migrations.0010_outlet_attribution_name")


@pytest.mark.django_db
def test_the_known_outlets_have_their_attribution_names_after_migrate():
    assert Outlet.objects.get(name="TRT").attribution_name == "TRT"
    assert Outlet.objects.get(name="Caspian Post").attribution_name == "the Caspian Post"


@pytest.mark.django_db
def test_the_migration_fills_only_empty_names_and_creates_no_outlet():
    sofia = OutletFactory(name="Ministry of Foreign Affairs of Azerbaijan (Embassy in Sofia)")
    edited = Outlet.objects.get(name="Wikinews")  # shipped by 0012, as a teacher edited it
    edited.attribution_name = "the Wikinews team"
    edited.save()
    unknown = OutletFactory(name="Regional Desk")
    Outlet.objects.filter(name="TRT").update(attribution_name="")  # as before 0010 ran
    count = Outlet.objects.count()

    attribution_migration.fill_attribution_names(django_apps, None)

    assert Outlet.objects.count() == count
    names = dict(Outlet.objects.values_list("name", "attribution_name"))
    assert names[sofia.name] == "Azerbaijan's Foreign Ministry"
    assert names[edited.name] == "the Wikinews team"  # a teacher's edit stays
    assert names[unknown.name] == ""
    assert names["TRT"] == "TRT"


@pytest.mark.django_db
def test_an_import_gives_new_outlets_their_known_attribution_names():
    call_command("import_articles", str(TUNE), stdout=StringIO(), stderr=StringIO())
    names = dict(Outlet.objects.values_list("name", "attribution_name"))
    # Outlets the import creates get the name the library knows for them ...
    assert names["NASA Space Station Blog"] == "NASA"
    assert names["European External Action Service (EU Spokesperson)"] == (
        "the EU's diplomatic service"
    )
    assert names["U.S. Armed Forces Sports (Department of Defense)"] == "U.S. Armed Forces Sports"
    # ... and the starter library's outlets (migration 0012), matched by name or alias, keep
    # theirs: the Berlin embassy's statement goes to Azerbaijan's Foreign Ministry.
    assert names["Ministry of Foreign Affairs of Armenia"] == "Armenia's Foreign Ministry"
    assert "Ministry of Foreign Affairs of Azerbaijan (Embassy in Berlin)" not in names
    assert names["Ministry of Foreign Affairs of Azerbaijan"] == "Azerbaijan's Foreign Ministry"
    assert names["Office of the Prime Minister of Armenia"] == "Armenia's prime minister's office"
    assert names["U.S. Department of State"] == "the U.S. State Department"
    assert names["European External Action Service (EU High Representative)"] == (
        "the EU's foreign policy chief"
    )
    assert names["Wikinews"] == "Wikinews"


@pytest.mark.django_db
def test_build_article_text_carries_the_attribution_name_or_the_bracketless_name():
    named = ArticleFactory(outlet__name="Ministry of Foreign Affairs of Armenia")
    Outlet.objects.filter(pk=named.outlet.pk).update(attribution_name="Armenia's Foreign Ministry")
    named.outlet.refresh_from_db()
    blank = ArticleFactory(outlet__name="Eurasia Monitor (archive.example.org)")

    assert build_article_text(article=named).attribution_name == "Armenia's Foreign Ministry"
    assert build_article_text(article=blank).attribution_name == "the Eurasia Monitor"


@pytest.mark.django_db
def test_generated_stems_follow_the_teachers_attribution_name(admin_client):
    call_command("import_articles", str(TUNE), stdout=StringIO(), stderr=StringIO())
    call_command("generate_questions", stdout=StringIO())
    stems = Question.objects.filter(article__outlet__name="Ministry of Foreign Affairs of Armenia")
    assert stems.exists()
    for question in stems:
        assert question.stem.startswith("According to Armenia's Foreign Ministry"), question.stem
        assert question.attribution == "According to Armenia's Foreign Ministry"
    for question in Question.objects.all():
        assert "(" not in question.attribution, question.attribution
        lead = question.stem[len(question.attribution) :].split(",")[0]
        assert "(" not in lead, question.stem

    # The outlet admin shows the field; a teacher's edit reaches the questions on the next run.
    outlet = Outlet.objects.get(name="Ministry of Foreign Affairs of Armenia")
    page = admin_client.get(reverse("admin:content_outlet_change", args=[outlet.pk]))
    assert page.status_code == 200
    assert 'name="attribution_name"' in page.content.decode()
    Outlet.objects.filter(pk=outlet.pk).update(attribution_name="the Armenian Foreign Ministry")
    call_command("generate_questions", stdout=StringIO())
    assert stems.filter(origin=Question.Origin.GENERATED).exists()
    for question in stems.filter(origin=Question.Origin.GENERATED):
        # (dated when the question states how things stand: "... on 25 March 2022, ...")
        assert question.stem.startswith(
            (
                "According to the Armenian Foreign Ministry, ",
                "According to the Armenian Foreign Ministry on ",
            )
        )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("According to the latest data, 94 civilians died.", "94 civilians died."),
        ("according to preliminary figures, 12 people were hurt.", "12 people were hurt."),
        ("According to the governor's office, 5 died.", "citing the governor's office, 5 died."),
        ("The ministry said 5 died.", "The ministry said 5 died."),
    ],
)
def test_a_sentences_own_attribution_is_cited_or_dropped(body, expected):
    assert cited_within(body) == expected


def test_a_nameless_source_leaves_no_stutter_in_the_stem():
    article = ArticleText(
        slug="figures",
        title="Figures",
        outlet="TRT",
        published=PUBLISHED,
        sentences=(
            SentenceText(0, "According to the latest data, 94 civilians died in the attacks."),
        ),
    )
    stems = [d.stem for d in generate_drafts(article, context=LibraryContext())]
    assert stems
    for stem in stems:
        assert "citing" not in stem and "latest data" not in stem, stem
        assert stem.count("ccording to") == 1, stem
