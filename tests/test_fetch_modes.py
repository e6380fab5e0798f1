"""The learner pages load everything they show in their own queries: with Django 6.1's FETCH_RAISE
fetch mode as the default, a field or related object read without having been loaded raises
(FieldFetchBlocked) instead of quietly running one more query per object."""

import re

import pytest
from django.db.models import FETCH_RAISE, query
from django.urls import reverse

from quizzes.models import Card
from quizzes.teaching import create_classroom, ensure_teachers_group
from tests.quizzes.factories import CardFactory, QuestionFactory, QuizFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def raise_on_lazy_fetch(monkeypatch):
    monkeypatch.setattr(query, "DEFAULT_FETCH_MODE", FETCH_RAISE)


@pytest.mark.django_db
def test_learner_pages_fetch_nothing_they_did_not_load(client, raise_on_lazy_fetch):
    learner = UserFactory()
    teacher = UserFactory(username="fetch-teacher", is_staff=True)
    teacher.groups.add(ensure_teachers_group())
    classroom = create_classroom(teacher=teacher, name="Fetch modes")
    classroom.learners.add(learner)
    questions = [QuestionFactory(fingerprint=f"fetch-{n}") for n in range(3)]
    quiz = QuizFactory(questions=questions)
    CardFactory(learner=learner, question=questions[2], introduced=None)
    client.force_login(learner)

    response = client.post(reverse("quizzes:quiz", args=[quiz.slug]))
    assert response.status_code == 302
    take = response.url
    for n in range(3):
        page = client.get(take).content.decode()
        question = int(re.search(r'name="question" value="(\d+)"', page)[1])
        answer = take + "answer/"
        extra = HTMX if n % 2 else {}
        assert client.post(answer, {"question": question, "choice": 1}, **extra).status_code == 200
    assert client.get(take, **HTMX).status_code == 200  # "All questions answered"
    finished = client.post(take + "finish/")
    assert client.get(finished.url).status_code == 200  # the result page, every answer

    page = client.get(reverse("quizzes:flashcards"))
    assert page.status_code == 200
    card = Card.objects.filter(learner=learner).order_by("due", "id").values("id", "reps")[0]
    rated = client.post(
        reverse("quizzes:rate_card", args=[card["id"]]),
        {"rating": 3, "reps": card["reps"]},
        **HTMX,
    )
    assert rated.status_code == 200
    assert client.get(reverse("quizzes:dashboard")).status_code == 200
    assert client.get(reverse("quizzes:home")).status_code == 200
    assert client.get(reverse("quizzes:quiz_list")).status_code == 200

    client.force_login(teacher)  # the teacher's view of the class, every learner and quiz
    assert client.get(reverse("quizzes:class_detail", args=[classroom.pk])).status_code == 200
