from django.core.management.base import BaseCommand

from quizzes.assembly import build_starter_quizzes
from quizzes.generating import articles_from_slugs


class Command(BaseCommand):
    help = (
        "Build or update one published starter quiz per article from its published questions, "
        "best first. Idempotent; a starter quiz a teacher edited is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            action="append",
            dest="slugs",
            metavar="SLUG",
            default=[],
            help="only this article (repeatable); all articles when none is named",
        )

    def handle(self, *args, slugs, verbosity, **options):
        articles = articles_from_slugs(slugs=slugs)
        report = build_starter_quizzes(articles=articles)
        if verbosity:
            self.stdout.write(report.summary())
