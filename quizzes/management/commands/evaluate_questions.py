"""Generate questions on a set of texts in a throwaway database and measure them for judging."""

import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from quizzes.judging.gold import read_gold
from quizzes.judging.inputs import JudgingError
from quizzes.judging.report import format_judged, report_text, write_run
from quizzes.judging.run import PUBLISH_ABOVE, measure, texts_of
from quizzes.judging.sample import read_key
from quizzes.judging.verdicts import judged_report, read_verdicts


def _threshold(value):
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
        "Import article files or folders into a throwaway database, generate questions as "
        "`make run` does (import_articles, then generate_questions --publish-above), and write "
        "into --out: per-text counts of questions drafted and published and of gold facts asked "
        "(per-text.csv, stats.json), a blind sample for judging (sample.md, sample.jsonl: no "
        "score, no status), its hidden key (key.json) and the blind-guess win rates; with "
        "--verdicts, the judged figures. Without PATHs, --key KEY.json --verdicts FILE... "
        "recomputes the judged figures of a past run from its files. See bench/README.md, "
        "'Judged evaluation'."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
        parser.add_argument(
            "--gold",
            action="append",
            default=[],
            metavar="GOLD.json",
            help="gold facts, shaped like tests/data/seed-gold.json (repeatable); texts with no "
            "entry are reported without gold",
        )
        parser.add_argument(
            "--publish-above",
            default=None,
            metavar="SCORE",
            help=f"the publishing threshold (default {PUBLISH_ABOVE}, the Makefile's; without "
            "PATHs, the key's)",
        )
        parser.add_argument("--sample", type=int, default=60, metavar="N", help="questions to draw")
        parser.add_argument("--seed", type=int, default=12, metavar="S", help="the sample's seed")
        parser.add_argument("--out", metavar="DIR", help="where to write the files")
        parser.add_argument(
            "--verdicts",
            nargs="+",
            default=[],
            metavar="FILE",
            help="judges' verdicts (JSON Lines) to join to the key",
        )
        parser.add_argument(
            "--exclude-judged",
            nargs="+",
            default=[],
            metavar="FILE",
            help="verdicts files of earlier rounds: their questions are not drawn again (unless "
            "they changed since, by the key.json beside the file)",
        )
        parser.add_argument(
            "--key", metavar="KEY.json", help="without PATHs: the key the verdicts are joined to"
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="write into an --out folder that already holds a key.json",
        )
        parser.add_argument(
            "--current-database",
            action="store_true",
            help="work in the configured database instead of a throwaway one; it must hold no "
            "article and no question",
        )

    def handle(self, *args, paths, gold, publish_above, sample, seed, out, verdicts, key,
               exclude_judged, overwrite, current_database, **options):  # fmt: skip
        threshold = None if publish_above is None else _threshold(publish_above)
        if sample < 0:
            raise CommandError("--sample wants a number of questions, 0 or more.")
        try:
            verdict_rows = read_verdicts(verdicts)
            judged_keys = _judged_keys(verdicts)
            if not paths:
                self._recompute(key=key, verdicts=verdict_rows, judged_keys=judged_keys,
                                threshold=threshold, out=out, gold=gold)  # fmt: skip
                return
            if key:
                raise CommandError("--key is for recomputing without PATHs; a run makes its own.")
            gold_rows = read_gold(gold) if gold else None
            judged_before = _judged_before(exclude_judged)
        except JudgingError as error:
            raise CommandError(str(error)) from None
        if not out:
            raise CommandError("--out DIR is required: where to write the sample, key and stats.")
        out = Path(out)
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out}: not a folder")
        if (out / "key.json").exists() and not overwrite:
            raise CommandError(
                f"{out} already holds a key.json (a judged round's record?): choose another "
                "folder, or pass --overwrite"
            )
        _check_articles(paths)
        threshold = PUBLISH_ABOVE if threshold is None else threshold
        run = self._generate(
            current_database=current_database,
            paths=paths,
            gold=gold_rows,
            threshold=threshold,
            sample_size=sample,
            seed=seed,
            judged_before=judged_before,
        )
        judged = None
        if verdict_rows:
            judged = judged_report(
                key=run.key, verdicts=verdict_rows, judged_keys=judged_keys, threshold=threshold
            )
        write_run(run, out, judged=judged)
        self.stdout.write(report_text(run, judged=judged))
        self.stdout.write(f"wrote {out}/: sample.md, sample.jsonl, key.json, per-text.csv, "
                          "stats.json, report.txt")  # fmt: skip

    def _generate(self, *, current_database, **run):
        if current_database:
            return _run(**run)
        # A throwaway database made by Django's test-database machinery (the one the test suite
        # uses: an in-memory SQLite database, or test_<name> on PostgreSQL), migrated, then
        # destroyed: the configured database is never written to.
        from django.test.utils import setup_databases, teardown_databases

        old = setup_databases(0, False, aliases={"default"}, serialized_aliases=set())
        try:
            return _run(**run)
        finally:
            teardown_databases(old, 0)

    def _recompute(self, *, key, verdicts, judged_keys, threshold, out, gold):
        if not key or not verdicts:
            raise CommandError(
                "Give article PATHs to run generation, or --key KEY.json with --verdicts FILE... "
                "to recompute the judged figures of a past run."
            )
        if gold:
            raise CommandError("--gold is for a run; a key already holds the gold facts asked.")
        judged = judged_report(
            key=read_key(key),
            verdicts=verdicts,
            judged_keys=judged_keys,
            threshold=threshold,
        )
        if out:
            Path(out).mkdir(parents=True, exist_ok=True)
            path = Path(out) / "judged.json"
            path.write_text(json.dumps(judged, indent=1, ensure_ascii=False) + "\n", "utf-8")
        self.stdout.write(format_judged(judged))


