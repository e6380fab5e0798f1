from django.core.management.base import BaseCommand

from quizzes.perspective import build_perspective_questions, find_discrepancies


class Command(BaseCommand):
    help = (
        "Build the perspective questions as drafts for a teacher to review: 'who reports it' "
        "(which outlet wrote a sentence using contested terms) and 'compare the sources' (one "
        "per discrepancy between outlets). Idempotent; never changes a question a teacher "
        "edited or wrote. Needs at least two outlets with articles."
    )

    def handle(self, *args, verbosity, **options):
        report = build_perspective_questions()
        if verbosity:
            self.stdout.write(report.summary())
        if verbosity > 1:
            for discrepancy in find_discrepancies():
                self.stdout.write(f"discrepancy: {discrepancy}")
