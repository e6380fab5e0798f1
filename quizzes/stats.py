"""Item analysis: how hard each question is and how well it separates strong from weak learners.

The definitions are Moodle's (docs.moodle.org, "Quiz statistics calculations"):

- facility index F = 100 · mean(x) / max(x): the mean score on the item as a percentage of
  the most it can score; high means easy.
- discrimination index D = 100 · r(x, X − x): the Pearson correlation, over attempts, between
  the score on the item and the score on the rest of the test; low or negative means the item
  does not agree with the rest of the quiz about who knows the material.

Only finished attempts count. An item's score is the credit (0 to 1) of its response, so its
maximum is 1; the rest-of-test score is the attempt's total credit minus the item's.

The first two functions are pure arithmetic over numbers; `item_statistics()` gathers the
numbers from the database in a single query.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value

from .models import Response

# A response's credit runs from 0 to 1.
ITEM_MAX_SCORE = 1.0

# Moodle suggests reviewing items whose discrimination is below about 25–30%.
LOW_DISCRIMINATION = 25.0


@dataclass(frozen=True)
class ItemStats:
    """One question's statistics: attempts counted, facility and discrimination (percent)."""

    n: int
    facility: float | None
    discrimination: float | None

    @property
    def discriminates_poorly(self) -> bool:
        """True when the discrimination is known and below LOW_DISCRIMINATION."""
        return self.discrimination is not None and self.discrimination < LOW_DISCRIMINATION


def facility_index(scores, max_score):
    """100 · mean(scores) / max_score, or None when there are no scores or no positive
    maximum."""
    scores = list(scores)
    if not scores or max_score is None or max_score <= 0:
        return None
    return 100.0 * math.fsum(scores) / len(scores) / max_score


def discrimination_index(item_scores, rest_scores):
    """100 · Pearson correlation of the paired item and rest-of-test scores.

    None when it is undefined: fewer than two attempts, or either list without variance
    (everyone scored the same). Raises ValueError when the lists differ in length.
    """
    xs, ys = list(item_scores), list(rest_scores)
    if len(xs) != len(ys):
        raise ValueError(f"{len(xs)} item scores but {len(ys)} rest-of-test scores")
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = math.fsum(xs) / n, math.fsum(ys) / n
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    # Scores are sums of a few credits, so a variance this small is rounding, not spread.
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = math.fsum(a * b for a, b in zip(dx, dy, strict=True))
    r = sxy / math.sqrt(sxx * syy)
    return 100.0 * max(-1.0, min(1.0, r))


def compute_item_stats(item_scores, rest_scores, max_score=ITEM_MAX_SCORE):
    """ItemStats over paired item and rest-of-test scores (one pair per attempt)."""
    item_scores, rest_scores = list(item_scores), list(rest_scores)
    return ItemStats(
        n=len(item_scores),
        facility=facility_index(item_scores, max_score),
        discrimination=discrimination_index(item_scores, rest_scores),
    )


def item_statistics(*, questions=None):
    """Statistics of every question with responses in finished attempts, by question id.

    `questions` (a QuerySet, or an iterable of questions or ids) limits the result to those
    questions; rest-of-test scores still use every response of the attempts involved. One
    query, however many questions and attempts. Questions without responses are absent.
    """
    responses = Response.objects.filter(attempt__finished__isnull=False)
    if questions is None:
        rows = responses.annotate(selected=Value(True))
    else:
        if isinstance(questions, QuerySet):
            ids = questions.values("pk")
        else:
            ids = [getattr(question, "pk", question) for question in questions]
            if not ids:
                return {}
        rows = responses.filter(
            attempt__in=Response.objects.filter(question__in=ids).values("attempt_id")
        ).annotate(
            # The attempts hold other questions too: they count in rest-of-test scores only.
            selected=ExpressionWrapper(Q(question__in=ids), output_field=BooleanField())
        )

    credits = defaultdict(dict)  # attempt id → {question id: credit}
    selected = set()
    for attempt_id, question_id, credit, is_selected in rows.values_list(
        "attempt_id", "question_id", "credit", "selected"
    ):
        credits[attempt_id][question_id] = credit
        if is_selected:
            selected.add(question_id)

    pairs = defaultdict(lambda: ([], []))  # question id → (item scores, rest scores)
    for by_question in credits.values():
        total = math.fsum(by_question.values())
        for question_id, credit in by_question.items():
            if question_id in selected:
                item, rest = pairs[question_id]
                item.append(credit)
                rest.append(total - credit)

    return {
        question_id: compute_item_stats(item, rest) for question_id, (item, rest) in pairs.items()
    }


def poorly_discriminating_question_ids(*, threshold=LOW_DISCRIMINATION, min_attempts=5):
    """Ids of questions whose discrimination is known, from at least `min_attempts` finished
    attempts, and below `threshold`: candidates for the review queue."""
    return {
        question_id
        for question_id, stats in item_statistics().items()
        if stats.n >= min_attempts
        and stats.discrimination is not None
        and stats.discrimination < threshold
    }


def statistics_by_question(questions):
    """Attach item statistics to each question of an already fetched page, as `.item_stats`
    (an ItemStats, or None without responses), in one query: for admin list columns."""
    questions = list(questions)
    stats = item_statistics(questions=questions)
    for question in questions:
        question.item_stats = stats.get(question.pk)
    return questions
