"""The clause a question is asked from: the verb's subject, auxiliaries and complements, with
asides and other clauses dropped, phrases before the subject moved to the end, and the source
the sentence cites ("According to X", "..., X said"); None when the clause is not stated as a
fact (a condition, a report of what someone said, a headline without a finite verb)."""

from dataclasses import dataclass

from ..display import WEEKDAY_NAMES
from ..extraction import MONTHS
from .simplify import _DROP_DEPS, _phrase, _set_off
from .tokens import _SUBJECT_DEPS, _TIME_NOUNS, _VERBAL, _lower_start, _pronoun, _subtree, _text

_AUX_DEPS = {"aux", "auxpass", "neg"}
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
    "feel", "assert", "admit", "explain", "reiterate", "point", "urge", "accuse",
}  # fmt: skip
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
# Conjunctions whose clause the sentence does not state as true (or reads too many ways).
_UNASSERTED_MARKS = {"if", "unless", "as", "whether", "than", "lest", "so"}


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
    # a gerund that borrowed its subject and tense from the clause it trails ("topped the charts
    # with 25 points, draining five three-pointers" → "did ... drain"): asked, never blanked
    borrowed: bool = False


def _two_subjects(verb) -> bool:
    """Whether the parser gave `verb` two subjects, or an object before it: a misread of a
    long subject ("The Soyuz spacecraft carrying ... cosmonauts Anatoly Ivanishin and Ivan
    Vagner docked ...", read as if the cosmonauts docked)."""
    # a bare figure read as a second subject ("On ... 17 October, 2020 the armed forces ...")
    # is a date's year the clause keeps apart
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not c.like_num]
    early_object = any(c.dep_ == "dobj" and c.i < verb.i for c in verb.children)
    return len(subjects) > 1 or (early_object and bool(subjects))


# Verbs whose passive keeps an object: "was given an award", "were sent supplies".
_DITRANSITIVE = {"give", "award", "grant", "send", "tell", "show", "offer", "pay", "hand",
                 "deny", "promise", "allow", "assign", "lend", "teach", "ask"}  # fmt: skip


def _passive_with_object(verb) -> bool:
    """Whether a passive verb has an object, as a dropped word leaves it ("The inauguration
    ceremony was held the presence of ...", for "held in the presence of"): the sentence is
    misread or mistyped, and a stem would copy it."""
    return (
        any(c.dep_ == "auxpass" for c in verb.children)
        and any(
            c.dep_ == "dobj" and not c.like_num and not any(n.like_num for n in c.children)
            for c in verb.children
        )  # ("were felt over 60 miles away": a distance the parser took for an object)
        and verb.lemma_ not in _DITRANSITIVE
    )


def _clause(verb, answer: set[int]) -> _Clause | None:
    doc = verb.doc
    subject_token = None
    lead_is_subject = False
    auxiliaries = [c.i for c in verb.children if c.dep_ in _AUX_DEPS and c.i < verb.i]
    tag = verb.tag_
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            subject_token = child
    if _two_subjects(verb) or _passive_with_object(verb):
        return None
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
    borrowed = False
    if subject_token is None and not auxiliaries:
        subject_token = _trailed_subject(verb)
        if subject_token is not None:
            tag, borrowed = "VBD", True
    if subject_token is None:
        return None
    if verb.dep_ == "relcl" and subject_token.lower_ not in _RELATIVE_PRONOUNS:
        return None  # "the words the people had anticipated": its object is the noun outside
    if subject_token.lower_ in _RELATIVE_PRONOUNS and not (
        (subject_token.lower_ in ("which", "who") and _set_off(verb))
        or _defining_that(verb, subject_token)
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
        if child.dep_ == "advcl" and _temporal(child, answer):
            # "Before the fighting began, 80 volunteers were stationed ...": the time the fact
            # holds for, kept (moved to the end when it led the sentence)
            phrase = _phrase(child, answer) | {m.i for m in child.children if m.dep_ == "mark"}
            if child.i > verb.i:
                rest |= phrase
            elif not any(_pronoun(doc[i]) for i in phrase):
                trailing |= phrase
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
    return _Clause(verb, tag, subject, sorted(auxiliaries), rest, trailing, lead, extra_aux,
                   borrowed)  # fmt: skip


def _trailed_subject(verb):
    """The subject of the past-tense clause a bare gerund trails after a comma ("Horne topped
    the charts with 25 points, draining five three-pointers": Horne drained them), or None."""
    head = verb.head
    if (
        verb.dep_ != "advcl"
        or verb.tag_ != "VBG"
        or verb.i < head.i
        or any(c.dep_ in ("mark", "aux", "auxpass", "nsubj") for c in verb.children)
        or verb.i == 0
        or verb.doc[verb.i - 1].text != ","
    ):
        return None
    while head.dep_ == "conj" and not any(c.dep_ in _SUBJECT_DEPS for c in head.children):
        head = head.head
    if head.tag_ != "VBD" or head.pos_ != "VERB":
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return None if subject is None or _pronoun(subject) else subject


def _defining_that(verb, subject_token) -> bool:
    """Whether "that" opens a defining clause on a definite noun the main verb acts on ("The EU
    deplores the armed clashes that yesterday led to ..."): the clause, with the noun as its
    subject, is stated as a fact. Not after "it was ..." (a cleft) nor after a copula."""
    noun = verb.head
    return (
        subject_token.lower_ == "that"
        and verb.dep_ == "relcl"
        and noun.pos_ == "NOUN"
        and noun.dep_ in ("dobj", "pobj")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        and noun.head.lemma_ != "be"
        and not _set_off(verb)
    )


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


_WEEKDAY_NAMES = {name.lower() for name in WEEKDAY_NAMES}


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
