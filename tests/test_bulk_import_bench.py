"""bench/bulk_import.py end to end at a tiny size: synthetic files, the real commands, a report."""

import random
import re
import subprocess
import sys
from pathlib import Path

from bench import bulk_import
from content.ingest import parse_article_file, split_sentences

ROOT = Path(__file__).resolve().parents[1]


def test_synthetic_articles_are_distinct_deterministic_and_importable(tmp_path):
    words = bulk_import.write_articles(tmp_path, articles=4, words=300, seed=3)
    paths = sorted(tmp_path.glob("*.txt"))
    assert len(paths) == 4
    bodies = [parse_article_file(path).body for path in paths]
    assert len(set(bodies)) == 4
    assert words == sum(len(body.split()) for body in bodies)
    assert all(300 <= len(body.split()) < 400 for body in bodies)
    assert len(split_sentences(bodies[0])) >= 10
    again, _ = bulk_import.article_text(0, words=300, rng=random.Random(3))
    assert again == paths[0].read_text(encoding="utf-8")


def test_a_tiny_run_on_sqlite_reports_every_figure_and_meets_the_scaled_target(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bench.bulk_import", "--articles", "3", "--words", "200"]
        + ["--database", "sqlite"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Bulk import on sqlite: 3 articles" in out
    assert "Imported 3 files: 3 created, 0 updated, 0 unchanged" in out
    assert "import_articles:" in out and "generate_questions:" in out and "peak RSS" in out
    assert "target: 300 s (issue 8: 1,000 articles in 5 minutes): met" in out
    assert "load average" in out


def test_over_the_target_it_says_so_and_exits_non_zero(capsys):
    assert bulk_import.main(["--articles", "2", "--words", "150", "--database", "sqlite"]
                            + ["--target", "0.01"]) == 1  # fmt: skip
    out = capsys.readouterr().out
    assert "target: 0 s (issue 8: 1,000 articles in 5 minutes): NOT met" in out
    sentences = int(re.search(r"words, ([\d,]+) sentences", out)[1].replace(",", ""))
    questions, published = map(
        int, re.search(r"\((\d+) questions, (\d+) published\)", out).groups()
    )
    assert sentences >= 2 * 8
    assert questions > published > 0
