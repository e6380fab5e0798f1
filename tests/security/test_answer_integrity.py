"""Answer integrity: the server alone grades, one response per attempt and question (a database
constraint), a double submit changes nothing, a finished attempt is closed; on PostgreSQL,
concurrent submissions neither duplicate nor lose a response."""

import re
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from quizzes.models import Attempt, Response
from tests.quizzes.factories import QuestionFactory, QuizFactory, UserFactory
from tests.security.world import build_world

RIGHT, WRONG = 1, 2  # choices are sent by position; the factory puts the right answer first


def answer(client, attempt, question, choice, **extra):
    return client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"question": question.pk, "choice": choice, **extra},
    )


def acknowledged(response):
    """True when the page shows the verdict of a stored answer."""
    return response.status_code == 200 and 'class="verdict"' in response.text


@pytest.fixture
def world(db):
    return build_world()


def test_a_choice_of_another_question_is_refused_with_a_message(world):
    client = world.client("learner")
    question = world.questions[0]
    foreign = QuestionFactory()  # not in the attempt, its choices neither
    for forged in (foreign.choices.first().pk, 99, 0, -1, "", "1; DROP TABLE"):
        response = answer(client, world.open_attempt, question, forged)
        assert response.status_code == 200
        assert "Choose one of the answers." in response.text
    assert not Response.objects.exists()


def test_a_question_outside_the_attempt_is_not_found(world):
    client = world.client("learner")
    foreign = QuestionFactory()
    assert answer(client, world.open_attempt, foreign, RIGHT).status_code == 404
    assert not Response.objects.exists()


def test_fields_claiming_the_answer_is_right_change_nothing(world):
    client = world.client("learner")
    question = world.questions[0]
    forged = {"is_correct": "true", "credit": "1", "score": "100", "correct": "1"}
    response = answer(client, world.open_attempt, question, WRONG, **forged)
    assert acknowledged(response)
    assert "Not quite" in response.text
    stored = Response.objects.get()
    assert (stored.is_correct, stored.credit) == (False, 0.0)
    assert stored.choice.text == "8 November 2020"


def test_the_database_refuses_a_second_response_to_a_question(world):
    attempt, question = world.open_attempt, world.questions[0]
    Response.objects.create(attempt=attempt, question=question, credit=0.0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(attempt=attempt, question=question, credit=1.0, is_correct=True)
    assert Response.objects.count() == 1


def test_a_double_submit_stores_one_response_and_shows_the_same_result(world):
    client = world.client("learner")
    question = world.questions[0]
    first = answer(client, world.open_attempt, question, WRONG)
    again = answer(client, world.open_attempt, question, WRONG)
    assert acknowledged(first) and acknowledged(again)
    assert "Not quite" in first.text and "Not quite" in again.text
    assert Response.objects.count() == 1


def test_a_second_tab_cannot_change_the_first_answer(world):
    first_tab = world.client("learner")
    second_tab = world.client("learner")
    question = world.questions[0]
    assert "Not quite" in answer(first_tab, world.open_attempt, question, WRONG).text
    # The other tab still shows the question and now picks the right answer: the first stands.
    late = answer(second_tab, world.open_attempt, question, RIGHT)
    assert acknowledged(late)
    assert "Not quite" in late.text
    stored = Response.objects.get()
    assert stored.is_correct is False
    assert world.learner.cards.get(question=question).reps == 1  # one review, not two


def test_a_finished_attempt_cannot_change(world):
    client = world.client("learner")
    attempt = world.open_attempt
    answer(client, attempt, world.questions[0], WRONG)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    score, finished = attempt.score, attempt.finished

    late = answer(client, attempt, world.questions[1], RIGHT)
    assert late.status_code == 302
    assert late["Location"] == reverse("quizzes:attempt_result", args=[attempt.pk])
    client.post(reverse("quizzes:finish", args=[attempt.pk]))  # finishing again: harmless
    attempt.refresh_from_db()
    assert attempt.responses.count() == 1
    assert (attempt.score, attempt.finished) == (score, finished)
    # Nor the finished attempt kept from an earlier try.
    done = world.finished_attempt
    assert answer(client, done, world.questions[0], RIGHT).status_code == 302
    assert not done.responses.exists()


# PostgreSQL: real concurrency --------------------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time; `make test` runs this on a throwaway PostgreSQL",
)


def run_together(jobs):
    """Run the callables in threads released at once; return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:  # reported, not swallowed: the test asserts on it
            results[index] = error
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_submits_of_one_answer_store_one_response():
    world = build_world()
    question = world.questions[0]
    clients = [world.client("learner") for _ in range(8)]
    choices = [RIGHT if i % 2 else WRONG for i in range(8)]
    results = run_together(
        [
            lambda c=c, choice=choice: answer(c, world.open_attempt, question, choice)
            for c, choice in zip(clients, choices, strict=True)
        ]
    )
    assert all(acknowledged(result) for result in results), results
    stored = Response.objects.get(attempt=world.open_attempt, question=question)
    verdict = "Right" if stored.is_correct else "Not quite"
    # Every submitter sees the one stored verdict.
    assert all(verdict in result.text for result in results)
    assert world.learner.cards.get(question=question).reps == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_learners_answering_at_once_lose_no_response():
    questions = [QuestionFactory() for _ in range(5)]
    quiz = QuizFactory(questions=questions)
    ids = [question.pk for question in questions]
    learners = []
    for n in range(8):
        learner = UserFactory(username=f"racer{n}")
        client = Client(raise_request_exception=False)
        client.force_login(learner)
        attempt = Attempt.objects.create(learner=learner, quiz=quiz, question_ids=ids)
        learners.append((client, attempt))

    def answer_all(client, attempt):
        acks = 0
        for index, question in enumerate(questions):
            acks += acknowledged(answer(client, attempt, question, RIGHT if index % 2 else WRONG))
        finish = client.post(reverse("quizzes:finish", args=[attempt.pk]))
        return acks if finish.status_code == 302 else finish

    results = run_together([lambda c=c, a=a: answer_all(c, a) for c, a in learners])
    assert results == [len(questions)] * len(learners)
    assert Response.objects.count() == sum(results)
    for _, attempt in learners:
        attempt.refresh_from_db()
        assert attempt.score == 2  # questions 2 and 4 answered right, counted at finish


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_finish_racing_answers_counts_exactly_what_was_stored():
    world = build_world(questions=6)
    attempt = world.open_attempt
    answering = [
        lambda q=q: answer(world.client("learner"), attempt, q, RIGHT) for q in world.questions
    ]
    finishing = [lambda: world.client("learner").post(reverse("quizzes:finish", args=[attempt.pk]))]
    run_together(answering + finishing)
    attempt.refresh_from_db()
    # Whatever got in before the finish is in the score; nothing got in after it.
    assert attempt.finished is not None
    assert attempt.score == attempt.responses.count()


def test_the_question_page_does_not_tell_which_choice_is_right(world):
    page = world.client("learner").get(world.open_attempt.get_absolute_url()).text
    for marker in ("is-answer", "Right answer", "is_correct", "data-correct"):
        assert marker not in page
    # Choices go out as positions 1-4, not database ids that could be compared.
    values = sorted(re.findall(r'name="choice"[^>]*value="(\d+)"', page))
    assert values == ["1", "2", "3", "4"]
