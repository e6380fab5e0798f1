"""Neutral wording: a question never states one side's loaded term in its own voice; the
feedback keeps the outlet's sentence as written."""

import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from content.glossary import GlossTerm, find_terms
from content.models import ContestedTerm
from quizzes.generating import contested_terms
from quizzes.generation import generate_drafts
from quizzes.generation.display import find_number_token
from quizzes.generation.distractors import make_choices
from quizzes.generation.extraction import extract_facts
from quizzes.generation.pipeline import fingerprint_of
from quizzes.generation.types import ArticleText, KnownEntity, LibraryContext, SentenceText
from quizzes.generation.wording import neutral_answer, neutral_wording, unquoted_terms
from quizzes.models import Choice, Question

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "content" / "seeds"
TUNE = ROOT / "tests" / "data" / "real" / "tune"

# One side's terms as the glossary ships them (content migrations 0005-0009), the term first.
TERMS = (
    ("Artsakh",),
    ("Patriotic War", "homeland war"),
    ("anti-terrorist operation", "anti-terror operation", "local anti-terror measures"),
    ("ethnic cleansing",),
    ("forcible displacement", "forced displacement", "forcibly displaced"),
    ("liberation", "liberated", "liberate", "liberates", "liberating"),
    ("martyrs", "martyr", "martyrdom"),
    ("occupation", "occupied", "occupying", "occupier", "occupiers"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Rewritten where a neutral phrase keeps the sentence true and grammatical.
        (
            "how many villages did the Azerbaijani army liberate from occupation?",
            "how many villages did the Azerbaijani army take control of?",
        ),
        (
            "which city did the Azerbaijani army liberate on 8 November 2020?",
            "which city did the Azerbaijani army take control of on 8 November 2020?",
        ),
        (
            "Armenia accepted defeat after the Azerbaijani army liberated the symbol city of "
            "Karabakh, Shusha, on ______.",
            "Armenia accepted defeat after the Azerbaijani army took control of the symbol city "
            "of Karabakh, Shusha, on ______.",
        ),
        (
            "the army liberated Karabakh and the provinces, which were under Armenian occupation "
            "for ______.",
            "the army took control of Karabakh and the provinces, which were under Armenian "
            "control for ______.",
        ),
        (
            "the Azerbaijani army, which liberated its lands in 44 days in the ______, ended it.",
            "the Azerbaijani army, which took control of its lands in 44 days in the ______, "
            "ended it.",
        ),
        (
            "in the war, how many martyrs did the Azerbaijani army lose?",
            "in the war, how many soldiers did the Azerbaijani army lose?",
        ),
        # Elsewhere in quotation marks.
        (
            "this date was replaced by ______, the day of the liberation of Shusha from "
            "occupation.",
            "this date was replaced by ______, the day of the “liberation” of Shusha from "
            "“occupation”.",
        ),
        (
            "true victory was achieved on the day ______ was liberated.",
            "true victory was achieved on the day ______ was “liberated”.",
        ),
        (
            "the official conclusion of the 44-day Patriotic War came on ______.",
            "the official conclusion of the 44-day “Patriotic War” came on ______.",
        ),
        (
            "the families of martyrs gathered in ______.",
            "the families of “martyrs” gathered in ______.",
        ),
        (
            "Martyrs were remembered in ______.",
            "“Martyrs” were remembered in ______.",
        ),
        (
            "Armenia calls the departure of ______ people ethnic cleansing.",
            "Armenia calls the departure of ______ people “ethnic cleansing”.",
        ),
        (
            "how many people were forcibly displaced from the people of Artsakh?",
            "how many people were “forcibly displaced” from the people of “Artsakh”?",
        ),
        # Both sides' "infiltration" is known without the glossary.
        (
            "Azerbaijan continues its infiltration into the area that started on ______.",
            "Azerbaijan continues its “infiltration” into the area that started on ______.",
        ),
        # Already quoted: left as it is.
        (
            'Azerbaijan launched an "anti-terrorist operation" on ______.',
            'Azerbaijan launched an "anti-terrorist operation" on ______.',
        ),
        (
            "Azerbaijan launched what it called an “anti-terror operation” on ______.",
            "Azerbaijan launched what it called an “anti-terror operation” on ______.",
        ),
        # A proper name holding a term is a name, not a use.
        (
            "on ______, the attention of Azerbaijanis was focused on the Alley of Martyrs.",
            "on ______, the attention of Azerbaijanis was focused on the Alley of Martyrs.",
        ),
        (
            "the Republic of Artsakh held a vote on ______.",
            "the Republic of Artsakh held a vote on ______.",
        ),
        (
            "visitors came to the Patriotic War Museum on ______.",
            "visitors came to the Patriotic War Museum on ______.",
        ),
        # No term: unchanged.
        (
            "how many civilians were killed in Ganja on 17 October 2020?",
            "how many civilians were killed in Ganja on 17 October 2020?",
        ),
    ],
)
def test_neutral_wording(text, expected):
    assert neutral_wording(text, terms=TERMS) == expected
    assert unquoted_terms(expected, terms=TERMS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "how many Azerbaijani civilians died as a result of Armenian aggression?",
            "how many Azerbaijani civilians died as a result of “Armenian aggression”?",
        ),
        (
            "Armenian armed units and illegal forces in ______ laid down their arms.",
            "Armenian armed units and “illegal forces” in ______ laid down their arms.",
        ),
        (
            "illegal Armenian armed formations left the region on ______.",
            "“illegal Armenian armed formations” left the region on ______.",
        ),
        (
            "which country warned third countries not to interfere in Azerbaijan's war for rights?",
            "which country warned third countries not to interfere in Azerbaijan's “war for rights”?",
        ),
        (
            "the 44-day Patriotic War ended on ______.",
            "the 44-day “Patriotic War” ended on ______.",
        ),
        # "fraternal" before a country goes: the country stays, the stem stays grammatical.
        (
            "on what date does fraternal Turkey commemorate Atatürk Memorial Day?",
            "on what date does Turkey commemorate Atatürk Memorial Day?",
        ),
        (
            "at the request of the brotherly country, the date was moved to ______.",
            "at the request of the country, the date was moved to ______.",
        ),
        (
            "the relations were called fraternal on ______.",
            "the relations were called “fraternal” on ______.",
        ),
        (
            "the ministry reported a new provocation on the border on ______.",
            "the ministry reported a new “provocation” on the border on ______.",
        ),
        (
            "how many terrorists were neutralised on ______?",
            "how many “terrorists” were neutralised on ______?",
        ),
        # Not the glossary's "anti-terrorist operation" split in two, and no term: unchanged.
        (
            "the army ended its “anti-terrorist operation” on ______.",
            "the army ended its “anti-terrorist operation” on ______.",
        ),
        (
            "the Patriotic War Museum opened on ______.",
            "the Patriotic War Museum opened on ______.",
        ),
    ],
)
def test_one_sides_phrases_are_known_without_the_glossary(text, expected):
    assert neutral_wording(text) == expected
    assert unquoted_terms(expected) == []
    assert unquoted_terms(text) or text == expected


