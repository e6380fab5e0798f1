"""The data that flows through question generation: plain, frozen dataclasses, no ORM."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SentenceText:
    """A sentence of an article as stored: `position` is its anchor number in the reader."""

    position: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class ArticleText:
    """What generation needs to know about an article."""

    slug: str
    title: str
    outlet: str
    published: date
    sentences: tuple[SentenceText, ...]
    voice: str = "news"  # news | opinion | official
    # The outlet's short name a question credits ("Armenia's Foreign Ministry"); blank: derived
    # from `outlet` (attribution.default_attribution_name).
    attribution_name: str = ""
    # One side's loaded terms the article uses (from the glossary), each as its forms, the term
    # first: ("liberation", "liberated", "liberate"). A stem never states them in its own voice.
    contested_terms: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class KnownEntity:
    """An entity a teacher has confirmed: only these are asked about."""

    name: str
    type: str  # person | city | region | country | organisation | event
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class LibraryContext:
    """What the rest of the library offers generation: real values for distractors."""

    dates: tuple[str, ...] = ()  # ISO dates stated elsewhere in the library
    numbers: tuple[str, ...] = ()  # normalised numbers stated elsewhere
    entities: tuple[KnownEntity, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A date, number or entity stated in a sentence: `sentence.text[start:end] == text`."""

    kind: str  # date | number | entity
    sentence_position: int
    start: int
    end: int
    text: str
    value: str  # normalised: "2020-11-08", "--11-08", "2020-11", "P44D", "2908", "7000000000 USD"
    unit: str = ""
    granularity: str = ""  # day | month | year | weekday | time, for dates


@dataclass(frozen=True)
class Draft:
    """A generated question, ready to store."""

    fact: Fact
    kind: str  # date | number | entity
    mode: str  # choice | typed
    stem: str
    answer: str  # display form
    answer_normalized: str
    sentence_position: int
    sentence_text: str
    answer_start: int  # within sentence_text
    answer_end: int
    attribution: str
    quality: float
    fingerprint: str  # stable identity of the fact within the article
    choices: tuple[str, ...] = field(default_factory=tuple)  # includes the answer once
    # Drafts with the same key are siblings: from the same sentence, or one's answer stated in
    # the other's sentence (its feedback would give it away). A quiz holds at most one of a set;
    # "<article slug>:<first sentence position of the set>".
    sibling_key: str = ""


def fact_key(fact: Fact) -> tuple[int, int, int]:
    return (fact.sentence_position, fact.start, fact.end)
