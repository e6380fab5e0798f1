"""Where an article says what a stem's reference is: its names for people, storms, events,
exercises, places and regions, the month it dates an event by, and relative time resolved from
its date. `context.anchor_stem` decides what to rewrite; this module finds the words."""

import re
from datetime import date
from functools import lru_cache

from .display import MONTH_NAMES, WEEKDAY_NAMES
from .types import ArticleText

_TITLES = (
    "Prime Minister", "Foreign Minister", "Defence Minister", "Defense Minister", "Secretary",
    "Minister", "President", "Spokesperson", "Ambassador", "Governor", "Chancellor", "Mayor",
    "Commander", "Administrator",
)  # fmt: skip
_TITLE_NAMES = "|".join(re.escape(t) for t in _TITLES)
# "the Secretary" not followed by "of ..." or a name ("the Secretary of State", "the President
# Ilham Aliyev" name the person already).
_BARE_TITLE = re.compile(rf"\b[Tt]he ({_TITLE_NAMES})\b(?!\s+(?:of\b|[A-Z]))(?!['’]s? [A-Z])")
_NAME_WORD = r"[A-Z][\w’'.-]*"
_STORM_KINDS = ("Hurricane", "Tropical Storm", "Typhoon", "Cyclone", "Storm")

# Nouns that name one event or place among several an article may speak of, by group: a mention
# of any noun of the group names the same thing ("the quake" after "the earthquake").
_GROUPS = {
    "earthquake": "quake", "quake": "quake", "tremor": "quake", "epicenter": "quake",
    "epicentre": "quake", "tsunami": "tsunami", "storm": "storm", "hurricane": "storm",
    "flood": "flood", "floods": "flood", "flooding": "flood",
    "operation": "war", "counter-operation": "war", "conflict": "war", "war": "war",
    "offensive": "war", "fighting": "war", "clashes": "war", "hostilities": "war",
    "championship": "championship", "tournament": "championship",
    "summit": "meeting", "talks": "meeting", "meeting": "meeting", "ceremony": "ceremony",
    "election": "election", "elections": "election", "referendum": "election",
    "competition": "championship",
    "capital": "capital", "region": "region", "mission": "mission", "country": "country",
    "exercise": "exercise", "exercises": "exercise", "drills": "exercise",
    "program": "program", "programme": "program", "compact": "program", "project": "program",
    "initiative": "program", "escalation": "war",
    "attack": "attack", "attacks": "attack", "shelling": "attack", "bombing": "attack",
    "strike": "attack", "strikes": "attack", "airstrike": "attack", "airstrikes": "attack",
    "incident": "incident", "explosion": "explosion", "blast": "explosion", "crash": "crash",
    "game": "game", "match": "game", "final": "game",
    "declaration": "document", "agreement": "document", "treaty": "document",
}  # fmt: skip
# Told by their name only: "the game", "the agreement" without one is any game, any agreement.
_BY_NAME_ONLY = {"program", "game", "document"}
# Anchored when the article allows, left as they are when it does not: "the region" of a report
# on one region reads well enough, and refusing it would cost the report's facts.
_SOFT = {"region", "mission"}
# What happens at a time: anchored by when (and where) it happened. The others are places.
_EVENTS = {"quake", "tsunami", "storm", "flood", "war", "championship", "meeting", "ceremony",
           "election", "exercise", "attack", "incident", "explosion", "crash"}  # fmt: skip
