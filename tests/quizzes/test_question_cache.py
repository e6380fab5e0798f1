"""The question's choices come from the cache on the question page and the answer's feedback,
and a teacher's edit shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Choice, Question
from quizzes.question_cache import load_choices
from quizzes.questions import sync_choices
from tests.quizzes.factories import QuestionFactory, QuizFactory, UserFactory
from tests.quizzes.test_quiz_views import HTMX, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(client):
    client.force_login(UserFactory())
    question = QuestionFactory()
    return start(client, QuizFactory(questions=[question], shuffle_choices=False)), question


def _page(client, attempt):
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    return page, [query["sql"] for query in captured]


def test_a_question_shown_again_reads_no_choices_from_the_database(client, attempt):
    attempt, question = attempt
    first, cold = _page(client, attempt)
    again, warm = _page(client, attempt)
    assert _choices(again) == _choices(first)
    assert _choices(first).count('name="choice"') == 4
    assert len(warm) == len(cold) - 1
    assert [sql for sql in cold if "quizzes_choice" in sql]
    assert not [sql for sql in warm if "quizzes_choice" in sql]


def _choices(page):
    start = page.index('<ul class="choices')
    return page[start : page.index("</ul>", start)]


def test_an_edited_choice_shows_on_the_next_request(client, attempt):
    attempt, question = attempt
    assert "Ganja" not in _page(client, attempt)[0]
    choice = question.choices.filter(is_correct=False).first()
    choice.text = "Ganja"
    choice.save()
    assert "Ganja" in _page(client, attempt)[0]


def test_a_deleted_choice_and_synced_choices_show_on_the_next_request(client, attempt):
    attempt, question = attempt
    wrong = question.choices.filter(is_correct=False).first()
    assert wrong.text in _page(client, attempt)[0]
    wrong.delete()
    assert wrong.text not in _page(client, attempt)[0]
    sync_choices(question=question, choices=[(question.answer, True), ("Lachin", False)])
    page = _page(client, attempt)[0]
    assert "Lachin" in page and page.count('name="choice"') == 2


def test_the_answer_feedback_grades_with_the_edited_choices(client, attempt):
    attempt, question = attempt
    _page(client, attempt)  # cached
    # The teacher moves the right answer to another choice.
    right = question.choices.get(is_correct=True)
    other = question.choices.filter(is_correct=False).order_by("position").first()
    right.is_correct, other.is_correct = False, True
    right.save()
    other.save()
    number = sorted(question.choices.all(), key=lambda c: (c.position, c.pk)).index(other) + 1
    response = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"question": question.pk, "choice": number},
        **HTMX,
    )
    assert "feedback-right" in response.content.decode()


def test_deleting_a_question_does_not_touch_it_for_each_of_its_choices():
    question = QuestionFactory()
    with CaptureQueriesContext(connection) as captured:
        question.delete()
    assert not [query for query in captured if query["sql"].startswith('UPDATE "quizzes_question"')]
    assert not Choice.objects.exists()


def test_load_choices_reads_the_question_as_stored_now():
    question = QuestionFactory()
    question = Question.objects.get(pk=question.pk)
    assert sorted(c.text for c in load_choices(question)) == sorted(
        question.choices.values_list("text", flat=True)
    )
