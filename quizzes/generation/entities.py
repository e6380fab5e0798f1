"""Names generation proposes for the entity registry: a teacher confirms them (and their type)
before any question is asked about one.

Rules over capitalisation and the words around a name: a title before a person ("President",
"Prime Minister"), a noun before a place ("the city of", "the provinces of"), and the last word
of a multi-word name ("... War", "... Union", "... Ministry"). A guess is only a proposal: an
unconfirmed entity is never asked about, so a wrong guess costs a teacher a click, not a bad
question.
"""

import re
from collections.abc import Iterable

from .extraction import MONTHS, WEEKDAYS

_NAME_WORD = r"[A-Z][\w'’.-]*[a-z][\w'’-]*"  # "Aliyev", "Nagorno-Karabakh", not "UCAVs."
_NAME = rf"{_NAME_WORD}(?: (?:of |the |de |al-)?{_NAME_WORD}){{0,3}}"

_PERSON_TITLES = (
    r"(?:President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Chancellor"
    r"|King|Queen|Pope|Governor|Mayor|Ambassador|Speaker|Secretary-General|Secretary|Senator"
    r"|General|Colonel|Commander|Dr\.|Mr\.|Mrs\.|Ms\.|Sheikh)"
)
# "PresidentIlham Aliyev": a title glued to the name by a typo still marks a person.
_PERSON = re.compile(rf"\b{_PERSON_TITLES} ?(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})")
_PLACE_CUES = [
    # "the symbol city of Karabakh, Shusha": the city is the name after the comma
    ("city", re.compile(rf"\bcity of {_NAME_WORD}, (?P<name>{_NAME_WORD})")),
    ("city", re.compile(rf"\b(?:city|town|capital|village) of (?P<name>{_NAME_WORD})(?![\w'’-]|, [A-Z])")),
    ("region", re.compile(rf"\b(?:provinces?|districts?|regions?) of (?P<name>{_NAME_WORD})")),
    ("country", re.compile(rf"\b(?:country|Republic|Kingdom) of (?P<name>{_NAME_WORD})")),
]  # fmt: skip
# Further items of a list after a place cue: "the provinces of Aghdam, Kalbajar, and Lachin".
_LIST_TAIL = re.compile(rf",? (?:and )?(?P<name>{_NAME_WORD})")
_TYPE_BY_LAST_WORD = {
    "war": "event", "day": "event", "statement": "event", "declaration": "event",
    "agreement": "event", "treaty": "event", "accord": "event", "summit": "event",
    "operation": "event", "offensive": "event", "conference": "event", "games": "event",
    "union": "organisation", "ministry": "organisation", "council": "organisation",
    "agency": "organisation", "organisation": "organisation", "organization": "organisation",
    "committee": "organisation", "commission": "organisation", "group": "organisation",
    "bank": "organisation", "fund": "organisation", "office": "organisation",
    "parliament": "organisation", "assembly": "organisation", "army": "organisation",
    "forces": "organisation", "police": "organisation", "company": "organisation",
    "observatory": "organisation", "institute": "organisation", "university": "organisation",
    "nations": "organisation", "party": "organisation", "service": "organisation",
    "city": "city", "province": "region", "district": "region", "region": "region",
    "republic": "country", "kingdom": "country", "states": "country",
}  # fmt: skip
# Capitalised words that are not names, or not names worth a question.
_NOT_NAMES = (
    {m.capitalize() for m in MONTHS}
    | {d.capitalize() for d in WEEKDAYS}
    | {
        "The", "A", "An", "In", "On", "At", "After", "Before", "During", "Following", "Since",
        "Although", "Thus", "However", "Meanwhile", "It", "This", "That", "These", "Those",
        "He", "She", "They", "We", "Our", "Their", "His", "Her", "Its", "And", "But", "For",
        "With", "From", "Today", "Yesterday", "Officially", "Initially", "Even", "Yet", "Many",
        "All", "Another", "Some", "President", "Prime", "Minister", "Commander-in-Chief",
    }
)  # fmt: skip


