"""The cloze: the fact blanked in its simplified clause, for a fact no wh-question can be
asked about, when the clause is short ("The museum reopened in ______.")."""

import re

from ..extraction import number_category
from ..types import Fact
from .clause import _UNASSERTED_MARKS, _clause, _passive_with_object, _time_like
from .question import Question, _indefinite_antecedent, _kept_share
from .refusals import _distance_in_time, _fact_root, _misread_clause, _unfit
from .tokens import _VERBAL, _list_head, _lower_start, _pronoun, _text, fact_tokens
from .verbs import _infinitive_head, _retensed

BLANK = "______"
MAX_CLOZE_WORDS = 15


def _blanks_a_measure(fact: Fact, root) -> bool:
    """Whether a fact that modifies a common noun may be blanked in front of it: a figure that
    measures one of a kind ("a ______ compact" for "five-year", "a ______ storm" for "Category
    5"), not one that names the thing ("the 44-day war") nor part of a name."""
    head = root.head
    if fact.kind == "entity" or head.pos_ != "NOUN" or not head.is_lower:
        return False
    if any(c.pos_ == "PROPN" and c.i < head.i for c in head.children if c.i != root.i):
        return False  # "the 1991 Almaty Declaration": a name around the fact
    determiners = [c.lower_ for c in head.children if c.dep_ == "det"]
    if determiners != ["a"] and determiners != ["an"]:
        # "the 44-day war", "the 2020 war" name the one thing; "category 1 status" names none
        return not determiners and number_category(fact) == "category"
    if fact.kind == "date":
        return fact.granularity in ("year", "month", "day") and fact.unit != "relative"
    return number_category(fact) in ("duration", "category", "measure", "money", "count")


def _counted_noun(fact: Fact, tokens) -> set[int]:
    """The counted noun at the end of a count the blank stands for ("over 4,000 troops"): shown
    after the blank ("the deployment of ______ troops"), which then asks for a number and not
    for any noun phrase."""
    if fact.kind != "number" or number_category(fact) != "count":
        return set()
    figures = [i for i, t in enumerate(tokens) if t.like_num]
    root = _fact_root(tokens)
    if (
        not figures
        or root is None
        or root.pos_ != "NOUN"
        or root.dep_ not in _WHOLE_PHRASE_DEPS
        or root.i <= tokens[figures[-1]].i
        or _hyphen_joined(tokens, figures[-1])
    ):
        return set()  # ("a massive 8.9 magnitude earthquake": the figure modifies a noun)
    # the head noun and the compound nouns right before it ("15 allied and partner forces":
    # "______ forces"; the words between are the answer's)
    shown = {root.i}
    while root.i - len(shown) - 1 >= 0 and root.doc[root.i - len(shown)].dep_ == "compound":
        shown.add(root.i - len(shown))
    return shown & {t.i for t in tokens}


_WHOLE_PHRASE_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "oprd"}


def _hyphen_joined(tokens, i: int) -> bool:
    """Whether the figure at `i` is joined by a hyphen to the next word ("25-points")."""
    return i + 1 < len(tokens) and tokens[i + 1].text in ("-", "–")


def cloze(doc, fact: Fact, siblings: tuple[Fact, ...] = ()) -> Question | None:
    """A cloze over the clause that holds `fact`, simplified as for a question: None when it
    is still long (over MAX_CLOZE_WORDS words), or when the fact is part of a name, one item
    of a list, or inside a quotation."""
    tokens = fact_tokens(doc, fact)
    root = _fact_root(tokens)
    if root is None:
        return None
    inside = {t.i for t in tokens}
    modifier = root.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and (
        root.head.i not in inside and root.head.pos_ in ("NOUN", "PROPN")
    )
    if modifier and not _blanks_a_measure(fact, root):
        return None  # "the ______ republic", "the ______ conflict": a name's part
    if fact.kind == "date" and fact.unit != "relative" and root.dep_ != "pobj" and not modifier:
        return None  # "Nov. 10, the date of ..., was declared": no clause to blank it in
    if fact.kind == "number" and root.dep_ == "npadvmod" and _distance_in_time(root):
        return None  # "______ after floods destroyed the old crossing"
    node = root.head if root.dep_ == "nummod" and root.head.i not in inside else root
    head = _list_head(node)
    if head is not node or any(c.dep_ == "conj" for c in head.children):
        return None  # one item of a list
    verb = head
    while verb.pos_ not in _VERBAL and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in _VERBAL:
        return None
    verb = _infinitive_head(verb)
    if _indefinite_antecedent(verb):
        return None
    clause = _clause(verb, set())
    if clause is None or clause.borrowed or (verb.lemma_ == "be" and not clause.rest):
        return None  # "the true ______ was [when ...]"
    kept = clause.subject | clause.rest | set(clause.auxiliaries) | {verb.i}
    lead_in = clause.trailing if inside & clause.trailing else set()
    if not inside <= kept | lead_in:
        return None
    if _unfit(doc, kept | lead_in, clause, siblings) or _misread_clause(doc, kept | lead_in):
        return None
    indices = kept | lead_in
    if lead_in and max(lead_in) + 1 < len(doc) and doc[max(lead_in) + 1].text == ",":
        indices.add(max(lead_in) + 1)  # "By the end of ______, 4,200 certificates ..."
    # A phrase that led the sentence and says when or where ("Later Wednesday morning, ...")
    # goes at the end, as in a question: without it the blank may have several answers.
    after = set() if lead_in else clause.trailing
    if after and (
        _unfit(doc, kept | after, clause, siblings)
        or not (_time_like(doc, after) or any(doc[i].pos_ == "PROPN" for i in after))
    ):
        after = set()  # ("In addition to victories on the battlefield, ...": neither)
    blank = BLANK
    if fact.unit == "relative":
        # the answer is shown resolved ("2020"), so the blank takes the preposition itself
        preposition = doc[min(inside) - 1].lower_ if min(inside) else ""
        if preposition not in ("on", "in"):
            blank = f"on {BLANK}" if fact.granularity == "day" else f"in {BLANK}"
    replace = {**_retensed(clause), min(inside): blank}
    counted = _counted_noun(fact, tokens)
    hidden = inside - {min(inside)} - counted
    shown = indices - hidden
    text = _text(doc, indices, replace=replace, hide=hidden)
    text = re.sub(r"[․。]$", ".", text)
    # "______ provinces" stands where "11 provinces" stood: the noun shown after the blank is
    # the answer's, and does not make the cloze longer than the sentence's clause.
    if len(text.split()) > MAX_CLOZE_WORDS + len(counted) or BLANK not in text:
        return None
    text = _lower_start(doc, shown, text)
    if after:
        longer = f"{text.rstrip('.')} {_lower_start(doc, after, _text(doc, after))}"
        if len(longer.split()) <= MAX_CLOZE_WORDS:
            text = longer
    if not text.endswith((".", "?", "!")):
        text += "."
    return Question(text, "cloze", lead=clause.lead, kept=_kept_share(doc, text))


