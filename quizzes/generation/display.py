"""Display forms: how dates and numbers are written in answers and choices."""

import re
from datetime import date

from .extraction import parse_number

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SMALL_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS_WORDS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
               "ninety"]  # fmt: skip


def format_date_value(value: str, granularity: str) -> str:
    """Display a normalised date: "2020-11-08" → "8 November 2020", "--11-08" → "8 November",
    "2020-11" → "November 2020", "2020" → "2020", "T14:30" → "14:30"; a weekday fact shows
    its day name."""
    if granularity == "range" or "/" in value:
        first, last = (date.fromisoformat(v) for v in value.split("/"))
        if first.month == last.month:
            return f"{first.day}–{last.day} {MONTH_NAMES[first.month - 1]} {first.year}"
        return f"{format_date_value(first.isoformat(), 'day')} – {format_date_value(last.isoformat(), 'day')}"
    if granularity == "weekday":
        return WEEKDAY_NAMES[date.fromisoformat(value).weekday()]
    if value.startswith("T"):
        return value[1:]
    if value.startswith("--"):
        month, day = int(value[2:4]), int(value[5:7])
        return f"{day} {MONTH_NAMES[month - 1]}"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return value


def number_in_words(n: int) -> str | None:
    """English words for 0–99 ("thirty-five"), None beyond."""
    if 0 <= n < 20:
        return _SMALL_WORDS[n]
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        return _TENS_WORDS[tens] + (f"-{_SMALL_WORDS[units]}" if units else "")
    return None


_NUMBER_TOKEN = re.compile(
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    # A word number ends at a word boundary: "fourteen" is not "four" followed by "teen".
    r"|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b",
    re.IGNORECASE,
)


def find_number_token(text: str) -> re.Match | None:
    """The first number (digits or words) in a fact's text."""
    for m in _NUMBER_TOKEN.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if not before.isalpha():
            return m
    return None


def write_number_like(n: float, example: str) -> str:
    """Write `n` in the style of `example`: words stay words, thousands separators and decimal
    places are kept."""
    if example[:1].isalpha():
        words = number_in_words(int(n)) if n == int(n) else None
        if words:
            return words.capitalize() if example[0].isupper() else words
    decimals = len(example.split(".")[1]) if "." in example else 0
    if decimals:
        return f"{n:,.{decimals}f}" if "," in example else f"{n:.{decimals}f}"
    n = round(n)
    digits = example.replace(",", "")
    if "," in example or n >= 10_000 or (n >= 1_000 and len(digits) < 4):
        return f"{n:,}"
    return str(n)


def replace_number(text: str, n: float) -> str:
    """`text` with its first number replaced by `n`, written the same way."""
    m = find_number_token(text)
    if m is None:
        return text
    return text[: m.start()] + write_number_like(n, m.group()) + text[m.end() :]


def number_of(text: str) -> float | None:
    """The value of the first number in `text`."""
    m = find_number_token(text)
    return parse_number(m.group()) if m else None
