"""The wh-question: the wh-phrase at the front, then inversion or do-support ("On what date did
the army take Shusha?"); the `Question` both stem forms are returned as; and
`display_dates`, which writes the other dates a stem keeps the way answers write them."""

import re
from dataclasses import dataclass

from ..display import format_date_value
from ..extraction import number_category
from ..parser import verb_lemmas
from ..types import Fact
from .answer import _answer
from .clause import _clause, _participle_head
from .refusals import _misread_clause, _orphaned_phrase, _unfit
from .tokens import _SUBJECT_DEPS, _VERBAL, _lower_start, _subtree, _text, fact_tokens
from .verbs import _SAME_TIME_HEADS, _infinitive_head, _retensed, base_form
from .wh import _wh_phrase


@dataclass(frozen=True)
class Question:
    """A stem built from a clause, without attribution. `lead` is a source the sentence
    itself cites ("the ministry"), to be credited before the question, or ""; `kept` is the
    share of the sentence's words the stem keeps."""

    text: str
    form: str  # wh | cloze
    lead: str = ""
    kept: float = 1.0


def question(doc, fact: Fact, siblings: tuple[Fact, ...] = ()) -> Question | None:
    """A wh-question about `fact` from the clause of `doc` (its sentence) that states it, or
    None when no grammatical one can be built."""
    answer = _answer(doc, fact, siblings)
    if answer is None:
        return None
    inside = {t.i for t in fact_tokens(doc, fact)}
    verb = _infinitive_head(answer.verb)
    if _indefinite_antecedent(verb):
        return None
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
    away = _away_after(doc, inside, (verb.i, answer.item.i))
    if away is not None and number_category(fact) == "measure" and "how many" in wh:
        # "were felt over 60 miles (~100 km) away from the center", parsed with "away" on the
        # verb or the noun: asked as how far, as when the figure hangs on it
        clause.rest -= _subtree(away)
        answer.extra = {i for c in away.children if c.dep_ == "prep" for i in _subtree(c)}
        wh = re.sub(r"how many \w+$", "how far away", wh)
    if wh.endswith("how far away") and answer.extra:
        # "how far from the centre of the storm were winds felt?": the point it is far from
        wh = f"{wh.removesuffix(' away')} {_text(doc, answer.extra)}"
    else:
        clause.rest |= answer.extra
    if verb.lemma_ == "be" and not clause.rest and answer.top.dep_ in _SUBJECT_DEPS:
        return None  # "the true Victory Day was [when ...]": nothing left to say of it
    kept = clause.subject | clause.rest | clause.trailing | set(clause.auxiliaries) | {verb.i}
    if (
        _unfit(doc, kept, clause, siblings)
        or _misread_clause(doc, kept | answer.indices)
        or _orphaned_phrase(doc, kept | answer.indices)
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
    return Question(body, "wh", lead=clause.lead, kept=_kept_share(doc, body))


def _away_after(doc, inside, heads):
    """ "away" right after the answer's figure (a conversion in brackets between), hung on the
    verb or on the figure's noun (`heads`), with the point it is away from; or None."""
    i = max(inside) + 1
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and doc[i].text != ")":
            i += 1
        i += 1
    if (
        i < len(doc)
        and doc[i].lower_ == "away"
        and doc[i].head.i in heads
        and any(c.dep_ == "prep" for c in doc[i].children)
    ):
        return doc[i]
    return None


def _indefinite_antecedent(verb) -> bool:
    """Whether `verb` heads a relative clause on an indefinite noun phrase ("the EUMA is a
    neutral mission, which will have ..."): as the stem's subject, "a neutral mission" names
    nothing a reader can tell apart."""
    return verb.dep_ == "relcl" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in verb.head.children
    )


def _kept_share(doc, text: str) -> float:
    """The share of the sentence's words a stem keeps."""
    return round(len(text.split()) / len(doc.text.split()), 3)


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
