"""Teachers and their classes: the Teachers group, classrooms, joining, and a class's progress.

A teacher is a staff user in the `Teachers` group (DESIGN.md, HTTP). The group's permissions
are listed once, in `TEACHER_PERMISSIONS`: a data migration grants them on a fresh database
and `ensure_teachers_group()` (run by `manage.py createteacher`) grants any that a later
migration made possible, such as those of a model added after the group was created.

`class_progress()` gathers everything a class page shows in a fixed number of queries,
whatever the number of learners, quizzes, attempts and cards.
"""

import functools
import math
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, ExpressionWrapper, F, FloatField, Max, Q
from django.db.models.functions import NullIf
from django.utils import formats, timezone, translation

from .models import (
    JOIN_CODE_ALPHABET,
    Attempt,
    Card,
    Classroom,
    Quiz,
    Response,
    new_join_code,
)

TEACHERS_GROUP = "Teachers"

ALL = ("add", "change", "delete", "view")

# What a teacher may do, by (app label, model name). Users and groups are deliberately absent:
# a teacher curates content and follows learners, but never manages accounts.
TEACHER_PERMISSIONS = {
    ("content", "outlet"): ALL,
    ("content", "outletsource"): ALL,
    ("content", "article"): ALL,
    # Sentences come from splitting an article on import; editing one would break its offsets.
    ("content", "sentence"): ("view",),
    # The glossary of contested terms, shown wherever a term appears.
    ("content", "contestedterm"): ALL,
    ("content", "contestedtermsource"): ALL,
    ("quizzes", "question"): ALL,
    ("quizzes", "choice"): ALL,
    ("quizzes", "quiz"): ALL,
    ("quizzes", "quizquestion"): ALL,
    ("quizzes", "entity"): ALL,
    ("quizzes", "classroom"): ALL,
    # Reports are the learners' words: a teacher resolves them but neither writes nor deletes.
    ("quizzes", "problemreport"): ("change", "view"),
    # Following learners, read-only: answers and schedules are the learners' own record.
    ("quizzes", "attempt"): ("view",),
    ("quizzes", "response"): ("view",),
    ("quizzes", "card"): ("view",),
    # Generation runs are written by the background task; a teacher follows them.
    ("quizzes", "generationrun"): ("view",),
}

# Generating and retrying codes: 29**6 is about 600 million codes, so a clash is rare and
# a handful of retries make failure practically impossible.
_CODE_ATTEMPTS = 8


def teacher_permission_codenames():
    """Every (app label, codename) pair the Teachers group should hold."""
    return {
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in TEACHER_PERMISSIONS.items()
        for action in actions
    }


def grant_teacher_permissions(*, group_model, permission_model):
    """Create the Teachers group if needed and give it every teacher permission that exists.

    Works with the live models and with a migration's historical ones. Permissions of models
    that do not exist (yet) are skipped; returns the group.
    """
    group, _ = group_model.objects.get_or_create(name=TEACHERS_GROUP)
    wanted = teacher_permission_codenames()
    candidates = permission_model.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).values_list("pk", "content_type__app_label", "codename")
    group.permissions.add(*[pk for pk, app, codename in candidates if (app, codename) in wanted])
    return group


def ensure_teachers_group():
    """Return the Teachers group, granting it any teacher permission it lacks.

    Never removes a permission an administrator added by hand.
    """
    return grant_teacher_permissions(group_model=Group, permission_model=Permission)


