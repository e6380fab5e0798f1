"""The entity registry: the shipped entities, names generation proposes, and the questions asked
about confirmed entities ("Which city ...?", "Who signed ... for ...?")."""

import importlib
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from quizzes.generation import generate_drafts
from quizzes.generation.entities import countries_named, entity_kind, propose_entities
from quizzes.generation.extraction import extract_facts
from quizzes.generation.types import ArticleText, KnownEntity, LibraryContext, SentenceText
from quizzes.models import Entity, Question

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = importlib.import_module("quizzes.migrations.0007_seed_entities")
ENTITIES = tuple(
    KnownEntity(name=name, type=type_, aliases=tuple(aliases))
    for name, type_, aliases in SHIPPED.SEED_ENTITIES
)


def drafts_of(*texts, outlet="TRT", voice="news"):
    article = ArticleText(
        slug="an-article",
        title="A headline",
        outlet=outlet,
        published=date(2024, 11, 8),
        sentences=tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts)),
        voice=voice,
    )
    return generate_drafts(article, context=LibraryContext(entities=ENTITIES))


# -- the shipped registry ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_seeds_entities_are_shipped_confirmed_with_their_types_and_aliases():
    rows = {e.name: e for e in Entity.objects.all()}
    expected = {
        "Shusha": "city", "Yerevan": "city", "Ankara": "city", "Karabakh": "region",
        "Nagorno-Karabakh": "region", "Aghdam": "region", "Kalbajar": "region",
        "Lachin": "region", "Fuzuli": "region", "Zangilan": "region", "Azerbaijan": "country",
        "Armenia": "country", "Russia": "country", "Türkiye": "country",
        "United States": "country", "European Union": "organisation",
        "Ilham Aliyev": "person", "Recep Tayyip Erdogan": "person", "Nikol Pashinyan": "person",
        "Vladimir Putin": "person", "Mustafa Kemal Ataturk": "person",
        "Second Karabakh War": "event", "First Karabakh War": "event", "Victory Day": "event",
        "Trilateral Statement": "event",
    }  # fmt: skip
    assert {name: rows[name].type for name in expected} == expected
    assert all(rows[name].confirmed for name in expected)
    assert "Shushi" in rows["Shusha"].aliases
    assert {"Turkiye", "Turkey"} <= set(rows["Türkiye"].aliases)
    assert {"Aliyev"} <= set(rows["Ilham Aliyev"].aliases)
    assert {"Atatürk", "Ataturk"} <= set(rows["Mustafa Kemal Ataturk"].aliases)
    # The neutral name leads; the official Azerbaijani usage is an alias.
    assert {"Patriotic War", "44-day war"} <= set(rows["Second Karabakh War"].aliases)
    assert "Patriotic War" not in rows
    assert "Alley of Martyrs" not in rows  # no type fits a memorial: left out, not mistyped


@pytest.mark.django_db
def test_shipping_again_never_overwrites_a_teachers_edit():
    Entity.objects.filter(name="Lachin").update(type="city", aliases=["Berdzor"], confirmed=False)
    Entity.objects.filter(name="Ganja").delete()

    SHIPPED.create_missing_entities(django_apps, None)

    lachin = Entity.objects.get(name="Lachin")
    assert (lachin.type, lachin.aliases, lachin.confirmed) == ("city", ["Berdzor"], False)
    assert Entity.objects.get(name="Ganja").confirmed  # a missing row comes back
    assert Entity.objects.filter(name="Shusha").count() == 1


# -- proposals ---------------------------------------------------------------------------------


