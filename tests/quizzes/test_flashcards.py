import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Min
from django.test.utils import CaptureQueriesContext

from quizzes import answering, flashcards
from quizzes.models import LEARN_AHEAD, Card, LearnerProfile, Question, ReviewLog
from quizzes.siblings import are_siblings, siblings_of
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import CardFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
TOMORROW = datetime(2026, 3, 3, tzinfo=UTC)
FSRS_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def unrelated_card(n, **kwargs):
    """A card whose question is no sibling of another unrelated card's: its own sentence, in
    its own article, and its own answer (a year no other such sentence holds)."""
    year = str(1900 + n)
    article = ArticleFactory(sentence_texts=(f"Round {n} of the talks ended in {year}.",))
    return CardFactory(question=QuestionFactory(article=article, answer=year), **kwargs)


def _sibling_deck(learner):
    """The seen card's question (the war ended on 10 November 2020), a sibling from the same
    sentence, a sibling from another article whose sentence holds the seen card's answer, and
    a card unrelated to them; all due at NOW, all new to the deck."""
    article = ArticleFactory()
    seen = CardFactory(learner=learner, due=NOW, question=QuestionFactory(article=article))
    same_sentence = CardFactory(
        learner=learner,
        due=NOW,
        question=QuestionFactory(article=article, answer="war", stem="What ended then?"),
    )
    other = ArticleFactory(sentence_texts=("Talks opened in Moscow after 10 November 2020.",))
    answer_in_sentence = CardFactory(
        learner=learner, due=NOW, question=QuestionFactory(article=other, answer="Moscow")
    )
    unrelated = unrelated_card(1, learner=learner, due=NOW)
    return seen, [same_sentence, answer_in_sentence], unrelated


def _fsrs(cards):
    return list(
        Card.objects.filter(pk__in=[c.pk for c in cards]).order_by("pk").values(*FSRS_FIELDS)
    )


def test_due_cards_come_most_overdue_first_and_leave_out_unpublished_questions():
    learner = UserFactory()
    late = CardFactory(learner=learner, due=NOW - timedelta(days=2), introduced=NOW, state=2)
    soon = CardFactory(learner=learner, due=NOW - timedelta(hours=1), introduced=NOW, state=2)
    CardFactory(learner=learner, due=NOW + timedelta(days=1), introduced=NOW, state=2)
    CardFactory(learner=learner, due=NOW, question=QuestionFactory(draft=True))
    CardFactory(due=NOW - timedelta(days=3))  # someone else's
    assert flashcards.due_cards(learner=learner, now=NOW) == [late, soon]
    assert LearnerProfile.objects.filter(user=learner).exists()  # created with defaults


def test_learning_cards_are_shown_a_little_early():
    learner = UserFactory()
    learning = CardFactory(learner=learner, due=NOW + timedelta(minutes=10), state=1)
    CardFactory(learner=learner, due=NOW + timedelta(minutes=10), state=2, introduced=NOW)
    assert flashcards.due_cards(learner=learner, now=NOW) == [learning]


def test_new_cards_per_day_limits_cards_new_to_the_deck():
    learner = UserFactory()
    profile = LearnerProfile.objects.create(user=learner, new_cards_per_day=2)
    CardFactory(
        learner=learner, due=NOW + timedelta(days=3), state=2, introduced=NOW - timedelta(hours=1)
    )  # joined the deck today
    new = [CardFactory(learner=learner, due=NOW - timedelta(minutes=i)) for i in range(3)]
    assert flashcards.due_cards(learner=learner, now=NOW) == [new[2]]  # oldest new card first
    profile.new_cards_per_day = 1
    profile.save()
    assert flashcards.due_cards(learner=learner, now=NOW) == []
    # Held back until the next (UTC) day.
    assert flashcards.next_due(learner=learner, now=NOW) == datetime(2026, 3, 3, tzinfo=UTC)


def _queue_head_and_length(learner, limit=100):
    queue = flashcards.due_cards(learner=learner, now=NOW, limit=limit)
    return (queue[0] if queue else None), len(queue)


