"""Questions from the clause that states a fact, on the dependency parse (`parser`).

In the spirit of Heilman & Smith (2010): find the verb the fact's phrase attaches to, keep
that clause only (its subject, auxiliaries, verb and complements) and drop what does not hold
the fact (parentheticals, appositions, non-restrictive relative clauses, sentence adverbs,
subordinate and coordinated clauses); then replace the answer phrase by a wh-phrase chosen by
the fact's type and granularity and move it to the front, with subject-auxiliary inversion and
do-support:

    "The Azerbaijani army took Shusha on 8 November 2020."
        → "On what date did the Azerbaijani army take Shusha?"

A fact that cannot be moved without breaking English (inside a name or a noun's modifier,
deep inside a noun phrase: the "islands" of Heilman & Smith) gets no wh-question; its clause,
simplified the same way, may still give a cloze when it is short (`cloze`).
"""

import re
from dataclasses import dataclass, field

from .display import format_date_value
from .extraction import MONTHS, number_category
from .parser import verb_lemmas
from .types import Fact

BLANK = "______"
MAX_CLOZE_WORDS = 15

_NOMINAL = ("NOUN", "PROPN", "NUM", "PRON")
_VERBAL = ("VERB", "AUX")
# Dependents a simple statement leaves out: other clauses, set-off phrases, discourse words.
_DROP_DEPS = {
    "advcl", "parataxis", "mark", "intj", "discourse", "meta", "dep", "preconj", "appos",
}  # fmt: skip
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_AUX_DEPS = {"aux", "auxpass", "neg"}
# The relations by which an answer phrase hangs from its clause's verb; anything deeper is an
# island (a noun's modifier, a participle phrase) that a wh-word cannot be moved out of.
_ATTACH_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "dative", "oprd", "npadvmod", "prep",
                "agent", "advmod", "pobj", "acomp"}  # fmt: skip
# Adverbs that comment on the statement rather than state part of it.
_SENTENCE_ADVERBS = {
    "however", "meanwhile", "also", "officially", "regrettably", "unfortunately", "initially",
    "moreover", "furthermore", "thus", "therefore", "indeed", "still", "yet", "then", "now",
    "finally", "notably", "additionally", "instead", "nevertheless", "accordingly",
    "consequently", "so", "too", "again", "already", "especially", "further", "first",
}  # fmt: skip
_SPEECH_LEMMAS = {"say", "report", "announce", "state", "tell", "add", "note", "confirm",
                  "declare", "write", "claim"}  # fmt: skip
# Verbs whose clause is what someone said, thought or felt: a question about it asks about words.
_REPORTING_LEMMAS = _SPEECH_LEMMAS | {
    "believe", "think", "stress", "emphasize", "emphasise", "argue", "insist", "know",
    "understand", "hope", "expect", "agree", "warn", "underline", "recall", "deny", "suggest",
    "feel", "say", "assert", "admit", "explain", "reiterate", "point", "urge", "accuse",
}  # fmt: skip
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "us", "i", "me", "you",
             "his", "hers", "its", "their", "theirs", "our", "my", "your"}  # fmt: skip
_DEMONSTRATIVES = {"this", "these", "those", "such"}
# Prepositions a wh-phrase cannot be asked with: "with 30 combatants killed", "than 2020".
_NO_QUESTION_PREPS = {"with", "including", "than", "like", "despite", "after", "before", "as",
                      "among",
                      "besides", "except", "amid", "unlike", "following", "beyond"}  # fmt: skip
# Verbs whose object is how long something went on: "lasted 44 days", "spent six months".
_DURATION_VERBS = {"last", "take", "spend", "wait", "stay", "run", "continue", "remain", "serve",
                   "endure", "operate", "work", "live", "sleep", "stand"}  # fmt: skip
_EXTENT_WORDS = {"away", "long", "high", "wide", "deep", "tall", "far", "thick"}
_DOCUMENT_WORDS = (
    r"\b(?:Statement|Declaration|Agreement|Treaty|Accord|Charter|Protocol|Resolution)\b"
)
# Conjunctions whose clause the sentence does not state as true (or reads too many ways).
_UNASSERTED_MARKS = {"if", "unless", "as", "whether", "than", "lest", "so"}
_QUANTITY_NOUNS = {"group", "total", "number", "crowd", "delegation", "team", "convoy",
                   "contingent", "fleet", "batch", "family", "families"}  # fmt: skip
_TIME_NOUNS = {"night", "morning", "evening", "afternoon", "day", "dawn", "eve", "weekend"}
_ENTITY_WH = {"person": "who", "city": "which city", "region": "which region",
              "country": "which country", "organisation": "which organisation",
              "event": "which event"}  # fmt: skip
_APPROX_ABOUT = re.compile(r"^(?:about|approximately|around|roughly|some|an estimated)\s", re.I)
_APPROX_WORDS = {"nearly", "almost", "approximately", "about", "around", "roughly", "some",
                 "over", "more", "than", "less", "fewer", "at", "least", "up", "to", "just",
                 "under", "close", "an", "estimated", "a", "total", "of"}  # fmt: skip