def propose_entities(sentence_texts: Iterable[str]) -> list[tuple[str, str]]:
    """Return (name, guessed type) for the names in `sentence_texts` worth registering: people
    after a title ("President Ilham Aliyev", person), places after a place noun ("the city of
    Shusha", city; "the provinces of Aghdam, Kalbajar, and Lachin", region) and other
    capitalised multi-word names typed by their last word ("Second Karabakh War", event;
    "European Union", organisation; "Alley of Martyrs", no guess: organisation).

    Names come once each, in order of first appearance; a name seen with a cue keeps the
    cue's type. Types are those of `quizzes.models.Entity.Type`. Never raises.
    """
    found: dict[str, str] = {}
    cued: set[str] = set()
    for text in sentence_texts:
        text = " ".join(str(text).split())
        for m in _PERSON.finditer(text):
            _add(found, cued, _trim(m["name"]), "person", cue=True)
        for type_, pattern in _PLACE_CUES:
            for m in pattern.finditer(text):
                _add(found, cued, m["name"], type_, cue=True)
                position = m.end()
                while tail := _LIST_TAIL.match(text, position):
                    _add(found, cued, tail["name"], type_, cue=True)
                    position = tail.end()
        for m in re.finditer(rf"(?<![\w'’-]){_NAME}", text):
            name = _trim(m.group())
            if m.start() == 0 and " " not in name:
                continue  # a single capitalised word opening a sentence may be any word
            if " " not in name or re.search(r"[“”\"]|['’]s ", name):
                continue  # single words are proposed only with a cue, above
            _add(found, cued, name, _guess_type(name), cue=False)
    return list(found.items())


def _guess_type(name: str) -> str:
    """The type of a multi-word name without a cue: by its last word ("... War" is an event),
    else a person when it reads like a given name and a surname ("Nikol Pashinyan"), else an
    organisation (the commonest kind of other multi-word name)."""
    words = name.split()
    last = words[-1].lower()
    if last in _TYPE_BY_LAST_WORD:
        return _TYPE_BY_LAST_WORD[last]
    adjectival = re.search(r"(?:ian|ani|ish|ese|ean)$|-", words[0])
    if len(words) <= 3 and not adjectival and all(w[:1].isupper() for w in words):
        return "person"
    return "organisation"


def _trim(name: str) -> str:
    """A name without the function words and non-names around it: "The European Union" →
    "European Union"."""
    # "Russian President Vladimir Putin", "PresidentIlham Aliyev": the name follows the title
    name = re.split(rf"(?:^|\b){_PERSON_TITLES} ?(?=[A-Z])", name)[-1]
    words = name.split()
    while words and (words[0] in _NOT_NAMES or words[0].lower() in ("of", "the", "de")):
        words = words[1:]
    while words and (words[-1] in _NOT_NAMES or words[-1].lower() in ("of", "the", "de")):
        words = words[:-1]
    return re.sub(r"['’]s$", "", " ".join(words)).rstrip(".")


def _add(found: dict[str, str], cued: set[str], name: str, type_: str, *, cue: bool) -> None:
    if not name or name in _NOT_NAMES or len(name) < 3 or len(name) > 200:
        return
    if any(word in _NOT_NAMES for word in name.split()[:1]):
        return
    if name in cued:
        return
    if cue:
        cued.add(name)
        found[name] = type_
    elif name not in found:
        found[name] = type_


# When the people of the shipped registry (migration 0007) could take part in events: from
# the year they entered public life to the year they died (None: still living). A person not
# listed may be anyone's contemporary. Only used to keep a wrong choice possible ("Atatürk"
# cannot have signed a 2020 statement); a question is never asked from it.
PUBLIC_LIFE = {
    "Mustafa Kemal Ataturk": (1905, 1938),
    "Ilham Aliyev": (1994, None),
    "Recep Tayyip Erdogan": (1994, None),
    "Nikol Pashinyan": (1995, None),
    "Vladimir Putin": (1991, None),
}