@pytest.mark.parametrize("new_per_day", [0, 1, 2, 20])
def test_start_review_is_the_head_and_length_of_the_due_queue(new_per_day):
    learner = UserFactory()
    LearnerProfile.objects.create(user=learner, new_cards_per_day=new_per_day)
    # Known cards due at various times, new cards (never reviewed as flashcards) older still,
    # a learning card inside the learn-ahead window, one introduced today, and cards not due.
    before = NOW - timedelta(days=3)
    for hours in (1, 5, 30):
        CardFactory(learner=learner, due=NOW - timedelta(hours=hours), introduced=before, state=2)
    for hours in (2, 40, 41):
        CardFactory(learner=learner, due=NOW - timedelta(hours=hours))
    CardFactory(learner=learner, due=NOW + timedelta(minutes=10), state=1, introduced=before)
    # Introduced today: counts against today's new cards (none left with 0 or 1 a day).
    CardFactory(learner=learner, due=NOW + timedelta(days=2), introduced=NOW, state=2)
    CardFactory(learner=learner, due=NOW - timedelta(days=9), question=QuestionFactory(draft=True))
    CardFactory(due=NOW - timedelta(days=3))  # someone else's

    first, count, held_back = flashcards.start_review(learner=learner, now=NOW)
    assert (first, count) == _queue_head_and_length(learner)
    assert held_back == frozenset()  # nothing seen today
    # The same with today's count of new cards read along with the profile (the page's way).
    profile = flashcards.get_profile(learner=learner, now=NOW)
    assert flashcards.start_review(learner=learner, now=NOW, profile=profile)[:2] == (first, count)
    assert first.question.stem  # the front of the card is loaded with it
    # And with a small limit: the count stops there.
    small = flashcards.start_review(learner=learner, now=NOW, limit=2)
    assert small[:2] == (first, min(count, 2))


def test_start_review_with_nothing_due():
    learner = UserFactory()
    CardFactory(learner=learner, due=NOW + timedelta(days=1), introduced=NOW, state=2)
    assert flashcards.start_review(learner=learner, now=NOW) == (None, 0, frozenset())


def test_next_due_is_none_without_cards():
    assert flashcards.next_due(learner=UserFactory(), now=NOW) is None


def test_a_sibling_of_a_card_reviewed_today_waits_until_tomorrow():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    before = _fsrs(siblings)
    assert len(flashcards.due_cards(learner=learner, now=NOW)) == 4  # nothing seen yet

    flashcards.review_card(learner=learner, card=seen, rating=1, now=NOW)  # Again: 1 min
    later = NOW + timedelta(minutes=5)
    # The seen card itself goes on with its learning step; only its siblings wait.
    assert flashcards.due_cards(learner=learner, now=later) == [unrelated, seen]
    first, count, held_back = flashcards.start_review(learner=learner, now=later)
    assert (first, count) == (unrelated, 2)
    assert held_back == {card.pk for card in siblings}
    assert _fsrs(siblings) == before  # burying only filters the queue

    # Late in the day still, from the next day's start again.
    assert flashcards.due_cards(learner=learner, now=NOW.replace(hour=23, minute=59)) == [
        unrelated,
        seen,
    ]
    tomorrow = flashcards.due_cards(learner=learner, now=TOMORROW + timedelta(hours=1))
    assert {card.pk for card in siblings} <= {card.pk for card in tomorrow}
    assert flashcards.start_review(learner=learner, now=TOMORROW).held_back == frozenset()


def test_a_quiz_answer_today_holds_back_its_siblings_cards():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    before = _fsrs(siblings)
    quiz = QuizFactory(questions=[seen.question])
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    choice = next(choice for choice in slot.choices if choice.is_correct)
    answering.record_answer(attempt=attempt, question=slot.question, choice=choice, now=NOW)
    assert ReviewLog.objects.get().source == "quiz"

    queue = flashcards.due_cards(learner=learner, now=NOW + timedelta(minutes=1))
    assert siblings[0] not in queue and siblings[1] not in queue
    assert unrelated in queue
    assert _fsrs(siblings) == before