def test_a_war_named_by_one_side_is_not_offered_as_an_answer():
    assert neutral_answer("Patriotic War", stem="which war ended on ______?", kind="entity") is None
    assert neutral_answer("Second Karabakh War", stem="which war?", kind="entity") == (
        "Second Karabakh War"
    )


def test_unquoted_terms_finds_the_loaded_uses():
    assert unquoted_terms("the army liberated the occupied lands", terms=TERMS) == [
        "liberated",
        "occupied",
    ]
    assert unquoted_terms("the “liberation” of the Alley of Martyrs", terms=TERMS) == []


def test_only_the_terms_given_are_rewritten():
    # A teacher who deleted "liberation" from the glossary sees it used as written again.
    text = "which city did the army liberate on 8 November 2020?"
    assert neutral_wording(text, terms=()) == text
    assert neutral_wording(text, terms=(("liberation", "liberate"),)) == (
        "which city did the army take control of on 8 November 2020?"
    )


def test_generated_stems_are_neutral_and_the_feedback_keeps_the_sentence():
    sentences = (
        "In the war, the Azerbaijani army lost 2,908 martyrs.",
        "The army liberated Shusha from occupation on 8 November 2020.",
        "Shusha was liberated after 28 years of occupation.",
        "On 8 November 2020, crowds gathered at the Alley of Martyrs in Baku.",
    )
    article = ArticleText(
        slug="victory",
        title="Victory",
        outlet="TRT",
        published=date(2023, 11, 8),
        sentences=tuple(SentenceText(i, text) for i, text in enumerate(sentences)),
        contested_terms=TERMS,
    )
    drafts = generate_drafts(article, context=LibraryContext())
    assert len(drafts) >= 3
    rewritten = 0
    for draft in drafts:
        assert unquoted_terms(draft.stem, terms=TERMS) == [], draft.stem
        assert draft.sentence_text in sentences  # the outlet's sentence, as written
        if find_terms(draft.sentence_text, [GlossTerm("t", forms, "") for forms in TERMS[5:]]):
            rewritten += 1
    assert rewritten
    stems = {draft.stem for draft in drafts}
    # (dated: the fixture states no date, so the count is the article's day's news)
    assert (
        "According to TRT on 8 November 2023, how many soldiers did the Azerbaijani army lose in"
        " the war?" in stems
    )


