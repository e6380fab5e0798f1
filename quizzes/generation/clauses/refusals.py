"""Why a fact, or the words a stem keeps, cannot be asked about: the fact is part of a longer
name or a distance in time, or the stem would keep a pronoun pointing outside it, a
quotation, part of another fact, or a clause the parser misread. (Refusals that depend on
how a phrase attaches stay where it is found: `answer`, `clause`, `cloze`.)"""

from ..types import Fact
from .clause import _Clause
from .tokens import _VERBAL, _pronoun, _span_root, fact_tokens


def _fact_root(tokens):
    """The root of the fact's tokens, or None when they have no single root or are part of a
    longer name."""
    root = _span_root(tokens)
    if root is None or _in_name(root, {t.i for t in tokens}):
        return None
    return root


def _in_name(root, inside: set[int]) -> bool:
    """Whether the fact is part of a longer name ("the ______ Space Agency", "the President of
    the Russian Federation ______"): a proper noun of it modifies, or is modified by, a proper
    noun outside it."""
    doc = root.doc
    if root.dep_ in ("compound", "flat") and root.head.i not in inside:
        return root.head.pos_ == "PROPN"
    for i in inside:
        for child in doc[i].children:
            if (
                child.i not in inside
                and child.dep_ in ("compound", "flat")
                and child.pos_ == "PROPN"
                and child.i == min(inside) - 1
                and child.is_title
            ):
                # "Minister Nikol Pashinyan" is a title, not a longer name
                return child.lower_ not in _TITLES
    return False


_TITLES = {"president", "minister", "secretary", "spokesperson", "ambassador", "general",
           "chancellor", "king", "queen", "prince", "governor", "mayor", "commander",
           "colonel", "deputy", "chairman", "chair", "director", "speaker", "premier",
           "senator", "representative", "envoy", "officer", "captain", "sergeant",
           "lieutenant", "major", "admiral", "pope", "patriarch", "sheikh", "emir"}  # fmt: skip


def _distance_in_time(root) -> bool:
    """Whether a figure measures how long before or after something ("18 months after floods
    destroyed the old crossing")."""
    return root.head.lower_ in ("after", "before", "later", "earlier", "ago") or (
        root.dep_ == "npadvmod"
        and any(c.dep_ == "mark" and c.lower_ in ("after", "before") for c in root.head.children)
    )


def _unfit(doc, kept: set[int], clause: _Clause, siblings: tuple[Fact, ...]) -> bool:
    """Whether the words a stem keeps cannot stand alone: a pronoun whose antecedent the stem
    does not show, someone's words in quotation marks, or part of another fact."""
    return (
        (any(_pronoun(doc[i]) for i in kept) and not _own_antecedent(doc, clause))
        or _quoted(doc, kept)
        or _cuts_a_fact(doc, kept, siblings)
        or _orphaned_phrase(doc, kept)
    )


def _misread_clause(doc, kept) -> bool:
    """Whether the parse joined a clause's subject to a noun phrase ("treated for minor
    injuries and 9 buildings were damaged"): a kept noun conjunct right before a verb the
    question does not keep."""
    for i in kept:
        token = doc[i]
        if token.dep_ != "conj" or token.pos_ in _VERBAL or token.head.i not in kept:
            continue
        after = max(t.i for t in token.subtree) + 1
        while after < len(doc) and doc[after].is_punct and after not in kept:
            after += 1
        if (
            after < len(doc)
            and after not in kept
            and (doc[after].pos_ in _VERBAL or any(t.dep_ == "ROOT" for t in doc[after:]))
        ):
            return True
    return False


def _orphaned_phrase(doc, kept) -> bool:
    """Whether a kept prepositional phrase comes right after a noun the stem drops, with no
    comma between: the parser hung it on the verb, but it is the noun's ("with top sustained
    winds at 85 mph" read as if the storm "maintains category 1 status at 85 mph")."""
    for i in kept:
        token = doc[i]
        if token.dep_ != "prep" or i == 0 or i - 1 in kept:
            continue
        before = doc[i - 1]
        if (
            before.pos_ in ("NOUN", "PROPN")
            and before.dep_ == "pobj"
            and before.head.lower_ == "with"
            and before.head.i not in kept
        ):
            return True
    return False


def _cuts_a_fact(doc, kept, siblings) -> bool:
    """Whether the question keeps part of another fact and drops the rest ("magnitude 5.2
    tremor" left as "5.2 tremor")."""
    for other in siblings:
        tokens = {t.i for t in fact_tokens(doc, other)}
        if tokens & kept and not tokens <= kept:
            return True
    return False


def _quoted(doc, indices) -> bool:
    """Whether the words kept span a quotation: someone's words, not a statement of fact."""
    marks = [t for t in doc if t.text in ('"', "“", "”")]
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        inner = range(opening.i + 1, closing.i)
        if not any(i in indices for i in inner):
            continue
        quoted = doc[opening.i + 1 : closing.i]
        if len(quoted) > 4 or any(t.pos_ in _VERBAL for t in quoted):
            return True  # someone's words; a short term in quotation marks is kept as such
    return False


def _own_antecedent(doc, clause: _Clause) -> bool:
    """Whether every pronoun of the question is a possessive whose antecedent is the
    question's own subject ("the army liberated its lands")."""
    subject_nouns = [doc[i] for i in clause.subject if doc[i].pos_ in ("NOUN", "PROPN")]
    kept = clause.subject | clause.rest | clause.trailing
    for i in kept:
        token = doc[i]
        if not _pronoun(token):
            continue
        if token.tag_ != "PRP$" or not subject_nouns or i in clause.subject:
            return False
        if token.lower_ in ("his", "her") and not any(t.pos_ == "PROPN" for t in subject_nouns):
            return False  # "the detour had cost his company ...": whose?
    return True
