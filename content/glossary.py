"""Finding contested terms in a text and rendering the text with their glosses.

Pure functions over strings and term-like objects (anything with `forms` and `gloss`
attributes, such as `content.models.ContestedTerm`): no database access here. The template tag
`{% glossed %}` (content/templatetags/glossary.py) loads the terms (from the cache, else the
database) once per request and calls `render_glossed`.
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

    def __str__(self):
        return self.term

    @classmethod
    def of(cls, term):
        """Copy a term-like object (`term`, `forms` and `gloss` attributes)."""
        return cls(term=str(term), forms=tuple(_forms_of(term)), gloss=_gloss_of(term))


@dataclass(frozen=True)
class TermMatch:
    """A term found in a text: `text[start:end]` is one of `term.forms`, as written."""

    start: int
    end: int
    term: object


class Glossary:
    """A compiled set of terms: build it once, then match it against any number of texts.

    `version` names the terms, their forms and glosses: two glossaries with the same version
    render every text alike (the same in every process, so it may key a shared cache).
    """

    def __init__(self, terms):
        self.terms = list(terms)
        self.version = hashlib.blake2b(
            repr([(str(t), _forms_of(t), _gloss_of(t)) for t in self.terms]).encode(),
            digest_size=8,
        ).hexdigest()
        by_form = {}
        for term in self.terms:
            for form in _forms_of(term):
                key = _fold(form)
                if key and key not in by_form:  # the first term to claim a form keeps it
                    by_form[key] = term
        self._by_form = by_form
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
        """The terms in `text`, left to right, never overlapping (see `find_terms`)."""
        if self._pattern is None or not text:
            return []
        matches = []
        for match in self._pattern.finditer(text):
            term = self._by_form.get(_fold(match.group()))
            if term is not None:
                matches.append(TermMatch(start=match.start(), end=match.end(), term=term))
        return matches


def find_terms(text, terms):
    """Return where the terms occur in `text`: a list of `TermMatch(start, end, term)`.

    A term matches through any of its forms (`term.forms`, or `str(term)` for a plain string)
    as whole words, ignoring case and treating any run of spaces or hyphens in a form as
    matching any run of spaces or hyphens. Where forms overlap, the leftmost match wins and,
    at one position, the longest; matches never overlap. `terms` may be a prebuilt `Glossary`.
    """
    glossary = terms if isinstance(terms, Glossary) else Glossary(terms)
    return glossary.find(text)


def render_glossed(text, *, glossary, highlight=None, ids=None):
    """Return `text` as safe HTML: escaped, every term of `glossary` wrapped in a focusable
    element whose gloss shows on hover and keyboard focus, and the span `highlight`
    (start, end) in `<mark>`.

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
        parts.append(
            '<span class="term-wrap">'
            f'<span class="term" tabindex="0" aria-describedby="{escape(gloss_id)}">'
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


_SEPARATORS = re.compile(r"[\s\-‐‑–]+")


def _fold(form):
    """The key a form is looked up by: case-folded, spaces and hyphens made one space."""
    return _SEPARATORS.sub(" ", str(form)).strip().casefold()


def _form_pattern(folded):
    return r"[\s\-‐‑–]+".join(re.escape(word) for word in folded.split(" "))
