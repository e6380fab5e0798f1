"""Flashcard reviews: the learner's settings, the due queue, and every write to a card.

A card is reviewed from a flashcard (`review_card`) or from a quiz answer
(`quizzes.answering.record_answer`, through `apply_review`); scheduling is
`quizzes.scheduling`. Views call these functions and render what they return.

Once a card has been seen today (a review log since the start of the day), the cards of its
sibling questions (`quizzes.siblings`) are held back until the next day, as Anki buries
siblings: the queue leaves them out, their FSRS state is untouched.
"""

from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction
from django.db.models import BooleanField, Case, Count, Max, Min, Q, When

from . import scheduling
from .models import LEARN_AHEAD, Card, CardQuerySet, LearnerProfile, QuestionQuerySet, ReviewLog
from .siblings import SIBLING_FIELDS, siblings_of

DEFAULT_RETENTION = LearnerProfile._meta.get_field("desired_retention").default


class StaleReview(Exception):
    """The card changed since the learner saw it (a repeated or late rating)."""


def _start_of_day(now):
    return datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)


class ReviewStart(NamedTuple):
    """What `start_review` returns: the first card (or None), how many cards are due, and
    the ids of the due cards held back until tomorrow as siblings of a card seen today."""

    card: Card | None
    count: int
    held_back: frozenset


def _queue_today(*, learner, now):
    """The learner's due cards in queue order (due, id), each with its question's stem, and
    the ids of those held back today: one query, which also reads the cards seen today
    (reviewed as a flashcard or answered in a quiz since the start of the day) that the
    sibling rules compare them with.

    Returns (queued cards, held-back ids); the held-back cards are not in the list.
    """
    queued = CardQuerySet.is_due(now) & QuestionQuerySet.is_published("question__")
    seen_today = CardQuerySet.is_seen_since(_start_of_day(now))
    cards = list(
        Card.objects.for_learner(learner)
        .filter(queued | Q(seen_today))
        .annotate(
            queued=Case(When(queued, then=True), default=False, output_field=BooleanField()),
            seen=seen_today,
        )
        .select_related("question")
        .only(
            "id",
            "reps",
            "due",
            "introduced",
            "learner_id",
            "question_id",
            "question__stem",
            *(f"question__{name}" for name in SIBLING_FIELDS),
        )
        .order_by("due", "id")
    )
    due = [card for card in cards if card.queued]
    seen = [card.question for card in cards if card.seen]
    buried = {question.pk for question in siblings_of(seen, [card.question for card in due])}
    queue = [card for card in due if card.question_id not in buried]
    held_back = frozenset(card.pk for card in due if card.question_id in buried)
    return queue, held_back


def usable_retention(value):
    """The desired retention FSRS schedules with: the settings form keeps it within
    0.70–0.97; a value set another way (admin, shell) must not break reviews, so it is
    brought back into what FSRS is tuned for."""
    if value is None:
        return DEFAULT_RETENTION
    return min(max(float(value), 0.7), 0.99)


def apply_review(*, card, learner_id, question, rating, source, retention, now, duration_ms=None):
    """Review `card` (or a new card, when None) with `rating` and log the review; return the
    card, or None, having written nothing, when the card changed since it was read (the
    caller decides whether that undoes its transaction).

    A new card is created with `create`, which raises IntegrityError when the learner's card
    for the question was created concurrently. An existing card is updated only if its
    review count (`reps`, one more on every review: the card's version) is still the one
    read, so of two reviews of the same state only the first is written.
    """
    if card is None:
        state = scheduling.new_state(now=now)
    else:
        state = scheduling.CardState.from_fields(card)
    new, review = scheduling.review(
        state=state, rating=rating, now=now, desired_retention=usable_retention(retention)
    )
    fields = new.as_fields()
    if source == ReviewLog.Source.FLASHCARD and (card is None or card.introduced is None):
        fields["introduced"] = now
    if card is None:
        card = Card.objects.create(learner_id=learner_id, question=question, **fields)
    else:
        if not Card.objects.filter(pk=card.pk, reps=card.reps).update(**fields):
            return None
        for name, value in fields.items():
            setattr(card, name, value)
    ReviewLog.objects.create(
        card=card,
        rating=review.rating,
        source=source,
        reviewed_at=review.reviewed_at,
        review_duration_ms=duration_ms,
    )
    return card