# Held each year under one name: a name without a year is dated by the article's year.
_RECURRING = {"championship", "exercise"}
# Where these happened is often said only in the sentence itself ("the clashes ... on the
# Armenia-Azerbaijan border"), not in the headline.
_LOCAL = {"war", "quake", "flood", "attack", "incident", "explosion", "crash"}
# A place is named by the place itself: "throughout the country" -> "throughout Georgia".
_PLACES_BY_NAME = {"country", "region"}
# News of these is news of the day: the article's own month dates them when nothing else does.
_BREAKING = {"quake", "tsunami", "storm", "flood", "incident", "explosion", "crash"}
# A part named by its whole: anchored as "the <part> of <the whole, anchored>".
_PARTS = {"epicenter": "earthquake", "epicentre": "earthquake"}
# Words between "the" and the noun that do not tell which one it is ("the armed clashes", "the
# women's tournament", "the current fighting") or tell it by its year only ("the 2021 exercise").
# "current" and its like say "as of the article's day": once anchored, the date says it.
_AS_OF_NOW = {"current", "ongoing", "present"}
_MODIFIER = (
    r"(?:((?:19|20)\d\d|armed|violent|heavy|fierce|deadly|renewed|latest|recent"
    r"|current|ongoing|present|women['’]s|men['’]s) )?"
)
_DEFINITE = re.compile(
    r"\b([Tt]he) "
    + _MODIFIER
    + r"("
    + "|".join(sorted(map(re.escape, _GROUPS), key=len, reverse=True))
    + r")"
    r"(?:['’]s ([a-z]+))?\b"
    r"(?!-)(?! (?:of|in|at|on|near|off) (?:the )?[A-Z])(?! of\b)"
)

_BARE_FIGHTING = re.compile(
    r"(?<!\bthe )(?<!\ba )\b(?:(?:violent|heavy|fierce|armed|deadly|new) )?"
    r"(?:clashes|fighting|hostilities)\b(?! (?:in|on|at|along|near|between|across) )"
)
# A date stated from another the article gave before ("the same day", "two days later").
_FROM_ANOTHER = re.compile(
    r"\b(?:same|next|following|later|earlier|before that|after that)\b", re.IGNORECASE
)
_DETERMINED = re.compile(r"\b(?:the|a|an|these|those|its|their|of)(?: [a-z]+)? $", re.IGNORECASE)
_TWO = re.compile(r"\b[Tt]he two (countries|states|nations|sides|teams|leaders)(['’])?")
_PAIR = re.compile(r"\b(?<![.’'])[A-Z][a-z]{2,} and [A-Z][a-z]{2,}\b(?! [A-Z])")
# References the article cannot anchor in a stem's own words.
_UNANCHORABLE = re.compile(
    r"\bboth (?:spacecraft|countries|leaders|teams|men|women|ships|crews|vessels|aircraft)\b"
    r"|\bthe two (?:spacecraft|men|women|ships|crews|vessels|aircraft)\b"
    r"|\bthe given \w+|\bin the given situation\b"
    r"|\bsome (?:areas|parts|places|regions|towns|communities)\b(?! in the path of)"
    r"|\bthe same (?:day|week|month|year|night|time|period)\b"
    r"|\bthe (?:latter|former)\b|\b(?:these|those|this) [a-z]+\b"
    r"|\bthat (?:day|week|month|year|night|time)\b|\balready\b"
    r"|(?<![\"“])\b(?:it|they|he|she|him|them)\b(?![\"”])"
)


# A day many countries keep under one name; its owner is the name written possessively before
# it ("Azerbaijan's Victory Day", "Georgia’s Independence Day").
_DAY_OF_A_COUNTRY = re.compile(
    r"(?<![\w'’])[\"“]?((?:Victory|Independence|National|Republic|Constitution|Liberation|Unity"
    r"|Flag|Remembrance|Armed Forces|Statehood|Sovereignty|Restoration of Independence) Day)\b"
    r"(?! (?:in|of) [A-Z])"
)


def _modifies_a_noun(text: str, end: int) -> bool:
    """Whether the word ending at `end` modifies the noun after it ("the war images")."""
    from .parser import parse  # generation only: the parser is loaded lazily

    for token in parse(text):
        if token.idx + len(token) == end:
            return token.dep_ == "compound" and token.head.i > token.i
    return False


def _texts(article: ArticleText) -> tuple[str, ...]:
    return tuple(s.text for s in article.sentences)