_DATE_OPENERS = {"day": "on what date", "month": "in what month and year", "year": "in what year",
                 "time": "at what time", "range": "on what dates",
                 "weekday": "on what day of the week"}  # fmt: skip


@dataclass(frozen=True)
class Question:
    """A stem built from a clause, without attribution. `lead` is a source the sentence
    itself cites ("the ministry"), to be credited before the question, or ""; `kept` is the
    share of the sentence's words the stem keeps."""

    text: str
    form: str  # wh | cloze
    lead: str = ""
    kept: float = 1.0


# -- tokens and phrases -----------------------------------------------------------------------


def fact_tokens(doc, fact: Fact) -> list:
    """The tokens of `doc` that overlap the fact's span."""
    return [t for t in doc if t.idx < fact.end and t.idx + len(t.text) > fact.start]


def _span_root(tokens):
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


def _subtree(token) -> set[int]:
    return {t.i for t in token.subtree}


def _set_off(token) -> bool:
    """Whether `token`'s phrase follows a comma or an opening bracket (a parenthetical, a
    non-restrictive relative clause, ", including ...")."""
    first = min(t.i for t in token.subtree)
    if first == 0:
        return False
    before = token.doc[first - 1].text
    if before in ("(", "["):
        return True
    if before not in (",", "—", "–"):
        return False
    if token.dep_ == "prep":
        return token.lower_ in _ASIDE_PREPS
    return token.dep_ in ("relcl", "acl", "advmod", "npadvmod", "appos")


# Prepositions that open an aside after a comma: ", including 2 minors", ", especially ...".
_ASIDE_PREPS = {"including", "especially", "mostly", "notably", "like", "such", "among",
                "excluding", "mainly", "particularly", "besides", "unlike", "alongside", "with",
                "compared", "up", "down", "along", "together", "as"}  # fmt: skip


def _phrase(token, drop: set[int]) -> set[int]:
    """`token`'s subtree as a simple statement keeps it: without appositions, parentheticals,
    subordinate clauses, quotation marks, and without `drop`."""
    keep: set[int] = set()

    def visit(t):
        name = _name_of(t, drop)
        if name is not None:
            # "the symbol city of Karabakh, Shusha" → "Shusha": the name says it all
            keep.update(i for i in _subtree(name) if t.doc[i].text not in ",()[]")
            return
        keep.add(t.i)
        aside = False  # a phrase after a dropped aside ("..., which ... after a while,") is its
        for child in t.children:
            if child.i in drop:
                continue
            if aside and child.dep_ == "prep" and child.i > t.i:
                continue
            if child.dep_ in _DROP_DEPS:
                aside = aside or (child.dep_ == "appos" and child.i > t.i)
                continue
            if child.dep_ == "punct":
                if child.text not in ";:()[]'’" and child.i != child.head.i:
                    keep.add(child.i)
                continue
            if child.dep_ == "conj" and child.pos_ in _VERBAL:
                continue
            if child.dep_ == "cc" and t.pos_ in _VERBAL:
                continue  # the "and" of a verb whose other clause goes
            if _set_off(child):
                aside = aside or child.i > t.i
                continue
            visit(child)

    if token.i not in drop:
        visit(token)
    return keep


def _name_of(noun, drop: set[int]):
    """The proper name in apposition to a common noun ("the symbol city of Karabakh,
    Shusha"), when the noun's phrase holds nothing the question needs (nothing in `drop`)."""
    if noun.pos_ != "NOUN":
        return None
    candidates = [c for c in noun.children if c.dep_ == "appos"]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            candidates += [c for c in pobj.children if c.dep_ == "appos"]
    for appos in candidates:
        if _naming(appos) and not (_subtree(noun) & drop):
            return appos
    return None


def _naming(appos) -> bool:
    """Whether an apposition names what its head describes: a proper name after a common
    noun ("the symbol city of Karabakh, Shusha"), not a description after a name."""
    words = list(appos.subtree)
    if appos.pos_ != "PROPN" or len(words) > 6:
        return False
    if len(words) > 4 and not all(t.pos_ == "PROPN" or t.tag_ == "POS" for t in words):
        return False
    head = appos.head
    if head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.lower_ == "of":
        head = head.head.head  # "the city of Karabakh, Shusha"
    return head.pos_ == "NOUN"


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
    if first.i == 0 or doc[first.i - 1].text in ('"', "“", ":", "("):
        return text[0].lower() + text[1:]
    return text


_NATIONALITY_ENDINGS = ("an", "ian", "ese", "ish", "ani", "i", "ic")


def _pronoun(token) -> bool:
    """A personal pronoun or a demonstrative standing for something the question does not
    show: "it", "they", "this", "his"; a relative pronoun or "that" as a conjunction is not."""
    lower = token.lower_
    if lower in ("there", "here") and token.dep_ == "advmod":
        return True  # "have served there": where?
    if lower in _PRONOUNS:
        return token.tag_ in ("PRP", "PRP$")
    if lower in _DEMONSTRATIVES or (lower == "that" and token.dep_ == "det"):
        return True
    return lower == "that" and token.dep_ in ("nsubj", "dobj", "pobj") and token.tag_ == "DT"


