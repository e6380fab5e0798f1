"""Wrong entities: confirmed entities of the answer's type, the sentence's and the article's
first, never one the stem names nor a person who could not have been there."""

import re

from ..entities import active_in, same_kind
from ..extraction import whole_word
from .sources import Pool


def entity_distractors(fact, answer, rng, pool, *, stem, sentence) -> list[str]:
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
