"""Wrong dates at the key's granularity (day, month-day, month, year): the article's own dates,
the library's inside the article's window, then made dates at irregular natural distances;
weekdays, times of day and date ranges have their own sides."""

import random
import re
from datetime import date, timedelta
from functools import lru_cache

from ..display import WEEKDAY_NAMES, format_date_value
from ..types import Fact
from .ranks import ROUND_DAYS, SEARCH
from .sentence import inside, recurs, same_event, sentence_bounds
from .sources import dedupe, is_day, pick


def date_sides(fact, rng, pool, *, sentence, sentence_facts, stem_facts=()):
    """(the key's sort value, wrong (sort value, choice) pairs below it and above it, best
    first, the sort values of the real dates among them), or None for a date of no known
    shape."""
    value, gran = fact.value, fact.granularity
    if gran == "weekday":

        def weekday(other: Fact):
            if other.kind != "date" or other.granularity != "weekday":
                return None
            return date.fromisoformat(other.value).weekday()

        # "from Monday to ______": the days after Monday.
        low, high = sentence_bounds(fact, sentence, sentence_facts, weekday)
        return _weekday_sides(value, rng, low, high)
    if value.startswith("T"):
        return _time_sides(value, rng)
    if gran == "range" or "/" in value:
        return _range_sides(value, rng, pool)
    shape = _shape(value)
    if shape is None:
        return None
    anchor = _sort_value(value)

    def comparable(other: Fact):
        if other.kind != "date" or other.value.startswith("T") or "/" in other.value:
            return None
        projected = _project(other.value, shape)
        return _sort_value(projected) if projected else None

    low, high = sentence_bounds(fact, sentence, sentence_facts, comparable)
    published = pool.published
    if published is not None and not _future(sentence):
        cap = _sort_value(_project(published.isoformat(), shape) or "")
        # A past event keeps its choices in the past (a month-day of the article's own year
        # too: "June 8" in a 10 June report); a future one ("will open on") may go after.
        if cap is not None and anchor <= cap:
            if anchor == cap:
                # Reported on its day: every choice would be earlier, and a learner who sees
                # the article's date picks it. A typed question.
                return None
            high = _next(cap) if high is None else min(high, _next(cap))

    # What the stem states: "moved to November 8" leaves "8 November" no choice.
    stated = {p for f in stem_facts if f.kind == "date" and (p := _project(f.value, shape))}
    stated_days = {f.value[-5:] for f in stem_facts if f.kind == "date" and _shape(f.value) in (
        "day", "monthday")} if shape in ("day", "monthday") else set()  # fmt: skip

    # A date the article gives the key's own event elsewhere would be right too ("Ganja was
    # also struck on 11 October 2020"): never a choice, found or made.
    defensible = {
        p
        for other in pool.facts
        if other.kind == "date" and (
            _said_of_the_same_event(other, fact, sentence, pool)
            or (shape == "year" and _same_kind_of_event(other, fact, sentence, pool))
        )
        and (p := _project(other.value, shape))
    }  # fmt: skip

    def valid(iso: str) -> bool:
        v = _sort_value(iso)
        if v is None or not inside(v, low, high) or iso == value or iso in stated:
            return False
        if iso in defensible:
            return False
        return iso[-5:] not in stated_days

    def near(iso: str) -> bool:
        return _distance_days(iso, value, shape) <= {"year": 12 * 365}.get(shape, 3 * 365)

    if shape == "year" and _ANNUAL.search(sentence or ""):
        return None  # "the 2016 championship": they may have met in any other year too
    if shape in ("day", "monthday") and recurs(
        sentence, pool.sentences.get(fact.sentence_position + 1, "")
    ):
        return None  # "third in a row": any day near the key may be another of its days
    real = []
    for other in pool.facts:
        if other.kind != "date":
            continue
        projected = _project(other.value, shape)
        if projected and valid(projected) and near(projected):
            real.append(projected)
    library = []
    for iso in pool.library_dates:
        projected = _project(iso, shape)
        if projected and valid(projected) and near(projected):
            library.append(projected)
    real = sorted(set(real), key=lambda v: (_distance_days(v, value, shape), v))
    library = sorted(set(library) - set(real), key=lambda v: (_distance_days(v, value, shape), v))
    made_below = _date_ladder(value, shape, -1, rng, valid)
    made_above = _date_ladder(value, shape, +1, rng, valid)
    display = {"year": "year", "month": "month", "monthday": "day", "day": "day"}[shape]

    def pairs(values):
        return [(_sort_value(v), _format(v, display)) for v in values]

    below = [v for v in real if v < value] + [v for v in library if v < value] + made_below
    above = [v for v in real if v > value] + [v for v in library if v > value] + made_above
    real_keys = {_sort_value(v) for v in (*real, *library)}
    return anchor, dedupe(pairs(below)), dedupe(pairs(above)), real_keys


