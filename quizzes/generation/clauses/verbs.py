"""Verb forms for inversion and do-support: the finite verb a question inverts ("had to
leave"), the base form after "did", and a verb given the tense of the one it hangs from."""

import re

from ..parser import verb_lemmas
from .clause import _Clause
from .tokens import _VERBAL


def _infinitive_head(verb):
    """The finite verb of "had to leave", "decided to build": the question inverts it."""
    while (
        verb.dep_ in ("xcomp", "ccomp")
        and verb.head.pos_ in _VERBAL
        and (
            any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
            or (verb.dep_ == "xcomp" and verb.tag_ == "VBG" and verb.head.lemma_ in _ASPECTUAL)
        )
    ):
        verb = verb.head
    return verb


# Verbs whose infinitive happens when they do: "had to leave in 2020", "began to fall in May".
_SAME_TIME_HEADS = {"have", "need", "begin", "start", "continue", "be"}
# Verbs whose gerund complement is the same event: "began placing markers", "kept firing".
_ASPECTUAL = {"begin", "start", "continue", "stop", "keep", "finish", "resume", "cease"}


def _retensed(clause: _Clause) -> dict[int, str]:
    """The verb's base form where the question gives it the auxiliaries of the verb it hangs
    from ("will spend six months conducting" → "will ... conduct")."""
    if clause.tag == "VB" and clause.verb.tag_ != "VB":
        return {clause.verb.i: base_form(clause.verb)}
    return {}


def base_form(verb) -> str:
    """The verb's base form for do-support. The lemmatizer reads "staged" as "stag" when both
    are verbs it knows; a short verb ending consonant-vowel-consonant would have doubled its
    last letter ("stagged"), so the base is the one with "e"."""
    lemma = verb.lemma_.lower()
    text = verb.lower_
    if (
        text == lemma + "ed"
        and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", lemma)
        and lemma + "e" in verb_lemmas()
    ):
        return lemma + "e"
    return lemma
