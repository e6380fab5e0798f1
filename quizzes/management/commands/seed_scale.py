"""Fill the database with benchmark-sized, realistic data.

    manage.py seed_scale --learners 10000 --questions 1000 --responses 1000000 [--seed N]

Creates learners (all sharing one known password, see BENCH_PASSWORD), teachers and their
classes of 30 learners, synthetic articles with sentences, published
multiple-choice questions with four choices, quizzes of ten questions, finished and unfinished
attempts, responses (about 70% correct, most of them from a minority of learners, spread over
the last 90 days), one flashcard per learner and question answered with a plausible FSRS state,
and the review logs behind it (one per quiz answer, plus flashcard reviews).

Every name it creates starts with `scale-`, which is how a second run recognises earlier scale
data: it refuses to add more unless `--force`, which first deletes the earlier scale data.
The four big tables (attempts, responses, cards, review logs) are written with PostgreSQL's
COPY (executemany INSERTs on other databases), learner by learner, so memory stays flat.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from quizzes.scale import (
    BENCH_PASSWORD,
    PREFIX,
    delete_scale_data,
    has_scale_data,
    learner_username,
    seed_scale,
    teacher_username,
)

__all__ = ["BENCH_PASSWORD", "PREFIX", "learner_username", "teacher_username"]


class Command(BaseCommand):
    help = "Create benchmark-sized learners, questions, attempts, responses and flashcards."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument("--questions", type=int, default=1_000)
        parser.add_argument("--responses", type=int, default=1_000_000)
        parser.add_argument(
            "--seed", type=int, default=8, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete earlier scale data (names starting with 'scale-') and seed again.",
        )

    def handle(self, *args, learners, questions, responses, seed, force, verbosity, **options):
        if learners < 1 or questions < 1 or responses < 0:
            raise CommandError(
                "--learners and --questions must be at least 1, --responses at least 0."
            )
        if has_scale_data():
            if not force:
                raise CommandError(
                    "This database already has scale data (names starting with 'scale-'). "
                    "Use --force to delete it and seed again."
                )
            self.stderr.write("Deleting the earlier scale data…")
            with transaction.atomic():
                delete_scale_data()
        started = timezone.now()
        with transaction.atomic():
            totals = seed_scale(
                learners=learners,
                questions=questions,
                responses=responses,
                seed=seed,
                progress=verbosity > 0,
            )
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses on tables that grew by a million rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"Seeded {learners} learners, {totals.extra['teachers']} teachers, "
            f"{totals.extra['classes']} classes, "
            f"{questions} questions in {totals.extra['quizzes']} quizzes, "
            f"{totals.attempts} attempts ({totals.unfinished} unfinished), "
            f"{totals.responses} responses, {totals.cards} cards, {totals.reviews} review logs "
            f"in {elapsed:.0f} s. Log in as {learner_username(1)} (the most active learner) "
            f"or {teacher_username(1)}, password {BENCH_PASSWORD!r}."
        )
