"""The key's rank among the sorted choices: from a seed, or balanced over an article.

A `Plan` holds a fact's wrong choices below and above the key; `Plan.choices(rank)` fills the
slots around the key at that rank (or the nearest rank its values allow). `balance_ranks` gives
each plan of an article a rank so that every rank is used about as often: a test-wise learner
who always picks the middle value, the largest or the smallest gains nothing.
"""

import hashlib
import random
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import combinations

from ..display import find_number_token
from ..extraction import parse_number

CHOICES = 4
SEARCH = 6  # how many of the wrong values on each side, best first, a set is picked from


def seeded_random(seed: str) -> random.Random:
    """A random generator fixed by `seed`, so the same fact always gets the same choices."""
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))


def rank_from_seed(seed: str) -> int:
    """The key's rank (0 = smallest) a fact gets when nothing balances it against others."""
    return int(hashlib.sha256(f"rank|{seed}".encode()).hexdigest()[:8], 16) % CHOICES


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
    # Values used only at a rank `below` and `above` make no blind-proof set at (finer ones).
    reserve_below: tuple[tuple[object, str], ...] = ()
    reserve_above: tuple[tuple[object, str], ...] = ()
    kind: str = "number"  # number | date: how `roundness` reads a choice

    @property
    def ordered(self) -> bool:
        return not self.unordered

    def feasible_ranks(self) -> tuple[int, ...]:
        """The ranks the key can take: those with a set a blind guesser cannot read
        (`blind_proof`) whose roundness does not single the key out (`roundness_matched`), or
        when no rank has such a set, those with a blind-proof one, or, when none has, every
        rank with values enough. `choices` takes the nearest of these to the rank asked for;
        `balance_ranks` picks among them."""
        return self._ranks

    @cached_property
    def _enough(self) -> tuple[int, ...]:
        if not self.ordered:
            return tuple(range(CHOICES))
        wrong = CHOICES - 1
        return tuple(
            r for r in range(CHOICES) if len(self.below) >= r and len(self.above) >= wrong - r
        )

    @cached_property
    def _ranks(self) -> tuple[int, ...]:
        if not self.ordered:
            return self._enough
        proof = tuple(r for r in self._enough if self._proof_pick(r) is not None)
        # Where some ranks have a set whose roundness does not single the key out, only those:
        # a "10" is the roundest of any set it tops (2, 3, 7), so it does not top one.
        matched = tuple(r for r in proof if self._proof_grades[r, False] < 4)
        return matched or proof or self._enough

    def real_used(self, rank: int) -> int:
        """How many real (article or library) values the choices at `rank` hold."""
        return min(rank, self.real_below) + min(CHOICES - 1 - rank, self.real_above)

    def choices(self, rank: int) -> tuple[str, ...]:
        if not self.ordered:
            picked = [self.answer, *self.unordered[: CHOICES - 1]]
            rng = seeded_random(f"order|{self.shuffle_seed}")
            rng.shuffle(picked)
            return tuple(picked)
        # The rank asked for when there are values enough for it and a set there a blind
        # guesser cannot read; else the nearest rank that has one (`_ranks`).
        feasible = self._ranks
        if not feasible:
            return ()
        r = min(feasible, key=lambda f: (abs(f - rank), f))
        below, above = self._pick(r)
        return tuple(c for _, c in below) + (self.answer,) + tuple(c for _, c in above)

    def _pick(self, r: int):
        """The wrong choices at rank `r`: the best-placed (earliest) of `below` and `above`
        whose set a blind guesser cannot read (`blind_proof`), else the first ones."""
        picked = self._proof_pick(r)
        if picked is None and (self.reserve_below or self.reserve_above):
            picked = self._proof_pick(r, reserve=True)
        if picked is not None:
            return picked
        wrong = CHOICES - 1
        return (
            sorted(self.below[:r], key=lambda p: p[0]),
            sorted(self.above[: wrong - r], key=lambda p: p[0]),
        )

    @cached_property
    def _proof_picks(self) -> dict:
        return {}  # (rank, reserve) -> `_find_proof_pick`: `_ranks` and `_pick` ask the same

    @cached_property
    def _proof_grades(self) -> dict:
        return {}  # (rank, reserve) -> the grade of `_find_proof_pick`'s set (0 best)

    def _proof_pick(self, r: int, *, reserve: bool = False):
        if (r, reserve) not in self._proof_picks:
            picked, grade = self._find_proof_pick(r, reserve=reserve)
            self._proof_picks[r, reserve] = picked
            self._proof_grades[r, reserve] = grade
        return self._proof_picks[r, reserve]

    def _find_proof_pick(self, r: int, *, reserve: bool = False):
        wrong = CHOICES - 1
        key_roundness = roundness(self.answer, kind=self.kind)
        below_values = self.below[:SEARCH] + _as_round(self.below[SEARCH:], key_roundness,
                                                       self.kind)  # fmt: skip
        above_values = self.above[:SEARCH] + _as_round(self.above[SEARCH:], key_roundness,
                                                       self.kind)  # fmt: skip
        if reserve:
            below_values += self.reserve_below[:SEARCH]
            above_values += self.reserve_above[:SEARCH]
        options = sorted(
            (
                (sum(i for i in low) + sum(i for i in high), low, high)
                for low in combinations(range(len(below_values)), r)
                for high in combinations(range(len(above_values)), wrong - r)
            ),
            key=lambda option: option[0],
        )
        # The best-placed set whose roundness does not single the key out, whose other figures
        # are not most of them simple steps from the key, and that is no constant ladder (10 /
        # 20 / 30 / 40); else the best-placed with the fewest of these faults, roundness first:
        # a rank is never lost to these preferences.
        best, best_grade = None, 8
        for _, low, high in options:
            below = [below_values[i] for i in low]
            above = [above_values[i] for i in high]
            keys = [k for k, _ in below + above]
            if not blind_proof(self.answer_key, keys):
                continue
            matched = roundness_matched(
                key_roundness, [roundness(c, kind=self.kind) for _, c in below + above]
            )
            grade = (not matched) * 4 + constant_ladder(self.answer_key, keys)
            if self.kind == "number":
                grade += 2 * derived_from_key(
                    self.answer_key, self.answer, [(k, c) for k, c in below + above]
                )
            if grade < best_grade:
                best = sorted(below, key=lambda p: p[0]), sorted(above, key=lambda p: p[0])
                best_grade = grade
                if not grade:
                    break
        return best, best_grade