def get_profile(*, learner, now=None):
    """The learner's settings, created with the defaults on first use.

    With `now`, the same query also counts the learner's cards that joined the review deck
    since the start of that day (for `due_cards`, `start_review` and `next_due`, which then
    count nothing), and reads what tells whether the learner's queue may have changed since
    it was last worked out (`start_review` keeps it in the cache): the learner's cards, their
    latest review and when the first card that is not due now falls due.
    """
    # The dashboard's history snapshot (progress.read_history_before) is not for here.
    profiles = LearnerProfile.objects.defer("history")
    if now is not None:
        # Not due (CardQuerySet.is_due) said without negation, which the ORM builds and
        # compiles at a third of the query's cost over the nullable join: a card in a
        # learning step is not due while its time is over LEARN_AHEAD away, any other card
        # while its time is to come.
        steps = [Card.State.LEARNING, Card.State.RELEARNING]
        step_later = Q(user__cards__state__in=steps, user__cards__due__gt=now + LEARN_AHEAD)
        others = [state for state in Card.State.values if state not in steps]
        review_later = Q(user__cards__state__in=others, user__cards__due__gt=now)
        profiles = profiles.annotate(
            introduced_today=Count(
                "user__cards", filter=Q(user__cards__introduced__gte=_start_of_day(now))
            ),
            n_cards=Count("user__cards"),
            latest_review=Max("user__cards__last_review"),
            # When the first card not due now falls due: in a learning step LEARN_AHEAD
            # before its time (CardQuerySet.is_due), else at its time.
            next_step_due=Min("user__cards__due", filter=step_later),
            next_review_due=Min("user__cards__due", filter=review_later),
        )
    profile, created = profiles.get_or_create(user=learner)
    if now is not None and not created:
        profile.introduced_on = _start_of_day(now)
    return profile


def _count_introduced_today(*, learner, profile, now):
    if getattr(profile, "introduced_on", None) == _start_of_day(now):
        return profile.introduced_today
    return Card.objects.for_learner(learner).introduced_since(_start_of_day(now)).count()


def _new_card_allowance(*, learner, profile, now, limit):
    introduced_today = _count_introduced_today(learner=learner, profile=profile, now=now)
    return max(0, min(limit, profile.new_cards_per_day - introduced_today))


def review_card(*, learner, card, rating, now, expected_reps=None, duration_ms=None, profile=None):
    """Record a flashcard review of the learner's `card` with `rating` (1–4) at `now`.

    `expected_reps` is the card's review count when it was shown: if the card has been
    reviewed since (a double click, another tab), nothing is stored and StaleReview is raised.
    `duration_ms`, when known, is kept on the review log. `profile`, the learner's
    LearnerProfile if the caller has it, saves reading it again.
    Raises ValueError for a card of another learner or a rating outside 1–4.
    """
    if card.learner_id != learner.pk:
        raise ValueError("This card belongs to another learner.")
    if rating not in scheduling.RATINGS:
        raise ValueError("Rate the card from 1 (Again) to 4 (Easy).")
    if expected_reps is not None and card.reps != expected_reps:
        raise StaleReview("This card has already been rated.")
    profile = profile or get_profile(learner=learner)
    was_new = card.introduced is None
    # One atomic block for the card and its log; inside a caller's transaction it is part of
    # it, all or nothing, without a savepoint (nothing here recovers from an error).
    with transaction.atomic(savepoint=False):
        reviewed = apply_review(
            card=card,
            learner_id=learner.pk,
            question=card.question,
            rating=rating,
            source=ReviewLog.Source.FLASHCARD,
            retention=profile.desired_retention,
            now=now,
            duration_ms=duration_ms,
        )
    # Raised outside the block: nothing was written, the caller's transaction stays usable.
    if reviewed is None:
        raise StaleReview("This card has already been rated.")
    if getattr(profile, "introduced_on", None) == _start_of_day(now):
        # Keep what get_profile read true: the card was reviewed now, perhaps joining the deck
        # (and the next start_review works the queue out again: a new cache key).
        profile.introduced_today += was_new
        profile.latest_review = now
    return reviewed


