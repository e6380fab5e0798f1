"""Script and HTML in article text, titles, outlet names and notes, question stems and choices,
class names and learner names are shown as text on every page that shows them."""

import pytest
from django.urls import reverse

from tests.security.xss import RAW_MARKERS, build_hostile_world

RIGHT, WRONG = 1, 2


@pytest.fixture
def world(db):
    return build_hostile_world()


def assert_shown_as_text(response, *labels):
    """No payload came through as markup; each of `labels` is on the page, escaped."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    for marker in RAW_MARKERS:
        assert marker not in html, f"{marker!r} reached {response.wsgi_request.path} unescaped"
    for label in labels:
        assert f"&lt;img id=pwned-{label} " in html, f"{label} not shown on the page"


def test_reading_pages(world):
    client = world.client("anonymous")
    article, outlet = world.article, world.article.outlet
    assert_shown_as_text(
        client.get(reverse("content:article", args=[article.slug])), "title", "body", "note"
    )
    assert_shown_as_text(
        client.get(reverse("content:outlet", args=[outlet.slug])), "outlet", "note", "title"
    )
    assert_shown_as_text(client.get(reverse("content:outlet_list")), "outlet")
    assert_shown_as_text(client.get(reverse("content:article_list")), "title")
    assert_shown_as_text(client.get(reverse("quizzes:home")), "title")
    assert_shown_as_text(client.get(reverse("content:glossary")))


def test_quiz_pages_feedback_and_result(world):
    client = world.client("learner")
    attempt = world.open_attempt
    assert_shown_as_text(client.get(reverse("quizzes:quiz_list")), "quiz")
    assert_shown_as_text(client.get(reverse("quizzes:quiz", args=[world.quiz.slug])), "quiz")
    assert_shown_as_text(client.get(attempt.get_absolute_url()), "stem", "choice")
    for index, question in enumerate(world.questions):
        feedback = client.post(
            reverse("quizzes:answer", args=[attempt.pk]),
            {"question": question.pk, "choice": WRONG if index == 0 else RIGHT},
            headers={"HX-Request": "true"} if index == 1 else {},
        )
        assert_shown_as_text(feedback, "choice")
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert_shown_as_text(
        client.get(reverse("quizzes:attempt_result", args=[attempt.pk])), "stem", "choice"
    )


def test_flashcards_and_dashboard(world):
    client = world.client("learner")
    assert_shown_as_text(client.get(reverse("quizzes:flashcards")), "stem")
    assert_shown_as_text(client.get(reverse("quizzes:flashcards"), {"show": world.card.pk}), "stem")
    assert_shown_as_text(client.get(reverse("quizzes:dashboard")), "user")


def test_teacher_pages_and_admin(world):
    teacher = world.client("teacher")
    assert_shown_as_text(
        teacher.get(reverse("quizzes:class_detail", args=[world.classroom.pk])), "class"
    )
    superuser = world.client("superuser")
    for name in (
        "admin:quizzes_classroom_changelist",
        "admin:quizzes_problemreport_changelist",
        "admin:quizzes_question_changelist",
        "admin:quizzes_quiz_changelist",
        "admin:content_article_changelist",
        "admin:content_outlet_changelist",
        "admin:auth_user_changelist",
        "admin:quizzes_perspective",
    ):
        assert_shown_as_text(superuser.get(reverse(name)))
    for name, obj in (
        ("admin:quizzes_classroom_change", world.classroom),
        ("admin:quizzes_question_change", world.questions[0]),
        ("admin:content_article_change", world.article),
        ("admin:content_outlet_change", world.article.outlet),
    ):
        assert_shown_as_text(superuser.get(reverse(name, args=[obj.pk])))
