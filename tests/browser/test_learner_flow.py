"""The whole learner journey in Chromium: sign up, take the starter quiz, read every answer's
source sentence and outlet note, finish, review flashcards by keyboard, see progress change.

The journey runs three ways: on a desktop with axe-core checking every page it passes, on a
375 px phone checking that no page scrolls sideways, and with JavaScript turned off.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Attempt, Card, Question, Quiz, ReviewLog
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, sign_up
from tests.browser.test_pages import SEEDS
from tests.content.factories import ArticleFactory, OutletFactory
from tests.quizzes.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.browser

NOTE = "Daily Herald is funded by the state; read its account of the war as the government's."
QUIZ_TITLE = "Starter quiz: The war that lasted 44 days"


@pytest.fixture
def starter_quiz(transactional_db):
    """A published quiz of three questions on one article: two multiple choice (the right
    answer never first) and one typed date."""
    outlet = OutletFactory(name="Daily Herald", perspective_note=NOTE)
    article = ArticleFactory(
        outlet=outlet,
        title="The war that lasted 44 days",
        sentence_texts=(
            "The war ended on 10 November 2020.",
            "It lasted 44 days.",
            "Shusha was taken on 8 November 2020.",
        ),
    )
    sentences = list(article.sentences.order_by("position"))
    end_date = QuestionFactory(
        article=article,
        fingerprint="end-date",
        stem="According to Daily Herald, on what date did the war end?",
        choices=["8 November 2020", "27 September 2020", "10 November 2020", "19 September 2023"],
    )
    length = QuestionFactory(
        article=article,
        sentence=sentences[1],
        fingerprint="length",
        kind=Question.Kind.NUMBER,
        answer="44",
        answer_normalized="44",
        stem="According to Daily Herald, how many days did the war last?",
        choices=["30", "44", "28", "100"],
    )
    shusha = QuestionFactory(
        article=article,
        sentence=sentences[2],
        fingerprint="shusha",
        mode=Question.Mode.TYPED,
        answer="8 November 2020",
        answer_normalized="2020-11-08",
        stem="According to Daily Herald, on what date was Shusha taken?",
    )
    return QuizFactory(title=QUIZ_TITLE, questions=[end_date, length, shusha])


def assert_nothing_tells_the_answer(page):
    """Before an answer is sent, the choices differ only in their own text and number."""
    items = page.locator("ul.choices > li")
    shapes = set()
    for index in range(items.count()):
        html = items.nth(index).evaluate("el => el.outerHTML")
        text = items.nth(index).inner_text().strip()
        shapes.add(re.sub(r"\d+", "N", html.replace(text, "TEXT")))
    assert len(shapes) <= 1, f"choices are marked up differently: {shapes}"
    html = page.content().lower()
    for clue in ("is_correct", "is-answer", "right answer", "correct"):
        assert clue not in html, f"the question page contains {clue!r} before the answer"


def assert_feedback(page, *, verdict, answer, sentence_anchor):
    """The feedback region: verdict, the answer, the quoted sentence with the answer
    highlighted, a link to the sentence in the reader, and the outlet's perspective note."""
    feedback = page.locator("#answer-feedback")
    expect(feedback.locator(".verdict")).to_contain_text(verdict)
    expect(feedback).to_contain_text(f"The answer: {answer}")
    expect(feedback.locator("blockquote mark")).to_have_text(answer)
    link = feedback.get_by_role("link", name="Read this sentence in the article")
    expect(link).to_have_attribute("href", re.compile(f"#{sentence_anchor}$"))
    expect(feedback).to_contain_text(NOTE)


