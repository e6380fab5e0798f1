"""Train the calibrated question score on judged rounds and report it on held-out articles."""

import json
import math
import os
import random
import tempfile
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.generation import scoring

VERDICTS = ("accept", "reject")


class Command(BaseCommand):
    help = (
        "Fit the question score (quizzes/generation/scoring.py) to the verdicts of one or more "
        "judged rounds (folders written by evaluate_questions, holding sample.jsonl, key.json "
        "and verdicts*.jsonl). A question is acceptable only if no judge rejects it. Articles "
        "are split into a training and a held-out part (deterministic by --seed); the command "
        "prints the held-out ROC AUC, precision and recall at --threshold and the lowest "
        "threshold with the --target-precision, and with --write saves the model as JSON. "
        "See bench/README.md, 'Training the score'."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("rounds", nargs="+", metavar="ROUND", help="judged round folders")
        split = parser.add_mutually_exclusive_group()
        split.add_argument(
            "--holdout-fraction",
            default="0.25",
            metavar="F",
            help="share of the articles held out, drawn by --seed (default 0.25)",
        )
        split.add_argument(
            "--holdout-articles",
            nargs="+",
            metavar="SLUG",
            help="hold out exactly these articles (their slugs, as in the question ids)",
        )
        parser.add_argument("--seed", type=int, default=12, help="the split's seed (default 12)")
        parser.add_argument(
            "--threshold",
            default="0.6",
            metavar="SCORE",
            help="the publishing threshold to report precision and recall at (default 0.6)",
        )
        parser.add_argument(
            "--target-precision",
            default="0.9",
            metavar="P",
            help="find the lowest threshold with at least this held-out precision (default 0.9)",
        )
        parser.add_argument("--l2", default="1.0", help="L2 penalty on the weights (default 1)")
        parser.add_argument(
            "--iterations", type=int, default=50, help="at most this many Newton steps"
        )
        parser.add_argument(
            "--without",
            nargs="+",
            default=[],
            metavar="FEATURE",
            help="leave these features out of the model (e.g. the key's rank among the choices, "
            "which the choice balancer sets, not the question)",
        )
        parser.add_argument("--model-version", default="", help="the model's version name")
        parser.add_argument("--note", default="", help="a note stored in the model file")
        parser.add_argument("--write", metavar="PATH", help="write the model JSON here")

    def handle(self, *args, **options):
        threshold = _share_option(options["threshold"], "--threshold")
        target = _share_option(options["target_precision"], "--target-precision")
        l2 = _number_option(options["l2"], "--l2")
        if l2 < 0:
            raise CommandError(f"--l2 must be 0 or more, not {l2}.")
        if options["iterations"] < 1:
            raise CommandError("--iterations must be at least 1.")
        unknown = sorted(set(options["without"]) - set(scoring.FEATURE_NAMES))
        if unknown:
            raise CommandError(f"--without: unknown features {', '.join(unknown)}.")
        names = tuple(n for n in scoring.FEATURE_NAMES if n not in set(options["without"]))
        write = Path(options["write"]) if options["write"] else None
        if write is not None and (write.is_dir() or not write.parent.is_dir()):
            raise CommandError(f"--write {write}: not a file path in an existing folder.")

        questions, unjudged, stray = [], 0, 0
        for folder in options["rounds"]:
            found, left, unknown = read_round(Path(folder))
            questions += found
            unjudged += left
            stray += unknown
        if not questions:
            raise CommandError("No judged question in the rounds given: nothing to train on.")

        articles = sorted({q["article"] for q in questions})
        held = self._held_out(articles, options)
        train = [q for q in questions if q["article"] not in held]
        test = [q for q in questions if q["article"] in held]
        train_labels = [q["acceptable"] for q in train]
        if all(train_labels) or not any(train_labels):
            raise CommandError(
                f"The training part ({len(train)} questions from "
                f"{len(articles) - len(held)} articles) holds "
                + ("only acceptable" if all(train_labels) else "no acceptable")
                + " questions: a score cannot be fitted to one class. Judge more questions, or "
                "hold out other articles. Nothing written."
            )
        version = options["model_version"] or f"trained-seed{options['seed']}"
        try:
            model = scoring.fit(
                [q["features"] for q in train],
                train_labels,
                l2=l2,
                iterations=options["iterations"],
                feature_names=names,
                version=version,
                note=options["note"],
            )
        except ValueError as error:
            raise CommandError(f"Cannot fit the score: {error}") from None

        report = self._report(
            model, questions, train, test, held, threshold, target, unjudged, stray, options
        )
        if write is None:
            self.stdout.write("Model not written (give --write PATH to save it).")
            return
        data = scoring.Model(
            weights=model.weights,
            bias=model.bias,
            feature_names=model.feature_names,
            version=model.version,
            note=model.note or _note(report),
            trained=report,
        ).to_dict()
        _write_json(write, data)
        self.stdout.write(f"Model written to {write}.")

    def _held_out(self, articles, options):
        if len(articles) < 2:
            raise CommandError(
                f"The rounds hold questions from {len(articles)} article: a held-out split by "
                "article needs at least two."
            )
        if options["holdout_articles"]:
            held = set(options["holdout_articles"])
            unknown = sorted(held - set(articles))
            if unknown:
                raise CommandError(
                    "--holdout-articles: no judged question from " + ", ".join(unknown)
                )
            if held == set(articles):
                raise CommandError(
                    "--holdout-articles holds out every article: none left to train."
                )
            return held
        fraction = _share_option(options["holdout_fraction"], "--holdout-fraction")
        if not 0 < fraction < 1:
            raise CommandError(f"--holdout-fraction must be between 0 and 1, not {fraction}.")
        order = list(articles)
        random.Random(options["seed"]).shuffle(order)
        count = min(len(order) - 1, max(1, round(fraction * len(order))))
        return set(order[:count])

    def _report(self, model, questions, train, test, held, threshold, target, unjudged, stray, o):
        out = self.stdout.write
        accepted = sum(q["acceptable"] for q in questions)
        out(
            f"Training the score on {len(o['rounds'])} round(s): {len(questions)} judged "
            f"questions from {len({q['article'] for q in questions})} articles, "
            f"{accepted} acceptable (no judge rejects them)."
        )
        if unjudged:
            out(f"  {unjudged} sampled questions without a verdict left out.")
        if stray:
            out(f"  {stray} verdicts for ids not in their round's sample ignored.")
        how = (
            "as given"
            if o["holdout_articles"]
            else f"seed {o['seed']}, fraction {o['holdout_fraction']}"
        )
        out(f"Held out by article ({how}): {len(held)} articles: {', '.join(sorted(held))}")
        counts = {
            "questions": len(questions),
            "acceptable": accepted,
            "rounds": [str(r) for r in o["rounds"]],
            "train": {"questions": len(train), "acceptable": sum(q["acceptable"] for q in train)},
            "heldout_articles": sorted(held),
        }
        out(f"  training part: {len(train)} questions, {counts['train']['acceptable']} acceptable")
        scores = [model.predict(q["features"]) for q in test]
        labels = [q["acceptable"] for q in test]
        auc = scoring.roc_auc(scores, labels)
        old = (
            scoring.roc_auc([q["quality"] for q in test], labels)
            if all(q["quality"] is not None for q in test)
            else None
        )
        precision, recall = scoring.precision_recall(scores, labels, threshold)
        best = scoring.threshold_for_precision(scores, labels, target)
        best_recall = (
            scoring.precision_recall(scores, labels, best)[1] if best is not None else None
        )
        out(f"  held-out part: {len(test)} questions, {sum(labels)} acceptable")
        out("Held-out figures:")
        out(
            f"  ROC AUC: {_fmt(auc)}"
            + (
                f" (the generator's own quality on the same questions: {_fmt(old)})"
                if old is not None
                else ""
            )
            + ("" if auc is not None else " (the held-out part has only one class)")
        )
        published = sum(s >= threshold for s in scores)
        out(
            f"  at threshold {threshold:.2f}: {published} of {len(test)} published, "
            f"precision {_pct(precision)}, recall {_pct(recall)}"
        )
        if best is None:
            out(f"  threshold for ≥ {target:.0%} precision: none on the held-out part")
        else:
            out(
                f"  threshold for ≥ {target:.0%} precision: {best:.3f} (recall {_pct(best_recall)})"
            )
        train_auc = scoring.roc_auc(
            [model.predict(q["features"]) for q in train], [q["acceptable"] for q in train]
        )
        weighted = None
        if test and all(q["weight"] is not None for q in test):
            weights = [q["weight"] for q in test]
            w_auc = scoring.roc_auc(scores, labels, weights)
            w_precision, w_recall = scoring.precision_recall(scores, labels, threshold, weights)
            weighted = {"auc": w_auc, "precision": w_precision, "recall": w_recall}
            out(
                "  weighted by stratum (each judged question standing for its round's published "
                f"or draft questions): ROC AUC {_fmt(w_auc)}, at {threshold:.2f} precision "
                f"{_pct(w_precision)}, recall {_pct(w_recall)}"
            )
        out(f"  (training part's own ROC AUC: {_fmt(train_auc)})")
        ranked = sorted(
            (w, name) for w, name in zip(model.weights, model.feature_names, strict=True) if w
        )
        out(
            f"Model {model.version}: bias {model.bias:.3f}, {len(ranked)} features with a weight; "
            "most negative: "
            + ", ".join(f"{n} {w:.3f}" for w, n in ranked[:5])
            + "; most positive: "
            + ", ".join(f"{n} {w:.3f}" for w, n in reversed(ranked[-5:]))
        )
        counts["heldout"] = {
            "questions": len(test),
            "acceptable": sum(labels),
            "auc": auc,
            "quality_auc": old,
            "threshold": threshold,
            "precision": precision,
            "recall": recall,
            "target_precision": target,
            "threshold_for_target": best,
            "recall_at_target": best_recall,
            "weighted": weighted,
        }
        counts["seed"] = o["seed"]
        return counts


# --- Reading a round ----------------------------------------------------------------------------


def read_round(folder: Path):
    """The judged questions of a round folder, each {"id", "article", "acceptable",
    "features", "quality"}; with how many sampled questions have no verdict and how many
    verdicts name no sampled question. CommandError on bad input, naming file and line."""
    if not folder.is_dir():
        raise CommandError(f"{folder}: not a folder (a judged round holds sample.jsonl).")
    sample_path = folder / "sample.jsonl"
    if not sample_path.is_file():
        raise CommandError(f"{folder}: no sample.jsonl (is it a round of evaluate_questions?)")
    verdict_paths = sorted(folder.glob("verdicts*.jsonl"))
    if not verdict_paths:
        raise CommandError(f"{folder}: no verdicts*.jsonl: the round is not judged yet.")
    key, strata = _read_key(folder / "key.json")
    verdicts: dict[str, list[str]] = {}
    for path in verdict_paths:
        seen = set()
        for where, verdict in _json_lines(path):
            if not isinstance(verdict.get("id"), str) or not verdict["id"]:
                raise CommandError(f"{where}: no 'id' string")
            if verdict.get("verdict") not in VERDICTS:
                raise CommandError(f"{where}: 'verdict' must be 'accept' or 'reject'")
            if verdict["id"] in seen:
                raise CommandError(f"{where}: {verdict['id']} is judged twice in this file")
            seen.add(verdict["id"])
            verdicts.setdefault(verdict["id"], []).append(verdict["verdict"])

    questions, unjudged, ids = [], 0, set()
    for where, line in _json_lines(sample_path):
        qid = line.get("id")
        if not isinstance(qid, str) or not qid:
            raise CommandError(f"{where}: no 'id' string")
        if qid in ids:
            raise CommandError(f"{where}: {qid} appears twice in the sample")
        ids.add(qid)
        if qid not in verdicts:
            unjudged += 1
            continue
        known = key.get(qid, {})
        fields = {**line}
        for name in ("kind", "mode", "article"):
            if fields.get(name) is None and known.get(name) is not None:
                fields[name] = known[name]
        if not isinstance(fields.get("choices", []), list):
            raise CommandError(f"{where}: 'choices' must be a list of strings")
        if fields.get("kind") is None:
            raise CommandError(
                f"{where}: the question's 'kind' is neither in the line nor in "
                f"{folder / 'key.json'}"
            )
        try:
            found = scoring.features(fields)
        except ValueError as error:
            raise CommandError(f"{where}: {error}") from None
        quality = known.get("quality")
        questions.append(
            {
                "id": qid,
                "article": fields.get("article") or qid.partition(":")[0],
                "acceptable": all(v == "accept" for v in verdicts[qid]),
                "features": found,
                "quality": quality if isinstance(quality, int | float) else None,
                "status": known.get("status"),
                "weight": None,
            }
        )
    # The sample draws published questions at a higher rate than drafts: each judged question
    # stands for its stratum's questions (key.json's "strata") in the weighted figures.
    judged = Counter(q["status"] for q in questions)
    for q in questions:
        size = strata.get(q["status"]) if isinstance(strata, dict) else None
        if isinstance(size, int | float) and not isinstance(size, bool) and size > 0:
            q["weight"] = size / judged[q["status"]]
    stray = sum(1 for qid in verdicts if qid not in ids)
    return questions, unjudged, stray


def _read_key(path: Path):
    """({id: {"article", "kind", "mode", "quality", "status", ...}}, strata) from a round's
    key.json; ({}, {}) without one (then each sample line must carry its own kind)."""
    if not path.exists():
        return {}, {}
    try:
        key = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path}: not a readable JSON key ({error})") from None
    questions = key.get("questions") if isinstance(key, dict) else None
    if not isinstance(questions, dict) or not all(isinstance(q, dict) for q in questions.values()):
        raise CommandError(f"{path}: not a key written by evaluate_questions (no 'questions')")
    return questions, key.get("strata") or {}


