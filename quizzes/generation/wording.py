"""Neutral wording: a question never states one side's loaded term in its own voice.

The glossary (content.models.ContestedTerm) lists the terms one side uses for what the other
side names differently ("martyrs", "liberation", "occupation", "ethnic cleansing"...). A stem
built from an outlet's sentence may carry them; `neutral_wording` rewrites the stem so it does
not: a small, explicit set of rewrites where a neutral phrase keeps the sentence true and
grammatical ("how many villages did the army liberate from occupation?" -> "... take control
of?"), and quotation marks around every other use ("the day of the “liberation” of Shusha").
A proper name holding a term ("the Alley of Martyrs") is a name, not a use: it stays. The
feedback shows the outlet's own sentence, untouched.

The answer and the choices speak in the question's voice too (`neutral_answer`): a count whose
noun is a loaded term shows the bare figure when the stem already names what is counted ("how
many soldiers did the army lose?" -> "2,908"), else the figure with the neutral noun the stem's
own rewrite uses ("the army lost ______" -> "2,908 soldiers"), else with the term quoted; the
choices are written in the answer's form, so all four stay alike. An answer that is itself a
loaded term ("Artsakh") is not asked.

Pure: strings in, a string out.
"""

import re
from functools import lru_cache

from .display import find_number_token

# Loaded terms the generator knows even when the glossary does not list them: both sides call
# the other's troop movements an "infiltration"; one side's names for the other's forces
# ("illegal armed formations", "terrorists"), for its acts ("aggression", "provocation"), for
# the war ("Patriotic War", "war for rights") and for its allies ("fraternal Turkey").
BUILT_IN_TERMS: tuple[tuple[str, ...], ...] = (
    ("infiltration", "infiltrations", "infiltrated", "infiltrate", "infiltrates", "infiltrating"),
    ("aggression", "Armenian aggression", "Azerbaijani aggression", "aggressor", "aggressors"),
    ("illegal armed formations", "illegal armed formation", "illegal Armenian armed formations",
     "illegal forces", "illegal armed forces", "illegal Armenian armed forces",
     "illegal armed groups", "illegal armed detachments", "illegal formations"),
    ("war for rights",),
    ("Patriotic War",),
    ("fraternal", "brotherly"),
    ("provocation", "provocations", "provocative"),
    ("terrorist", "terrorists", "terrorism"),
)  # fmt: skip

_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|‘[^’]*’")

# The rewrites, tried in order on the stem's own words (not inside quotation marks). Each keeps
# the sentence true and grammatical wherever its pattern matches:
# - "liberate X from occupation" and "liberate" as a verb mean that the army took the land:
#   "take control of" says that without the claim that it freed it;
# - "under (Armenian) occupation": "under (Armenian) control";
# - "martyrs" an army, forces or troops lost: soldiers ("how many soldiers did the army lose?");
# - "fraternal" (or "brotherly") before a country or a people: dropped ("fraternal Turkey").
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
    # "at the request of fraternal Turkey": the adjective goes, the country stays.
    ("fraternal", re.compile(r"\bfraternal (?=[A-Z]|countr|nation|people|state|all)"), ""),
    ("brotherly", re.compile(r"\bbrotherly (?=[A-Z]|countr|nation|people|state|all)"), ""),
)  # fmt: skip
_MARTYRS = re.compile(r"\bmartyrs\b")
# The same rewrite for a count's noun in an answer, singular too ("one martyr": "one soldier").
_NOUN_REWRITES: tuple[tuple[str, re.Pattern, str], ...] = (
    ("martyrs", re.compile(r"\bmartyrs\b", re.IGNORECASE), "soldiers"),
    ("martyrs", re.compile(r"\bmartyr\b", re.IGNORECASE), "soldier"),
)
_HOW_MANY = re.compile(r"\bhow (?:many|much)\b", re.IGNORECASE)
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


def neutral_answer(
    answer: str, *, stem: str, kind: str, terms: tuple[tuple[str, ...], ...] = ()
) -> str | None:
    """The display form of `answer` (a draft's answer, of a fact of `kind`: date, number or
    entity) with no loaded term of `terms` (plus `BUILT_IN_TERMS`) in its own voice, for the
    question whose finished, neutral stem is `stem`; or None when the answer is itself a loaded
    term, which a question cannot ask without stating it (not asked at all).

    A number's noun that is a loaded term goes: the bare figure, with what comes before it
    ("nearly 2,908"), when the stem asks "how many" and names the thing counted, by its neutral
    noun or by the term in quotation marks; else the neutral noun when the stem says what makes
    it true ("the army lost ______": "2,908 soldiers"); else the term in quotation marks
    ("2,908 “martyrs”"). An answer without such a term comes back unchanged."""
    forms = _forms_of(tuple(terms) + BUILT_IN_TERMS)
    if not forms or not _find(answer, forms):
        return answer
    number = find_number_token(answer) if kind == "number" else None
    if number is None:
        return None  # an entity or a phrase that is the term: "Artsakh", "Patriotic War"
    head, tail = answer[: number.end()], answer[number.end() :]
    if not _find(tail, forms):
        return None  # the term comes before the figure ("martyrs' 2,908 ..."): not a count
    known = {form.lower() for form in forms}
    neutral_tail = tail
    if _ARMY_LOSES.search(stem):
        for form, pattern, replacement in _NOUN_REWRITES:
            if form in known:
                neutral_tail = pattern.sub(replacement, neutral_tail)
    # What the stem counts: the last word of the noun, in its neutral form or quoted.
    counted = {w.lower() for w in re.findall(r"[\w’'-]+", neutral_tail)[-1:]}
    counted |= {tail[start:end].lower() for start, end in _find(tail, forms)}
    asked = _HOW_MANY.search(stem)
    if asked and counted:
        rest = stem[asked.end() :].lower()
        if any(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", rest) for word in counted):
            return head
    return head + neutral_wording(neutral_tail, terms=terms)


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
