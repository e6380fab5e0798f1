import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.grading import grade_choice, grade_typed, parse_date_parts


@pytest.mark.parametrize(
    "given",
    [
        "8 Nov 2020",
        "November 8, 2020",
        "2020-11-08",
        "8/11/2020",
        "08.11.2020",
        "8th of November 2020",
        "Nov. 8th, 2020",
        "  8 november 2020 ",
        "2020/11/08",
    ],
)
def test_a_date_in_any_common_form_earns_full_credit(given):
    grade = grade_typed(kind="date", expected_normalized="2020-11-08", given=given)
    assert grade.credit == 1.0
    assert grade.is_correct
    assert grade.normalized == "2020-11-08"


def test_slashed_dates_are_read_day_first():
    assert parse_date_parts("8/11/2020").normalized() == "2020-11-08"
    assert parse_date_parts("11/8/2020").normalized() == "2020-08-11"


@pytest.mark.parametrize(
    ("given", "credit"),
    [
        ("10 November 2020", 0.5),  # right month and year, wrong day
        ("November 2020", 0.5),
        ("8 November", 0.5),  # right day, year left out
        ("8 November 2021", 0.0),
        ("8 October 2020", 0.0),
        ("not a date", 0.0),
        ("", 0.0),
    ],
)
def test_dates_are_graded_by_distance(given, credit):
    grade = grade_typed(kind="date", expected_normalized="2020-11-08", given=given)
    assert grade.credit == credit
    assert grade.is_correct is False


def test_a_day_without_a_year_ignores_the_year_given():
    assert grade_typed(kind="date", expected_normalized="--11-08", given="8 Nov").credit == 1.0
    assert grade_typed(kind="date", expected_normalized="--11-08", given="8 Nov 2024").credit == 1.0
    assert grade_typed(kind="date", expected_normalized="--11-08", given="9 Nov").credit == 0.5
    assert grade_typed(kind="date", expected_normalized="--11-08", given="8 Dec").credit == 0.0


def test_month_and_year_answers():
    assert grade_typed(kind="date", expected_normalized="2020-11", given="Nov 2020").credit == 1.0
    assert grade_typed(kind="date", expected_normalized="2020-11", given="May 2020").credit == 0.5
    assert grade_typed(kind="date", expected_normalized="2020", given="2020").credit == 1.0
    assert grade_typed(kind="date", expected_normalized="2020", given="2021").credit == 0.0


@pytest.mark.parametrize("given", ["2,908", "2908", "2 908", "2\u202f908", "2'908", "2908 people"])
def test_numbers_are_tolerant_of_separators(given):
    grade = grade_typed(kind="number", expected_normalized="2908", given=given)
    assert (grade.credit, grade.normalized) == (1.0, "2908")


@pytest.mark.parametrize(
    "given", ["7 billion", "$7 billion", "7bn", "7,000,000,000", "7000000000 USD", "seven billion"]
)
def test_amounts_understand_scale_words(given):
    grade = grade_typed(kind="number", expected_normalized="7000000000 USD", given=given)
    assert grade.is_correct
    assert grade.normalized == "7000000000 USD"


@pytest.mark.parametrize("given", ["44", "44 days", "forty-four days", "forty four"])
def test_durations_read_numbers_and_words(given):
    grade = grade_typed(kind="number", expected_normalized="P44D", given=given)
    assert (grade.credit, grade.normalized) == (1.0, "P44D")


def test_durations_convert_weeks_to_days():
    assert grade_typed(kind="number", expected_normalized="P42D", given="6 weeks").is_correct
    assert not grade_typed(kind="number", expected_normalized="P44D", given="6 weeks").is_correct


def test_wrong_or_unreadable_numbers_earn_nothing():
    assert grade_typed(kind="number", expected_normalized="2908", given="2907").credit == 0.0
    assert grade_typed(kind="number", expected_normalized="2908", given="lots").normalized == ""
    assert grade_typed(kind="number", expected_normalized="2908", given="29 08 12").credit == 0.0


def test_text_answers_ignore_case_accents_punctuation_and_articles():
    grade = grade_typed(kind="entity", expected_normalized="Şuşa", given="  the SUSA. ")
    assert grade.is_correct
    assert grade.normalized == "susa"
    assert not grade_typed(kind="entity", expected_normalized="Shusha", given="Baku").is_correct


def test_choice_grading():
    assert grade_choice(chosen_id=3, correct_ids=[3]).credit == 1.0
    assert grade_choice(chosen_id=4, correct_ids=[3]).credit == 0.0
    assert not grade_choice(chosen_id=4, correct_ids=[3]).is_correct


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(["date", "number", "entity", "free"]),
    expected=st.sampled_from(["2020-11-08", "--11-08", "2020-11", "2020", "2908", "P44D", "x"]),
    given=st.text(max_size=60),
)
def test_any_typed_text_is_graded_without_error(kind, expected, given):
    grade = grade_typed(kind=kind, expected_normalized=expected, given=given)
    assert grade.credit in (0.0, 0.5, 1.0)
    assert grade.is_correct == (grade.credit == 1.0)


@settings(max_examples=200, deadline=None)
@given(given=st.from_regex(r"[0-9 ,./-]{1,20}", fullmatch=True))
def test_digit_soup_is_graded_without_error(given):
    for expected in ("2020-11-08", "7000000000 USD", "P44D"):
        grade_typed(kind="date", expected_normalized=expected, given=given)
        grade_typed(kind="number", expected_normalized=expected, given=given)