# A sentence that reports its event as still to come: its date may be after the article's.
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|is due|are due|is scheduled|are scheduled|is expected to|"
    r"are expected to|is set to|are set to|plans? to|planned for|next|upcoming|to be held)\b",
    re.I,
)


def _future(sentence: str) -> bool:
    """Whether `sentence` reports its event as still to come ("will open on 20 June")."""
    return bool(sentence) and _FUTURE.search(sentence) is not None


# Kinds of event that happen again and again: a year the article gives another event of the
# key's kind ("clashes took place" in 2020, "an operation" in 2023) may be right too.
_EVENT_KINDS = (
    re.compile(
        r"\b(?:clash(?:es)?|fighting|fights?|war|wars|warfare|operations?|offensives?|attacks?|"
        r"hostilities|shelling|escalations?|battles?|strikes?|assaults?|conflicts?)\b",
        re.I,
    ),
    re.compile(r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|tsunamis?)\b", re.I),
    re.compile(r"\b(?:floods?|flooding|hurricanes?|storms?|typhoons?|cyclones?)\b", re.I),
)


# An event held every year: any other year may have had one too.
_ANNUAL = re.compile(
    r"\b(?:championships?|tournaments?|annual(?:ly)?|every year|each year|yearly)\b",
    re.I,
)


def _same_kind_of_event(other: Fact, fact: Fact, sentence: str, pool) -> bool:
    """Whether the article's sentence of `other` reports an event of the kind the key's
    `sentence` reports (clashes and an operation; two earthquakes)."""
    if other.sentence_position == fact.sentence_position or not pool.sentences:
        return False
    text = pool.sentences.get(other.sentence_position, "")
    return any(kind.search(sentence) and kind.search(text) for kind in _EVENT_KINDS)


def _said_of_the_same_event(other: Fact, fact: Fact, sentence: str, pool) -> bool:
    """Whether the article states `other` of the key's own event, in another sentence."""
    if other.sentence_position == fact.sentence_position or not pool.sentences:
        return False
    return same_event(sentence, pool.sentences.get(other.sentence_position, ""))


@lru_cache(maxsize=65536)
def _shape(value: str) -> str | None:
    if re.fullmatch(r"--\d{2}-\d{2}", value):
        return "monthday"
    if is_day(value):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


@lru_cache(maxsize=65536)
def _project(iso: str, shape: str) -> str | None:
    """`iso` at the granularity `shape`, or None when it has less: "2020-11-08" gives "--11-08",
    "2020-11" or "2020"."""
    own = _shape(iso)
    if own is None:
        return None
    if shape == own:
        return iso
    if shape == "monthday":
        return f"--{iso[5:10]}" if own == "day" else None
    if shape == "month":
        return iso[:7] if own == "day" else None
    if shape == "year":
        return iso[:4] if own in ("day", "month") else None
    return None


def _sort_value(iso: str):
    """A date of any shape as a comparable string ("--11-08" compares by month and day)."""
    return iso if iso and _shape(iso) else None


def _next(iso: str) -> str:
    return iso + "\uffff"  # just after `iso` and every date that starts with it


def _distance_days(a: str, b: str, shape: str) -> int:
    def as_date(iso):
        if shape == "monthday":
            return date(2001, int(iso[2:4]), int(iso[5:7]))
        if shape == "month":
            return date(int(iso[:4]), int(iso[5:7]), 1)
        if shape == "year":
            return date(int(iso), 1, 1)
        return date.fromisoformat(iso)

    try:
        return abs((as_date(a) - as_date(b)).days)
    except ValueError:
        return 10**6


@lru_cache(maxsize=8192)
def _format(iso: str, display: str) -> str:
    return format_date_value(iso, display)


