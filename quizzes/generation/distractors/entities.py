"""Wrong entities: confirmed entities of the answer's type and kind, in its role, the sentence's
and the article's first; never one the stem names (by name, alias or demonym), nor a person who
could not have been there or who acts for a state with no part in the sentence's event."""

import re

from ..entities import (
    PERSON_COUNTRY,
    active_in,
    countries_named,
    entity_kind,
    same_area,
    same_kind,
)
from ..extraction import whole_word
from .sources import Pool

# A role only the sides of a war can hold: a country on the same side would be right too, one
# on neither side is no plausible choice, and the other side is the only one left (none at all
# when the stem names it), so the question has no fair distractors.
_TWO_SIDED_ROLE = re.compile(
    r"\b(?:accept\w* (?:its |their )?defeat|surrender\w*|capitulat\w*|(?:lost|won) the war"
    r"|(?:was|were) defeated|signed (?:its|their) surrender|wag(?:ed|es|ing) (?:a |the )?war"
    r"|f(?:ought|ights?) (?:a |the )?war|went to war|declared war)\b",
    re.I,
)


# A stem that ties a role to one side of a conflict by a possessive: "in Azerbaijan's war",
# "Armenia's offensive". The other side is then no plausible choice for that role.
_ONE_SIDE = re.compile(
    r"\b([A-Z][\w-]*(?: [A-Z][\w-]*)?)['’]s\s+[“\"]?(?:war|wars|offensive|counter-offensive|"
    r"operation|counter-operation|attacks?|campaign|victory|army|armed forces|forces|troops)\b"
)
_CONFLICT = re.compile(
    r"\b(?:war|wars|clash(?:es)?|fighting|attacks?|offensive|operation|counter-operation|"
    r"aggression|occupation|occupied|hostilities|conflict|ceasefire|defeat(?:ed)?|invasion)\b",
    re.I,
)


