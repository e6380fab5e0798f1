"""Every page a learner sees passes axe-core and fits a 375 px phone without sideways scrolling."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from content.ingest import import_articles
from content.models import Article
from quizzes.models import Card, Response, ReviewLog
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, log_in
from tests.quizzes.factories import (
    AttemptFactory,
    CardFactory,
    QuestionFactory,
    QuizFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

SEEDS = Path(settings.BASE_DIR) / "content" / "seeds"
LIBRARY = Path(settings.BASE_DIR) / "content" / "library" / "articles"


@pytest.fixture
def library(transactional_db):
    """The shipped articles (the seeds and the starter library), imported as `make run` does."""
    import_articles(paths=[SEEDS, LIBRARY])
    return list(Article.objects.select_related("outlet").order_by("published"))


@pytest.fixture
def learner_with_history(library):
    """A learner with a month of answers and reviews on the two seed articles."""
    learner = UserFactory(username="grace")
    now = timezone.now()
    questions = []
    for article in [a for a in library if a.outlet.name in {"TRT", "Caspian Post"}]:
        sentence = article.sentences.order_by("position").first()
        for n in range(4):
            questions.append(
                QuestionFactory(
                    article=article,
                    sentence=sentence,
                    answer=sentence.text.split()[0],
                    fingerprint=f"{article.slug}-{n}",
                )
            )
    attempt = AttemptFactory(learner=learner, quiz=QuizFactory(questions=questions))
    for index, question in enumerate(questions):
        when = now - timedelta(days=index * 3, hours=1)
        response = Response.objects.create(
            attempt=attempt, question=question, is_correct=index % 3 != 1, credit=1.0
        )
        Response.objects.filter(pk=response.pk).update(created=when)
        card = CardFactory(
            learner=learner,
            question=question,
            state=Card.State.REVIEW,
            step=None,
            stability=2.0 + index * 4,
            difficulty=5.0,
            last_review=when,
            due=now + timedelta(days=index - 2),
        )
        ReviewLog.objects.create(card=card, rating=3, reviewed_at=when)
    return learner


def _learner_pages(library):
    article = library[0]
    return {
        "home": reverse("quizzes:home"),
        "articles": reverse("content:article_list"),
        "reader": article.get_absolute_url() + "#s-3",
        "outlet": article.outlet.get_absolute_url(),
        "outlets and balance": reverse("content:outlet_list"),
        # The longest source URL of the library, shown in full under the title.
        "reader with a long source url": max(library, key=lambda a: len(a.url)).get_absolute_url(),
        "login": reverse("login"),
        "signup": reverse("quizzes:signup"),
        "password reset": reverse("password_reset"),
    }


def test_public_pages_are_accessible(page, library):
    for name, url in _learner_pages(library).items():
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page), name


def test_public_pages_fit_a_phone(phone_page, library):
    for url in _learner_pages(library).values():
        phone_page.goto(url)
        expect(phone_page.locator("h1")).to_be_visible()
        assert_no_horizontal_scroll(phone_page)


def test_dashboard_with_a_month_of_history(page, learner_with_history):
    log_in(page, username="grace")
    page.goto(reverse("quizzes:dashboard"))
    expect(
        page.get_by_role("img", name="Answers and accuracy per day, last 30 days")
    ).to_be_visible()
    expect(page.locator(".stat").filter(has_text="Questions answered")).to_contain_text("8")
    expect(page.get_by_role("heading", name="Mastery by article")).to_be_visible()
    expect(page.locator(".mastery-item")).to_have_count(2)
    # The chart's numbers are also a table, one row per active day.
    page.get_by_text("Show the numbers as a table").click()
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("table").locator("tbody tr")).to_have_count(8)
    assert_accessible(page)
    page.goto(reverse("quizzes:settings"))
    assert_accessible(page)


def test_dashboard_fits_a_phone(phone_page, learner_with_history):
    log_in(phone_page, username="grace")
    for url in (reverse("quizzes:dashboard"), reverse("quizzes:settings")):
        phone_page.goto(url)
        assert_no_horizontal_scroll(phone_page)
    phone_page.goto(reverse("quizzes:dashboard"))
    assert_accessible(phone_page)


def test_keyboard_users_can_skip_to_the_content_and_see_where_focus_is(page, library):
    page.goto(reverse("quizzes:home"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    # The focus ring is drawn by our stylesheet, not left to the browser's default.
    outline = skip.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert outline == "solid 3px"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
