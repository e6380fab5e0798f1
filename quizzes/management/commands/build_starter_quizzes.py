from django.core.management.base import BaseCommand, CommandError

from content.models import Article
from quizzes.assembly import build_starter_quizzes


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
        articles = Article.objects.all()
        if slugs:
            articles = articles.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - set(articles.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"No article with the slug(s): {', '.join(unknown)}.")
        report = build_starter_quizzes(articles=articles)
        if verbosity:
            self.stdout.write(report.summary())