# -- the answer phrase and its clause ---------------------------------------------------------


@dataclass
class _Answer:
    item: object  # the head of the answer's own noun phrase
    top: object  # the dependent of the clause's verb that holds it (a preposition, or the NP)
    prep: str  # the preposition in front of the answer, "" if none; "when" for time phrases
    indices: set  # what the wh-phrase replaces
    verb: object = None  # the verb of the clause it belongs to
    extra: set = field(default_factory=set)  # the clause's phrases the parser hung on it


def _answer(doc, fact: Fact, siblings: tuple[Fact, ...]) -> _Answer | None:
    """The answer's phrase in the parse, or None when the fact is part of a name, a noun's
    modifier, or one name in a list."""
    tokens = fact_tokens(doc, fact)
    root = _span_root(tokens)
    if root is None:
        return None
    inside = {t.i for t in tokens}
    if _in_name(root, inside):
        return None
    item = root
    if fact.kind == "number" and _distance_in_time(root):
        return None  # "18 months after floods destroyed it": no event lasted 18 months
    if root.dep_ == "nummod" and root.head.i not in inside:
        # a figure whose noun extraction left outside ("about 250 [science investigations]")
        if fact.kind != "number" or number_category(fact) != "count":
            return None
        item = root.head
    elif root.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "quantmod", "npadvmod") and (
        root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in inside
    ):
        return None  # "the Ganja city", "Azerbaijan's war", "the 44-day war"
    # A list: "5 cities, 4 towns, and 286 villages" (the parser may read an item as an
    # apposition). An apposition that is no list describes: "the city of Karabakh, Shusha".
    head = item
    while head.dep_ in ("conj", "appos") and head.head.pos_ in _NOMINAL:
        head = head.head
    if (
        item.dep_ == "appos"
        and _naming(item)
        and head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.pos_ == "NOUN"
    ):
        head = head.head.head  # "the symbol city of Karabakh, Shusha": Shusha names the city
    members = _coordinated(head)
    if members:
        others = [
            s
            for s in siblings
            if s.kind == fact.kind
            and any(
                m.i != item.i and any(s.start <= t.idx < s.end for t in _own(m))
                for m in (head, *members)
            )
        ]
        if fact.kind in ("entity", "date"):
            return None  # one name of a list, or one of several dates, is not the answer
        if others and item.dep_ == "appos" and head.pos_ == "PROPN":
            return None
    if (
        fact.kind == "number"
        and head.dep_ == "pobj"
        and head.head.lower_ == "including"
        and head.head.head.pos_ in ("NOUN", "PROPN")
    ):
        # "2,146 residents were evacuated, including 517 children": so were the children
        head = head.head.head
        if head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None  # "evacuated from 38 villages, including ...": read as the villages'
    top, prep = head, ""
    if (
        fact.kind == "number"
        and number_category(fact) == "measure"
        and top.dep_ == "npadvmod"
        and top.head.lower_ in _EXTENT_WORDS
    ):
        top = top.head  # "is about 1,000 kilometres long": the answer is "how many ... long"
    if (
        fact.kind == "number"
        and top.dep_ == "pobj"
        and top.head.lower_ == "of"
        and top.head.head.lower_ in _QUANTITY_NOUNS
    ):
        top = top.head.head  # "a group of 150 displaced people": the group is the figure
    if top.dep_ == "pobj" and top.head.dep_ in ("prep", "agent"):
        prep, top = top.head.lower_, top.head
        outer = top.head
        if (
            fact.kind == "date"
            and outer.lower_ in _TIME_NOUNS
            and outer.dep_ == "pobj"
            and outer.head.dep_ == "prep"
        ):
            prep, top = "when", outer.head  # "on the night of 17 October"
    if top.dep_ not in _ATTACH_DEPS or prep in _NO_QUESTION_PREPS:
        return None
    if fact.kind == "date" and not prep and fact.unit != "relative":
        return None  # a date as a subject or a bare modifier: no "when" stands for it
    indices = _subtree(top)
    for t in tokens:
        indices |= _subtree(t)
    extra: set[int] = set()
    if top.lower_ in _EXTENT_WORDS and top.i != item.i:
        # "felt 60 miles away from the centre": the centre stays in the question
        for child in top.children:
            if child.dep_ == "prep":
                extra |= _phrase(child, set())
        indices -= extra
    if fact.kind == "date" or number_category(fact) == "duration":
        # "for 30 years from Karabakh", "in 44 days in the war": the parser hangs the verb's
        # phrases on the time noun; they are the clause's, not the answer's
        for child in item.children:
            if child.dep_ == "prep" and child.i > item.i and child.lower_ != "of":
                extra |= _phrase(child, set())
        indices -= extra
    verb = top.head
    timed = fact.kind == "date" or number_category(fact) == "duration"
    if (
        timed
        and top.dep_ == "prep"
        and verb.pos_ == "NOUN"
        and verb.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
        and prep in ("on", "in", "at", "during", "for", "over", "since")
    ):
        verb = verb.head  # "launched an operation on 19 September": the launch's date
    return _Answer(item=item, top=top, prep=prep, indices=indices, verb=verb, extra=extra)