def _other_side(stem: str, pool: Pool, countries) -> set[str]:
    """The country on the other side of the conflict `stem` ties its role to ("Azerbaijan's
    war"): the one the article names with that side in the most sentences about fighting, at
    least two and more than any other; none when the article says no more."""
    match = _ONE_SIDE.search(stem or "")
    if not match or not pool.sentences:
        return set()
    sides = countries_named(match.group(1), countries)
    if len(sides) != 1:
        return set()
    counts: dict[str, int] = {}
    for text in pool.sentences.values():
        if not _CONFLICT.search(text):
            continue
        named = countries_named(text, countries)
        if sides <= named:
            for country in named - sides:
                counts[country] = counts.get(country, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return set()
    return {ranked[0][0]}


# A country as the partner of a bilateral programme, agreement or aid ("a compact with ______",
# "assistance to ______"): only a country that could be party to the same programme is a fair
# choice, and one the article names in that role is the only sure one.
_PARTNER_BEFORE = re.compile(
    r"\b(?:compacts?|agreements?|accords?|partnerships?|memorand(?:um|a)|deals?|treaty|treaties|"
    r"grants?|loans?|aid|assistance|cooperation|programmes?|programs?|partnered|signed)\b"
    r"[^.;:]{0,40}?\b(?:with|to)\s+(?:the\s+)?$",
    re.I,
)


def _partners_named(pool: Pool, countries) -> set[str]:
    """The countries the article names as the partner of a programme or agreement."""
    found = set()
    for text in pool.sentences.values():
        for name, aliases in countries:
            for n in (name, *aliases):
                if n and any(
                    _PARTNER_BEFORE.search(text[: m.start()]) for m in whole_word(n).finditer(text)
                ):
                    found.add(name)
    return found


def entity_distractors(fact, answer, rng, pool, *, stem, sentence) -> list[str]:
    """Confirmed entities that could be confused with the answer, best first: those the
    sentence names (the other signatories of a statement), then the article, then the rest of
    the registry in a seeded order; within each, those closest to the answer's role first
    (`entities.same_kind`).

    Only entities of the answer's type and kind (`entities.entity_kind`: a war for a war, never
    a statement or a holiday), of its area (`entities.same_area`: a Karabakh town for a Karabakh
    town, a neighbouring country for a country). Never a name the stem states, as written, as
    an alias or as a demonym ("American firms": not the United States); never one that holds
    the answer or is held by it ("Karabakh" and "Nagorno-Karabakh"). A person must have been in
    public life then (`entities.active_in`); when the sentence names states, one of them must
    be the person's (only the heads of the states party to a statement signed it); when the
    stem names the answer's state ("who signed for Russia?"), the person's state must be the
    answer's too. When the stem ties the role to one side of a conflict ("Azerbaijan's war"),
    the article's other side is no choice (`_other_side`). A country for a role only the sides
    of a war hold ("which country accepted
    defeat after the Azerbaijani army ...?", "which country waged war with restraint?") gets
    none. A partner of a programme or agreement ("a compact with ______") gets only the
    countries the article names as partners of one (`_PARTNER_BEFORE`). Any other country
    must be one the article names (`Pool.entity_names`): the parties to its event, not
    "Russia, Iran, Georgia" from the registry as attackers of Ganja; with fewer than three, a
    typed question."""
    registry = {e.name: e for e in pool.entities}
    answer_entity = registry.get(fact.value)
    aliases = answer_entity.aliases if answer_entity else ()
    kind = entity_kind(fact.value, fact.unit, aliases)
    countries = [(e.name, e.aliases) for e in pool.entities if e.type == "country"]
    stem_countries = countries_named(stem, countries) if stem else set()
    sentence_countries = countries_named(sentence, countries) if sentence else set()
    if fact.unit == "country" and _TWO_SIDED_ROLE.search(stem or ""):
        return []
    # "Which country warned third countries not to interfere in Azerbaijan's war?": not Armenia.
    other_side = _other_side(stem, pool, countries) if fact.unit == "country" else set()
    # "MCC signed a compact with ______": the countries the article names as partners of such
    # a programme, or none (typed) rather than countries that could never be party to it.
    partners = None
    role = sentence[: fact.start] if sentence and 0 <= fact.start <= len(sentence) else ""
    if fact.unit == "country" and _PARTNER_BEFORE.search(role):
        partners = _partners_named(pool, countries)
    article_names = set(pool.entity_names)
    answer_state = PERSON_COUNTRY.get(fact.value)
    years = _years_of(sentence, pool)
    answer_lower = answer.lower()

    def named_in_sentence(entity):
        return any(whole_word(n).search(sentence) for n in (entity.name, *entity.aliases) if n)

    others = []
    for entity in sorted(pool.entities, key=lambda e: e.name):
        if entity.type != fact.unit or entity.name == fact.value:
            continue
        if entity_kind(entity.name, entity.type, entity.aliases) != kind:
            continue
        names = [n for n in (entity.name, *entity.aliases) if n]
        if stem and any(whole_word(n).search(stem) for n in names):
            continue
        if entity.type == "country" and entity.name in stem_countries | other_side:
            continue
        if partners is not None and entity.name not in partners:
            continue
        if entity.type == "country" and entity.name not in article_names:
            continue  # a country the article never names had no part in its event
        lowered = entity.name.lower()
        if whole_word(lowered).search(answer_lower) or whole_word(answer_lower).search(lowered):
            continue
        if not same_area(fact.value, entity.name, entity.type):
            continue
        if entity.type == "person" and not _plausible_person(
            entity, years, answer_state, stem_countries, sentence_countries,
            in_sentence=bool(sentence) and named_in_sentence(entity),
        ):  # fmt: skip
            continue
        others.append(entity)
    rng.shuffle(others)
    in_article = {name: i for i, name in enumerate(pool.entity_names)}
    others.sort(
        key=lambda e: (
            0 if sentence and named_in_sentence(e) else 1 if e.name in in_article else 2,
            not same_kind(fact.value, e.name, e.type),
        )
    )  # stable: the seeded order within each group
    return [e.name for e in others]


def _plausible_person(entity, years, answer_state, stem_countries, sentence_countries, *,
                      in_sentence: bool) -> bool:  # fmt: skip
    if not active_in(entity.name, years):
        return False
    state = PERSON_COUNTRY.get(entity.name)
    if answer_state and answer_state in stem_countries:
        return state == answer_state  # "who signed for Russia?": Russians only
    if sentence_countries and not in_sentence:
        return state in sentence_countries  # Erdogan signed no Azerbaijan–Armenia–Russia text
    return True


def _years_of(sentence: str, pool: Pool) -> tuple[int, ...]:
    """The years a sentence's event may be in: the years it states, else the article's."""
    stated = tuple(int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", sentence or ""))
    if stated:
        return stated
    if pool.years:
        return pool.years
    return (pool.published.year,) if pool.published else ()
