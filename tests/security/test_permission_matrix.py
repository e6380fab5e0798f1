"""Who reaches what: every URL of the site × every kind of user × GET and POST.

The URLs come from the URLconf (tests/security/urls.py walks it; the admin is represented by a
few of its pages), so a new page without a line in EXPECTED fails this test until someone
decides who may see it. Every request runs in a transaction that is rolled back, so each
cell starts from the same world (tests/security/world.py): `learner` owns the attempts, the
card and the class membership; `other` is another learner; `teacher` teaches the class.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from quizzes.models import Question
from tests.quizzes.factories import QuestionFactory
from tests.security.urls import post_data, url_for, url_names
from tests.security.world import ROLES, build_world, make_teacher

# Expected status per method, for (anonymous, learner, other learner, teacher, superuser).
# 302 for anonymous on a private page is the redirect to the login page (checked below);
# 404 is "not yours" (another learner's attempt or card); 405 is a method the view refuses.
PUBLIC = (200, 200, 200, 200, 200)
LOGIN = (302, 200, 200, 200, 200)
ANON_ONLY_405 = (405, 405, 405, 405, 405)
OWNER_ONLY_GET = (302, 200, 404, 404, 404)
ADMIN = (302, 302, 302, 200, 200)
EXPECTED = {
    "healthz": {"GET": PUBLIC, "POST": ANON_ONLY_405},
    # Django's auth views.
    "login": {"GET": PUBLIC, "POST": (302, 302, 302, 302, 302)},
    "logout": {"GET": ANON_ONLY_405, "POST": (302, 302, 302, 302, 302)},
    "password_change": {"GET": LOGIN, "POST": LOGIN},  # 200: the form with its errors
    "password_change_done": {"GET": LOGIN, "POST": (302, 405, 405, 405, 405)},
    "password_reset": {"GET": PUBLIC, "POST": (302, 302, 302, 302, 302)},
    "password_reset_done": {"GET": PUBLIC, "POST": ANON_ONLY_405},
    "password_reset_confirm": {"GET": PUBLIC, "POST": PUBLIC},  # "invalid link" page
    "password_reset_complete": {"GET": PUBLIC, "POST": ANON_ONLY_405},
    # Reading: open to everyone; a POST to a page without a form just shows the page.
    "quizzes:home": {"GET": PUBLIC, "POST": PUBLIC},
    "quizzes:quiz_list": {"GET": PUBLIC, "POST": PUBLIC},
    "content:article_list": {"GET": PUBLIC, "POST": PUBLIC},
    "content:article": {"GET": PUBLIC, "POST": PUBLIC},
    "content:outlet_list": {"GET": PUBLIC, "POST": PUBLIC},
    "content:outlet": {"GET": PUBLIC, "POST": PUBLIC},
    "content:glossary": {"GET": PUBLIC, "POST": PUBLIC},
    # Quizzes: anyone logged in may start their own attempt (POST → redirect to it)...
    "quizzes:quiz": {"GET": LOGIN, "POST": (302, 302, 302, 302, 302)},
    # ...but an attempt is its learner's alone: not even a teacher or superuser sees it here.
    "quizzes:take": {"GET": OWNER_ONLY_GET, "POST": (302, 405, 405, 405, 405)},
    "quizzes:answer": {"GET": (302, 405, 405, 405, 405), "POST": OWNER_ONLY_GET},
    "quizzes:finish": {"GET": (302, 405, 405, 405, 405), "POST": (302, 302, 404, 404, 404)},
    "quizzes:attempt_result": {"GET": OWNER_ONLY_GET, "POST": (302, 405, 405, 405, 405)},
    "quizzes:flashcards": {"GET": LOGIN, "POST": (302, 405, 405, 405, 405)},
    "quizzes:rate_card": {"GET": (302, 405, 405, 405, 405), "POST": (302, 302, 404, 404, 404)},
    # Accounts and progress.
    "quizzes:signup": {"GET": (200, 302, 302, 302, 302), "POST": (302, 302, 302, 302, 302)},
    "quizzes:settings": {"GET": LOGIN, "POST": (302, 302, 302, 302, 302)},
    "quizzes:dashboard": {"GET": LOGIN, "POST": LOGIN},
    "quizzes:join_class": {"GET": (302, 405, 405, 405, 405), "POST": (302, 302, 302, 302, 302)},
    "quizzes:report_question": {
        "GET": (302, 405, 405, 405, 405),
        "POST": (302, 302, 302, 302, 302),
    },
    # A class's progress: its teacher and superusers; learners go to the admin's login.
    "quizzes:class_detail": {"GET": ADMIN, "POST": ADMIN},
    # The admin: staff only; a teacher lacks the user admin (403), a superuser has it all.
    "admin:index": {"GET": ADMIN, "POST": ADMIN},
    "admin:quizzes_question_changelist": {"GET": ADMIN, "POST": ADMIN},
    "admin:quizzes_classroom_changelist": {"GET": ADMIN, "POST": ADMIN},
    "admin:quizzes_classroom_change": {"GET": ADMIN, "POST": ADMIN},
    "admin:quizzes_problemreport_changelist": {"GET": ADMIN, "POST": ADMIN},
    "admin:content_article_import": {"GET": ADMIN, "POST": ADMIN},
    "admin:quizzes_question_import_csv": {"GET": ADMIN, "POST": ADMIN},
    "admin:quizzes_perspective": {"GET": ADMIN, "POST": (302, 302, 302, 302, 302)},
    "admin:auth_user_changelist": {
        "GET": (302, 302, 302, 403, 200),
        "POST": (302, 302, 302, 403, 200),
    },
}
METHODS = ("GET", "POST")


def test_every_url_has_an_expectation():
    missing = [name for name in url_names() if name not in EXPECTED]
    assert not missing, "\n".join(
        f"add an expectation for {name} to EXPECTED in {__file__}" for name in missing
    )
    stale = sorted(set(EXPECTED) - set(url_names()))
    assert not stale, f"EXPECTED names URLs that no longer exist: {stale}"


def _request(world, role, method, name):
    """Run one request in a transaction that is rolled back, so no cell affects another."""
    url = url_for(name, world)
    with transaction.atomic():
        client = world.client(role)
        send = client.get if method == "GET" else client.post
        response = send(url, post_data(name, world) if method == "POST" else None)
        transaction.set_rollback(True)
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("name", url_names())
def test_who_reaches_each_url(name):
    expected = EXPECTED.get(name)
    if expected is None:
        pytest.fail(f"add an expectation for {name} to EXPECTED in {__file__}")
    world = build_world()
    failures = []
    for method in METHODS:
        for role, wanted in zip(ROLES, expected[method], strict=True):
            response = _request(world, role, method, name)
            if response.status_code != wanted:
                failures.append(f"{method} as {role}: {response.status_code}, expected {wanted}")
            elif role == "anonymous" and wanted == 302 and expected[method][1] != 302:
                # A private page sends a visitor to a login page, never to the content.
                assert "login" in response["Location"], (name, method, response["Location"])
            assert response.status_code < 500, (name, method, role)
    assert not failures, f"{name} ({url_for(name, world)}):\n" + "\n".join(failures)


@pytest.mark.django_db
def test_another_teachers_class_is_not_found():
    world = build_world()
    stranger = make_teacher("tom")
    client = world.client("anonymous")
    client.force_login(stranger)
    assert client.get(url_for("quizzes:class_detail", world)).status_code == 404
    change = client.get(url_for("admin:quizzes_classroom_change", world))
    # The admin sends a missing object back to its index with a message, never shows it.
    assert change.status_code == 302
    assert world.classroom.name not in client.get(change["Location"]).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other", "teacher", "superuser"])
def test_nothing_of_another_learners_attempt_leaks(role):
    world = build_world()
    client = world.client(role)
    attempt = world.open_attempt
    for response in (
        client.get(reverse("quizzes:take", args=[attempt.pk])),
        client.post(
            reverse("quizzes:answer", args=[attempt.pk]), post_data("quizzes:answer", world)
        ),
        client.post(reverse("quizzes:finish", args=[attempt.pk])),
        client.get(reverse("quizzes:attempt_result", args=[world.finished_attempt.pk])),
        client.post(reverse("quizzes:rate_card", args=[world.card.pk]), {"rating": 3}),
        client.get(reverse("quizzes:flashcards"), {"show": world.card.pk}),
    ):
        assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.finished is None
    assert not attempt.responses.exists()
    world.card.refresh_from_db()
    assert world.card.reps == 0


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Question.Status.DRAFT, Question.Status.REJECTED])
def test_an_unpublished_question_cannot_be_reported_or_seen(status):
    world = build_world()
    hidden = QuestionFactory(
        article=world.article, status=status, stem="A secret draft about the ceasefire?"
    )
    client = world.client("other")
    for data in ({}, {"reason": "ambiguous"}):
        response = client.post(reverse("quizzes:report_question", args=[hidden.pk]), data)
        assert response.status_code == 404
        assert b"secret draft" not in response.content


@pytest.mark.django_db
def test_an_unpublished_quiz_cannot_be_seen_or_started():
    world = build_world()
    world.quiz.is_published = False
    world.quiz.save()
    client = world.client("other")
    url = reverse("quizzes:quiz", args=[world.quiz.slug])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not world.other.attempts.exists()
    assert world.quiz.title not in client.get(reverse("quizzes:quiz_list")).text
