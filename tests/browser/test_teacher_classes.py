"""Classes and problem reports in Chromium: a learner joins a class and reports a question (with
htmx and without JavaScript); the teacher follows the class from the admin."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import ProblemReport
from quizzes.teaching import create_classroom, ensure_teachers_group
from tests.browser.conftest import PASSWORD, assert_accessible, log_in
from tests.quizzes.factories import (
    AttemptFactory,
    QuestionFactory,
    QuizFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def school(transactional_db):
    teacher = UserFactory(username="ms-aliyeva", is_staff=True)
    # Transactional tests flush the database, the migration's group with it: recreate it.
    teacher.groups.add(ensure_teachers_group())
    classroom = create_classroom(teacher=teacher, name="Year 10 history")
    learner = UserFactory(username="ada")
    question = QuestionFactory(stem="On what date did the war end?")
    quiz = QuizFactory(title="The 44-day war", questions=[question])
    wrong = question.choices.get(is_correct=False, position=1)
    attempt = AttemptFactory(
        learner=learner, quiz=quiz, done=True, score=0, max_score=1, question_ids=[question.pk]
    )
    ResponseFactory(attempt=attempt, question=question, choice=wrong, credit=0, is_correct=False)
    return {"teacher": teacher, "classroom": classroom, "learner": learner, "attempt": attempt}


def result_url(school):
    return reverse("quizzes:attempt_result", args=[school["attempt"].pk])


def test_a_learner_reports_a_question_and_htmx_swaps_in_the_thanks(page, school):
    log_in(page, username="ada")
    page.goto(result_url(school))

    page.get_by_text("Report a problem with this question").click()
    page.get_by_label("The question is ambiguous").check()
    page.get_by_label("Anything to add? (optional)").fill("Which war?")
    page.get_by_role("button", name="Send report").click()

    expect(
        page.get_by_role("status").filter(has_text="Thanks — a teacher will look at it.")
    ).to_be_visible()
    assert page.url.endswith(result_url(school))  # no page load: htmx swapped the form
    report = ProblemReport.objects.get()
    assert (report.reason, report.comment) == ("ambiguous", "Which war?")


def test_reporting_works_without_javascript(no_js_page, school):
    page = no_js_page
    log_in(page, username="ada")
    page.goto(result_url(school))

    page.get_by_text("Report a problem with this question").click()
    page.get_by_label("The marked answer is wrong").check()
    page.get_by_role("button", name="Send report").click()

    page.wait_for_url(re.compile(re.escape(result_url(school)) + "$"))
    expect(page.get_by_text("Thanks — a teacher will look at it.")).to_be_visible()
    assert ProblemReport.objects.get().reason == "wrong_answer"


def test_the_teacher_follows_the_class_from_the_admin(page, school):
    school["classroom"].learners.add(school["learner"])
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("ms-aliyeva")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(reverse("admin:quizzes_classroom_changelist"))
    page.get_by_role("link", name="View progress").click()

    page.wait_for_url(re.compile(re.escape(school["classroom"].get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", name="Progress of Year 10 history")).to_be_visible()
    expect(page.get_by_role("rowheader", name="ada")).to_be_visible()
    expect(page.get_by_role("columnheader", name="The 44-day war")).to_be_visible()
    expect(page.get_by_text("On what date did the war end?")).to_be_visible()
    assert_accessible(page)
