"""Who reported it: the one place where a question's attribution is worded and decided."""

import re
from collections.abc import Iterable

from .types import Fact

# The voices of an article (content.models.Article.Voice) and how a claim from each is credited.
_VOICE_PHRASES = {
    "opinion": "an opinion piece in",
    "official": "an official statement published by",
}


def attribution_for(*, outlet: str, voice: str) -> str:
    """Return the phrase that credits a claim to its source: "According to TRT", or
    "According to an opinion piece in the Caspian Post".

    A claim stated by a single source is always attributed, so every generated question starts
    with this phrase. Outlet names that read as a common noun phrase ("Caspian Post",
    "Guardian") take "the"; names that are acronyms or already start with "The" do not.
    """
    name = " ".join(outlet.split()) or "an unnamed outlet"
    phrase = _VOICE_PHRASES.get(voice, "")
    if phrase:
        return f"According to {phrase} {_with_article(name)}"
    return f"According to {_with_article(name)}"


def _with_article(name: str) -> str:
    first = name.split()[0]
    if first.lower() in ("the", "an", "a") or first.isupper() or len(name.split()) == 1:
        return name
    if first.lower() in _INSTITUTIONS:
        return f"the {name}"
    # Newspaper-like names ("Caspian Post", "New York Times") read with "the".
    if name.split()[-1].lower() in _TITLE_NOUNS:
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