def test_names_are_proposed_with_a_type_guessed_from_their_cue():
    proposed = dict(
        propose_entities(
            [
                "The Azerbaijani army launched a counter-operation on the orders of "
                "PresidentIlham Aliyev.",
                "Armenia accepted defeat after the army liberated the symbol city of Karabakh, "
                "Shusha, on Nov. 8, 2020.",
                "Following the declaration, the Armenian army had to leave the provinces of "
                "Aghdam, Kalbajar, and Lachin.",
                "Talks were mediated by Russia, the United States, and the European Union.",
                "After the First Karabakh War, a myth emerged.",
                "Russian President Vladimir Putin signed it.",
            ]
        )
    )
    assert proposed["Ilham Aliyev"] == "person"  # a title glued to the name by a typo
    assert proposed["Vladimir Putin"] == "person"
    assert proposed["Shusha"] == "city"
    assert "Karabakh" not in proposed  # the region the city belongs to, not a city
    assert [proposed[n] for n in ("Aghdam", "Kalbajar", "Lachin")] == ["region"] * 3
    assert proposed["European Union"] == "organisation"
    assert proposed["First Karabakh War"] == "event"
    assert not {"The", "Following", "Talks", "After", "November"} & set(proposed)
    assert "Russian President Vladimir Putin" not in proposed


def test_proposals_never_raise_on_odd_text():
    assert propose_entities(["", "   ", "A", "Of The", "President", "The. The. Of of"]) == []
    odd = propose_entities(["“Quoted Name” said", "X" * 500 + " Y", "A 2nd Thing Happened"])
    assert all(type_ in Entity.Type.values and name for name, type_ in odd)


@pytest.mark.django_db
def test_generation_records_proposed_names_unconfirmed_and_never_asks_about_them():
    call_command("import_articles", str(ROOT / "content" / "seeds"), stdout=StringIO(),
                 stderr=StringIO())  # fmt: skip
    out = StringIO()
    call_command("generate_questions", stdout=out)
    proposed = Entity.objects.filter(confirmed=False)
    names = set(proposed.values_list("name", flat=True))
    assert "entity name(s) proposed" in out.getvalue()
    assert {"Soviet Union", "Alley of Martyrs"} <= names
    # Known names, under an alias too ("Aliyev"), are not proposed again.
    assert not {"Ilham Aliyev", "Aliyev", "Shusha", "Karabakh"} & names
    assert "Karabakh War" not in names  # part of the known alias "2nd Karabakh War"
    answers = set(Question.objects.filter(kind="entity").values_list("answer", flat=True))
    assert answers and not answers & names
    # A second run proposes nothing new and leaves a teacher's decision alone.
    proposed.filter(name="Soviet Union").update(type="country")
    call_command("generate_questions", stdout=StringIO())
    assert Entity.objects.filter(confirmed=False).count() == len(names)
    assert Entity.objects.get(name="Soviet Union").type == "country"


# -- extraction and questions ------------------------------------------------------------------


def test_a_name_holding_a_figure_gives_way_to_the_figure():
    facts = extract_facts(
        SentenceText(position=0, text="The 44-day war shattered all stereotypes."),
        published=date(2024, 11, 8),
        entities=ENTITIES,
    )
    assert [(f.kind, f.text) for f in facts] == [("number", "44-day")]


def test_which_city_did_the_army_liberate_on_a_date_written_out():
    drafts = drafts_of(
        "Armenia accepted defeat after the Azerbaijani army liberated the symbol city of "
        "Karabakh, Shusha, on Nov. 8, 2020."
    )
    (shusha,) = [d for d in drafts if d.answer == "Shusha"]
    assert shusha.stem == (
        "According to TRT, which city did the Azerbaijani army liberate on 8 November 2020?"
    )
    assert shusha.sentence_text[shusha.answer_start : shusha.answer_end] == "Shusha"
    # Baku and Ganja were never taken, Yerevan and Ankara are no Karabakh towns, and the
    # shipped registry knows no other Karabakh town: a typed question, not implausible choices.
    assert shusha.mode == "typed" and shusha.choices == ()
    # The date's question names Shusha, and Shusha's names the date: one of the two is
    # published, the other kept below the threshold.
    (day,) = [d for d in drafts if d.answer == "8 November 2020"]
    assert day.stem == "According to TRT, on what date did the Azerbaijani army liberate Shusha?"
    assert (shusha.quality >= 0.6) != (day.quality >= 0.6)


