"""The glossary of contested terms: matching, rendering, the shipped terms, pages and admin."""

import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse

from content.glossary import (
    NEUTRAL_USAGE,
    Glossary,
    GlossTerm,
    TermMatch,
    find_flags,
    find_terms,
    render_glossed,
)
from content.models import Article, ContestedTerm

SEEDS = Path(__file__).resolve().parents[2] / "content" / "seeds"
shipped = importlib.import_module("content.migrations.0006_glossary_and_note_sources")
library_terms = importlib.import_module("content.migrations.0011_library_glossary_terms")


@dataclass(frozen=True)
class Term:
    term: str
    variants: tuple = ()
    gloss: str = "a gloss"
    usage: str = "azerbaijani"

    @property
    def forms(self):
        return [self.term, *self.variants]

    def __str__(self):
        return self.term


LIBERATION = Term("liberation", ("liberated", "liberate"), "Azerbaijani official usage.")
MEASURES = Term("anti-terror measures", ("local anti-terror measures",))
KARABAKH = Term("Nagorno-Karabakh", usage="third_party")
MARTYRS = Term("martyrs", ("martyr",))
ARTSAKH = Term("Artsakh", usage="armenian")


# -- find_terms -----------------------------------------------------------------------------------


def test_find_terms_matches_variants_as_whole_words_ignoring_case():
    text = "The army Liberated the city; liberationist and deliberate are other words."
    assert find_terms(text, [LIBERATION]) == [TermMatch(start=9, end=18, term=LIBERATION)]


def test_find_terms_takes_the_longest_form_and_never_overlaps():
    text = "It announced local anti-terror measures in Nagorno-Karabakh."
    matches = find_terms(text, [MEASURES, KARABAKH])
    assert [(text[m.start : m.end], m.term) for m in matches] == [
        ("local anti-terror measures", MEASURES),
        ("Nagorno-Karabakh", KARABAKH),
    ]


def test_find_terms_treats_spaces_and_hyphens_alike():
    text = "in Nagorno Karabakh and in nagorno–karabakh"
    assert len(find_terms(text, [KARABAKH])) == 2


def test_find_terms_with_no_terms_or_no_text_finds_nothing():
    assert find_terms("Shusha", []) == []
    assert find_terms("", [LIBERATION]) == []
    assert not Glossary([])


def test_a_common_term_inside_a_proper_name_is_not_matched():
    for text in (
        "Crowds gathered at the Alley of Martyrs on 8 November.",
        "Alley of Martyrs was full.",
        "Flowers were laid on Martyrs' Lane and on Martyrs Lane.",
        "They walked to the Square of the Martyrs.",
    ):
        assert find_terms(text, [MARTYRS]) == [], text


def test_a_common_term_outside_a_name_is_matched_however_it_is_capitalised():
    for text, written in (
        ("Services honoured the martyrs.", "martyrs"),
        ("Martyrs were honoured in every town.", "Martyrs"),  # capitalised to open a sentence
        ("He named one Martyr.", "Martyr"),  # capitalised, but no name around it
        (
            "The End of 30 Years of Martyrs and Loss",
            "Martyrs",
        ),  # a headline, every word capitalised
    ):
        matches = find_terms(text, [MARTYRS])
        assert [text[m.start : m.end] for m in matches] == [written], text


def test_a_term_that_is_itself_a_name_counts_inside_a_longer_name():
    text = "the Republic of Artsakh and Artsakh Street"
    assert [text[m.start : m.end] for m in find_terms(text, [ARTSAKH])] == ["Artsakh", "Artsakh"]


def test_a_third_party_term_is_found_as_background_but_never_flagged():
    text = "Artsakh is what Armenians call Nagorno-Karabakh."
    matches = find_terms(text, [ARTSAKH, KARABAKH])
    assert [(str(m.term), m.flagged) for m in matches] == [
        ("Artsakh", True),
        ("Nagorno-Karabakh", False),
    ]
    assert [str(m.term) for m in find_flags(text, [ARTSAKH, KARABAKH])] == ["Artsakh"]
    html = render_glossed(text, glossary=Glossary([ARTSAKH, KARABAKH]))
    assert '<span class="term" tabindex="0" aria-describedby="gloss-1">Artsakh</span>' in html
    assert (
        'class="term term-neutral" tabindex="0" aria-describedby="gloss-2">Nagorno-Karabakh' in html
    )


