"""Item analysis against a worked example.

Four finished attempts at a three-question quiz, credits by question:

    attempt   Q1   Q2   Q3    total
    A         1    1    1     3
    B         1    0    1     2
    C         0    1    0     1
    D         0    0    0.5   0.5

Q1: item x = [1, 1, 0, 0], rest X − x = [2, 1, 1, 0.5]
    facility = 100 · 0.5 / 1 = 50
    deviations: x − 0.5 = [.5, .5, −.5, −.5]; rest − 1.125 = [.875, −.125, −.125, −.625]
    Σdxdy = .4375 − .0625 + .0625 + .3125 = 0.75; Σdx² = 1; Σdy² = 1.1875
    discrimination = 100 · 0.75 / √1.1875 = 68.82
Q2: x = [1, 0, 1, 0], rest = [2, 2, 0, 0.5]
    facility = 50; Σdxdy = −0.25; Σdx² = 1; Σdy² = 3.1875
    discrimination = 100 · −0.25 / √3.1875 = −14.00
Q3: x = [1, 1, 0, 0.5], rest = [2, 1, 1, 0]
    facility = 100 · 2.5 / 4 = 62.5; Σdxdy = 0.5; Σdx² = 0.6875; Σdy² = 2
    discrimination = 100 · 0.5 / √1.375 = 42.64
"""

import pytest

from quizzes.models import Question
from quizzes.stats import (
    ItemStats,
    discrimination_index,
    facility_index,
    item_statistics,
    poorly_discriminating_question_ids,
    statistics_by_question,
)
from tests.quizzes.factories import AttemptFactory, QuestionFactory, QuizFactory, ResponseFactory

CREDITS = {
    "A": (1, 1, 1),
    "B": (1, 0, 1),
    "C": (0, 1, 0),
    "D": (0, 0, 0.5),
}


# Pure functions


def test_facility_is_the_mean_score_as_a_percentage_of_the_maximum():
    assert facility_index([1, 1, 0, 0], 1) == 50
    assert facility_index([1, 1, 0, 0.5], 1) == 62.5
    assert facility_index([2, 4], 4) == 75


def test_facility_is_undefined_without_scores_or_maximum():
    assert facility_index([], 1) is None
    assert facility_index([1], 0) is None


def test_discrimination_matches_the_worked_example():
    assert discrimination_index([1, 1, 0, 0], [2, 1, 1, 0.5]) == pytest.approx(68.82, abs=0.01)
    assert discrimination_index([1, 0, 1, 0], [2, 2, 0, 0.5]) == pytest.approx(-14.00, abs=0.01)
    assert discrimination_index([1, 1, 0, 0.5], [2, 1, 1, 0]) == pytest.approx(42.64, abs=0.01)


def test_perfectly_agreeing_and_opposed_items():
    assert discrimination_index([0, 1], [0, 5]) == pytest.approx(100)
    assert discrimination_index([0, 1], [5, 0]) == pytest.approx(-100)


def test_discrimination_is_undefined_for_one_attempt_or_no_variance():
    assert discrimination_index([], []) is None
    assert discrimination_index([1], [3]) is None
    assert discrimination_index([1, 1, 1], [0, 1, 2]) is None  # everyone got the item right
    assert discrimination_index([0, 1, 0], [2, 2, 2]) is None  # the rest of the test is flat


def test_discrimination_needs_paired_scores():
    with pytest.raises(ValueError, match="3 item scores but 2"):
        discrimination_index([1, 0, 1], [1, 2])


# From the database


@pytest.fixture
def worked_example(db):
    questions = [QuestionFactory() for _ in range(3)]
    quiz = QuizFactory(questions=questions)
    for credits in CREDITS.values():
        attempt = AttemptFactory(quiz=quiz, done=True)
        for question, credit in zip(questions, credits, strict=True):
            ResponseFactory(
                attempt=attempt, question=question, credit=credit, is_correct=credit == 1
            )
    # An unfinished attempt counts for nothing.
    unfinished = AttemptFactory(quiz=quiz)
    ResponseFactory(attempt=unfinished, question=questions[1], credit=1)
    return questions


def test_item_statistics_of_the_worked_example(worked_example, django_assert_num_queries):
    q1, q2, q3 = worked_example

    with django_assert_num_queries(1):
        stats = item_statistics()

    assert set(stats) == {q1.pk, q2.pk, q3.pk}
    assert stats[q1.pk].n == 4
    assert stats[q1.pk].facility == pytest.approx(50)
    assert stats[q1.pk].discrimination == pytest.approx(68.82, abs=0.01)
    assert stats[q2.pk].facility == pytest.approx(50)
    assert stats[q2.pk].discrimination == pytest.approx(-14.00, abs=0.01)
    assert stats[q3.pk].facility == pytest.approx(62.5)
    assert stats[q3.pk].discrimination == pytest.approx(42.64, abs=0.01)
    assert stats[q2.pk].discriminates_poorly
    assert not stats[q1.pk].discriminates_poorly


