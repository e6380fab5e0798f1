"""The wh-phrase that stands for the answer, by the fact's type, unit and granularity and the
preposition in front of it: "on what date", "how many civilians", "which country"."""

import re

from ..extraction import number_category
from ..types import Fact
from .answer import _EXTENT_WORDS, _Answer
from .simplify import _phrase
from .tokens import _APPROX_WORDS, _subtree, _text

# Verbs whose object is how long something went on: "lasted 44 days", "spent six months".
_DURATION_VERBS = {"last", "take", "spend", "wait", "stay", "run", "continue", "remain", "serve",
                   "endure", "operate", "work", "live", "sleep", "stand"}  # fmt: skip
_DOCUMENT_WORDS = (
    r"\b(?:Statement|Declaration|Agreement|Treaty|Accord|Charter|Protocol|Resolution)\b"
)
# Verbs of a running total: "since 1992, aid has totaled $1 billion" asks no "since when".
_CUMULATIVE_VERBS = {"total", "reach", "amount", "exceed", "surpass", "climb", "rise", "grow"}
# Words before a sum that a "how much" question does without: "an initial $250,000 in aid".
_AMOUNT_ADJECTIVES = {"initial", "additional", "further", "extra", "total", "new", "another"}
# Units written as abbreviations in the article, spelled out in a question.
_UNIT_WORDS = {"km": "kilometres", "m": "metres", "kg": "kilograms", "cm": "centimetres",
               "mm": "millimetres", "ft": "feet", "mi": "miles", "sq km": "square kilometres",
               "km2": "square kilometres", "mph": "miles per hour",
               "km/h": "kilometres per hour"}  # fmt: skip
_ENTITY_WH = {"person": "who", "city": "which city", "region": "which region",
              "country": "which country", "organisation": "which organisation",
              "event": "which event"}  # fmt: skip
_APPROX_ABOUT = re.compile(r"^(?:about|approximately|around|roughly|some|an estimated)\s", re.I)
_DATE_OPENERS = {"day": "on what date", "month": "in what month and year", "year": "in what year",
                 "time": "at what time", "range": "on what dates",
                 "weekday": "on what day of the week"}  # fmt: skip


def _wh_phrase(fact: Fact, answer: _Answer, doc, inside: set[int]) -> str | None:
    """The wh-phrase that stands for the answer ("how many civilians", "in what year"), or None
    when the fact's type and place give no natural one."""
    p = answer.prep
    if fact.kind == "date":
        if fact.unit == "relative":
            # "three years ago", "the same day": asked with the date the article resolves
            if fact.granularity in ("day", "month", "year") and p in ("", "on"):
                return _DATE_OPENERS[fact.granularity]
            return None
        if p == "when":
            return "when"
        opener = _DATE_OPENERS.get(fact.granularity)
        if fact.granularity == "time" and opener:
            opener = _with_zone(opener, fact.text)
        if opener and p in ("on", "in", "at", "during", "") and _pure(answer, inside):
            return opener if p != "during" else opener.replace("on ", "during ", 1)
        if opener and p in ("on", "in", "at", ""):
            # "at about 4:30 a.m. this morning (EDT)": asked "when", the zone would be lost
            # and the answer (shown "04:30") read in another one (rubric 3)
            zone = _ZONE_IN_PHRASE.search(_phrase_text(answer))
            if fact.granularity == "time" and zone and opener == "at what time":
                return f"{opener} {zone['zone']}"
            return "when"
        if p == "since":
            if answer.verb.lemma_ in _CUMULATIVE_VERBS:
                return None  # "since when has aid totaled ...": a running total has no start
            return (
                "since what year"
                if fact.granularity == "year" and _pure(answer, inside)
                else ("since when")
            )
        if p in ("until", "till"):
            return "until when"
        return None
    if fact.kind == "entity":
        wh = _ENTITY_WH.get(fact.unit)
        if wh is None:
            return None
        if fact.unit == "event" and re.search(_DOCUMENT_WORDS, fact.value):
            wh = "which document"  # a statement is signed, not an event
        elif fact.unit == "event" and fact.value.endswith(" Day"):
            wh = "which day"
        if p:
            return f"{p} {'whom' if wh == 'who' else wh}"
        return wh
    category = number_category(fact)
    if fact.unit == "magnitude":
        return f"{p} what magnitude" if p else None  # "measured the quake at magnitude 5.6"
    if category == "duration":
        if "-" in fact.text or fact.text.lower().startswith("the "):
            return None
        unit = fact.text.split()[-1].lower()
        if (
            p == "in"
            and unit.endswith("s")
            and not re.match(
                r"^\W*(?:nearly|almost|about|over"
                r"|more|approximately)",
                fact.text,
            )
        ):
            return f"in how many {unit}"
        if p == "" and answer.verb.lemma_ not in _DURATION_VERBS:
            return "how much time" if _pure(answer, inside) else None  # "added 2 hours"
        if p in ("for", "") and _pure(answer, inside):
            return "how long"
        return None
    noun = _noun_words(doc, answer.item, inside, keep_inside=category == "count")
    unit = _noun_words(doc, answer.item, set(), keep_inside=True, only=inside)
    if category == "count":
        if not noun:
            return None
        wh = f"how many {noun}"
        where = _place_of(doc, answer.item, inside)
        if where and where not in wh:
            wh = f"{wh} {where}"  # "how many volunteers serving in Georgia"
    elif category == "money":
        wh = "how much"
        if noun and noun.lower() not in _AMOUNT_ADJECTIVES:
            return None  # "$7 billion of aid": too many shapes
    elif category == "percent":
        wh = "what percentage"
        if noun and noun.startswith("of "):
            wh = f"what percentage {noun}"
        elif noun:
            return None
    elif category == "measure":
        if answer.dimension:
            wh = f"what {answer.dimension}"  # "at what depth", "what height did it attain"
            return f"{p} {wh}" if p else wh
        unit = _UNIT_WORDS.get(unit, unit)  # "how many km" reads as an abbreviation
        if not unit or not unit.replace(" ", "").isalpha() or len(unit) < 3:
            return None
        if noun and not noun.startswith("of "):
            return None
        wh = f"how many {unit} {noun}".strip()  # "how many hectares of farmland"
        if answer.top.i != answer.item.i and answer.top.lower_ == "away":
            wh = "how far away"  # "felt 60 miles away from the centre": how far from the centre
        elif answer.top.i != answer.item.i and answer.top.lower_ in _EXTENT_WORDS:
            wh = f"{wh} {answer.top.lower_}"  # "how many kilometres long"
        if answer.place:
            wh = f"{wh} {answer.place}"  # "how many feet above flood stage"
    else:
        return None
    if _APPROX_ABOUT.match(fact.text) and category in ("count", "money", "measure"):
        wh = "about " + wh
    return f"{p} {wh}" if p else wh