def test_a_term_without_a_usage_is_flagged_and_a_gloss_term_keeps_its_usage():
    assert find_terms("Shusha", ["Shusha"])[0].flagged
    assert GlossTerm.of(KARABAKH).usage == NEUTRAL_USAGE == ContestedTerm.Usage.THIRD_PARTY


# -- render_glossed -------------------------------------------------------------------------------


def test_render_glossed_escapes_untrusted_text_and_glosses():
    evil = Term("<b>liberated</b>", gloss='"><script>alert(1)</script>')
    html = render_glossed(
        '<script>alert("x")</script> liberated <img src=x onerror=alert(1)>',
        glossary=Glossary([LIBERATION, evil]),
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert (
        '<span class="term-wrap"><span class="term" tabindex="0" aria-describedby="gloss-1">'
        'liberated</span><span class="term-gloss" role="tooltip" id="gloss-1">'
        "<strong>liberation</strong>: Azerbaijani official usage.</span></span>"
    ) in html


def test_render_glossed_composes_the_answer_highlight_with_terms():
    text = "Shusha was liberated on 8 November 2020."
    glossary = Glossary([LIBERATION, Term("Shusha")])
    # The answer overlaps nothing glossed.
    html = render_glossed(text, glossary=glossary, highlight=(24, 39))
    assert "<mark>8 November 2020</mark>." in html
    assert html.count('class="term"') == 2
    # The answer is the glossed term itself, and one that straddles a term's edge.
    same = render_glossed(text, glossary=glossary, highlight=(0, 6))
    assert 'aria-describedby="gloss-1"><mark>Shusha</mark></span>' in same
    straddling = render_glossed(text, glossary=glossary, highlight=(3, 14))
    assert '">Shu<mark>sha</mark></span>' in straddling  # split at the term's end...
    assert "</span></span><mark> was </mark>" in straddling  # ...continued after it...
    assert '"><mark>lib</mark>erated</span>' in straddling  # ...and into the next term
    # Tags stay balanced whatever the span.
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            html = render_glossed(text, glossary=glossary, highlight=(start, end))
            assert html.count("<mark>") == html.count("</mark>")
            assert re.sub(r"<[^>]+>", "", re.sub(r'<span class="term-gloss".*?</span>', "", html))


def test_render_glossed_ignores_a_highlight_outside_the_text():
    html = render_glossed("Short.", glossary=Glossary([]), highlight=(3, 99))
    assert html == "Short."


def test_render_glossed_gives_unique_ids_from_the_iterator():
    ids = iter(["a", "b", "c"])
    html = render_glossed(
        "liberated and liberate", glossary=Glossary([LIBERATION]), ids=ids
    ) + render_glossed("liberation", glossary=Glossary([LIBERATION]), ids=ids)
    assert re.findall(r'aria-describedby="(\w)"', html) == ["a", "b", "c"]


# -- the shipped glossary -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_shipped_glossary_has_every_term_of_issue_6_with_who_uses_it():
    terms = {t.term: t for t in ContestedTerm.objects.prefetch_related("sources")}
    expected = {
        "liberation": "azerbaijani",
        "occupation": "azerbaijani",
        "martyrs": "azerbaijani",
        "Patriotic War": "azerbaijani",
        "anti-terrorist operation": "azerbaijani",
        "Artsakh": "armenian",
        "ethnic cleansing": "armenian",
        "forcible displacement": "armenian",
        "Shusha": "place_name",
        "Shushi": "place_name",
        "Khankendi": "place_name",
        "Stepanakert": "place_name",
        "Nagorno-Karabakh": "third_party",
        "offensive": "third_party",
    }
    assert {name: terms[name].usage for name in expected} == expected
    assert "local anti-terror measures" in terms["anti-terrorist operation"].variants
    assert "liberated" in terms["liberation"].variants
    for term in terms.values():
        assert term.used_by and term.description and term.other_terms, term
        assert len(term.description) < 400, f"{term} should stay short"
    for name in ("liberation", "occupation", "martyrs", "ethnic cleansing", "Nagorno-Karabakh"):
        assert terms[name].sources.exists(), f"{name} has no source"


@pytest.mark.django_db
def test_the_library_terms_are_shipped_with_who_uses_them_a_topic_and_sources():
    terms = {t.term: t for t in ContestedTerm.objects.prefetch_related("sources")}
    expected = {
        "infiltration": "armenian",
        "invasion": "armenian",
        "Defense Army": "armenian",
        "provocation": "azerbaijani",
        "aggression": "azerbaijani",
        "Parukh": "place_name",
        "Farrukh": "place_name",
        "Karabakh": "third_party",
        "separatists": "third_party",
        "humanitarian ceasefire": "third_party",
    }
    assert {name: terms[name].usage for name in expected} == expected
    assert terms["Parukh"].topic == terms["Farrukh"].topic == "Parukh / Farrukh"
    assert terms["Karabakh"].topic == terms["Artsakh"].topic == terms["Nagorno-Karabakh"].topic
    for name in expected:
        assert terms[name].topic and terms[name].sources.exists(), name
    assert "aggressor state" in terms["aggression"].variants
    # The brief's other terms were shipped in 0006, with both names of Shusha.
    assert {"ethnic cleansing", "forcible displacement", "Artsakh", "Shusha", "Shushi"} <= set(
        terms
    )


@pytest.mark.django_db
def test_the_library_terms_migration_only_adds_missing_terms():
    term = ContestedTerm.objects.get(term="provocation")
    term.description = "Rewritten by a teacher."
    term.variants = ["provocations"]
    term.save()
    ContestedTerm.objects.filter(term="Farrukh").delete()
    ContestedTerm.objects.create(
        term="Invasion",  # a teacher's own entry under another case: kept, not doubled
        slug="teachers-invasion",
        usage="armenian",
        used_by="A teacher",
        description="Her words.",
    )
    ContestedTerm.objects.filter(term="invasion").delete()
    before = ContestedTerm.objects.count()
    library_terms.add_library_terms(django_apps, None)
    term.refresh_from_db()
    assert (term.description, term.variants) == ("Rewritten by a teacher.", ["provocations"])
    farrukh = ContestedTerm.objects.get(term="Farrukh")  # restored, with its sources
    assert farrukh.sources.count() == 2
    assert ContestedTerm.objects.count() == before + 1
    assert ContestedTerm.objects.get(slug="teachers-invasion").description == "Her words."
    assert not ContestedTerm.objects.filter(slug="invasion").exists()


@pytest.mark.django_db
def test_the_glossary_migration_never_overwrites_a_teachers_entry():
    term = ContestedTerm.objects.get(term="martyrs")
    term.description = "Rewritten by a teacher."
    term.save()
    ContestedTerm.objects.filter(term="offensive").delete()
    shipped.ship_glossary_and_sources(django_apps, None)
    assert ContestedTerm.objects.get(term="martyrs").description == "Rewritten by a teacher."
    assert ContestedTerm.objects.filter(term="offensive").exists()  # restored
    assert ContestedTerm.objects.filter(term="martyrs").count() == 1


@pytest.mark.django_db
def test_the_glossary_highlights_terms_in_the_seed_sentences():
    call_command("import_articles", str(SEEDS), verbosity=0)
    glossary = Glossary(ContestedTerm.objects.all())
    found = set()
    for article in Article.objects.prefetch_related("sentences"):
        for sentence in article.sentences.all():
            found.update(str(m.term) for m in glossary.find(sentence.text))
    assert {
        "liberation",
        "occupation",
        "martyrs",
        "anti-terrorist operation",
        "Shusha",
        "Patriotic War",
        "Nagorno-Karabakh",
    } <= found


# -- template tags and pages ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_glossed_tag_highlights_and_glosses_with_one_query(rf, django_assert_num_queries):
    template = Template("{% load glossary %}{% glossed text 0 6 %} {% glossed text %}")
    context = Context({"text": "Shusha was liberated.", "request": rf.get("/")})
    with django_assert_num_queries(1):
        html = template.render(context)
    assert html.count("<mark>Shusha</mark>") == 1
    assert html.count('class="term"') == 4
    ids = re.findall(r'id="(gloss-[\w-]+)"', html)
    assert len(ids) == len(set(ids)) == 4


@pytest.mark.django_db
def test_the_terms_are_cached_across_requests_and_forgotten_when_a_term_changes(
    rf, django_assert_num_queries
):
    template = Template("{% load glossary %}{% glossed text %}")

    def render(text):
        return template.render(Context({"text": text, "request": rf.get("/")}))

    with django_assert_num_queries(1):
        render("Shusha was liberated.")
    with django_assert_num_queries(0):  # another request: the terms come from the cache
        assert 'class="term"' in render("Shusha was liberated.")

    term = ContestedTerm.objects.create(
        term="Blue Lagoon",
        slug="blue-lagoon",
        usage="place_name",
        used_by="Some",
        description="A lagoon.",
    )
    with django_assert_num_queries(1):  # saved: read again, the new term included
        assert "<strong>Blue Lagoon</strong>" in render("By the blue lagoon.")
    term.variants = ["azure lagoon"]
    term.save()
    assert 'class="term"' in render("By the azure lagoon.")
    term.delete()
    assert 'class="term"' not in render("By the blue lagoon.")


def test_lead_sentences_keeps_the_first_sentences():
    template = Template("{% load glossary %}{{ note|lead_sentences:2 }}")
    note = 'TRT is public. It uses "liberation." Third sentence. Fourth.'
    assert (
        template.render(Context({"note": note})) == "TRT is public. It uses &quot;liberation.&quot;"
    )


@pytest.mark.django_db
def test_the_glossary_page_lists_terms_with_sources_and_is_linked_from_every_page(client):
    html = client.get(reverse("content:glossary")).content.decode()
    assert 'id="term-liberation"' in html
    assert "Azerbaijani official usage" in html and "Armenian usage" in html
    assert "Shushi (Armenian name)" in html
    assert "massispost.com" in html
    assert "never marked as one side's" in html and 'id="term-parukh"' in html
    assert (
        f'href="{reverse("content:glossary")}"'
        in client.get(reverse("quizzes:home")).content.decode()
    )


@pytest.mark.django_db
def test_the_glossary_page_costs_two_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get(reverse("content:glossary")).status_code == 200


@pytest.mark.django_db
def test_a_teacher_edits_a_term_in_the_admin(admin_client):
    term = ContestedTerm.objects.get(term="Shusha")
    url = reverse("admin:content_contestedterm_change", args=[term.pk])
    assert admin_client.get(url).status_code == 200
    listing = admin_client.get(reverse("admin:content_contestedterm_changelist"), {"q": "Shushi"})
    assert "Shushi" in listing.content.decode()


@pytest.mark.django_db
def test_teachers_may_edit_the_glossary():
    from django.contrib.auth.models import Group  # noqa: PLC0415

    from quizzes.teaching import ensure_teachers_group  # noqa: PLC0415

    group = ensure_teachers_group()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_contestedterm", "add_contestedtermsource"} <= codenames
    assert Group.objects.filter(name="Teachers").count() == 1


@pytest.mark.django_db
def test_variants_must_be_a_list_of_words(admin_client):
    term = ContestedTerm.objects.get(term="Shusha")
    url = reverse("admin:content_contestedterm_change", args=[term.pk])
    data = {
        "term": "Shusha",
        "slug": "shusha",
        "variants": '"Shushi"',
        "usage": "place_name",
        "used_by": term.used_by,
        "description": term.description,
        "other_terms": term.other_terms,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Write the variants as a list of words" in response.content.decode()
    term.variants = "Shushi"  # stored wrongly by other means: ignored, never split into letters
    assert term.forms == ["Shusha"]


@pytest.mark.django_db
def test_the_balance_per_topic_shows_what_the_seeds_cover_and_leave_out():
    from content.balance import summarize_topics  # noqa: PLC0415

    call_command("import_articles", str(SEEDS), verbosity=0)
    topics = {share.topic: share for share in summarize_topics()}
    shusha = topics["Shusha / Shushi"]
    assert [t.term for t in shusha.terms] == ["Shusha", "Shushi"]
    assert {a.outlet.name for a in shusha.articles["Presents Azerbaijan's side"]} == {
        "TRT",
        "Caspian Post",
    }
    assert topics["The departure of ethnic Armenians in 2023"].total == 0
    assert topics["Khankendi / Stepanakert"].total == 0


@pytest.mark.django_db
def test_the_outlet_list_shows_the_balance_and_when_it_is_one_sided(
    client, django_assert_max_num_queries
):
    from tests.content.factories import ArticleFactory, OutletFactory  # noqa: PLC0415

    call_command("import_articles", str(SEEDS), verbosity=0)
    url = reverse("content:outlet_list")
    with django_assert_max_num_queries(1):
        html = client.get(url).content.decode()
    assert "One-sided library" in html
    assert "Not represented yet: Presents Armenia&#x27;s side; Third party / international." in html
    ArticleFactory(outlet=OutletFactory(name="Wire Service", alignment="third_party"))
    html = client.get(url).content.decode()
    assert "One-sided library" not in html
    assert re.search(
        r"Third party / international</th>\s*<td><a href=\"/outlets/wire-service/\">", html
    )
    assert "33%" in html and "67%" in html


@pytest.mark.django_db
def test_an_outlet_page_shows_its_alignment(client):
    html = client.get(reverse("content:outlet", args=["caspian-post"])).content.decode()
    assert 'Coverage: <strong class="alignment alignment-azerbaijan">Presents Azerbaijan' in html
