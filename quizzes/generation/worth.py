"""Whether a draft asks a fact worth learning, in plain words (RUBRIC.md points 8 and 1).

A few general rules, each read from the fact, the stem, the sentence and the article, tell a
draft a learner gains little from: an answer the title or the stem's own names give away, an
evaluative claim rather than a fact, a number used as a figure of speech, a "how much" that
says not for what, a question about the article's own telling, the minute of a routine
operation, one game's score or one player's tally, the dates of a visit whose purpose the
question leaves out, a rite of a commemoration, a date the sentence gives only as "the same day", an entity shown
by a name the sentence does not use, a count the stem's own list of items gives away, a
clock time without the zone the sentence states, a national day without its country, an
interim figure without its as-of date. A draft one of them catches is
capped below the publishing threshold, not dropped: a teacher can still review and publish it.
The day of one gauge reading ("on what date was the river 10 feet above flood stage?") is
left alone: judges split on it, and capping a good question costs more than missing trivia.
"""

import re
import unicodedata

from .types import ArticleText, Fact

# Below the publishing threshold (0.6), as context.UNRESOLVED_CAP: a teacher sees the draft,
# `make run` does not publish it.
WORTH_CAP = 0.45

_ATTRIBUTION = re.compile(r"^According to [^,]+,(?: citing [^,]+,)?\s*")

# Opinion and abstract nouns, and adjectives of praise or blame: a stem resting on one asks
# for a side's judgement ("waged war with maximum humanitarian restraint"), not a fact.
_EVALUATIVE = re.compile(
    r"\b(?:restraint|(?<!medical )attention|commitment|determination|heroism|bravery|courage|dignity|glory"
    r"|pride|resilience|gratitude|patriotism|tense|heroic|brave|glorious|proud|brutal|barbaric"
    r"|cowardly|treacherous|shameful|magnificent|unprecedented|remarkable|self-sacrificing"
    r"|valiant|noble|heinous|vile|steadfast|resolute|unwavering|unshakable|unbreakable"
    r"|indomitable|defiant)\b",
    re.IGNORECASE,
)
# "The situation in X remains tense": a state with no event, no date, nothing to remember.
_VAGUE_STATE = re.compile(r"\bthe situation\b[^?]*\b(?:remains?|is|was|stays?)\b", re.IGNORECASE)

# What a duration "of" names when it is rhetoric rather than a measured span ("44 days of
# diplomatic attacks", "30 years of occupation"): an abstract noun, or a concrete one used
# figuratively by its qualifier.
_FIGURATIVE_SPAN = re.compile(
    r"\s+of\s+(?:(?:diplomatic|political|information|media|verbal|propaganda|psychological)"
    r"\s+(?:attacks?|war|warfare|aggression|pressure|strikes?)"
    r"|(?:\w+\s+)?(?:occupation|injustice|suffering|oppression|humiliation|silence|lies"
    r"|slander|propaganda|pain|patience|waiting|neglect|isolation|hatred|struggle|exile))\b",
    re.IGNORECASE,
)
_SPANS = r"(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies))"
_DURATION = re.compile(rf"\b{_SPANS}\b", re.IGNORECASE)
# The figure stated in the stem itself: "which country had to endure 44 days of diplomatic
# attacks?" asks about the rhetoric whichever of its facts is the answer.
_FIGURE_IN_STEM = re.compile(rf"\b[\w-]+[ -]{_SPANS}{_FIGURATIVE_SPAN.pattern}", re.IGNORECASE)

# Verbs of giving or announcing that need an object or recipient: "how much did the State
# Department announce?" ends where the question should say for what or for whom.
_GIVING = (
    r"(?:announce|provide|pledge|give|allocate|spend|receive|donate|raise|pay|commit|approve"
    r"|invest|earmark|send|offer|grant|lend|contribute|award|request|seek|transfer)"
)
_BARE_AMOUNT = re.compile(
    rf"\bhow (?:much|many)\b(?: money| funding| aid| assistance)?"
    rf"(?: (?:did|does|do|has|have|had|will|would|was|were|is|are)\b[^?]*?)?"
    rf"\s{_GIVING}(?:d|ed|s|n)?\s*\?$",
    re.IGNORECASE,
)
# "how many" straight before a verb counts nothing named: "how many were killed?".
_UNCOUNTED = re.compile(r"\bhow many (?:were|was|are|is|did|do|have|had|has)\b", re.IGNORECASE)