# Prepositions of a place that restricts a count ("2 airports in Fuzuli", "volunteers serving
# in Georgia"): the count is true there, not everywhere.
_PLACE_PREPS = {"in", "at", "across", "throughout", "near", "inside", "within"}
# Adverbs of a participle that only date it from when the article was written.
_NOW_WORDS = {"currently", "now", "presently", "still", "already", "today"}


def _place_of(doc, item, inside: set[int]) -> str:
    """The place a counted noun is restricted to, which `_noun_words` leaves out: a phrase
    "in <Name>" right after it, or a participle holding one ("85 Volunteers currently serving
    in Georgia" → "serving in Georgia"), without words that only date it ("currently"). ""
    when there is none."""
    nouns = [item, *(c for c in item.children if c.dep_ == "conj" and c.i in inside)]
    for noun in nouns:
        for child in noun.children:
            if child.i < noun.i or child.i in inside:
                continue
            if child.dep_ == "prep" and _named_place(child):
                return _text(doc, _subtree(child))
            if child.dep_ == "acl" and child.tag_ in ("VBG", "VBN"):
                preps = [c for c in child.children if c.dep_ == "prep" and c.i > child.i]
                others = [c for c in child.children if c not in preps and c.dep_ != "punct"]
                if (
                    len(preps) == 1
                    and _named_place(preps[0])
                    and all(c.dep_ == "advmod" and c.lower_ in _NOW_WORDS for c in others)
                ):
                    return _text(doc, {child.i} | _subtree(preps[0]))
    return ""


