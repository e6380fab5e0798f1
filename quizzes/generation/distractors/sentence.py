"""What the source sentence says about a key: the lists it is an item of, and the bounds the
sentence sets on its value (the other end of a range, a total a part belongs to)."""

import re

from ..extraction import number_category
from ..types import Fact

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


_FALL = r"(?:fell|dropped|declined|decreased|shrank|sank|slipped|plunged|plummeted|went down|was cut|were cut|cut|reduced|lowered|down)"
_RISE = r"(?:rose|increased|grew|climbed|jumped|soared|went up|was raised|were raised|raised|up)"
_PART = r"(?:,?\s*(?:including|of whom|of which|among them|among whom)\s+)"


def sentence_bounds(fact: Fact, sentence: str, sentence_facts, value_of) -> tuple:
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


def inside(v, low, high) -> bool:
    return (low is None or low < v) and (high is None or v < high)
