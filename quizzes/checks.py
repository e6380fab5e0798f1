"""Checks every question meets, whoever made it: the generator, a teacher in the admin's authoring
form, or a CSV import. A question may be stored or published only when `find_question_problems`
returns nothing: its answer span lies inside its sentence, its stem does not give the answer
away, and its answer is exactly once among distinct choices (DESIGN.md's export contract).
"""

import re

from quizzes.models import Question


def normalize(text):
    return " ".join(str(text).split()).casefold()


def _contains_words(haystack, needle):
    """Whether `needle` occurs in `haystack` as whole words, ignoring case and spacing."""
    needle = normalize(needle)
    if not needle:
        return False
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return re.search(pattern, normalize(haystack)) is not None


def find_span_problems(*, sentence_text, answer_start, answer_end):
    """Return why the span [answer_start, answer_end) cannot mark an answer in the sentence.

    An empty list means the span is a non-empty piece of the sentence.
    """
    if answer_start is None or answer_end is None:
        return ["Mark the answer in the sentence: both its start and its end are needed."]
    if not 0 <= answer_start < answer_end <= len(sentence_text):
        return [
            f"The answer span {answer_start}–{answer_end} is not inside the sentence, "
            f"which has {len(sentence_text)} characters."
        ]
    if not sentence_text[answer_start:answer_end].strip():
        return ["The answer span covers only spaces."]
    return []


def find_stem_problems(*, stem, answer, answer_as_written=""):
    """Return why the stem gives the answer away (it contains it), or an empty list."""
    problems = []
    for text in dict.fromkeys([answer, answer_as_written]):
        if text and _contains_words(stem, text):
            problems.append(f"The stem contains the answer “{text}”: ask without giving it away.")
    return problems


def find_choice_problems(*, mode, answer, choices, correct=None):
    """Return what is wrong with the choices of a question, or an empty list.

    `choices` are the choice texts in order; `correct`, when given, is the list of their
    is_correct flags. A multiple-choice question needs at least two distinct choices, the
    answer exactly once among them (compared ignoring case and spacing) and, when flags are
    given, exactly that choice marked correct. A typed-answer question has no choices.
    """
    choices = [str(text) for text in choices]
    if mode == Question.Mode.TYPED:
        if choices:
            return [
                "A typed-answer question has no choices: remove them or make it multiple choice."
            ]
        return []
    problems = []
    if len(choices) < 2:
        problems.append("A multiple-choice question needs at least two choices.")
    normalized = [normalize(text) for text in choices]
    duplicates = sorted({text for text in choices if normalized.count(normalize(text)) > 1})
    if duplicates:
        problems.append(
            "The choices must all differ: " + ", ".join(f"“{d}”" for d in duplicates) + " repeats."
        )
    matches = [i for i, text in enumerate(normalized) if text == normalize(answer)]
    if not matches:
        problems.append(f"The answer “{answer}” must be one of the choices.")
    elif len(matches) > 1:
        problems.append(f"The answer “{answer}” must appear only once among the choices.")
    if correct is not None:
        marked = [i for i, flag in enumerate(correct) if flag]
        if len(marked) != 1:
            problems.append("Mark exactly one choice as correct.")
        elif matches and marked != matches[:1]:
            problems.append(f"The choice marked correct must be the answer “{answer}”.")
    return problems


def find_question_problems(
    *, sentence_text, answer_start, answer_end, answer, stem, mode, choices, correct=None
):
    """Return every reason the question may not be stored or published; empty when it may.

    The checks of DESIGN.md's export contract: the span lies inside the sentence, the stem does
    not contain the answer, the answer is exactly once among distinct choices.
    """
    problems = find_span_problems(
        sentence_text=sentence_text, answer_start=answer_start, answer_end=answer_end
    )
    as_written = "" if problems else sentence_text[answer_start:answer_end]
    if not str(answer).strip():
        problems.append("The answer is empty.")
    if not str(stem).strip():
        problems.append("The stem is empty.")
    problems += find_stem_problems(stem=stem, answer=answer, answer_as_written=as_written)
    problems += find_choice_problems(mode=mode, answer=answer, choices=choices, correct=correct)
    return problems
