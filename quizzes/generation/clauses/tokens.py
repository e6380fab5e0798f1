"""The fact's tokens in the parse, the word classes every step shares, and writing a set of
tokens back as text spaced and punctuated as in the sentence."""

import re

from ..types import Fact

_NOMINAL = ("NOUN", "PROPN", "NUM", "PRON")
_VERBAL = ("VERB", "AUX")
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_APPROX_WORDS = {"nearly", "almost", "approximately", "about", "around", "roughly", "some",
                 "over", "more", "than", "less", "fewer", "at", "least", "up", "to", "just",
                 "under", "close", "an", "estimated", "a", "total", "of"}  # fmt: skip
_TIME_NOUNS = {"night", "morning", "evening", "afternoon", "day", "dawn", "eve", "weekend"}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "us", "i", "me", "you",
             "his", "hers", "its", "their", "theirs", "our", "my", "your"}  # fmt: skip
_DEMONSTRATIVES = {"this", "these", "those", "such"}


def fact_tokens(doc, fact: Fact) -> list:
    """The tokens of `doc` that overlap the fact's span."""
    return [t for t in doc if t.idx < fact.end and t.idx + len(t.text) > fact.start]


def _span_root(tokens):
    """The token of `tokens` the others hang from, or None when they read as several phrases."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if len(roots) > 1:
        # "up to 420 workers": "up" read as the verb's particle
        roots = [t for t in roots if t.lower_ not in _APPROX_WORDS and not t.is_punct] or roots
    if len(roots) > 1:
        # "17 October, 2020" read as two phrases: the one a preposition governs is the date's
        governed = [t for t in roots if t.dep_ == "pobj"]
        return governed[0] if len(governed) == 1 else None
    return roots[0] if roots else None


def _list_head(token):
    """The first item of the list of noun phrases `token` is in (itself when it is in none): the
    parser hangs later items on the first as conjuncts or appositions."""
    while token.dep_ in ("conj", "appos") and token.head.pos_ in _NOMINAL:
        token = token.head
    return token


def _subtree(token) -> set[int]:
    """The indices of `token`'s phrase."""
    return {t.i for t in token.subtree}


def _pronoun(token) -> bool:
    """A personal pronoun or a demonstrative standing for something the question does not
    show: "it", "they", "this", "his"; a relative pronoun or "that" as a conjunction is not."""
    lower = token.lower_
    if lower in ("there", "here") and token.dep_ == "advmod":
        return True  # "have served there": where?
    if lower in _PRONOUNS:
        return token.tag_ in ("PRP", "PRP$")
    if lower == "this" and token.head.lower_ == "year":
        return False  # "this year's exercise": the article's year, written in by the stem
    if lower in _DEMONSTRATIVES or (lower == "that" and token.dep_ == "det"):
        return True
    return lower == "that" and token.dep_ in ("nsubj", "dobj", "pobj") and token.tag_ == "DT"


def _text(doc, indices, replace: dict[int, str] | None = None, hide=frozenset()) -> str:
    """The tokens at `indices`, in order, spaced as in the sentence; `hide` are counted for
    punctuation but not shown (the rest of a blanked fact)."""
    replace = replace or {}
    # A comma stays only between two kept words: one that set off a dropped phrase goes.
    indices = {
        i
        for i in indices
        if doc[i].text != ","
        or not _closes_apposition(doc[i])
        and not (i + 1 < len(doc) and doc[i + 1].pos_ == "ADP" and doc[i + 1].dep_ == "prep")
        and (
            (i - 1 in indices and i + 1 in indices and doc[i + 1].dep_ != "cc")
            or (i - 1 in indices and i + 2 in indices and doc[i + 1].dep_ == "cc")
        )
    }
    for i in list(indices):
        if doc[i].dep_ == "conj" and doc[i].pos_ not in _VERBAL:
            left = min(t.i for t in doc[i].subtree)
            if left > 1 and doc[left - 1].dep_ == "cc" and {left - 2, left - 3} & indices:
                indices = set(indices) | {left - 1}  # "a payment of ... and monthly support"
    indices = set(indices) - set(hide)
    # An abbreviation's period whose word was dropped ("Walter Reed, M.d. topped"): it goes too.
    indices -= {
        i
        for i in indices
        if doc[i].text == "." and 0 < i < len(doc) - 1 and i - 1 not in indices
        and i - 1 not in hide
    }  # fmt: skip
    marks = [t.i for t in doc if t.text in ('"', "“", "”")]
    indices = set(indices) - set(marks)
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        inner = set(range(opening + 1, closing))
        if inner and inner <= indices:
            indices |= {opening, closing}  # a term quoted whole keeps its quotation marks
    out: list[str] = []
    previous = None
    for i in sorted(indices):
        token = doc[i]
        if previous is not None:
            spaced = any(doc[j].whitespace_ for j in range(previous, i))
            if spaced and not re.match(r"[,.;:)%]|['’]s?\b|n['’]t\b", token.text):
                out.append(" ")
        out.append(replace.get(i, token.text))
        previous = i
    text = "".join(out)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    text = re.sub(r"([,;:])\s*[,;:]", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:-–—")


def _closes_apposition(comma) -> bool:
    """Whether a comma closes an apposition ("the city of Karabakh, Shusha, on ...")."""
    if comma.i == 0:
        return False
    node = comma.doc[comma.i - 1]
    for _ in range(4):
        if node.dep_ == "appos":
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _lower_start(doc, indices, text: str) -> str:
    """Lower-case the first word of a phrase moved from the start of the sentence, unless it
    is a name."""
    if not indices or not text:
        return text
    first = doc[min(indices)]
    if first.pos_ == "PROPN" or (first.text.isupper() and len(first.text) > 1) or first.text == "I":
        return text
    if first.is_title and first.tag_ == "JJ" and first.lower_.endswith(_NATIONALITY_ENDINGS):
        return text  # "American firms", "Armenian soldiers"
    if first.is_title and first.lower_ in _SERVICE_NAMES and first.dep_ == "compound":
        return text  # "Army women", "Navy men": a service's name, which the tagger read as a noun
    if first.i == 0 or doc[first.i - 1].text in ('"', "“", ":", "("):
        return text[0].lower() + text[1:]
    return text


# Armed services and assemblies named by one capitalised noun, as modifiers of a team or a body
# of people ("Army women", "Parliament members").
_SERVICE_NAMES = {"army", "navy", "marines", "marine", "air", "coast", "congress", "parliament",
                  "senate"}  # fmt: skip
_NATIONALITY_ENDINGS = ("an", "ian", "ese", "ish", "ani", "i", "ic")
