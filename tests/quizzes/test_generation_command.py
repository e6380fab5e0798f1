"""`evaluate_generation GOLD.json` over the articles in the database."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
SEED_GOLD = ROOT / "tests" / "data" / "seed-gold.json"


def run(*args):
    out = StringIO()
    call_command("evaluate_generation", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeds(db):
    call_command("import_articles", str(ROOT / "content" / "seeds"), stdout=StringIO(),
                 stderr=StringIO())  # fmt: skip


def test_prints_recall_and_span_precision_overall_and_per_article(seeds):
    output = run(str(SEED_GOLD), "--min-recall", "0.95")
    first = output.splitlines()[0]
    assert first.startswith("recall ")
    assert "gold mentions found" in first and "span precision" in first
    assert re.match(r"recall \d+\.\d% \(\d+/45 gold mentions found\)", first)
    assert output.count(": recall ") == 2  # one line per seed article


def test_lists_misses_with_their_sentence(seeds, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            [
                {
                    "article": "trt",
                    "sentence": "The Azerbaijani army liberated 5 cities, 4 towns, and 286 "
                    "villages from occupation.",
                    "answer": "4 towns, and 286",
                    "normalized": "x",
                }
            ]
        )
    )
    output = run(str(gold))
    assert output.startswith("recall 0.0% (0/1 gold mentions found)")
    assert "missed (1):" in output and "'4 towns, and 286'" in output
    with pytest.raises(CommandError, match="below"):
        run(str(gold), "--min-recall", "0.5")


def test_gold_sentences_in_no_article_are_reported(seeds, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([{"sentence": "Not in any article.", "answer": "any"}]))
    output = run(str(gold))
    assert "gold sentences in no article (1):" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "not a JSON file"),
        ('{"sentence": "x"}', "expected a list"),
        ('[{"sentence": 3, "answer": "x"}]', "expected a list"),
    ],
)
def test_bad_gold_files_are_clear_errors(db, tmp_path, content, message):
    gold = tmp_path / "gold.json"
    if content is not None:
        gold.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(str(gold))


def test_an_empty_library_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No articles"):
        run(str(SEED_GOLD))
