"""Finding contested terms in a text and rendering the text with their glosses.

Pure functions over strings and term-like objects (anything with `forms` and `gloss`
attributes, and optionally `usage`, such as `content.models.ContestedTerm`): no database access
here. The template tag `{% glossed %}` (content/templatetags/glossary.py) loads the terms (from
the cache, else the database) once per request and calls `render_glossed`.

What counts as a flag (a use that says where the writer stands):
- A term of one side's usage or a place name that differs by side is flagged wherever it is
  used. A term of third-party / international usage ("Nagorno-Karabakh", "offensive") is the
  neutral word: it is found and glossed as background (`TermMatch.flagged` is False, and the
  reader styles it apart), never flagged as a side's term.
- A term the glossary writes in lower case ("martyrs", "liberation") written capitalised as
  part of a multi-word proper name ("the Alley of Martyrs", "Martyrs' Lane") is a name, not a
  use: it is not matched at all. A line in title case (a headline) gives no such signal, so
  there the term still counts. Terms that are themselves names ("Artsakh", "Patriotic War")
  keep counting inside longer names ("Republic of Artsakh" is still the Armenian name).
- "Karabakh" alone is neutral background, not a flag: all sides and international writers use
  it as the short name, so it says little about the writer by itself.
"""

import hashlib
import itertools
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class GlossTerm:
    """A term as the glossary needs it: its name, the forms it is matched by and its gloss.

    A plain copy of a `ContestedTerm`, small enough to keep in a cache.
    """

    term: str
    forms: tuple[str, ...]
    gloss: str
    usage: str = ""

    def __str__(self):
        return self.term

    @classmethod
    def of(cls, term):
        """Copy a term-like object (`term`, `forms`, `gloss` and, if it has one, `usage`)."""
        return cls(
            term=str(term),
            forms=tuple(_forms_of(term)),
            gloss=_gloss_of(term),
            usage=_usage_of(term),
        )


# ContestedTerm.Usage.THIRD_PARTY: the neutral, international words (kept as a string so this
# module stays free of the ORM; a test pins it to the model's choice).
NEUTRAL_USAGE = "third_party"


@dataclass(frozen=True)
class TermMatch:
    """A term found in a text: `text[start:end]` is one of `term.forms`, as written."""

    start: int
    end: int
    term: object

    @property
    def flagged(self):
        """True when the use says where the writer stands: the term is one side's usage or a
        place name that differs by side, not the neutral international word."""
        return _usage_of(self.term) != NEUTRAL_USAGE


class Glossary:
    """A compiled set of terms: build it once, then match it against any number of texts.

    `version` names the terms, their forms, glosses and usage: two glossaries with the same
    version render every text alike (the same in every process, so it may key a shared cache).
    """

    def __init__(self, terms):
        self.terms = list(terms)
        self.version = hashlib.blake2b(
            repr([(str(t), _forms_of(t), _gloss_of(t), _usage_of(t)) for t in self.terms]).encode(),
            digest_size=8,
        ).hexdigest()
        by_form, common = {}, set()
        for term in self.terms:
            for form in _forms_of(term):
                key = _fold(form)
                if key and key not in by_form:  # the first term to claim a form keeps it
                    by_form[key] = term
                    if form == form.lower():
                        common.add(key)  # a common noun or verb, which a proper name may hold
        self._by_form = by_form
        self._common = frozenset(common)
        # Longest forms first: at any position the alternation then takes the longest form
        # ("local anti-terror measures" before "anti-terror measures").
        forms = sorted(by_form, key=lambda form: (-len(form), form))
        self._pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(_form_pattern(form) for form in forms) + r")(?!\w)",
                re.IGNORECASE,
            )
            if forms
            else None
        )

    def __bool__(self):
        return bool(self._by_form)

    def find(self, text):
        """The terms in `text`, left to right, never overlapping (see `find_terms`): flags and
        neutral background alike, never a term inside a proper name."""
        if self._pattern is None or not text:
            return []
        matches = []
        for match in self._pattern.finditer(text):
            key = _fold(match.group())
            term = self._by_form.get(key)
            if term is None:
                continue
            if key in self._common and _inside_proper_name(text, match.start(), match.end()):
                continue
            matches.append(TermMatch(start=match.start(), end=match.end(), term=term))
        return matches

    def flags(self, text):
        """The flagged uses in `text` (see `find_flags`)."""
        return [match for match in self.find(text) if match.flagged]


def find_terms(text, terms):
    """Return where the terms occur in `text`: a list of `TermMatch(start, end, term)`.

    A term matches through any of its forms (`term.forms`, or `str(term)` for a plain string)
    as whole words, ignoring case and treating any run of spaces or hyphens in a form as
    matching any run of spaces or hyphens. Where forms overlap, the leftmost match wins and,
    at one position, the longest; matches never overlap. `terms` may be a prebuilt `Glossary`.
    A form the glossary writes in lower case that stands capitalised in a multi-word proper
    name ("the Alley of Martyrs") is not matched. Neutral (third-party) terms are matched too;
    `TermMatch.flagged` tells them apart.
    """
    glossary = terms if isinstance(terms, Glossary) else Glossary(terms)
    return glossary.find(text)


