"""Every stem says when (rubric point 6): a question read without its article must tell the
time it is about, or it is held back for a teacher.

A stem already says when if it holds a year, a month or a weekday ("in 2013", "on 8
November"), a named period or event ("the Second Karabakh War", "Hurricane Dean", "the
Trilateral Statement"), or if its answer is the time itself (a date question). A span ("how
long did the war last?") is told by its event, not by a date. Otherwise `time_anchor` finds one:

- a statement of how things stand ("how many Volunteers are safe?", "which country is
  providing ...?", "will benefit") holds as of the article's day: the attribution is dated
  ("According to the Peace Corps on 11 August 2008, ...");
- an event the article reports as news (the nearest date it states for the clause, in the
  sentence or earlier in its paragraph, is within two months of its publication, or it states
  none) is dated the same way;
- an event the article recalls from long before is anchored by the month its sentence states
  for the fact's own clause ("in March 2023, for how many vehicles a day did floods cut the
  road?"), else by the named event the article speaks of ("during the Second Karabakh War, how
  many civilians died?"); a date of another clause of the sentence is not used;
- a recalled event without one is left unanchored: its draft is held back.
"""

import re
from dataclasses import dataclass
from datetime import date

from .anchors import STATED_TIME, YEAR
from .display import MONTH_NAMES
from .types import ArticleText, Fact

# A named period or event: capitalised words ending in a noun that names something that
# happened once ("Second Karabakh War", "Trilateral Statement", "Agile Spirit exercise" has its
# year already), or a named storm.
_NAMED_EVENT = re.compile(
    r"\b(?:[A-Z][\w’'.-]+ (?:(?:of|and|for|the) )*)+(?:War|Wars|Championships?|Games|Olympics"
    r"|Cup|Statement|Declaration|Agreement|Treaty|Accords?|Summit|Operation|Offensive"
    r"|Revolution|Crisis|Conference|Convention|Protocol|Earthquake|Ceasefire|Armistice)\b"
    r"|\b(?:Hurricane|Typhoon|Cyclone|Tropical Storm) [A-Z][a-z]+\b"
    r"|\b\d+-day (?:war|conflict|operation|offensive)\b"
)
_LEAD = re.compile(r"^According to [^,]+, (?:citing [^,]+, )?")
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(MONTH_NAMES) + r"|Sept|" + "|".join(m[:3] for m in MONTH_NAMES) + r")\.?"
    r"(?: \d{1,2}(?:st|nd|rd|th)?,?)? ((?:19|20)\d\d)\b"
    r"|\b\d{1,2} (" + "|".join(MONTH_NAMES) + r") ((?:19|20)\d\d)\b"
)
# How far from the article's day an event may be and still be the news it reports.
_NEWS_DAYS = 62


@dataclass(frozen=True)
class TimeAnchor:
    """The stem after time anchoring: `text` (a phrase put in front when one was found),
    `anchored` (what was added, "before -> after"), `dated` (the attribution should give the
    article's date) and `unresolved` (the reason it has no time, or "")."""

    text: str
    anchored: str = ""
    dated: bool = False
    unresolved: str = ""


def says_when(text: str, *, fact: Fact) -> bool:
    """Whether the stem `text` (attribution included) already tells the time it is about: a
    year, month or weekday, a named event or period, or an answer that is the time itself, or
    a span (told by its event)."""
    if fact.kind == "date":
        return True  # a date stated only as "the same day" is held back elsewhere
    if fact.kind == "number" and fact.unit == "duration":
        return True
    body = _LEAD.sub("", text, count=1)
    return bool(STATED_TIME.search(body) or _NAMED_EVENT.search(body))