# A sentence short enough to read as a fill-in-the-blank whole, when no clause of it could be
# simplified into a question or a shorter cloze (an imperative, a clause the parse misread).
MAX_SENTENCE_CLOZE_WORDS = 20


def sentence_cloze(doc, fact: Fact) -> Question | None:
    """The whole sentence `doc` with `fact` blanked, for a fact neither `question` nor `cloze`
    could ask: a draft held back for a teacher to tidy, not a question to publish. None when
    the sentence is long (over MAX_SENTENCE_CLOZE_WORDS words), asks or exclaims, quotes
    someone, or when the blank would be one item of a list, part of a name, or followed by the
    answer in brackets in another unit ("85 mph (137 km/h)")."""
    text = doc.text
    if len(text.split()) > MAX_SENTENCE_CLOZE_WORDS or re.search(r"[?!\"“”]", text):
        return None
    if doc[0].tag_ == "VB" and doc[0].dep_ == "ROOT":
        return None  # an imperative ("Watch the hatch opening at ..."): a notice, not a fact
    if any(t.dep_ == "mark" and t.lower_ in _UNASSERTED_MARKS for t in doc):
        return None  # "If the talks fail, ...": not stated as a fact
    if re.search(r"\.\s+[a-z]", text[:-1]) or any(_passive_with_object(t) for t in doc):
        return None  # "Walter Reed, M.d. topped", "was held the presence of": a misread sentence
    tokens = fact_tokens(doc, fact)
    root = _fact_root(tokens)
    if root is None or re.match(r"\s*[(\[]", text[fact.end :]):
        return None
    inside = {t.i for t in tokens}
    modifier = root.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and (
        root.head.i not in inside and root.head.pos_ in ("NOUN", "PROPN")
    )
    if modifier and not _blanks_a_measure(fact, root):
        return None  # "the ______ Space Agency", "the ______ conflict": a name's part
    if fact.kind == "date" and fact.unit != "relative" and root.dep_ != "pobj" and not modifier:
        return None  # "the 2020 war veterans": a date that names, not one that dates
    if any(_points_elsewhere(t) for t in doc if t.i not in inside):
        return None  # "it presents a threat", "since that time": the sentence before says
    node = root.head if root.dep_ == "nummod" and root.head.i not in inside else root
    head = _list_head(node)
    if (
        head is not node
        or "conj" in (root.dep_, node.dep_)
        or any(c.dep_ == "conj" for c in head.children)
    ):
        return None  # one item of a list, the others left standing beside the blank
    counted = sorted(_counted_noun(fact, tokens))
    end = doc[counted[0]].idx if counted else fact.end
    body = f"{text[: fact.start]}{BLANK}{' ' if counted else ''}{text[end:]}".strip()
    body = _lower_start(doc, set(range(len(doc))), body)
    if not body.endswith((".", "?", "!")):
        body += "."
    return Question(body, "cloze", kept=1.0)


def _points_elsewhere(token) -> bool:
    """A pronoun or demonstrative whose referent is not in its sentence: any but a possessive
    after a noun it can stand for ("the Ministry expresses its gratitude")."""
    if token.lower_ == "time" and token.i and token.doc[token.i - 1].lower_ == "that":
        return True
    if not _pronoun(token):
        return False
    before = token.doc[: token.i]
    return not (token.tag_ == "PRP$" and any(t.pos_ in ("NOUN", "PROPN") for t in before))
