"""The judged evaluation of question generation (issue 12): what `evaluate_questions` measures.

A run imports article files into an empty database, generates questions as `make run` does
(`import_articles`, then `generate_questions --publish-above`), and reads back what was made:

- per text, the questions drafted (every generated question starts as a draft) and published,
  and the gold facts (`gold` entries shaped like tests/data/seed-gold.json) a question asks, of
  any status and published;
- a blind sample for judging (`draw_sample`): no score, no status, in an order that tells
  neither; its hidden key (id → score, status, gold facts) is a separate file;
- the blind-guess report (`blind_guess`): how often a learner who never reads the question wins
  a number or date question by a fixed strategy (a rank of the sorted choices, the value the
  others derive from, the roundest, the longest);
- with judges' verdicts (`judged_report`): the acceptable share of published questions and of
  drafts, the publishing threshold's precision and recall, the score's ROC AUC, and the gold
  facts with an acceptable published question.

The reading and the analysis are plain functions over dicts, so figures can be recomputed from
the files a run writes (the key and the verdicts) without running generation again.
"""

import csv
import hashlib
import io
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path

PUBLISH_ABOVE = 0.6  # the Makefile's PUBLISH_ABOVE, what `make run` publishes at
VERDICTS = ("accept", "reject")
RUBRIC_POINTS = range(1, 9)  # RUBRIC.md's eight points


class EvaluationError(ValueError):
    """Bad input to the evaluation: a missing or malformed gold, key or verdicts file."""


# --- Reading the inputs -------------------------------------------------------------------------


def _read_json(path, what):
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvaluationError(f"{path}: no such {what} file") from None
    except IsADirectoryError:
        raise EvaluationError(f"{path}: is a directory, not a {what} file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EvaluationError(f"{path}: not a JSON {what} file ({error})") from None


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
    entries = _read_json(path, "gold")
    if not isinstance(entries, list):
        raise EvaluationError(f"{path}: expected a JSON list of gold facts")
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
            raise EvaluationError(
                f"{path}: entry {n} is not an object with non-empty 'sentence' and 'answer' "
                "strings (and, if given, 'article' and 'split' strings)"
            )
        article = entry.get("article", "")
        counts[article] += 1
        gold.append({**entry, "id": f"{article or '?'}#{counts[article]}"})
    return gold


def read_verdicts(paths):
    """The verdicts of the JSON Lines files `paths`, in order: one object a line,
    {"id", "verdict": "accept" | "reject", "reason", "rubric": 1-8}. A rejection names the
    rubric point the question fails ("rubric", required) and its one main "reason"; an
    acceptance may leave both out. Blank lines are skipped. Each verdict gets its "file"."""
    verdicts = []
    for path in map(Path, paths):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise EvaluationError(f"{path}: no such verdicts file") from None
        except IsADirectoryError:
            raise EvaluationError(f"{path}: is a directory, not a verdicts file") from None
        except UnicodeDecodeError as error:
            raise EvaluationError(f"{path}: not UTF-8 text ({error})") from None
        seen = set()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}, line {number}"
            try:
                verdict = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvaluationError(f"{where}: not a JSON object ({error})") from None
            if not isinstance(verdict, dict):
                raise EvaluationError(f"{where}: not a JSON object")
            if not isinstance(verdict.get("id"), str) or not verdict["id"]:
                raise EvaluationError(f"{where}: no 'id' string")
            if verdict.get("verdict") not in VERDICTS:
                raise EvaluationError(f"{where}: 'verdict' must be 'accept' or 'reject'")
            if not isinstance(verdict.get("reason", ""), str):
                raise EvaluationError(f"{where}: 'reason' must be a string")
            rubric = verdict.get("rubric")
            if verdict["verdict"] == "reject" and rubric is None:
                raise EvaluationError(f"{where}: a rejection names its 'rubric' point (1-8)")
            if rubric is not None and (
                isinstance(rubric, bool)
                or not isinstance(rubric, int)
                or rubric not in RUBRIC_POINTS
            ):
                raise EvaluationError(f"{where}: 'rubric' must be a rubric point, 1 to 8")
            if verdict["id"] in seen:
                raise EvaluationError(f"{where}: {verdict['id']} is judged twice in this file")
            seen.add(verdict["id"])
            verdicts.append({**verdict, "file": str(path)})
    return verdicts