def time_anchor(
    text: str,
    *,
    article: ArticleText,
    sentence: str,
    fact: Fact,
    previous: date | None,
    event,
    safe,
) -> TimeAnchor:
    """Anchor the stem `text` in time (see the module's docstring). `event` is the article's
    named event for the sentence, asked only when needed (a function giving "during the Second
    Karabakh War", or "": a place such as "in Georgia" is no time); `safe(phrase)` says whether a phrase keeps the answer out. Never
    raises."""
    if says_when(text, fact=fact):
        return TimeAnchor(text=text)
    if is_ongoing(text):
        return TimeAnchor(text=text, anchored="(present tense) -> the article's date", dated=True)
    stated = _clause_time(article, sentence=sentence, fact=fact, previous=previous)
    if stated is None or _is_news(stated, article.published):
        return TimeAnchor(text=text, anchored="(news of the day) -> the article's date", dated=True)
    # The month the sentence states for the fact's own clause, put back; a date of another of
    # its clauses is not the time of the fact asked.
    own = clause_month(sentence, fact)
    if own and safe(own):
        phrase = f"in {own}"
    else:
        phrase = event()
        if not (phrase.startswith("during ") and safe(phrase)):
            return TimeAnchor(text=text, unresolved="(no time anchor)")
    lead = _LEAD.match(text)
    at = lead.end() if lead else 0
    rest = text[at:]
    if _common(rest):
        rest = rest[0].lower() + rest[1:]  # "the bridge", not "The bridge", after the phrase
    return TimeAnchor(text=f"{text[:at]}{phrase}, {rest}", anchored=f"(no time) -> {phrase}")


def is_ongoing(text: str) -> bool:
    """Whether the stem states how things stand or will stand ("are safe", "is providing",
    "will benefit", "has received", "remain on duty"), not only an event that happened: a
    present or future auxiliary or a present-tense verb of state. (Read from the words, not
    the parse: a stem is new text, and parsing each one would cost more than the rest of its
    anchoring; a relative clause's "are" dates a stem that did not need it, which is harmless.)"""
    body = _LEAD.sub("", text, count=1)
    return bool(_ONGOING.search(body))


_ONGOING = re.compile(
    # auxiliaries and verbs of state in the third person ("remains", never the base form a
    # past question's "did" takes: "did construction employ")
    r"\b(?:is|are|am|has|have|does|do|will|shall|remains|continues|stays|calls for)\b"
)


def _common(text: str) -> bool:
    """Whether `text` opens with a common word ("the", "how"), not a name."""
    first = text.split(" ", 1)[0]
    return first.lower() in {"the", "a", "an", "how", "what", "which", "who", "when", "where"}


def _clause_time(article: ArticleText, *, sentence: str, fact: Fact, previous) -> date | None:
    """The time the article states nearest before the fact's clause: a month and year (or a
    year) in its sentence, else in the sentences before it in its paragraph, else the last full
    date the article stated before it; None when it states none."""
    paragraph = next(
        (s.paragraph for s in article.sentences if s.position == fact.sentence_position), None
    )
    before = [
        s.text
        for s in article.sentences
        if s.position < fact.sentence_position and s.paragraph == paragraph
    ]
    for i, text in enumerate((sentence, *reversed(before))):
        for m in _MONTH_YEAR.finditer(text):
            if (i == 0 and _overlaps(m, fact)) or _MEASURED_FROM.search(text[: m.start()]):
                continue  # the answer's own date, or one the clause measures from
            return _month_start(m)
        months = [m.span() for m in _MONTH_YEAR.finditer(text)]
        for m in YEAR.finditer(text):
            if (i == 0 and _overlaps(m, fact)) or _MEASURED_FROM.search(text[: m.start()]):
                continue
            if any(a <= m.start() < b for a, b in months):
                continue  # the year of a month passed over above ("since April 2010")
            return date(int(m.group()), 7, 1)  # a year alone: its middle
    return previous


# A date the clause measures from or compares with ("the highest rise since April 2010"), not
# the time it happened.
_MEASURED_FROM = re.compile(
    r"\b(?:since|before|until|till|after|from|than|to|between|as early as)\s+(?:the\s+)?"
    r"(?:(?:early|late|mid-?|end of|beginning of|start of)\s+)?(?:\d{1,2}\s+)?$",
    re.IGNORECASE,
)


