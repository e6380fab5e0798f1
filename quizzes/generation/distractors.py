"""Wrong choices that are plausible and clearly wrong, chosen deterministically."""

import bisect
import hashlib
import itertools
import random
import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from .display import WEEKDAY_NAMES, format_date_value, number_of, replace_number
from .extraction import whole_word
from .types import Fact, KnownEntity


def seeded_random(seed: str) -> random.Random:
    """A random generator fixed by `seed`, so the same fact always gets the same choices."""
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))


def make_choices(
    *,
    fact: Fact,
    answer: str,
    seed: str,
    real_dates: tuple[str, ...] = (),
    entities: tuple[KnownEntity, ...] = (),
    stem: str = "",
    sentence: str = "",
) -> tuple[str, ...]:
    """Return the four choices for `fact`: `answer` and three wrong ones in its display
    format, dates and numbers in ascending order; or () when three good wrong ones cannot be
    made (the caller then asks a typed question).

    Dates: other real dates (`real_dates`, ISO) of the same granularity first, then nearby
    dates. Numbers: the answer scaled or shifted, same unit and writing. Entities: other
    confirmed entities of the same type not already named in `stem`, those named in the source
    `sentence` first (the other signatories of a treaty), then in an order fixed by `seed`.
    Wrong choices are made
    from normalised values different from the answer's, so none is the answer in another form.
    """
    rng = seeded_random(seed)
    if fact.kind == "date":
        answer_key, wrong = _date_distractors(fact, rng, real_dates)
    elif fact.kind == "number":
        answer_key, wrong = _number_distractors(answer, rng, unit=fact.unit)
    else:
        wrong = [
            (key, name)
            for key, name in _entity_distractors(fact, rng, entities, sentence)
            if not whole_word(name).search(stem)
        ]
        answer_key = rng.random()
    chosen: list[tuple] = [(answer_key, answer)]
    for key, choice in wrong:
        if key == answer_key or choice.lower() in {c.lower() for _, c in chosen}:
            continue
        if stem and _stated_in(choice, stem):
            continue  # a value the stem states for something else would confuse, not test
        chosen.append((key, choice))
        if len(chosen) == 4:
            return tuple(choice for _, choice in sorted(chosen, key=lambda pair: pair[0]))
    return ()


def _stated_in(choice: str, stem: str) -> bool:
    """Whether `stem` states `choice` (any case) as a value of its own, not inside a longer one.

    For ASCII text a substring test first (there, case-insensitive matching is `lower()`), so
    the pattern is compiled only when the choice is in the stem at all.
    """
    if choice.isascii() and stem.isascii() and choice.lower() not in stem.lower():
        return False
    return _stated_pattern(choice).search(stem) is not None


@lru_cache(maxsize=4096)
def _stated_pattern(choice: str) -> re.Pattern:
    return re.compile(rf"(?<![\w,.]){re.escape(choice)}(?![\w,]\w)", re.I)


_FULL = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_DAY = re.compile(r"--\d{2}-\d{2}")


def _same_granularity(value: str, iso: str) -> str | None:
    """`iso` (a real date from the library) projected onto the granularity of `value`, or None
    when it does not have that much: "2020-11-08" gives "--11-08", "2020-11" or "2020"."""
    full = _FULL.fullmatch(iso)
    if _MONTH_DAY.fullmatch(value):
        return f"--{iso[5:10]}" if full else (iso if _MONTH_DAY.fullmatch(iso) else None)
    if _FULL.fullmatch(value):
        return iso if full else None
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return iso[:7] if full or re.fullmatch(r"\d{4}-\d{2}", iso) else None
    if re.fullmatch(r"\d{4}", value):
        return iso[:4] if re.match(r"\d{4}(?:-|$)", iso) else None
    return None