# -- answers and choices ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "stem", "kind", "expected"),
    [
        # The stem names what is counted: the bare figure.
        (
            "2,908 martyrs",
            "According to TRT, how many soldiers did the Azerbaijani army lose in the war?",
            "number",
            "2,908",
        ),
        (
            "nearly 3,000 Azerbaijani martyrs",
            "According to TRT, how many “martyrs” were buried in Baku?",
            "number",
            "nearly 3,000",
        ),
        # The blank holds the noun too: the neutral noun the stem's rewrite uses.
        (
            "2,908 martyrs",
            "According to TRT, in the war, the Azerbaijani army lost ______.",
            "number",
            "2,908 soldiers",
        ),
        ("one martyr", "According to TRT, the army lost ______ on Tuesday.", "number", "one soldier"),
        # No neutral noun keeps it true: the term in quotation marks.
        (
            "2,908 martyrs",
            "According to TRT, the families of ______ gathered in Baku.",
            "number",
            "2,908 “martyrs”",
        ),
        (
            "28 years of occupation",
            "According to TRT, Shusha was held for ______.",
            "number",
            "28 years of “occupation”",
        ),
        # An answer that is itself a loaded term is not asked.
        ("Artsakh", "According to Armenpress, where was the ceremony held?", "entity", None),
        ("Patriotic War", "According to TRT, which war lasted 44 days?", "entity", None),
        # A name holding a term, and an answer without one, stay as they are.
        ("Alley of Martyrs", "According to TRT, where did thousands gather?", "entity",
         "Alley of Martyrs"),
        ("286 villages", "According to TRT, how many villages did the army take control of?",
         "number", "286 villages"),
        ("8 November 2020", "According to TRT, when did the army take control of Shusha?",
         "date", "8 November 2020"),
    ],
)  # fmt: skip
def test_neutral_answer(answer, stem, kind, expected):
    shown = neutral_answer(answer, stem=stem, kind=kind, terms=TERMS)
    assert shown == expected
    if shown is not None:
        assert unquoted_terms(shown, terms=TERMS) == []


def test_a_loaded_count_gets_homogeneous_neutral_choices():
    sentence = "In the war, the Azerbaijani army lost 2,908 martyrs."
    (fact,) = [f for f in extract_facts(SentenceText(0, sentence), published=date(2023, 11, 8))
               if f.kind == "number"]  # fmt: skip
    answer = neutral_answer(
        "2,908 martyrs",
        stem="According to TRT, in the war, the Azerbaijani army lost ______.",
        kind="number",
        terms=TERMS,
    )
    assert answer == "2,908 soldiers"
    choices = make_choices(fact=fact, answer=answer, seed="victory|2908", sentence=sentence)
    assert len(choices) == 4 and choices.count(answer) == 1
    for choice in choices:
        # Each choice is a figure and the neutral noun, as the answer is.
        assert re.fullmatch(r"\d{1,3}(?:,\d{3})* soldiers", choice), choices
        assert unquoted_terms(choice, terms=TERMS) == []


def article_of(*sentences, terms=TERMS):
    return ArticleText(
        slug="victory",
        title="Victory",
        outlet="TRT",
        published=date(2023, 11, 8),
        sentences=tuple(SentenceText(i, text) for i, text in enumerate(sentences)),
        contested_terms=terms,
    )


def test_a_stem_naming_the_counted_thing_takes_the_bare_figure():
    sentence = "In the war, the Azerbaijani army lost 2,908 martyrs."
    (draft,) = [
        d for d in generate_drafts(article_of(sentence), context=LibraryContext())
        if d.kind == "number"
    ]  # fmt: skip
    assert draft.stem == (
        "According to TRT on 8 November 2023, how many soldiers did the Azerbaijani army lose in"
        " the war?"
    )
    assert draft.answer == "2,908"
    assert draft.mode == "choice" and draft.choices.count("2,908") == 1
    assert all(find_number_token(c).group() == c for c in draft.choices), draft.choices
    assert len(set(draft.choices)) == 4
    assert draft.answer not in draft.stem
    # The feedback keeps the outlet's sentence, and the span marks the answer as written there.
    assert draft.sentence_text == sentence
    assert draft.sentence_text[draft.answer_start : draft.answer_end] == "2,908 martyrs"
    # Its identity is the fact's, as before: a re-run refreshes the stored question.
    assert draft.fingerprint == fingerprint_of(draft.fact) == "number:2908:martyrs"
    # Without the term in the glossary, the answer is shown as written.
    (plain,) = [
        d for d in generate_drafts(article_of(sentence, terms=()), context=LibraryContext())
        if d.kind == "number"
    ]  # fmt: skip
    assert plain.answer == "2,908 martyrs" and plain.fingerprint == draft.fingerprint


