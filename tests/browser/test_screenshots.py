"""Screenshots of the learner's pages for the README and for design review.

Skipped unless SCREENSHOT_DIR is set; `bench/screenshot.py` sets it and copies the
answer-feedback shot to docs/screenshot.png.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import log_in
from tests.browser.test_pages import learner_with_history, library  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("SCREENSHOT_DIR"), reason="set SCREENSHOT_DIR"),
]


@pytest.fixture
def shots():
    directory = Path(os.environ["SCREENSHOT_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def test_screenshot_public_pages(page, phone_page, library, shots):  # noqa: F811
    article = library[0]
    for name, url in {
        "home": reverse("quizzes:home"),
        "reader": article.get_absolute_url() + "#s-3",
        "signup": reverse("quizzes:signup"),
    }.items():
        page.goto(url)
        page.screenshot(path=shots / f"{name}-desktop.png", full_page=True)
        phone_page.goto(url)
        phone_page.screenshot(path=shots / f"{name}-phone.png", full_page=True)


def test_screenshot_dashboard(page, phone_page, learner_with_history, shots):  # noqa: F811
    for browser_page, size in ((page, "desktop"), (phone_page, "phone")):
        log_in(browser_page, username="grace")
        browser_page.goto(reverse("quizzes:dashboard"))
        browser_page.screenshot(path=shots / f"dashboard-{size}.png", full_page=True)
