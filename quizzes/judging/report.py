"""Writing a run: the per-text CSV, the text report for people, and the files of a run's folder."""

import csv
import io
import json
from dataclasses import fields
from pathlib import Path

from quizzes.judging.gold import TextRow
from quizzes.judging.sample import sample_item, sample_markdown


def per_text_csv(rows):
    """The per-text table as CSV, one column a `TextRow` field (no gold: empty)."""
    out = io.StringIO()
    names = [f.name for f in fields(TextRow)]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.as_dict().items()})
    return out.getvalue()


def _pct(value):
    return "—" if value is None else f"{value:.1%}"


def _auc(value):
    return "—" if value is None else f"{value:.3f}"


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
    """The blind-guess report (`blind_guess`), a line for all questions and one for published."""
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
    """The judged figures (`judged_report`), as text for people."""
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
        f"  ROC AUC of the score: {_auc(report['auc']['judged'])} (weighted by stratum "
        f"{_auc(report['auc']['weighted'])})",
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
    """What the command prints of a run: table and totals, blind guess, sample, judged figures."""
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