def read_key(path):
    """A hidden key written by a run (`key.json`): {"publish_above", "strata", "questions":
    {id: {...}}, "gold": [...]}."""
    key = _read_json(path, "key")
    if not (
        isinstance(key, dict)
        and isinstance(key.get("questions"), dict)
        and isinstance(key.get("publish_above"), int | float)
        and all(
            isinstance(q, dict) and isinstance(q.get("quality"), int | float) and "status" in q
            for q in key["questions"].values()
        )
    ):
        raise EvaluationError(
            f"{path}: not a key file written by evaluate_questions (expected 'publish_above' "
            "and 'questions' with each question's 'quality' and 'status')"
        )
    return key


# --- Questions as the evaluation sees them -------------------------------------------------------


def question_id(slug, fingerprint):
    """A question's id in samples, keys and verdicts: its article's slug and a short hash of
    its fingerprint (the fact it asks), both stable across runs on the same text."""
    return f"{slug}:{hashlib.sha256(fingerprint.encode()).hexdigest()[:10]}"


def digest_of(record):
    """A short hash of what a judge sees of a question: stem, answer, choices and sentence. A
    question whose digest changed since it was judged is no longer the question judged."""
    seen = [record["stem"], record["answer"], list(record["choices"]), record["sentence"]]
    return hashlib.sha256(json.dumps(seen).encode()).hexdigest()[:12]


def question_records(*, texts):
    """Every question of the articles `texts` names ({slug: text info}), as plain dicts in a
    fixed order (article slug, then id), with the choices in the question's own order (what
    a quiz that does not shuffle shows)."""
    from quizzes.models import Question

    records = []
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
        records.append(record)
    records.sort(key=lambda r: (r["article"], r["id"]))
    return records


# --- Gold facts asked ---------------------------------------------------------------------------


def _normalised(text):
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
    question, offsets = _normalised(record["sentence"])
    gold_sentence, _ = _normalised(entry["sentence"])
    answer, _ = _normalised(entry["answer"])
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
            sentence = _normalised(entry["sentence"])[0]
            slug = next((s for s in in_order if sentence in texts[s]["sentences"]), None)
        if slug is None:
            elsewhere.append(entry)
        else:
            found[slug].append(entry)
    return dict(found), elsewhere


def per_text(*, texts, records, gold):
    """The per-text table (`TextRow`s, by file name) and {question id: [gold ids it asks]}.

    `gold` is None when the run has no gold file: every text then has gold None."""
    by_article = defaultdict(list)
    for record in records:
        by_article[record["article"]].append(record)
    gold_of = gold_by_text(gold, texts)[0] if gold is not None else {}
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
            gold=len(entries) if gold is not None and entries else None,
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


# --- The blind sample ---------------------------------------------------------------------------


def stratum_of(record):
    return "published" if record["status"] == "published" else "draft"


def draw_sample(records, *, size, seed):
    """A fixed-seed random sample of `size` questions, half published and half not (all of a
    stratum when it has fewer, the other filling up), each stratum spread across the texts:
    texts take turns, in a random order, each giving a random question of its own. The sample
    comes back shuffled, so its order tells no status either."""
    rng = random.Random(seed)
    strata = {"published": [], "draft": []}
    for record in sorted(records, key=lambda r: r["id"]):
        strata[stratum_of(record)].append(record)
    published = min(len(strata["published"]), (size + 1) // 2)
    drafts = min(len(strata["draft"]), size - published)
    published = min(len(strata["published"]), size - drafts)
    chosen = _spread(strata["published"], published, rng) + _spread(strata["draft"], drafts, rng)
    rng.shuffle(chosen)
    return chosen


def _spread(records, quota, rng):
    by_article = defaultdict(list)
    for record in records:
        by_article[record["article"]].append(record)
    queues = [by_article[slug] for slug in sorted(by_article)]
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    chosen = []
    while len(chosen) < quota:
        for queue in queues:
            if queue and len(chosen) < quota:
                chosen.append(queue.pop())
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


# --- Blind guessing -----------------------------------------------------------------------------

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(_MONTHS) + r")"
_DATE_FORMS = [
    # The app's display forms (quizzes.generation.display.format_date_value), most precise first.
    ("day", re.compile(rf"(?P<day>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+{_MONTH}\s+(?P<year>\d{{4}})", re.I)),
    ("day", re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})", re.I)),
    ("month", re.compile(rf"{_MONTH}\s+(?P<year>\d{{4}})", re.I)),
    ("monthday", re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH}\b", re.I)),
    ("time", re.compile(r"\b(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\b")),
    ("year", re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)\b")),
    ("weekday", re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.I)),
]  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "mn": 1e6}  # fmt: skip
_SCALE_AFTER = re.compile(r"\s*(hundred|thousand|million|billion|trillion|bn|mn)\b", re.I)


