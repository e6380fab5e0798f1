"""Stems a learner reads at a glance (rubric point 1): a question that packs its whole sentence
("... make landfall as a Category 5 storm on Mexico's Yucatán coast after gaining strength in the
western Caribbean on the night of 20 August 2007?") is cut to the clause that holds its fact, or
held back for a teacher.

Over `MAX_WORDS` words (the attribution not counted; 95% of the tune and seed drafts have 21 or
fewer, the longest 32), `concise_stem` drops, one at a time and while the stem is too long, what
does not hold the fact: a non-restrictive relative clause (", which has been dormant since
1994,"), a participial phrase after a comma (", regrettably causing casualties"), and an
adverbial phrase of a gerund ("after gaining strength in the western Caribbean"). None of them
holds the blank, a figure or a date the stem depends on. What is still too long is reported as
such: its draft is held back.

Pure: strings in, strings out.
"""

import re
from dataclasses import dataclass

MAX_WORDS = 25

BLANK = "______"
_LEAD = re.compile(r"^According to [^,]+, (?:citing [^,]+, )?")
# What a stem can lose without losing its fact, in the order they are tried.
_DROPPABLE = (
    # ", which has been dormant since the end of the war," (closed by a comma)
    re.compile(r", (?:which|who) [^,?]+,(?= )"),
    # ", regrettably causing military and civilian casualties" at the end
    re.compile(r", (?:[a-z]+ly )?[a-z]+ing\b[^,?]*(?=[?.]$)"),
    # "after gaining strength in the western Caribbean" (to the end of its clause: a date in it
    # is the gerund's, so such a phrase is kept whole, not cut before its date)
    re.compile(r" (?:after|before|while|when|by|despite) [a-z]+ing\b[^,?.]*"),
)
_KEEP = re.compile(r"\d|" + re.escape(BLANK))


@dataclass(frozen=True)
class Concise:
    """A stem after shortening: `text`, what was dropped (`dropped`), and `overlong` when it is
    still over `MAX_WORDS` words."""

    text: str
    dropped: tuple[str, ...] = ()
    overlong: bool = False


def stem_words(text: str) -> int:
    """How many words a stem has, its opening attribution not counted."""
    return len(_LEAD.sub("", text, count=1).split())


def concise_stem(text: str) -> Concise:
    """`text` (a stem, with or without its attribution) cut to at most `MAX_WORDS` words by
    dropping what does not hold its fact (see the module's docstring); `overlong` when that is
    not enough. A stem within the limit is returned as it is."""
    dropped: list[str] = []
    for pattern in _DROPPABLE:
        if stem_words(text) <= MAX_WORDS:
            break
        for m in pattern.finditer(text):
            if _KEEP.search(m.group()):
                continue  # it holds the blank, a figure or a date
            dropped.append(m.group().strip(" ,"))
            text = text[: m.start()] + text[m.end() :]
            break
    return Concise(text=text, dropped=tuple(dropped), overlong=stem_words(text) > MAX_WORDS)