def _distance_in_time(root) -> bool:
    """Whether a figure measures how long before or after something ("18 months after floods
    destroyed the old crossing")."""
    return root.head.lower_ in ("after", "before", "later", "earlier", "ago") or (
        root.dep_ == "npadvmod"
        and any(c.dep_ == "mark" and c.lower_ in ("after", "before") for c in root.head.children)
    )


def _coordinated(head) -> list:
    """The other items of the list `head` opens: its conjuncts and list-like appositions, and
    theirs."""
    found, todo = [], [head]
    while todo:
        node = todo.pop()
        for child in node.children:
            if child.dep_ in ("conj", "appos") and child.pos_ in _NOMINAL and not _naming(child):
                found.append(child)
                todo.append(child)
    return found


def _own(token) -> list:
    """A list item's own tokens, without the items that hang from it."""
    skip = set()
    for child in token.children:
        if child.dep_ in ("conj", "appos", "cc", "punct"):
            skip |= _subtree(child)
    return [t for t in token.subtree if t.i not in skip]


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


@dataclass
class _Clause:
    verb: object  # the verb token asked about
    tag: str  # its tense tag, after a gerund under "spend" takes the head's
    subject: set
    auxiliaries: list
    rest: set  # complements in their place
    trailing: set  # leading prepositional phrases, moved to the end of the question
    lead: str  # "According to X, ..." or "..., X said": the cited source
    extra_aux: str = ""  # "was" for a participle phrase read as a passive statement