@dataclass(frozen=True)
class Value:
    """A choice's value for blind guessing: `key` orders choices; `related_to` says whether
    another value is a simple step from this one; `roundness` ranks how round it looks."""

    form: str  # number, or a date form (day, month, monthday, time, year, weekday)
    key: float
    roundness: float
    ordinal: int | None = None  # day granularity: the date's ordinal
    parts: tuple = ()  # (year, month, day) as parsed, for date steps
    step: float = 1.0  # numbers: the precision it is written to (30 → 10, 2.5 → 0.1)


def parse_number_choice(text):
    """The value of a number choice ("286 villages", "nearly 30 years", "1.5 million", "a
    dozen", "twenty-two"), or None."""
    from quizzes.generation.display import find_number_token
    from quizzes.generation.extraction import parse_number

    m = find_number_token(text)
    if m is None:
        return None
    value = parse_number(m.group())
    if value is None:
        return None
    digits = m.group().replace(",", "")
    scale = _SCALE_AFTER.match(text, m.end())
    factor = _SCALES[scale.group(1).lower()] if scale else 1
    if re.fullmatch(r"\d+", digits):
        zeros = len(digits) - len(digits.rstrip("0")) if int(digits) else 0
        roundness, step = float(zeros), 10.0**zeros
    elif re.fullmatch(r"\d+\.\d+", digits):
        decimals = len(digits.partition(".")[2])
        roundness, step = -float(decimals), 10.0**-decimals
    else:  # words: "thirty" is as round as 30
        n = int(value)
        zeros = len(str(n)) - len(str(n).rstrip("0")) if n else 0
        roundness, step = float(zeros), 10.0**zeros
    return Value("number", value * factor, roundness, step=step * factor)


def parse_date_choice(text):
    """The value of a date choice in the app's display forms ("8 November 2020", "8 November",
    "November 2020", "2020", "14:30", "Monday", "8–10 November 2020"), or None."""
    for form, pattern in _DATE_FORMS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        if form == "weekday":
            return Value(form, _WEEKDAYS.index(groups["weekday"].lower()), 0.0)
        if form == "time":
            hour, minute = int(groups["hour"]), int(groups["minute"])
            roundness = 2.0 if minute == 0 else 1.0 if minute % 30 == 0 else 0.0
            return Value(form, hour * 60 + minute, roundness)
        year = int(groups["year"]) if groups.get("year") else None
        month = _MONTHS.index(groups["month"].lower()) + 1 if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        if form == "year":
            zeros = len(str(year)) - len(str(year).rstrip("0"))
            return Value(form, year, float(zeros), parts=(year, None, None))
        if form == "month":
            return Value(form, year * 12 + month, 0.0, parts=(year, month, None))
        day_roundness = 1.0 if day in (1, 10, 15, 20, 30) else 0.0
        if form == "monthday":
            return Value(form, month * 32 + day, day_roundness, parts=(None, month, day))
        try:
            ordinal = date(year, month, day).toordinal()
        except ValueError:
            return None
        return Value(form, ordinal, day_roundness, ordinal=ordinal, parts=(year, month, day))
    return None


# p/q with p, q ≤ 10 between ×0.5 and ×2: the factors a value is scaled by to look plausible.
_SIMPLE_RATIOS = sorted(
    {
        Fraction(p, q)
        for p in range(1, 11)
        for q in range(1, 11)
        if p != q and Fraction(1, 2) <= Fraction(p, q) <= 2
    }
)
_DAY_STEPS = {1, 2, 3, 7, 14}


