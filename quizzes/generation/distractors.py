"""Wrong choices a test-wise learner cannot beat, chosen deterministically.

The key's rank among the sorted choices is decided first (by the caller, balanced over an
article, or from the seed), then the other slots are filled, best source first:

1. the article's own comparable values (other regions' counts, other dates of the article's
   events), same kind and unit, within a plausible distance of the key;
2. values from the rest of the library that are plausibly related: dates inside the time window
   of the article's own dates (never after its publication), figures with the same explicit
   unit (a currency, a duration, a measure) and scale; a bare library count says nothing of
   what it counts and is never used;
3. values made at natural, irregular distances, at the key's precision and roundness, none a
   simple ratio of the key (×0.5, ×1.5, ×2, ±10%...), so no choice is the one the others are
   derived from.

Every choice respects what the sentence says: a value that fell or rose from another, a part
smaller than its total, the other end of a range, a share no more than 100%, a past year no later
than the article; integers stay integers, dates stay valid dates. Entities are of the answer's
type, drawn from the sentence and the article first, then the confirmed registry, never a person
who could not have been there (`entities.active_in`).
"""

import bisect
import hashlib
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .display import WEEKDAY_NAMES, format_date_value, number_of, replace_number
from .entities import active_in, same_kind
from .extraction import number_category, whole_word
from .types import Fact, KnownEntity, LibraryContext

CHOICES = 4


def seeded_random(seed: str) -> random.Random:
    """A random generator fixed by `seed`, so the same fact always gets the same choices."""
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))


def rank_from_seed(seed: str) -> int:
    """The key's rank (0 = smallest) a fact gets when nothing balances it against others."""
    return int(hashlib.sha256(f"rank|{seed}".encode()).hexdigest()[:8], 16) % CHOICES


# --------------------------------------------------------------------------------------------
# What an article and the library offer


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
    # The article's figures by `_unit_key`: (value, fact) pairs, built with the pool.
    numbers: dict = field(default_factory=dict, compare=False, hash=False)


EMPTY_POOL = Pool()


def distractor_pool(
    *, facts: tuple[Fact, ...], context: LibraryContext, published: date | None
) -> Pool:
    """What `make_choices` may draw on for the article whose facts are `facts`.

    Library dates are kept only inside the article's window: from a year before its earliest
    full date to its publication date (or its latest date, if it states a later one). A weather
    report's 2018 date never reaches a question about a 2020 war article; an article without a
    full date keeps the library's dates of its publication year and the year before.
    """
    days = [date.fromisoformat(f.value) for f in facts if f.kind == "date" and _is_day(f.value)]
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
        if f.kind == "number" and (n := _numeric(f.value)) is not None:
            numbers.setdefault(_unit_key(f), []).append((n, f))
    return Pool(
        numbers=numbers,
        facts=tuple(f for f in facts if f.kind in ("date", "number")),
        entity_names=tuple(dict.fromkeys(f.value for f in facts if f.kind == "entity")),
        library_dates=library_dates,
        library_numbers=_with_unit(tuple(context.numbers)),
        entities=tuple(context.entities),
        published=published,
        years=tuple(years),
    )


