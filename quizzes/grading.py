"""Grading of answers: pure functions over strings, no ORM.

Normalised answers use the forms of `quizzes.generation.types.Fact.value`:
dates "2020-11-08" (day), "--11-08" (day without year), "2020-11" (month), "2020" (year);
numbers "2908" or "7000000000 USD"; durations "P44D" (also "P3W", "P2M", "P1Y").
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from dateutil import parser as date_parser

FULL_CREDIT = 1.0
PARTIAL_CREDIT = 0.5


@dataclass(frozen=True)
class Grade:
    """The outcome of grading one answer: `credit` in [0, 1], `normalized` the answer as read."""

    credit: float
    is_correct: bool
    normalized: str


def grade_choice(*, chosen_id, correct_ids):
    """Grade a multiple-choice answer: full credit when the chosen choice is a correct one."""
    credit = FULL_CREDIT if chosen_id in set(correct_ids) else 0.0
    return Grade(credit=credit, is_correct=credit == FULL_CREDIT, normalized=str(chosen_id))


def grade_typed(*, kind, expected_normalized, given):
    """Grade a typed answer against the question's normalised answer.

    Dates are read in any common form ("8 Nov 2020", "November 8, 2020", "2020-11-08",
    "8/11/2020" read day first): the right day earns full credit, the right month and year
    half. Numbers ignore separators, currency signs and units and understand words
    ("2,908", "2 908", "7 billion", "forty-four days"). Anything else is compared as text,
    ignoring case, accents, punctuation and a leading "the". Unreadable input earns 0.
    """
    given = (given or "").strip()
    if not given:
        return Grade(credit=0.0, is_correct=False, normalized="")
    if kind == "date" and parse_date_parts(expected_normalized) is not None:
        return _grade_date(expected_normalized, given)
    if kind == "number" and read_expected_number(expected_normalized) is not None:
        return _grade_number(expected_normalized, given)
    normalized = normalize_text(given)
    credit = (
        FULL_CREDIT if normalized and normalized == normalize_text(expected_normalized) else 0.0
    )
    return Grade(credit=credit, is_correct=credit == FULL_CREDIT, normalized=normalized)


# Dates -------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_ISO_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")
# Two defaults that differ in every field (both leap years, both 31-day months): a field that
# comes out the same under both was written by the learner, one that differs was not.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 3, 3))


@dataclass(frozen=True)
class DateParts:
    """A date as far as it is known: any of year, month and day may be missing."""

    year: int | None
    month: int | None
    day: int | None

    def normalized(self):
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month and self.day:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.year and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        if self.year:
            return f"{self.year:04d}"
        return ""


def parse_date_parts(text):
    """Read a date in ISO or any common written form; None when it is not a date."""
    text = (text or "").strip().rstrip(".")
    if match := _ISO_NO_YEAR.match(text):
        return _checked(None, int(match[1]), int(match[2]))
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) if part else None for part in match.groups())
        return _checked(year, month, day)
    try:
        first, second = (
            date_parser.parse(text, dayfirst=True, default=default) for default in _DEFAULTS
        )
    except (ValueError, OverflowError, date_parser.ParserError):
        return None
    return DateParts(
        year=first.year if first.year == second.year else None,
        month=first.month if first.month == second.month else None,
        day=first.day if first.day == second.day else None,
    )


def _checked(year, month, day):
    try:
        datetime(year or 2000, month or 1, day or 1)
    except ValueError:
        return None
    return DateParts(year=year, month=month, day=day)


def _grade_date(expected_normalized, given):
    expected = parse_date_parts(expected_normalized)
    answer = parse_date_parts(given)
    if answer is None:
        return Grade(credit=0.0, is_correct=False, normalized="")
    if expected.day:
        # A day: the right day is everything; the right month of the right year is close,
        # and so is the right day and month with the year left out.
        same_day = answer.day == expected.day and answer.month == expected.month
        same_year = expected.year is None or answer.year == expected.year
        if same_day and same_year:
            credit = FULL_CREDIT
        elif (same_day and answer.year is None) or (answer.month == expected.month and same_year):
            credit = PARTIAL_CREDIT
        else:
            credit = 0.0
    elif expected.month:
        if answer.month == expected.month and answer.year == expected.year:
            credit = FULL_CREDIT
        elif answer.year == expected.year:
            credit = PARTIAL_CREDIT
        else:
            credit = 0.0
    else:
        credit = FULL_CREDIT if answer.year == expected.year else 0.0
    return Grade(credit=credit, is_correct=credit == FULL_CREDIT, normalized=answer.normalized())


# Numbers -----------------------------------------------------------------------------------

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
# Duration units in days, for comparing "6 weeks" with "P42D".
_DURATION_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}
_DURATION_WORDS = {"day": "D", "week": "W", "month": "M", "year": "Y"}
_ISO_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)([DWMY])$")
# Thousands separators people type: comma, space, no-break and thin spaces, apostrophe, underscore.
_GROUPED = re.compile(r"(?<=\d)[,\s\u00a0\u202f\u2009'’_](?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+")


def read_expected_number(text):
    """Split a normalised number ("2908", "7000000000 USD", "P44D") into (value, unit)."""
    text = (text or "").strip()
    if match := _ISO_DURATION.match(text):
        return Decimal(match[1]), f"P{match[2]}"
    parts = text.split(maxsplit=1)
    try:
        value = Decimal(parts[0])
    except (InvalidOperation, IndexError):
        return None
    return value, parts[1] if len(parts) > 1 else ""


def read_number(text):
    """Read a number as people type it, with its duration unit if it names one.

    Returns (value, duration_unit) where duration_unit is "D", "W", "M", "Y" or "";
    None when no number can be read.
    """
    text = unicodedata.normalize("NFKC", text).lower().strip()
    text = _GROUPED.sub("", text)
    text = text.replace("-", " ")
    value = None
    words_value = _read_number_words(text)
    digits = _NUMBER.findall(text)
    if len(digits) == 1:
        value = Decimal(digits[0])
        # "7 billion", "7bn", "2.5 million": a scale word right after the digits.
        after = text[text.index(digits[0]) + len(digits[0]) :]
        scale = _WORD.match(after.lstrip())
        if scale and scale[0] in _SCALES and scale[0] != "hundred":
            value *= _SCALES[scale[0]]
    elif not digits and words_value is not None:
        value = Decimal(words_value)
    if value is None:
        return None
    unit = ""
    for word in _WORD.findall(text):
        stem = word.rstrip("s")
        if stem in _DURATION_WORDS:
            unit = _DURATION_WORDS[stem]
            break
    return value, unit


def _read_number_words(text):
    """Read "forty-four" or "two thousand nine hundred and eight"; None if no number words."""
    total = current = 0
    seen = False
    for word in _WORD.findall(text):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES and len(word) > 2:
            total += (current or 1) * _SCALES[word]
            current = 0
        elif word == "and":
            continue
        else:
            continue
        seen = True
    return total + current if seen else None


def _grade_number(expected_normalized, given):
    expected_value, expected_unit = read_expected_number(expected_normalized)
    answer = read_number(given)
    if answer is None:
        return Grade(credit=0.0, is_correct=False, normalized="")
    value, duration_unit = answer
    if expected_unit.startswith("P"):
        unit = expected_unit[1]
        if duration_unit and duration_unit != unit:
            # "6 weeks" for "P42D": compare in the expected unit.
            value = value * _DURATION_DAYS[duration_unit] / _DURATION_DAYS[unit]
        normalized = f"P{_format_decimal(value)}{unit}"
    else:
        normalized = " ".join(filter(None, [_format_decimal(value), expected_unit]))
    credit = FULL_CREDIT if value == expected_value else 0.0
    return Grade(credit=credit, is_correct=credit == FULL_CREDIT, normalized=normalized)


def _format_decimal(value):
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


# Text --------------------------------------------------------------------------------------


def normalize_text(text):
    """Lower case, without accents, punctuation, extra spaces or a leading article."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    return re.sub(r"^(the|a|an) ", "", text)
