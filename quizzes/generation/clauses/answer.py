"""The answer phrase: the phrase of the parse that holds the fact, the dependent of its
clause's verb that a wh-phrase replaces, and the preposition in front of it; None for a fact
that no wh-word can be moved out of (one item of a list, a noun's modifier)."""

from dataclasses import dataclass, field

from ..extraction import number_category
from ..types import Fact
from .refusals import _distance_in_time, _fact_root
from .simplify import _naming, _phrase
from .tokens import _NOMINAL, _TIME_NOUNS, _list_head, _subtree, fact_tokens

# The relations by which an answer phrase hangs from its clause's verb; anything deeper is an
# island (a noun's modifier, a participle phrase) that a wh-word cannot be moved out of.
_ATTACH_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "dative", "oprd", "npadvmod", "prep",
                "agent", "advmod", "pobj", "acomp"}  # fmt: skip
# Prepositions a wh-phrase cannot be asked with: "with 30 combatants killed", "than 2020".
_NO_QUESTION_PREPS = {"with", "including", "than", "like", "despite", "after", "before", "as",
                      "among", "besides", "except", "amid", "unlike", "following",
                      "beyond"}  # fmt: skip
# Prepositions a measure says how far: "10 feet above flood stage", "260 miles above the ocean".
_RELATIVE_PLACES = {"above", "below", "beneath", "under", "over", "beyond", "behind", "ahead"}
# Nouns a measure can be the value of: "a depth of 24.4 km" is asked "at what depth".
_DIMENSION_NOUNS = {"depth", "height", "altitude", "length", "distance", "width", "speed",
                    "elevation", "range", "radius", "diameter", "area", "weight"}  # fmt: skip
_EXTENT_WORDS = {"away", "long", "high", "wide", "deep", "tall", "far", "thick"}
_QUANTITY_NOUNS = {"group", "total", "number", "crowd", "delegation", "team", "convoy",
                   "contingent", "fleet", "batch", "family", "families"}  # fmt: skip


@dataclass
class _Answer:
    item: object  # the head of the answer's own noun phrase
    top: object  # the dependent of the clause's verb that holds it (a preposition, or the NP)
    prep: str  # the preposition in front of the answer, "" if none; "when" for time phrases
    indices: set  # what the wh-phrase replaces
    verb: object = None  # the verb of the clause it belongs to
    extra: set = field(default_factory=set)  # the clause's phrases the parser hung on it
    dimension: str = ""  # "depth" of "at a depth of 24.4 km": asked "at what depth"
    place: str = ""  # "above flood stage" of "10 feet above flood stage": asked with the figure


