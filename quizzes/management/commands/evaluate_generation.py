"""Measure question generation against a hand-made gold list of facts."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.models import Article
from quizzes.generating import build_article_text
from quizzes.generation.evaluation import evaluate_generation


class Command(BaseCommand):
    help = (
        "Run question generation over the articles in the database and print recall (gold "
        "mentions found with the same sentence and answer span) and span precision (of the "
        "facts found in gold sentences, the share with a gold span), overall and per article, "
        "then the misses. GOLD is a JSON list shaped like tests/data/seed-gold.json; entries "
        "match sentences by their exact text."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", metavar="GOLD.json", help="The gold list of fact mentions.")
        parser.add_argument(
            "--min-recall",
            type=float,
            default=None,
            help="Exit with an error when overall recall is below this share (0–1).",
        )

    def handle(self, *args, gold, min_recall, **options):
        entries = _read_gold(Path(gold))
        articles = [
            build_article_text(article=article)
            for article in Article.objects.select_related("outlet")
            .prefetch_related("sentences")
            .order_by("slug")
        ]
        if not articles:
            raise CommandError("No articles in the database: import some with import_articles.")
        evaluation = evaluate_generation(articles=articles, gold=entries)
        write = self.stdout.write
        overall = evaluation.overall
        write(
            f"recall {overall.recall:.1%} ({overall.found}/{overall.gold} gold mentions found), "
            f"span precision {overall.span_precision:.1%} "
            f"({overall.facts_with_gold_span}/{overall.facts_in_gold_sentences} facts in gold "
            f"sentences), asked {overall.asked_rate:.1%} ({overall.asked}/{overall.gold}), "
            f"same normalised value {overall.same_value}/{overall.found}"
        )
        for slug, score in evaluation.per_article.items():
            write(
                f"  {slug}: recall {score.recall:.1%} ({score.found}/{score.gold}), "
                f"span precision {score.span_precision:.1%}, asked {score.asked_rate:.1%}"
            )
        for label, rows in (
            ("missed", evaluation.misses),
            ("found but not asked", evaluation.not_asked),
        ):
            if rows:
                write(f"{label} ({len(rows)}):")
                for row in rows:
                    write(f"  [{row['article_slug']}] {row['answer']!r} in: {row['sentence']}")
        if evaluation.unmatched:
            write(f"gold sentences in no article ({len(evaluation.unmatched)}):")
            for row in evaluation.unmatched:
                write(f"  {row['sentence']}")
        if min_recall is not None and overall.recall < min_recall:
            raise CommandError(f"recall {overall.recall:.1%} is below {min_recall:.1%}")


def _read_gold(path):
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path}: not a JSON file ({error})") from None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("sentence"), str)
        and isinstance(e.get("answer"), str)
        for e in entries
    ):
        raise CommandError(
            f"{path}: expected a list of objects with 'sentence' and 'answer' strings"
        )
    return entries