@lru_cache(maxsize=8)
def _sorted_dates(dates: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(d for d in set(dates) if _is_day(d)))


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
def _is_day(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# The entry point


def make_choices(
    *,
    fact: Fact,
    answer: str,
    seed: str,
    pool: Pool = EMPTY_POOL,
    rank: int | None = None,
    stem: str = "",
    sentence: str = "",
    sentence_facts: tuple[Fact, ...] = (),
    stem_facts: tuple[Fact, ...] = (),
) -> tuple[str, ...]:
    """Return the four choices for `fact`: `answer` and three wrong ones in its display form,
    dates and numbers in ascending order with the answer at `rank` (0 = smallest; from `seed`
    when None; the nearest rank the values allow when that one cannot be filled), entities in
    an order fixed by `seed`; or () when three good wrong ones cannot be made (the caller then
    asks a typed question).

    `sentence_facts` are the facts of the source `sentence` (the other end of a range, the
    total a part belongs to); a value `stem` states for something else is never a choice, as
    written or in any form (`stem_facts`: the facts of the stem, "November 8" for a choice
    "8 November").
    """
    plan = plan_choices(
        fact=fact, answer=answer, seed=seed, pool=pool, stem=stem, sentence=sentence,
        sentence_facts=sentence_facts, stem_facts=stem_facts,
    )  # fmt: skip
    if plan is None:
        return ()
    return plan.choices(rank_from_seed(seed) if rank is None else rank)


@dataclass(frozen=True)
class Plan:
    """The answer and the wrong choices available below and above it (best first), or, for
    entities, the wrong choices in order: `choices(rank)` picks from them."""

    answer: str
    below: tuple[tuple[object, str], ...] = ()
    above: tuple[tuple[object, str], ...] = ()
    answer_key: object = None
    real_below: int = 0  # how many of `below` and `above` (first) are real values
    real_above: int = 0
    unordered: tuple[str, ...] = ()
    shuffle_seed: str = ""

    @property
    def ordered(self) -> bool:
        return not self.unordered

    def feasible_ranks(self) -> tuple[int, ...]:
        if not self.ordered:
            return tuple(range(CHOICES))
        wrong = CHOICES - 1
        return tuple(
            r for r in range(CHOICES) if len(self.below) >= r and len(self.above) >= wrong - r
        )

    def real_used(self, rank: int) -> int:
        """How many real (article or library) values the choices at `rank` hold."""
        return min(rank, self.real_below) + min(CHOICES - 1 - rank, self.real_above)

    def choices(self, rank: int) -> tuple[str, ...]:
        if not self.ordered:
            picked = [self.answer, *self.unordered[: CHOICES - 1]]
            rng = seeded_random(f"order|{self.shuffle_seed}")
            rng.shuffle(picked)
            return tuple(picked)
        feasible = self.feasible_ranks()
        if not feasible:
            return ()
        r = min(feasible, key=lambda f: (abs(f - rank), f))
        below = sorted(self.below[:r], key=lambda pair: pair[0])
        above = sorted(self.above[: CHOICES - 1 - r], key=lambda pair: pair[0])
        return tuple(c for _, c in below) + (self.answer,) + tuple(c for _, c in above)


def plan_choices(
    *,
    fact: Fact,
    answer: str,
    seed: str,
    pool: Pool = EMPTY_POOL,
    stem: str = "",
    sentence: str = "",
    sentence_facts: tuple[Fact, ...] = (),
    stem_facts: tuple[Fact, ...] = (),
) -> Plan | None:
    """The wrong choices `make_choices` picks from (see there), or None when there are too
    few for any rank."""
    try:
        return _plan(fact, answer, seed, pool, stem, sentence, sentence_facts, stem_facts)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # odd values (a date at the end of the calendar) cost their choices only


def _plan(fact, answer, seed, pool, stem, sentence, sentence_facts, stem_facts) -> Plan | None:
    rng = seeded_random(seed)
    if fact.kind == "entity":
        wrong = _entity_distractors(fact, answer, rng, pool, stem=stem, sentence=sentence)
        if len(wrong) < CHOICES - 1:
            return None
        return Plan(answer=answer, unordered=tuple(wrong), shuffle_seed=seed)
    if fact.kind == "date":
        sides = _date_sides(
            fact, rng, pool, sentence=sentence, sentence_facts=sentence_facts,
            stem_facts=stem_facts,
        )  # fmt: skip
    else:
        sides = _number_sides(
            fact, answer, rng, pool, sentence=sentence, sentence_facts=sentence_facts,
            stem_facts=stem_facts,
        )  # fmt: skip
    if sides is None:
        return None
    answer_key, below, above, real = sides
    below = _clean(below, answer, stem)
    above = _clean(above, answer, stem, taken={c for _, c in below})
    plan = Plan(
        answer=answer, below=tuple(below), above=tuple(above), answer_key=answer_key,
        real_below=sum(1 for k, _ in below if k in real),
        real_above=sum(1 for k, _ in above if k in real),
    )  # fmt: skip
    return plan if plan.feasible_ranks() else None


def _clean(pairs, answer: str, stem: str, taken=()) -> list[tuple[object, str]]:
    """`pairs` without duplicates, the answer in another spelling, or values the stem states."""
    seen = {answer.lower(), *(t.lower() for t in taken)}
    keys = set()
    out = []
    for key, choice in pairs:
        if choice.lower() in seen or key in keys:
            continue
        if stem and _stated_in(choice, stem):
            continue  # a value the stem states for something else would confuse, not test
        seen.add(choice.lower())
        keys.add(key)
        out.append((key, choice))
    return out


def _stated_in(choice: str, stem: str) -> bool:
    """Whether `stem` states `choice` (any case) as a value of its own, not inside a longer one."""
    if choice.isascii() and stem.isascii() and choice.lower() not in stem.lower():
        return False
    return _stated_pattern(choice).search(stem) is not None


@lru_cache(maxsize=4096)
def _stated_pattern(choice: str) -> re.Pattern:
    return re.compile(rf"(?<![\w,.]){re.escape(choice)}(?![\w,]\w)", re.I)


# --------------------------------------------------------------------------------------------
# Lists


# Between two items of a list: ", ", " and ", ", and ", " or ".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\s*")
_PAIR_JOIN = re.compile(r"\s+(?:and|or)\s+")


def list_groups(sentence_text: str, facts) -> list[list[Fact]]:
    """The lists among a sentence's facts: counts (or entities of one type) one after another,
    joined only by commas and "and"/"or": three or more ("5 cities, 4 towns, and 286 villages";
    "Aghdam, Kalbajar, and Lachin"), or two joined by a bare "and"/"or" ("12 soldiers and 3
    civilians"; "2,908 martyrs, and 94 civilians died" joins two clauses, not a list)."""
    groups: list[list[Fact]] = []
    current: list[Fact] = []

    def kind_of(fact):
        if fact.kind == "entity":
            return ("entity", fact.unit)
        if fact.kind == "number":
            return ("number", number_category(fact))
        return None

    def close():
        if len(current) > 2 or (
            len(current) == 2
            and _PAIR_JOIN.fullmatch(sentence_text[current[0].end : current[1].start])
        ):
            groups.append(list(current))

    for fact in sorted(facts, key=lambda f: f.start):
        if (
            current
            and kind_of(fact) is not None
            and kind_of(fact) == kind_of(current[-1])
            and _LIST_JOIN.fullmatch(sentence_text[current[-1].end : fact.start])
        ):
            current.append(fact)
            continue
        close()
        current = [fact] if kind_of(fact) is not None else []
    close()
    return groups


# --------------------------------------------------------------------------------------------
# Bounds the sentence sets


_FALL = r"(?:fell|dropped|declined|decreased|shrank|sank|slipped|plunged|plummeted|went down|was cut|were cut|cut|reduced|lowered|down)"
_RISE = r"(?:rose|increased|grew|climbed|jumped|soared|went up|was raised|were raised|raised|up)"
_PART = r"(?:,?\s*(?:including|of whom|of which|among them|among whom)\s+)"


def _bounds(fact: Fact, sentence: str, sentence_facts, value_of) -> tuple:
    """(low, high), exclusive, None for no bound, that the sentence sets on `fact`'s value:
    `value_of(other)` is another fact's value, comparable with the key's, or None."""
    low = high = None
    key = value_of(fact)
    if not sentence or key is None:
        return low, high

    def raise_low(v):
        nonlocal low
        low = v if low is None else max(low, v)

    def lower_high(v):
        nonlocal high
        high = v if high is None else min(high, v)

    joined = r"\s*(?:to|and|until|till|through|[-–—])\s*"
    for other in sentence_facts:
        if (other.start, other.end) == (fact.start, fact.end):
            continue
        v = value_of(other)
        if v is None or v == key:
            continue
        if other.end <= fact.start:
            between = sentence[other.end : fact.start]
            before = sentence[max(0, other.start - 40) : other.start]
            if re.fullmatch(joined, between) and re.search(r"\b(?:from|between)\s*$", before):
                if re.search(rf"\b{_FALL}\b[^.]*$", before):
                    lower_high(v)  # fell from 60% to KEY
                else:
                    raise_low(v)  # rose from 40 to KEY; between 2020 and KEY; from X to KEY
            elif re.fullmatch(_PART, between) and v > key:
                lower_high(v)  # 12 civilians, including KEY minors
        elif other.start >= fact.end:
            between = sentence[fact.end : other.start]
            before = sentence[max(0, fact.start - 40) : fact.start]
            if re.fullmatch(joined, between) and re.search(r"\b(?:from|between)\s*$", before):
                if re.search(rf"\b{_FALL}\b[^.]*$", before):
                    raise_low(v)  # fell from KEY to 40%
                else:
                    lower_high(v)  # rose from KEY to 80%; between KEY and 2023
            elif re.fullmatch(_PART, between) and v < key:
                raise_low(v)  # KEY civilians, including 2 minors
            elif re.fullmatch(r"\s*(?:out of|of)\s+(?:the\s+|a total of\s+)?", between) and v > key:
                lower_high(v)  # KEY out of 40
    # "KEY, down from 60%" / "KEY, up from 40%"
    m = re.match(rf",?\s*({_FALL}|{_RISE})\s+from\s+", sentence[fact.end : fact.end + 60])
    if m:
        for other in sentence_facts:
            if other.start == fact.end + m.end() and (v := value_of(other)) is not None:
                if re.fullmatch(_FALL, m.group(1)):
                    lower_high(v)
                else:
                    raise_low(v)
    if (low is not None and not low < key) or (high is not None and not key < high):
        return None, None  # a reading that contradicts the key is a wrong reading
    return low, high


def _inside(v, low, high) -> bool:
    return (low is None or low < v) and (high is None or v < high)


# --------------------------------------------------------------------------------------------
# Numbers


# Ratios that make a family around the key: a test-wise learner picks the value they share.
SIMPLE_RATIOS = (0.25, 1 / 3, 0.5, 2 / 3, 0.75, 0.8, 0.9, 1.1, 1.2, 1.25, 4 / 3, 1.5, 2, 2.5, 3, 4)
# The ratios of the classic family (143 / 286 / 429 / 572), refused even for coarse keys.
FAMILY_RATIOS = (0.5, 0.9, 1.1, 1.5, 2)


def is_simple_ratio(
    value: float, key: float, *, tolerance: float = 0.015, ratios=SIMPLE_RATIOS
) -> bool:
    """Whether `value` is the key scaled by one of `ratios` (within `tolerance`)."""
    if not key:
        return False
    ratio = value / key
    return any(abs(ratio - r) <= tolerance * r for r in ratios)


def _numeric(value: str) -> float | None:
    """A normalised number's value: "2908", "7000000000 USD", "19 km", "P44D", "PT24H"."""
    m = re.fullmatch(r"PT?([\d.]+)[YMWDH]", value) or re.fullmatch(r"([\d.]+)(?: \S+)?", value)
    if not m:
        return None
    try:
        return float(m.group(1))
    except ValueError:
        return None


# Counted nouns that compare with one another: people, however a report counts them.
_PEOPLE = frozenset(
    [
        "people",
        "persons",
        "civilians",
        "residents",
        "citizens",
        "soldiers",
        "servicemen",
        "troops",
        "combatants",
        "fighters",
        "martyrs",
        "victims",
        "casualties",
        "dead",
        "killed",
        "wounded",
        "injured",
        "missing",
        "children",
        "minors",
        "women",
        "men",
        "refugees",
        "migrants",
        "workers",
        "employees",
        "staff",
        "volunteers",
        "families",
        "households",
        "prisoners",
        "detainees",
        "hostages",
    ]
)


@lru_cache(maxsize=8192)
def _unit_key(fact: Fact) -> tuple[str, str]:
    """What must match for a figure to be comparable: its category and unit (the duration's
    unit letter, the currency, the counted noun; every count of people is one unit)."""
    category = number_category(fact)
    if category == "duration":
        return category, re.sub(r"[\d.]", "", fact.value)
    if category in ("money", "measure"):
        return category, fact.value.partition(" ")[2]
    if category == "count":
        noun = fact.unit.lower()
        return category, "people" if noun in _PEOPLE else noun
    return category, fact.unit


def _library_unit_key(value: str) -> tuple[str, str] | None:
    if re.fullmatch(r"PT?[\d.]+[YMWDH]", value):
        return "duration", re.sub(r"[\d.]", "", value)
    m = re.fullmatch(r"[\d.]+ (\S+)", value)
    if not m:
        return None
    return None if m.group(1) == "%" else ("money_or_measure", m.group(1))


def _number_sides(fact, answer, rng, pool, *, sentence, sentence_facts, stem_facts=()):
    shown = number_of(answer)
    value = _numeric(fact.value)
    if shown is None or shown <= 0 or value is None or value <= 0:
        return None
    factor = value / shown
    token = re.search(r"\d[\d,]*(?:\.\d+)?", answer)
    decimals = len(token.group().split(".")[1]) if token and "." in token.group() else 0
    in_words = not token  # "thirty years": words go up to ninety-nine
    if fact.unit == "magnitude":
        decimals = max(decimals, 1)
    step = 10.0**-decimals if decimals else float(_step_of(int(round(shown))))
    unit_key = _unit_key(fact)
    # The other items of a list the answer is in compare with it whatever they count ("5 cities,
    # 4 towns, and 286 villages").
    listed = {
        (f.start, f.end)
        for group in list_groups(sentence, sentence_facts)
        if any((g.start, g.end) == (fact.start, fact.end) for g in group)
        for f in group
    }

    def shown_of(v: float) -> float:
        return v / factor

    def comparable(other: Fact):
        if other.kind != "number":
            return None
        same_list = other.sentence_position == fact.sentence_position and (
            (other.start, other.end) in listed
        )
        if _unit_key(other) != unit_key and not (
            same_list and number_category(other) == unit_key[0]
        ):
            return None
        n = _numeric(other.value)
        return None if n is None else shown_of(n)

    low, high = _bounds(fact, sentence, sentence_facts, comparable)
    low, high = (0.0 if low is None else low), (float("inf") if high is None else high)
    low = max(low, 0)
    if shown >= 2 and re.search(r"[a-z]s\b", answer) and not decimals:
        low = max(low, 1)  # "1 villages" is not a choice
    if fact.unit == "%" and shown < 100:
        high = min(high, 100.0001)  # a share stays a share
    if fact.unit == "magnitude":
        low, high = max(low, 0.9), min(high, 9.6)
    if in_words:
        high = min(high, 100)

    stated = {v for f in stem_facts if (v := comparable(f)) is not None}

    def valid(v: float) -> bool:
        if not (low < v < high) or v == shown or v in stated:
            return False
        if decimals == 0 and v != int(v):
            return False
        return round(v, decimals) == v

    # Far enough from the key to be clearly wrong for a reader ("96 people" is no choice for
    # 95), near enough to be plausible.
    separation = _separation(shown, step, decimals)

    def near(v: float) -> bool:
        if abs(v - shown) < separation:
            return False
        if fact.unit == "magnitude":
            return abs(v - shown) <= 1.2
        if shown < 10:
            return abs(v - shown) <= max(6, shown)
        return shown / 4 <= v <= shown * 4

    def near_valid(v: float) -> bool:  # the ladder keeps its own distance from the key
        return valid(v) and (fact.unit != "magnitude" or abs(v - shown) <= 1.2)

    # 1. the article's comparable figures; 2. the library's figures with the same unit
    real = []
    same_unit = [f for _, f in pool.numbers.get(unit_key, ())]
    for other in (*same_unit, *(f for f in sentence_facts if (f.start, f.end) in listed)):
        v = comparable(other)
        if v is not None and valid(v) and near(v):
            real.append(v)
    if unit_key[0] in ("duration", "money", "measure"):
        wanted = unit_key if unit_key[0] == "duration" else ("money_or_measure", unit_key[1])
        for n in pool.library_numbers:
            if _library_unit_key(n) == wanted:
                v = shown_of(_numeric(n) or 0)
                if valid(v) and near(v) and shown / 2.5 <= v <= shown * 2.5:
                    real.append(v)
    # A real figure at a family ratio of the key (the article's "6 hours" and "24 hours" for
    # "12 hours") would make the key the value the others derive from: those come last.
    real = sorted(set(real), key=lambda v: (abs(v - shown), v))
    late = [v for v in real if is_simple_ratio(v, shown, ratios=FAMILY_RATIOS)]
    real = [v for v in real if v not in late]
    # 3. made values, at the key's precision, irregular distances, no simple ratios
    made_below = _ladder(shown, -1, rng, step, near_valid, decimals)
    made_above = _ladder(shown, +1, rng, step, near_valid, decimals)
    if len(real) + len(made_below) + len(made_above) < CHOICES - 1:
        made_below = _ladder(shown, -1, rng, step, near_valid, decimals, finer=True)
        made_above = _ladder(shown, +1, rng, step, near_valid, decimals, finer=True)

    def pairs(values):
        return [(v, replace_number(answer, v)) for v in values]

    below = [v for v in real if v < shown] + made_below + [v for v in late if v < shown]
    above = [v for v in real if v > shown] + made_above + [v for v in late if v > shown]
    return shown, _dedupe(pairs(below)), _dedupe(pairs(above)), set(real)


def _dedupe(pairs):
    out, seen = [], set()
    for key, choice in pairs:
        if key not in seen:
            seen.add(key)
            out.append((key, choice))
    return out


def _separation(key: float, step: float, decimals: int) -> float:
    """The least distance between two choices: about 4% of the key, at least one step (two
    for a figure with decimals: "3.4 percent" is no choice for 3.5)."""
    least = step * 2 if decimals else step
    return max(least, round(key * 0.04 / step) * step)


def _step_of(n: int) -> int:
    """The precision a whole number is written at: 286 → 1, 30 → 10, 100,000 → 100,000; small
    counts (under 10) step by one."""
    if n < 10:
        return 1
    step = 1
    while n % (step * 10) == 0:
        step *= 10
    return step


def _pick(candidates: list, rng: random.Random, *, apart=lambda a, b: a != b, k: int = 3):
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


def _ladder(
    key: float, direction: int, rng: random.Random, step: float, valid, decimals: int,
    *, finer: bool = False,
):  # fmt: skip
    """Up to three values on one side of `key` (`direction` -1 below, +1 above) at the key's
    precision (`step`), within about half the key's size, drawn at irregular distances: none a
    simple ratio of the key, none rounder than the key when the key is not round, so the key is
    not the value the others derive from nor the least round. With `finer`, a coarse key
    ("100,000") whose side has too few values at its own step takes the next finer one (then it
    is the roundest choice: only when its choices cannot be made otherwise)."""
    if key < 10 and decimals == 0:
        # Small counts: the nearest neighbours, the key's double and half last.
        near = [v for v in (key + direction * d for d in range(1, 9)) if valid(v)]
        near.sort(key=lambda v: (v in (key * 2, key / 2), abs(v - key)))
        return _pick(near[:5], rng)
    reach = 0.5
    candidates: list[float] = []
    while True:
        refused = _family_test(key, step)
        separation = _separation(key, step, decimals)
        span = max(3 * separation, key * reach)
        if direction > 0 and step >= 10 and key / step < 10:
            span = max(span, 2.5 * key)  # "20": 50, 60, 70 above, where 30 and 40 are refused
        unit = step * max(1, int(span / step / 60))
        i = max(1, int(separation // unit))
        while i * unit <= span and len(candidates) < 400:
            v = round(key + direction * i * unit, decimals)
            i += 1
            if abs(v - key) < separation or not valid(v) or refused(v) or v in candidates:
                continue
            if step == 1 and v >= 10 and key % 10 and v % 10 == 0:
                continue  # no made value rounder than a key that is not round
            candidates.append(v)
        if len(candidates) >= 3:
            break
        if reach < 0.8 and key < 100:
            reach = 0.8  # a small key: further out first, then finer
        elif finer and step >= 10 and not decimals:
            step, reach, finer = step / 10, 0.5, False
        else:
            break
    candidates.sort(key=lambda v: abs(v - key))
    return _pick(candidates, rng, apart=lambda a, b: abs(a - b) >= separation)


def _family_test(key: float, step: float):
    """A test of whether a made value would be the key scaled by a simple ratio (`SIMPLE_RATIOS`;
    for a key of one significant digit, "30" or "100,000", whose every neighbour is some ratio
    of it, only `FAMILY_RATIOS`): the refused bands, looked up by bisection."""
    ratios = FAMILY_RATIOS if step >= 10 and key / step < 10 else SIMPLE_RATIOS
    tolerance = 0.015
    bands = sorted((r * key * (1 - tolerance), r * key * (1 + tolerance)) for r in ratios)
    lows = [low for low, _ in bands]

    def refused(v: float) -> bool:
        i = bisect.bisect_right(lows, v) - 1
        return i >= 0 and v <= bands[i][1]

    return refused


# --------------------------------------------------------------------------------------------
# Dates


def _date_sides(fact, rng, pool, *, sentence, sentence_facts, stem_facts=()):
    value, gran = fact.value, fact.granularity
    if gran == "weekday":

        def weekday(other: Fact):
            if other.kind != "date" or other.granularity != "weekday":
                return None
            return date.fromisoformat(other.value).weekday()

        # "from Monday to ______": the days after Monday.
        low, high = _bounds(fact, sentence, sentence_facts, weekday)
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

    low, high = _bounds(fact, sentence, sentence_facts, comparable)
    published = pool.published
    if published is not None:
        cap = _sort_value(_project(published.isoformat(), shape) or "")
        # A past event keeps its choices in the past; a month-day recurs every year.
        if shape != "monthday" and cap is not None and anchor <= cap:
            high = _next(cap) if high is None else min(high, _next(cap))

    # What the stem states: "moved to November 8" leaves "8 November" no choice.
    stated = {p for f in stem_facts if f.kind == "date" and (p := _project(f.value, shape))}
    stated_days = {f.value[-5:] for f in stem_facts if f.kind == "date" and _shape(f.value) in (
        "day", "monthday")} if shape in ("day", "monthday") else set()  # fmt: skip

    def valid(iso: str) -> bool:
        v = _sort_value(iso)
        if v is None or not _inside(v, low, high) or iso == value or iso in stated:
            return False
        return iso[-5:] not in stated_days

    def near(iso: str) -> bool:
        return _distance_days(iso, value, shape) <= {"year": 12 * 365}.get(shape, 3 * 365)

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
    return anchor, _dedupe(pairs(below)), _dedupe(pairs(above)), real_keys


@lru_cache(maxsize=65536)
def _shape(value: str) -> str | None:
    if re.fullmatch(r"--\d{2}-\d{2}", value):
        return "monthday"
    if _is_day(value):
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
        return _pick(candidates, rng)
    if shape == "month":
        index = int(value[:4]) * 12 + int(value[5:7]) - 1
        for d in range(1, 13):
            i = index + direction * d
            iso = f"{i // 12:04d}-{i % 12 + 1:02d}"
            if valid(iso):
                candidates.append(iso)
        return _pick(candidates, rng)
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
    picked = _pick(candidates, rng, apart=lambda a, b: abs(a[0] - b[0]) >= 3)
    return [iso for _, iso in picked]


def _weekday_sides(value: str, rng, low=None, high=None):
    day = date.fromisoformat(value).weekday()
    below = [(i, WEEKDAY_NAMES[i]) for i in range(day) if _inside(i, low, high)]
    above = [(i, WEEKDAY_NAMES[i]) for i in range(day + 1, 7) if _inside(i, low, high)]
    rng.shuffle(below)
    rng.shuffle(above)
    return day, below, above, set()


def _time_sides(value: str, rng):
    minutes = int(value[1:3]) * 60 + int(value[4:6])
    step = next(s for s in (60, 30, 15, 5, 1) if minutes % s == 0)
    step = max(step, 5) if step < 5 and minutes % 5 else step
    sides = []
    for direction in (-1, 1):
        out, current = [], minutes
        for _ in range(12):
            if len(out) == 3:
                break
            gap = rng.choice((1, 2, 2, 3, 4, 6)) * max(step, 15 if step < 15 else step)
            gap = max(step, round(gap / step) * step)
            current += direction * gap
            if 0 <= current < 24 * 60:
                out.append((current, f"{current // 60:02d}:{current % 60:02d}"))
        sides.append(out)
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


# --------------------------------------------------------------------------------------------
# Entities


def _entity_distractors(fact, answer, rng, pool, *, stem, sentence) -> list[str]:
    """Confirmed entities of the answer's type that could be confused with it: those the
    sentence names first (the other signatories of a statement), then the article (the countries
    of its event, the cities of its region), then the rest of the registry in a seeded order.
    Within each, those closest to the answer's role first (`entities.same_kind`: a city of the
    same country, a war for a war). Never a name the stem states, one that holds the answer or
    is held by it ("Karabakh" and "Nagorno-Karabakh"), nor a person who could not have been
    there."""
    years = _years_of(sentence, pool)
    answer_lower = answer.lower()
    others = []
    for entity in sorted(pool.entities, key=lambda e: e.name):
        if entity.type != fact.unit or entity.name == fact.value:
            continue
        names = [n for n in (entity.name, *entity.aliases) if n]
        if stem and any(whole_word(n).search(stem) for n in names):
            continue
        lowered = entity.name.lower()
        if whole_word(lowered).search(answer_lower) or whole_word(answer_lower).search(lowered):
            continue
        if entity.type == "person" and not active_in(entity.name, years):
            continue
        others.append(entity)
    rng.shuffle(others)
    in_article = {name: i for i, name in enumerate(pool.entity_names)}

    def named_in_sentence(entity):
        return any(whole_word(n).search(sentence) for n in (entity.name, *entity.aliases) if n)

    others.sort(
        key=lambda e: (
            0 if sentence and named_in_sentence(e) else 1 if e.name in in_article else 2,
            not same_kind(fact.value, e.name, e.type),
        )
    )  # stable: the seeded order within each group
    return [e.name for e in others]


def _years_of(sentence: str, pool: Pool) -> tuple[int, ...]:
    """The years a sentence's event may be in: the years it states, else the article's."""
    stated = tuple(int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", sentence or ""))
    if stated:
        return stated
    if pool.years:
        return pool.years
    return (pool.published.year,) if pool.published else ()


# --------------------------------------------------------------------------------------------
# Balancing the key's rank over an article


def balance_ranks(plans: dict[str, Plan], *, seed: str) -> dict[str, int]:
    """A rank for each plan (keyed by a stable id, the fact's fingerprint) so that over the
    article each rank is used about as often: the most constrained plans first, each taking the
    least used of its feasible ranks, ties broken in an order fixed by `seed` and the id."""
    counts = [0] * CHOICES
    out = {}
    ordered = sorted(
        (key for key, plan in plans.items() if plan.ordered),
        key=lambda k: (
            len(plans[k].feasible_ranks()),
            hashlib.sha256(f"{seed}|{k}".encode()).hexdigest(),
        ),
    )
    for key in ordered:
        feasible = plans[key].feasible_ranks()
        # The article's seed too: the same fact in two articles need not prefer the same rank.
        preference = sorted(range(CHOICES), key=lambda r: rank_from_seed(f"{seed}|{key}|{r}"))
        # The least used rank; among those, the one holding the most of the article's own
        # values (a list's other items), then the seeded preference.
        best = min(
            (r for r in preference if r in feasible),
            key=lambda r: (counts[r], -plans[key].real_used(r)),
            default=None,
        )
        if best is None:
            continue
        counts[best] += 1
        out[key] = best
    return out