def derives(base, other):
    """Whether `other` is a simple step from `base`: for numbers, `base` times a simple ratio
    (p/q with p, q ≤ 10, from ×0.5 to ×2: ×0.5, ×0.75, ×1.5, ×2, …) rounded to whole units
    (to tenths for 2.5), or 1-3 of its precision away (30 ± 10, 20, 30; 7 ± 1, 2, 3); for
    dates, 1, 2, 3, 7 or 14 days, 1-3 months or 1-4 years away; for clock times 30 minutes to
    3 hours; for years alone 1-4 years, for months alone 1-3 months."""
    if base.form != other.form:
        return False
    if base.form == "number":
        tolerance = min(base.step, 1.0) / 2 + 1e-9
        if any(abs(other.key - base.key * float(r)) <= tolerance for r in _SIMPLE_RATIOS):
            return True
        return any(abs(abs(other.key - base.key) - k * base.step) <= 1e-9 for k in (1, 2, 3))
    difference = abs(other.key - base.key)
    if base.form == "time":
        return difference in (30, 60, 120, 180)
    if base.form in ("year", "month"):
        return 1 <= difference <= (4 if base.form == "year" else 3)
    if base.form == "weekday":
        return False
    (y1, m1, d1), (y2, m2, d2) = base.parts, other.parts
    if base.form == "day" and difference in _DAY_STEPS:
        return True
    if base.form == "monthday" and (m1 == m2 and abs(d1 - d2) in _DAY_STEPS):
        return True
    if d1 == d2 and m1 == m2 and base.form == "day":
        return 1 <= abs(y1 - y2) <= 4
    if d1 == d2 and (y1 == y2 or base.form == "monthday"):
        return 1 <= abs(m1 - m2) <= 3
    return False


STRATEGIES = ("rank 1", "rank 2", "rank 3", "rank 4", "derived from", "roundest", "longest")


def _picks(choices, values):
    """{strategy: the indices of the choices it picks (several on a tie)}."""
    order = sorted(range(len(values)), key=lambda i: values[i].key)
    picks = {f"rank {r + 1}": [i] for r, i in enumerate(order)}

    def best(scores):
        top = max(scores)
        return [i for i, s in enumerate(scores) if s == top]

    picks["derived from"] = best(
        [sum(derives(v, o) for j, o in enumerate(values) if j != i) for i, v in enumerate(values)]
    )
    picks["roundest"] = best([v.roundness for v in values])
    picks["longest"] = best([len(c) for c in choices])
    return picks


def blind_guess(records):
    """The win rate of each blind strategy over the number and date multiple-choice questions
    of `records`, all and published only.

    Each strategy picks a choice without reading the question: a fixed rank of the choices
    sorted by value, the value the most others derive from (`derives`), the roundest, the
    longest. A tie between choices is a coin toss among them, so it wins its share. Questions
    whose choices do not all parse are counted apart, not guessed."""
    report = {}
    for subset in ("all", "published"):
        wins = defaultdict(float)
        counted, unparsed, chance = 0, 0, 0.0
        by_kind = defaultdict(int)
        for record in records:
            if record["kind"] not in ("number", "date") or record["mode"] != "choice":
                continue
            if subset == "published" and record["status"] != "published":
                continue
            parse = parse_number_choice if record["kind"] == "number" else parse_date_choice
            values = [parse(c) for c in record["choices"]]
            if (
                not values
                or any(v is None for v in values)
                or len({v.form for v in values}) != 1
                or len({v.key for v in values}) != len(values)
                or sum(record["correct"]) != 1
            ):
                unparsed += 1
                continue
            counted += 1
            by_kind[record["kind"]] += 1
            chance += 1 / len(values)
            key = record["correct"].index(True)
            for strategy, picked in _picks(record["choices"], values).items():
                wins[strategy] += (key in picked) / len(picked)
        rates = {s: (wins[s] / counted if counted else None) for s in STRATEGIES}
        best = max(STRATEGIES, key=lambda s: rates[s] or 0) if counted else None
        report[subset] = {
            "questions": counted,
            "by_kind": dict(sorted(by_kind.items())),
            "unparsed": unparsed,
            "chance": chance / counted if counted else None,
            "rates": rates,
            "best": best,
            "best_rate": rates[best] if best else None,
        }
    return report


# --- Verdicts -----------------------------------------------------------------------------------


