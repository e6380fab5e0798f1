"""Write every draft generation makes of the tune, seed and unseen texts (never a holdout
text), one JSON line each, to prove a speed-up changed no output.

    DEBUG=1 uv run python bench/dump_drafts.py OUT.jsonl   # before and after, then cmp

The library context is the bench's (bench/generation.py): the shipped entity registry and four
dates. A line holds the file, kind, mode, stem, answer (shown and normalized), choices, quality
(repr, every digit), fingerprint, sentence position, the answer's span and the attribution.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")


def main():
    import django

    django.setup()
    from bench.texts import article_text, bench_context
    from quizzes.generation import generate_drafts

    context = bench_context()
    paths = [
        *sorted((ROOT / "tests/data/real/tune").glob("*.txt")),
        *sorted((ROOT / "content/seeds").glob("*.txt")),
        *sorted(p for p in (ROOT / "tests/data/unseen").glob("*.txt") if "holdout" not in p.name),
    ]
    count = 0
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for path in paths:
            for d in generate_drafts(article_text(path), context=context):
                count += 1
                line = [path.name, d.kind, d.mode, d.stem, d.answer, d.answer_normalized,
                        list(d.choices), repr(d.quality), d.fingerprint, d.sentence_position,
                        d.answer_start, d.answer_end, d.attribution]  # fmt: skip
                out.write(json.dumps(line) + "\n")
    print(f"{count} drafts of {len(paths)} files written to {sys.argv[1]}")


if __name__ == "__main__":
    main()
