"""Gold facts: reading the gold files, which question asks which fact, and the per-text table of
questions made and gold facts asked, with its totals."""

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from quizzes.judging.inputs import JudgingError, read_json


def read_gold(paths):
    """The gold facts of the files `paths`, each a JSON list of objects with "sentence" and
    "answer" strings, optionally "article" (the article file's name, e.g.
    "trt-2023-11-08-third-anniversary.txt") and "split" (e.g. "tune", "holdout"). Returns them
    in order with an "id" added: the article file's name and the entry's ordinal among that
    article's entries ("trt-2023-11-08-third-anniversary.txt#3")."""
    counts = defaultdict(int)
    gold = []
    for path in paths:
        gold += _read_gold_file(path, counts)
    return gold


def _read_gold_file(path, counts):
    entries = read_json(path, "gold")
    if not isinstance(entries, list):
        raise JudgingError(f"{path}: expected a JSON list of gold facts")
    gold = []
    for n, entry in enumerate(entries, 1):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sentence"), str)
            and entry["sentence"].strip()
            and isinstance(entry.get("answer"), str)
            and entry["answer"].strip()
            and isinstance(entry.get("article", ""), str)
            and isinstance(entry.get("split", ""), str)
        ):
            raise JudgingError(
                f"{path}: entry {n} is not an object with non-empty 'sentence' and 'answer' "
                "strings (and, if given, 'article' and 'split' strings)"
            )
        article = entry.get("article", "")
        counts[article] += 1
        gold.append({**entry, "id": f"{article or '?'}#{counts[article]}"})
    return gold


def normalised(text):
    """`text` with runs of whitespace as one space, stripped, and for each character of the
    result its offset in `text`."""
    out, offsets = [], []
    for m in re.finditer(r"\S+", text):
        if out:
            out.append(" ")
            offsets.append(m.start())
        out.append(m.group())
        offsets.extend(range(m.start(), m.end()))
    return "".join(out), offsets


def _norm_span(offsets, start, end):
    """The span [start, end) of the original text in normalised coordinates."""
    inside = [i for i, o in enumerate(offsets) if start <= o < end]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def _occurrences(text, part):
    at, found = text.find(part), []
    while at >= 0 and part:
        found.append((at, at + len(part)))
        at = text.find(part, at + 1)
    return found


def asks_gold(record, entry):
    """Whether question `record` asks gold fact `entry`: its source sentence contains the gold
    sentence or the other way round (whitespace-normalised), and its answer span overlaps
    (or equals) an occurrence of the gold answer in the gold sentence."""
    question, offsets = normalised(record["sentence"])
    gold_sentence, _ = normalised(entry["sentence"])
    answer, _ = normalised(entry["answer"])
    q_start, q_end = _norm_span(offsets, record["answer_start"], record["answer_end"])
    if gold_sentence in question:  # the gold sentence inside the question's: its coordinates
        shift = question.find(gold_sentence)
        gold_spans = [(s + shift, e + shift) for s, e in _occurrences(gold_sentence, answer)]
    elif question in gold_sentence:  # the question's sentence inside the gold one's
        shift = gold_sentence.find(question)
        q_start, q_end = q_start + shift, q_end + shift
        gold_spans = _occurrences(gold_sentence, answer)
    else:
        return False
    return any(s < q_end and q_start < e for s, e in gold_spans)


@dataclass
class TextRow:
    """One text of a run: its file, article, split and what was made of it."""

    file: str
    article: str
    split: str
    drafted: int = 0  # every generated question, whatever its status now
    published: int = 0
    gold: int | None = None  # None: no gold facts for this text
    asked: int = 0  # gold facts some question asks (any status)
    asked_published: int = 0  # gold facts a published question asks

    def as_dict(self):
        return dict(self.__dict__)


def gold_by_text(gold, texts):
    """{slug: [gold entries]} for the texts of a run (`texts`: {slug: {"file", "sentences"}}),
    and the entries that belong to no text of the run. An entry naming an "article" belongs to
    the text imported from the file of that name; one naming none, to the first text (by file
    name) whose sentences hold its sentence."""
    by_file = {info["file"]: slug for slug, info in texts.items()}
    in_order = sorted(texts, key=lambda slug: texts[slug]["file"])
    found, elsewhere = defaultdict(list), []
    for entry in gold:
        if entry.get("article"):
            slug = by_file.get(Path(entry["article"]).name)
        else:
            sentence = normalised(entry["sentence"])[0]
            slug = next((s for s in in_order if sentence in texts[s]["sentences"]), None)
        if slug is None:
            elsewhere.append(entry)
        else:
            found[slug].append(entry)
    return dict(found), elsewhere


def per_text(*, texts, records, gold_of):
    """The per-text table (`TextRow`s, by file name) and {question id: [gold ids it asks]}.

    `gold_of` is {slug: [gold entries]} (`gold_by_text`); a text with none has gold None."""
    by_article = defaultdict(list)
    for record in records:
        by_article[record["article"]].append(record)
    asked_by = defaultdict(list)
    rows = []
    for slug, info in sorted(texts.items(), key=lambda item: item[1]["file"]):
        questions = by_article.get(slug, [])
        entries = gold_of.get(slug, [])
        splits = {e["split"] for e in entries if e.get("split")}
        row = TextRow(
            file=info["file"],
            article=slug,
            split=splits.pop() if len(splits) == 1 else info["folder"],
            drafted=len(questions),
            published=sum(q["status"] == "published" for q in questions),
            gold=len(entries) or None,
        )
        for entry in entries:
            askers = [q for q in questions if asks_gold(q, entry)]
            for q in askers:
                asked_by[q["id"]].append(entry["id"])
            row.asked += bool(askers)
            row.asked_published += any(q["status"] == "published" for q in askers)
        rows.append(row)
    return rows, dict(asked_by)


def totals(rows):
    """The rows added up, overall and by split: sums, and the mean per-text gold recall (any
    status and published) over the texts that have gold facts."""

    def add_up(group):
        with_gold = [r for r in group if r.gold]
        total = {
            "texts": len(group),
            "drafted": sum(r.drafted for r in group),
            "published": sum(r.published for r in group),
            "texts_with_gold": len(with_gold),
            "gold": sum(r.gold for r in with_gold),
            "asked": sum(r.asked for r in with_gold),
            "asked_published": sum(r.asked_published for r in with_gold),
        }
        for name, attr in (("recall", "asked"), ("recall_published", "asked_published")):
            total[f"mean_{name}"] = (
                sum(getattr(r, attr) / r.gold for r in with_gold) / len(with_gold)
                if with_gold
                else None
            )
        return total

    by_split = defaultdict(list)
    for row in rows:
        by_split[row.split].append(row)
    return {
        "overall": add_up(rows),
        "by_split": {split: add_up(group) for split, group in sorted(by_split.items())},
    }
