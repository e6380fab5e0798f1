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
from quizzes.generation.types import ArticleText, LibraryContext, SentenceText
from quizzes.generation.wording import neutral_wording, unquoted_terms
from quizzes.models import Question

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
    assert "According to TRT, how many soldiers did the Azerbaijani army lose in the war?" in stems


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
def test_no_stem_generated_from_the_tune_texts_and_seeds_holds_an_unquoted_glossary_term():
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
    for question in questions:
        body = question.stem[len(question.attribution) :]
        assert loaded_uses(body, terms) == [], question.stem
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