def _earlier_sentences(article: ArticleText, position: int, sentence: str) -> tuple[str, ...]:
    """The sentences before `sentence`, nearest first."""
    before = [s.text for s in article.sentences if s.position < position and s.text != sentence]
    return tuple(reversed(before))


def _titled_person(title: str, texts) -> str | None:
    """ "Secretary Blinken" for "Secretary" when one of `texts` (nearest first) writes
    "Secretary (of State) Antony J. Blinken": the title and the surname."""
    pattern = re.compile(rf"\b{re.escape(title)}(?: of [A-Z]\w+)?((?: {_NAME_WORD}){{1,4}})")
    for text in texts:
        for m in pattern.finditer(text):
            words = [w for w in m.group(1).split() if not re.fullmatch(r"[A-Z]\.?", w)]
            words = [w for w in words if not w.endswith(("’s", "'s"))]
            if words and words[-1][:1].isupper() and words[-1] not in _TITLE_NAMES.split("|"):
                return f"{title} {words[-1].rstrip('.,')}"
    return None


def _storm_names(article: ArticleText) -> list[tuple[str, str]]:
    """The storms `article` names, in the order it first names them: ("Hurricane", "Dean")."""
    return list(_storm_names_in((article.title, *_texts(article))))


_STORM_PATTERNS = tuple((kind, re.compile(rf"\b{kind} ([A-Z][a-z]+)\b")) for kind in _STORM_KINDS)


