from django.urls import reverse

from quizzes.teaching import create_classroom
from tests.quizzes.factories import UserFactory


def test_logging_in_lands_on_the_dashboard(client, db):
    UserFactory(username="ada")
    response = client.post(
        reverse("login"), {"username": "ada", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:dashboard")


def test_a_learner_joins_a_class_from_the_dashboard(client, db):
    teacher = UserFactory(username="teacher", is_staff=True)
    classroom = create_classroom(teacher=teacher, name="History 9B")
    learner = UserFactory(username="ada")
    client.force_login(learner)

    page = client.get(reverse("quizzes:dashboard"))
    assert page.status_code == 200
    assert reverse("quizzes:join_class").encode() in page.content

    client.post(reverse("quizzes:join_class"), {"code": classroom.join_code})
    page = client.get(reverse("quizzes:dashboard"))
    assert b"History 9B" in page.content
    assert classroom.learners.filter(pk=learner.pk).exists()
