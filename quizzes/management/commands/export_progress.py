"""`export_progress --output FILE`: the learners' progress as JSON, keyed by natural keys.

The file holds accounts (with their password hashes: keep it as safe as the database),
learner settings, classes, attempts with their responses, and flashcards with their review
logs. Nothing in it is a database id: users are named by username, quizzes by slug, questions
by their article's slug and fingerprint (or stem, for a question without one) and choices by
their text, so `import_progress` can load it into a fresh database whose content was imported
and generated again.
"""

import json
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from quizzes.models import Attempt, Card, Classroom, LearnerProfile, Question

FORMAT = "quizsite-progress"
VERSION = 1
CHUNK = 2000  # rows read (with their prefetched relations) at a time


def question_key(question):
    """The natural key of a question: {"article": slug, "fingerprint": …} or with "stem"."""
    key = {"article": question.article.slug}
    if question.fingerprint:
        key["fingerprint"] = question.fingerprint
    else:
        key["stem"] = question.stem
    return key


def _when(value):
    return value.isoformat() if value is not None else None


def export_progress():
    """Every learner's progress as a JSON-ready dict (see the module docstring); its
    "attempts" and "cards" are generators, read from the database as they are consumed
    (`write_progress` writes them one by one)."""
    # Every prefetch is read a chunk of rows at a time: one statement carries at most so many
    # ids (PostgreSQL with server-side binding: 65,535).
    users = (
        get_user_model()
        .objects.order_by("username")
        .prefetch_related("groups")
        .iterator(chunk_size=CHUNK)
    )
    questions = {
        question.pk: question
        for question in Question.objects.select_related("article").iterator(chunk_size=CHUNK)
    }

    def key_of(question_id):
        return question_key(questions[question_id])

    # Attempts and cards are read and written a chunk at a time (their prefetches too): a
    # school's whole history would otherwise be in memory at once, several times over.
    attempts = (
        Attempt.objects.select_related("learner", "quiz")
        .prefetch_related("responses__choice")
        .order_by("learner__username", "started", "pk")
        .iterator(chunk_size=CHUNK)
    )
    cards = (
        Card.objects.select_related("learner")
        .prefetch_related("reviews")
        .order_by("learner__username", "question_id")
        .iterator(chunk_size=CHUNK)
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": datetime.now(UTC).isoformat(),
        "users": [
            {
                "username": user.username,
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "password": user.password,
                "is_active": user.is_active,
                "is_staff": user.is_staff,
                "is_superuser": user.is_superuser,
                "groups": sorted(group.name for group in user.groups.all()),
                "date_joined": _when(user.date_joined),
                "last_login": _when(user.last_login),
            }
            for user in users
        ],
        "profiles": [
            {
                "user": profile.user.username,
                "new_cards_per_day": profile.new_cards_per_day,
                "desired_retention": profile.desired_retention,
            }
            for profile in LearnerProfile.objects.select_related("user").order_by("user__username")
        ],
        "classes": [
            {
                "name": classroom.name,
                "teacher": classroom.teacher.username,
                "join_code": classroom.join_code,
                "created": _when(classroom.created),
                "learners": sorted(learner.username for learner in classroom.learners.all()),
            }
            for classroom in Classroom.objects.select_related("teacher")
            .prefetch_related("learners")
            .order_by("join_code")
            .iterator(chunk_size=CHUNK)
        ],
        "attempts": (
            {
                "learner": attempt.learner.username,
                "quiz": attempt.quiz.slug,
                "started": _when(attempt.started),
                "finished": _when(attempt.finished),
                "score": attempt.score,
                "max_score": attempt.max_score,
                "questions": [key_of(pk) for pk in attempt.question_ids if pk in questions],
                "responses": [
                    {
                        "question": key_of(response.question_id),
                        "choice": response.choice.text if response.choice else None,
                        "typed_answer": response.typed_answer,
                        "credit": response.credit,
                        "is_correct": response.is_correct,
                        "time_spent_ms": response.time_spent_ms,
                        "created": _when(response.created),
                    }
                    for response in sorted(
                        attempt.responses.all(), key=lambda r: (r.created, r.question_id)
                    )
                ],
            }
            for attempt in attempts
        ),
        "cards": (
            {
                "learner": card.learner.username,
                "question": key_of(card.question_id),
                "state": card.state,
                "step": card.step,
                "stability": card.stability,
                "difficulty": card.difficulty,
                "due": _when(card.due),
                "last_review": _when(card.last_review),
                "reps": card.reps,
                "lapses": card.lapses,
                "introduced": _when(card.introduced),
                "created": _when(card.created),
                "reviews": [
                    {
                        "rating": review.rating,
                        "source": review.source,
                        "reviewed_at": _when(review.reviewed_at),
                        "review_duration_ms": review.review_duration_ms,
                    }
                    for review in sorted(card.reviews.all(), key=lambda r: (r.reviewed_at, r.pk))
                ],
            }
            for card in cards
        ),
    }


class Command(BaseCommand):
    help = (
        "Export every learner's progress (accounts, settings, classes, attempts and responses, "
        "flashcards and reviews) as JSON keyed by usernames, quiz slugs and question keys; "
        "import it with import_progress."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", required=True, help="the JSON file")

    def handle(self, *args, output, **options):
        try:
            with open(output, "w", encoding="utf-8") as stream:
                counts = write_progress(export_progress(), stream)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        self.stderr.write(
            f"Exported {counts['users']} users, {counts['attempts']} attempts, "
            f"{counts['responses']} responses, {counts['cards']} cards to {output}."
        )


def write_progress(data, stream):
    """Write `data` as one JSON object, the items of its generators one at a time (the file
    is what `json.dump(…, indent=1)` writes, give or take whitespace); return how many
    users, attempts, responses and cards it holds."""
    counts = {"users": len(data["users"]), "attempts": 0, "responses": 0, "cards": 0}
    stream.write("{")
    for n, (name, value) in enumerate(data.items()):
        stream.write(f"{',' if n else ''}\n {json.dumps(name)}: ")
        if isinstance(value, (list, dict, str, int, float)) or value is None:
            stream.write(_indented(value, 1))
            continue
        stream.write("[")
        for index, item in enumerate(value):
            if name == "attempts":
                counts["responses"] += len(item["responses"])
            if name in counts:
                counts[name] += 1
            stream.write(f"{',' if index else ''}\n  {_indented(item, 2)}")
        stream.write("\n ]" if counts.get(name) else "]")
    stream.write("\n}\n")
    return counts


def _indented(value, depth):
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + " " * depth)