@lru_cache(maxsize=64)  # asked once per draft of the same article
def _storm_names_in(texts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    found = []
    for text in texts:
        for kind, pattern in _STORM_PATTERNS:
            for m in pattern.finditer(text):
                if (kind, m.group(1)) not in found and not any(n == m.group(1) for _, n in found):
                    found.append((kind, m.group(1)))
    return tuple(found)


def _anchor_for(noun, group, *, text, article, sentence, earlier, previous, dated_fact, safe):
    """The phrase that tells which `noun` the stem means, or None when the article does not
    say (or saying it would give the answer away)."""
    if group == "storm":
        storms = _storm_names(article)
        if storms and safe(" ".join(storms[0])):
            return " ".join(storms[0])
    texts = (sentence, *earlier, article.title, *_texts(article))
    name = _named(noun, group, texts)
    if name and safe(name) and name.lower() not in text.lower():
        if group in _RECURRING and not dated_fact and not YEAR.search(name):
            year = str(article.published.year)
            name = name if not safe(year) or year in text else f"{year} {name}"
        if group == "program":
            place = _title_place(article)
            head = name.split()[-1]
            if (
                place
                and safe(place)
                and place not in text
                and any(
                    re.search(rf"\b{re.escape(head)} (?:with|for|in) {re.escape(place)}\b", t, re.I)
                    for t in texts
                )
            ):
                name = f"{name} with {place}"  # "the Millennium Challenge Compact with Georgia"
        return f"the {name}"
    if group in _BY_NAME_ONLY:
        return None  # "the program", "the game" are told by their name only
    place = _title_place(article)
    if place and (re.search(rf"\b{re.escape(place)}\b", text) or not safe(place)):
        place = ""
    if group in _LOCAL and not place:
        place = _sentence_place(sentence)
        if place and (place.split()[-1] in text or not safe(place)):
            place = ""
    when = ""
    if group in _EVENTS and not dated_fact:
        when = _month_of(noun, group, sentence=sentence, earlier=earlier, previous=previous)
        if group in _BREAKING:
            # News of the day: a month long before the article's is another, older quake the
            # article recalls ("the 1939 quake"), not the one it reports.
            month = f"{MONTH_NAMES[article.published.month - 1]} {article.published.year}"
            if not when or not _near(when, article.published):
                when = month
        if when and (when in text or not safe(when)):
            when = ""
    noun_word = noun.lower()
    if group == "mission":
        return None  # a mission is anchored by its name only ("the EU Mission")
    if group == "region":
        # the article's own "<Name> region", else the headline's place: "the Turkey region"
        # is no name, "Turkey" is
        named = _named_region(_texts(article))
        if named and safe(named):
            return f"the {named} region"
        return place or None
    if group == "country":
        return place or None  # "throughout the country" -> "throughout Georgia"
    if group not in _EVENTS:
        return f"the {noun_word} of {place}" if place else None
    if group == "war" and not when:
        # "the conflict" on its own is every conflict the article recalls: it needs its parties
        # (the headline's "Armenian–Azerbaijani clashes") or its place.
        modifier = _title_modifier(article.title, group)
        if modifier and safe(modifier):
            return f"the {modifier} {noun_word}"
    if not (when or place):
        return None
    phrase = f"the {when} {noun_word}" if when else f"the {noun_word}"
    if place and re.match(r"(?:on|near) ", place):
        return f"{phrase} {place}"  # the sentence's own "on the ... border"
    return f"{phrase} in {place}" if place else phrase


def _named(noun: str, group: str, texts) -> str | None:
    """The name the article gives the `noun` (`_event_name`); a tournament or a program may be
    named by another noun of its group ("the tournament": "... Basketball Championship", "the
    program": "Millennium Challenge Compact"), an exercise after its noun ("exercise Agile
    Spirit 2021") or before it ("the Eagle Partner exercise")."""
    if group == "exercise":
        return _exercise_name(texts)
    name = _event_name(noun, texts)
    if name or group not in ("championship", "program", "document"):
        return name
    for other in (n for n, g in _GROUPS.items() if g == group and n != noun.lower()):
        name = _event_name(other, texts)
        if name:
            return name
    return None


def _exercise_name(texts) -> str | None:
    """ "Agile Spirit 2021 exercise" for "exercise Agile Spirit 2021", "Eagle Partner exercise"
    for "the Eagle Partner exercise": the nearest named exercise of `texts`."""
    for text in texts:
        name = _exercise_name_in(text)
        if name:
            return name
    return None


_EXERCISE_NAME = r"((?:[A-Z][\w’'-]+ ){0,3}[A-Z][\w’'-]+(?: (?:19|20)\d\d)?)"
_EXERCISE_AFTER = re.compile(rf"\b[Ee]xercises? {_EXERCISE_NAME}")
_EXERCISE_BEFORE = re.compile(rf"\b[Tt]he {_EXERCISE_NAME} (?:[a-z]+ )?[Ee]xercises?\b")
_NOT_AN_EXERCISE = re.compile(r"(?:The|A|An|This|That|In|On)\b")


@lru_cache(maxsize=4096)  # every draft looks through the same article's sentences
def _exercise_name_in(text: str) -> str | None:
    for pattern in (_EXERCISE_AFTER, _EXERCISE_BEFORE):
        m = pattern.search(text)
        if m and not _NOT_AN_EXERCISE.match(m.group(1)):
            return f"{m.group(1)} exercise"
    return None


_BORDER = re.compile(
    r"\b(?:on|along|at|near) the ((?:[A-Z][\w’'-]+[ -]?){1,4}) (border|frontier|line of contact)\b"
)
_AREA_OF = re.compile(r"\bin the (?:area|village|town|city|region) of ([A-Z][\w’'-]+)\b")


def _sentence_place(sentence: str) -> str:
    """Where `sentence` says its event happened ("on the Armenia-Azerbaijan border", "near
    Tegh" for "in the area of Tegh"), or ""."""
    m = _BORDER.search(sentence)
    if m:
        return f"on the {m.group(1).strip()} {m.group(2)}"
    m = _AREA_OF.search(sentence)
    return f"near {m.group(1)}" if m else ""


YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A year, a month or a weekday in a stem's own words (also time_anchor's test of a stem).
STATED_TIME = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:" + "|".join((*MONTH_NAMES, *WEEKDAY_NAMES)) + r")\b"
)
_SETTING = re.compile(
    r"\b(?:in|at|on|near|from|to|for|throughout|across|along|into|of|between|surrounding|around"
    r"|outside|inside|within|over|against|with) (?:the )?[A-Z]"
)
_EVENT_NOUNS = ("war", "exercise", "championship", "mission", "operation")