def preview_card(*, learner, card, now, profile=None):
    """For each rating 1–4, the label of the interval it would give the card ("10 min").

    `profile`, the learner's LearnerProfile if the caller has it, saves reading it again.
    """
    profile = profile or get_profile(learner=learner)
    intervals = scheduling.preview_intervals(
        state=scheduling.CardState.from_fields(card),
        now=now,
        desired_retention=usable_retention(profile.desired_retention),
    )
    return {rating: scheduling.format_interval(delta=delta) for rating, delta in intervals.items()}


def _queue_head(queue, *, allowance, limit):
    """The cards of `queue` (due, in order) to review now: the known ones and at most
    `allowance` new ones, at most `limit` in all, in queue order."""
    known = [card for card in queue if card.introduced is not None][:limit]
    new = [card for card in queue if card.introduced is None][:allowance]
    return sorted(known + new, key=lambda card: (card.due, card.pk))[:limit]


def due_cards(*, learner, now, limit=50, profile=None):
    """The learner's cards to review now, most overdue first, at most `limit`, each with its
    question, article (without its body), outlet and sentence.

    Cards already in the review deck come when due (learning steps up to LEARN_AHEAD early);
    cards new to the deck join at most `new_cards_per_day` a day (UTC days). Cards whose
    question is no longer published are left out, and so are the siblings of a card seen
    today (until tomorrow). `profile`, the learner's LearnerProfile if the caller has it,
    saves reading it again.
    """
    profile = profile or get_profile(learner=learner)
    queue, _ = _queue_today(learner=learner, now=now)
    allowance = _new_card_allowance(learner=learner, profile=profile, now=now, limit=limit)
    head = [card.pk for card in _queue_head(queue, allowance=allowance, limit=limit)]
    return list(
        Card.objects.filter(pk__in=head)
        .select_related("question__article__outlet", "question__sentence")
        # A card shows its sentence, never the article's text: up to `limit` bodies for nothing.
        .defer("question__article__body")
        .order_by("due", "id")
    )


def start_review(*, learner, now, profile=None, limit=100):
    """The card to show first in a review session now, how many are due, and which due cards
    are held back until tomorrow: the head and length of `due_cards(..., limit=limit)`.

    Returns a ReviewStart (card or None, count, held_back ids). The card comes with its
    question's stem only (the front of the card); `get_card` loads what its back shows. One
    query whatever the number of cards. `profile`, the learner's LearnerProfile if the caller
    has it (from `get_profile(now=...)`), saves reading it again, and lets the result come
    from the cache while the queue has not changed: then only the first card is read, by its
    id (no query at all when nothing is due), not every due card.
    """
    profile = profile or get_profile(learner=learner, now=now)
    key = _queue_key(learner=learner, profile=profile, now=now, limit=limit)
    valid_until, held_back, first_id, count = (cache.get(key) if key else None) or (now, 0, 0, 0)
    if now < valid_until:
        first = _front(first_id) if first_id else None
        if first is not None or not first_id:  # (the card may have gone since)
            return ReviewStart(first, count, held_back)
    queue, held_back = _queue_today(learner=learner, now=now)
    allowance = _new_card_allowance(learner=learner, profile=profile, now=now, limit=limit)
    head = _queue_head(queue, allowance=allowance, limit=limit)
    start = ReviewStart(head[0] if head else None, len(head), held_back)
    if key:
        valid_until = _unchanged_until(profile=profile, now=now)
        timeout = max(int((valid_until - now).total_seconds()), 0)
        entry = (valid_until, held_back, start.card.pk if start.card else None, start.count)
        cache.set(key, entry, timeout=timeout)
    return start


def _front(card_id):
    """The card with what its front shows (its question's stem), or None if it is gone."""
    return (
        Card.objects.select_related("question")
        .only("id", "reps", "due", "introduced", "learner_id", "question_id", "question__stem")
        .filter(pk=card_id)
        .first()
    )