def _answer(doc, fact: Fact, siblings: tuple[Fact, ...]) -> _Answer | None:
    """The answer's phrase in the parse, or None when the fact is part of a name, a noun's
    modifier, or one name in a list."""
    tokens = fact_tokens(doc, fact)
    root = _fact_root(tokens)
    if root is None:
        return None
    inside = {t.i for t in tokens}
    item = root
    if fact.kind == "number" and _distance_in_time(root):
        return None  # "18 months after floods destroyed it": no event lasted 18 months
    if root.dep_ == "nummod" and root.head.i not in inside:
        # a figure whose noun extraction left outside ("about 250 [science investigations]")
        if fact.kind != "number" or number_category(fact) != "count":
            return None
        item = root.head
    elif root.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "quantmod", "npadvmod") and (
        root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in inside
    ):
        return None  # "the Ganja city", "Azerbaijan's war", "the 44-day war"
    # A list: "5 cities, 4 towns, and 286 villages" (the parser may read an item as an
    # apposition). An apposition that is no list describes: "the city of Karabakh, Shusha".
    head = _list_head(item)
    if (
        item.dep_ == "appos"
        and _naming(item)
        and head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.pos_ == "NOUN"
    ):
        head = head.head.head  # "the symbol city of Karabakh, Shusha": Shusha names the city
    members = _coordinated(head)
    if members:
        others = [
            s
            for s in siblings
            if s.kind == fact.kind
            and any(
                m.i != item.i and any(s.start <= t.idx < s.end for t in _own(m))
                for m in (head, *members)
            )
        ]
        if fact.kind in ("entity", "date"):
            return None  # one name of a list, or one of several dates, is not the answer
        if others and item.dep_ == "appos" and head.pos_ == "PROPN":
            return None
    if (
        fact.kind == "number"
        and head.dep_ == "pobj"
        and head.head.lower_ == "including"
        and head.head.head.pos_ in ("NOUN", "PROPN")
    ):
        # "2,146 residents were evacuated, including 517 children": so were the children
        head = head.head.head
        if head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None  # "evacuated from 38 villages, including ...": read as the villages'
    top, prep = head, ""
    if (
        fact.kind == "number"
        and number_category(fact) == "measure"
        and top.dep_ == "npadvmod"
        and top.head.lower_ in _EXTENT_WORDS
    ):
        top = top.head  # "is about 1,000 kilometres long": the answer is "how many ... long"
    if (
        fact.kind == "number"
        and top.dep_ == "pobj"
        and top.head.lower_ == "of"
        and top.head.head.lower_ in _QUANTITY_NOUNS
    ):
        top = top.head.head  # "a group of 150 displaced people": the group is the figure
    dimension = place = ""
    if (
        fact.kind == "number"
        and number_category(fact) == "measure"
        and top.dep_ == "npadvmod"
        and top.head.lower_ in _RELATIVE_PLACES
        and top.head.dep_ == "prep"
        and top.head.i > max(t.i for t in tokens)
        and any(c.dep_ == "pobj" for c in top.head.children)
    ):
        # "was 10 feet above flood stage" → "how many feet above flood stage was ...?"
        outer = top.head
        place = " ".join(t.text for t in outer.subtree if t.i >= outer.i and not t.is_punct)
        top = outer
    if (
        fact.kind == "number"
        and number_category(fact) == "measure"
        and top.dep_ == "pobj"
        and top.head.lower_ == "of"
        and top.head.head.lower_ in _DIMENSION_NOUNS
        and top.head.head.dep_ in ("pobj", "dobj", "attr")
        and all(c.dep_ in ("det", "prep") for c in top.head.head.children)
    ):
        # "was at a depth of 24.4 km", "attained a height of 10 meters": the dimension is asked
        top, dimension = top.head.head, top.head.head.lower_
    if top.dep_ == "pobj" and top.head.dep_ in ("prep", "agent"):
        prep, top = top.head.lower_, top.head
        outer = top.head
        if (
            fact.kind == "date"
            and outer.lower_ in _TIME_NOUNS
            and outer.dep_ == "pobj"
            and outer.head.dep_ == "prep"
        ):
            prep, top = "when", outer.head  # "on the night of 17 October"
    if top.dep_ not in _ATTACH_DEPS or prep in _NO_QUESTION_PREPS:
        return None
    if (
        fact.kind == "date"
        and not prep
        and fact.unit != "relative"
        and not _bare_day_of_a_verb(fact, top)
    ):
        return None  # a date as a subject or a bare modifier: no "when" stands for it
    indices = _subtree(top)
    for t in tokens:
        indices |= _subtree(t)
    extra: set[int] = set()
    if top.lower_ in _EXTENT_WORDS and top.i != item.i:
        # "felt 60 miles away from the centre": the centre stays in the question
        for child in top.children:
            if child.dep_ == "prep":
                extra |= _phrase(child, set())
        indices -= extra
    if fact.kind == "date" or number_category(fact) in ("duration", "money"):
        # "for 30 years from Karabakh", "in 44 days in the war", "$250,000 in emergency
        # assistance to Georgia": the parser hangs the verb's
        # phrases on the time noun; they are the clause's, not the answer's
        for child in item.children:
            if child.dep_ == "prep" and child.i > item.i and child.lower_ != "of":
                extra |= _phrase(child, set())
        indices -= extra
    if number_category(fact) == "money":
        # "announced $20 million for Armenia": whom the money is for is the clause's, and the
        # question names it ("How much did the department announce for Armenia?")
        for child in item.children:
            if child.dep_ == "prep" and child.i > item.i and child.lower_ in ("for", "to"):
                extra |= _phrase(child, set())
        indices -= extra
    verb = top.head
    timed = fact.kind == "date" or number_category(fact) == "duration"
    if (
        timed
        and top.dep_ == "prep"
        and verb.pos_ == "NOUN"
        and verb.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
        and prep in ("on", "in", "at", "during", "for", "over", "since")
    ):
        verb = verb.head  # "launched an operation on 19 September": the launch's date
    return _Answer(item=item, top=top, prep=prep, indices=indices, verb=verb, extra=extra,
                   dimension=dimension, place=place)  # fmt: skip


def _bare_day_of_a_verb(fact: Fact, top) -> bool:
    """Whether a full day hangs from its verb with no preposition, as American reports write
    it ("The funding, announced August 11th by USAID, ...", "the mission ended Monday, May
    4"): it says when the verb happened, as "on" would."""
    return (
        fact.granularity == "day"
        and top.dep_ in ("npadvmod", "dobj")
        and top.head.pos_ == "VERB"
        and top.head.tag_ in ("VBN", "VBD")
        and top.i > top.head.i
        and top.i == top.head.i + 1
    )


def _coordinated(head) -> list:
    """The other items of the list `head` opens: its conjuncts and list-like appositions, and
    theirs."""
    found, todo = [], [head]
    while todo:
        node = todo.pop()
        for child in node.children:
            if child.dep_ in ("conj", "appos") and child.pos_ in _NOMINAL and not _naming(child):
                found.append(child)
                todo.append(child)
    return found


def _own(token) -> list:
    """A list item's own tokens, without the items that hang from it."""
    skip = set()
    for child in token.children:
        if child.dep_ in ("conj", "appos", "cc", "punct"):
            skip |= _subtree(child)
    return [t for t in token.subtree if t.i not in skip]