# Verbs of the article's own telling: where attention was focused, what a speaker stressed.
_TELLING = re.compile(
    r"\b(?:focus(?:ed|sed)?|not(?:e|ed)|highlight(?:ed)?|stress(?:ed)?|emphasi[sz]e[ds]?"
    r"|recall(?:ed)?|underline[ds]?|pointed out|point out|reiterate[ds]?|mention(?:ed)?"
    r"|remind(?:ed)?)\b",
    re.IGNORECASE,
)
# "report" is the telling only when the answer is not the count reported: "how many cases did
# the ministry report?" asks the cases, "when did the ministry report ...?" the press release.
_REPORTING = re.compile(r"\breport(?:ed|s)?\b", re.IGNORECASE)

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

# A state and nothing else: "which country remained steadfast?", "______ stayed silent." names
# no event, no time, no place, only how a side is said to have been.
_BARE_STATE = re.compile(
    r"^(?:(?:which|what)(?: \w+)?|who|______) (?:remain|stay|prove|seem|appear)(?:ed|s)?"
    r"(?: \w+ly)? [\w-]+[?.]$",
    re.IGNORECASE,
)

# The minute of an event is worth remembering only when the minute is its point: a ceasefire
# or curfew that binds from then, a disaster or an attack that struck then. A docking, a hatch
# opening, a spacewalk's end, a broadcast happen at a scheduled minute nobody needs to know.
_TIMED_BY_THE_CLOCK = re.compile(
    r"\b(?:cease-?fires?|truces?|armistice|curfews?|deadlines?|ultimatums?|humanitarian pauses?"
    r"|lockdowns?|(?:took|take|takes|taken|went|go|goes|gone|come|came|comes) (?:into )?effect"
    r"|(?:enter(?:ed|s)?|came|come|comes) into force|expire[ds]?|polls?"
    r"|earthquakes?|quakes?|tremors?|tsunamis?|landfall|eruptions?|explosions?|blasts?"
    r"|attack(?:ed|s)?|struck|strikes?|shelling|bombing|shot|fired)\b",
    re.IGNORECASE,
)

# A game's result or a player's tally, in an article or sentence about sport: one game of a
# tournament is trivia unless it decides the title.
_SPORT = re.compile(
    r"\b(?:basketball|football|soccer|volleyball|handball|hockey|baseball|softball|rugby"
    r"|cricket|tennis|tournaments?|league|playoffs?|games?|match(?:es)?|innings)\b",
    re.IGNORECASE,
)
_TALLIES = {
    "score", "points", "point", "three-pointers", "rebounds", "assists", "steals", "blocks",
    "goals", "touchdowns", "yards", "runs", "wickets", "strikeouts", "saves", "aces", "baskets",
    "free throws",
}  # fmt: skip
_DECIDES_THE_TITLE = re.compile(
    r"\b(?:finals?|(?:championship|title|gold[- ]medal) (?:game|match|bout)|grand final"
    r"|won the (?:championship|title|cup|trophy))\b",
    re.IGNORECASE,
)

# "On what dates did the commander visit Armenia?": the visit's point (to open a headquarters,
# for talks) is what a learner would remember, and the question stops at the place.
_BARE_VISIT = re.compile(
    r"\bvisit(?:ed|s)?(?: (?:the )?[A-Z][\w'’.-]*(?: (?:of |and |in |the )?[A-Z][\w'’.-]*)*)?"
    r"(?: on ______)?[?.]$"
)