# The attribution a stem opens with ("According to TRT, "), which names nothing of its own.
LEAD = re.compile(r"^According to [^,]+, ")


def _names_anything(text: str) -> bool:
    """Whether a stem names an event, a place or a time of its own."""
    body = LEAD.sub("", text, count=1)
    return bool(
        STATED_TIME.search(body)
        or _SETTING.search(body)
        or re.search(r"\b(?:" + "|".join(map(re.escape, _GROUPS)) + r")\b", body, re.I)
    )


def _article_event(article: ArticleText, *, sentence, earlier, safe) -> str:
    """ "during the Second Karabakh War": the named war, exercise, championship, mission or
    operation the article speaks of nearest before `sentence` (or in its headline), dated by the
    article's year when its name has none; else "in Georgia", the headline's place; else ""."""
    texts = (sentence, *earlier, article.title, *_texts(article))
    for text in texts:
        for noun in _EVENT_NOUNS:
            name = _named(noun, _GROUPS[noun], (text,))
            if not name:
                continue
            if _GROUPS[noun] in _RECURRING and not YEAR.search(name):
                name = f"{article.published.year} {name}"
            if safe(name):
                return f"during the {name}"
    place = _title_place(article)
    return f"in {place}" if place and safe(place) else ""


_NOT_A_NAME = {*_TITLES, *MONTH_NAMES, *WEEKDAY_NAMES, "The", "A", "An", "In", "On", "At",
               "General", "Colonel", "Major", "Captain", "Sergeant", "Lieutenant", "Private",
               "Specialist", "Corporal", "Admiral", "Director", "Dr", "Mr", "Mrs", "Ms",
               "Hospitalman", "Ambassador"}  # fmt: skip


def _bare_surnames(text: str) -> list[str]:
    """The proper nouns of `text` that stand alone as a person would by surname ("Adams
    leads ..."): a proper noun with no other before it, in the subject's or an object's place."""
    from .parser import parse  # generation only: the parser is loaded lazily

    body = LEAD.sub("", text, count=1)
    found = []
    for token in parse(body):
        if (
            token.pos_ == "PROPN"
            and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            and re.fullmatch(r"[A-Z][a-z]{2,}", token.text)
            and not any(c.dep_ in ("compound", "det", "amod", "poss") for c in token.children)
            and token.text not in _NOT_A_NAME
        ):
            found.append(token.text)
    return found


# Where `_full_name` could find a given name: a capitalized word right before a name (the
# name's first three letters), and where a stem could hold a name alone.
_GIVEN_THEN_NAME = re.compile(r"(?=([A-Z][a-z]+)\s*([A-Z][a-z]{2}))")
_NAME_START = re.compile(r"(?=([A-Z][a-z]{2}))")


@lru_cache(maxsize=256)  # asked once per draft of the same article
def _named_in_full(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        m.group(2)
        for text in texts
        for m in _GIVEN_THEN_NAME.finditer(text)
        if m.group(1) not in _NOT_A_NAME  # never a given name ("General Adams")
    )


def _may_name_in_full(text: str, texts: tuple[str, ...]) -> bool:
    """Whether a bare surname of `text` could have a full name in `texts` (`_full_name`):
    False spares parsing a stem whose names none of `texts` writes after a given name."""
    starts = _named_in_full(texts)
    return any(m.group(1) in starts for m in _NAME_START.finditer(text))