def is_teacher(user):
    """True for an active staff user in the Teachers group, or a superuser."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=TEACHERS_GROUP).exists()


# Classes


def normalize_join_code(code):
    """The code as stored: upper case, without the spaces and dashes people type."""
    return "".join(str(code or "").split()).replace("-", "").upper()


def create_classroom(*, teacher, name):
    """Create a class taught by `teacher`, with a fresh unique join code.

    Raises ValidationError when the name is blank.
    """
    name = (name or "").strip()
    if not name:
        raise ValidationError("Give the class a name.")
    for _ in range(_CODE_ATTEMPTS):
        try:
            # A savepoint, so a clashing code does not spoil a surrounding transaction.
            with transaction.atomic():
                return Classroom.objects.create(name=name, teacher=teacher)
        except IntegrityError:
            continue
    raise RuntimeError("Could not find an unused join code; try again.")


def reset_join_code(*, classroom):
    """Give the class a fresh join code (when the old one got around); its learners stay.
    Returns the new code."""
    for _ in range(_CODE_ATTEMPTS):
        classroom.join_code = new_join_code()
        try:
            with transaction.atomic():
                classroom.save(update_fields=["join_code"])
            return classroom.join_code
        except IntegrityError:
            continue
    raise RuntimeError("Could not find an unused join code; try again.")


def join_classroom(*, learner, code):
    """Add `learner` to the class with this join code and return the class.

    The code is matched ignoring case, spaces and dashes. Joining a class twice changes
    nothing. Raises ValidationError with a message for the learner when no class has the
    code or when the learner teaches that class.
    """
    normalized = normalize_join_code(code)
    if not normalized:
        raise ValidationError("Type the join code your teacher gave you.")
    if set(normalized) - set(JOIN_CODE_ALPHABET):
        raise ValidationError(
            f"“{code}” is not a join code: codes use letters and digits only, "
            "without 0, O, 1, I, L, 5 or S."
        )
    classroom = Classroom.objects.filter(join_code=normalized).first()
    if classroom is None:
        raise ValidationError(
            f"No class has the join code “{normalized}”. Check it with your teacher."
        )
    if classroom.teacher_id == learner.pk:
        raise ValidationError("You teach this class, so you cannot join it as a learner.")
    # add() on a many-to-many ignores a learner who is already there.
    classroom.learners.add(learner)
    return classroom


# A class's progress


@dataclass(frozen=True)
class QuizCell:
    """One learner's record on one quiz: best finished score (percent), attempts, last seen."""

    best_score: float | None
    attempts: int
    last_activity: datetime | None

    # Labels for the class page's grid, which has hundreds of cells: formatting each with
    # Django's template filters (floatformat, date) was most of the page's rendering.
    @property
    def best_label(self) -> str:
        """The best score as a whole percentage rounded half up ("85%"), or "unfinished"."""
        if self.best_score is None:
            return "unfinished"
        return f"{math.floor(self.best_score + 0.5)}%"

    @property
    def day_label(self) -> str:
        """The day of the last activity in the current time zone, as "5 Nov 2026" (Django's
        date format: the month in the active language)."""
        if self.last_activity is None:
            return ""
        day = timezone.localtime(self.last_activity).date()
        return _format_day(day, translation.get_language())


# A class page's grid has hundreds of cells over a few dozen days: each day is formatted once
# per language (300 cells: 5.8 ms with date_format each, 0.7 ms memoised).
@functools.lru_cache(maxsize=1024)
def _format_day(day: date, language: str) -> str:
    return formats.date_format(day, "j M Y")


@dataclass(frozen=True)
class LearnerRow:
    learner_id: int
    name: str
    cells: list[QuizCell | None]  # one per quiz, in the order of ClassProgress.quizzes
    last_activity: datetime | None


@dataclass(frozen=True)
class ArticleRetention:
    """Mean FSRS retrievability (0 to 1) of the class's cards on one article."""

    article_id: int
    title: str
    cards: int
    learners: int
    retrievability: float


@dataclass(frozen=True)
class MissedQuestion:
    question_id: int
    stem: str
    answers: int
    misses: int

    @property
    def miss_rate(self) -> float:
        return self.misses / self.answers if self.answers else 0.0


@dataclass(frozen=True)
class ClassProgress:
    """Everything a class page shows."""

    classroom: Classroom
    quizzes: list[Quiz]
    rows: list[LearnerRow]
    articles: list[ArticleRetention]
    most_missed: list[MissedQuestion]
    # How many quizzes the class has attempted, when `quizzes` holds only the latest of them.
    all_quizzes: int = 0

    @property
    def quizzes_left_out(self) -> int:
        return max(self.all_quizzes - len(self.quizzes), 0)


