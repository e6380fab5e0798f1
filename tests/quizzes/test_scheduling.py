"""The FSRS wrapper, tested without a database."""

from datetime import UTC, datetime, timedelta, timezone

import fsrs
import pytest

from quizzes.scheduling import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    REVIEW,
    CardState,
    format_interval,
    new_state,
    preview_intervals,
    recall_probability,
    retrievability,
    review,
    to_fsrs_card,
)

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_a_new_card_is_learning_and_due_now():
    state = new_state(now=NOW)
    assert state.due == NOW
    assert (state.reps, state.lapses, state.last_review) == (0, 0, None)


def test_review_moves_the_due_date_by_the_rating():
    state = new_state(now=NOW)
    again, log = review(state=state, rating=AGAIN, now=NOW, desired_retention=0.9)
    good, _ = review(state=state, rating=GOOD, now=NOW, desired_retention=0.9)
    easy, _ = review(state=state, rating=EASY, now=NOW, desired_retention=0.9)
    assert again.due - NOW == timedelta(minutes=1)
    assert good.due - NOW == timedelta(minutes=10)
    assert easy.state == REVIEW
    assert easy.due - NOW >= timedelta(days=1)
    assert again.last_review == NOW
    assert again.reps == 1
    assert (log.rating, log.reviewed_at) == (AGAIN, NOW)


def test_preview_matches_what_each_rating_does():
    state = new_state(now=NOW)
    state, _ = review(state=state, rating=EASY, now=NOW, desired_retention=0.9)
    later = state.due
    preview = preview_intervals(state=state, now=later, desired_retention=0.9)
    assert list(preview) == [AGAIN, HARD, GOOD, EASY]
    for rating, interval in preview.items():
        after, _ = review(state=state, rating=rating, now=later, desired_retention=0.9)
        assert after.due - later == interval
    assert preview[AGAIN] < preview[HARD] < preview[GOOD] < preview[EASY]


def test_forgetting_a_card_in_review_is_a_lapse():
    state, _ = review(state=new_state(now=NOW), rating=EASY, now=NOW, desired_retention=0.9)
    forgotten, _ = review(state=state, rating=AGAIN, now=state.due, desired_retention=0.9)
    assert forgotten.lapses == 1
    assert forgotten.reps == 2


def test_higher_desired_retention_gives_shorter_intervals():
    state, _ = review(state=new_state(now=NOW), rating=EASY, now=NOW, desired_retention=0.9)
    low = preview_intervals(state=state, now=state.due, desired_retention=0.8)
    high = preview_intervals(state=state, now=state.due, desired_retention=0.97)
    assert high[GOOD] < low[GOOD]


def test_retrievability_falls_with_time():
    assert retrievability(state=new_state(now=NOW), now=NOW) == 0.0
    state, _ = review(state=new_state(now=NOW), rating=GOOD, now=NOW, desired_retention=0.9)
    soon = retrievability(state=state, now=NOW + timedelta(hours=1))
    late = retrievability(state=state, now=NOW + timedelta(days=30))
    assert 0 < late < soon <= 1


@pytest.mark.parametrize("days", [0, 0.5, 1, 3.9, 30, 400])
def test_recall_probability_is_what_fsrs_computes(days):
    state, _ = review(state=new_state(now=NOW), rating=GOOD, now=NOW, desired_retention=0.9)
    state, _ = review(state=state, rating=EASY, now=state.due, desired_retention=0.9)
    at = state.last_review + timedelta(days=days)
    expected = fsrs.Scheduler().get_card_retrievability(to_fsrs_card(state), at)
    got = recall_probability(stability=state.stability, last_review=state.last_review, now=at)
    assert got == pytest.approx(expected, abs=1e-12)
    assert retrievability(state=state, now=at) == got


def test_recall_probability_of_a_card_never_reviewed_is_zero():
    assert recall_probability(stability=None, last_review=None, now=NOW) == 0.0
    # A review stamped after `now` (clock skew) counts as no time elapsed.
    assert recall_probability(stability=2.0, last_review=NOW + timedelta(hours=5), now=NOW) == 1.0


def test_state_round_trips_through_card_fields():
    state, _ = review(state=new_state(now=NOW), rating=GOOD, now=NOW, desired_retention=0.9)

    class Row:
        pass

    row = Row()
    for name, value in state.as_fields().items():
        setattr(row, name, value)
    assert CardState.from_fields(row) == state


def test_times_must_be_utc():
    naive = datetime(2026, 1, 5, 9, 0)
    with pytest.raises(ValueError, match="UTC"):
        new_state(now=naive)
    paris = datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(ValueError, match="UTC"):
        review(state=new_state(now=NOW), rating=GOOD, now=paris, desired_retention=0.9)


def test_other_utc_zone_objects_are_accepted():
    other_utc = timezone(timedelta(0))
    state, _ = review(
        state=new_state(now=NOW.replace(tzinfo=other_utc)),
        rating=GOOD,
        now=NOW.replace(tzinfo=other_utc),
        desired_retention=0.9,
    )
    assert state.due == NOW + timedelta(minutes=10)


def test_bad_ratings_and_retention_are_refused():
    with pytest.raises(ValueError):
        review(state=new_state(now=NOW), rating=5, now=NOW, desired_retention=0.9)
    with pytest.raises(ValueError):
        review(state=new_state(now=NOW), rating=GOOD, now=NOW, desired_retention=1.5)


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(seconds=20), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 hours"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3), "3 days"),
        (timedelta(days=60), "2 months"),
        (timedelta(days=400), "1.1 years"),
    ],
)
def test_intervals_have_short_labels(delta, label):
    assert format_interval(delta=delta) == label