def _json_lines(path: Path):
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: cannot be read as UTF-8 text ({error})") from None
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        where = f"{path}, line {number}"
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"{where}: not a JSON object ({error})") from None
        if not isinstance(value, dict):
            raise CommandError(f"{where}: not a JSON object")
        yield where, value


# --- Small helpers ------------------------------------------------------------------------------


def _number_option(value, name):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CommandError(f"{name} wants a number, not “{value}”.") from None
    if not math.isfinite(number):
        raise CommandError(f"{name} wants a finite number, not {value}.")
    return number


def _share_option(value, name):
    number = _number_option(value, name)
    if not 0 <= number <= 1:
        raise CommandError(f"{name} wants a number between 0 and 1, not {number}.")
    return number


def _write_json(path: Path, data):
    """Write `data` to `path` whole or not at all (a temporary file, then a rename)."""
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".train_score-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _note(report):
    heldout = report["heldout"]
    return (
        f"Trained by train_score on {report['train']['questions']} judged questions "
        f"({report['train']['acceptable']} acceptable) from {', '.join(report['rounds'])}; "
        f"on {heldout['questions']} held-out questions ({heldout['acceptable']} acceptable) "
        f"ROC AUC {_fmt(heldout['auc'])}, precision at {heldout['threshold']:.2f} "
        f"{_pct(heldout['precision'])}."
    )


def _fmt(value):
    return "—" if value is None else f"{value:.3f}"


def _pct(value):
    return "—" if value is None else f"{value:.1%}"
