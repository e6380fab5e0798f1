"""Spaced repetition with FSRS-6 (the `fsrs` package): pure functions, no ORM.

A card's scheduling state travels as a `CardState`, built from and written back to the fields
of `quizzes.models.Card` (`CardState.from_fields(card)`, `state.as_fields()`). All times are
timezone-aware UTC. Fuzzing is off, so the interval shown on a rating button is exactly the
interval that rating gives.
"""

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

import fsrs

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = (AGAIN, HARD, GOOD, EASY)
LEARNING, REVIEW, RELEARNING = 1, 2, 3

_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


@dataclass(frozen=True)
class CardState:
    """The FSRS state of one card, as stored in `quizzes.models.Card`."""

    due: datetime
    state: int = LEARNING
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    @classmethod
    def from_fields(cls, obj):
        """Read the state from any object with Card's attribute names (a model instance)."""
        return cls(**{name: getattr(obj, name) for name in _FIELDS})

    def as_fields(self):
        """The state as a dict of Card field values."""
        return asdict(self)


@dataclass(frozen=True)
class Review:
    """What one review did: the rating given, when, and the card's state before it."""

    rating: int
    reviewed_at: datetime
    previous_state: int


def new_state(*, now):
    """The state of a card the learner has just met: learning, due now."""
    _check_utc(now)
    return CardState(due=now)


def review(*, state, rating, now, desired_retention):
    """Apply one review (`rating` 1–4) at `now`; return the new state and its `Review`."""
    _check_utc(now)
    if rating not in RATINGS:
        raise ValueError(f"Rating must be one of {RATINGS}, not {rating!r}.")
    now = _as_utc(now)
    scheduler = _scheduler(desired_retention)
    card, _log = scheduler.review_card(to_fsrs_card(state), fsrs.Rating(rating), now)
    # FSRS counts neither repetitions nor lapses; a lapse is forgetting a card in review.
    lapsed = state.state == REVIEW and rating == AGAIN
    new = from_fsrs_card(card, reps=state.reps + 1, lapses=state.lapses + int(lapsed))
    return new, Review(rating=rating, reviewed_at=now, previous_state=state.state)


def preview_intervals(*, state, now, desired_retention):
    """For each rating, how long until the card would be due again if given that rating now."""
    _check_utc(now)
    now = _as_utc(now)
    scheduler = _scheduler(desired_retention)
    card = to_fsrs_card(state)
    return {
        rating: scheduler.review_card(card, fsrs.Rating(rating), now)[0].due - now
        for rating in RATINGS
    }


def retrievability(*, state, now):
    """The probability (0 to 1) that the learner recalls the card at `now`; 0 if never reviewed."""
    _check_utc(now)
    return recall_probability(stability=state.stability, last_review=state.last_review, now=now)


# FSRS-6's forgetting curve with the default parameters (what `_scheduler` uses): the decay
# and factor `fsrs.Scheduler.get_card_retrievability` computes with, read once.
_DEFAULT_CURVE = fsrs.Scheduler(enable_fuzzing=False)
_DECAY, _FACTOR = _DEFAULT_CURVE._DECAY, _DEFAULT_CURVE._FACTOR
# (decay, factor): recall after t whole days at stability S is (1 + factor * t / S) ** decay.
FORGETTING_CURVE = (float(_DECAY), float(_FACTOR))


def recall_probability(*, stability, last_review, now):
    """`retrievability` from the two fields it depends on, without building an FSRS card:
    the dashboard asks it for every card of a learner. 0 if never reviewed; `now` is aware."""
    if last_review is None or stability is None:
        return 0.0
    # As fsrs does: whole days elapsed, never negative.
    elapsed_days = max(0, (now - last_review).days)
    return float((1 + _FACTOR * elapsed_days / stability) ** _DECAY)


def format_interval(*, delta):
    """A short human label for an interval: "1 min", "10 min", "5 hours", "1 day", "3 months"."""
    seconds = max(delta.total_seconds(), 0)
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    hours = round(seconds / 3600)
    if hours < 24:
        return _plural(hours, "hour")
    days = round(seconds / 86400)
    if days < 31:
        return _plural(days, "day")
    if days < 365:
        return _plural(round(days / 30.4), "month")
    return _plural(round(days / 365, 1) if days < 3650 else round(days / 365), "year")


def to_fsrs_card(state):
    """Convert our state to an `fsrs.Card`."""
    return fsrs.Card(
        # Without an id, fsrs.Card makes one from the clock and sleeps 1 ms to keep it unique:
        # the dashboard converts every card of a learner, so that sleep added seconds there.
        card_id=0,
        state=fsrs.State(state.state),
        # FSRS wants no step in review; our column may hold 0 there.
        step=None if state.state == REVIEW else (state.step or 0),
        stability=state.stability,
        difficulty=state.difficulty,
        due=_as_utc(state.due),
        last_review=_as_utc(state.last_review),
    )


def from_fsrs_card(card, *, reps=0, lapses=0):
    """Convert an `fsrs.Card` to our state (FSRS keeps no counts, so they are passed in)."""
    return CardState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=reps,
        lapses=lapses,
    )


def _scheduler(desired_retention):
    if not 0.7 <= desired_retention <= 0.99:
        raise ValueError("Desired retention must be between 0.70 and 0.99.")
    return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)


def _check_utc(moment):
    if moment.tzinfo is None or moment.utcoffset() != timedelta(0):
        raise ValueError("Times must be timezone-aware UTC.")


def _as_utc(moment):
    # FSRS insists on datetime.UTC itself; database drivers may hand back an equal zone object.
    return moment.astimezone(UTC) if moment is not None else None


def _plural(count, word):
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    return f"{count} {word}{'' if count == 1 else 's'}"
