"""Wrong choices a test-wise learner cannot beat, chosen deterministically.

The key's rank among the sorted choices is decided first (`ranks`: by the caller, balanced over
an article, or from the seed), then the other slots are filled, best source first:

1. the article's own comparable values (other regions' counts, other dates of the article's
   events), same kind and unit, within a plausible distance of the key;
2. values from the rest of the library that are plausibly related (`sources.distractor_pool`):
   dates inside the time window of the article's own dates (never after its publication),
   figures with the same explicit unit (a currency, a duration, a measure) and scale; a bare
   library count says nothing of what it counts and is never used;
3. values made at natural, irregular distances, at the key's precision and roundness, none a
   simple ratio of the key (×0.5, ×1.5, ×2, ±10%...), so no choice is the one the others are
   derived from (`numbers`, `dates`).

Every choice respects what the sentence says (`sentence`): a value that fell or rose from
another, a part smaller than its total, the other end of a range, a share no more than 100%, a
past year no later than the article; integers stay integers, dates stay valid dates. Entities
(`entities`) are of the answer's type, drawn from the sentence and the article first, then the
confirmed registry, never a person who could not have been there (`..entities.active_in`).

The modules: `choices` (the entry point, `make_choices` and `plan_choices`), `ranks`, `sources`,
`sentence`, `numbers`, `dates`, `entities`.
"""

from .choices import make_choices, plan_choices
from .numbers import FAMILY_RATIOS, SIMPLE_RATIOS, is_simple_ratio
from .ranks import CHOICES, Plan, balance_ranks, rank_from_seed, seeded_random
from .sentence import list_groups
from .sources import EMPTY_POOL, Pool, distractor_pool

__all__ = [
    "CHOICES",
    "EMPTY_POOL",
    "FAMILY_RATIOS",
    "SIMPLE_RATIOS",
    "Plan",
    "Pool",
    "balance_ranks",
    "distractor_pool",
    "is_simple_ratio",
    "list_groups",
    "make_choices",
    "plan_choices",
    "rank_from_seed",
    "seeded_random",
]
