import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from quizzes.teaching import TEACHERS_GROUP
from tests.quizzes.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long teacher passphrase"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(*args, **kwargs):
    out = io.StringIO()
    call_command("createteacher", *args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def test_creates_a_staff_user_in_the_teachers_group_with_the_password_from_env(monkeypatch):
    monkeypatch.setenv("TEACHER_PASSWORD", PASSWORD)

    output = run(
        "ms-aliyeva", "--email", "aliyeva@example.org", "--password-from-env", "TEACHER_PASSWORD"
    )

    teacher = get_user_model().objects.get(username="ms-aliyeva")
    assert "Created teacher" in output
    assert teacher.is_staff and teacher.is_active and not teacher.is_superuser
    assert teacher.email == "aliyeva@example.org"
    assert teacher.check_password(PASSWORD)
    assert list(teacher.groups.values_list("name", flat=True)) == [TEACHERS_GROUP]


def test_prompts_for_the_password_twice_on_a_terminal(monkeypatch):
    answers = iter(["does not match", "something else", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    run("mr-hasanov", stdin=Terminal())

    assert get_user_model().objects.get(username="mr-hasanov").check_password(PASSWORD)


def test_a_weak_prompted_password_is_asked_again(monkeypatch):
    answers = iter(["123", "123", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    run("mr-hasanov", stdin=Terminal())

    assert get_user_model().objects.get(username="mr-hasanov").check_password(PASSWORD)


def test_noinput_without_a_password_source_refuses_and_creates_nothing():
    with pytest.raises(CommandError, match="needs a password.*--password-from-env"):
        run("nobody", "--noinput")

    assert not get_user_model().objects.filter(username="nobody").exists()


def test_without_a_terminal_it_refuses_to_prompt():
    with pytest.raises(CommandError, match="without a terminal"):
        run("nobody", stdin=io.StringIO())


def test_an_unset_password_variable_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("NO_SUCH_VARIABLE", raising=False)

    with pytest.raises(CommandError, match="NO_SUCH_VARIABLE is not set"):
        run("nobody", "--password-from-env", "NO_SUCH_VARIABLE")


def test_a_weak_password_from_env_is_rejected(monkeypatch):
    monkeypatch.setenv("TEACHER_PASSWORD", "12345678")

    with pytest.raises(CommandError, match="Password rejected"):
        run("nobody", "--password-from-env", "TEACHER_PASSWORD")

    assert not get_user_model().objects.filter(username="nobody").exists()


def test_rerunning_for_an_existing_user_makes_them_a_teacher_and_keeps_their_password():
    learner = UserFactory(username="former-learner")

    output = run("former-learner", "--noinput")

    learner.refresh_from_db()
    assert "Updated teacher" in output
    assert learner.is_staff
    assert learner.groups.filter(name=TEACHERS_GROUP).exists()
    assert learner.check_password("correct horse battery staple")
    # Running it again changes nothing.
    run("former-learner", "--noinput")
    assert learner.groups.count() == 1


def test_createteacher_restores_a_missing_teacher_permission():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=TEACHERS_GROUP)
    missing = group.permissions.get(codename="change_outletsource")
    group.permissions.remove(missing)

    UserFactory(username="existing")
    run("existing", "--noinput")

    assert group.permissions.filter(pk=missing.pk).exists()