def _date_distractors(fact: Fact, rng: random.Random, real_dates) -> tuple[object, list]:
    """The answer's sort key, and (sort key, display) pairs of wrong dates, best first."""
    value, gran = fact.value, fact.granularity
    if gran == "weekday":
        answer_day = date.fromisoformat(value).weekday()
        others = [(i, name) for i, name in enumerate(WEEKDAY_NAMES) if i != answer_day]
        rng.shuffle(others)
        return answer_day, others
    if value.startswith("T"):
        minutes = int(value[1:3]) * 60 + int(value[4:6])
        shifts = [-180, -120, -60, -30, 30, 60, 120, 180]
        rng.shuffle(shifts)
        wrong = []
        for shift in _interleave(shifts, 0):
            at = (minutes + shift) % (24 * 60)
            wrong.append((at, f"{at // 60:02d}:{at % 60:02d}"))
        return minutes, wrong
    if gran == "range":
        first, last = (date.fromisoformat(v) for v in value.split("/"))
        shifts = [-14, -7, -3, -2, -1, 1, 2, 3, 7, 14]
        rng.shuffle(shifts)
        wrong = []
        for d in _interleave(shifts, 0):
            shifted = f"{(first + timedelta(days=d)).isoformat()}/{(last + timedelta(days=d)).isoformat()}"
            wrong.append((d, format_date_value(shifted, "range")))
        return 0, wrong
    sample = _granularity_of(value)
    projected = _projections(tuple(real_dates))[sample] if sample else ()
    real = _without(projected, value)
    _shuffle(rng, real)
    nearby = _interleave(_nearby_dates(value, rng), value)
    display = "day" if gran != "year" else "year"
    values = itertools.chain(real[:2], nearby, real[2:])
    if not _all_format(projected, display):
        # Formatting one of them fails: fail as formatting them all up front always did.
        return value, [(v, _format_date(v, display)) for v in values if v != value]
    # The caller stops at three wrong choices: format only the dates it gets to.
    return value, ((v, _format_date(v, display)) for v in values if v != value)


def _granularity_of(value: str) -> str | None:
    """Which branch of `_same_granularity` a value takes: what that function makes of a real
    date depends on nothing else about the value."""
    if _MONTH_DAY.fullmatch(value):
        return "--01-01"
    if _FULL.fullmatch(value):
        return "2000-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "2000-01"
    if re.fullmatch(r"\d{4}", value):
        return "2000"
    return None


