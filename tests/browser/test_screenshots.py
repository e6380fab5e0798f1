"""Screenshots of the learner's pages for the README and for design review.

Skipped unless SCREENSHOT_DIR is set; `bench/screenshot.py` sets it and copies the
answer-feedback shot to docs/screenshot.png. The content is what `make run` builds: the
shipped articles, generated questions and the starter quizzes.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Quiz
from tests.browser.conftest import log_in, sign_up
from tests.browser.test_pages import SEEDS, learner_with_history, library  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("SCREENSHOT_DIR"), reason="set SCREENSHOT_DIR"),
]


@pytest.fixture
def shots():
    directory = Path(os.environ["SCREENSHOT_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def starter_quizzes(transactional_db):
    """The library as `make run` leaves it."""
    call_command("import_articles", str(SEEDS), verbosity=0)
    call_command("generate_questions", publish_above="0.6", verbosity=0)
    call_command("build_starter_quizzes", verbosity=0)
    return list(Quiz.objects.filter(is_published=True).order_by("title"))


def _answer_first_question(page, quiz, *, right):
    page.goto(quiz.get_absolute_url())
    page.get_by_role("button", name="Start quiz").click()
    expect(page.locator("#question-heading")).to_be_visible()
    stem = page.locator("#question-heading").inner_text()
    question = quiz.questions.get(stem=stem)
    if question.mode == "choice":
        correct = question.choices.get(is_correct=True).text
        wrong = question.choices.filter(is_correct=False).first().text
        page.get_by_label(correct if right else wrong, exact=True).check()
    else:
        page.get_by_label("Your answer", exact=True).fill(question.answer if right else "no idea")
    return page


def test_screenshot_answer_feedback(page, phone_page, starter_quizzes, shots):
    quiz = starter_quizzes[0]
    for browser_page, size, name in ((page, "desktop", "ada"), (phone_page, "phone", "bea")):
        sign_up(browser_page, username=name)
        _answer_first_question(browser_page, quiz, right=True)
        browser_page.screenshot(
            path=shots / f"question-{size}.png", full_page=True, caret="initial"
        )
        browser_page.get_by_role("button", name="Check answer").click()
        expect(browser_page.locator(".verdict")).to_be_visible()
        browser_page.locator("#main").evaluate("el => document.activeElement.blur()")
        browser_page.screenshot(
            path=shots / f"feedback-{size}.png", full_page=True, caret="initial"
        )
        # Answer the rest (wrong) to see the result page and the flashcards.
        number = 1
        while browser_page.get_by_role("button", name="Next question").count():
            browser_page.get_by_role("button", name="Next question").click()
            number += 1
            expect(browser_page.locator("#question-progress")).to_contain_text(f"Question {number}")
            if browser_page.locator("#typed-answer").count():
                browser_page.locator("#typed-answer").fill("I don't know")
            else:
                browser_page.locator("ul.choices input").last.check()
            browser_page.get_by_role("button", name="Check answer").click()
            expect(browser_page.locator(".verdict")).to_be_visible()
            if size == "phone":
                browser_page.screenshot(
                    path=shots / "feedback-wrong-phone.png", full_page=True, caret="initial"
                )
        browser_page.get_by_role("button", name="Finish").click()
        browser_page.screenshot(path=shots / f"result-{size}.png", full_page=True, caret="initial")
        browser_page.goto(reverse("quizzes:quiz_list"))
        browser_page.screenshot(
            path=shots / f"quiz-list-{size}.png", full_page=True, caret="initial"
        )
        browser_page.goto(reverse("quizzes:flashcards"))
        browser_page.screenshot(
            path=shots / f"flashcard-front-{size}.png", full_page=True, caret="initial"
        )
        browser_page.get_by_role("button", name="Show answer").click()
        expect(browser_page.locator(".flashcard-back")).to_be_visible()
        browser_page.screenshot(
            path=shots / f"flashcard-back-{size}.png", full_page=True, caret="initial"
        )


def test_screenshot_public_pages(page, phone_page, library, shots):  # noqa: F811
    article = library[0]
    for name, url in {
        "home": reverse("quizzes:home"),
        "reader": article.get_absolute_url() + "#s-3",
        "signup": reverse("quizzes:signup"),
    }.items():
        page.goto(url)
        page.screenshot(path=shots / f"{name}-desktop.png", full_page=True, caret="initial")
        phone_page.goto(url)
        phone_page.screenshot(path=shots / f"{name}-phone.png", full_page=True, caret="initial")


def test_screenshot_dashboard(page, phone_page, learner_with_history, shots):  # noqa: F811
    for browser_page, size in ((page, "desktop"), (phone_page, "phone")):
        log_in(browser_page, username="grace")
        browser_page.goto(reverse("quizzes:dashboard"))
        browser_page.screenshot(
            path=shots / f"dashboard-{size}.png", full_page=True, caret="initial"
        )
