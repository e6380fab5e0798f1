"""One run, read back from the database: the texts an import made, their questions as plain
dicts, and everything measured of them (`measure`).

The command (`evaluate_questions`) makes the throwaway database, imports the texts and
generates as `make run` does (`import_articles`, then `generate_questions --publish-above`);
this module reads back what that made.
"""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from quizzes.judging.blind import blind_guess
from quizzes.judging.gold import gold_by_text, normalised, per_text, totals
from quizzes.judging.sample import build_key, digest_of, draw_sample, question_id

PUBLISH_ABOVE = 0.6  # the Makefile's PUBLISH_ABOVE, what `make run` publishes at


@dataclass
class Run:
    """Everything one run measured, ready to write."""

    rows: list
    summary: dict
    sample: list
    key: dict
    blind: dict
    seed: int
    elsewhere: list  # gold entries for texts not in the run


def texts_of(report):
    """{slug: {"file", "folder", "sentences"}} of the articles an import report names (the
    sentences normalised and joined, for gold entries that name no article)."""
    from content.models import Article

    texts = {}
    for item in report.items:
        path = Path(item.source)
        article = Article.objects.prefetch_related("sentences").get(pk=item.pk)
        sentences = "\n".join(normalised(s.text)[0] for s in article.sentences.all())
        texts[article.slug] = {
            "file": path.name,
            "folder": path.parent.name,
            "sentences": sentences,
        }
    return texts


def question_records(*, texts):
    """Every question of the articles `texts` names ({slug: text info}), as plain dicts in a
    fixed order (article slug, then id), with the choices in the question's own order (what
    a quiz that does not shuffle shows)."""
    from quizzes.models import Question
    from quizzes.siblings import sibling_pairs

    records, by_article = [], defaultdict(list)
    questions = (
        Question.objects.filter(article__slug__in=list(texts))
        .select_related("article", "article__outlet")
        .prefetch_related("choices")
    )
    for question in questions:
        article = question.article
        choices = sorted(question.choices.all(), key=lambda c: (c.position, c.pk))
        record = {
            "id": question_id(article.slug, question.fingerprint or f"pk:{question.pk}"),
            "article": article.slug,
            "title": article.title,
            "outlet": article.outlet.name,
            "published": article.published.isoformat(),
            "kind": question.kind,
            "mode": question.mode,
            "stem": question.stem,
            "answer": question.answer,
            "answer_as_written": question.answer_as_written,
            "choices": [c.text for c in choices],
            "correct": [c.is_correct for c in choices],
            "sentence": question.sentence_text,
            "answer_start": question.answer_start,
            "answer_end": question.answer_end,
            "quality": question.quality,
            "status": question.status,
        }
        record["digest"] = digest_of(record)
        record["siblings"] = []
        records.append(record)
        by_article[article.slug].append((question, record))
    # A quiz never holds two siblings (quizzes/siblings.py), so neither does a sample: each
    # record names its siblings' ids.
    for pairs in by_article.values():
        record_of = {question.pk: record for question, record in pairs}
        for a, b, _ in sibling_pairs(question for question, _ in pairs):
            record_of[a.pk]["siblings"].append(record_of[b.pk]["id"])
            record_of[b.pk]["siblings"].append(record_of[a.pk]["id"])
    for record in records:
        record["siblings"] = sorted(set(record["siblings"]))
    records.sort(key=lambda r: (r["article"], r["id"]))
    return records


def measure(*, texts, gold, threshold, sample_size, seed, judged_before=None):
    """Read back what generation made of `texts` ({slug: {"file", "folder", "sentences"}}) and
    measure it: the per-text table, totals, blind guess, sample and key.

    `judged_before` ({id: the digest it was judged with, or None when unknown}) leaves out of
    the sample the questions already judged, unless they changed since."""
    records = question_records(texts=texts)
    gold_of, elsewhere = gold_by_text(gold, texts) if gold is not None else ({}, [])
    rows, asked_by = per_text(texts=texts, records=records, gold_of=gold_of)
    judged_before = judged_before or {}
    drawable = [
        r
        for r in records
        if r["id"] not in judged_before or judged_before[r["id"]] not in (None, r["digest"])
    ]
    sample = draw_sample(drawable, size=sample_size, seed=seed)
    key = build_key(
        records=records,
        asked_by=asked_by,
        gold=[e for slug in sorted(gold_of) for e in gold_of[slug]],
        threshold=threshold,
        seed=seed,
        sample=sample,
        left_out_as_judged=len(records) - len(drawable),
    )
    return Run(
        rows=rows,
        summary=totals(rows),
        sample=sample,
        key=key,
        blind=blind_guess(records),
        seed=seed,
        elsewhere=elsewhere,
    )