# The rites of a commemoration: which day the bells rang, when the sirens sounded.
_RITE = re.compile(
    r"\b(?:(?:rang|ring|rings|rung|tolled|toll) (?:\w+ )?bells?|bells? (?:rang|rung|rings?|tolled)"
    r"|sirens? (?:sounded|wailed|sound)|sounded (?:\w+ )?sirens?|laid (?:\w+ )?wreaths?"
    r"|wreaths? (?:were|was) laid|lit (?:\w+ )?candles?|candles? (?:were|was) lit"
    r"|(?:minute|moment)(?:'s|’s)? (?:of )?silence|fireworks|gun salute|half[- ]mast)\b",
    re.IGNORECASE,
)


# A date the sentence states only from another one ("on the same day", "that day", "the next
# day"): the sentence shown as feedback cannot answer "on what date ...?" (rubric 2).
_DATE_FROM_ANOTHER = re.compile(
    r"\b(?:(?:the|that) (?:same )?(?:day|morning|afternoon|evening|night)"
    r"|the (?:next|following|previous|preceding) (?:day|morning|evening|night)"
    r"|the day (?:before|after)|(?:a|one|two|three|four|five|\w+) days? (?:later|earlier|before|after))\b",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|today|yesterday|tonight)",
    re.IGNORECASE,
)

# A count asked of items the stem lists: "how many airports in Fuzuli and Zangilan ...?" is
# answered by counting the names. Two to nine capitalised names joined by commas and "and"/"or".
_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*"
_LISTED = re.compile(rf"\b{_NAME}(?:, {_NAME})*,? (?:and|or|&) {_NAME}")

# A clock time's zone: "4:30 a.m. EDT", "(UTC)", "UTC+4" ("local time" is how a bare time reads).
_ZONE = re.compile(
    r"\b(?:[ECMPAH][SD]T|UTC(?:[+-]\d{1,2})?|GMT(?:[+-]\d{1,2})?|BST|CES?T|EES?T|WES?T|MSK|JST|KST"
    r"|IST|AES?T|AEDT|AZT|AMT|SGT|HKT|Moscow time|Baku time|Greenwich Mean Time"
    r"|(?:Eastern|Central|Mountain|Pacific) (?:Standard |Daylight )?Time)\b"
)

# A day many countries keep under one name: "which day was declared Victory Day?" asks whose.
_NATIONAL_DAY = re.compile(
    r"\b(?:Victory|Independence|National|Republic|Constitution|Liberation|Unity|Flag|Remembrance"
    r"|Memorial|Armed Forces|Army|Navy|Statehood|Sovereignty|Martyrs['’]?|Heroes['’]?|Veterans['’]?"
    r"|Revolution|Freedom|Solidarity|Restoration of Independence) Day\b"
    r"|\b(?:national|public) (?:holiday|day of \w+)\b"
    r"|\banniversary of (?:the )?(?:victory|independence|liberation|the country['’]s)\b",
    re.IGNORECASE,
)
_NOT_A_PLACE = {"According", "Day", "On", "In", "At", "By", "When", "What", "Which", "Who", "How"}

