"""Neutral wording: a question never states one side's loaded term in its own voice.

The glossary (content.models.ContestedTerm) lists the terms one side uses for what the other
side names differently ("martyrs", "liberation", "occupation", "ethnic cleansing"...). A stem
built from an outlet's sentence may carry them; `neutral_wording` rewrites the stem so it does
not: a small, explicit set of rewrites where a neutral phrase keeps the sentence true and
grammatical ("how many villages did the army liberate from occupation?" -> "... take control
of?"), and quotation marks around every other use ("the day of the “liberation” of Shusha").
A proper name holding a term ("the Alley of Martyrs") is a name, not a use: it stays. The
feedback shows the outlet's own sentence, untouched.

Pure: strings in, a string out.
"""

import re
from functools import lru_cache

# Loaded terms the generator knows even when the glossary does not list them: both sides call
# the other's troop movements an "infiltration".
BUILT_IN_TERMS: tuple[tuple[str, ...], ...] = (
    ("infiltration", "infiltrations", "infiltrated", "infiltrate", "infiltrates", "infiltrating"),
)

_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|‘[^’]*’")

# The rewrites, tried in order on the stem's own words (not inside quotation marks). Each keeps
# the sentence true and grammatical wherever its pattern matches:
# - "liberate X from occupation" and "liberate" as a verb mean that the army took the land:
#   "take control of" says that without the claim that it freed it;
# - "under (Armenian) occupation": "under (Armenian) control";
# - "martyrs" an army, forces or troops lost: soldiers ("how many soldiers did the army lose?").
_VERB_SUBJECT = (
    r"(?:army|armies|forces|troops|soldiers|units|Azerbaijan|Armenia|it|they|which|who|that)"
)
_REWRITES: tuple[tuple[str, re.Pattern, str], ...] = (
    # (the form the rewrite removes, what it matches, what it writes instead)
    ("liberate", re.compile(r"\bliberate from (?:\w+ )?occupation\b"), "take control of"),
    ("liberate", re.compile(r"\bliberate (\S.{0,60}?) from (?:\w+ )?occupation\b"),
     r"take control of \1"),
    ("liberated", re.compile(rf"\b({_VERB_SUBJECT}) liberated (\S.{{0,60}}?) from (?:\w+ )?"
                             r"occupation\b"), r"\1 took control of \2"),
    ("liberate", re.compile(r"\bliberate\b"), "take control of"),  # the base form is a verb
    ("liberates", re.compile(r"\bliberates\b"), "takes control of"),
    ("liberated", re.compile(rf"\b({_VERB_SUBJECT}) liberated (?=(?:the|its|their|[A-Z]|\d))"),
     r"\1 took control of "),
    ("occupation", re.compile(r"\bunder (Armenian |Azerbaijani )?occupation\b"), r"under \1control"),
)  # fmt: skip
_MARTYRS = re.compile(r"\bmartyrs\b")
_ARMY_LOSES = re.compile(
    r"\b(?:army|armed forces|forces|troops)\b.*\blos[et]\b|\blos[et]\b.*\b(?:army|armed forces|forces|troops)\b"
)


def neutral_wording(text: str, *, terms: tuple[tuple[str, ...], ...] = ()) -> str:
    """Return `text` (a stem, or the part of it after the attribution) with no loaded term of
    `terms` (each a tuple of forms, the term first; `BUILT_IN_TERMS` are always added) in its
    own voice: rewritten where an explicit neutral phrase fits, else put inside quotation marks.
    Terms already inside quotation marks, and proper names holding a term ("Alley of
    Martyrs"), are left as they are. Text without such a term comes back unchanged."""
    forms = _forms_of(tuple(terms) + BUILT_IN_TERMS)
    if not forms or not _find(text, forms):
        return text
    text = _rewrite(text, forms)
    pieces, position = [], 0
    for start, end in _find(text, forms):
        pieces.append(text[position:start])
        pieces.append(f"“{text[start:end]}”")
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def unquoted_terms(text: str, *, terms: tuple[tuple[str, ...], ...] = ()) -> list[str]:
    """The loaded terms `text` states in its own voice: outside quotation marks and not part of
    a proper name (what `neutral_wording` leaves none of)."""
    forms = _forms_of(tuple(terms) + BUILT_IN_TERMS)
    return [text[start:end] for start, end in _find(text, forms)] if forms else []


@lru_cache(maxsize=64)
def _forms_of(terms):
    """Every form of `terms`, longest first, as whole-word patterns (hyphen or space alike)."""
    forms = {" ".join(str(form).split()) for forms in terms for form in forms if str(form).strip()}
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


@lru_cache(maxsize=64)
def _pattern(forms):
    alternatives = "|".join(
        r"[\s\-‐‑–]+".join(re.escape(word) for word in re.split(r"[\s\-‐‑–]+", form))
        for form in forms
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _find(text, forms):
    """(start, end) of each use of a form in `text` in the text's own voice."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    found = []
    for match in _pattern(forms).finditer(text):
        start, end = match.span()
        if any(q_start <= start and end <= q_end for q_start, q_end in quoted):
            continue
        if (
            start
            and text[start - 1] in _OPEN_QUOTES
            and end < len(text)
            and text[end] in _CLOSE_QUOTES
        ):
            continue
        if _in_proper_name(text, start, end, forms):
            continue
        found.append((start, end))
    return found


_NAME_LINKS = {"of", "the", "de", "for", "and"}


def _in_proper_name(text, start, end, forms):
    """Whether text[start:end] is part of a name: capitalised mid-sentence although the term is
    written in lower case ("the Alley of Martyrs"), or a capitalised term joined to other
    capitalised words ("Patriotic War Museum", "Republic of Artsakh")."""
    written = text[start:end]
    lower_term = any(form.lower() == written.lower() and form[:1].islower() for form in forms)
    before = text[:start].rstrip()
    sentence_start = not before or before[-1] in '.?!:;,“"('
    if written[:1].isupper() and lower_term:
        return not sentence_start or _capitalised_neighbour(text, start, end)
    if written[:1].isupper():
        return _capitalised_neighbour(text, start, end)
    return False


def _capitalised_neighbour(text, start, end):
    words_before = re.findall(r"[\w’'-]+", text[:start])[-3:]
    words_after = re.findall(r"[\w’'-]+", text[end:])[:1]
    if words_after and words_after[0][:1].isupper():
        return True
    # "Republic of Artsakh", "Alley of Martyrs": a capitalised word, perhaps through "of".
    for word in reversed(words_before):
        if word.lower() in _NAME_LINKS and word[:1].islower():
            continue
        return word[:1].isupper() and word.lower() not in ("according",)
    return False


def _rewrite(text, forms):
    """Apply the explicit neutral rewrites of the loaded `forms` outside quotation marks."""
    known = {form.lower() for form in forms}
    parts, position = [], 0
    for match in _QUOTED.finditer(text):
        parts.append((False, text[position : match.start()]))
        parts.append((True, match.group()))
        position = match.end()
    parts.append((False, text[position:]))
    out = []
    for quoted, part in parts:
        if not quoted:
            for form, pattern, replacement in _REWRITES:
                if form in known:
                    part = pattern.sub(replacement, part)
            if "martyrs" in known and _MARTYRS.search(part) and _ARMY_LOSES.search(part):
                part = _MARTYRS.sub("soldiers", part)
        out.append(part)
    return "".join(out)