def take_starter_quiz(page, *, check):
    """From the quiz list to the result page, calling `check(page)` on every new state."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
    expect(page.get_by_role("heading", name="Quizzes", exact=True)).to_be_visible()
    check(page)
    page.get_by_role("link", name=QUIZ_TITLE).click()
    check(page)
    page.get_by_role("button", name="Start quiz").click()

    # 1. Multiple choice, answered right.
    expect(page.get_by_role("heading", name="on what date did the war end?")).to_be_visible()
    expect(page.locator("#question-progress")).to_have_text("Question 1 of 3")
    assert_nothing_tells_the_answer(page)
    check(page)
    page.get_by_label("10 November 2020").check()
    page.get_by_role("button", name="Check answer").click()
    assert_feedback(page, verdict="Right", answer="10 November 2020", sentence_anchor="s-0")
    check(page)

    # Leave for the article at the cited sentence, then come back: the attempt resumes.
    page.get_by_role("link", name="Read this sentence in the article").click()
    expect(page.locator("#s-0")).to_contain_text("The war ended on 10 November 2020.")
    expect(page).to_have_url(re.compile(r"#s-0$"))
    check(page)
    page.locator(".byline").get_by_role("link", name="Daily Herald").click()
    expect(page.get_by_role("heading", name="Daily Herald", exact=True)).to_be_visible()
    check(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
    expect(page.get_by_text("In progress")).to_be_visible()
    page.get_by_role("link", name=QUIZ_TITLE).click()
    page.get_by_role("button", name="Resume quiz").click()

    # 2. Multiple choice, answered wrong.
    expect(page.get_by_role("heading", name="how many days did the war last?")).to_be_visible()
    expect(page.locator("#question-progress")).to_have_text("Question 2 of 3")
    assert_nothing_tells_the_answer(page)
    page.get_by_label("30", exact=True).check()
    page.get_by_role("button", name="Check answer").click()
    assert_feedback(page, verdict="Not quite", answer="44", sentence_anchor="s-1")
    check(page)
    page.get_by_role("button", name="Next question").click()

    # 3. A typed date, written another way.
    expect(page.get_by_role("heading", name="on what date was Shusha taken?")).to_be_visible()
    check(page)
    page.get_by_label("Your answer", exact=True).fill("November 8, 2020")
    page.get_by_role("button", name="Check answer").click()
    assert_feedback(page, verdict="Right", answer="8 November 2020", sentence_anchor="s-2")
    page.get_by_role("button", name="Finish").click()

    # The result: the score and every answer again, each with its sentence and note.
    expect(page.get_by_role("heading", name=re.compile("^Your result"))).to_be_visible()
    expect(page.locator(".score")).to_contain_text("2 of 3")
    reviewed = page.locator(".review-item")
    expect(reviewed).to_have_count(3)
    for index in range(3):
        expect(reviewed.nth(index).locator("blockquote mark")).to_be_visible()
        expect(reviewed.nth(index)).to_contain_text(NOTE)
    check(page)


def review_flashcards_by_keyboard(page, *, check):
    """Space shows the answer, 3 (Good) or 4 (Easy) rates it, until nothing is due."""
    page.get_by_role("link", name="Review flashcards").click()
    expect(page.get_by_role("heading", name="Flashcards", exact=True)).to_be_visible()
    # The keyboard shortcuts come with a deferred script: wait until it has run.
    page.wait_for_load_state("load")
    check(page)
    for review in range(12):
        if page.get_by_role("heading", name="All caught up").count():
            break
        expect(page.get_by_role("button", name="Show answer")).to_be_visible()
        page.keyboard.press("Space")
        expect(page.get_by_role("group", name="How well did you remember it?")).to_be_visible()
        expect(page.locator(".flashcard-back blockquote mark")).to_be_visible()
        expect(page.locator(".flashcard-back")).to_contain_text(NOTE)
        if review == 0:
            check(page)
        page.keyboard.press("4" if review % 2 == 0 else "3")
        expect(page.get_by_role("group", name="How well did you remember it?")).to_have_count(0)
    expect(page.get_by_role("heading", name="All caught up")).to_be_visible()
    check(page)


def assert_dashboard_shows_the_session(page, *, check):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    # The stylesheets decide which of the two charts (wide, compact) shows: wait for them.
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Start here")).to_have_count(0)
    stats = page.locator(".stats")
    expect(stats.locator(".stat").filter(has_text="Questions answered")).to_contain_text("3")
    expect(stats.locator(".stat").filter(has_text="Accuracy")).to_contain_text("67%")
    expect(stats.locator(".stat").filter(has_text="Current streak")).to_contain_text("1 day")
    reviews = stats.locator(".stat").filter(has_text="Flashcard reviews").locator("dd")
    assert int(reviews.inner_text()) >= 3
    expect(
        page.get_by_role("img", name="Answers and accuracy per day, last 30 days")
    ).to_be_visible()
    expect(page.locator(".mastery-item")).to_have_count(1)
    expect(page.locator(".mastery-item")).to_contain_text("The war that lasted 44 days")
    check(page)


def _journey(page, *, check, username):
    page.goto(reverse("quizzes:home"))
    check(page)
    page.get_by_role("link", name="Articles").first.click()
    check(page)
    page.goto(reverse("login"))
    check(page)
    sign_up(page, username=username)
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()
    check(page)
    take_starter_quiz(page, check=check)
    review_flashcards_by_keyboard(page, check=check)
    assert_dashboard_shows_the_session(page, check=check)


def test_learner_journey_on_a_desktop_passes_axe_on_every_page(page, starter_quiz):
    _journey(page, check=assert_accessible, username="ada")
    attempt = Attempt.objects.get(learner__username="ada")
    assert attempt.finished is not None
    assert attempt.score == 2
    cards = Card.objects.filter(learner__username="ada")
    assert cards.count() == 3
    reviews = ReviewLog.objects.filter(card__learner__username="ada")
    assert reviews.filter(source=ReviewLog.Source.QUIZ).count() == 3
    assert reviews.filter(source=ReviewLog.Source.FLASHCARD).count() >= 3


def test_learner_journey_on_a_phone_never_scrolls_sideways(phone_page, starter_quiz):
    _journey(phone_page, check=assert_no_horizontal_scroll, username="bea")


def test_the_quiz_and_flashcards_work_without_javascript(no_js_page, starter_quiz):
    page = no_js_page
    sign_up(page, username="cy")
    take_starter_quiz(page, check=lambda page: None)
    # Without JavaScript there are no keyboard shortcuts: the buttons do the same.
    page.get_by_role("link", name="Review flashcards").click()
    page.get_by_role("button", name="Show answer").click()
    expect(page.locator(".flashcard-back blockquote mark")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Easy")).click()
    expect(page.get_by_role("heading", name="Flashcards", exact=True)).to_be_visible()
    assert ReviewLog.objects.filter(
        card__learner__username="cy", source=ReviewLog.Source.FLASHCARD
    ).exists()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(page.locator(".stat").filter(has_text="Questions answered")).to_contain_text("3")


@pytest.fixture
def shipped_starter_quizzes(transactional_db):
    """The library as `make run` leaves it: shipped articles, generated questions published
    above the starter threshold, one starter quiz per article."""
    call_command("import_articles", str(SEEDS), verbosity=0)
    call_command("generate_questions", publish_above="0.6", verbosity=0)
    call_command("build_starter_quizzes", verbosity=0)
    quizzes = list(Quiz.objects.filter(is_published=True).order_by("title"))
    assert quizzes, "make run's pipeline built no starter quiz"
    return quizzes


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_every_answer_of_a_shipped_starter_quiz_shows_its_source(
    browser, live_server, shipped_starter_quizzes, javascript
):
    """From the home page of `make run`: sign up, take a real starter quiz to the end, and see
    for every answer the highlighted sentence, its link into the article and the outlet note."""
    quiz = shipped_starter_quizzes[0]
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_up(page, username="dee")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
        page.get_by_role("link", name=quiz.title).click()
        page.get_by_role("button", name="Start quiz").click()
        total = quiz.items.count()
        for number in range(1, total + 1):
            expect(page.locator("#question-progress")).to_have_text(f"Question {number} of {total}")
            assert_nothing_tells_the_answer(page)
            question = quiz.questions.get(stem=page.locator("#question-heading").inner_text())
            if question.mode == Question.Mode.CHOICE:
                page.locator("ul.choices input").first.check()
            else:
                page.get_by_label("Your answer", exact=True).fill(question.answer)
            page.get_by_role("button", name="Check answer").click()
            feedback = page.locator("#answer-feedback")
            expect(feedback.locator(".verdict")).to_be_visible()
            expect(feedback.locator("blockquote mark")).to_have_text(question.answer_as_written)
            position = question.sentence.position
            expect(
                feedback.get_by_role("link", name="Read this sentence in the article")
            ).to_have_attribute("href", re.compile(f"{question.article.slug}/#s-{position}$"))
            note = question.article.outlet.perspective_note
            expect(feedback.locator(".perspective")).to_contain_text(" ".join(note.split()[:12]))
            next_step = "Finish" if number == total else "Next question"
            page.get_by_role("button", name=next_step).click()
        expect(page.locator(".score")).to_contain_text(f"of {total}")
        expect(page.locator(".review-item")).to_have_count(total)
    finally:
        context.close()