def test_held_back_cards_are_next_due_tomorrow():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    for card in (seen, unrelated):
        flashcards.review_card(learner=learner, card=card, rating=4, now=NOW)  # Easy: days
    assert flashcards.start_review(learner=learner, now=NOW)[:2] == (None, 0)
    assert flashcards.next_due(learner=learner, now=NOW) == TOMORROW


def test_cards_of_unrelated_questions_are_not_held_back():
    learner = UserFactory()
    cards = [unrelated_card(n, learner=learner, due=NOW) for n in range(1, 5)]
    flashcards.review_card(learner=learner, card=cards[0], rating=4, now=NOW)
    ReviewLog.objects.create(card=cards[1], rating=3, source="quiz", reviewed_at=NOW)
    later = NOW + timedelta(minutes=1)
    assert flashcards.due_cards(learner=learner, now=later) == cards[1:]
    assert flashcards.start_review(learner=learner, now=later) == (cards[1], 3, frozenset())


def test_siblings_of_finds_what_the_pairwise_rule_finds():
    """The indexed look-up behind the queue agrees with `are_siblings` on every pair."""
    texts = [
        ("The war ended on 10 November 2020.", "10 November 2020", None),
        ("The war ended on 10 November 2020.", "war", None),  # same text
        ("Talks in MOSCOW began after 10 november 2020.", "MOSCOW", None),  # case aside
        ("Moscow hosted the talks.", "the talks", 7),
        ("The loan was $1.5 billion, or 20% of the budget.", "$1.5 billion", 7),  # same id
        ("Aid rose by 20% in 2021.", "20%", None),
        ("A pause — then the vote.", "—", None),  # an answer without a word character
        ("The vote passed 71-68.", "71-68", None),
        ("Turnout was 68 percent.", "68", None),
        ("Nothing to ask here.", "", None),  # no answer
    ]
    questions = []
    for pk, (text, answer, sentence_id) in enumerate(texts, start=1):
        start = text.find(answer) if answer else 0
        questions.append(
            Question(
                pk=pk,
                sentence_id=sentence_id,
                sentence_text=text,
                answer_start=start,
                answer_end=start + len(answer),
            )
        )
    for n in range(1, len(questions) + 1):
        seen = questions[:n]
        expected = [q for q in questions if any(o.pk != q.pk and are_siblings(q, o) for o in seen)]
        assert siblings_of(seen, questions) == expected, n
    assert siblings_of(questions[:1], questions) == questions[1:3]  # never itself


def test_review_card_schedules_logs_and_introduces_the_card():
    learner = UserFactory()
    card = CardFactory(learner=learner, due=NOW)
    card = flashcards.get_card(learner=learner, card_id=card.pk)
    flashcards.review_card(learner=learner, card=card, rating=4, now=NOW, expected_reps=0)
    card.refresh_from_db()
    assert card.reps == 1
    assert card.introduced == NOW
    assert card.due >= NOW + timedelta(days=1)
    assert ReviewLog.objects.get().source == "flashcard"


def test_a_repeated_rating_is_ignored():
    learner = UserFactory()
    card = CardFactory(learner=learner, due=NOW)
    flashcards.review_card(learner=learner, card=card, rating=3, now=NOW, expected_reps=0)
    stale = Card.objects.get(pk=card.pk)
    with pytest.raises(flashcards.StaleReview):
        flashcards.review_card(learner=learner, card=stale, rating=1, now=NOW, expected_reps=0)
    # A second tab holding the old row loses the race at the database.
    old = CardFactory.build(pk=card.pk, learner=learner, question=card.question, due=NOW)
    with pytest.raises(flashcards.StaleReview):
        flashcards.review_card(learner=learner, card=old, rating=1, now=NOW)
    assert ReviewLog.objects.count() == 1


def test_review_card_refuses_other_learners_and_bad_ratings():
    card = CardFactory(due=NOW)
    with pytest.raises(ValueError):
        flashcards.review_card(learner=UserFactory(), card=card, rating=3, now=NOW)
    with pytest.raises(ValueError):
        flashcards.review_card(learner=card.learner, card=card, rating=7, now=NOW)
    assert not ReviewLog.objects.exists()


