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
from dataclasses import dataclass

# What the rules read: pass to QuerySet.only() ("sentence" loads the sentence's id).
SIBLING_FIELDS = ("sentence", "sentence_text", "answer_start", "answer_end")

SAME_SENTENCE = "same sentence"
ANSWER_IN_SENTENCE = "answer in sentence"


@dataclass(frozen=True)
class _Source:
    """What the rules compare of one question, worked out once."""

    sentence_id: int | None
    sentence: str  # its text, spaces collapsed
    answer: re.Pattern | None  # its answer as whole words, or None without an answer

    @classmethod
    def of(cls, question):
        answer = question.sentence_text[question.answer_start : question.answer_end].split()
        pattern = None
        if answer:
            words = r"\s+".join(re.escape(word) for word in answer)
            pattern = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
        return cls(
            sentence_id=question.sentence_id,
            sentence=" ".join(question.sentence_text.split()),
            answer=pattern,
        )

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
