"""Blind guessing: how often a learner who never reads a number or date question wins it by a
fixed strategy, and the choice-value parsing that needs."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(_MONTHS) + r")"
_DATE_FORMS = [
    # The app's display forms (quizzes.generation.display.format_date_value), most precise first.
    ("day", re.compile(rf"(?P<day>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+{_MONTH}\s+(?P<year>\d{{4}})", re.I)),
    ("day", re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})", re.I)),
    ("month", re.compile(rf"{_MONTH}\s+(?P<year>\d{{4}})", re.I)),
    ("monthday", re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH}\b", re.I)),
    ("time", re.compile(r"\b(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\b")),
    ("year", re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)\b")),
    ("weekday", re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.I)),
]  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "mn": 1e6}  # fmt: skip
_SCALE_AFTER = re.compile(r"\s*(hundred|thousand|million|billion|trillion|bn|mn)\b", re.I)


@dataclass(frozen=True)
class Value:
    """A choice's value for blind guessing: `key` orders choices; `related_to` says whether
    another value is a simple step from this one; `roundness` ranks how round it looks."""

    form: str  # number, or a date form (day, month, monthday, time, year, weekday)
    key: float
    roundness: float
    parts: tuple = ()  # (year, month, day) as parsed, for date steps
    step: float = 1.0  # numbers: the precision it is written to (30 → 10, 2.5 → 0.1)


def parse_number_choice(text):
    """The value of a number choice ("286 villages", "nearly 30 years", "1.5 million", "a
    dozen", "twenty-two"), or None."""
    from quizzes.generation.display import find_number_token
    from quizzes.generation.extraction import parse_number

    m = find_number_token(text)
    if m is None:
        return None
    value = parse_number(m.group())
    if value is None:
        return None
    digits = m.group().replace(",", "")
    scale = _SCALE_AFTER.match(text, m.end())
    factor = _SCALES[scale.group(1).lower()] if scale else 1
    if re.fullmatch(r"\d+", digits):
        zeros = len(digits) - len(digits.rstrip("0")) if int(digits) else 0
        roundness, step = float(zeros), 10.0**zeros
    elif re.fullmatch(r"\d+\.\d+", digits):
        decimals = len(digits.partition(".")[2])
        roundness, step = -float(decimals), 10.0**-decimals
    else:  # words: "thirty" is as round as 30
        n = int(value)
        zeros = len(str(n)) - len(str(n).rstrip("0")) if n else 0
        roundness, step = float(zeros), 10.0**zeros
    return Value("number", value * factor, roundness, step=step * factor)


def parse_date_choice(text):
    """The value of a date choice in the app's display forms ("8 November 2020", "8 November",
    "November 2020", "2020", "14:30", "Monday", "8–10 November 2020"), or None."""
    for form, pattern in _DATE_FORMS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        if form == "weekday":
            return Value(form, _WEEKDAYS.index(groups["weekday"].lower()), 0.0)
        if form == "time":
            hour, minute = int(groups["hour"]), int(groups["minute"])
            roundness = 2.0 if minute == 0 else 1.0 if minute % 30 == 0 else 0.0
            return Value(form, hour * 60 + minute, roundness)
        year = int(groups["year"]) if groups.get("year") else None
        month = _MONTHS.index(groups["month"].lower()) + 1 if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        if form == "year":
            zeros = len(str(year)) - len(str(year).rstrip("0"))
            return Value(form, year, float(zeros), parts=(year, None, None))
        if form == "month":
            return Value(form, year * 12 + month, 0.0, parts=(year, month, None))
        day_roundness = 1.0 if day in (1, 10, 15, 20, 30) else 0.0
        if form == "monthday":
            return Value(form, month * 32 + day, day_roundness, parts=(None, month, day))
        try:
            ordinal = date(year, month, day).toordinal()
        except ValueError:
            return None
        return Value(form, ordinal, day_roundness, parts=(year, month, day))
    return None


# p/q with p, q ≤ 10 between ×0.5 and ×2: the factors a value is scaled by to look plausible.
_SIMPLE_RATIOS = sorted(
    {
        Fraction(p, q)
        for p in range(1, 11)
        for q in range(1, 11)
        if p != q and Fraction(1, 2) <= Fraction(p, q) <= 2
    }
)
_DAY_STEPS = {1, 2, 3, 7, 14}


def derives(base, other):
    """Whether `other` is a simple step from `base`: for numbers, `base` times a simple ratio
    (p/q with p, q ≤ 10, from ×0.5 to ×2: ×0.5, ×0.75, ×1.5, ×2, …) rounded to whole units
    (to tenths for 2.5), or 1-3 of its precision away (30 ± 10, 20, 30; 7 ± 1, 2, 3); for
    dates, 1, 2, 3, 7 or 14 days, 1-3 months or 1-4 years away; for clock times 30 minutes to
    3 hours; for years alone 1-4 years, for months alone 1-3 months."""
    if base.form != other.form:
        return False
    if base.form == "number":
        tolerance = min(base.step, 1.0) / 2 + 1e-9
        if any(abs(other.key - base.key * float(r)) <= tolerance for r in _SIMPLE_RATIOS):
            return True
        return any(abs(abs(other.key - base.key) - k * base.step) <= 1e-9 for k in (1, 2, 3))
    difference = abs(other.key - base.key)
    if base.form == "time":
        return difference in (30, 60, 120, 180)
    if base.form in ("year", "month"):
        return 1 <= difference <= (4 if base.form == "year" else 3)
    if base.form == "weekday":
        return False
    (y1, m1, d1), (y2, m2, d2) = base.parts, other.parts
    if base.form == "day" and difference in _DAY_STEPS:
        return True
    if base.form == "monthday" and (m1 == m2 and abs(d1 - d2) in _DAY_STEPS):
        return True
    if d1 == d2 and m1 == m2 and base.form == "day":
        return 1 <= abs(y1 - y2) <= 4
    if d1 == d2 and (y1 == y2 or base.form == "monthday"):
        return 1 <= abs(m1 - m2) <= 3
    return False


STRATEGIES = ("rank 1", "rank 2", "rank 3", "rank 4", "derived from", "roundest", "longest")


def _picks(choices, values):
    """{strategy: the indices of the choices it picks (several on a tie)}."""
    order = sorted(range(len(values)), key=lambda i: values[i].key)
    picks = {f"rank {r + 1}": [i] for r, i in enumerate(order)}

    def best(scores):
        top = max(scores)
        return [i for i, s in enumerate(scores) if s == top]

    picks["derived from"] = best(
        [sum(derives(v, o) for j, o in enumerate(values) if j != i) for i, v in enumerate(values)]
    )
    picks["roundest"] = best([v.roundness for v in values])
    picks["longest"] = best([len(c) for c in choices])
    return picks


def blind_guess(records):
    """The win rate of each blind strategy over the number and date multiple-choice questions
    of `records`, all and published only.

    Each strategy picks a choice without reading the question: a fixed rank of the choices
    sorted by value, the value the most others derive from (`derives`), the roundest, the
    longest. A tie between choices is a coin toss among them, so it wins its share. Questions
    whose choices do not all parse are counted apart, not guessed."""
    report = {}
    for subset in ("all", "published"):
        wins = defaultdict(float)
        counted, unparsed, chance = 0, 0, 0.0
        by_kind = defaultdict(int)
        for record in records:
            if record["kind"] not in ("number", "date") or record["mode"] != "choice":
                continue
            if subset == "published" and record["status"] != "published":
                continue
            parse = parse_number_choice if record["kind"] == "number" else parse_date_choice
            values = [parse(c) for c in record["choices"]]
            if (
                not values
                or any(v is None for v in values)
                or len({v.form for v in values}) != 1
                or len({v.key for v in values}) != len(values)
                or sum(record["correct"]) != 1
            ):
                unparsed += 1
                continue
            counted += 1
            by_kind[record["kind"]] += 1
            chance += 1 / len(values)
            key = record["correct"].index(True)
            for strategy, picked in _picks(record["choices"], values).items():
                wins[strategy] += (key in picked) / len(picked)
        rates = {s: (wins[s] / counted if counted else None) for s in STRATEGIES}
        best = max(STRATEGIES, key=lambda s: rates[s] or 0) if counted else None
        report[subset] = {
            "questions": counted,
            "by_kind": dict(sorted(by_kind.items())),
            "unparsed": unparsed,
            "chance": chance / counted if counted else None,
            "rates": rates,
            "best": best,
            "best_rate": rates[best] if best else None,
        }
    return report
