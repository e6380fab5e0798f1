import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, connections

from quizzes import answering
from quizzes.models import Attempt, Card, Question, Response, ReviewLog
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import CardFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def make_quiz(n=3, **kwargs):
    article = ArticleFactory()
    questions = [QuestionFactory(article=article) for _ in range(n)]
    return QuizFactory(questions=questions, **kwargs), questions


def right_choice(slot):
    return next(choice for choice in slot.choices if choice.is_correct)


def wrong_choice(slot):
    return next(choice for choice in slot.choices if not choice.is_correct)


def test_an_attempt_fixes_the_published_questions_in_order():
    learner = UserFactory()
    draft = QuestionFactory(draft=True)
    quiz, questions = make_quiz(3)
    quiz.items.create(question=draft, position=1)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    assert attempt.question_ids == [q.pk for q in questions]
    assert attempt.max_score == 3
    assert answering.start_or_resume_attempt(learner=learner, quiz=quiz) == attempt


def test_one_open_attempt_per_learner_and_quiz_is_enforced_by_the_database():
    learner = UserFactory()
    quiz, _ = make_quiz(1)
    answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    with pytest.raises(IntegrityError):
        Attempt.objects.create(learner=learner, quiz=quiz)


def test_unpublished_or_empty_quizzes_are_unavailable():
    learner = UserFactory()
    hidden, _ = make_quiz(1, is_published=False)
    with pytest.raises(answering.QuizUnavailable):
        answering.start_or_resume_attempt(learner=learner, quiz=hidden)
    with pytest.raises(answering.QuizUnavailable):
        answering.start_or_resume_attempt(learner=learner, quiz=QuizFactory())


def test_next_question_walks_the_attempt_and_skips_deleted_questions():
    learner = UserFactory()
    quiz, questions = make_quiz(3)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    assert (slot.question, slot.number, slot.total, slot.is_last) == (questions[0], 1, 3, False)
    answering.record_answer(
        attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
    )
    questions[1].delete()
    slot = answering.next_question(attempt=attempt)
    assert (slot.question, slot.number, slot.is_last) == (questions[2], 3, True)
    answering.record_answer(
        attempt=attempt, question=slot.question, choice=wrong_choice(slot), now=NOW
    )
    assert answering.next_question(attempt=attempt) is None


def test_choices_are_shuffled_per_attempt_but_stable():
    quiz, questions = make_quiz(1, shuffle_choices=True)
    orders = set()
    for _ in range(10):
        attempt = answering.start_or_resume_attempt(learner=UserFactory(), quiz=quiz)
        first = answering.load_question(attempt=attempt, question_id=questions[0].pk).choices
        again = answering.load_question(attempt=attempt, question_id=questions[0].pk).choices
        assert first == again
        orders.add(tuple(choice.pk for choice in first))
    assert len(orders) > 1


def test_without_shuffling_the_teachers_order_is_kept():
    quiz, questions = make_quiz(1, shuffle_choices=False)
    attempt = answering.start_or_resume_attempt(learner=UserFactory(), quiz=quiz)
    slot = answering.load_question(attempt=attempt, question_id=questions[0].pk)
    assert [c.position for c in slot.choices] == [0, 1, 2, 3]


def test_record_answer_grades_stores_and_reviews_the_card():
    learner = UserFactory()
    quiz, questions = make_quiz(2)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    result = answering.record_answer(
        attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
    )
    assert result.is_correct and result.credit == 1.0 and not result.repeated
    card = Card.objects.get(learner=learner, question=questions[0])
    assert card.reps == 1
    assert card.last_review == NOW
    assert card.due == NOW + timedelta(minutes=10)  # Good on a new card: next learning step
    assert card.introduced is None  # not yet reviewed as a flashcard
    log = ReviewLog.objects.get()
    assert (log.rating, log.source, log.reviewed_at) == (3, "quiz", NOW)


def test_a_wrong_quiz_answer_rates_the_card_again():
    learner = UserFactory()
    quiz, questions = make_quiz(1)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    answering.record_answer(
        attempt=attempt, question=slot.question, choice=wrong_choice(slot), now=NOW
    )
    assert Card.objects.get().due == NOW + timedelta(minutes=1)
    assert ReviewLog.objects.get().rating == 1


