"""The quizzes app's models, one module per area; importable from here as before."""

from .cards import LEARN_AHEAD, Card, CardQuerySet, LearnerProfile, ReviewLog, ReviewLogQuerySet
from .classes import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Classroom,
    ClassroomQuerySet,
    new_join_code,
)
from .generation_runs import GenerationRun
from .questions import Choice, Entity, ProblemReport, Question, QuestionQuerySet
from .quizzes import Attempt, AttemptQuerySet, Quiz, QuizQuestion, Response, ResponseQuerySet

__all__ = [
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "LEARN_AHEAD",
    "Attempt",
    "AttemptQuerySet",
    "Card",
    "CardQuerySet",
    "Choice",
    "Classroom",
    "ClassroomQuerySet",
    "Entity",
    "GenerationRun",
    "LearnerProfile",
    "ProblemReport",
    "Question",
    "QuestionQuerySet",
    "Quiz",
    "QuizQuestion",
    "Response",
    "ResponseQuerySet",
    "ReviewLog",
    "ReviewLogQuerySet",
    "new_join_code",
]
