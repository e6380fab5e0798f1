"""Sibling questions: two questions a quiz should not hold together, because after answering
one a learner has read the other's answer.

Two questions are siblings when

- they come from the same source sentence: the same Sentence row, or the same sentence text
  (a question keeps its sentence's text when the row is gone), or
- the answer of one, as written in its sentence, appears as whole words (case aside) in the
  other's source sentence, which the other's feedback quotes.

The rules read four fields of a Question and nothing else: `SIBLING_FIELDS`. Load them with
`.only(*SIBLING_FIELDS)` (with whatever else the caller needs) and no extra query is made.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

# What the rules read: pass to QuerySet.only() ("sentence" loads the sentence's id).
SIBLING_FIELDS = ("sentence", "sentence_text", "answer_start", "answer_end")

_WORD = re.compile(r"\w+")

SAME_SENTENCE = "same sentence"
ANSWER_IN_SENTENCE = "answer in sentence"


@dataclass(frozen=True)
class _Source:
    """What the rules compare of one question, worked out once."""

    sentence_id: int | None
    sentence: str  # its text, spaces collapsed
    answer_split: tuple  # its answer as written in the sentence, split at spaces

    @classmethod
    def of(cls, question):
        return cls(
            sentence_id=question.sentence_id,
            sentence=" ".join(question.sentence_text.split()),
            answer_split=tuple(
                question.sentence_text[question.answer_start : question.answer_end].split()
            ),
        )

    @cached_property
    def answer(self):
        """Its answer as whole words (a pattern, compiled when first needed), or None
        without an answer."""
        if not self.answer_split:
            return None
        words = r"\s+".join(re.escape(word) for word in self.answer_split)
        return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)

    @cached_property
    def answer_words(self):
        """The answer's words (runs of word characters), lower-cased, or None without an
        answer: each is a word of any sentence that holds the answer (see `gives_away`)."""
        if not self.answer_split:
            return None
        return frozenset(_WORD.findall(" ".join(self.answer_split).lower()))

    @cached_property
    def words(self):
        """The sentence's words (runs of word characters), lower-cased."""
        return frozenset(_WORD.findall(self.sentence.lower()))

    def gives_away(self, other):
        """Does this question's sentence hold `other`'s answer as whole words?"""
        return other.answer is not None and other.answer.search(self.sentence) is not None


def _why(a, b):
    if a.sentence_id is not None and a.sentence_id == b.sentence_id:
        return SAME_SENTENCE
    if a.sentence and a.sentence == b.sentence:
        return SAME_SENTENCE
    if a.gives_away(b) or b.gives_away(a):
        return ANSWER_IN_SENTENCE
    return None


def sibling_reason(a, b):
    """Why questions `a` and `b` are siblings: SAME_SENTENCE, ANSWER_IN_SENTENCE, or None
    when they are not."""
    return _why(_Source.of(a), _Source.of(b))


def are_siblings(a, b):
    """Whether a quiz holding both `a` and `b` would give one's answer away in the other's
    feedback (see the module's docstring)."""
    return sibling_reason(a, b) is not None


def without_siblings(questions):
    """The questions to keep of `questions` (an iterable, best first) so that no two are
    siblings: each is kept unless it is a sibling of one kept before it. Order is kept."""
    kept, sources = [], []
    for question in questions:
        source = _Source.of(question)
        if all(_why(source, other) is None for other in sources):
            kept.append(question)
            sources.append(source)
    return kept


def _holding(answer_words, index, everyone):
    """Who may hold an answer with `answer_words` in their sentence: those of `index` (word ->
    set) under the answer's rarest word; `everyone` for an answer without a word."""
    if answer_words is None:
        return set()
    if not answer_words:
        return everyone
    return min((index.get(word, set()) for word in answer_words), key=len)


def siblings_of(questions, among):
    """The questions of `among` that are siblings of at least one of `questions` other than
    themselves (a question is never its own sibling: same primary key), in `among`'s order.

    The rules are applied only to the pairs that can match, found through indexes by
    sentence and by word, so a few hundred questions are compared with a few thousand at
    little cost.
    """
    seen = [(question.pk, _Source.of(question)) for question in questions]
    among = list(among)
    sources = [_Source.of(question) for question in among]
    by_sentence = defaultdict(set)  # sentence id or text -> indexes into `seen`
    seen_by_word, among_by_word = defaultdict(set), defaultdict(set)
    for i, (_, source) in enumerate(seen):
        if source.sentence_id is not None:
            by_sentence[source.sentence_id].add(i)
        if source.sentence:
            by_sentence[source.sentence].add(i)
        for word in source.words:
            seen_by_word[word].add(i)
    for c, source in enumerate(sources):
        for word in source.words:
            among_by_word[word].add(c)
    every_seen, every_candidate = set(range(len(seen))), set(range(len(among)))
    pairs = defaultdict(set)  # index into `among` -> indexes into `seen` to compare it with
    for c, source in enumerate(sources):
        pairs[c].update(
            by_sentence.get(source.sentence_id, ()),
            by_sentence.get(source.sentence, ()),
            _holding(source.answer_words, seen_by_word, every_seen),
        )
    for i, (_, source) in enumerate(seen):
        for c in _holding(source.answer_words, among_by_word, every_candidate):
            pairs[c].add(i)
    return [
        question
        for c, question in enumerate(among)
        if any(
            seen[i][0] != question.pk and _why(sources[c], seen[i][1]) is not None for i in pairs[c]
        )
    ]


def sibling_pairs(questions):
    """Every pair (a, b, reason) of siblings among `questions`, `a` before `b` in their order."""
    questions = list(questions)
    sources = [_Source.of(question) for question in questions]
    pairs = []
    for i, (a, source_a) in enumerate(zip(questions, sources, strict=True)):
        for b, source_b in zip(questions[i + 1 :], sources[i + 1 :], strict=True):
            reason = _why(source_a, source_b)
            if reason is not None:
                pairs.append((a, b, reason))
    return pairs