def test_limiting_to_some_questions_keeps_the_whole_attempt_in_the_rest_score(
    worked_example, django_assert_num_queries
):
    q1, q2, q3 = worked_example

    with django_assert_num_queries(1):
        by_list = item_statistics(questions=[q2])
    with django_assert_num_queries(1):
        by_queryset = item_statistics(questions=Question.objects.filter(pk=q3.pk))

    assert set(by_list) == {q2.pk}
    assert by_list[q2.pk].discrimination == pytest.approx(-14.00, abs=0.01)
    assert set(by_queryset) == {q3.pk}
    assert by_queryset[q3.pk] == item_statistics()[q3.pk]
    assert item_statistics(questions=[]) == {}


def add_answered_quiz(*, questions, attempts):
    """More data for the query counts: a quiz of `questions` new questions, each answered right
    in `attempts` finished attempts. Returns the questions."""
    more = [QuestionFactory() for _ in range(questions)]
    quiz = QuizFactory(questions=more)
    for _ in range(attempts):
        attempt = AttemptFactory(quiz=quiz, done=True)
        for question in more:
            ResponseFactory(attempt=attempt, question=question, credit=1)
    return more


def test_query_count_does_not_grow_with_data(worked_example, django_assert_num_queries):
    more = add_answered_quiz(questions=5, attempts=6)

    with django_assert_num_queries(1):
        stats = item_statistics()

    assert len(stats) == 8
    # Everyone right: facility 100, discrimination undefined.
    assert stats[more[0].pk] == ItemStats(n=6, facility=100.0, discrimination=None)


def test_a_question_without_finished_responses_has_no_statistics(worked_example):
    lonely = QuestionFactory()
    attempt = AttemptFactory(finished=None)
    ResponseFactory(attempt=attempt, question=lonely)

    assert lonely.pk not in item_statistics()
    assert item_statistics(questions=[lonely]) == {}


def test_statistics_by_question_annotates_a_page_of_questions(
    worked_example, django_assert_num_queries
):
    q1, q2, q3 = worked_example
    unanswered = QuestionFactory()
    page = list(Question.objects.filter(pk__in=[q1.pk, unanswered.pk]))

    with django_assert_num_queries(1):
        annotated = statistics_by_question(page)

    by_pk = {q.pk: q for q in annotated}
    assert by_pk[q1.pk].item_stats.facility == pytest.approx(50)
    assert by_pk[unanswered.pk].item_stats is None


def test_poorly_discriminating_questions_need_enough_attempts(worked_example):
    q1, q2, q3 = worked_example

    assert poorly_discriminating_question_ids(min_attempts=4) == {q2.pk}
    assert poorly_discriminating_question_ids(min_attempts=5) == set()
    assert poorly_discriminating_question_ids(threshold=50, min_attempts=4) == {q2.pk, q3.pk}


def test_an_unfinished_attempt_does_not_count(worked_example):
    q1, q2, q3 = worked_example

    # Q2 also has a right answer in an unfinished attempt; it would raise n to 5.
    assert item_statistics()[q2.pk].n == 4


# In the question admin


def changelist_url():
    from django.urls import reverse

    return reverse("admin:quizzes_question_changelist")


def test_the_question_list_shows_n_facility_and_discrimination(teacher_client, worked_example):
    response = teacher_client.get(changelist_url())

    assert response.status_code == 200
    rows = {q.pk: q for q in response.context["cl"].result_list}
    q1, q2, q3 = worked_example
    assert rows[q1.pk].item_stats.discrimination == pytest.approx(68.82, abs=0.01)
    html = response.text
    for header in ("answers", "facility", "discrimination", "reports"):
        assert f">{header.capitalize()}<" in html or f">{header}<" in html.lower()
    assert "69%" in html  # Q1's discrimination, rounded
    assert "63%" in html or "62%" in html  # Q3's facility 62.5%
    assert "-14% ⚠" in html  # Q2 discriminates poorly


def test_the_question_list_runs_the_same_queries_for_more_questions(
    teacher_client, worked_example, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30) as few:
        teacher_client.get(changelist_url())
    add_answered_quiz(questions=6, attempts=3)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = teacher_client.get(changelist_url())
    assert response.context["cl"].result_count == 9


def test_the_needs_attention_filter_finds_poorly_discriminating_questions(
    teacher_client, worked_example
):
    q1, q2, q3 = worked_example
    # Four attempts are fewer than the five the filter asks for; add a fifth like attempt D.
    attempt = AttemptFactory(quiz=q1.quizzes.first(), done=True)
    for question, credit in zip(worked_example, (0, 0, 0.5), strict=True):
        ResponseFactory(attempt=attempt, question=question, credit=credit, is_correct=False)

    response = teacher_client.get(changelist_url(), {"attention": "discrimination"})

    assert response.status_code == 200
    assert [q.pk for q in response.context["cl"].result_list] == [q2.pk]


def test_the_change_page_explains_the_statistics(teacher_client, worked_example):
    from django.urls import reverse

    q1 = worked_example[0]
    unanswered = QuestionFactory()

    page = teacher_client.get(reverse("admin:quizzes_question_change", args=[q1.pk]))
    empty = teacher_client.get(reverse("admin:quizzes_question_change", args=[unanswered.pk]))

    assert page.status_code == 200
    assert "4 answers in finished attempts." in page.text
    assert "Facility 50%" in page.text
    assert "Discrimination 69%" in page.text
    assert "No answers in finished attempts yet." in empty.text
