"""A logged-in session ends as soon as the account it belongs to changes.

The user row is read on every request (Django's ModelBackend), so these take effect on
the very next page, whatever the session cache holds.
"""

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

DASHBOARD = reverse("quizzes:dashboard")
LOGIN = reverse("login")


def log_in(client, django_user_model, username="sessions-learner"):
    user = django_user_model.objects.create_user(username, password="a-long-pass-phrase-42")
    assert client.login(username=username, password="a-long-pass-phrase-42")
    assert client.get(DASHBOARD).status_code == 200
    return user


def test_deactivating_an_account_ends_its_sessions_at_once(client, django_user_model):
    user = log_in(client, django_user_model)
    django_user_model.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_changing_the_password_elsewhere_ends_other_sessions(client, django_user_model):
    user = log_in(client, django_user_model)
    user.set_password("another-long-pass-phrase-43")
    user.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302


def test_a_deleted_account_leaves_an_anonymous_visitor(client, django_user_model):
    user = log_in(client, django_user_model)
    user.delete()
    assert client.get(DASHBOARD).status_code == 302
    assert client.get(reverse("quizzes:home")).status_code == 200


def test_a_session_naming_a_user_id_out_of_range_is_anonymous(client, django_user_model):
    # Sessions live on the server, so this takes a tampered session store; still no 500
    # (a lookup on an id out of the column's range matches nothing).
    log_in(client, django_user_model)
    session = client.session
    session[SESSION_KEY] = str(2**70)
    session.save()
    assert client.get(DASHBOARD).status_code == 302
    assert client.get(reverse("quizzes:home")).status_code == 200