def test_a_repeated_answer_returns_the_first_result_and_stores_nothing_more():
    learner = UserFactory()
    quiz, _ = make_quiz(1)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    first = answering.record_answer(
        attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
    )
    # A second tab still showing the question sends another choice.
    slot_again = answering.load_question(attempt=attempt, question_id=slot.question.pk)
    second = answering.record_answer(
        attempt=attempt, question=slot_again.question, choice=wrong_choice(slot_again), now=NOW
    )
    assert second.repeated
    assert second.response.pk == first.response.pk
    assert second.is_correct and second.response.choice.is_correct
    assert Response.objects.count() == 1
    assert ReviewLog.objects.count() == 1
    assert Card.objects.get().reps == 1


def test_a_plain_question_object_works_too():
    learner = UserFactory()
    quiz, questions = make_quiz(1)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    CardFactory(learner=learner, question=questions[0])
    question = Question.objects.get(pk=questions[0].pk)
    choice = question.choices.get(is_correct=True)
    result = answering.record_answer(attempt=attempt, question=question, choice=choice, now=NOW)
    assert result.is_correct
    assert Card.objects.get().reps == 1


def test_answers_outside_the_attempt_or_after_it_are_refused():
    learner = UserFactory()
    quiz, questions = make_quiz(1)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    stranger = QuestionFactory()
    with pytest.raises(answering.NotInAttempt):
        answering.record_answer(
            attempt=attempt, question=stranger, choice=stranger.choices.first(), now=NOW
        )
    slot = answering.next_question(attempt=attempt)
    with pytest.raises(answering.InvalidAnswer):
        answering.record_answer(attempt=attempt, question=slot.question, now=NOW)
    with pytest.raises(answering.InvalidAnswer):
        answering.record_answer(
            attempt=attempt, question=slot.question, choice=stranger.choices.first(), now=NOW
        )
    answering.finish_attempt(attempt=attempt, now=NOW)
    with pytest.raises(answering.AttemptFinished):
        answering.record_answer(
            attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
        )
    assert not Response.objects.exists()


def test_finish_scores_once():
    learner = UserFactory()
    quiz, questions = make_quiz(3)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    for choose in (right_choice, wrong_choice):
        slot = answering.next_question(attempt=attempt)
        answering.record_answer(
            attempt=attempt, question=slot.question, choice=choose(slot), now=NOW
        )
    answering.finish_attempt(attempt=attempt, now=NOW)
    assert (attempt.score, attempt.max_score, attempt.finished, attempt.percent) == (
        1.0,
        3,
        NOW,
        33,
    )
    answering.finish_attempt(attempt=attempt, now=NOW + timedelta(hours=1))
    assert attempt.finished == NOW
    # Finishing frees the learner to start the quiz again.
    assert answering.start_or_resume_attempt(learner=learner, quiz=quiz) != attempt


def test_typed_answers_with_partial_credit_rate_the_card_hard():
    learner = UserFactory()
    question = QuestionFactory(mode=Question.Mode.TYPED)
    attempt = answering.start_or_resume_attempt(
        learner=learner, quiz=QuizFactory(questions=[question])
    )
    slot = answering.next_question(attempt=attempt)
    assert slot.choices == []
    result = answering.record_answer(
        attempt=attempt, question=slot.question, typed="1 Nov 2020", now=NOW
    )
    assert result.is_partial and result.credit == 0.5
    assert ReviewLog.objects.get().rating == 2