# A figure that still stood to grow when stated: "13 deaths already", "so far", "as of".
_INTERIM = re.compile(
    r"\b(?:already|so far|thus far|to date|as of|until now|up to now|by now|as yet|at press time"
    r"|at the time of writing|at last count)\b",
    re.IGNORECASE,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_AS_OF = re.compile(
    rf"\b(?:as of|by|until|through|since|on)\s+(?:the end of\s+|mid-|early\s+|late\s+)?"
    rf"(?:\d|{_MONTHS}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    rf"|\b(?:19|20)\d\d\b|\b{_MONTHS} \d|\b\d{{1,2}} {_MONTHS}",
    re.IGNORECASE,
)


def worth_reasons(*, fact: Fact, answer: str, stem: str, sentence: str, article: ArticleText):
    """The rules `fact`'s draft breaks, as short names (empty when it asks a fact worth
    learning): "given away" (the article's title, or a name in the stem, states the answer),
    "evaluative" (a judgement or vague state, not a fact), "figurative" (a span used as
    rhetoric), "vague amount" (how much, not saying for what), "telling" (about the article's
    own telling), "clock time" (the minute of an event whose minute is not its point), "one
    game" (a game's score or a player's tally, short of a final), "bare visit" (a visit's
    dates, its purpose left out), "rite" (the bells or sirens of a commemoration), "date from
    another" (a date the sentence states only as "the same day"), "renamed" (an entity shown
    by a name the sentence does not use), "listed count" (the stem lists the items counted),
    "no zone" (a clock time asked without the zone the sentence gives), "whose day" (a
    national day without its country), "interim" (a running figure without its date). `answer` is
    the draft's shown answer, `stem` its whole question."""
    body = _ATTRIBUTION.sub("", stem, count=1)
    reasons = []
    if _given_away(fact, answer, body, article.title):
        reasons.append("given away")
    if _EVALUATIVE.search(body) or _VAGUE_STATE.search(body) or _BARE_STATE.search(body):
        reasons.append("evaluative")
    if (fact.kind == "number" and _figurative_span(fact, sentence)) or _FIGURE_IN_STEM.search(body):
        reasons.append("figurative")
    if _BARE_AMOUNT.search(body) or _UNCOUNTED.search(body):
        reasons.append("vague amount")
    if _TELLING.search(body) or (fact.kind != "number" and _REPORTING.search(body)):
        reasons.append("telling")
    if fact.kind == "date" and fact.granularity == "time" and not _TIMED_BY_THE_CLOCK.search(body):
        reasons.append("clock time")
    if _one_game(fact, body, sentence, article.title):
        reasons.append("one game")
    if fact.kind == "date" and _BARE_VISIT.search(body):
        reasons.append("bare visit")
    if _RITE.search(body):
        reasons.append("rite")
    if fact.kind == "date" and _date_from_another(fact, sentence):
        reasons.append("date from another")
    if fact.kind == "entity" and _renamed(fact, answer, sentence):
        reasons.append("renamed")
    if fact.kind == "number" and _listed_count(fact, body):
        reasons.append("listed count")
    if (
        fact.kind == "date"
        and fact.granularity == "time"
        and _zone_left_out(fact, answer, body, sentence)
    ):
        reasons.append("no zone")
    if _NATIONAL_DAY.search(body) and not _names_a_place(body):
        reasons.append("whose day")
    # (the whole stem: "According to Wikinews on 21 August 2007, ..." dates it)
    if fact.kind == "number" and is_interim(fact, sentence) and not _AS_OF.search(stem):
        reasons.append("interim")
    return tuple(reasons)


def worth_cap(*, fact: Fact, answer: str, stem: str, sentence: str, article: ArticleText):
    """The highest quality `fact`'s draft may have: `WORTH_CAP` when `worth_reasons` finds a
    rule it breaks, else 1.0."""
    found = worth_reasons(fact=fact, answer=answer, stem=stem, sentence=sentence, article=article)
    return WORTH_CAP if found else 1.0


def _given_away(fact: Fact, answer: str, body: str, title: str) -> bool:
    if fact.kind == "entity":
        # The name, or a word made from it ("Armenian" from "Armenia"), in the title or in
        # the stem's own words (a mission "in Armenia" when the answer is Armenia).
        shown = body.replace("______", " ")
        return any(_names(name, text) for name in {answer, fact.text} for text in (title, shown))
    if fact.kind == "number":
        # The title's "30 Years of Occupation" answers "how long ...? nearly 30 years".
        numbers = _NUMBER.findall(fact.text)
        unit = re.search(r"\d\S*\s+([A-Za-z]+)", fact.text)
        for number in numbers:
            tail = rf"\s+{re.escape(unit.group(1))}" if unit else ""
            if re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]){tail}", title, re.I):
                return True
        return False
    return bool(answer) and answer.lower() in title.lower()