def _full_name(surname: str, texts) -> str | None:
    """ "Donita Adams" for "Adams" when one of `texts` writes a given name before it."""
    from .parser import parse  # generation only: the parser is loaded lazily

    for text in texts:
        if surname not in text:
            continue
        tokens = list(parse(text))
        for token in tokens:
            if token.text != surname or token.i == 0:
                continue
            given = tokens[token.i - 1]
            if (
                given.pos_ == "PROPN"
                and given.dep_ == "compound"
                and given.head.i == token.i
                and re.fullmatch(r"[A-Z][a-z]+", given.text)
                and given.text not in _NOT_A_NAME
            ):
                return f"{given.text} {surname}"
    return None


def _pairs(text: str) -> list[str]:
    """The pairs of names `text` joins with "and" ("Armenia and Azerbaijan"), not of months or
    days."""
    calendar = {*MONTH_NAMES, *WEEKDAY_NAMES}
    return [m.group() for m in _PAIR.finditer(text) if not calendar & set(m.group().split(" and "))]


def _near(month_year: str, published: date) -> bool:
    """Whether "February 2024" is within two months of `published`."""
    name, year = month_year.split()
    month = MONTH_NAMES.index(name) + 1
    return abs((published.year * 12 + published.month) - (int(year) * 12 + month)) <= 2


def _named_region(texts) -> str:
    """The one region the article names as "<Name> region" ("the Tavush region"), or ""."""
    names = {
        m.group(1)
        for text in texts
        for m in re.finditer(r"\b([A-Z][\w’'-]+) region\b", text)
        if m.group(1) not in ("The", "This", "That", "A", "Each", "Every")
    }
    return names.pop() if len(names) == 1 else ""


def _event_name(noun: str, texts) -> str | None:
    """What the article calls the `noun` where it names it, nearest mention first (each text's
    last mention first): a proper name ("the war": "Second Karabakh War", "the championship":
    "Armed Forces Men's and Women's Basketball Championship", a year in it left out) or a
    measured one ("the 44-day war"). Bare mentions ("the war's end") are passed over."""
    for text in texts:
        name = _event_name_in(noun, text)
        if name:
            return name
    return None


@lru_cache(maxsize=64)
def _event_name_pattern(noun: str) -> re.Pattern:
    return re.compile(
        rf"(?:((?:(?:{_NAME_WORD}|\d+(?:st|nd|rd|th)) (?:and |of |& )?){{1,6}})|(\d+-[a-z]+ ))((?i:{re.escape(noun)}))\b"
    )


@lru_cache(maxsize=16384)  # every draft looks through the same article's sentences
def _event_name_in(noun: str, text: str) -> str | None:
    """`_event_name` in one text."""
    pattern = _event_name_pattern(noun)
    for m in reversed(list(pattern.finditer(text))):
        if m.group(2):
            return f"{m.group(2)}{m.group(3).lower()}"
        if not m.group(3)[:1].isupper():
            continue  # "the Azerbaijani war": a description, not a name
        words = m.group(1).split()
        if words[-1] in ("and", "of", "&"):
            continue  # "Head of Mission": a title, not the mission's name
        if not all(w[:1].isupper() or w[:1].isdigit() or w in ("and", "of", "&") for w in words):
            continue
        while words and (words[0] in ("The", "A", "In", "On", "At", "During", "After")
                         or words[0].lower() in ("and", "of", "&")):  # fmt: skip
            words = words[1:]
        if words:
            return " ".join((*words, m.group(3)))
    return None


def _title_place(article: ArticleText) -> str:
    """The place a headline's event happened in ("... hits Japan"), or "": a proper noun the
    headline's verb or preposition takes, not the object of "of" nor a noun with a phrase of
    its own ("Ministry of ...", "Compact with ..."), that the article also writes on its own,
    as a name ("in Japan", not only "International Space Station")."""
    return _place_in(article.title, tuple(s.text for s in article.sentences))