def _date_ladder(value: str, shape: str, direction: int, rng: random.Random, valid):
    """Up to three dates on one side of `value`, drawn at irregular natural distances (a few
    days to a few weeks; months; a few years), never the same day of another month or year (a
    family the answer would be the centre of)."""
    candidates = []
    if shape == "year":
        for d in range(1, 13):
            year = int(value) + direction * d
            iso = f"{year:04d}"
            if 1000 <= year <= 2999 and valid(iso):
                candidates.append(iso)
        picked = pick(candidates, rng, k=SEARCH)
        # A round year ("2020") keeps the nearest as round as it in reach, after the drawn ones.
        zeros = len(value) - len(value.rstrip("0"))
        return (
            picked
            + [
                iso
                for iso in candidates
                if zeros and iso.endswith("0" * zeros) and iso not in picked
            ][:1]
        )
    if shape == "month":
        index = int(value[:4]) * 12 + int(value[5:7]) - 1
        for d in range(1, 13):
            i = index + direction * d
            iso = f"{i // 12:04d}-{i % 12 + 1:02d}"
            if valid(iso):
                candidates.append(iso)
        return pick(candidates, rng, k=SEARCH)
    monthday = shape == "monthday"
    anchor = date(2001, int(value[2:4]), int(value[5:7])) if monthday else date.fromisoformat(value)
    for d in range(2, 46):
        try:
            current = anchor + timedelta(days=direction * d)
        except OverflowError:
            break
        if monthday and current.year != 2001:
            break  # "31 December" is not before "2 January"
        if current.day == anchor.day:
            continue
        iso = current.strftime("--%m-%d") if monthday else current.isoformat()
        if valid(iso):
            candidates.append((d, iso))
    picked = pick(candidates, rng, apart=lambda a, b: abs(a[0] - b[0]) >= 3, k=SEARCH)
    if anchor.day in ROUND_DAYS:
        # A round day ("10 November") keeps the nearest round day in reach, after the drawn
        # ones, so the key need not be the roundest choice.
        picked += [c for c in candidates if int(c[1][-2:]) in ROUND_DAYS and c not in picked][:1]
    return [iso for _, iso in picked]


def _weekday_sides(value: str, rng, low=None, high=None):
    day = date.fromisoformat(value).weekday()
    below = [(i, WEEKDAY_NAMES[i]) for i in range(day) if inside(i, low, high)]
    above = [(i, WEEKDAY_NAMES[i]) for i in range(day + 1, 7) if inside(i, low, high)]
    rng.shuffle(below)
    rng.shuffle(above)
    return day, below, above, set()


# The hours a time of day moves by in a neighbouring zone (or with summer time).
ZONE_SHIFT = 2


def _time_sides(value: str, rng):
    """Times of day that keep the key's minutes, so none is rounder or less round than the key
    (04:30 gets 01:30 and 07:30, not 05:00 and 06:00), whole hours apart at irregular
    distances, and never one or two hours from the key: that is the key in a neighbouring time
    zone (04:30 EDT is 03:30 in Yucatan), defensible whenever the zone goes unsaid."""
    minutes = int(value[1:3]) * 60 + int(value[4:6])
    sides = []
    for direction in (-1, 1):
        # Whole hours away keep the key's minutes, so every choice is as round as the key; three
        # hours at least, past a zone shift.
        hours = [minutes + direction * 60 * h for h in range(ZONE_SHIFT + 1, ZONE_SHIFT + 9)]
        hours = [m for m in hours if 0 <= m < 24 * 60]
        picked = pick(hours, rng, k=SEARCH)
        sides.append([(m, f"{m // 60:02d}:{m % 60:02d}") for m in picked])
    return minutes, sides[0], sides[1], set()


def _range_sides(value: str, rng, pool):
    first, last = (date.fromisoformat(v) for v in value.split("/"))
    sides = []
    for direction in (-1, 1):
        out, shift = [], 0
        for _ in range(6):
            if len(out) == 3:
                break
            shift += direction * rng.choice((2, 3, 5, 6, 9))
            start, end = first + timedelta(days=shift), last + timedelta(days=shift)
            if pool.published and direction > 0 and last <= pool.published < end:
                break
            shifted = f"{start.isoformat()}/{end.isoformat()}"
            out.append((shift, format_date_value(shifted, "range")))
        sides.append(out)
    return 0, sides[0], sides[1], set()
