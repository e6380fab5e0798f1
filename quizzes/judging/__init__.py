"""The judged evaluation of question generation (issue 12): what `evaluate_questions` measures.

A run generates questions on a set of texts as `make run` does, in a throwaway database, and
measures what was made for people to judge: per text, the questions drafted and published and
the gold facts they ask (`gold`); a blind sample with its hidden key (`sample`); how often a
learner wins a number or date question without reading it (`blind`); with judges' verdicts,
the acceptable shares, the threshold's precision and recall and the score's ROC AUC
(`verdicts`). `run` reads the run back from the database, `report` writes its files. The
analysis works on plain dicts, so the figures can be recomputed from a run's files (its key and
the verdicts) without generating again. See bench/README.md, "Judged evaluation".

Not to be confused with `quizzes/generation/evaluation.py` (`evaluate_generation`): that is a
pure measure of the pipeline's gold recall and span precision, computed in memory from the
facts and drafts it would make, with nothing stored, published, sampled or judged.
"""