def _queue_key(*, learner, profile, now, limit):
    """The cache key of the learner's review start today, or None without what it needs.

    The queue changes when a card is reviewed (a later latest review, perhaps a card seen
    today for the first time, perhaps one more card introduced today), when a card is
    created or deleted (the number of cards), when the daily limit of new cards is changed,
    and when a card falls due (`_unchanged_until`, kept with the entry); the day is in the
    key, as sibling burying and the daily limit last a day. (A question published or
    unpublished shows when the entry expires: within the cache's timeout.)
    """
    if getattr(profile, "introduced_on", None) != _start_of_day(now):
        return None  # not read by get_profile(now=now)
    latest = profile.latest_review.timestamp() if profile.latest_review else 0
    day = _start_of_day(now).date().isoformat()
    return (
        f"quizzes:review-start:v1:{learner.pk}:{day}:{profile.n_cards}:{latest}:"
        f"{profile.new_cards_per_day}:{limit}"
    )


def _unchanged_until(*, profile, now):
    """Until when the due queue stays as it is now, at most: until the next card that is not
    due falls due (counted from LEARN_AHEAD before, the earliest a learning card is shown),
    or the day ends."""
    until = _start_of_day(now) + timedelta(days=1)
    if profile.next_step_due is not None:
        until = min(until, profile.next_step_due - LEARN_AHEAD)
    if profile.next_review_due is not None:
        until = min(until, profile.next_review_due)
    return until


def next_due(*, learner, now, profile=None, held_back=None):
    """When the learner's next card falls due after the current queue is done; None if none.

    A new card held back by today's limit, and a card held back as the sibling of one seen
    today, count from the start of the next day. `held_back`, the ids `start_review`
    returned, saves working them out again; `profile`, the learner's LearnerProfile if the
    caller has it, saves reading it again, and when read by `get_profile(now=...)` lets the
    answer come from the cache while the queue has not changed (see `_queue_key`).
    """
    profile = profile or get_profile(learner=learner)
    # Like the review start (`start_review`), the answer holds while the queue is unchanged:
    # kept in the cache under the same kind of key, until the next card not due falls due.
    key = _queue_key(learner=learner, profile=profile, now=now, limit="next-due")
    if key and (entry := cache.get(key)) is not None and now < entry[0]:
        return entry[1]
    first = _next_due(learner=learner, now=now, profile=profile, held_back=held_back)
    if key:
        valid_until = _unchanged_until(profile=profile, now=now)
        timeout = max(int((valid_until - now).total_seconds()), 0)
        cache.set(key, (valid_until, first), timeout=timeout)
    return first


def _next_due(*, learner, now, profile, held_back):
    if held_back is None:
        _, held_back = _queue_today(learner=learner, now=now)
    tomorrow = _start_of_day(now) + timedelta(days=1)
    candidates = [tomorrow] if held_back else []
    # One query for both: the first known card not due now, and the first new card not held
    # back (held-back cards are due now, so only the new ones need leaving out).
    new = Q(introduced__isnull=True)
    if held_back:
        new &= ~Q(pk__in=held_back)
    firsts = (
        Card.objects.for_learner(learner)
        .published()
        .aggregate(
            known=Min("due", filter=Q(introduced__isnull=False) & ~CardQuerySet.is_due(now)),
            new=Min("due", filter=new),
        )
    )
    if first := firsts["known"]:
        candidates.append(first)
    if first := firsts["new"]:
        introduced_today = _count_introduced_today(learner=learner, profile=profile, now=now)
        if introduced_today >= profile.new_cards_per_day:
            first = max(first, tomorrow)
        candidates.append(first)
    return min(candidates) if candidates else None


def get_card(*, learner, card_id):
    """The learner's card with its question and source; Card.DoesNotExist for anyone else's."""
    return (
        Card.objects.for_learner(learner)
        .select_related("question__article__outlet", "question__sentence")
        .defer("question__article__body")
        .get(pk=card_id)
    )
