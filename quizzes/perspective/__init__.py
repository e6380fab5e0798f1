"""Perspective across outlets: who corroborates a fact, where outlets disagree, and the
questions built on that ("who reports it", "compare the sources").

**Same event: the heuristic.** Two statements are about the same event when their "event
words" share at least `MIN_SHARED_WORDS` words. A statement's event words are the content
words of its sentence and of the sentences just before and after it in its article: words of
four letters or more, lowercased, cut to their first six letters (so "Azerbaijani",
"Azerbaijan's" and "Azerbaijanis" meet, as do "liberated" and "liberation"), leaving out
common function words and the words of the value itself ("years", "November"). It is light on
purpose: it needs no model and explains itself (the shared words are shown to the teacher).
It errs towards "same event" when two outlets cover one story, which is why a corroboration
also needs the very same normalised value, and a discrepancy needs close values (see
`find_discrepancies`).

**Corroboration** (`corroboration_map`): another outlet's question, not rejected, with the same
kind and normalised answer, about the same event. Questions are the library's reviewed record
of facts, so this costs two queries for any number of questions.

**Discrepancy** (`find_discrepancies`): two outlets giving different but close values of the
same measure for the same event ("nearly 30 years" against "28 long years"). Found from every
sentence of the library with the generator's fact extraction, so a value that no question asks
about still counts; it reads the whole library, for a teacher's page, not for learners' pages.

**Attribution** (`attribution_for_question`): the wording (`attribution_for`) and the rule
(`attribution_may_be_dropped`) live in `quizzes.generation.attribution`; this module only
supplies the corroboration the rule needs.
"""

from .corroboration import (
    CORROBORABLE_KINDS,
    attribution_for_question,
    corroborating_outlets,
    corroboration_map,
)
from .discrepancies import (
    MAX_DATE_GAP_DAYS,
    MAX_NUMBER_GAP,
    Discrepancy,
    Mention,
    collect_mentions,
    find_discrepancies,
)
from .events import MIN_SHARED_WORDS, event_words, is_same_event, shared_event_words
from .questions import (
    MAX_OUTLET_CHOICES,
    MAX_OUTLET_QUESTIONS_PER_ARTICLE,
    PERSPECTIVE_QUALITY,
    REVIEW_NOTE,
    PerspectiveReport,
    build_compare_questions,
    build_outlet_questions,
    build_perspective_questions,
)

__all__ = [
    "CORROBORABLE_KINDS",
    "MAX_DATE_GAP_DAYS",
    "MAX_NUMBER_GAP",
    "MAX_OUTLET_CHOICES",
    "MAX_OUTLET_QUESTIONS_PER_ARTICLE",
    "MIN_SHARED_WORDS",
    "PERSPECTIVE_QUALITY",
    "REVIEW_NOTE",
    "Discrepancy",
    "Mention",
    "PerspectiveReport",
    "attribution_for_question",
    "build_compare_questions",
    "build_outlet_questions",
    "build_perspective_questions",
    "collect_mentions",
    "corroborating_outlets",
    "corroboration_map",
    "event_words",
    "find_discrepancies",
    "is_same_event",
    "shared_event_words",
]
