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


# Words that say nothing of which event a sentence is about.
_PLAIN = frozenset(re.findall(r"\w+", """
a an the and or but of in on at to from for by with as is was were are be been being has have
had it its this that these those which who whom whose than then there their they them he she his
her also after before during since about over under more most less least some any all each other
such into onto upon out up down off not no nor only own same so too very can will would could
should may might must shall said says say according reported reports including while when where
what how why per year years day days month months week weeks time times people percent around
near nearly approximately roughly almost new last first second third one two three four five
"""))  # fmt: skip
_MONTH_WORDS = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
        "saturday sunday",
    )
)


def _content_words(text: str, skip=()) -> set[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", text)}
    return {w for w in words if w not in _PLAIN and w not in _MONTH_WORDS and w not in skip}


def _names(text: str, *, first: bool = False) -> set[str]:
    """The capitalised words of `text` after its first word (with it, when `first`): its
    names, roughly."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return {
        w for w in (words if first else words[1:])
        if w[0].isupper() and w.lower() not in _MONTH_WORDS
    }  # fmt: skip


def same_subject(key_sentence: str, other_sentence: str) -> bool:
    """Whether `other_sentence` is about someone the key's sentence names and names nobody
    else: "Adams leads the tournament with 63-points" for "Donita Adams sunk 24-points" (a
    figure of the same unit there would be hers too: with no game named, defensible)."""
    if not key_sentence or not other_sentence or key_sentence == other_sentence:
        return False
    key_names = _names(key_sentence, first=True)
    other_names = _names(other_sentence, first=True) - {"Also", "It", "This", "That", "The"}
    return bool(other_names) and other_names <= key_names


def same_event(key_sentence: str, other_sentence: str, *, unit: str = "") -> bool:
    """Whether `other_sentence` (another sentence of the article) states a value of the event
    `key_sentence` states the key of, so that its value would be a second right answer: the two
    share two or more telling words beyond the value's unit, and the other names nothing the
    key's sentence does not ("Ganja was also struck by missiles on 11 October 2020" for "... the
    armed forces of Armenia attacked Ganja with ballistic missiles on 17 October"), or names
    every one of two or more parties the key's sentence names; not "In Lachin, 95 villages were
    damaged by shelling" for "In Aghdam, 120 villages were damaged by shelling": another
    region, another event."""
    if not key_sentence or not other_sentence or key_sentence == other_sentence:
        return False
    skip = {w.lower() for w in unit.split()}
    shared = _content_words(key_sentence, skip) & _content_words(other_sentence, skip)
    if len(shared) < 2:
        return False
    key_names, other_names = _names(key_sentence), _names(other_sentence)
    if other_names <= key_names | {"Also", "It", "This", "That"}:
        return True
    # The other names more, but every party of the key's event too: "Army and Navy faced each
    # other in the championship" and "Navy and Army locked a spot in the 2017 championship game".
    return len(key_names) >= 2 and key_names <= _names(other_sentence, first=True)


# A sentence that says its event happened more than once: any date near the key may be another
# of its days ("This, third in a row atrocious attack on ...").
_RECURS = re.compile(
    r"\b(?:in a row|once again|yet again|again|yet another|another such|repeated(?:ly)?"
    r"|(?:second|third|fourth|fifth|sixth|latest|new) (?:\w+ ){0,2}(?:attack|strike|shelling"
    r"|bombing|launch|raid|assault|time|wave)s?|series of)\b",
    re.I,
)


def recurs(sentence: str, following: str = "") -> bool:
    """Whether the key's `sentence`, or the sentence `following` it, says its event happened
    more than once (then a date near the key may be another of its days: no made dates)."""
    return any(_RECURS.search(text or "") for text in (sentence, following))
