"""What an article and the library offer as distractors (`Pool`), and the readers of values
the figures and dates share: a normalised number's value and unit, a full date; with `pick`,
the seeded draw the made values come from."""

import bisect
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..extraction import number_category
from ..types import Fact, KnownEntity, LibraryContext


@dataclass(frozen=True)
class Pool:
    """The values an article offers its own questions as distractors, and the library's values
    restricted to those plausibly related to it. Built once per article (`distractor_pool`)."""

    facts: tuple[Fact, ...] = ()  # every date and number fact of the article
    entity_names: tuple[str, ...] = ()  # confirmed entities the article names, in order
    library_dates: tuple[str, ...] = ()  # ISO, sorted, inside the article's time window
    library_numbers: tuple[str, ...] = ()  # normalised, with an explicit unit
    entities: tuple[KnownEntity, ...] = ()
    published: date | None = None
    years: tuple[int, ...] = field(default=())  # the years the article's dates fall in
    # The article's figures by `unit_key`: (value, fact) pairs, built with the pool.
    numbers: dict = field(default_factory=dict, compare=False, hash=False)
    # The article's sentences by position, when the caller gives them: what another value of
    # the article is said of (`sentence.same_event`), and what follows a key's sentence.
    sentences: dict = field(default_factory=dict, compare=False, hash=False)


EMPTY_POOL = Pool()


def distractor_pool(
    *, facts: tuple[Fact, ...], context: LibraryContext, published: date | None, sentences=()
) -> Pool:
    """What `make_choices` may draw on for the article whose facts are `facts` (and whose
    `sentences`, `SentenceText`s, when given, say what each of its values is said of: a value
    the article states of the key's own event is never a wrong choice, "Ganja was also struck
    on 11 October 2020" for an attack on Ganja on 17 October).

    Library dates are kept only inside the article's window: from a year before its earliest
    full date to its publication date (or its latest date, if it states a later one). A weather
    report's 2018 date never reaches a question about a 2020 war article; an article without a
    full date keeps the library's dates of its publication year and the year before.
    """
    days = [date.fromisoformat(f.value) for f in facts if f.kind == "date" and is_day(f.value)]
    anchors = days + ([published] if published else [])
    library_dates: tuple[str, ...] = ()
    if anchors:
        first = min(days) if days else published
        low = first - timedelta(days=365) if first.toordinal() > 366 else date.min
        high = max(anchors)
        library_dates = _window(_sorted_dates(tuple(context.dates)), low, high)
    years = sorted({d.year for d in anchors})
    numbers: dict = {}
    for f in facts:
        if f.kind == "number" and (n := numeric(f.value)) is not None:
            numbers.setdefault(unit_key(f), []).append((n, f))
    return Pool(
        numbers=numbers,
        facts=tuple(f for f in facts if f.kind in ("date", "number")),
        entity_names=tuple(dict.fromkeys(f.value for f in facts if f.kind == "entity")),
        library_dates=library_dates,
        library_numbers=_with_unit(tuple(context.numbers)),
        entities=tuple(context.entities),
        published=published,
        years=tuple(years),
        sentences={sentence.position: sentence.text for sentence in sentences},
    )


@lru_cache(maxsize=8)
def _sorted_dates(dates: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(d for d in set(dates) if is_day(d)))


def _window(dates: tuple[str, ...], low: date, high: date) -> tuple[str, ...]:
    start = bisect.bisect_left(dates, low.isoformat())
    end = bisect.bisect_right(dates, high.isoformat())
    return dates[start:end]


@lru_cache(maxsize=8)
def _with_unit(numbers: tuple[str, ...]) -> tuple[str, ...]:
    """Library figures that say what they measure: money, measures and durations."""
    return tuple(n for n in numbers if _has_unit(n))


@lru_cache(maxsize=65536)
def _has_unit(value: str) -> bool:
    return re.fullmatch(r"[\d.]+ \S+|PT?[\d.]+[YMWDH]", value) is not None


@lru_cache(maxsize=65536)
def is_day(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def numeric(value: str) -> float | None:
    """A normalised number's value: "2908", "7000000000 USD", "19 km", "P44D", "PT24H"."""
    m = re.fullmatch(r"PT?([\d.]+)[YMWDH]", value) or re.fullmatch(r"([\d.]+)(?: \S+)?", value)
    if not m:
        return None
    try:
        return float(m.group(1))
    except ValueError:
        return None


# Counted nouns that compare with one another: people, however a report counts them.
PEOPLE = frozenset([
    "people", "persons", "civilians", "residents", "citizens", "soldiers", "servicemen",
    "troops", "combatants", "fighters", "martyrs", "victims", "casualties", "dead", "killed",
    "wounded", "injured", "missing", "children", "minors", "women", "men", "refugees",
    "migrants", "workers", "employees", "staff", "volunteers", "families", "households",
    "prisoners", "detainees", "hostages"
])  # fmt: skip


@lru_cache(maxsize=8192)
def unit_key(fact: Fact) -> tuple[str, str]:
    """What must match for a figure to be comparable: its category and unit (the duration's
    unit letter, the currency, the counted noun; every count of people is one unit)."""
    category = number_category(fact)
    if category == "duration":
        return category, re.sub(r"[\d.]", "", fact.value)
    if category in ("money", "measure"):
        return category, fact.value.partition(" ")[2]
    if category == "count":
        noun = fact.unit.lower()
        return category, "people" if noun in PEOPLE else noun
    return category, fact.unit


def dedupe(pairs):
    """(key, choice) `pairs` without a key already seen, in order."""
    out, seen = [], set()
    for key, choice in pairs:
        if key not in seen:
            seen.add(key)
            out.append((key, choice))
    return out


def pick(candidates: list, rng: random.Random, *, apart=lambda a, b: a != b, k: int = 3):
    """Up to `k` of `candidates` (nearest to the key first), drawn at random with a lean towards
    the near ones, each `apart` from those already drawn; the nearest rest fill up what the
    draw leaves short. The gaps between the choices come out irregular."""
    pool = list(candidates)
    chosen: list = []
    while pool and len(chosen) < k:
        index = int(len(pool) * rng.random() ** 1.7)
        value = pool.pop(index)
        if all(apart(value, c) for c in chosen):
            chosen.append(value)
    for value in candidates:  # too few apart: the nearest others, still distinct
        if len(chosen) == k:
            break
        if value not in chosen:
            chosen.append(value)
    return chosen
