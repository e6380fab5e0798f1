from django.core.management.base import BaseCommand, CommandError

from quizzes.generating import articles_from_slugs, generate_for_articles


def _score(value):
    try:
        score = float(value)
    except ValueError:
        raise CommandError(
            f"--publish-above wants a number between 0 and 1, not “{value}”."
        ) from None
    if not 0 <= score <= 1:
        raise CommandError(f"--publish-above wants a number between 0 and 1, not {score}.")
    return score


class Command(BaseCommand):
    help = (
        "Generate questions for the given articles (all when none is named) and store them as "
        "drafts. Idempotent: re-running refreshes instead of duplicating, never overwrites a "
        "question a teacher edited or wrote, and sends back to draft the questions whose "
        "sentence left a changed article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            action="append",
            dest="slugs",
            metavar="SLUG",
            default=[],
            help="the slug of an article to generate for (repeatable)",
        )
        parser.add_argument(
            "--publish-above",
            metavar="SCORE",
            default=None,
            help="publish the new and untouched drafts whose quality score is at least SCORE "
            "(0 to 1); questions a teacher decided on are left alone",
        )

    def handle(self, *args, slugs, publish_above, verbosity, **options):
        threshold = None if publish_above is None else _score(publish_above)
        articles = articles_from_slugs(slugs=slugs)
        report = generate_for_articles(articles=articles, publish_above=threshold)
        if verbosity:
            self.stdout.write(report.summary())
        if verbosity > 1:
            for reason in report.skipped:
                self.stderr.write(f"skipped: {reason}")
