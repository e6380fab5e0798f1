import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, assert_accessible, log_in, sign_up
from tests.quizzes.factories import UserFactory

pytestmark = pytest.mark.browser


def test_sign_up_leads_to_a_dashboard_that_says_what_to_do(page):
    sign_up(page, username="ada")

    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Welcome, ada!")
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()
    start = page.get_by_role("link", name="Take a starter quiz")
    expect(start).to_have_attribute("href", "/quizzes/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Progress")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("button", name="Log out")).to_be_visible()
    assert get_user_model().objects.filter(username="ada", email="ada@example.org").exists()
    assert_accessible(page)


def test_sign_up_errors_are_shown_next_to_the_fields(page):
    page.goto(reverse("quizzes:signup"))
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill("not the same")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_text("Please correct the errors below.")).to_be_visible()
    expect(page.get_by_text("The two password fields didn’t match.")).to_be_visible()
    assert_accessible(page)


def test_log_in_log_out_and_settings(page):
    UserFactory(username="grace")
    log_in(page, username="grace")
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_label("Desired retention").fill("0.85")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Your settings are saved.")
    expect(page.get_by_label("Desired retention")).to_have_value("0.85")
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto(reverse("quizzes:dashboard"))
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/$"))
    assert_accessible(page)


def test_wrong_password_is_explained(page):
    UserFactory(username="grace")
    page.goto(reverse("login"))
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("didn't match")