def _as_round(pairs, key_roundness: float, kind: str) -> tuple:
    """The first of `pairs` (beyond those searched first) at least as round as the key, so a
    round key ("10 November", "2020", "640") can have a choice as round as it."""
    if key_roundness <= 0:
        return ()
    for pair in pairs:
        if roundness(pair[1], kind=kind) >= key_roundness:
            return (pair,)
    return ()


_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+(?:{_MONTH_NAMES})\b", re.I)
_MONTH_FIRST = re.compile(rf"\b(?:{_MONTH_NAMES})\s+(\d{{1,2}})\b(?!\d)", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTH_NAMES})\s+\d{{4}}\b", re.I)
_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])[:.]([0-5]\d)\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# Days of the month a reader takes for round ones.
ROUND_DAYS = frozenset((1, 10, 15, 20, 30))


@lru_cache(maxsize=65536)
def roundness(choice: str, *, kind: str) -> float:
    """How round `choice` looks to a learner guessing blind (higher is rounder): a figure's
    trailing zeros ("640" 1, "2,000" 3; "2.45" -2 for its decimals; words as their value),
    a day of the month among 1, 10, 15, 20, 30 (1, else 0), a clock time on the hour (2) or
    half hour (1), a year's trailing zeros; a month or a weekday 0."""
    if kind == "date":
        if m := _CLOCK.search(choice):
            minute = int(m.group(1))
            return 2.0 if minute == 0 else 1.0 if minute % 30 == 0 else 0.0
        if m := _DAY_FIRST.search(choice) or _MONTH_FIRST.search(choice):
            return 1.0 if int(m.group(1)) in ROUND_DAYS else 0.0
        if _MONTH_YEAR.search(choice):
            return 0.0
        if m := _YEAR.search(choice):
            return float(_trailing_zeros(int(m.group(1))))
        return 0.0
    token = find_number_token(choice)
    if token is None:
        return 0.0
    digits = token.group().replace(",", "")
    if re.fullmatch(r"\d+\.\d+", digits):
        return -float(len(digits.partition(".")[2]))
    if re.fullmatch(r"\d+", digits):
        return float(_trailing_zeros(int(digits)))
    value = parse_number(token.group())
    return float(_trailing_zeros(int(value))) if value and value == int(value) else 0.0


def _trailing_zeros(n: int) -> int:
    return len(str(n)) - len(str(n).rstrip("0")) if n else 0


def roundness_matched(key: float, wrong) -> bool:
    """Whether a set's roundness leaves the key unremarkable: not rounder than every wrong
    choice (the roundest is no sure pick), and, for a key that is not round, not less round
    than every one of them (no lone odd figure among round ones)."""
    wrong = list(wrong)
    if not wrong:
        return True
    if key > max(wrong):
        return False
    return not (key <= 0 and key < min(wrong))


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