def test_who_signed_the_statement_for_each_country():
    drafts = drafts_of(
        "Officially, the end of the thirty-year Armenian occupation came on the night of "
        "November 10, 2020, when the President of Azerbaijan, Ilham Aliyev, the Prime Minister "
        "of Armenia, Nikol Pashinyan, and Russian President Vladimir Putin signed the document "
        "known as the Trilateral Statement.",
        outlet="Caspian Post",
        voice="opinion",
    )
    stems = {d.answer: d.stem for d in drafts if d.kind == "entity"}
    lead = "According to an opinion piece in the Caspian Post, "
    assert stems["Nikol Pashinyan"] == lead + "who signed the Trilateral Statement for Armenia?"
    assert stems["Ilham Aliyev"] == lead + "who signed the Trilateral Statement for Azerbaijan?"
    assert stems["Vladimir Putin"] == lead + "who signed the Trilateral Statement for Russia?"
    # "For Armenia" leaves only Armenians as choices (the other signatories plainly signed
    # for other states, Erdogan signed nothing), and the shipped registry has one Armenian:
    # typed questions.
    for signer in ("Nikol Pashinyan", "Ilham Aliyev", "Vladimir Putin"):
        (draft,) = [d for d in drafts if d.answer == signer]
        assert draft.mode == "typed" and draft.choices == ()
    (signed,) = [d for d in drafts if d.kind == "date"]
    assert signed.stem == lead + "on what date was the Trilateral Statement signed?"
    assert signed.answer == "10 November 2020"


def test_an_alias_of_a_confirmed_event_names_it_neutrally():
    (draft,) = [
        d
        for d in drafts_of(
            "The 44-day war entered not only Azerbaijani history but also world military "
            "history as a unique case.",
            outlet="Caspian Post",
            voice="opinion",
        )
        if d.kind == "number"
    ]
    assert draft.stem.endswith("how long did the Second Karabakh War last?")
    assert draft.answer == "44 days"
    assert draft.sentence_text[draft.answer_start : draft.answer_end] == "44-day"


def test_unconfirmed_entities_are_never_asked_about():
    article = ArticleText(
        slug="a",
        title="A headline",
        outlet="TRT",
        published=date(2024, 11, 8),
        sentences=(SentenceText(position=0, text="Shusha was liberated on Nov. 8, 2020."),),
    )
    drafts = generate_drafts(article, context=LibraryContext())
    assert [d.kind for d in drafts] == ["date"]


def test_an_event_has_a_kind_its_distractors_must_share():
    kinds = {name: entity_kind(name, type_, aliases) for name, type_, aliases in
             SHIPPED.SEED_ENTITIES}  # fmt: skip
    assert kinds["Second Karabakh War"] == kinds["First Karabakh War"] == "war"
    assert kinds["Trilateral Statement"] == "document"
    assert kinds["Victory Day"] == "day"
    assert kinds["Shusha"] == "city" and kinds["Ilham Aliyev"] == "person"
    assert entity_kind("Operation Iron Fist", "event") == "operation"
    assert entity_kind("Madrid Summit", "event") == "meeting"
    assert entity_kind("Great Return", "event") == "event"


def test_countries_are_named_by_name_alias_or_demonym():
    countries = [(name, aliases) for name, type_, aliases in SHIPPED.SEED_ENTITIES
                 if type_ == "country"]  # fmt: skip
    assert countries_named("American firms exported goods to Georgia.", countries) == {
        "United States", "Georgia"}  # fmt: skip
    assert countries_named("after the Azerbaijani army took Shusha", countries) == {"Azerbaijan"}
    assert countries_named("talks with Turkey", countries) == {"Türkiye"}
    assert countries_named("the US-led talks in Moscow", countries) == {"United States", "Russia"}
    assert countries_named("tell us about it", countries) == set()