def test_desired_retention_shapes_the_previewed_intervals():
    learner = UserFactory()
    card = CardFactory(learner=learner, due=NOW)
    flashcards.review_card(learner=learner, card=card, rating=4, now=NOW)
    card.refresh_from_db()
    later = card.due
    default = flashcards.preview_card(learner=learner, card=card, now=later)
    LearnerProfile.objects.filter(user=learner).update(desired_retention=0.97)
    strict = flashcards.preview_card(learner=learner, card=card, now=later)
    assert list(default) == [1, 2, 3, 4]
    assert default[1] == "10 min"
    assert default[3] != strict[3]


def test_a_retention_set_out_of_range_does_not_break_reviews():
    learner = UserFactory()
    LearnerProfile.objects.create(user=learner, desired_retention=0.2)
    card = CardFactory(learner=learner, due=NOW)
    flashcards.review_card(learner=learner, card=card, rating=3, now=NOW)
    assert flashcards.preview_card(learner=learner, card=card, now=NOW)[1] == "1 min"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_ratings_of_the_same_card_from_two_tabs_at_once_store_one_review():
    """Six threads rate the card each read at review count 0: the conditional update lets
    one through and the others find the card changed (StaleReview), writing nothing."""
    learner = UserFactory()
    card = CardFactory(learner=learner, due=NOW)
    barrier = threading.Barrier(6)

    def rate(rating):
        try:
            shown = flashcards.get_card(learner=learner, card_id=card.pk)
            barrier.wait(timeout=10)
            flashcards.review_card(
                learner=learner, card=shown, rating=rating, now=NOW, expected_reps=0
            )
            return "stored"
        except flashcards.StaleReview:
            return "stale"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(rate, [1, 2, 3, 4, 3, 2]))
    assert sorted(outcomes) == ["stale"] * 5 + ["stored"]
    card.refresh_from_db()
    assert card.reps == 1
    assert ReviewLog.objects.filter(card=card).count() == 1


# The held-back cards kept in the cache (start_review): the same answers as working the whole
# queue out, without reading every due card while the learner's queue has not changed.


def _start_from_scratch(learner, now):
    cache.clear()
    return flashcards.start_review(learner=learner, now=now)


def test_a_review_start_read_again_reads_only_the_first_card():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    for n in range(2, 6):
        unrelated_card(n, learner=learner, due=NOW)
    flashcards.review_card(learner=learner, card=seen, rating=1, now=NOW)
    later = NOW + timedelta(minutes=5)
    worked_out = _start_from_scratch(learner, later)
    assert worked_out == (unrelated, 6, {card.pk for card in siblings})
    profile = flashcards.get_profile(learner=learner, now=later)
    with CaptureQueriesContext(connection) as captured:
        again = flashcards.start_review(learner=learner, now=later, profile=profile)
    assert again == worked_out
    assert len(captured) == 1
    assert f'"quizzes_card"."id" = {unrelated.pk}' in captured[0]["sql"]  # the card, by its id


def test_a_review_start_with_nothing_due_read_again_reads_nothing():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    for card in (seen, unrelated):
        flashcards.review_card(learner=learner, card=card, rating=4, now=NOW)  # Easy: days
    worked_out = _start_from_scratch(learner, NOW)
    assert worked_out == (None, 0, {card.pk for card in siblings})
    profile = flashcards.get_profile(learner=learner, now=NOW)
    with CaptureQueriesContext(connection) as captured:
        assert flashcards.start_review(learner=learner, now=NOW, profile=profile) == worked_out
    assert not captured


def test_a_changed_daily_limit_of_new_cards_shows_at_once():
    learner = UserFactory()
    cards = [unrelated_card(n, learner=learner, due=NOW) for n in range(1, 5)]
    LearnerProfile.objects.create(user=learner, new_cards_per_day=2)
    assert flashcards.start_review(learner=learner, now=NOW).count == 2
    LearnerProfile.objects.filter(user=learner).update(new_cards_per_day=3)
    assert flashcards.start_review(learner=learner, now=NOW) == (cards[0], 3, frozenset())


