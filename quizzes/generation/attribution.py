"""Who reported it: the one place where a question's attribution is worded and decided."""

import re
from collections.abc import Iterable

from .display import format_date_value
from .types import Fact

# How a claim from an opinion piece is credited (content.models.Article.Voice). An official
# statement needs no phrase: the outlet's attribution name ("Armenia's Foreign Ministry") says
# whose statement it is.
_VOICE_PHRASES = {
    "opinion": "an opinion piece in",
}
_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")


def attribution_for(*, outlet: str, voice: str, name: str = "") -> str:
    """Return the phrase that credits a claim to its source: "According to TRT", "According to
    Armenia's Foreign Ministry", or "According to an opinion piece in the Caspian Post".

    `name` is the outlet's attribution name (content.models.Outlet.attribution_name), used as
    written; when it is blank, `default_attribution_name(outlet)` stands in for it. Never a
    parenthesis, an archive or a date: `anchored_attribution` adds the date when a question
    needs it. A claim stated by a single source is always attributed, so every generated
    question starts with this phrase.
    """
    spoken = " ".join(name.split()) or default_attribution_name(outlet)
    phrase = _VOICE_PHRASES.get(voice, "")
    if phrase:
        return f"According to {phrase} {spoken}"
    return f"According to {spoken}"


def default_attribution_name(outlet: str) -> str:
    """The name a claim is credited to when the outlet has no attribution name: its name
    without anything in brackets ("Ministry of Foreign Affairs of Azerbaijan (Embassy in
    Berlin)" -> "the Ministry of Foreign Affairs of Azerbaijan"), with "the" before names that
    read as a common noun phrase ("Caspian Post", "Ministry of ...") or name a public body
    ("Millennium Challenge Corporation", "Delegation of the European Union to Armenia", "Peace
    Corps"); acronyms, one-word names, possessives, countries and names that already start with
    an article stay as they are."""
    name = " ".join(_BRACKETS.sub("", outlet).split()) or " ".join(outlet.split())
    return _with_article(name) if name else "an unnamed outlet"


def anchored_attribution(attribution: str, published) -> str:
    """The attribution with the article's date, for a question that holds only as of that day
    ("According to TRT on 8 November 2023, ..."): no brackets."""
    return f"{attribution} on {format_date_value(published.isoformat(), 'day')}"


_INNER_ATTRIBUTION = re.compile(r"^[Aa]ccording to ")
# A source that names nobody: "According to the latest data, ..." adds nothing after the outlet.
_NAMELESS_SOURCE = re.compile(
    r"^[Aa]ccording to (?:the )?(?:(?:latest|last|new|recent|preliminary|initial|early|official"
    r"|available|current|updated) )*(?:data|figures|statistics|estimates|information|numbers"
    r"|reports?|counts?|results),\s*"
)


def cited_within(body: str) -> str:
    """The question's words after its attribution, when the sentence has its own "According to
    ...": a source that names nobody ("the latest data") is dropped; a named one is cited
    ("According to TRT, citing the governor's office, ..."), never "according to" twice."""
    if _NAMELESS_SOURCE.match(body):
        return _NAMELESS_SOURCE.sub("", body, count=1)  # the caller lower-cases what opens it
    return _INNER_ATTRIBUTION.sub("citing ", body, count=1)


def _with_article(name: str) -> str:
    words = name.split()
    first = words[0]
    if first.lower() in ("the", "an", "a") or len(words) == 1:
        return name
    if any(word.endswith(("'s", "’s")) for word in words):
        return name  # "Armenia's Foreign Ministry"
    if first.lower() in _INSTITUTIONS or {w.lower() for w in words} & _BODIES:
        return f"the {name}"  # "the Ministry of ...", "the U.S. Department of State"
    if _headed_by_a_body(words):
        return f"the {name}"  # "the Georgia National Guard", "the Army of Azerbaijan"
    if first.isupper():
        return name  # "TRT World", "NASA Space Station Blog"
    # Newspaper-like names ("Caspian Post", "New York Times") read with "the".
    if words[-1].lower() in _TITLE_NOUNS:
        return f"the {name}"
    return name


_TITLE_NOUNS = {
    "post", "times", "news", "herald", "guardian", "telegraph", "journal", "tribune",
    "observer", "mirror", "gazette", "independent", "chronicle", "agency", "monitor",
    "review", "daily", "weekly", "express", "standard", "star", "globe", "economist",
    "insider", "report", "press", "courier", "sun", "messenger", "ministry", "office",
}  # fmt: skip
_INSTITUTIONS = {"ministry", "office", "government", "embassy", "council", "administration",
                 "presidential", "press", "state", "foreign", "defence", "defense"}  # fmt: skip
# Words naming a public body: a name holding one reads with "the".
# "the Millennium Challenge Corporation", "the Delegation of the European Union to Armenia",
# "the Peace Corps", "the Georgia National Guard"; never a bare acronym ("NASA"), a one-word name ("Wikinews") or a country.
_BODIES = {"department", "ministry", "office", "agency", "service", "survey", "council",
           "commission", "government", "embassy", "administration", "secretariat",
           "corporation", "delegation", "mission", "corps", "authority", "bureau", "board",
           "committee", "directorate", "organisation", "organization", "institute",
           "foundation", "programme", "program", "centre", "center", "union", "assembly",
           "parliament", "court", "tribunal", "bank", "fund", "consulate", "observatory",
           "cabinet", "presidency", "secretary", "command", "coalition", "alliance"}  # fmt: skip
# Nouns naming a body only as the name's head (its last word, or the one before "of"): "the
# Georgia National Guard", "the U.S. Air Force", but "U.S. Armed Forces Sports" is a name.
_HEAD_BODIES = {"guard", "force", "forces", "army", "navy", "police", "marines", "academy",
                "university", "hospital", "network", "association", "federation"}  # fmt: skip


def _headed_by_a_body(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    head = lowered.index("of") - 1 if "of" in lowered[1:] else len(lowered) - 1
    return lowered[head] in _HEAD_BODIES


_CASUALTY_WORDS = re.compile(
    r"\b(?:killed|dead|deaths?|died|martyrs?|casualties|wounded|injured|injuries|missing"
    r"|fatalities|victims|lost)\b",
    re.IGNORECASE,
)
_MONEY_UNITS = {"USD", "EUR", "GBP", "AZN", "AMD", "RUB", "TRY"}


def is_casualty_or_money(*, fact: Fact, sentence: str) -> bool:
    """Whether `fact` is a casualty figure ("2,908 martyrs", "94 civilians died") or an amount
    of money: figures that are always attributed, whoever else reports them."""
    if fact.kind != "number":
        return False
    if fact.unit in _MONEY_UNITS:
        return True
    around = sentence[max(0, fact.start - 40) : fact.end + 40]
    return bool(_CASUALTY_WORDS.search(fact.text) or _CASUALTY_WORDS.search(around))


def attribution_may_be_dropped(
    *, alignments: Iterable[str], casualty_or_money: bool = False
) -> bool:
    """The attribution rule: a claim keeps its "According to ..." unless outlets of at least
    two different known alignments (content.models.Outlet.Alignment: "azerbaijan", "armenia",
    "third_party") state the same fact; casualty and money figures keep it always.

    `alignments` are those of every outlet whose articles state the fact, the asking article's
    own included. "unknown" (not yet assessed) never counts towards corroboration.
    """
    if casualty_or_money:
        return False
    known = {a for a in alignments if a and a != "unknown"}
    return len(known) >= 2
