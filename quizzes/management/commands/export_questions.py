import json

from django.core.management.base import BaseCommand, CommandError

from quizzes.exports import export_csv_text, export_json, questions_for_export


class Command(BaseCommand):
    help = (
        "Export questions as JSON (DESIGN.md's contract) or CSV. Without --output the export "
        "alone goes to standard output; messages go to standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=["json", "csv"], dest="fmt")
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
            text = json.dumps(export_json(questions=questions), ensure_ascii=False, indent=2) + "\n"
        else:
            text = export_csv_text(questions=questions)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            # newline="": the CSV writer already ends rows with \r\n, as RFC 4180 wants.
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        if verbosity:
            self.stderr.write(f"Exported {len(questions)} question(s) to {output}.")