def class_progress(*, classroom, now=None, most_missed_limit=10, quiz_limit=None):
    """Gather a class's progress: learners × quizzes grid, retention per article and the
    questions its learners miss most, in five queries whatever the amount of data.

    Quizzes are the ones at least one learner of the class has attempted, by title; with
    `quiz_limit`, only that many of them, those with the latest activity in the class
    (`all_quizzes` says how many there are). A cell's
    best score is the best finished attempt as a percentage (None while no attempt is
    finished); its last activity is the latest of an attempt's start, finish and answers.
    Articles are ordered weakest first; missed questions by misses, then miss rate.
    """
    now = now or timezone.now()
    learners = list(
        classroom.learners.order_by("username").only("id", "username", "first_name", "last_name")
    )
    in_class = Q(learner__classrooms=classroom)

    percent = ExpressionWrapper(
        F("score") * 100.0 / NullIf(F("max_score"), 0), output_field=FloatField()
    )
    cells = (
        Attempt.objects.filter(in_class)
        .values("learner_id", "quiz_id")
        .annotate(
            attempts=Count("id", distinct=True),
            best=Max(percent, filter=Q(finished__isnull=False)),
            last_started=Max("started"),
            last_finished=Max("finished"),
            last_answer=Max("responses__created"),
        )
    )
    by_pair = {}
    for cell in cells:
        moments = [cell["last_started"], cell["last_finished"], cell["last_answer"]]
        by_pair[cell["learner_id"], cell["quiz_id"]] = QuizCell(
            best_score=cell["best"],
            attempts=cell["attempts"],
            last_activity=max(m for m in moments if m is not None),
        )
    latest = {}
    for (_, quiz_id), cell in by_pair.items():
        if quiz_id not in latest or cell.last_activity > latest[quiz_id]:
            latest[quiz_id] = cell.last_activity
    quiz_ids = sorted(latest, key=lambda quiz_id: latest[quiz_id], reverse=True)[:quiz_limit]
    quizzes = (
        list(
            Quiz.objects.filter(pk__in=quiz_ids).only("id", "title", "slug").order_by("title", "id")
        )
        if quiz_ids
        else []
    )

    # A learner's last activity is over every quiz, shown in the grid or not.
    last_seen = {}
    for (learner_id, _), cell in by_pair.items():
        if learner_id not in last_seen or cell.last_activity > last_seen[learner_id]:
            last_seen[learner_id] = cell.last_activity
    rows = []
    for learner in learners:
        row_cells = [by_pair.get((learner.pk, quiz.pk)) for quiz in quizzes]
        rows.append(
            LearnerRow(
                learner_id=learner.pk,
                name=learner.get_full_name() or learner.get_username(),
                cells=row_cells,
                last_activity=last_seen.get(learner.pk),
            )
        )

    return ClassProgress(
        classroom=classroom,
        quizzes=quizzes,
        rows=rows,
        articles=_article_retention(in_class=in_class, now=now),
        most_missed=_most_missed(classroom=classroom, limit=most_missed_limit),
        all_quizzes=len(latest),
    )


# How long a class's progress is reused while its attempts stay the same: the class page's
# queries read every answer and card of the class (~200 ms of database time for a busy one),
# and a teacher's overview may lag a learner's latest answers by that long.
CLASS_PROGRESS_SECONDS = 60


def cached_class_progress(*, classroom, quiz_limit=None):
    """`class_progress(classroom=..., quiz_limit=...)`, reused from the cache for up to
    CLASS_PROGRESS_SECONDS as long as the class's learners and their attempts (count, newest,
    latest finish) are the same; one small query checks that. Answers within an attempt
    already started, reviews and renamed learners show when the cached copy expires.
    """
    version = Classroom.objects.filter(pk=classroom.pk).aggregate(
        n_learners=Count("learners", distinct=True),
        n_attempts=Count("learners__attempts"),
        newest=Max("learners__attempts__id"),
        finished=Max("learners__attempts__finished"),
    )
    finished = version["finished"].isoformat() if version["finished"] else "-"
    # The join code keeps a reused id (SQLite reuses them after a rollback) from matching.
    key = (
        f"quizzes:class-progress:v1:{classroom.pk}:{classroom.join_code}:{quiz_limit}:"
        f"{version['n_learners']}:{version['n_attempts']}:{version['newest']}:{finished}"
    )
    progress = cache.get(key)
    if progress is None:
        progress = class_progress(classroom=classroom, quiz_limit=quiz_limit)
        cache.set(key, progress, CLASS_PROGRESS_SECONDS)
    return progress


def _article_retention(*, in_class, now):
    # One row per article, summed by the database (a busy class has ~26,000 cards).
    rows = (
        Card.objects.filter(in_class)
        .mastery_by_article(now)
        .annotate(learners=Count("learner", distinct=True))
    )
    articles = [
        ArticleRetention(
            article_id=row["article_id"],
            title=row["title"],
            cards=row["cards"],
            learners=row["learners"],
            retrievability=row["recall"] / row["cards"],
        )
        for row in rows
    ]
    return sorted(articles, key=lambda a: (a.retrievability, a.title))


def _most_missed(*, classroom, limit):
    rows = (
        Response.objects.filter(attempt__learner__classrooms=classroom)
        .values("question_id", "question__stem")
        .annotate(answers=Count("id"), misses=Count("id", filter=Q(is_correct=False)))
        .filter(misses__gt=0)
        # Among equal misses, fewer answers means a larger share missed: that one first.
        .order_by("-misses", "answers", "question_id")[:limit]
    )
    return [
        MissedQuestion(
            question_id=row["question_id"],
            stem=row["question__stem"],
            answers=row["answers"],
            misses=row["misses"],
        )
        for row in rows
    ]
