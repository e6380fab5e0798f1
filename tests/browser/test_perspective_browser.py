"""The learner sees who reported each answer and what contested words mean: the outlet's note
with the feedback, and glossed terms whose gloss shows on keyboard focus and on hover."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from content.models import Article
from quizzes.models import Question, Quiz
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, sign_up

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "content" / "seeds"
QUIZ_TITLE = "Shusha and the end of the war"


@pytest.fixture
def seeded_quiz(transactional_db):
    """The seeds, generated; a quiz of TRT's Shusha question (its sentence says "liberated"
    and "Shusha", both contested terms)."""
    # A transactional test empties the tables after each test, the data migrations' rows
    # with them: ship the known outlets and the glossary again (both only fill what is missing).
    for migration in ("0003_known_outlets", "0006_glossary_and_note_sources"):
        module = importlib.import_module(f"content.migrations.{migration}")
        shipped = getattr(module, "create_known_outlets", None) or module.ship_glossary_and_sources
        shipped(django_apps, None)
    call_command("import_articles", str(SEEDS), verbosity=0)
    call_command("generate_questions", verbosity=0)
    question = Question.objects.get(
        article__outlet__name="TRT",
        answer_normalized="2020-11-08",
        sentence_text__contains="Shusha",
    )
    question.status = Question.Status.PUBLISHED
    question.save()
    quiz = Quiz.objects.create(
        title=QUIZ_TITLE, slug="shusha", is_published=True, shuffle_choices=False
    )
    quiz.items.create(question=question, position=0)
    return question


def test_the_feedback_shows_the_note_and_glossed_terms_with_a_focus_tooltip(page, seeded_quiz):
    question = seeded_quiz
    outlet = question.article.outlet
    sign_up(page)
    page.goto(reverse("quizzes:quiz", args=["shusha"]))
    page.get_by_role("button", name="Start quiz").click()
    expect(page.locator("#question-heading")).to_have_text(question.stem)
    page.get_by_label(question.answer, exact=True).check()
    page.get_by_role("button", name="Check answer").click()

    feedback = page.locator("#answer-feedback")
    expect(feedback.locator(".verdict")).to_contain_text("Right")
    # The outlet's note, short, with the article's voice and a way to read more.
    note = feedback.locator(".perspective-short")
    expect(note).to_contain_text("TRT is Türkiye's state-funded public broadcaster")
    expect(note).to_contain_text("News report")
    expect(note.get_by_role("link", name=re.compile("More about TRT"))).to_have_attribute(
        "href", outlet.get_absolute_url()
    )
    # The answer highlighted and the contested terms glossed, in the same sentence.
    quote = feedback.locator("blockquote")
    expect(quote.locator("mark")).to_have_text(question.answer_as_written)
    terms = quote.locator(".term")
    expect(terms).to_have_text(["liberated", "Shusha"])
    glosses = quote.locator(".term-gloss")
    expect(glosses.first).to_be_hidden()

    # Keyboard: Shift+Tab back from the link after the quote reaches the last term.
    feedback.get_by_role("link", name="Read this sentence in the article").focus()
    page.keyboard.press("Shift+Tab")
    expect(terms.last).to_be_focused()
    tooltip_id = terms.last.get_attribute("aria-describedby")
    tooltip = page.locator(f"#{tooltip_id}")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(tooltip).to_contain_text("Shushi (Armenian name)")
    page.keyboard.press("Shift+Tab")
    expect(terms.first).to_be_focused()
    expect(page.locator(f"#{terms.first.get_attribute('aria-describedby')}")).to_contain_text(
        "Azerbaijani official usage"
    )
    expect(tooltip).to_be_hidden()
    assert_accessible(page)


def test_the_reader_glosses_terms_on_hover_and_links_the_glossary(page, seeded_quiz):
    article = Article.objects.get(outlet__name="Caspian Post")
    page.goto(article.get_absolute_url())
    term = page.locator(".article-body .term", has_text="Patriotic War").first
    gloss = page.locator(f"#{term.get_attribute('aria-describedby')}")
    expect(gloss).to_be_hidden()
    term.hover()
    expect(gloss).to_be_visible()
    expect(gloss).to_contain_text("Vətən müharibəsi")
    assert_accessible(page)
    page.locator(".glossary-hint").get_by_role("link", name="contested terms").click()
    expect(page.get_by_role("heading", name="Contested terms")).to_be_visible()
    expect(page.locator("#term-artsakh")).to_contain_text("Artsakh")
    assert_accessible(page)


def test_the_glossary_and_balance_pages_read_well_on_a_phone(phone_page, seeded_quiz):
    for url in (reverse("content:glossary"), reverse("content:outlet_list")):
        phone_page.goto(url)
        assert_no_horizontal_scroll(phone_page)
        assert_accessible(phone_page)
    expect(phone_page.locator(".balance-warning")).to_contain_text("One-sided library")
    expect(phone_page.locator("table.balance")).to_contain_text("Caspian Post (1)")