def _names(name: str, text: str) -> bool:
    name = name.strip()
    if len(name) < 3:
        return False
    if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
        return True
    # A one-word place's adjective: "Armenia" -> "Armenian", "Azerbaijan" -> "Azerbaijani".
    if " " not in name and len(name) >= 5:
        stem = re.escape(name[:-1] if name[-1] in "aeiouy" else name)
        return bool(re.search(rf"\b{stem}(?:an|ans|ian|ians|i|is|ese|ish)\b", text))
    return False


def _one_game(fact: Fact, body: str, sentence: str, title: str) -> bool:
    if fact.kind != "number" or fact.unit.lower() not in _TALLIES:
        return False
    if not (_SPORT.search(sentence) or _SPORT.search(title)):
        return False  # "the index fell 300 points", "a 70-49 vote"
    return not (_DECIDES_THE_TITLE.search(body) or _DECIDES_THE_TITLE.search(sentence))


def _figurative_span(fact: Fact, sentence: str) -> bool:
    if not _DURATION.search(fact.text):
        return False
    return bool(_FIGURATIVE_SPAN.match(sentence, fact.end))


def _date_from_another(fact: Fact, sentence: str) -> bool:
    """Whether the sentence states `fact`'s date only from another date ("the same day")."""
    if fact.unit == "relative" and _DATE_FROM_ANOTHER.search(fact.text):
        return True
    # the fact's text is what resolves it ("on the same day" carrying the earlier date's value)
    return bool(_DATE_FROM_ANOTHER.search(fact.text)) and not _DATE_WORDS.search(fact.text)


def _squeezed(text: str) -> str:
    """`text` lower-cased, without accents ("Türkiye" is "Turkiye") or punctuation."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", plain).strip().lower()


def _renamed(fact: Fact, answer: str, sentence: str) -> bool:
    """Whether the shown answer is a name the sentence does not write ("Second Karabakh War"
    for the sentence's "Patriotic War"): a learner typing the sentence's words would be wrong."""
    shown = _squeezed(re.sub(r"^the\s+", "", answer, flags=re.IGNORECASE))
    if not shown:
        return False
    said = f" {_squeezed(sentence)} "
    if f" {shown} " in said:
        return False
    # a fuller form of the sentence's own name ("Nikol Pashinyan" for "PM Pashinyan"'s
    # "Pashinyan") still shows the words a learner read
    written = _squeezed(fact.text)
    return not (written and f" {written} " in f" {shown} ")


def _listed_count(fact: Fact, body: str) -> bool:
    """Whether a "how many" stem lists as many named items as the answer counts."""
    if not re.fullmatch(r"[2-9]", fact.value):
        return False
    m = re.search(r"\bhow many\b(.*)$", body, re.IGNORECASE)
    if not m:
        return False
    for listed in _LISTED.finditer(m.group(1)):
        names = re.split(r",? (?:and|or|&) |, ", listed.group())
        if len(names) == int(fact.value):
            return True
    return False


def _zone_left_out(fact: Fact, answer: str, body: str, sentence: str) -> bool:
    """Whether the sentence gives a zone next to `fact`'s time ("4:30 a.m. this morning
    (EDT)") that neither the stem nor the shown answer keeps. "Local time" is how a time
    without a zone reads anyway."""
    zone = _ZONE.search(sentence[fact.start : fact.end + 24])
    if not zone:
        return False
    kept = f"{body} {answer}".lower()
    return zone.group().lower() not in kept


def _names_a_place(body: str) -> bool:
    """Whether the stem names whose day it is: a capitalised word beyond the day's own name
    and the question's first word ("Azerbaijan's Victory Day", "in Armenia")."""
    rest = _NATIONAL_DAY.sub(" ", body)
    words = re.findall(r"(?<![.?!] )(?<!^)\b[A-Z][\w'’-]+", rest)
    return any(w.split("'")[0].split("’")[0] not in _NOT_A_PLACE for w in words)


def is_interim(fact: Fact, sentence: str) -> bool:
    """Whether the sentence marks `fact`'s figure as standing so far ("13 deaths already")."""
    return bool(_INTERIM.search(sentence[max(0, fact.start - 60) : fact.end + 40]))
