"""The blind sample: question ids and digests, drawing the sample, what a judge is shown of it,
and the hidden key (every question's score, status, digest and gold facts)."""

import hashlib
import json
import random
from collections import defaultdict

from quizzes.judging.inputs import JudgingError, read_json


def question_id(slug, fingerprint):
    """A question's id in samples, keys and verdicts: its article's slug and a short hash of
    its fingerprint (the fact it asks), both stable across runs on the same text."""
    return f"{slug}:{hashlib.sha256(fingerprint.encode()).hexdigest()[:10]}"


def digest_of(record):
    """A short hash of what a judge sees of a question: stem, answer, choices and sentence. A
    question whose digest changed since it was judged is no longer the question judged."""
    seen = [record["stem"], record["answer"], list(record["choices"]), record["sentence"]]
    return hashlib.sha256(json.dumps(seen).encode()).hexdigest()[:12]


def stratum_of(record):
    """The sampling stratum of a question (a record or a key entry): "published" or "draft"."""
    return "published" if record["status"] == "published" else "draft"


def draw_sample(records, *, size, seed):
    """A fixed-seed random sample of `size` questions, half published and half not (all of a
    stratum when it has fewer, the other filling up), each stratum spread across the texts:
    texts take turns, in a random order, each giving a random question of its own. No two
    questions of the sample are siblings (a record's "siblings" lists their ids), as no quiz
    holds two: a question whose sibling is drawn is passed over. The sample comes back
    shuffled, so its order tells no status either."""
    rng = random.Random(seed)
    strata = {"published": [], "draft": []}
    for record in sorted(records, key=lambda r: r["id"]):
        strata[stratum_of(record)].append(record)
    taken = set()  # ids drawn and their siblings' ids
    chosen = _spread(
        strata["published"], min(len(strata["published"]), (size + 1) // 2), rng, taken
    )
    chosen += _spread(strata["draft"], size - len(chosen), rng, taken)
    chosen += _spread(strata["published"], size - len(chosen), rng, taken)  # too few drafts
    rng.shuffle(chosen)
    return chosen


def _spread(records, quota, rng, taken):
    by_article = defaultdict(list)
    for record in records:
        by_article[record["article"]].append(record)
    queues = [by_article[slug] for slug in sorted(by_article)]
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    chosen = []
    while len(chosen) < quota and any(queues):
        for queue in queues:
            while queue and len(chosen) < quota:
                record = queue.pop()
                if record["id"] not in taken:
                    chosen.append(record)
                    taken.add(record["id"])
                    taken.update(record.get("siblings", ()))
                    break
    return chosen


def sample_item(record):
    """What a judge is given of a question: no quality score, no status."""
    return {
        "id": record["id"],
        "title": record["title"],
        "outlet": record["outlet"],
        "date": record["published"],
        "sentence": record["sentence"],
        "stem": record["stem"],
        "answer": record["answer"],
        "choices": list(record["choices"]),
    }


def sample_markdown(items, *, seed):
    """The sample as one Markdown file a judge reads top to bottom."""
    lines = [
        "# Questions to judge",
        "",
        f"{len(items)} generated questions drawn at random (seed {seed}). Judge each against "
        "RUBRIC.md: a question is acceptable only if every point holds. For each, write one "
        'line to verdicts.jsonl: {"id": "…", "verdict": "accept" or "reject", "reason": "the '
        'one main reason", "rubric": the point it fails (1-8)}.',
        "",
        "No two questions here come from one sentence group: a quiz holds at most one question "
        "of a group (questions from one sentence, or whose answers appear in each other's "
        "source sentence), and flashcards show at most one a day. Judge each question on its "
        "own.",
        "",
        "Choices are in the question's own order, the one an unshuffled quiz shows (a quiz that "
        "shuffles, the default, shows them in a random order per attempt).",
        "",
    ]
    for number, item in enumerate(items, 1):
        lines += [
            f"## {number}. `{item['id']}`",
            "",
            f"- Article: {item['title']} ({item['outlet']}, {item['date']})",
            f"- Source sentence: {item['sentence']}",
            f"- Question: {item['stem']}",
        ]
        if item["choices"]:
            lines.append("- Choices:")
            lines += [f"    {chr(ord('a') + i)}. {c}" for i, c in enumerate(item["choices"])]
        else:
            lines.append("- Choices: none (the learner types the answer)")
        lines += [f"- Answer: {item['answer']}", ""]
    return "\n".join(lines)


def build_key(*, records, asked_by, gold, threshold, seed, sample, left_out_as_judged):
    """The hidden key of a run: every question's score, status, digest and the gold facts it
    asks (not only the sample's, so a later sample or a re-judged question finds its entry),
    and how many questions were left out of the sample as judged in earlier rounds."""
    strata = {"draft": 0, "published": 0}
    for record in records:
        strata[stratum_of(record)] += 1
    return {
        "publish_above": threshold,
        "seed": seed,
        "sample": [r["id"] for r in sample],
        "strata": strata,
        "gold": [g["id"] for g in gold],
        "questions": {
            r["id"]: {
                "article": r["article"],
                "kind": r["kind"],
                "mode": r["mode"],
                "quality": r["quality"],
                "status": r["status"],
                "digest": r["digest"],
                "gold": asked_by.get(r["id"], []),
                "siblings": r.get("siblings", []),
            }
            for r in records
        },
        "left_out_as_judged": left_out_as_judged,
    }


def read_key(path):
    """A hidden key written by a run (`key.json`): {"publish_above", "strata", "questions":
    {id: {...}}, "gold": [...]}."""
    key = read_json(path, "key")
    if not (
        isinstance(key, dict)
        and isinstance(key.get("questions"), dict)
        and isinstance(key.get("publish_above"), int | float)
        and all(
            isinstance(q, dict) and isinstance(q.get("quality"), int | float) and "status" in q
            for q in key["questions"].values()
        )
    ):
        raise JudgingError(
            f"{path}: not a key file written by evaluate_questions (expected 'publish_above' "
            "and 'questions' with each question's 'quality' and 'status')"
        )
    return key