def test_draft_questions_answered_in_an_old_attempt_make_no_card():
    learner = UserFactory()
    quiz, questions = make_quiz(1)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    Question.objects.filter(pk=questions[0].pk).update(status=Question.Status.REJECTED)
    slot = answering.next_question(attempt=attempt)
    answering.record_answer(
        attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
    )
    assert Response.objects.count() == 1
    assert not Card.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_store_one_response_each_and_review_the_card_once_each():
    """Eight threads answer the same question at once, four in each of two quizzes that share
    it: one response per attempt, every thread sees that response, and the shared card is
    reviewed exactly once per attempt."""
    learner = UserFactory()
    question = QuestionFactory()
    attempts = [
        answering.start_or_resume_attempt(learner=learner, quiz=QuizFactory(questions=[question]))
        for _ in range(2)
    ]
    barrier = threading.Barrier(8)

    def submit(attempt):
        try:
            slot = answering.load_question(attempt=attempt, question_id=question.pk)
            barrier.wait(timeout=10)
            result = answering.record_answer(
                attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
            )
            return attempt.pk, result.response.pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(submit, attempts * 4))
    for attempt in attempts:
        stored = Response.objects.get(attempt=attempt)
        assert {pk for attempt_pk, pk in outcomes if attempt_pk == attempt.pk} == {stored.pk}
    card = Card.objects.get(learner=learner, question=question)
    assert card.reps == 2
    assert ReviewLog.objects.filter(card=card).count() == 2


def test_deleted_questions_do_not_count_against_the_score():
    learner = UserFactory()
    quiz, questions = make_quiz(3)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    answering.record_answer(
        attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
    )
    questions[2].delete()
    answering.finish_attempt(attempt=attempt, now=NOW)
    assert (attempt.score, attempt.max_score) == (1.0, 2)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_finishing_while_answers_arrive_keeps_score_and_responses_consistent():
    """Answers racing a "Finish" from another tab: each is either stored and counted in the
    score, or refused as too late; none is stored after the score was taken."""
    learner = UserFactory()
    quiz, questions = make_quiz(8)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    barrier = threading.Barrier(len(questions) + 1)

    def submit(question):
        try:
            slot = answering.load_question(attempt=attempt, question_id=question.pk)
            barrier.wait(timeout=10)
            answering.record_answer(
                attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
            )
            return "stored"
        except answering.AttemptFinished:
            return "refused"
        finally:
            connections.close_all()

    def finish():
        try:
            barrier.wait(timeout=10)
            answering.finish_attempt(attempt=Attempt.objects.get(pk=attempt.pk), now=NOW)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(questions) + 1) as pool:
        finishing = pool.submit(finish)
        outcomes = list(pool.map(submit, questions))
        finishing.result()
    attempt.refresh_from_db()
    stored = Response.objects.filter(attempt=attempt).count()
    assert stored == outcomes.count("stored")
    assert attempt.score == stored  # every stored answer was right and is counted


def test_a_first_answer_creates_the_card_and_logs_the_review(db):
    learner = UserFactory()
    quiz = QuizFactory(questions=[QuestionFactory()])
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    question = answering.load_question(attempt=attempt, question_id=slot.question.pk).question
    right = next(choice for choice in question.choices.all() if choice.is_correct)
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    answering.record_answer(attempt=attempt, question=question, choice=right, now=now)
    card = Card.objects.get(learner=learner, question=question)
    assert card.reps == 1 and card.last_review == now and card.due > now
    log = ReviewLog.objects.get(card=card)
    assert (log.rating, log.source, log.reviewed_at) == (3, ReviewLog.Source.QUIZ, now)


def test_an_answer_is_saved_through_the_models_so_their_signals_run():
    # Response, Card and ReviewLog rows are created with the ORM: a post_save receiver (or a
    # save() override) added later runs on every answer too.
    from django.db.models.signals import post_save

    saved = []

    def receiver(sender, instance, created, **kwargs):
        saved.append((sender, created))

    post_save.connect(receiver)
    try:
        learner = UserFactory()
        quiz = QuizFactory(questions=[QuestionFactory()])
        attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
        slot = answering.next_question(attempt=attempt)
        saved.clear()
        answering.record_answer(
            attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
        )
    finally:
        post_save.disconnect(receiver)
    assert saved == [(Response, True), (Card, True), (ReviewLog, True)]


def test_the_response_keeps_the_time_the_answer_was_given():
    learner = UserFactory()
    quiz, _ = make_quiz(1)
    attempt = answering.start_or_resume_attempt(learner=learner, quiz=quiz)
    slot = answering.next_question(attempt=attempt)
    result = answering.record_answer(
        attempt=attempt, question=slot.question, choice=right_choice(slot), now=NOW
    )
    assert Response.objects.get(pk=result.response.pk).created == NOW