def active_in(name: str, years) -> bool:
    """Whether the person `name` could have been part of an event in any of `years` (all
    years when none are given, or when the person's public life is not known)."""
    span = PUBLIC_LIFE.get(name)
    if span is None or not years:
        return True
    first, last = span
    return any(first <= year and (last is None or year <= last) for year in years)


# Where each place of the shipped registry lies: its country, and the area within it a question
# about a place is about ("Karabakh": a town taken in the 2020 war is a Karabakh town, never Baku,
# Ganja or Yerevan). Places not listed match any place of their type.
PLACE_COUNTRY = {
    "Shusha": "Azerbaijan",
    "Baku": "Azerbaijan",
    "Ganja": "Azerbaijan",
    "Yerevan": "Armenia",
    "Ankara": "Türkiye",
    "Karabakh": "Azerbaijan",
    "Nagorno-Karabakh": "Azerbaijan",
    "Aghdam": "Azerbaijan",
    "Kalbajar": "Azerbaijan",
    "Lachin": "Azerbaijan",
    "Fuzuli": "Azerbaijan",
    "Zangilan": "Azerbaijan",
}
PLACE_AREA = {
    "Shusha": "Karabakh",
    "Aghdam": "Karabakh",
    "Kalbajar": "Karabakh",
    "Lachin": "Karabakh",
    "Fuzuli": "Karabakh",
    "Zangilan": "Karabakh",
    "Baku": "Azerbaijan",
    "Ganja": "Azerbaijan",
    "Yerevan": "Armenia",
    "Ankara": "Türkiye",
}
# The part of the world a country is a plausible alternative in: the South Caucasus and its
# neighbours are choices for one another, the United States is not ("a neighbour of Armenia's
# Tavush region", "the country that approved a U.S. agency's compact").
COUNTRY_REGION = {
    "Azerbaijan": "Caucasus",
    "Armenia": "Caucasus",
    "Georgia": "Caucasus",
    "Russia": "Caucasus",
    "Türkiye": "Caucasus",
    "Iran": "Caucasus",
    "United States": "Americas",
    "Canada": "Americas",
    "Mexico": "Americas",
    "Japan": "East Asia",
    "China": "East Asia",
}
# The state each person of the shipped registry acts for.
PERSON_COUNTRY = {
    "Ilham Aliyev": "Azerbaijan",
    "Recep Tayyip Erdogan": "Türkiye",
    "Nikol Pashinyan": "Armenia",
    "Vladimir Putin": "Russia",
    "Mustafa Kemal Ataturk": "Türkiye",
    "Heydar Aliyev": "Azerbaijan",
    "Serzh Sargsyan": "Armenia",
    "Robert Kocharyan": "Armenia",
    "Levon Ter-Petrosyan": "Armenia",
    "Dmitry Medvedev": "Russia",
    "Sergey Lavrov": "Russia",
    "Mikhail Mishustin": "Russia",
}
# The words that name a country without its name: "the Azerbaijani army", "American firms".
DEMONYMS = {
    "Azerbaijani": "Azerbaijan", "Azerbaijanis": "Azerbaijan", "Azeri": "Azerbaijan",
    "Armenian": "Armenia", "Armenians": "Armenia",
    "Russian": "Russia", "Russians": "Russia", "Moscow": "Russia", "Kremlin": "Russia",
    "Turkish": "Türkiye", "Turks": "Türkiye", "Ankara": "Türkiye",
    "Georgian": "Georgia", "Georgians": "Georgia", "Tbilisi": "Georgia",
    "Iranian": "Iran", "Iranians": "Iran", "Tehran": "Iran",
    "American": "United States", "Americans": "United States", "U.S.": "United States",
    "US": "United States", "Washington": "United States",
    "Japanese": "Japan", "Mexican": "Mexico", "Canadian": "Canada", "Chinese": "China",
    "Baku": "Azerbaijan", "Yerevan": "Armenia",
}  # fmt: skip