@lru_cache(maxsize=512)
def _place_in(title: str, texts: tuple[str, ...]) -> str:
    if not title:
        return ""
    from .parser import parse  # generation only: the parser is loaded lazily

    for token in parse(title):
        if (
            token.pos_ == "PROPN"
            and token.dep_ in ("dobj", "pobj", "npadvmod")
            and token.lower_ not in _GROUPS
            and not (token.dep_ == "pobj" and token.head.lower_ == "of")
            and not any(c.dep_ in ("compound", "prep") for c in token.children)
            and _written_alone(token.text, texts)
        ):
            return token.text
    return ""


_THING_BEFORE = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our",
                 "million", "billion", "new"}  # fmt: skip


def _written_alone(name: str, texts) -> bool:
    """Whether `name` appears in `texts` as a name of its own: not inside a longer one, not
    after "the"."""
    pattern = re.compile(rf"(\S*)\s?\b{re.escape(name)}\b(\s\S+)?")
    for text in texts:
        for m in pattern.finditer(text):
            before, after = m.group(1), (m.group(2) or "").strip()
            if before.lower() in _THING_BEFORE:
                continue  # "the Compact", "a Compact", "$295.3 million Compact": a thing
            if (not before or not before[:1].isupper() or before.endswith((".", ","))) and not (
                after[:1].isupper()
            ):
                return True
    return False


def _title_modifier(title: str, group: str) -> str:
    """The words a headline puts before a noun of `group` ("2016 Armenian–Azerbaijani clashes":
    "Armenian–Azerbaijani"), without figures, or ""."""
    words = title.split()
    for i, word in enumerate(words):
        if _GROUPS.get(word.lower().strip(",.:")) == group:
            kept = [w for w in words[max(0, i - 3) : i] if w[:1].isupper() and not w[:1].isdigit()]
            return " ".join(kept)
    return ""


_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(MONTH_NAMES) + r"|Sept|" + "|".join(m[:3] for m in MONTH_NAMES) + r")\.?"
    r"(?: \d{1,2}(?:st|nd|rd|th)?,?)? ((?:19|20)\d\d)\b"
)


def _month_of(noun, group, *, sentence, earlier, previous) -> str:
    """When the `noun` the stem means happened: the month and year stated in the sentence that
    speaks of it (this one or the nearest earlier one), else the last one stated before that
    sentence ("launched a counter-operation on the same day" after "on Sept. 27, 2020"), else
    the date the article last stated (`previous`), else ""."""
    words = [n for n, g in _GROUPS.items() if g == group]
    mention = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    texts = (sentence, *earlier)
    first = next((i for i, text in enumerate(texts) if mention.search(text)), None)
    if first is not None:
        for text in texts[first:]:
            m = _MONTH_YEAR.search(text)
            if m:
                month = next(n for n in MONTH_NAMES if n.startswith(m.group(1)[:3]))
                return f"{month} {m.group(2)}"
    if previous is not None:
        return f"{MONTH_NAMES[previous.month - 1]} {previous.year}"
    return ""


_DOUBLED = re.compile(r"\b([a-z]{3,}) (and|or) \1\b")


_GLUED_TITLE = re.compile(rf"\b({_TITLE_NAMES})(?=[A-Z][a-z])")


# A currency said twice: "$140 million dollar compact" says "dollar" with its sign already.
_SIGN_AND_NAME = re.compile(
    r"((?:[$€£]|US\$)\s?[\d.,]+(?:\s(?:thousand|million|billion|trillion))?)"
    r"[\s-](?:US\s)?(?:dollars?|euros?|pounds?)\b",
    re.IGNORECASE,
)


def _undouble(text: str) -> str:
    """A word said twice around "and" ("the reconstruction and reconstruction of the region")
    once; a title glued to its name ("PresidentIlham Aliyev") apart; a currency said by its
    sign and its name ("$140 million dollar compact") by its sign."""
    text = _SIGN_AND_NAME.sub(r"\1", text)
    return _GLUED_TITLE.sub(r"\1 ", _DOUBLED.sub(r"\1", text))


def _unquoted(text: str) -> str:
    """`text` with what is in quotation marks blanked out: a quotation's words are its own."""
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)