def test_a_quiz_answer_between_two_starts_holds_back_its_siblings_at_once():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    assert flashcards.start_review(learner=learner, now=NOW).held_back == frozenset()
    quiz = QuizFactory(questions=[seen.question])
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    choice = next(choice for choice in slot.choices if choice.is_correct)
    answering.record_answer(attempt=attempt, question=slot.question, choice=choice, now=NOW)
    later = NOW + timedelta(minutes=1)
    assert flashcards.start_review(learner=learner, now=later).held_back == {
        card.pk for card in siblings
    }


def test_a_card_falling_due_after_the_start_was_cached_is_still_held_back():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    Card.objects.filter(pk=siblings[0].pk).update(due=NOW + timedelta(hours=3), state=2)
    flashcards.review_card(learner=learner, card=seen, rating=4, now=NOW)  # Easy: days
    assert flashcards.start_review(learner=learner, now=NOW).held_back == {siblings[1].pk}
    later = NOW + timedelta(hours=4)
    # A sibling of the card seen today: it waits, though it was not due when first worked out.
    assert flashcards.start_review(learner=learner, now=later) == _start_from_scratch(
        learner, later
    )
    assert flashcards.start_review(learner=learner, now=later).held_back == {
        card.pk for card in siblings
    }


def test_a_review_start_after_a_rating_in_the_same_request_sees_the_rating():
    learner = UserFactory()
    seen, siblings, unrelated = _sibling_deck(learner)
    LearnerProfile.objects.create(user=learner)  # as after the first visit
    profile = flashcards.get_profile(learner=learner, now=NOW)
    assert flashcards.start_review(learner=learner, now=NOW, profile=profile).count == 4
    flashcards.review_card(learner=learner, card=seen, rating=4, now=NOW, profile=profile)
    start = flashcards.start_review(learner=learner, now=NOW, profile=profile)
    assert start == (unrelated, 1, {card.pk for card in siblings})


def test_next_due_is_the_first_known_card_not_due_or_the_first_new_card():
    learner = UserFactory()
    introduced = NOW - timedelta(days=3)
    known = unrelated_card(1, learner=learner, state=2, due=NOW + timedelta(hours=5))
    Card.objects.filter(pk=known.pk).update(introduced=introduced)
    assert flashcards.next_due(learner=learner, now=NOW) == NOW + timedelta(hours=5)
    unrelated_card(2, learner=learner, state=2, due=NOW + timedelta(hours=2))  # new to the deck
    assert flashcards.next_due(learner=learner, now=NOW) == NOW + timedelta(hours=2)
    due_known = unrelated_card(3, learner=learner, state=2, due=NOW - timedelta(hours=1))
    Card.objects.filter(pk=due_known.pk).update(introduced=introduced)
    assert flashcards.next_due(learner=learner, now=NOW) == NOW + timedelta(hours=2)


@pytest.mark.parametrize("step_state", [Card.State.LEARNING, Card.State.RELEARNING])
def test_the_profile_reads_when_the_first_card_not_due_falls_due_as_not_due_says(step_state):
    """`get_profile(now=…)` finds the first card not due in a learning step and otherwise
    without negating `CardQuerySet.is_due`: at the edges it agrees with `not_due(now)`."""
    learner = UserFactory()
    flashcards.get_profile(learner=learner)  # created on first use, without the annotations
    second = timedelta(seconds=1)
    for state, due in (
        (step_state, NOW + LEARN_AHEAD),  # due: shown LEARN_AHEAD early
        (step_state, NOW + LEARN_AHEAD + second),
        (step_state, NOW + LEARN_AHEAD + 2 * second),
        (Card.State.REVIEW, NOW),  # due
        (Card.State.REVIEW, NOW + second),
        (Card.State.REVIEW, NOW + 2 * second),
    ):
        CardFactory(learner=learner, state=state, due=due)
    profile = flashcards.get_profile(learner=learner, now=NOW)
    later = Card.objects.for_learner(learner).not_due(NOW)
    steps = [Card.State.LEARNING, Card.State.RELEARNING]
    first_step = later.filter(state__in=steps).aggregate(first=Min("due"))["first"]
    first_review = later.exclude(state__in=steps).aggregate(first=Min("due"))["first"]
    assert (profile.next_step_due, profile.next_review_due) == (first_step, first_review)
    assert (first_step, first_review) == (NOW + LEARN_AHEAD + second, NOW + second)
