"""The key's rank among the sorted choices: from a seed, or balanced over an article.

A `Plan` holds a fact's wrong choices below and above the key; `Plan.choices(rank)` fills the
slots around the key at that rank (or the nearest rank its values allow). `balance_ranks` gives
each plan of an article a rank so that every rank is used about as often: a test-wise learner
who always picks the middle value, the largest or the smallest gains nothing.
"""

import hashlib
import random
from dataclasses import dataclass

CHOICES = 4


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