def _clause(verb, answer: set[int]) -> _Clause | None:
    doc = verb.doc
    subject_token = None
    lead_is_subject = False
    auxiliaries = [c.i for c in verb.children if c.dep_ in _AUX_DEPS and c.i < verb.i]
    tag = verb.tag_
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            subject_token = child
    head = verb
    # A verb coordinated with another, or a gerund after "spend" ("will spend six months
    # conducting 250 investigations" → "will ... conduct"), shares its subject and auxiliaries.
    while subject_token is None and head.dep_ in ("conj", "xcomp") and head.head.pos_ in _VERBAL:
        if head.dep_ == "xcomp" and not (head.tag_ == "VBG" and head.head.lemma_ == "spend"):
            return None
        if (
            head.dep_ == "conj"
            and not auxiliaries
            and tag == "VBN"
            and not any(c.dep_ in ("aux", "auxpass") for c in head.head.children)
        ):
            # "began on 14 March and employed 420 workers": the tagger's VBN is a past tense
            # when the verb it is joined to has no auxiliary either
            tag = head.head.tag_
        head = head.head
        if head.lemma_ in _REPORTING_LEMMAS and any(c.dep_ == "ccomp" for c in head.children):
            return None  # "..., the ministry said, and was built by ...": not the ministry
        subject_token = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
        if not auxiliaries:
            auxiliaries = [c.i for c in head.children if c.dep_ in ("aux", "auxpass")]
            if auxiliaries and tag == "VBG":
                tag = "VB"
            elif tag in ("VBG", "VB", "VBN") and head.tag_ in ("VBD", "VBZ", "VBP"):
                tag = head.tag_ if not (tag == "VBN" and verb.dep_ == "conj") else tag
    if any(c.dep_ == "mark" and c.lower_ in _UNASSERTED_MARKS for c in verb.children):
        return None  # "if ...", "as ...": the clause is not stated as a fact
    if any(
        c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    ):
        return None  # "If the talks fail, the army will attack ...": only on a condition
    if any(
        c.lower_ in ("which", "whom", "that", "who")
        and c.tag_ in ("WDT", "WP")
        and c.dep_ not in _SUBJECT_DEPS
        for c in verb.children
    ):
        return None  # "..., which the Prime Minister assessed as tense": its object is elsewhere
    extra_aux = ""
    participle = _participle_head(verb)
    if subject_token is None and participle is not None:
        # "The old bridge, built in 1968, ..." → "the old bridge was built in 1968"
        subject_token = participle
        extra_aux = "were" if participle.tag_ in ("NNS", "NNPS") else "was"
    if subject_token is None:
        return None
    if verb.dep_ == "relcl" and subject_token.lower_ not in _RELATIVE_PRONOUNS:
        return None  # "the words the people had anticipated": its object is the noun outside
    if subject_token.lower_ in _RELATIVE_PRONOUNS and not (
        subject_token.lower_ in ("which", "who") and _set_off(verb)
    ):
        return None
    if subject_token.lower_ in _RELATIVE_PRONOUNS:
        # "The army, which liberated its lands in 44 days, ..." → "the army liberated ..."
        if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = verb.head
        relcl = noun
        if subject_token.lower_ == "who" and noun.dep_ == "pobj" and noun.pos_ != "PROPN":
            return None  # "an enemy armed to the teeth, who ...": not the teeth
        while (
            noun.dep_ == "pobj"
            and (noun.pos_ == "NOUN" or noun.lower_.rstrip(".") in MONTHS)
            and noun.head.lower_ == "of"
            and noun.head.head.pos_ == "NOUN"
        ):
            # "the blockade of the Lachin corridor, which began ...": the whole phrase began
            noun = noun.head.head
        if noun.pos_ == "PROPN" and noun.ent_type_ == "" and any(c.like_num for c in noun.children):
            return None  # a date: "February 6, 2023, which killed ..."
        subject = _phrase(noun, answer | _subtree(verb))
        subject -= {c.i for c in relcl.children if c.dep_ == "relcl"}
    elif subject_token.i in answer:
        subject = set()  # the question asks for the subject
    elif extra_aux:
        subject = _phrase(subject_token, answer | _subtree(verb))
    else:
        speaker = _speaker(verb) if subject_token.lower_ in ("it", "they", "he", "she") else None
        if speaker is not None and _agrees(subject_token, speaker):
            # "The pool said it had received ...": "it" is the pool
            subject_token, lead_is_subject = speaker, True
        subject = _phrase(subject_token, answer)
        if not subject:
            return None
    if subject:
        before = min(subject) - 1
        gerund = doc[before] if before >= 0 else None
        if (
            gerund is not None
            and gerund.tag_ == "VBG"
            and before not in answer
            and (gerund.i == 0 or gerund.dep_ == "csubj")
        ):
            return None  # "Declaring November 8 as Victory Day was ...": a misread subject
    rest: set[int] = set()
    trailing: set[int] = set()
    lead = ""
    start = min(subject) if subject else min(answer)
    for child in verb.children:
        if child.i in answer or child.dep_ in _SUBJECT_DEPS or child.i in auxiliaries:
            continue
        if child.dep_ == "advcl" and child.i > verb.i and _temporal(child, answer):
            rest |= _phrase(child, answer) | {m.i for m in child.children if m.dep_ == "mark"}
            continue
        if child.dep_ in _DROP_DEPS or child.dep_ in ("punct", "cc", "conj"):
            continue  # another clause, or a second object read as one ("and a further ...")
        if child.dep_ == "advmod" and child.lower_ in _SENTENCE_ADVERBS:
            continue
        if child.dep_ == "ccomp" and child.i < verb.i:
            continue  # '"...," the minister said'
        if child.dep_ in ("ccomp", "csubj") and verb.lemma_ in _REPORTING_LEMMAS:
            return None  # a statement about what was said or thought, not about the world
        if child.dep_ == "prep" and child.lower_ == "according":
            source = [t for t in child.subtree if t.dep_ == "pobj" and t.head.lower_ == "to"]
            if source:
                lead = _text(doc, _phrase(source[0], answer))
            continue
        if (
            _set_off(child)
            and child.dep_ in ("relcl", "acl", "advmod", "npadvmod", "prep")
            and (child.i > verb.i)
        ):
            continue  # ", with the work expected to ...", ", compared with 38% in 2021"
        phrase = _phrase(child, answer)
        if not phrase:
            continue
        if child.i < start:
            if any(_pronoun(doc[i]) for i in phrase):
                continue  # "In response to this situation, ...": it points at another sentence
            if child.dep_ == "prep" or (child.dep_ == "npadvmod" and _time_like(doc, phrase)):
                trailing |= phrase  # "In the war, X lost ..." → "... did X lose in the war?"
            continue
        if child.dep_ == "prep" and max(subject or answer) < child.i < verb.i:
            trailing |= phrase  # "has, through X, approved Y" → "has ... approved Y through X"
            continue
        rest |= phrase
    if verb.lemma_ in _REPORTING_LEMMAS and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "the ministry said on Thursday": when something was said is no fact
    finite = [i for i in auxiliaries if doc[i].tag_ != "TO"]
    if (
        not finite
        and tag == "VBN"
        and subject_token.dep_ == "nsubj"
        and verb.dep_ in ("ROOT", "ccomp", "conj", "advcl")
        and not any(c.dep_ == "nummod" for c in subject_token.children)
    ):  # (but "12 civilians killed, 40 people injured" is a headline's passive)
        tag = "VBD"  # "the bridge reopened on ...": an active subject makes it a past tense
    if not finite and tag not in ("VBD", "VBZ", "VBP") and not extra_aux:
        return None  # no finite verb: "12 civilians killed", a headline's grammar
    if not lead and not lead_is_subject:
        lead = _speech_source(verb)
    if extra_aux:
        tag = "VBN"
    return _Clause(verb, tag, subject, sorted(auxiliaries), rest, trailing, lead, extra_aux)


def _time_like(doc, phrase) -> bool:
    """Whether a bare noun phrase says when ("Monday", "last week", "that night")."""
    return any(
        doc[i].like_num
        or doc[i].lower_ in _TIME_NOUNS
        or doc[i].lower_ in ("week", "month", "year", "today", "yesterday", "tomorrow")
        or doc[i].lower_.rstrip(".") in MONTHS
        or doc[i].lower_ in _WEEKDAY_NAMES
        for i in phrase
    )


_WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _temporal(advcl, answer: set[int]) -> bool:
    """A short "after/before/when/until ..." clause that places the event in time ("Armenia
    accepted defeat after the army liberated Shusha"): kept, since without it the question
    does not say which defeat."""
    marks = [c for c in advcl.children if c.dep_ == "mark"]
    if not marks or marks[0].lower_ not in ("after", "before", "when", "until", "once"):
        return False
    phrase = _phrase(advcl, answer)
    doc = advcl.doc
    return (
        len(phrase) <= 20
        and not any(_pronoun(doc[i]) or doc[i].text in ('"', "“") for i in phrase)
        and not (_subtree(advcl) & answer)
    )


def _participle_head(verb):
    """The noun a participle phrase set off by commas describes ("The old bridge, built in
    1968, ..."), or None."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or not _set_off(verb):
        return None
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    return noun


def _speaker(verb):
    """The subject of the speech verb whose clause `verb` heads ("The pool said it had
    received ..."), when it is a noun phrase."""
    node = verb
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ != "ccomp" or node.head.lemma_ not in _SPEECH_LEMMAS:
        return None
    for child in node.head.children:
        if child.dep_ == "nsubj" and child.pos_ in ("NOUN", "PROPN") and not _pronoun(child):
            return child
    return None


def _agrees(pronoun, noun) -> bool:
    """Whether a pronoun can stand for the noun: "it" a singular thing, "they" plural ones,
    "he"/"she" a named person."""
    plural = noun.tag_ in ("NNS", "NNPS")
    if pronoun.lower_ == "it":
        return not plural and noun.pos_ == "NOUN"
    if pronoun.lower_ == "they":
        return plural
    return noun.pos_ == "PROPN" and not plural


def _speech_source(verb) -> str:
    """The source of a clause that is what someone said: "..., the ministry said" ."""
    speaker = verb
    while speaker.dep_ == "conj":
        speaker = speaker.head
    if speaker.dep_ != "ccomp" or speaker.head.lemma_ not in _SPEECH_LEMMAS:
        return ""
    for child in speaker.head.children:
        if child.dep_ == "nsubj" and not _pronoun(child):
            phrase = _phrase(child, set())
            text = _lower_start(verb.doc, phrase, _text(verb.doc, phrase))
            first = verb.doc[min(phrase)]
            if (
                child.tag_ == "NN"
                and first.pos_ != "PROPN"
                and not any(t.dep_ in ("det", "poss") for t in child.children)
            ):
                text = f"a {text}"  # "Rights group X said" → "citing a rights group"
            return text
    return ""


# -- the wh-phrase ----------------------------------------------------------------------------


def _wh_phrase(fact: Fact, answer: _Answer, doc, inside: set[int]) -> str | None:
    """The wh-phrase that stands for the answer ("how many civilians", "in what year"), or None
    when the fact's type and place give no natural one."""
    p = answer.prep
    if fact.kind == "date":
        if fact.unit == "relative":
            # "three years ago", "the same day": asked with the date the article resolves
            if fact.granularity in ("day", "month", "year") and p in ("", "on"):
                return _DATE_OPENERS[fact.granularity]
            return None
        if p == "when":
            return "when"
        opener = _DATE_OPENERS.get(fact.granularity)
        if opener and p in ("on", "in", "at", "during", "") and _pure(answer, inside):
            return opener if p != "during" else opener.replace("on ", "during ", 1)
        if opener and p in ("on", "in", "at", ""):
            return "when"
        if p == "since":
            return "since when"
        if p in ("until", "till"):
            return "until when"
        return None
    if fact.kind == "entity":
        wh = _ENTITY_WH.get(fact.unit)
        if wh is None:
            return None
        if fact.unit == "event" and re.search(_DOCUMENT_WORDS, fact.value):
            wh = "which document"  # a statement is signed, not an event
        elif fact.unit == "event" and fact.value.endswith(" Day"):
            wh = "which day"
        if p:
            return f"{p} {'whom' if wh == 'who' else wh}"
        return wh
    category = number_category(fact)
    if fact.unit == "magnitude":
        return f"{p} what magnitude" if p else None  # "measured the quake at magnitude 5.6"
    if category == "duration":
        if "-" in fact.text or fact.text.lower().startswith("the "):
            return None
        unit = fact.text.split()[-1].lower()
        if (
            p == "in"
            and unit.endswith("s")
            and not re.match(
                r"^\W*(?:nearly|almost|about|over"
                r"|more|approximately)",
                fact.text,
            )
        ):
            return f"in how many {unit}"
        if p == "" and answer.verb.lemma_ not in _DURATION_VERBS:
            return "how much time" if _pure(answer, inside) else None  # "added 2 hours"
        if p in ("for", "") and _pure(answer, inside):
            return "how long"
        return None
    noun = _noun_words(doc, answer.item, inside, keep_inside=category == "count")
    unit = _noun_words(doc, answer.item, set(), keep_inside=True, only=inside)
    if category == "count":
        if not noun:
            return None
        wh = f"how many {noun}"
    elif category == "money":
        wh = "how much"
        if noun:
            return None  # "$7 billion of aid": too many shapes
    elif category == "percent":
        wh = "what percentage"
        if noun and noun.startswith("of "):
            wh = f"what percentage {noun}"
        elif noun:
            return None
    elif category == "measure":
        if not unit or not unit.replace(" ", "").isalpha() or len(unit) < 3:
            return None
        if noun and not noun.startswith("of "):
            return None
        wh = f"how many {unit} {noun}".strip()  # "how many hectares of farmland"
        if answer.top.i != answer.item.i and answer.top.lower_ in _EXTENT_WORDS:
            wh = f"{wh} {answer.top.lower_}"  # "how many kilometres long"
    else:
        return None
    if _APPROX_ABOUT.match(fact.text) and category in ("count", "money", "measure"):
        wh = "about " + wh
    return f"{p} {wh}" if p else wh


def _pure(answer: _Answer, inside: set[int]) -> bool:
    """Whether the answer's phrase is the fact and nothing more ("on 8 November 2020", not
    "on 8 November 2020 and in 2021" nor "in the war of 2020")."""
    words = answer.indices - {answer.top.i} - inside
    return all(answer.top.doc[i].is_punct or answer.top.doc[i].dep_ == "det" for i in words)


def _noun_words(doc, item, inside: set[int], keep_inside=True, only=None) -> str:
    """The counted noun phrase without the figure: "about 250 science investigations" →
    "science investigations", "12 civilians, 2 of them minors" → "civilians". Without
    `keep_inside`, the fact's own words go too ("18 million manat for repairs": "for
    repairs"); with `only`, only those words count ("12.9 billion cubic metres": "cubic
    metres")."""
    own = _phrase(item, {i for c in item.children if c.dep_ in ("conj", "appos", "cc")
                         for i in _subtree(c)})  # fmt: skip
    if only is not None:
        own &= only
    words = []
    for i in sorted(own):
        token = doc[i]
        if i in inside and not keep_inside:
            continue
        if (i in inside or only is not None) and (
            token.like_num
            or token.lower_ in _APPROX_WORDS
            or token.is_punct
            or token.lower_ in ("hundred", "thousand", "million", "billion", "trillion")
        ):
            continue
        if token.dep_ in ("det", "quantmod", "advmod") and i < item.i and not words:
            continue  # "the", "only 680 families"
        if token.dep_ == "prep" and i > item.i and token.lower_ not in ("of", "with"):
            break  # "286 villages from occupation": the verb's, misread as the noun's
        words.append(i)
    return _text(doc, words)


# -- building the question --------------------------------------------------------------------


def question(doc, fact: Fact, siblings: tuple[Fact, ...] = ()) -> Question | None:
    """A wh-question about `fact` from the clause of `doc` (its sentence) that states it, or
    None when no grammatical one can be built."""
    answer = _answer(doc, fact, siblings)
    if answer is None:
        return None
    inside = {t.i for t in fact_tokens(doc, fact)}
    verb = _infinitive_head(answer.verb)
    timed = fact.kind == "date" or number_category(fact) == "duration"
    if timed and verb.i != answer.verb.i and verb.lemma_ not in _SAME_TIME_HEADS:
        return None  # "asked donors to fund housing in 2025": 2025 is the funding's
    if verb.pos_ not in _VERBAL or verb.i == answer.top.i:
        return None
    if (verb.dep_ == "acl" and _participle_head(verb) is None) or (
        verb.dep_ == "relcl"
        and verb.tag_ in ("VBN", "VBG")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        return None  # a participle phrase: "a declaration ending the war", "12 ... killed"
    wh = _wh_phrase(fact, answer, doc, inside)
    if wh is None:
        return None
    clause = _clause(verb, answer.indices)
    if clause is None:
        return None
    clause.rest |= answer.extra
    if verb.lemma_ == "be" and not clause.rest and answer.top.dep_ in _SUBJECT_DEPS:
        return None  # "the true Victory Day was [when ...]": nothing left to say of it
    kept = clause.subject | clause.rest | clause.trailing | set(clause.auxiliaries) | {verb.i}
    if any(_pronoun(doc[i]) for i in kept) and not _own_antecedent(doc, clause):
        return None
    if (
        _quoted(doc, kept)
        or _cuts_a_fact(doc, kept, siblings)
        or _misread_clause(doc, kept | answer.indices)
    ):
        return None
    subject = _lower_start(doc, clause.subject, _text(doc, clause.subject))
    predicate = clause.rest | {verb.i}
    retensed = _retensed(clause)
    auxiliaries = [doc[i] for i in clause.auxiliaries]
    asks_subject = answer.top.dep_ in _SUBJECT_DEPS
    if clause.extra_aux:
        body = " ".join(x for x in (wh, clause.extra_aux, subject, _text(doc, predicate)) if x)
    elif asks_subject:
        middle = " ".join(a.lower_ for a in auxiliaries)
        body = " ".join(x for x in (wh, middle, _text(doc, predicate, retensed)) if x)
    elif auxiliaries:
        first, others = auxiliaries[0], [a.i for a in auxiliaries[1:]]
        if first.lower_ in ("ca", "wo", "sha"):
            return None  # "can't", "won't" split by the tokenizer
        body = " ".join(
            x
            for x in (wh, first.lower_, subject, _text(doc, set(others) | predicate, retensed))
            if x
        )
    elif verb.lemma_ == "be":
        body = " ".join(x for x in (wh, verb.lower_, subject, _text(doc, clause.rest)) if x)
    else:
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(clause.tag)
        if do is None or (verb.lemma_ == "have" and doc[verb.i + 1].tag_ == "VBN"):
            return None  # "has organized attacks" misread as "has" + "organized attacks"
        if base_form(verb) not in verb_lemmas():
            return None  # the tagger misread the verb's tense ("churches rang" as a present)
        base = _text(doc, predicate, replace={verb.i: base_form(verb)})
        body = " ".join(x for x in (wh, do, subject, base) if x)
    if clause.trailing:
        body += " " + _lower_start(doc, clause.trailing, _text(doc, clause.trailing))
    body = re.sub(r"\s+", " ", body).strip(" ,")
    if not re.search(r"[A-Za-z]", body[len(wh) :]):
        return None
    body = body[0].upper() + body[1:] + "?"
    words = len(doc.text.split())
    return Question(body, "wh", lead=clause.lead, kept=round(len(body.split()) / words, 3))


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


def _retensed(clause: _Clause) -> dict[int, str]:
    """The verb's base form where the question gives it the auxiliaries of the verb it hangs
    from ("will spend six months conducting" → "will ... conduct")."""
    if clause.tag == "VB" and clause.verb.tag_ != "VB":
        return {clause.verb.i: base_form(clause.verb)}
    return {}


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


def cloze(doc, fact: Fact, siblings: tuple[Fact, ...] = ()) -> Question | None:
    """A cloze over the clause that holds `fact`, simplified as for a question: None when it
    is still long (over MAX_CLOZE_WORDS words), or when the fact is part of a name, one item
    of a list, or inside a quotation."""
    tokens = fact_tokens(doc, fact)
    root = _span_root(tokens)
    if root is None:
        return None
    inside = {t.i for t in tokens}
    if _in_name(root, inside):
        return None
    if root.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and (
        root.head.i not in inside and root.head.pos_ in ("NOUN", "PROPN")
    ):
        return None  # "the ______ republic", "the ______ conflict": a name's part
    if fact.kind == "date" and fact.unit != "relative" and root.dep_ != "pobj":
        return None  # "Nov. 10, the date of ..., was declared": no clause to blank it in
    if fact.kind == "number" and root.dep_ == "npadvmod" and _distance_in_time(root):
        return None  # "______ after floods destroyed the old crossing"
    node = root.head if root.dep_ == "nummod" and root.head.i not in inside else root
    head = node
    while head.dep_ in ("conj", "appos") and head.head.pos_ in _NOMINAL:
        head = head.head
    if head is not node or any(c.dep_ == "conj" for c in head.children):
        return None  # one item of a list
    verb = head
    while verb.pos_ not in _VERBAL and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in _VERBAL:
        return None
    verb = _infinitive_head(verb)
    clause = _clause(verb, set())
    if clause is None or (verb.lemma_ == "be" and not clause.rest):
        return None  # "the true ______ was [when ...]"
    kept = clause.subject | clause.rest | set(clause.auxiliaries) | {verb.i}
    lead_in = clause.trailing if inside & clause.trailing else set()
    if not inside <= kept | lead_in:
        return None
    if any(_pronoun(doc[i]) for i in kept | lead_in) and not _own_antecedent(doc, clause):
        return None
    indices = kept | lead_in
    if lead_in and max(lead_in) + 1 < len(doc) and doc[max(lead_in) + 1].text == ",":
        indices.add(max(lead_in) + 1)  # "By the end of ______, 4,200 certificates ..."
    if (
        _quoted(doc, kept | lead_in)
        or _cuts_a_fact(doc, kept | lead_in, siblings)
        or _misread_clause(doc, kept | lead_in)
    ):
        return None
    blank = BLANK
    if fact.unit == "relative":
        # the answer is shown resolved ("2020"), so the blank takes the preposition itself
        preposition = doc[min(inside) - 1].lower_ if min(inside) else ""
        if preposition not in ("on", "in"):
            blank = f"on {BLANK}" if fact.granularity == "day" else f"in {BLANK}"
    replace = {**_retensed(clause), min(inside): blank}
    shown = indices - (inside - {min(inside)})
    text = _text(doc, indices, replace=replace, hide=inside - {min(inside)})
    text = re.sub(r"[․。]$", ".", text)
    if len(text.split()) > MAX_CLOZE_WORDS or BLANK not in text:
        return None
    text = _lower_start(doc, shown, text)
    if not text.endswith((".", "?", "!")):
        text += "."
    words = len(doc.text.split())
    return Question(text, "cloze", lead=clause.lead, kept=round(len(text.split()) / words, 3))


def display_dates(text: str, siblings: tuple[Fact, ...]) -> str:
    """Other dates left in a stem written the way answers are ("Nov. 8, 2020" → "8 November
    2020"), so that stems and choices write dates one way."""
    for other in siblings:
        if other.kind != "date" or other.unit == "relative" or other.granularity != "day":
            continue
        if other.value.startswith("--") or other.text not in text:
            continue
        text = text.replace(other.text, format_date_value(other.value, "day"), 1)
    return text