def roc_auc(scores, labels, weights=None):
    """The ROC AUC of `scores` against boolean `labels`: the chance that a random positive
    scores above a random negative, ties counting half (the Mann-Whitney statistic), with
    optional per-item `weights`. None when either class is empty."""
    weights = weights or [1.0] * len(scores)
    positives = [(s, w) for s, label, w in zip(scores, labels, weights, strict=True) if label]
    negatives = [(s, w) for s, label, w in zip(scores, labels, weights, strict=True) if not label]
    if not positives or not negatives:
        return None
    above = sum(
        wp * wn * (1.0 if sp > sn else 0.5 if sp == sn else 0.0)
        for sp, wp in positives
        for sn, wn in negatives
    )
    return above / (sum(w for _, w in positives) * sum(w for _, w in negatives))


def _share(part, whole):
    return {"accepted": part, "judged": whole, "share": part / whole if whole else None}


def judged_report(*, key, verdicts, judged_keys=None, threshold=None):
    """Join `verdicts` (`read_verdicts`) to `key` (a run's hidden key) and report the figures.

    A question judged in several files is acceptable only if no verdict rejects it. Verdicts
    whose id is not in the key are listed as unknown; with `judged_keys` ({verdicts file: the
    key its questions were drawn from}), those whose question changed since it was judged (its
    digest differs) are listed as changed; neither counts. `threshold` defaults to the key's."""
    threshold = key["publish_above"] if threshold is None else threshold
    questions = key["questions"]
    judged_keys = judged_keys or {}
    unknown, changed, by_id = [], [], defaultdict(list)
    for verdict in verdicts:
        question = questions.get(verdict["id"])
        if question is None:
            unknown.append(verdict)
            continue
        then = judged_keys.get(verdict["file"], {}).get("questions", {}).get(verdict["id"])
        if then is not None and then.get("digest") != question.get("digest"):
            changed.append(verdict)
            continue
        by_id[verdict["id"]].append(verdict)
    accepted = {qid: all(v["verdict"] == "accept" for v in vs) for qid, vs in by_id.items()}
    disagreements = sorted(qid for qid, vs in by_id.items() if len({v["verdict"] for v in vs}) > 1)
    several = sum(len(vs) > 1 for vs in by_id.values())
    ids = sorted(accepted)
    status = {
        qid: "published" if questions[qid]["status"] == "published" else "draft" for qid in ids
    }
    quality = {qid: questions[qid]["quality"] for qid in ids}
    above = [qid for qid in ids if quality[qid] >= threshold]
    # Strata are sampled at different rates: weight each judged question by how many of its
    # stratum's questions it stands for, for figures that mix the strata.
    strata = key.get("strata", {})
    judged_in = defaultdict(int)
    for qid in ids:
        judged_in[status[qid]] += 1
    weight = {
        qid: (strata.get(status[qid], judged_in[status[qid]]) / judged_in[status[qid]])
        for qid in ids
    }
    good = [qid for qid in ids if accepted[qid]]
    gold_total = len(key.get("gold", []))
    gold_good = set()
    for qid in good:
        if status[qid] == "published":
            gold_good.update(questions[qid].get("gold", []))
    reasons = defaultdict(int)
    for qid in ids:
        for v in by_id[qid]:
            if v["verdict"] == "reject":
                reasons[v["rubric"]] += 1
    weighted_good = sum(weight[q] for q in good)
    return {
        "threshold": threshold,
        "judged": len(ids),
        "published": _share(
            sum(accepted[q] for q in ids if status[q] == "published"),
            sum(status[q] == "published" for q in ids),
        ),
        "drafts": _share(
            sum(accepted[q] for q in ids if status[q] == "draft"),
            sum(status[q] == "draft" for q in ids),
        ),
        "precision": _share(sum(accepted[q] for q in above), len(above)),
        "recall": {
            "judged": (sum(1 for q in good if quality[q] >= threshold) / len(good))
            if good
            else None,
            "weighted": (
                sum(weight[q] for q in good if quality[q] >= threshold) / weighted_good
                if weighted_good
                else None
            ),
        },
        "auc": {
            "judged": roc_auc([quality[q] for q in ids], [accepted[q] for q in ids]),
            "weighted": roc_auc(
                [quality[q] for q in ids], [accepted[q] for q in ids], [weight[q] for q in ids]
            ),
        },
        "gold_with_acceptable_published": {
            "facts": len(gold_good),
            "gold": gold_total,
            "share": len(gold_good) / gold_total if gold_total else None,
        },
        "rejections_by_rubric_point": {str(k): reasons[k] for k in sorted(reasons)},
        "judged_more_than_once": several,
        "disagreements": disagreements,
        "unknown": [{"id": v["id"], "file": v["file"]} for v in unknown],
        "changed": [{"id": v["id"], "file": v["file"]} for v in changed],
    }


