"""In a real browser, script and HTML in the content run nowhere: no dialog opens and no
injected element (ids "pwned…") exists, on the reading pages, through an htmx answer and its
feedback, the result, flashcards, the dashboard, the class page and the admin."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.security.xss import IMG, build_hostile_world

pytestmark = pytest.mark.browser


def watch_for_injection(page):
    """Record every dialog (alert, confirm, prompt) the page opens, and dismiss it."""
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))


def assert_nothing_injected(page):
    page.wait_for_load_state("load")
    injected = page.evaluate("() => [...document.querySelectorAll('[id^=pwned]')].map(e => e.id)")
    assert not injected, f"elements injected on {page.url}: {injected}"
    assert not page.dialogs, f"dialogs opened on {page.url}: {page.dialogs}"
    # The payload is on the page as text (it was not dropped either).
    assert "<img id=pwned" in page.locator("body").inner_text()


def test_hostile_content_is_inert_for_a_learner(page):
    world = build_hostile_world()
    watch_for_injection(page)
    log_in(page, username=IMG.format("user"))
    attempt = world.open_attempt
    for url in (
        reverse("content:article", args=[world.article.slug]),
        reverse("content:outlet", args=[world.article.outlet.slug]),
        reverse("quizzes:quiz_list"),
        reverse("quizzes:dashboard"),
    ):
        page.goto(url)
        assert_nothing_injected(page)
    # The flashcard comes before the quiz: once the quiz has answered its siblings today (the
    # world's questions all share a sentence), the card waits until tomorrow.
    page.goto(reverse("quizzes:flashcards"))
    assert_nothing_injected(page)
    page.get_by_role("button", name="Show answer").click()
    expect(page.locator(".flashcard-back")).to_be_visible()
    assert_nothing_injected(page)
    page.goto(attempt.get_absolute_url())
    assert_nothing_injected(page)
    # Answer through htmx: the feedback swapped in must stay inert too.
    for _ in world.questions:
        page.locator("label[for=choice-2]").click()
        page.get_by_role("button", name="Check answer").click()
        expect(page.locator(".verdict")).to_be_visible()
        assert_nothing_injected(page)
        button = page.get_by_role("button", name=re.compile("^(Next question|Finish)$")).first
        label = button.inner_text()
        button.click()
        if label == "Finish":
            break
    page.wait_for_url(re.compile(r"/result/$"))
    assert_nothing_injected(page)


def test_hostile_content_is_inert_for_teachers_and_in_the_admin(page):
    world = build_hostile_world()
    watch_for_injection(page)
    log_in(page, username="root")
    for url in (
        reverse("quizzes:class_detail", args=[world.classroom.pk]),
        reverse("admin:quizzes_classroom_change", args=[world.classroom.pk]),
        reverse("admin:quizzes_question_changelist"),
        reverse("admin:quizzes_problemreport_changelist"),
        reverse("admin:content_outlet_changelist"),
        reverse("admin:auth_user_changelist"),
    ):
        page.goto(url)
        assert_nothing_injected(page)
