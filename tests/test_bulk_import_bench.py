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


def test_the_faster_shuffle_of_real_dates_is_random_shuffle():
    """Generation's choices must not change with its speed-ups: the inlined shuffle gives the
    same order and leaves the generator where `random.shuffle` would (a Python upgrade that
    changed `shuffle` would fail here)."""
    from quizzes.generation.distractors import _shuffle, seeded_random

    for size in (0, 1, 2, 3, 7, 64, 65, 1000, 4097):
        for seed in ("a", "b|date:2020-11-08:", "c"):
            ours, theirs = seeded_random(seed), seeded_random(seed)
            mine, reference = list(range(size)), list(range(size))
            _shuffle(ours, mine)
            theirs.shuffle(reference)
            assert mine == reference
            assert ours.random() == theirs.random()


def test_date_distractors_are_those_of_the_plain_projection():
    """`_date_distractors` projects the real dates once per article and formats lazily; its
    wrong dates, their order and the generator's state after are those of projecting,
    shuffling and formatting every real date for every answer, as it did before."""
    from quizzes.generation.display import format_date_value
    from quizzes.generation.distractors import (
        _date_distractors,
        _interleave,
        _nearby_dates,
        _same_granularity,
        seeded_random,
    )
    from quizzes.generation.types import Fact

    def plain(fact, rng, real_dates):
        value, granularity = fact.value, fact.granularity
        real = sorted({p for iso in real_dates if (p := _same_granularity(value, iso))} - {value})
        rng.shuffle(real)
        nearby = _interleave(_nearby_dates(value, rng), value)
        display = "day" if granularity != "year" else "year"
        wrong = real[:2] + nearby + real[2:]
        return value, [(v, format_date_value(v, display)) for v in wrong if v != value]

    real = ("2020-11-08", "2020-11-10", "2021-03", "2019", "--05-09", "T14:30", "2023-09-19",
            "2020-11-09", "2020-11-01/2020-11-03")  # fmt: skip
    real += tuple(f"2018-{m:02d}-{d:02d}" for m in range(1, 13) for d in (3, 17, 28))
    for value, granularity in (("2020-11-09", "day"), ("2020-11", "month"), ("2020", "year"),
                               ("--11-09", "day"), ("2018-03-17", "day")):  # fmt: skip
        fact = Fact(kind="date", sentence_position=0, start=0, end=len(value), text=value,
                    value=value, granularity=granularity)  # fmt: skip
        ours, theirs = seeded_random(value), seeded_random(value)
        key, wrong = _date_distractors(fact, ours, real)
        assert (key, list(wrong)) == plain(fact, theirs, real)
        assert ours.random() == theirs.random()
