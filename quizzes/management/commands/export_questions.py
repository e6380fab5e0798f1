import io
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from quizzes.exports import (
    export_anki,
    export_csv_text,
    export_gift,
    export_json,
    questions_for_export,
)


class Command(BaseCommand):
    help = (
        "Export questions as JSON (DESIGN.md's contract), CSV (re-importable), Moodle GIFT or an "
        "Anki package. Without --output the export alone goes to standard output; messages go "
        "to standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format", required=True, choices=["json", "csv", "gift", "anki"], dest="fmt"
        )
        parser.add_argument("--output", metavar="FILE", help="write here instead of stdout")
        parser.add_argument(
            "--status",
            choices=["published", "draft", "rejected", "all"],
            default="published",
            help="which questions (default: published)",
        )

    def handle(self, *args, fmt, output, status, verbosity, **options):
        questions = list(questions_for_export(status=status))
        if fmt == "json":
            data = json.dumps(export_json(questions=questions), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "csv":
            data = export_csv_text(questions=questions)
        elif fmt == "gift":
            data = export_gift(questions=questions)
        else:
            buffer = io.BytesIO()
            export_anki(questions=questions, stream=buffer)
            data = buffer.getvalue()
        if output is None:
            if isinstance(data, bytes):
                # An .apkg is a zip: it goes to the process's binary standard output.
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            else:
                self.stdout.write(data, ending="")
            return
        try:
            # newline="": the CSV writer already ends rows with \r\n, as RFC 4180 wants.
            if isinstance(data, bytes):
                with open(output, "wb") as stream:
                    stream.write(data)
            else:
                with open(output, "w", encoding="utf-8", newline="") as stream:
                    stream.write(data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        if verbosity:
            self.stderr.write(f"Exported {len(questions)} question(s) to {output}.")