# --- The key and the files a run writes ---------------------------------------------------------


def build_key(*, records, asked_by, gold, threshold, seed, sample):
    """The hidden key of a run: every question's score, status, digest and the gold facts it
    asks (not only the sample's, so a later sample or a re-judged question finds its entry)."""
    strata = {"draft": 0, "published": 0}
    for record in records:
        strata[stratum_of(record)] += 1
    return {
        "publish_above": threshold,
        "seed": seed,
        "sample": [r["id"] for r in sample],
        "strata": strata,
        "gold": [g["id"] for g in gold or []],
        "questions": {
            r["id"]: {
                "article": r["article"],
                "kind": r["kind"],
                "mode": r["mode"],
                "quality": r["quality"],
                "status": r["status"],
                "digest": r["digest"],
                "gold": asked_by.get(r["id"], []),
            }
            for r in records
        },
    }


def per_text_csv(rows):
    out = io.StringIO()
    names = list(TextRow.__dataclass_fields__)
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.as_dict().items()})
    return out.getvalue()


def _pct(value):
    return "—" if value is None else f"{value:.1%}"


def format_table(rows, summary):
    """The per-text table and totals, as text for people."""
    header = ("text", "split", "drafted", "published", "gold", "asked", "asked published")
    body = [
        (
            r.file,
            r.split,
            str(r.drafted),
            str(r.published),
            "—" if r.gold is None else str(r.gold),
            "—" if r.gold is None else str(r.asked),
            "—" if r.gold is None else str(r.asked_published),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for name, total in [("all texts", summary["overall"]), *summary["by_split"].items()]:
        line = (
            f"{name}: {total['texts']} texts, {total['drafted']} drafted, "
            f"{total['published']} published"
        )
        if total["texts_with_gold"]:
            line += (
                f"; gold facts {total['gold']} in {total['texts_with_gold']} texts, asked "
                f"{total['asked']} (mean recall {_pct(total['mean_recall'])}), by a published "
                f"question {total['asked_published']} "
                f"(mean {_pct(total['mean_recall_published'])})"
            )
        else:
            line += "; no gold facts"
        lines.append(line)
    return "\n".join(lines)


def format_blind_guess(report):
    lines = []
    for subset, figures in report.items():
        n = figures["questions"]
        if not n:
            lines.append(f"blind guess ({subset}): no number or date multiple-choice questions")
            continue
        kinds = ", ".join(f"{k} {c}" for k, c in figures["by_kind"].items())
        rates = ", ".join(f"{s} {_pct(r)}" for s, r in figures["rates"].items())
        lines.append(
            f"blind guess ({subset}, {n} questions: {kinds}; {figures['unparsed']} unparsed): "
            f"best {figures['best']} {_pct(figures['best_rate'])} "
            f"(chance {_pct(figures['chance'])}); {rates}"
        )
    return "\n".join(lines)


def format_judged(report):
    pub, drafts, precision = report["published"], report["drafts"], report["precision"]
    gold = report["gold_with_acceptable_published"]
    lines = [
        f"judged {report['judged']} questions "
        f"({report['judged_more_than_once']} by more than one verdict, "
        f"{len(report['disagreements'])} disagreeing)",
        f"  acceptable published: {pub['accepted']}/{pub['judged']} ({_pct(pub['share'])})",
        f"  acceptable drafts: {drafts['accepted']}/{drafts['judged']} ({_pct(drafts['share'])})",
        f"  threshold {report['threshold']}: precision {precision['accepted']}/"
        f"{precision['judged']} ({_pct(precision['share'])}), recall "
        f"{_pct(report['recall']['judged'])} (weighted by stratum "
        f"{_pct(report['recall']['weighted'])})",
        "  ROC AUC of the score: "
        + ("—" if report["auc"]["judged"] is None else f"{report['auc']['judged']:.3f}")
        + " (weighted by stratum "
        + ("—" if report["auc"]["weighted"] is None else f"{report['auc']['weighted']:.3f}")
        + ")",
        f"  gold facts with an acceptable published question: {gold['facts']}/{gold['gold']} "
        f"({_pct(gold['share'])}, judged questions only)",
    ]
    if report["rejections_by_rubric_point"]:
        points = ", ".join(f"{k}: {v}" for k, v in report["rejections_by_rubric_point"].items())
        lines.append(f"  rejections by rubric point: {points}")
    for label, items in (
        ("no question has their id", report["unknown"]),
        ("their question changed since judged", report["changed"]),
    ):
        if items:
            lines.append(f"  verdicts not counted, {label} ({len(items)}):")
            lines += [f"    {item['id']} ({item['file']})" for item in items]
    return "\n".join(lines)


@dataclass
class Run:
    """Everything one run measured, ready to write."""

    rows: list
    summary: dict
    records: list
    sample: list
    key: dict
    blind: dict
    seed: int
    elsewhere: list = field(default_factory=list)  # gold entries for texts not in the run


def write_run(run, out_dir, *, judged=None):
    """Write a run's files into `out_dir` (created): sample.md and sample.jsonl (blind), key.json
    (hidden), per-text.csv, stats.json (the table, totals, blind guess and, with verdicts, the
    judged figures) and report.txt (what the command printed). Returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = [sample_item(r) for r in run.sample]
    files = {
        "sample.md": sample_markdown(items, seed=run.seed) + "\n",
        "sample.jsonl": "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items),
        "key.json": json.dumps(run.key, indent=1, ensure_ascii=False) + "\n",
        "per-text.csv": per_text_csv(run.rows),
        "stats.json": json.dumps(
            {
                "publish_above": run.key["publish_above"],
                "seed": run.seed,
                "texts": [r.as_dict() for r in run.rows],
                "totals": run.summary,
                "gold_for_other_texts": len(run.elsewhere),
                "blind_guess": run.blind,
                **({"judged": judged} if judged is not None else {}),
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        "report.txt": report_text(run, judged=judged) + "\n",
    }
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8")
    return [out_dir / name for name in files]


def report_text(run, *, judged=None):
    parts = [format_table(run.rows, run.summary)]
    if run.elsewhere:
        parts.append(f"gold facts of texts not in this run, left out: {len(run.elsewhere)}")
    parts.append(format_blind_guess(run.blind))
    line = f"sample: {len(run.sample)} questions (seed {run.seed})"
    if run.key.get("left_out_as_judged"):
        line += f", leaving out {run.key['left_out_as_judged']} judged in earlier rounds"
    parts.append(line)
    if judged is not None:
        parts.append(format_judged(judged))
    return "\n".join(parts)


def measure(*, texts, gold, threshold, sample_size, seed, judged_before=None):
    """Read back what generation made of `texts` ({slug: {"file", "folder", "sentences"}}) and
    measure it: the per-text table, totals, blind guess, sample and key.

    `judged_before` ({id: the digest it was judged with, or None when unknown}) leaves out of
    the sample the questions already judged, unless they changed since."""
    records = question_records(texts=texts)
    rows, asked_by = per_text(texts=texts, records=records, gold=gold)
    judged_before = judged_before or {}
    drawable = [
        r
        for r in records
        if r["id"] not in judged_before or judged_before[r["id"]] not in (None, r["digest"])
    ]
    sample = draw_sample(drawable, size=sample_size, seed=seed)
    run_gold, elsewhere = None, []
    if gold is not None:
        of_texts, elsewhere = gold_by_text(gold, texts)
        run_gold = [e for slug in sorted(of_texts) for e in of_texts[slug]]
    key = build_key(
        records=records,
        asked_by=asked_by,
        gold=run_gold,
        threshold=threshold,
        seed=seed,
        sample=sample,
    )
    key["left_out_as_judged"] = len(records) - len(drawable)
    return Run(
        rows=rows,
        summary=totals(rows),
        records=records,
        sample=sample,
        key=key,
        blind=blind_guess(records),
        seed=seed,
        elsewhere=elsewhere,
    )


def texts_of(report):
    """{slug: {"file", "folder", "sentences"}} of the articles an import report names (the
    sentences normalised and joined, for gold entries that name no article)."""
    from content.models import Article

    texts = {}
    for item in report.items:
        path = Path(item.source)
        article = Article.objects.prefetch_related("sentences").get(pk=item.pk)
        sentences = "\n".join(_normalised(s.text)[0] for s in article.sentences.all())
        texts[article.slug] = {
            "file": path.name,
            "folder": path.parent.name,
            "sentences": sentences,
        }
    return texts
