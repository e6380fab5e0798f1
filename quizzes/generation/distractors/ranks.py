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
from functools import cached_property
from itertools import combinations

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

    @property
    def ordered(self) -> bool:
        return not self.unordered

    def feasible_ranks(self) -> tuple[int, ...]:
        """The ranks the key can take: those with a set a blind guesser cannot read
        (`blind_proof`), or, when no rank has one, every rank with values enough. `choices`
        honours any rank with values enough; `balance_ranks` picks among these."""
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
        return proof or self._enough

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

    def _proof_pick(self, r: int, *, reserve: bool = False):
        if (r, reserve) not in self._proof_picks:
            self._proof_picks[r, reserve] = self._find_proof_pick(r, reserve=reserve)
        return self._proof_picks[r, reserve]

    def _find_proof_pick(self, r: int, *, reserve: bool = False):
        wrong = CHOICES - 1
        below_values = self.below[:SEARCH] + (self.reserve_below[:SEARCH] if reserve else ())
        above_values = self.above[:SEARCH] + (self.reserve_above[:SEARCH] if reserve else ())
        options = sorted(
            (
                (sum(i for i in low) + sum(i for i in high), low, high)
                for low in combinations(range(len(below_values)), r)
                for high in combinations(range(len(above_values)), wrong - r)
            ),
            key=lambda option: option[0],
        )
        for _, low, high in options:
            below = [below_values[i] for i in low]
            above = [above_values[i] for i in high]
            if blind_proof(self.answer_key, [k for k, _ in below + above]):
                return sorted(below, key=lambda p: p[0]), sorted(above, key=lambda p: p[0])
        return None


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