def _judged_keys(verdict_paths):
    """{verdicts file: the key.json beside it}, for the verdicts files that have one: the key of
    the questions they judged, to tell which changed since."""
    keys = {}
    for path in map(Path, verdict_paths):
        beside = path.parent / "key.json"
        if beside.is_file():
            keys[str(path)] = read_key(beside)
    return keys


def _judged_before(verdict_paths):
    """{id: the digest it was judged with (None when no key.json is beside its file)} of the
    questions the verdicts files `verdict_paths` judge."""
    keys = _judged_keys(verdict_paths)
    judged = {}
    for verdict in read_verdicts(verdict_paths):
        then = keys.get(verdict["file"], {}).get("questions", {}).get(verdict["id"], {})
        judged[verdict["id"]] = then.get("digest")
    return judged


def _check_articles(paths):
    """Every file parses before any database is made: a bad one stops the run, naming it."""
    from content.ingest import ArticleFileError, collect_article_paths, parse_path

    try:
        for path in collect_article_paths(paths):
            parse_path(path)
    except ArticleFileError as error:
        raise CommandError(str(error)) from None


def _run(*, paths, gold, threshold, sample_size, seed, judged_before):
    from content.ingest import ArticleFileError, import_articles
    from content.models import Article
    from quizzes.models import Question

    if Article.objects.exists() or Question.objects.exists():
        raise CommandError(
            "The database already holds articles or questions: evaluate_questions works only "
            "in an empty one, so it never touches a teacher's data. Leave out "
            "--current-database (a throwaway database is made), or point DATABASE_URL at a "
            "fresh, migrated database."
        )
    try:
        # What `import_articles PATH...` does; its report names each file's article.
        report = import_articles(paths=paths)
    except ArticleFileError as error:
        raise CommandError(str(error)) from None
    texts = texts_of(report)
    call_command("generate_questions", "--publish-above", str(threshold), verbosity=0)
    return measure(
        texts=texts,
        gold=gold,
        threshold=threshold,
        sample_size=sample_size,
        seed=seed,
        judged_before=judged_before,
    )