def find_flags(text, terms):
    """Return the uses in `text` that say where the writer stands, as `find_terms` finds
    them but without the neutral terms of third-party / international usage."""
    glossary = terms if isinstance(terms, Glossary) else Glossary(terms)
    return glossary.flags(text)


def render_glossed(text, *, glossary, highlight=None, ids=None):
    """Return `text` as safe HTML: escaped, every term of `glossary` wrapped in a focusable
    element whose gloss shows on hover and keyboard focus, and the span `highlight`
    (start, end) in `<mark>`. A neutral term (not a flag) carries the class `term-neutral`.

    The text is untrusted: everything in it is escaped. A highlight that overlaps a term is
    split at the term's edges so the markup stays well nested. `ids` yields unique ids for
    the glosses (`aria-describedby`); pass one iterator per page. An invalid highlight (out of
    the text, empty) is ignored.
    """
    text = text or ""
    ids = ids if ids is not None else (f"gloss-{n}" for n in itertools.count(1))
    mark = None
    if highlight is not None:
        start, end = highlight
        if start is not None and end is not None and 0 <= start < end <= len(text):
            mark = (start, end)
    matches = glossary.find(text) if glossary else []
    parts, position = [], 0
    for match in matches:
        parts.append(_marked(text, position, match.start, mark))
        gloss_id = next(ids)
        css_class = "term" if match.flagged else "term term-neutral"
        parts.append(
            '<span class="term-wrap">'
            f'<span class="{css_class}" tabindex="0" aria-describedby="{escape(gloss_id)}">'
            f"{_marked(text, match.start, match.end, mark)}</span>"
            f'<span class="term-gloss" role="tooltip" id="{escape(gloss_id)}">'
            f"<strong>{escape(match.term)}</strong>: {escape(_gloss_of(match.term))}"
            "</span></span>"
        )
        position = match.end
    parts.append(_marked(text, position, len(text), mark))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def _marked(text, start, end, mark):
    """text[start:end], escaped, with the part inside `mark` wrapped in <mark>."""
    if start >= end:
        return ""
    if mark is None or mark[1] <= start or mark[0] >= end:
        return escape(text[start:end])
    inner_start, inner_end = max(start, mark[0]), min(end, mark[1])
    return (
        escape(text[start:inner_start])
        + f"<mark>{escape(text[inner_start:inner_end])}</mark>"
        + escape(text[inner_end:end])
    )


def _forms_of(term):
    forms = getattr(term, "forms", None)
    return [str(form) for form in forms] if forms is not None else [str(term)]


def _gloss_of(term):
    return getattr(term, "gloss", "") or ""


def _usage_of(term):
    return str(getattr(term, "usage", "") or "")


# A capitalised word, and the small words a name may hold between its capitalised words
# ("Alley of Martyrs", "Square of the Martyrs").
_NAME_WORD = r"[A-Z][\w'’‐-]*"
_NAME_BEFORE = re.compile(rf"{_NAME_WORD}[ \t]+(?:(?:of|the|for|to|de)[ \t]+)*\Z")
_NAME_AFTER = re.compile(rf"(?:['’]s?)?[ \t]+{_NAME_WORD}")
_WORD = re.compile(r"[A-Za-z][\w'’]*")


def _inside_proper_name(text, start, end):
    """Whether text[start:end], a common word of the glossary, is written as part of a
    multi-word proper name: each of its words capitalised, next to another capitalised word
    ("Martyrs' Lane"), or after one through "of", "the"... ("the Alley of Martyrs"), in a line
    that is not in title case."""
    written = text[start:end]
    if not all(word[0].isupper() for word in _WORD.findall(written)):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if _title_cased(line):
        return False  # a headline capitalises every word: no sign of a name
    return bool(_NAME_AFTER.match(text, end) or _NAME_BEFORE.search(text[line_start:start]))


def _title_cased(line):
    """Whether `line` is written in title case, as a headline: every word of four letters or
    more capitalised, but for the small words headlines leave in lower case."""
    words = [word for word in _WORD.findall(line) if len(word) >= 4]
    lower = [word for word in words if word[0].islower() and word not in _HEADLINE_SMALL_WORDS]
    return len(words) >= 3 and not lower


_HEADLINE_SMALL_WORDS = frozenset({"from", "into", "onto", "over", "than", "that", "upon", "with"})


_SEPARATORS = re.compile(r"[\s\-‐‑–]+")


def _fold(form):
    """The key a form is looked up by: case-folded, spaces and hyphens made one space."""
    return _SEPARATORS.sub(" ", str(form)).strip().casefold()


def _form_pattern(folded):
    return r"[\s\-‐‑–]+".join(re.escape(word) for word in folded.split(" "))
