"""Find the dates, numbers and confirmed entities a sentence states, with exact spans.

Rules over regular expressions and python-dateutil-style arithmetic: fast, no model to load,
and every span is checked against the sentence before it leaves this module.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from .number_words import (
    CURRENCY_SIGNS,
    MEASURE_UNITS,
    MONEY_CURRENCY_WORDS,
    SCALES,
    format_number,
    parse_number,
)
from .types import Fact, KnownEntity, SentenceText

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH} $")  # "February 6 earthquakes": a day, no count
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_WORD_NUM = (
    r"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five"
    r"|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred"
    r"|one hundred|a dozen|a thousand)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM_WORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|zero|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen)"
)
_SCALE_WORD = r"(?:hundred|thousand|million|billion)"
# A number spelled out in several words, as broadcast scripts write them: "two-hundred-fifty-
# thousand", "one-point-two million", "forty-thousand", "a half-million".
_SPELLED = (
    rf"(?i:{_NUM_WORD}(?:[- ](?:and[- ])?(?:{_NUM_WORD}|{_SCALE_WORD}|point))*?[- ]{_SCALE_WORD}"
    rf"(?:[- ](?:and[- ])?{_NUM_WORD}(?:-{_NUM_WORD})?(?![- ]{_SCALE_WORD}))?"
    rf"|{_NUM_WORD}[- ]point[- ]{_NUM_WORD}|a half[- ]million|half a million)"
)
_SCALE = r"(?:\s(?:hundred|thousand|million|billion|trillion)|\s?(?:bn|mn|m|k)\b)"
_NUM = rf"(?:{_SPELLED}(?![\w-])|(?:{_DIGITS}|{_WORD_NUM})(?:{_SCALE})?)"
_APPROX = (
    r"(?:(?i:nearly|almost|approximately|about|around|roughly|some|over|more than|less than"
    r"|fewer than|at least|up to|just over|just under|close to|an estimated) )"
)
# Time zones written after a clock time ("4:10 p.m. PST", "14:30 local time"): part of the fact.
_ZONE = (
    r"(?:GMT|UTC|EDT|EST|CDT|CST|MDT|MST|PDT|PST|AKDT|HST|BST|CET|CEST|EET|EEST|MSK|JST|IST"
    r"|\((?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC)\)"
    r"|(?:local|Baku|Yerevan|Moscow|Tbilisi|Tokyo|Eastern|Pacific|Central) time)(?![\w])"
)
_TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)"

DATE_PATTERNS = [
    # "September 19-20, 2023", "19–20 September 2023"
    ("range", rf"(?P<m>{_MONTH}) (?P<d>{_DAY}) ?[-–] ?(?P<d2>{_DAY}),? (?P<y>{_YEAR})\b"),
    ("range", rf"(?P<d>{_DAY}) ?(?:[-–]|and|to) ?(?P<d2>{_DAY}) (?P<m>{_MONTH}),? (?P<y>{_YEAR})\b"),
    # "July 26-August 6, 2021", "23 January-20 February 2023", "23 January to 20 February"
    ("range", rf"(?P<m>{_MONTH}) (?P<d>{_DAY}) ?(?:[-–]|to) ?(?P<m2>{_MONTH}) (?P<d2>{_DAY})"
     rf"(?:,? (?P<y>{_YEAR}))?\b"),
    ("range", rf"(?P<d>{_DAY}) (?P<m>{_MONTH}) ?(?:[-–]|to) ?(?P<d2>{_DAY}) (?P<m2>{_MONTH})"
     rf"(?:,? (?P<y>{_YEAR}))?\b"),
    # "Sept. 11-20" with no year: the year the article was written in
    ("range", rf"(?P<m>{_MONTH}) (?P<d>{_DAY}) ?[-–] ?(?P<d2>{_DAY})\b(?![,.]?\d|:)"),
    # "Sunday, Nov. 8, 2020", "Nov. 8, 2020", "Sept 19, 2023", "November 10, 2020"
    ("mdy", rf"(?:{_WEEKDAY},? )?(?P<m>{_MONTH}) (?P<d>{_DAY}),? (?P<y>{_YEAR})\b"),
    # "8 November 2020", "Sunday 8 November 2020", "8th of November, 2020"
    ("dmy", rf"(?:{_WEEKDAY},? )?(?P<d>{_DAY}) (?:of )?(?P<m>{_MONTH}),? (?P<y>{_YEAR})\b"),
    ("md", rf"(?:{_WEEKDAY},? )?(?P<m>{_MONTH}) (?P<d>{_DAY})\b(?![,.]?\d)(?!:)"),
    ("dm", rf"(?:{_WEEKDAY},? )?(?P<d>{_DAY}) (?:of )?(?P<m>{_MONTH})(?![A-Za-z])"),
    ("my", rf"(?P<m>{_MONTH}),? (?:of )?(?P<y>{_YEAR})\b"),
    # A month alone after a preposition ("before June", "by the end of August"): the nearest
    # such month before publication, or after it when the sentence looks ahead.
    ("month", rf"\b(?:in|by|before|until|since|from|after|during|through|of) "
     rf"(?P<m>{_MONTH})(?! ?\d)"),
    ("time", rf"\b(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)(?: ?(?P<ap>[ap]\.?m\.?))?"
     rf"(?: (?P<tz>{_ZONE}))?(?![\d])"),
    ("time", rf"\b(?P<h>1[0-2]|0?[1-9]) ?(?P<ap>[ap]\.m\.|[ap]m\b)(?: (?P<tz>{_ZONE}))?"),
    # "at noon", "by midnight": a clock time in words
    ("time", r"\b(?:at|by|until|before|after|from|since) (?P<word>noon|midnight)\b"),
    ("year", rf"(?<![\d,.$€£-])(?P<y>{_YEAR})(?![\d,]\d|-\d|s\b|\w)"),
    ("weekday", rf"\b(?P<w>{_WEEKDAY})\b"),
]  # fmt: skip

RELATIVE_PATTERNS = [
    ("ago", rf"\b(?P<n>{_DIGITS}|{_WORD_NUM}|a|an) (?P<u>years?|months?|days?) ago\b"),
    ("later", rf"\b(?P<n>{_DIGITS}|{_WORD_NUM}|a|an) (?P<u>years?|months?|days?) "
     r"(?P<dir>later|after that|afterwards|earlier|before that)\b"),
    ("same", r"\b(?:the|that) same day\b"),
    ("next", r"\b(?:the (?:next|following) day|a day later)\b"),
    ("yesterday", r"\byesterday\b"),
    ("lastyear", r"\b(?:last year|this year|a year ago)\b"),
]  # fmt: skip

_MEASURE = "|".join(sorted((re.escape(u) for u in MEASURE_UNITS), key=len, reverse=True))
_CURWORD = "|".join(sorted((re.escape(u) for u in MONEY_CURRENCY_WORDS), key=len, reverse=True))

NUMBER_PATTERNS = [
    ("money", rf"(?:{_APPROX})?(?P<cur>US\$|\$|€|£|₼|\b(?:AZN|AMD|USD|EUR) ?)(?P<n>{_DIGITS})"
     rf"(?P<s>{_SCALE})?"),
    ("money", rf"(?:{_APPROX})?(?P<n>{_NUM}) (?P<curw>{_CURWORD})\b"),
    ("percent", rf"(?:{_APPROX})?(?P<n>{_NUM}) ?(?:%|percent\b|per cent\b)"),
    ("last", rf"\bthe (?:last|past|previous|first|next) (?P<n>{_DIGITS}|{_WORD_NUM}) (?P<u>{_TIME_UNIT})\b"),
    ("adjdur", rf"(?<![\w-])(?P<n>\d+|{_WORD_NUM})-(?P<u>year|month|week|day|hour|minute)"
     r"(?!-old)\b"),
    ("duration", rf"(?:{_APPROX})?(?P<n>{_NUM}) (?:long |full )?(?P<u>{_TIME_UNIT})\b"
     r"(?! ago| later| earlier| old)"),
    ("age", rf"(?P<n>{_DIGITS}|{_WORD_NUM})(?:-year-old| years old)\b"),
    ("measure", rf"(?:{_APPROX})?(?P<n>{_NUM}) ?(?P<mu>{_MEASURE})\b"),
    ("magnitude", r"\b[Mm]agnitude(?: of|-)? ?(?P<n>\d(?:\.\d)?)\b"),
    ("magnitude", r"(?P<n>\d\.\d)[- ]magnitude\b"),
    # a storm's category on the Saffir-Simpson scale: "a Category 5 storm"
    ("category", r"\b[Cc]ategory (?P<n>[1-5])\b(?![.,]?\d)"),
    # "12-14 inches of rain", "3-4 feet": a range of a measure is one fact
    ("measure", rf"(?:{_APPROX})?(?P<n>{_DIGITS}) ?(?:[-–]|to) ?(?P<n2>{_DIGITS}) ?(?P<mu>{_MEASURE})\b"),
    # scores and records: "winning 74-45", "a 71-68 win", "both 3-1"
    ("score", r"(?P<n>\d{1,3}) ?[-–] ?(?P<n2>\d{1,3})(?= (?:win|victory|loss|defeat|lead|decision"
     r"|score|record|scoreline|triumph|rout)\b)"),
    ("score", r"(?:winning|won|beat|beating|defeated|lost|losing|trailed|led|score of"
     r"|record of|both|are|is|was|were|at|by|a|an|their|its) (?P<n>\d{1,3}) ?[-–] ?"
     r"(?P<n2>\d{1,3})(?![\d%-]|[.,]\d| ?(?:percent|per cent|%))"),
    # a player's tally written with a hyphen, as sports reports do: "25-points", "eight-rebounds"
    ("tally", rf"(?P<n>\d{{1,3}}|{_WORD_NUM})-(?P<tn>points|rebounds|assists|steals|blocks|goals"
     r"|mins|minutes|saves|runs|wickets|three-pointers)\b"),
    ("measure", rf"(?P<n>{_DIGITS})-(?P<mu>metre|meter|kilometre|kilometer|km|mile|tonne|ton"
     r"|hectare)\b"),
    ("count", rf"(?:{_APPROX})?(?P<n>{_NUM})(?=(?P<noun>(?: [A-Za-z][\w'’-]*){{1,3}}))"),
    ("bare", rf"(?:{_APPROX})(?P<n>{_DIGITS}(?:{_SCALE})?)(?![\w%-]|[.,]\d)"),
    ("bare", rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:{_SCALE})?)(?![\w%-]|[.,]\d)"),
]  # fmt: skip

# Words that end in "s" but are not plural nouns, or that never make a count's noun.
_NOT_PLURAL = {
    "is", "was", "has", "does", "as", "its", "his", "this", "thus", "us", "yes", "unless",
    "always", "perhaps", "across", "plus", "less", "whereas", "besides", "towards", "news",
    "series", "species", "years", "months", "weeks", "days", "hours", "minutes", "decades",
    "percent", "times", "kms", "afterwards", "sometimes", "whose", "ours", "yours", "theirs",
    "hers", "regardless", "nevertheless", "various", "previous", "serious", "famous",
    "numerous", "dangerous", "enormous", "tremendous", "obvious", "glorious", "victorious",
    "miles", "meters", "metres", "hectares", "tonnes", "tons", "dollars", "euros",
    # verbs in the third person that a noun before them turns into a false count noun
    # ("the 112 hotline operates")
    "operates", "says", "remains", "includes", "means", "seems", "needs", "wants", "holds",
    "lasts", "serves", "connects", "employs", "contains", "requires", "provides", "becomes",
    "continues", "believes", "expects", "runs", "works", "stands", "goes", "comes", "makes",
    "takes", "gives", "shows", "lies", "plans", "hopes", "faces", "covers", "links",
    # a name's word that ends in "s" ("36 Peace Corps Volunteers": the volunteers are counted)
    "corps",
}  # fmt: skip
_IRREGULAR_PLURALS = {"people", "children", "men", "women", "police", "personnel", "staff",
                      "cattle", "troops", "killed", "wounded", "injured", "missing", "dead",
                      "displaced", "refugees", "deaths", "casualties"}  # fmt: skip
_PARTICIPLES = {"killed", "wounded", "injured", "missing", "dead", "displaced"}
_COUNT_STOP = {"and", "or", "of", "in", "on", "at", "to", "from", "for", "by", "with", "the",
               "a", "an", "that", "which", "who", "were", "are", "was", "is", "had", "have",
               "has", "than", "into", "per", "since", "when", "while", "after", "before"}  # fmt: skip


# Compiled once: extraction runs on every sentence and on every stem and choice it checks.
_DATE_RES = [(name, re.compile(pattern)) for name, pattern in DATE_PATTERNS]
_RELATIVE_RES = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in RELATIVE_PATTERNS]
# Each number pattern starts with a word boundary of its own, so the scan rejects positions
# inside words at once instead of trying every alternative there (five times faster).
_NUMBER_RES = [
    (name, re.compile(r"(?<![\w])" + pattern, 0 if name == "count" else re.IGNORECASE))
    for name, pattern in NUMBER_PATTERNS
]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    value: str
    unit: str
    granularity: str
    rank: int  # lower wins ties between overlapping candidates of equal length


def _month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _iso_duration(n: float, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    number = format_number(n)
    if unit == "decade":
        return f"P{format_number(n * 10)}Y"
    letter = {"year": "Y", "month": "M", "week": "W", "day": "D"}.get(unit)
    if letter:
        return f"P{number}{letter}"
    return f"PT{number}{'H' if unit == 'hour' else 'M'}"


def _date_candidates(text: str, published: date) -> list[_Candidate]:
    """Every date the patterns find, overlapping ones included (`_select` chooses)."""
    found = []
    for rank, (name, pattern) in enumerate(_DATE_RES):
        for m in pattern.finditer(text):
            # a month alone is matched with its preposition, which is not part of the fact
            start, end = m.span("m") if name == "month" else m.span()
            if m.groupdict().get("word"):
                start, end = m.span("word")
            try:
                if name == "range":
                    year = int(m["y"]) if m.groupdict().get("y") else published.year
                    second = m.groupdict().get("m2") or m["m"]
                    first = date(year, _month_number(m["m"]), _day_number(m["d"]))
                    last = date(year, _month_number(second), _day_number(m["d2"]))
                    if last <= first:
                        continue
                    value, gran = f"{first.isoformat()}/{last.isoformat()}", "range"
                elif name in ("mdy", "dmy"):
                    d = date(int(m["y"]), _month_number(m["m"]), _day_number(m["d"]))
                    value, gran = d.isoformat(), "day"
                elif name in ("md", "dm"):
                    month, day = _month_number(m["m"]), _day_number(m["d"])
                    date(2024, month, day)  # validates the day within the month (leap year)
                    value, gran = f"--{month:02d}-{day:02d}", "day"
                elif name == "month":
                    if len(m["m"].rstrip(".")) < 4 and m["m"] != "May":
                        continue  # "Jan." alone is too likely an abbreviation of something else
                    value, gran = _month_date(text, m, published), "month"
                elif name == "my":
                    value, gran = f"{int(m['y']):04d}-{_month_number(m['m']):02d}", "month"
                elif name == "time" and m.groupdict().get("word"):
                    value, gran = ("T12:00" if m["word"] == "noon" else "T00:00"), "time"
                elif name == "time":
                    hour, minute = int(m["h"]), int(m.groupdict().get("min") or 0)
                    ampm = (m["ap"] or "").replace(".", "").lower()
                    if ":" not in m.group() and "." in m.group()[:3] and not ampm:
                        continue  # "3.5" is a decimal, not a time
                    if ampm == "pm" and hour < 12:
                        hour += 12
                    elif ampm == "am" and hour == 12:
                        hour = 0
                    value, gran = f"T{hour:02d}:{minute:02d}", "time"
                elif name == "year":
                    value, gran = m["y"], "year"
                else:
                    value, gran = _weekday_date(text, m, published).isoformat(), "weekday"
            except (ValueError, KeyError, OverflowError):
                continue
            found.append(_Candidate(start, end, "date", value, "", gran, rank))
    return found


# "will reopen on Friday", "closed until Wednesday", "not before Friday": within a few words.
_FUTURE = re.compile(r"\b(?:will|until|till|next|before)\b(?:\W+\w+){0,4}\W+$", re.IGNORECASE)


def _weekday_date(text: str, m: re.Match, published: date) -> date:
    """The date a bare weekday refers to: in a news report, the latest such day on or before
    publication, unless the sentence looks ahead ("will", "until Wednesday") when it is the
    next one after it."""
    wanted = WEEKDAYS.index(m["w"].lower())
    if _FUTURE.search(text[: m.start()]):
        ahead = (wanted - published.weekday()) % 7 or 7
        return published + timedelta(days=ahead)
    return published - timedelta(days=(published.weekday() - wanted) % 7)


def _month_date(text: str, m: re.Match, published: date) -> str:
    """ "YYYY-MM" of a month named without its year, as `_weekday_date` does for weekdays."""
    month = _month_number(m["m"])
    if _FUTURE.search(text[: m.start("m")]):
        year = published.year + (1 if month < published.month else 0)
    else:
        year = published.year - (1 if month > published.month else 0)
    return f"{year:04d}-{month:02d}"


def _relative_candidates(text: str, published: date, previous: date | None) -> list[_Candidate]:
    found = []
    for name, pattern in _RELATIVE_RES:
        for m in pattern.finditer(text):
            try:
                candidate = _relative_candidate(name, m, published, previous)
            except (ValueError, OverflowError):  # a date out of the calendar's range
                continue
            if candidate is not None:
                found.append(candidate)
    return found


def _relative_candidate(name, m, published, previous) -> "_Candidate | None":
    """The date a relative expression ("three years ago", "the same day") stands for, or None
    when it cannot be resolved."""
    start, end = m.span()
    value = gran = None
    if name == "ago":
        n = parse_number(m["n"])
        unit = m["u"].lower().rstrip("s")
        if n is None or n != int(n) or n > 500:  # "9999999 days ago" is no date
            return None
        if unit == "year":
            value, gran = str(published.year - int(n)), "year"
        elif unit == "month":
            d = published - relativedelta(months=int(n))
            value, gran = f"{d.year:04d}-{d.month:02d}", "month"
        else:
            value, gran = (published - timedelta(days=int(n))).isoformat(), "day"
    elif name == "later" and previous is not None:
        n = parse_number(m["n"])
        if n is None or n != int(n) or n > 500:  # "9999999 days ago" is no date
            return None
        sign = -1 if m["dir"].lower() in ("earlier", "before that") else 1
        unit = m["u"].lower().rstrip("s")
        if unit == "year":
            value, gran = str(previous.year + sign * int(n)), "year"
        elif unit == "month":
            d = previous + relativedelta(months=sign * int(n))
            value, gran = f"{d.year:04d}-{d.month:02d}", "month"
        else:
            value = (previous + timedelta(days=sign * int(n))).isoformat()
            gran = "day"
    elif name == "same" and previous is not None:
        value, gran = previous.isoformat(), "day"
    elif name == "next" and previous is not None:
        value, gran = (previous + timedelta(days=1)).isoformat(), "day"
    elif name == "yesterday":
        value, gran = (published - timedelta(days=1)).isoformat(), "day"
    elif name == "lastyear":
        phrase = m.group().lower()
        year = published.year if phrase == "this year" else published.year - 1
        value, gran = str(year), "year"
    if value is None:
        return None
    return _Candidate(start, end, "date", value, "relative", gran, 50)


def _is_count_noun(word: str) -> bool:
    lower = word.lower()
    if "-" in lower.strip("-"):
        # "three-pointers", "Volunteer-trainees": the last part is the noun
        return lower.replace("-", "").isalpha() and _is_count_noun(lower.rsplit("-", 1)[1])
    if lower in _IRREGULAR_PLURALS:
        return True
    if lower in _NOT_PLURAL or lower in MONTHS or not lower.isalpha():
        return False
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))


@lru_cache(maxsize=8192)
def whole_word(text: str) -> re.Pattern:
    """`text` as a pattern matching it between non-word characters, compiled once (names and
    answers are looked for in every sentence and stem; `re`'s own cache holds 512 patterns)."""
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def _number_candidates(text: str) -> list[_Candidate]:
    found = []
    for rank, (name, pattern) in enumerate(_NUMBER_RES, start=20):
        for m in pattern.finditer(text):
            start, end = m.span()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-.,/$€£"):
                continue
            if name == "score":
                start, end = m.start("n"), m.end("n2")
            if _MONTH_BEFORE.search(text[:start]):
                continue  # "February 6 earthquakes": the number is a day of a date
            n = parse_number(m["n"])
            if n is None or n > 1e15:  # beyond any figure a report states, and float precision
                continue
            unit = ""
            if name == "money":
                sign = (m.groupdict().get("cur") or "").strip()
                unit = CURRENCY_SIGNS.get(sign) or MONEY_CURRENCY_WORDS[m["curw"].lower()]
                scale = (m.groupdict().get("s") or "").strip()
                if scale:
                    n = parse_number(f"{m['n']} {scale}" if len(scale) > 2 else m["n"] + scale)
                value = f"{format_number(n)} {unit}"
            elif name == "percent":
                unit, value = "%", format_number(n)
            elif name in ("last", "adjdur", "duration"):
                if name == "duration" and n != int(n) and "." not in m["n"]:
                    continue
                value, unit = _iso_duration(n, m["u"]), "duration"
            elif name == "age":
                value, unit = format_number(n), "years old"
            elif name == "magnitude":
                unit, value = "magnitude", m["n"]
            elif name == "category":
                # written as a rating, not a figure: a one-to-five scale has no distractors
                # that are not a family of the key, so the question is typed
                unit, value = "category", f"category {m['n']}"
            elif name == "score":
                unit, value = "score", f"{m['n']}-{m['n2']}"
            elif name == "tally":
                noun = m["tn"].lower()
                unit, value = ("minutes" if noun == "mins" else noun), format_number(n)
            elif name == "bare":
                # A figure with no noun ("about 120,000"): only large or approximate ones,
                # where a reader sees a statement of quantity, not a code or a label.
                unit, value = "", format_number(n)
            elif name == "measure":
                unit = MEASURE_UNITS.get(m["mu"].lower(), m["mu"])
                value = f"{format_number(n)} {unit}"
                if m.groupdict().get("n2"):
                    high = parse_number(m["n2"])
                    if high is None or high <= n:
                        continue
                    value = f"{format_number(n)}-{format_number(high)} {unit}"
            else:
                count = _count_span(text, m)
                if count is None:
                    continue
                end, unit = count
                if m["n"].lower() in ("one", "a", "an") or (
                    re.fullmatch(_YEAR, m["n"]) and "," not in m["n"]
                ):
                    continue
                if m["n"].lower() in ("two", "three") and re.search(
                    r"\b(?:the|these|those|both|its|their|our|all)\s$", text[:start], re.I
                ):
                    continue  # "the two countries" refers to them; it states no figure
                value = format_number(n)
            found.append(_Candidate(start, end, "number", value, unit, "", rank))
    return found


_PAIRED_NOUN = re.compile(r" and (?P<noun>[A-Za-z][a-z]*(?:-[a-z]+)?)\b(?! [\d(]| of\b)(?!-)")
_CLAUSE_ADVERBS = {"now", "then", "also", "still", "later", "again", "soon", "already", "since",
                   "thus", "so", "yet", "even", "never", "often"}  # fmt: skip
_SHARED_NOUN = re.compile(r" (?P<a>[a-z]+) and (?P<b>[a-z]+) (?P<noun>[a-z]+)\b")


def _count_span(text: str, m: re.Match) -> tuple[int, str] | None:
    """End of a count's noun phrase ("94 Azerbaijani civilians") and its noun, if it has one."""
    position = m.end("n")
    # "15 allied and partner forces": two modifiers coordinated before one counted noun
    shared = _SHARED_NOUN.match(text, position)
    if (
        shared
        and _is_count_noun(shared["noun"])
        and not (
            {shared["a"].lower(), shared["b"].lower()} & (_COUNT_STOP | _IRREGULAR_PLURALS)
            or _is_count_noun(shared["a"])
            or _is_count_noun(shared["b"])
            # "62 million manat and now carries ...": a unit, then the next clause's verb
            or shared["a"].lower() in MONEY_CURRENCY_WORDS
            or shared["a"].lower() in MEASURE_UNITS
            or shared["a"].lower() in SCALES
            or shared["b"].lower() in _CLAUSE_ADVERBS
            or shared["b"].lower().endswith("ly")
        )
    ):
        return shared.end(), shared["noun"].lower()
    words = list(re.finditer(r" ([A-Za-z][\w'’-]*)", m["noun"]))
    for index, word_match in enumerate(words):
        word = word_match.group(1)
        if word.lower() in _COUNT_STOP:
            return None
        if _is_count_noun(word):
            following = words[index + 1].group(1) if index + 1 < len(words) else ""
            if word.lower() in _PARTICIPLES and following and _is_count_noun(following):
                continue  # "100,617 displaced people": the participle qualifies the noun
            end = position + word_match.end()
            pair = _PAIRED_NOUN.match(text, end)
            if pair and pair["noun"].lower() not in _PARTICIPLES and _is_count_noun(pair["noun"]):
                end = pair.end()  # "85 Volunteers and Volunteer-trainees": one count of both
            return end, word.lower()
    return None


def _entity_candidates(text: str, entities: tuple[KnownEntity, ...]) -> list[_Candidate]:
    found = []
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            if not name:
                continue
            for m in whole_word(name).finditer(text):
                if _part_of_longer_name(text, m, entity):
                    continue
                found.append(
                    _Candidate(m.start(), m.end(), "entity", entity.name, entity.type, "", 90)
                )
    return found


def _part_of_longer_name(text: str, m: re.Match, entity: KnownEntity) -> bool:
    """Whether an alias ("Aliyev") stands next to the rest of the full name ("PresidentIlham
    Aliyev"): blanking the alias alone would leave half a name in the stem."""
    near = text[max(0, m.start() - 25) : m.start()] + " " + text[m.end() : m.end() + 25]
    others = set(entity.name.split()) - set(m.group().split())
    return any(re.search(rf"{re.escape(word)}\b", near) for word in others if len(word) > 2)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest non-overlapping candidates, in sentence order."""
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def extract_facts(
    sentence: SentenceText,
    *,
    published: date,
    previous: date | None = None,
    entities: tuple[KnownEntity, ...] = (),
) -> list[Fact]:
    """Return the dates, numbers and confirmed entities stated in `sentence`, in order.

    Every fact satisfies `sentence.text[fact.start:fact.end] == fact.text`; spans never
    overlap. Relative dates ("three years ago", "the same day") are resolved against
    `published`, or against `previous` (the last full date stated before this sentence) and
    are left out when they cannot be resolved. Entities are found only among `entities`,
    the ones a teacher confirmed.
    """
    text = sentence.text
    candidates = (
        _date_candidates(text, published)
        + _relative_candidates(text, published, previous)
        + _number_candidates(text)
    )
    # A name that holds a date or a figure ("the 44-day war", an alias of the Second Karabakh
    # War) gives way to it: the figure is the fact a reader checks, and a longer name would
    # otherwise hide it.
    candidates += [
        e
        for e in _entity_candidates(text, entities)
        if all(e.end <= c.start or e.start >= c.end for c in candidates)
    ]
    facts = []
    for c in _select(candidates):
        facts.append(
            Fact(
                kind=c.kind,
                sentence_position=sentence.position,
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                value=c.value,
                unit=c.unit,
                granularity=c.granularity,
            )
        )
    return facts


_MONEY_CODES = frozenset(CURRENCY_SIGNS.values()) | frozenset(MONEY_CURRENCY_WORDS.values())
_MEASURE_CODES = frozenset(MEASURE_UNITS.values())


def number_category(fact: Fact) -> str:
    """What a number fact measures: count (its unit is the counted noun, "villages"), money,
    percent, duration, measure, age, score ("74-45") or category (a storm's); "" for dates and
    entities."""
    if fact.kind != "number":
        return ""
    if fact.unit == "duration":
        return "duration"
    if fact.unit == "%":
        return "percent"
    if fact.unit == "years old":
        return "age"
    if fact.unit in ("score", "category"):
        return fact.unit  # "74-45", "Category 5": neither a count nor a measure
    if fact.unit in _MONEY_CODES:
        return "money"
    if fact.unit in _MEASURE_CODES:
        return "measure"
    return "count"
