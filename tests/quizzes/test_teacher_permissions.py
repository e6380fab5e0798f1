"""Who reaches the admin, and what a teacher may do there."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from quizzes.teaching import TEACHERS_GROUP, teacher_permission_codenames
from tests.quizzes.factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher():
    user = UserFactory(username="teacher", is_staff=True)
    user.groups.add(Group.objects.get(name=TEACHERS_GROUP))
    return user


def test_the_migrations_create_the_teachers_group_with_exactly_the_teacher_permissions():
    group = Group.objects.get(name=TEACHERS_GROUP)

    granted = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert granted == teacher_permission_codenames()
    # Spelled out, so a change to the list is a deliberate one.
    assert ("quizzes", "change_question") in granted
    assert ("content", "change_outletsource") in granted
    assert ("content", "view_sentence") in granted
    assert ("content", "change_sentence") not in granted
    assert ("quizzes", "add_problemreport") not in granted
    assert ("quizzes", "change_attempt") not in granted
    assert not {app for app, _ in granted} - {"content", "quizzes"}


def test_every_teacher_permission_exists():
    existing = set(Permission.objects.values_list("content_type__app_label", "codename"))
    assert teacher_permission_codenames() <= existing


def test_anonymous_visitors_get_the_admin_login_not_the_admin(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_learner_gets_no_admin_page(client):
    client.force_login(UserFactory(username="learner"))

    index = client.get("/admin/")
    changelist = client.get(reverse("admin:quizzes_question_changelist"))

    for response in (index, changelist):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    followed = client.get("/admin/", follow=True)
    assert b"Site administration" not in followed.content
    assert b"not authorized" in followed.content


def test_a_teacher_opens_the_question_changelist(client, teacher):
    QuestionFactory(stem="On what date did the war end?")
    client.force_login(teacher)

    response = client.get(reverse("admin:quizzes_question_changelist"))

    assert response.status_code == 200
    assert "On what date did the war end?" in response.text


def test_a_teacher_cannot_see_or_change_users_or_groups(client, teacher):
    client.force_login(teacher)

    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_change", args=[teacher.pk])).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    index = client.get("/admin/")
    assert index.status_code == 200
    assert reverse("admin:auth_user_changelist") not in index.text


def test_a_staff_user_outside_the_teachers_group_sees_nothing_to_edit(client):
    client.force_login(UserFactory(username="bare-staff", is_staff=True))

    assert client.get(reverse("admin:quizzes_classroom_changelist")).status_code == 403
