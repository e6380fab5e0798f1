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
past year no later than the article; integers stay integers, dates stay valid dates. A bound
("over 60 miles") gets no choices, an estimate ("about 24 hours") keeps them 10% apart, and a
value the article states of the key's own event in another sentence is never a wrong choice;
nor is any date near a key whose event the article says recurred ("third in a row"), nor a
year the article gives another event of the key's kind (clashes in 2020, an operation in 2023),
nor a figure it gives the same person in the same unit. A past event's dates, month-days too,
are no later than the article (a future one's may be); an event reported on the article's own
day, or a year of an event held every year (a championship), gets no choices. Choices share the
key's roundness: times keep its minutes (04:30 with 03:30, 06:30), an estimate's are multiples
of five ("approximately 85", not 104), a power of ten gets a round neighbour (10: 30).

Of the sets the values allow, the one picked at a rank is one a blind guesser cannot read
(`ranks.blind_proof`): the key neither set apart at an end nor the start or centre of an evenly
spaced run, no figure of its digits reordered; and, where the values allow, one whose roundness
does not single the key out (`ranks.roundness_matched`: "10 November" with another round day, a
"10" with a 30, a 286 not alone among round figures), whose figures are not most of them simple
steps from the key (`ranks.derived_from_key`) and that is no constant ladder (10 / 20 / 30 / 40).
A rank at which no set matches the key's roundness is not taken when another rank has one (a
"10" never tops 2, 3 and 7). A key of one leading 1 ("10 meters") gets choices of its own scale
(13, 16, 30), not 30, 40 and 60.

Entities (`entities`) are of the answer's type and kind (a war for a war, a document for a
document), of its area (a Karabakh town, a neighbouring country), a country only one the
article names (the parties to its event, not the registry's), never one the stem names or
implies by a demonym, nor a person who could not have been there (`..entities.active_in`) or
who acts for a state the sentence does not name, nor the other side of a conflict the stem ties
the role to ("interfere in Azerbaijan's war": not Armenia); with too few, none (a typed
question).

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
