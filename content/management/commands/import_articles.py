import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from content.ingest import ArticleFileError, import_articles


class Command(BaseCommand):
    help = (
        "Import article files (front matter + body) and saved HTML pages; directories import "
        "their .txt, .md and .html files. All or nothing: one bad file and nothing is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")

    def handle(self, *args, paths, verbosity, **options):
        # The raw stream: tqdm redraws its line with "\r", which OutputWrapper would break.
        stream = options.get("stderr") or sys.stderr

        def progress(items, desc):
            # A bar only where it helps: long imports, on a terminal or when asked to be chatty.
            chatty = verbosity > 1 or (verbosity == 1 and stream.isatty())
            disable = not chatty or len(items) < 5
            return tqdm(items, desc=desc, unit="file", file=stream, disable=disable)

        try:
            report = import_articles(paths=paths, progress=progress)
        except ArticleFileError as error:
            if getattr(self, "_called_from_command_line", False):
                # The contract is one line, `error: <file>: <reason>`, not Django's
                # "CommandError: ..." prefix. The transaction has already been rolled back.
                self.stderr.write(f"error: {error}")
                sys.exit(1)
            raise CommandError(str(error), returncode=1) from None
        if verbosity:
            self.stdout.write(f"Imported {report.summary()}")
