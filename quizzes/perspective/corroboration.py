"""Corroboration: other outlets that state the same value about the same event, and the
attribution a question shows with it."""

from content.models import Sentence
from quizzes.generation import (
    attribution_for,
    attribution_may_be_dropped,
    is_casualty_or_money,
)
from quizzes.generation.types import Fact
from quizzes.models import Question

from .events import event_words, is_same_event


def _context_texts(sentences):
    """Map (article_id, position) to the sentence text, for the given sentence keys and their
    neighbours: one query."""
    keys = set()
    for article_id, position in sentences:
        keys.update(
            {(article_id, position - 1), (article_id, position), (article_id, position + 1)}
        )
    if not keys:
        return {}
    rows = Sentence.objects.filter(
        article_id__in={a for a, _ in keys}, position__in={p for _, p in keys if p >= 0}
    ).values_list("article_id", "position", "text")
    return {(a, p): text for a, p, text in rows if (a, p) in keys}


def _question_words(question, texts):
    if question.sentence_id is None or question.sentence is None:
        return event_words(question.sentence_text) - _value_words(question.answer_as_written)
    key = (question.article_id, question.sentence.position)
    around = [texts.get((key[0], key[1] + offset), "") for offset in (-1, 1)]
    return event_words(question.sentence_text, *around) - _value_words(question.answer_as_written)


def _value_words(text):
    return event_words(text)


CORROBORABLE_KINDS = {Question.Kind.DATE, Question.Kind.NUMBER}


def corroboration_map(*, questions):
    """Map each question's pk to the outlets (Outlet objects, by name) other than its own whose
    articles state the same fact: a question of theirs, not rejected, of the same kind and
    normalised answer, about the same event (`is_same_event`).

    Questions without a normalised answer (entities written freely, authored questions) are
    corroborated by nobody. Three queries whatever the number of questions.
    """
    questions = list(questions)
    # Only dates and numbers: a name recurs across unrelated statements ("Ilham Aliyev said…"),
    # so two outlets naming the same person or place is no evidence that they state one fact.
    keys = {
        (q.kind, q.answer_normalized)
        for q in questions
        if q.answer_normalized and q.kind in CORROBORABLE_KINDS
    }
    if not keys:
        return {q.pk: [] for q in questions}
    candidates = list(
        Question.objects.not_rejected()
        .filter(
            kind__in={kind for kind, _ in keys},
            answer_normalized__in={value for _, value in keys},
        )
        .select_related("article__outlet", "sentence")
    )
    by_key = {}
    for candidate in candidates:
        by_key.setdefault((candidate.kind, candidate.answer_normalized), []).append(candidate)
    everyone = [*questions, *candidates]
    texts = _context_texts(
        (q.article_id, q.sentence.position) for q in everyone if q.sentence_id and q.sentence
    )
    words = {}

    def words_of(question):
        if question.pk not in words:
            words[question.pk] = _question_words(question, texts)
        return words[question.pk]

    result = {}
    for question in questions:
        outlets = {}
        if (question.kind, question.answer_normalized) in keys:
            own = question.article.outlet_id
            for candidate in by_key.get((question.kind, question.answer_normalized), []):
                outlet = candidate.article.outlet
                if outlet.pk == own or outlet.pk in outlets:
                    continue
                if is_same_event(words_of(question), words_of(candidate)):
                    outlets[outlet.pk] = outlet
        result[question.pk] = sorted(outlets.values(), key=lambda o: o.name)
    return result


def corroborating_outlets(*, question):
    """The outlets other than the question's own that state the same fact (see
    `corroboration_map`), sorted by name."""
    return corroboration_map(questions=[question])[question.pk]


def attribution_for_question(*, question, corroborating=None):
    """Return the attribution the question must carry: `attribution_for` its outlet and voice,
    or "" when the rule allows dropping it.

    The rule itself lives in `quizzes.generation.attribution_may_be_dropped` (a single-source
    claim is always attributed; it may be dropped only when outlets of different alignments
    state the fact, and never for casualty or money figures); this function feeds it the
    library's corroboration. `corroborating` are the other outlets stating the fact
    (computed with `corroborating_outlets` when not given).
    """
    outlet = question.article.outlet
    if corroborating is None:
        corroborating = corroborating_outlets(question=question)
    fact = Fact(
        kind=question.kind,
        sentence_position=question.sentence.position if question.sentence_id else 0,
        start=question.answer_start,
        end=question.answer_end,
        text=question.answer_as_written,
        value=question.answer_normalized,
        # Money is normalised as "<amount> <currency>": the currency is the fact's unit.
        unit=question.answer_normalized.rpartition(" ")[2]
        if " " in question.answer_normalized
        else "",
    )
    may_drop = attribution_may_be_dropped(
        alignments=[outlet.alignment, *(o.alignment for o in corroborating)],
        casualty_or_money=is_casualty_or_money(fact=fact, sentence=question.sentence_text),
    )
    if corroborating and may_drop:
        return ""
    return attribution_for(
        outlet=outlet.name, voice=question.article.voice, name=outlet.attribution_name
    )