def countries_named(text: str, countries=()) -> set[str]:
    """The countries `text` names: by one of `countries` (names or (name, aliases) pairs) or a
    country this module knows, or by a demonym or capital ("the Azerbaijani army", "American firms", "Moscow")."""
    found = set()
    known = ((name, ()) for name in (*COUNTRY_REGION, *DEMONYMS.values()))
    for item in (*countries, *known):
        name, aliases = (item, ()) if isinstance(item, str) else item
        if any(_word(n).search(text) for n in (name, *aliases) if n):
            found.add(name)
    for word, country in DEMONYMS.items():
        if _word(word).search(text):
            found.add(country)
    return found


def _word(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w]|\.\w)")


# The kind of an event or organisation, by a word of its name: a question about a war has wars
# for its other choices, never a statement or a holiday ("Trilateral Statement" is no war).
_KIND_WORDS = {
    "war": ("war", "wars", "conflict", "battle", "uprising", "revolution", "clashes"),
    "document": (
        "statement", "declaration", "agreement", "treaty", "accord", "accords", "protocol",
        "charter", "resolution", "compact", "memorandum", "convention", "ceasefire", "truce",
        "pact", "document",
    ),
    "day": ("day", "holiday", "anniversary", "festival", "week", "remembrance"),
    "operation": ("operation", "offensive", "campaign", "exercise", "mission"),
    "meeting": ("summit", "conference", "talks", "meeting", "forum", "congress", "games"),
}  # fmt: skip


def entity_kind(name: str, type_: str, aliases=()) -> str:
    """The kind of a confirmed entity its distractors must share: for an event, war, document,
    day, operation or meeting by the words of its name or aliases ("Second Karabakh War", war;
    "Trilateral Statement", document; "Victory Day", day), "event" when none says; every
    other type is its own kind (person, country, city, region, organisation)."""
    if type_ != "event":
        return type_
    for text in (name, *aliases):
        words = re.findall(r"[a-z]+", text.lower())
        for word in reversed(words):  # the last telling word: "Victory Day" is a day
            for kind, kind_words in _KIND_WORDS.items():
                if word in kind_words:
                    return kind
    return "event"


def same_kind(answer: str, other: str, type_: str) -> bool:
    """Whether `other` (a confirmed entity of `type_`) plays the answer's role more closely than
    the rest of its type: a place in the same country; an event or organisation of the same
    kind, by the last word of its name ("... War", "... Day", "... Ministry")."""
    if type_ in ("city", "region"):
        here, there = PLACE_COUNTRY.get(answer), PLACE_COUNTRY.get(other)
        return here is None or there is None or here == there
    if type_ in ("event", "organisation"):
        return answer.split()[-1].lower() == other.split()[-1].lower()
    return True


def same_area(answer: str, other: str, type_: str) -> bool:
    """Whether `other` could stand where the answer stands: a place of the same area ("Karabakh"
    for Shusha: Aghdam, not Baku) and not one holding the other (not Aghdam for Karabakh), a
    country of the same part of the world (Georgia or Iran for Azerbaijan, not the United
    States). Places and countries not listed match any."""
    table = {"city": PLACE_AREA, "region": PLACE_AREA, "country": COUNTRY_REGION}.get(type_)
    if table is None:
        return True
    here, there = table.get(answer), table.get(other)
    if _holds(answer, there) or _holds(other, here):
        return False  # Aghdam lies in Karabakh: "in Aghdam" is half true for "in Karabakh"
    return here is None or there is None or here == there


def _holds(place: str, area: str | None) -> bool:
    """Whether `place` is, or is named for, the `area` another place lies in ("Karabakh" and
    "Nagorno-Karabakh" both hold Aghdam, whose area is Karabakh)."""
    return bool(area) and (place == area or re.search(rf"\b{re.escape(area)}$", place) is not None)
