"""`import_progress FILE`: load a file written by `export_progress`, all or nothing.

Users are matched by username (an existing account keeps its password and details; a missing
one is created with the exported password hash), quizzes by slug, questions by their key and
choices by text. Everything the file names must exist in this database's content (import and
generate the articles first): a missing quiz, question or choice refuses the whole file, with
the list of what is missing. Importing the same file twice changes nothing the second time:
attempts are matched by learner, quiz and start time, responses by attempt and question,
cards by learner and question, reviews by card, time and rating.
"""

import json
from itertools import batched
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime

from quizzes.batches import BATCH_SIZE
from quizzes.management.commands.export_progress import FORMAT, VERSION
from quizzes.models import (
    Attempt,
    Card,
    Classroom,
    LearnerProfile,
    Question,
    Quiz,
    Response,
    ReviewLog,
)


class ProgressFileError(CommandError):
    """The file cannot be imported; the message says why."""


def _when(value):
    return parse_datetime(value) if value else None


class _Directory:
    """Looks up what the file names; collects what is missing instead of failing at once."""

    def __init__(self):
        self.missing = set()
        self.users = {user.username: user for user in get_user_model().objects.all()}
        self.quizzes = {quiz.slug: quiz for quiz in Quiz.objects.all()}
        self.questions = {}
        questions = Question.objects.select_related("article").prefetch_related("choices")
        # The choices are read a batch of questions at a time (a statement's parameters are
        # limited: PostgreSQL with server-side binding takes 65,535).
        for question in questions.iterator(chunk_size=BATCH_SIZE):
            slug = question.article.slug
            if question.fingerprint:
                self.questions.setdefault((slug, "fingerprint", question.fingerprint), question)
            self.questions.setdefault((slug, "stem", question.stem), question)

    def question(self, key):
        kind = "fingerprint" if key.get("fingerprint") else "stem"
        found = self.questions.get((key.get("article"), kind, key.get(kind)))
        if found is None:
            self.missing.add(f"question {key.get('article')}/{key.get(kind)}")
        return found

    def quiz(self, slug):
        found = self.quizzes.get(slug)
        if found is None:
            self.missing.add(f"quiz {slug}")
        return found

    def choice(self, question, text):
        if text is None or question is None:
            return None
        found = next((c for c in question.choices.all() if c.text == text), None)
        if found is None:
            self.missing.add(f"choice {text!r} of question {question.pk}")
        return found


def read_progress_file(path):
    """The file's data, checked for its format; ProgressFileError when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ProgressFileError(f"Cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProgressFileError(f"{path} is not a JSON file: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressFileError(f"{path} is not a progress export (format {FORMAT!r}).")
    if data.get("version") != VERSION:
        raise ProgressFileError(f"{path} has version {data.get('version')}; expected {VERSION}.")
    return data


def import_progress(data):
    """Load exported progress in one transaction; return counts of what was created.

    Raises ProgressFileError (nothing written) when the file names a quiz, question or choice
    this database lacks, or is malformed.
    """
    try:
        with transaction.atomic():
            return _import(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ProgressFileError(f"The file is malformed: {type(error).__name__}: {error}") from None
    except IntegrityError as error:
        # E.g. an open attempt at a quiz the learner already has one open at here.
        raise ProgressFileError(f"The file conflicts with this database: {error}") from None


def _import(data):
    directory = _Directory()
    created = {"users": 0, "attempts": 0, "responses": 0, "cards": 0, "reviews": 0}
    user_model = get_user_model()
    for row in data["users"]:
        if row["username"] in directory.users:
            continue
        user = user_model(
            username=row["username"],
            email=row["email"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            password=row["password"],
            is_active=row["is_active"],
            is_staff=row["is_staff"],
            is_superuser=row["is_superuser"],
            date_joined=_when(row["date_joined"]),
            last_login=_when(row["last_login"]),
        )
        user.save()
        for name in row["groups"]:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        directory.users[user.username] = user
        created["users"] += 1
    users = directory.users

    for row in data["profiles"]:
        LearnerProfile.objects.update_or_create(
            user=users[row["user"]],
            defaults={
                "new_cards_per_day": row["new_cards_per_day"],
                "desired_retention": row["desired_retention"],
            },
        )
    for row in data["classes"]:
        classroom, made = Classroom.objects.get_or_create(
            join_code=row["join_code"],
            defaults={"name": row["name"], "teacher": users[row["teacher"]]},
        )
        if made:
            Classroom.objects.filter(pk=classroom.pk).update(created=_when(row["created"]))
        for learners in batched((users[name] for name in row["learners"]), BATCH_SIZE):
            classroom.learners.add(*learners)

    for row in data["attempts"]:
        quiz = directory.quiz(row["quiz"])
        questions = [directory.question(key) for key in row["questions"]]
        answers = [
            (directory.question(r["question"]), r) for r in row["responses"]
        ]  # looked up before any check, so that every missing name is reported at once
        answers = [(q, r, directory.choice(q, r["choice"])) for q, r in answers]
        if directory.missing:
            continue
        attempt, made = Attempt.objects.get_or_create(
            learner=users[row["learner"]],
            quiz=quiz,
            started=_when(row["started"]),
            defaults={
                "finished": _when(row["finished"]),
                "score": row["score"],
                "max_score": row["max_score"],
                "question_ids": [question.pk for question in questions],
            },
        )
        if made:
            # `started` is set on creation whatever is given: put the exported time back.
            Attempt.objects.filter(pk=attempt.pk).update(started=_when(row["started"]))
            created["attempts"] += 1
        for question, response, choice in answers:
            stored, made = Response.objects.get_or_create(
                attempt=attempt,
                question=question,
                defaults={
                    "choice": choice,
                    "typed_answer": response["typed_answer"],
                    "credit": response["credit"],
                    "is_correct": response["is_correct"],
                    "time_spent_ms": response["time_spent_ms"],
                },
            )
            if made:
                Response.objects.filter(pk=stored.pk).update(created=_when(response["created"]))
                created["responses"] += 1

    for row in data["cards"]:
        question = directory.question(row["question"])
        if directory.missing:
            continue
        fields = {
            name: row[name]
            for name in ("state", "step", "stability", "difficulty", "reps", "lapses")
        }
        for name in ("due", "last_review", "introduced"):
            fields[name] = _when(row[name])
        card, made = Card.objects.update_or_create(
            learner=users[row["learner"]], question=question, defaults=fields
        )
        if made:
            Card.objects.filter(pk=card.pk).update(created=_when(row["created"]))
            created["cards"] += 1
        for review in row["reviews"]:
            _, made = ReviewLog.objects.get_or_create(
                card=card,
                reviewed_at=_when(review["reviewed_at"]),
                rating=review["rating"],
                defaults={
                    "source": review["source"],
                    "review_duration_ms": review["review_duration_ms"],
                },
            )
            created["reviews"] += made

    if directory.missing:
        listed = "; ".join(sorted(directory.missing)[:20])
        raise ProgressFileError(
            f"{len(directory.missing)} things the file names are not in this database "
            f"(import and generate the content first): {listed}"
        )
    return created


class Command(BaseCommand):
    help = (
        "Import a file written by export_progress, all or nothing: accounts, settings, "
        "classes, attempts and responses, flashcards and reviews. Importing twice is harmless."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file export_progress wrote")

    def handle(self, *args, file, **options):
        created = import_progress(read_progress_file(file))
        self.stderr.write(
            "Imported: " + ", ".join(f"{count} {name}" for name, count in created.items()) + "."
        )
