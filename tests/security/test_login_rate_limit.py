"""Login attempts are rate-limited by django-axes: 10 failures for a username from one address
lock that pair out for 15 minutes with a page that says so; other users are not affected."""

import pytest
from django.urls import reverse

from tests.quizzes.factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def log_in(client, *, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_ten_failures_lock_the_username_and_address_out(client, axes_on):
    UserFactory(username="ada")
    for _ in range(9):
        assert log_in(client, username="ada", password="wrong").status_code == 200
    locked = log_in(client, username="ada", password="wrong")
    assert locked.status_code == 429
    assert b"Too many login attempts" in locked.content
    # Even the right password is refused during the lockout.
    right = log_in(client, username="ada", password=PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lockout_leaves_other_users_and_addresses_alone(client, axes_on):
    UserFactory(username="ada")
    UserFactory(username="bob")
    for _ in range(10):
        log_in(client, username="ada", password="wrong")
    assert log_in(client, username="bob", password=PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, username="ada", password=PASSWORD, address="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(client, axes_on):
    UserFactory(username="ada")
    for _ in range(9):
        log_in(client, username="ada", password="wrong")
    assert log_in(client, username="ada", password=PASSWORD).status_code == 302
    client.logout()
    for _ in range(9):
        assert log_in(client, username="ada", password="wrong").status_code == 200
    assert log_in(client, username="ada", password=PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_admin_login_is_rate_limited_too(client, axes_on):
    UserFactory(username="tess", is_staff=True)
    url = reverse("admin:login")
    for _ in range(9):
        response = client.post(
            url, {"username": "tess", "password": "wrong"}, REMOTE_ADDR="10.0.0.3"
        )
        assert response.status_code == 200
    response = client.post(url, {"username": "tess", "password": PASSWORD}, REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 302  # the tenth try is right: not locked out yet
    client.logout()
    for _ in range(10):
        client.post(url, {"username": "tess", "password": "wrong"}, REMOTE_ADDR="10.0.0.3")
    locked = client.post(url, {"username": "tess", "password": PASSWORD}, REMOTE_ADDR="10.0.0.3")
    assert locked.status_code == 429
