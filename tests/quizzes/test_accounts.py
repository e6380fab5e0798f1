import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from quizzes.models import LearnerProfile
from tests.quizzes.factories import CardFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_header_offers_sign_up_and_log_in_to_visitors(client):
    page = client.get(reverse("quizzes:home")).content.decode()
    assert f'href="{reverse("quizzes:signup")}"' in page
    assert ">Sign up<" in page
    assert ">Log in<" in page
    assert ">Progress<" not in page


def test_header_offers_progress_and_log_out_to_learners(client):
    client.force_login(UserFactory())
    page = client.get(reverse("quizzes:home")).content.decode()
    assert f'href="{reverse("quizzes:dashboard")}"' in page
    assert "Log out" in page
    assert ">Sign up<" not in page


def test_sign_up_creates_the_account_logs_in_and_opens_the_dashboard(client):
    response = client.post(
        reverse("quizzes:signup"),
        {
            "username": "ada",
            "email": "ada@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("quizzes:dashboard")
    user = get_user_model().objects.get(username="ada")
    assert user.email == "ada@example.org"
    dashboard = client.get(response.url)
    assert dashboard.status_code == 200
    assert dashboard.wsgi_request.user == user


def test_sign_up_requires_an_email_and_matching_passwords(client):
    response = client.post(
        reverse("quizzes:signup"),
        {"username": "ada", "email": "", "password1": PASSWORD, "password2": "something else"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the errors below." in page
    assert "This field is required." in page
    assert "The two password fields didn" in page
    assert not get_user_model().objects.filter(username="ada").exists()


def test_sign_up_rejects_a_taken_username(client):
    UserFactory(username="ada")
    response = client.post(
        reverse("quizzes:signup"),
        {"username": "Ada", "email": "a@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_signed_in_learner_visiting_sign_up_goes_to_the_dashboard(client):
    client.force_login(UserFactory())
    response = client.get(reverse("quizzes:signup"))
    assert response.status_code == 302
    assert response.url == reverse("quizzes:dashboard")


def test_log_in_and_log_out(client):
    user = UserFactory()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Forgot your password?" in page.content.decode()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("quizzes:dashboard")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("quizzes:dashboard")).status_code == 302


def test_log_in_with_a_wrong_password_shows_an_error(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()


def test_log_out_needs_a_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("logout")).status_code == 405


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("password_change")).status_code == 200
    new = "a brand new passphrase 42"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_change_with_a_wrong_old_password_re_renders(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x" * 12, "new_password2": "x" * 12},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the errors below." in page
    assert "Your old password was entered incorrectly" in page


def test_password_reset_by_email(client, mailoutbox):
    user = UserFactory(email="ada@example.org")
    assert client.get(reverse("password_reset")).status_code == 200
    response = client.post(reverse("password_reset"), {"email": "ada@example.org"})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada@example.org"]
    assert message.subject == "Reset your quizsite password"
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a brand new passphrase 42"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_with_a_bad_link_explains_it(client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()


def test_settings_need_a_login(client):
    response = client.get(reverse("quizzes:settings"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_settings_create_the_profile_lazily_and_save(client):
    user = UserFactory()
    client.force_login(user)
    assert not LearnerProfile.objects.filter(user=user).exists()
    page = client.get(reverse("quizzes:settings"))
    assert page.status_code == 200
    assert LearnerProfile.objects.get(user=user).desired_retention == 0.9
    response = client.post(
        reverse("quizzes:settings"), {"new_cards_per_day": "5", "desired_retention": "0.85"}
    )
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user=user)
    assert (profile.new_cards_per_day, profile.desired_retention) == (5, 0.85)
    assert "Your settings are saved." in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("cards", "retention"), [("5", "0.5"), ("5", "0.99"), ("-1", "0.9"), ("many", "0.9")]
)
def test_settings_reject_values_out_of_range(client, cards, retention):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("quizzes:settings"), {"new_cards_per_day": cards, "desired_retention": retention}
    )
    assert response.status_code == 200
    assert "Please correct the errors below." in response.content.decode()
    profile = LearnerProfile.objects.get(user=user)
    assert (profile.new_cards_per_day, profile.desired_retention) == (20, 0.9)


def test_new_cards_per_day_setting_limits_the_review_session(client):
    user = UserFactory()
    client.force_login(user)
    for question in (QuestionFactory(), QuestionFactory()):
        CardFactory(learner=user, question=question, due=timezone.now() - timedelta(hours=1))
    assert client.get(reverse("quizzes:flashcards")).context["due_count"] == 2
    client.post(reverse("quizzes:settings"), {"new_cards_per_day": "1", "desired_retention": "0.9"})
    assert client.get(reverse("quizzes:flashcards")).context["due_count"] == 1
    client.post(reverse("quizzes:settings"), {"new_cards_per_day": "0", "desired_retention": "0.9"})
    page = client.get(reverse("quizzes:flashcards"))
    assert page.context["due_count"] == 0
    assert "All caught up" in page.content.decode()
