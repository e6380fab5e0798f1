"""The teaching site's index in Chromium: a teacher finds her pages first and follows them."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.teaching import create_classroom, ensure_teachers_group
from tests.browser.conftest import PASSWORD, assert_accessible
from tests.quizzes.factories import UserFactory

pytestmark = pytest.mark.browser


def test_a_teacher_starts_from_her_pages_on_the_index(page, transactional_db):
    teacher = UserFactory(username="ms-aliyeva", is_staff=True)
    # Transactional tests flush the database, the migration's group with it: recreate it.
    teacher.groups.add(ensure_teachers_group())
    create_classroom(teacher=teacher, name="Year 10 history")
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("ms-aliyeva")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url(f"**{reverse('admin:index')}")
    expect(page).to_have_title("Teaching | quizsite teaching")
    expect(page.get_by_role("link", name="quizsite — teaching")).to_be_visible()
    pages = page.get_by_role("table", name="Your pages")
    for title in ("Review queue", "Import articles", "Perspective", "Classes"):
        expect(pages.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)

    pages.get_by_role("link", name="Classes").click()
    expect(page.get_by_role("link", name="Year 10 history")).to_be_visible()
    page.go_back()
    page.get_by_role("table", name="Your pages").get_by_role("link", name="Perspective").click()
    expect(page.get_by_role("heading", name="Where outlets disagree")).to_be_visible()