def blind_proof(key, wrong) -> bool:
    """Whether a learner who never reads the question cannot single out `key` among the
    choices `key` and `wrong` (sort values of numbers or dates) by their shape:

    - the key at either end, set apart from the others by a gap more than twice the widest of
      theirs ("20" against 50, 60, 70);
    - the key the start or the centre of an evenly spaced run the others are not all on
      ("85" with 88 and 91; "260" with 270 and 280; 17 and 23 around "20");
    - a wrong figure written with the key's digits in another order ("58" for 85).

    All four evenly spaced at a round step (10, 20, 30, 40) single out none; evenly spaced at
    any other step (13, 15, 17, 19), they read as steps from the key."""
    k = _number(key)
    values = [_number(w) for w in wrong]
    if k is None or any(v is None for v in values) or len(values) != CHOICES - 1:
        return True
    everything = sorted([k, *values])
    gaps = [b - a for a, b in zip(everything, everything[1:], strict=False)]
    if min(gaps) <= 0:
        return True
    index = everything.index(k)
    if index in (0, len(everything) - 1):
        own = gaps[0] if index == 0 else gaps[-1]
        rest = gaps[1:] if index == 0 else gaps[:-1]
        if own > 2 * max(rest):
            return False
    widest = max(gaps)
    if widest - min(gaps) > 0.03 * widest:  # not all evenly spaced
        for a, b in combinations(values, 2):
            da, db = a - k, b - k
            if _even(da, -db) or _even(2 * da, db) or _even(da, 2 * db):
                return False
    elif not all(abs(v / widest - round(v / widest)) < 1e-6 for v in everything):
        return False  # 13, 15, 17, 19 steps from the key; 10, 20, 30, 40 are round figures
    if isinstance(key, float | int) and not isinstance(key, bool):
        digits = _digits(key)
        if len(set(digits)) > 1 and any(_digits(w) == digits for w in wrong):
            return False
    return True


# p/q with p, q <= 10, from x0.5 to x2: the factors a made figure looks scaled from the key by.
_STEP_RATIOS = sorted(
    {p / q for p in range(1, 11) for q in range(1, 11) if p != q and 0.5 <= p / q <= 2}
)


def _steps_from(base: float, base_text: str, other: float) -> bool:
    """Whether `other` reads as a simple step from `base`: `base` times p/q (p, q <= 10, x0.5 to
    x2) or one to three of the precision `base` is written at away (30: 10, 20, 40, 50, 60)."""
    r = roundness(base_text, kind="number")
    precision = 10.0**r
    tolerance = min(precision, 1.0) / 2 + 1e-9
    if any(abs(other - base * ratio) <= tolerance for ratio in _STEP_RATIOS):
        return True
    return any(abs(abs(other - base) - k * precision) <= 1e-9 for k in (1, 2, 3))


def derived_from_key(key, answer: str, wrong) -> bool:
    """Whether the key (`key`, shown as `answer`) is the one figure of a set the most others are
    simple steps from (`_steps_from`): a learner who picks the figure the others look made from
    would win. `wrong` holds (value, choice) pairs."""
    figures = [(float(key), answer), *((float(v), c) for v, c in wrong)]
    counts = [
        sum(_steps_from(base, text, other) for j, (other, _) in enumerate(figures) if j != i)
        for i, (base, text) in enumerate(figures)
    ]
    return counts[0] > max(counts[1:])


def constant_ladder(key, wrong) -> bool:
    """Whether the key and `wrong` (sort values) stand at one step from each other (10, 20, 30,
    40; 205, 225, 245, 265): a ladder a reader sees was built around the key, not found."""
    values = [_number(v) for v in (key, *wrong)]
    if any(v is None for v in values):
        return False
    values.sort()
    gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
    return min(gaps) > 0 and max(gaps) - min(gaps) <= 0.03 * max(gaps)


def _even(a: float, b: float) -> bool:
    return abs(a - b) <= 0.03 * max(abs(a), abs(b))


def _digits(value) -> list[str]:
    return sorted(re.sub(r"\D|^0+|\.?0+$", "", f"{float(value):.6f}".rstrip("0")))


def _number(key):
    """A sort value as a number on one scale: figures as they are, days by their ordinal,
    months by their count, "--11-08" within one year."""
    if isinstance(key, bool) or key is None:
        return None
    if isinstance(key, int | float):
        return float(key)
    if not isinstance(key, str):
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", key):
        return float(date(*map(int, m.groups())).toordinal())
    if m := re.fullmatch(r"--(\d{2})-(\d{2})", key):
        return float(date(2001, *map(int, m.groups())).toordinal())
    if m := re.fullmatch(r"(\d{4})-(\d{2})", key):
        return float(int(m[1]) * 12 + int(m[2]))
    if re.fullmatch(r"\d{4}", key):
        return float(key)
    return None
