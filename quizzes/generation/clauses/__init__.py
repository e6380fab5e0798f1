"""Question stems from the clause that states a fact, on the dependency parse (`..parser`).

In the spirit of Heilman & Smith (2010), a stem is built in five steps:

1. find the fact's tokens and the phrase that holds them, hung from a verb (`answer`);
2. keep that verb's clause only (subject, auxiliaries, verb, complements) and drop what does
   not hold the fact: asides, appositions, non-restrictive relative clauses, sentence adverbs,
   subordinate and coordinated clauses (`clause`, `simplify`);
3. refuse when what is left cannot stand alone: a pronoun pointing elsewhere, a quotation, a
   cut name or fact, a misread clause (`refusals`);
4. replace the answer phrase by a wh-phrase chosen by the fact's type and granularity (`wh`)
   and move it to the front, with subject-auxiliary inversion and do-support (`question`,
   `verbs`):

       "The Azerbaijani army took Shusha on 8 November 2020."
           → "On what date did the Azerbaijani army take Shusha?"

5. when no wh-question can be formed (the fact is inside a name or a noun's modifier, deep in a
   noun phrase: the "islands" of Heilman & Smith), blank the fact in the simplified clause
   instead, if it is short (`cloze`).

`tokens` holds what the steps share: the fact's tokens and writing tokens back as text. The
public names are the ones below; names with a leading underscore are the package's own.
"""

from .cloze import BLANK, MAX_CLOZE_WORDS, MAX_SENTENCE_CLOZE_WORDS, cloze, sentence_cloze
from .question import Question, display_dates, question
from .tokens import fact_tokens
from .verbs import base_form

__all__ = [
    "BLANK",
    "MAX_CLOZE_WORDS",
    "MAX_SENTENCE_CLOZE_WORDS",
    "Question",
    "base_form",
    "cloze",
    "display_dates",
    "fact_tokens",
    "question",
    "sentence_cloze",
]