@lru_cache(maxsize=8)
def _projections(real_dates: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """{sample of `_granularity_of`: the real dates as `_same_granularity(sample, ...)` projects
    them, sorted and unique}. Computed once for all the date answers of an article, not once
    per answer (a library of 1,000 articles has thousands of real dates)."""
    found = {sample: set() for sample in _GRANULARITY_SAMPLES}
    for iso in real_dates:
        for sample, projection in zip(_GRANULARITY_SAMPLES, _projected(iso), strict=True):
            if projection:
                found[sample].add(projection)
    return {sample: tuple(sorted(values)) for sample, values in found.items()}


_GRANULARITY_SAMPLES = ("--01-01", "2000-01-01", "2000-01", "2000")


@lru_cache(maxsize=65536)
def _projected(iso: str) -> tuple[str | None, ...]:
    return tuple(_same_granularity(sample, iso) for sample in _GRANULARITY_SAMPLES)


def _without(values: tuple[str, ...], value: str) -> list[str]:
    """`values` (sorted) as a new list, without `value`."""
    out = list(values)
    at = bisect.bisect_left(out, value)
    if at < len(out) and out[at] == value:
        del out[at]
    return out


@lru_cache(maxsize=64)
def _all_format(values: tuple[str, ...], display: str) -> bool:
    """Whether every one of `values` formats without an error (library values are not all
    clean: a teacher may have typed a date answer by hand)."""
    try:
        for value in values:
            _format_date(value, display)
    except Exception:
        return False
    return True


def _shuffle(rng: random.Random, items: list) -> None:
    """`rng.shuffle(items)`: the same permutation from the same random numbers, leaving `rng`
    in the same state, in about half the time (real dates run into thousands). Falls back to
    `rng.shuffle` for a generator that draws its numbers another way."""
    kind = type(rng)
    if (
        kind.shuffle is not random.Random.shuffle
        or kind._randbelow is not random.Random._randbelow_with_getrandbits
    ):
        rng.shuffle(items)
        return
    getrandbits = rng.getrandbits
    for i in reversed(range(1, len(items))):
        n = i + 1
        k = n.bit_length()
        j = getrandbits(k)
        while j >= n:
            j = getrandbits(k)
        items[i], items[j] = items[j], items[i]


@lru_cache(maxsize=8192)
def _format_date(value: str, display: str) -> str:
    return format_date_value(value, display)


def _interleave(values: list, pivot) -> list:
    """`values` alternately above and below `pivot` (keeping their order on each side), so the
    answer does not sit at an end of the sorted choices."""
    above = [v for v in values if v > pivot]
    below = [v for v in values if v < pivot]
    mixed = [v for pair in zip(above, below, strict=False) for v in pair]
    return mixed + [v for v in above + below if v not in mixed]


def _nearby_dates(value: str, rng: random.Random) -> list[str]:
    if value.startswith("--"):
        anchor = date(2001, int(value[2:4]), int(value[5:7]))
        days = [-10, -8, -3, -2, -1, 1, 2, 3, 7, 12]
        rng.shuffle(days)
        return [(anchor + timedelta(days=d)).strftime("--%m-%d") for d in days]
    if len(value) == 10:
        anchor = date.fromisoformat(value)
        steps = [
            timedelta(days=-2), timedelta(days=-1), timedelta(days=1), timedelta(days=2),
            timedelta(days=7), timedelta(days=-7), relativedelta(months=1),
            relativedelta(months=-1), relativedelta(years=1), relativedelta(years=-1),
        ]  # fmt: skip
        rng.shuffle(steps)
        return [(anchor + s).isoformat() for s in steps]
    if len(value) == 7:
        anchor = date(int(value[:4]), int(value[5:7]), 1)
        months = [-12, -3, -2, -1, 1, 2, 3, 12]
        rng.shuffle(months)
        return [(anchor + relativedelta(months=m)).strftime("%Y-%m") for m in months]
    year = int(value)
    years = [-4, -3, -2, -1, 1, 2, 3]
    rng.shuffle(years)
    return [str(year + y) for y in years]


def _number_distractors(answer: str, rng: random.Random, *, unit: str = "") -> tuple[object, list]:
    """The answer's value, and (value, display) pairs of wrong numbers, best first."""
    n = number_of(answer)
    if n is None or n <= 0:
        return 0, []
    if unit == "magnitude":
        # Earthquake magnitudes: shifted, never scaled (a "magnitude 10.4" is not plausible).
        values = [round(n + d, 1) for d in (-1.2, -0.8, -0.5, -0.3, 0.3, 0.5, 0.8, 1.2)]
        values = [v for v in values if 1 <= v <= 9.5]
    elif n <= 10 and n == int(n):
        values = [n + 1, n + 2, n + 3, n - 1, n - 2, n * 2]
    elif n == int(n) and _leading(int(n))[0] < 10:
        # A round figure ("30 years", "100,000 people") gets round neighbours: the leading
        # digit shifted or doubled, the zeros kept.
        digit, scale = _leading(int(n))
        values = [v * scale for v in (digit - 2, digit - 1, digit + 1, digit + 2, digit * 2)]
        values += [digit * scale / 2] if digit % 2 == 0 or scale >= 10 else []
    else:
        factors = [0.5, 0.6, 0.75, 0.8, 1.2, 1.25, 1.4, 1.5, 2]
        values = [_round_like(n * f, n) for f in factors]
    rng.shuffle(values)
    # "1 villages" is not a choice: a plural noun or unit keeps its values above one.
    floor = 2 if n >= 2 and re.search(r"[a-z]s\b", answer) else 0
    # A share stays a share: no "120%" for a 60% answer.
    ceiling = 100 if unit == "%" and n < 100 else float("inf")
    out = []
    for v in values:
        if v >= floor and 0 < v < ceiling and v != n and v not in out:
            out.append(v)
    return n, [(v, replace_number(answer, v)) for v in _interleave(out, n)]


def _leading(n: int) -> tuple[int, int]:
    """`n` as its leading digits and a power of ten: 30 → (3, 10), 4200 → (42, 100)."""
    scale = 1
    while n and n % 10 == 0:
        n //= 10
        scale *= 10
    return n, scale


def _round_like(value: float, like: float) -> float:
    """Round `value` to the precision of `like`: 30 → tens, 2908 → units, 7.5 → tenths."""
    if like != int(like):
        return round(value, 1)
    like = int(like)
    zeros = len(str(like)) - len(str(like).rstrip("0"))
    step = 10**zeros
    if like < 100 and zeros == 0:
        step = 1
    return float(max(step, round(value / step) * step))


def _entity_distractors(fact: Fact, rng: random.Random, entities, sentence="") -> list[tuple]:
    others = sorted(
        (e for e in entities if e.type == fact.unit and e.name != fact.value),
        key=lambda e: e.name,
    )
    rng.shuffle(others)

    def named(entity):
        return any(
            whole_word(name).search(sentence) for name in (entity.name, *entity.aliases) if name
        )

    others.sort(key=lambda e: not named(e))  # stable: the seeded order within each group
    return [(rng.random(), e.name) for e in others]
