"""Whether a draft asks a fact worth learning, in plain words (RUBRIC.md points 8 and 1).

A few general rules, each read from the fact, the stem, the sentence and the article, tell a
draft a learner gains little from: an answer the title or the stem's own names give away, an
evaluative claim rather than a fact, a number used as a figure of speech, a "how much" that
says not for what, a question about the article's own telling, the minute of a routine
operation, one game's score or one player's tally, the dates of a visit whose purpose the
question leaves out, a rite of a commemoration. A draft one of them catches is
capped below the publishing threshold, not dropped: a teacher can still review and publish it.
The day of one gauge reading ("on what date was the river 10 feet above flood stage?") is
left alone: judges split on it, and capping a good question costs more than missing trivia.
"""

import re

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


def worth_reasons(*, fact: Fact, answer: str, stem: str, sentence: str, article: ArticleText):
    """The rules `fact`'s draft breaks, as short names (empty when it asks a fact worth
    learning): "given away" (the article's title, or a name in the stem, states the answer),
    "evaluative" (a judgement or vague state, not a fact), "figurative" (a span used as
    rhetoric), "vague amount" (how much, not saying for what), "telling" (about the article's
    own telling), "clock time" (the minute of an event whose minute is not its point), "one
    game" (a game's score or a player's tally, short of a final), "bare visit" (a visit's
    dates, its purpose left out), "rite" (the bells or sirens of a commemoration). `answer` is
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
