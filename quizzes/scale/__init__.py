"""Benchmark-sized synthetic data (`manage.py seed_scale`): learners, teachers and classes
(`people`), articles, questions and quizzes (`library`), and the learners' history of attempts,
answers and flashcard reviews (`history`). Every name it creates starts with PREFIX."""

from .history import Totals, seed_scale
from .people import (
    BENCH_PASSWORD,
    PREFIX,
    delete_scale_data,
    has_scale_data,
    learner_username,
    teacher_username,
)

__all__ = [
    "BENCH_PASSWORD",
    "PREFIX",
    "Totals",
    "delete_scale_data",
    "has_scale_data",
    "learner_username",
    "seed_scale",
    "teacher_username",
]
