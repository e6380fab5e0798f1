"""Time question generation for a ~1,000-word article, with the dependency parser.

    DEBUG=1 uv run python bench/generation.py [--runs N]

The article is the unseen test articles (tests/data/unseen) run together, trimmed to about
1,000 words and split into sentences as an import would. Generation parses every sentence with
spaCy (quizzes.generation.parser) to build stems from the clause that states each fact, with
the shipped entity registry. The model is loaded once, before any timing, as a generating
process does (its load time is reported apart); the first call is timed apart as the warm-up
(regular expressions compile on first use). Every timed run starts with the parse cache and
the cache of checked stems cleared, so each run parses the article as a new one. The target
is 0.5 s per article, warm.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")

TARGET_SECONDS = 0.5
WORDS = 1_000


def build_article():
    """One long article made of the unseen articles' bodies, cut at a paragraph boundary once
    it passes WORDS words."""
    from content.ingest import parse_article_file, split_sentences
    from quizzes.generation.types import ArticleText, SentenceText

    paragraphs = []
    for path in sorted((ROOT / "tests" / "data" / "unseen").glob("*.txt")):
        paragraphs += parse_article_file(path).body.split("\n\n")
    body, words = [], 0
    for paragraph in paragraphs:
        if words >= WORDS:
            break
        body.append(paragraph)
        words += len(paragraph.split())
    text = "\n\n".join(body)
    sentences = tuple(
        SentenceText(position=s.position, text=s.text, paragraph=s.paragraph)
        for s in split_sentences(text)
    )
    article = ArticleText(
        slug="bench",
        title="Benchmark article",
        outlet="Caucasus Wire",
        published=date(2024, 9, 17),
        sentences=sentences,
    )
    return article, words


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from bench.texts import bench_context
    from quizzes.generation import anchors, generate_drafts, parser, pipeline

    article, words = build_article()
    context = bench_context()
    start = time.perf_counter()
    parser.load_model()
    load = time.perf_counter() - start
    start = time.perf_counter()
    drafts = generate_drafts(article, context=context)
    warm_up = time.perf_counter() - start
    timings = []
    for _ in range(args.runs):
        # Each run starts cold: the cache of checked stems and choices would otherwise make
        # repeated runs over the same article look faster than a new article is.
        pipeline._facts_of_text.cache_clear()
        # The caches of what one article's sentences name (kept for the article's drafts).
        for cached in (
            anchors._storm_names_in,
            anchors._exercise_name_in,
            anchors._event_name_in,
            anchors._named_in_full,
        ):
            cached.cache_clear()
        parser.clear_cache()
        start = time.perf_counter()
        generate_drafts(article, context=context)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(
        f"generate_drafts on a {words}-word article ({len(article.sentences)} sentences, "
        f"{len(drafts)} drafts): median {median:.3f} s, best {min(timings):.3f} s, "
        f"worst {max(timings):.3f} s over {args.runs} runs; model load {load:.2f} s, "
        f"first call {warm_up:.3f} s; "
        f"target {TARGET_SECONDS} s: {'met' if median <= TARGET_SECONDS else 'NOT met'}"
    )
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
