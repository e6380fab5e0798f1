"""A teacher writes a question in the admin, in Chromium: picks the article, finds the sentence
with the search (which looks only in that article), selects the answer in the sentence, lets
the button fill the span, adds the choices and saves. The page fixture fails the test on any
Content Security Policy violation."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Question
from quizzes.teaching import ensure_teachers_group
from tests.browser.conftest import PASSWORD, assert_accessible
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def library(transactional_db):
    teacher = UserFactory(username="ms-aliyeva", is_staff=True)
    # Transactional tests flush the database, the migration's group with it: recreate it.
    teacher.groups.add(ensure_teachers_group())
    war = ArticleFactory(
        title="The 44-day war",
        sentence_texts=("The war ended on 10 November 2020.", "It lasted 44 days."),
    )
    ArticleFactory(
        title="The ceasefire",
        sentence_texts=("It lasted a night.", "Peacekeepers came on 10 November 2020."),
    )
    return {"teacher": teacher, "war": war}


def log_in_to_admin(page):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("ms-aliyeva")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def select_text(page, *, selector, start, end):
    """Select characters [start, end) of the element's text, as a mouse drag would."""
    page.locator(selector).evaluate(
        """(element, [start, end]) => {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            let seen = 0;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const length = node.textContent.length;
                if (seen <= start && start <= seen + length) range.setStart(node, start - seen);
                if (seen <= end && end <= seen + length) { range.setEnd(node, end - seen); break; }
                seen += length;
            }
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [start, end],
    )


def test_a_teacher_writes_a_question_by_marking_the_answer(page, library):
    log_in_to_admin(page)
    page.goto(reverse("admin:quizzes_question_add"))

    page.locator("#id_article").select_option(label="The 44-day war")
    page.locator(".field-sentence .select2-selection").click()
    search = page.locator(".select2-search__field")
    search.fill("lasted")
    options = page.locator(".select2-results__option")
    # "It lasted a night." is in the other article: the search does not offer it.
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("#1: It lasted 44 days.")
    options.first.click()

    sentence = page.locator(".answer-marker-text")
    expect(sentence).to_have_text("It lasted 44 days.")
    use = page.get_by_role("button", name="Use selection as the answer")
    use.click()
    expect(page.get_by_role("status")).to_contain_text("Select the answer inside the sentence")

    select_text(page, selector=".answer-marker-text", start=10, end=18)  # "44 days." minus "."
    select_text(page, selector=".answer-marker-text", start=9, end=17)  # " 44 days", space too
    use.click()

    expect(page.locator("#id_answer_start")).to_have_value("10")
    expect(page.locator("#id_answer_end")).to_have_value("17")
    expect(page.locator("#id_answer")).to_have_value("44 days")
    expect(sentence.locator("mark")).to_have_text("44 days")
    expect(page.get_by_role("status")).to_contain_text("Answer set to “44 days”")
    assert_accessible(page)

    page.locator("#id_kind").select_option("number")
    page.locator("#id_stem").fill("How long did the war last?")
    for i, text in enumerate(["44 days", "30 days", "60 days", "6 weeks"]):
        page.locator(f"#id_choices-{i}-position").fill(str(i))
        page.locator(f"#id_choices-{i}-text").fill(text)
    page.locator("#id_choices-0-is_correct").check()
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url(re.compile(re.escape(reverse("admin:quizzes_question_changelist"))))
    question = Question.objects.get()
    assert question.origin == Question.Origin.AUTHORED
    assert question.article == library["war"]
    assert (question.answer_start, question.answer_end) == (10, 17)
    assert question.answer_as_written == "44 days"
    assert question.choices.get(is_correct=True).text == "44 days"


def test_changing_the_article_clears_the_sentence(page, library):
    war = library["war"]
    sentence = war.sentences.get(position=1)
    log_in_to_admin(page)
    page.goto(reverse("admin:quizzes_question_add") + f"?article={war.pk}&sentence={sentence.pk}")

    expect(page.locator(".answer-marker-text")).to_have_text("It lasted 44 days.")
    page.locator("#id_article").select_option(label="The ceasefire")

    expect(page.locator("#id_sentence")).to_have_value("")
    expect(page.locator(".answer-marker-text")).to_have_text("")
    expect(page.get_by_role("button", name="Use selection as the answer")).to_be_hidden()


def test_the_change_page_marks_the_saved_span_and_follows_the_offsets(page, library):
    question = QuestionFactory(article=library["war"])
    log_in_to_admin(page)
    page.goto(reverse("admin:quizzes_question_change", args=[question.pk]))

    marked = page.locator(".answer-marker-text mark")
    expect(marked).to_have_text("10 November 2020")
    page.locator("#id_answer_start").fill("20")

    expect(marked).to_have_text("November 2020")
