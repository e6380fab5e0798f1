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


def test_the_dashboard_names_the_learners_classes_by_name(client, db):
    teacher = UserFactory(username="teacher", is_staff=True)
    learner = UserFactory(username="ada")
    for name in ("Maths 9B", "Art 9B"):
        create_classroom(teacher=teacher, name=name).learners.add(learner)
    create_classroom(teacher=teacher, name="Someone else's class")
    client.force_login(learner)

    page = client.get(reverse("quizzes:dashboard")).content.decode()

    assert "You are in <strong>Art 9B</strong>, <strong>Maths 9B</strong>." in page
    assert "Your teachers can follow" in page
    assert "Someone else" not in page