def _named_place(prep) -> bool:
    """Whether a prepositional phrase names a place: "in Georgia", "in Fuzuli and Zangilan"."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return (
        prep.lower_ in _PLACE_PREPS
        and len(objects) == 1
        and objects[0].pos_ == "PROPN"
        and not objects[0].like_num
        and all(t.pos_ in ("PROPN", "CCONJ", "DET", "PUNCT") or t.i == prep.i
                for t in prep.subtree)
    )  # fmt: skip


def _joins_a_word(doc, i: int, own: set[int]) -> bool:
    """Whether the punctuation at `i` is a hyphen inside a word the noun keeps
    ("Volunteer-trainees"), not one after a figure ("25-points")."""
    token = doc[i]
    return (
        token.text == "-"
        and not doc[i - 1].whitespace_
        and not token.whitespace_
        and i - 1 in own
        and i + 1 in own
        and doc[i - 1].is_alpha
        and not doc[i - 1].like_num
        and not _spelled_number_part(doc, i - 1)
    )


def _hyphen_compound(doc, i: int) -> bool:
    """Whether the token at `i` is a number or a hyphen inside a noun written with one
    ("three-pointers", after a figure of its own), not the figure itself."""
    token = doc[i]
    if token.like_num:
        return (
            not token.whitespace_
            and i + 2 < len(doc)
            and doc[i + 1].text == "-"
            and doc[i + 2].is_alpha
            and not doc[i + 2].like_num
            and i > 0
            and doc[i - 1].like_num
        )
    return token.text == "-" and i > 0 and _hyphen_compound(doc, i - 1)


def _spelled_number_part(doc, i: int) -> bool:
    """Whether the token at `i` belongs to a number spelled in several words joined by
    hyphens ("two-hundred-fifty-thousand")."""
    token = doc[i]
    return token.lower_ in ("point", "hundred", "thousand", "million", "billion") or (
        token.like_num and token.is_alpha
    )


_ZONE_AT_END = re.compile(r"\s\(?(?P<zone>[A-Z]{2,5}|(?:[A-Z][a-z]+|local) time)\)?$")


# A zone written a few words after the time, as news writes it: "4:30 a.m. this morning (EDT)".
_ZONE_IN_PHRASE = re.compile(r"\(?\b(?P<zone>[ECMPAH][SD]T|UTC|GMT|BST|CES?T|EES?T|MSK|JST)\b\)?")


def _phrase_text(answer: _Answer) -> str:
    doc = answer.top.doc
    return " ".join(doc[i].text for i in sorted(answer.indices))


def _with_zone(opener: str, text: str) -> str:
    """ "at what time" with the time zone the article gives the time in ("10:55 p.m. EDT" →
    "at what time EDT", "14:30 local time" → "at what local time"): the answer is shown
    without it, and a clock time without its zone is not one moment."""
    m = _ZONE_AT_END.search(text)
    if not m:
        return opener
    zone = m["zone"]
    if zone.endswith(" time"):
        return opener.replace("what time", f"what {zone}")
    return f"{opener} {zone}"


def _pure(answer: _Answer, inside: set[int]) -> bool:
    """Whether the answer's phrase is the fact and nothing more ("on 8 November 2020", not
    "on 8 November 2020 and in 2021" nor "in the war of 2020")."""
    words = answer.indices - {answer.top.i} - inside
    return all(answer.top.doc[i].is_punct or answer.top.doc[i].dep_ == "det" for i in words)


def _noun_words(doc, item, inside: set[int], keep_inside=True, only=None) -> str:
    """The counted noun phrase without the figure: "about 250 science investigations" →
    "science investigations", "12 civilians, 2 of them minors" → "civilians". Without
    `keep_inside`, the fact's own words go too ("18 million manat for repairs": "for
    repairs"); with `only`, only those words count ("12.9 billion cubic metres": "cubic
    metres")."""
    # (a noun coordinated inside the fact stays: "85 Volunteers and Volunteer-trainees")
    own = _phrase(item, {i for c in item.children if c.dep_ in ("conj", "appos", "cc")
                         for i in _subtree(c)} - (inside if keep_inside else set()))  # fmt: skip
    if only is not None:
        own &= only
    words = []
    for i in sorted(own):
        token = doc[i]
        if i in inside and not keep_inside:
            continue
        if _hyphen_compound(doc, i):
            words.append(i)  # "five three-pointers": the noun's own number stays
            continue
        if (i in inside or only is not None) and (
            token.like_num
            or token.lower_ in _APPROX_WORDS
            or (token.is_punct and not _joins_a_word(doc, i, own))
            or token.lower_ in ("hundred", "thousand", "million", "billion", "trillion", "half")
            or _spelled_number_part(doc, i)
        ):
            continue
        if token.dep_ == "advmod" and i > item.i:
            continue  # "13 deaths already": the adverb is the clause's, not the noun's
        if token.dep_ in ("det", "quantmod", "advmod") and i < item.i and not words:
            continue  # "the", "only 680 families"
        if token.dep_ == "acl" and i > item.i and token.head.i == item.i:
            break  # "Volunteers serving in Georgia": a participle's phrase is cut, so it goes
        if token.dep_ == "prep" and i > item.i and token.lower_ not in ("of", "with"):
            break  # "286 villages from occupation": the verb's, misread as the noun's
        words.append(i)
    return _text(doc, words)
