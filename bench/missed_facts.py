"""List every gold fact no generated question asks, and the stage of generation that lost it.

    DEBUG=1 uv run python bench/missed_facts.py [PATH ...] [--gold GOLD.json] [--split tune]

PATHs are article files or folders (default: tests/data/real/tune). The gold is
tests/data/real/gold.json's entries of `--split` (default "tune"). Hold-out and fresh texts are
refused: they stay out of rule-writing. For each missed fact it prints the stage
(`quizzes.generation.evaluation.diagnose_gold`: sentence split, extraction, a pipeline drop
and its rule, the storing checks, asked in another sentence), then a table by stage and rule.
The library context is bench/texts.py's (the shipped entity registry, four dates).
"""

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")

WALLED = ("holdout", "fresh")  # folders of tests/data/real nobody tunes on


def read_articles(paths):
    """ArticleText for each article file under `paths`, split as an import splits it."""
    from bench.texts import article_text

    files = []
    for path in map(Path, paths):
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    for path in files:
        if any(part in WALLED for part in path.resolve().parts) or "holdout" in path.name:
            sys.exit(f"{path}: hold-out and fresh texts stay out of rule-writing")
    return [article_text(path) for path in files]


def check_draft(draft):
    """The storing checks (`quizzes.checks`) a draft fails, as `store_drafts` applies them."""
    from quizzes.checks import find_question_problems

    return find_question_problems(
        sentence_text=draft.sentence_text,
        answer_start=draft.answer_start,
        answer_end=draft.answer_end,
        answer=draft.answer,
        stem=draft.stem,
        mode=draft.mode,
        choices=list(draft.choices),
        correct=[choice == draft.answer for choice in draft.choices],
    )


def main(argv=None):
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("paths", nargs="*", default=[str(ROOT / "tests/data/real/tune")])
    options.add_argument("--gold", default=str(ROOT / "tests/data/real/gold.json"))
    options.add_argument("--split", default="tune")
    args = options.parse_args(argv)
    if args.split in WALLED:
        sys.exit(f"--split {args.split}: hold-out and fresh facts stay out of rule-writing")
    import django

    django.setup()
    from bench.texts import bench_context
    from quizzes.generation.evaluation import diagnose_gold

    gold = [
        e
        for e in json.loads(Path(args.gold).read_text(encoding="utf-8"))
        if e.get("split", args.split) == args.split
    ]
    total, missed = diagnose_gold(
        articles=read_articles(args.paths), gold=gold, context=bench_context(), check=check_draft
    )
    for miss in missed:
        print(f"[{miss.stage}] {miss.article_slug}: {miss.entry['answer']!r} — {miss.detail}")
        print(f"    {miss.entry['sentence']}")
    print(f"\n{total} gold facts, {total - len(missed)} asked, {len(missed)} missed")
    stages = Counter(m.stage for m in missed)
    rules = Counter((m.stage, m.detail if m.stage == "drop" else "") for m in missed)
    for stage, count in stages.most_common():
        print(f"{stage:<12}{count:>4}")
        for (s, rule), n in rules.most_common():
            if s == stage and rule:
                print(f"    {n:>3}  {rule}")


if __name__ == "__main__":
    main()