def _overlaps(m: re.Match, fact: Fact) -> bool:
    return m.start() < fact.end and fact.start < m.end()


def _month_start(m: re.Match) -> date:
    name = m.group(1) or m.group(3)
    month = next(n for n in MONTH_NAMES if n.startswith(name[:3]))
    return date(int(m.group(2) or m.group(4)), MONTH_NAMES.index(month) + 1, 1)


def clause_month(sentence: str, fact: Fact) -> str:
    """The month and year `sentence` states for the clause of `fact` ("November 2020"): a date
    phrase attached to the fact's own verb, or to the subject that verb shares with the verb it
    is joined to ("Floods in March 2023 washed away the bridge and cut the road for 9,000
    vehicles a day"); "" when the sentence dates another clause only ("Construction began on
    14 March 2023 and employed 420 workers")."""
    from .parser import parse  # generation only: the parser is loaded lazily

    doc = parse(sentence)
    at = [t for t in doc if fact.start <= t.idx < fact.end]
    if not at:
        return ""
    verb = at[0]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    shared = {verb.i, verb.head.i} if verb.dep_ == "conj" else {verb.i}  # one subject for both
    for m in _MONTH_YEAR.finditer(sentence):
        if _overlaps(m, fact) or _MEASURED_FROM.search(sentence[: m.start()]):
            continue
        token = next((t for t in doc if t.idx >= m.start()), None)
        if token is None:
            continue
        while token.dep_ in ("pobj", "nummod", "compound", "npadvmod", "appos", "nmod") or (
            token.pos_ == "PROPN" and token.dep_ != "ROOT" and token.head.idx >= m.start()
        ):
            token = token.head
        attached = token.head if token.dep_ == "prep" else token
        if attached.i == verb.i or (
            attached.dep_ in ("nsubj", "nsubjpass") and attached.head.i in shared
        ):
            start = _month_start(m)
            return f"{MONTH_NAMES[start.month - 1]} {start.year}"
    return ""


def _is_news(stated: date, published: date) -> bool:
    """Whether a time the article states is the news it reports (within `_NEWS_DAYS` of its
    day; a year alone counts when it is the article's year)."""
    if stated.month == 7 and stated.day == 1 and stated.year == published.year:
        return True
    return abs((published - stated).days) <= _NEWS_DAYS + 31


# A question for a day: "on what date", "on what day", "when".
_ASKS_A_DAY = re.compile(r"\b(?:[Oo]n what (?:date|day)|[Ww]hen)\b")


def year_of_the_day(
    text: str, *, article: ArticleText, sentence: str, fact: Fact, previous: date | None
) -> tuple[str, str]:
    """A question for a day whose answer has no year ("13 September") asked in the year it
    happened when that is the article's news: "on what date in 2023 was the base opened?". A
    day kept every year ("on what date does Turkey commemorate ...?") and a day of an older
    event (the clause's nearest stated date is not the article's news) are asked as they are.
    Returns the stem and what was added ("" if nothing)."""
    body = _LEAD.sub("", text, count=1)
    if fact.kind != "date" or not fact.value.startswith("--") or YEAR.search(body):
        return text, ""
    ask = _ASKS_A_DAY.search(text)
    if not ask or _PRESENT_AUX.search(body) or is_ongoing(text):
        return text, ""
    stated = _clause_time(article, sentence=sentence, fact=fact, previous=previous)
    if stated is not None and not _is_news(stated, article.published):
        return text, ""  # an older year the article states may be another event's ("of 1913")
    year = str(article.published.year)
    return f"{text[: ask.end()]} in {year}{text[ask.end() :]}", f"(no year) -> in {year}"


_PRESENT_AUX = re.compile(r"(?:does|do|is|are)")