REGIONS = tuple(
    KnownEntity(name=name, type="region")
    for name in ("Artsakh", "Lachin", "Nakhchivan", "Syunik", "Kalbajar")
)


def test_a_loaded_entity_is_neither_asked_nor_offered():
    sentences = (
        "The ceremony was held in Artsakh on 2 September 2021.",
        "Lachin and Artsakh were linked by a road.",
    )
    context = LibraryContext(entities=REGIONS)
    loaded = generate_drafts(article_of(*sentences, terms=()), context=context)
    # The generator would ask it, and offer it as a wrong choice, if the glossary did not list it
    assert any(d.answer == "Artsakh" for d in loaded)
    assert any("Artsakh" in d.choices for d in loaded if d.answer != "Artsakh")
    drafts = generate_drafts(article_of(*sentences), context=context)
    assert drafts
    for draft in drafts:
        assert draft.answer != "Artsakh"
        for text in (draft.answer, *draft.choices):
            assert unquoted_terms(text, terms=TERMS) == [], (draft.stem, text)


# -- over the real texts and the seeds, through the database ------------------------------------

_QUOTE_SPANS = re.compile(r"\"[^\"]*\"|“[^”]*”")


def loaded_uses(stem, terms):
    """The glossary terms `stem` uses in its own voice, checked apart from the generator's own
    rule: a use is fine inside quotation marks, or as part of a name (capitalised mid-sentence
    although the glossary writes the term in lower case: "the Alley of Martyrs")."""
    quoted = [m.span() for m in _QUOTE_SPANS.finditer(stem)]
    uses = []
    for match in find_terms(stem, terms):
        written = stem[match.start : match.end]
        if any(start <= match.start and match.end <= end for start, end in quoted):
            continue
        if written[0].isupper() and str(match.term)[0].islower() and match.start > 0:
            continue
        uses.append(written)
    return uses


@pytest.mark.django_db
def test_no_stem_answer_or_choice_from_the_tune_texts_and_seeds_holds_an_unquoted_glossary_term():
    call_command("import_articles", str(SEEDS), str(TUNE), stdout=StringIO(), stderr=StringIO())
    call_command("generate_questions", stdout=StringIO())
    one_side = ContestedTerm.objects.filter(
        usage__in=[ContestedTerm.Usage.AZERBAIJANI, ContestedTerm.Usage.ARMENIAN]
    )
    terms = [GlossTerm(term=t.term, forms=(t.term, *t.variants), gloss="") for t in one_side]
    terms.append(GlossTerm(term="infiltration", forms=("infiltration", "infiltrated"), gloss=""))
    assert {"martyrs", "liberation", "occupation", "ethnic cleansing"} <= {t.term for t in terms}
    questions = list(Question.objects.all())
    assert len(questions) > 50
    glossed_sources = 0
    choices = {}
    for choice in Choice.objects.filter(question__in=questions):
        choices.setdefault(choice.question_id, []).append(choice.text)
    for question in questions:
        body = question.stem[len(question.attribution) :]
        assert loaded_uses(body, terms) == [], question.stem
        # The answer and the choices speak in the question's voice too.
        for text in (question.answer, *choices.get(question.pk, ())):
            assert loaded_uses(text, terms) == [], (question.stem, text)
        if find_terms(question.sentence_text, terms):
            glossed_sources += 1
            # The feedback quotes the outlet's sentence as it stands in the article.
            assert question.sentence_text == question.sentence.text
    assert glossed_sources >= 10


@pytest.mark.django_db
def test_contested_terms_lists_one_sides_terms_only():
    terms = {forms[0]: forms for forms in contested_terms()}
    assert "liberated" in terms["liberation"] and "martyr" in terms["martyrs"]
    assert "Shusha" not in terms and "Nagorno-Karabakh" not in terms  # place and neutral names
