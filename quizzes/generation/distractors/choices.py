"""The entry point: a fact's four choices (`make_choices`), or the plan they are picked from
(`plan_choices`) when the caller balances ranks over an article."""

import re
from functools import lru_cache

from ..types import Fact
from .dates import date_sides
from .entities import entity_distractors
from .numbers import number_sides
from .ranks import CHOICES, Plan, rank_from_seed, seeded_random
from .sources import EMPTY_POOL, Pool


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
        wrong = entity_distractors(fact, answer, rng, pool, stem=stem, sentence=sentence)
        if len(wrong) < CHOICES - 1:
            return None
        return Plan(answer=answer, unordered=tuple(wrong), shuffle_seed=seed)
    if fact.kind == "date":
        sides = date_sides(
            fact, rng, pool, sentence=sentence, sentence_facts=sentence_facts,
            stem_facts=stem_facts,
        )  # fmt: skip
    else:
        sides = number_sides(
            fact, answer, rng, pool, sentence=sentence, sentence_facts=sentence_facts,
            stem_facts=stem_facts,
        )  # fmt: skip
    if sides is None:
        return None
    answer_key, below, above, real, *rest = sides
    below = _clean(below, answer, stem)
    above = _clean(above, answer, stem, taken={c for _, c in below})
    reserve_below, reserve_above = rest[0] if rest else ((), ())
    taken = {c for _, c in (*below, *above)}
    reserve_below = _clean(reserve_below, answer, stem, taken=taken)
    reserve_above = _clean(reserve_above, answer, stem, taken=taken | {c for _, c in reserve_below})
    plan = Plan(
        answer=answer, below=tuple(below), above=tuple(above), answer_key=answer_key,
        real_below=sum(1 for k, _ in below if k in real),
        real_above=sum(1 for k, _ in above if k in real),
        reserve_below=tuple(reserve_below), reserve_above=tuple(reserve_above),
        kind=fact.kind,
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
