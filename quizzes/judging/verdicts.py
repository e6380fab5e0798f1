"""Verdicts: reading the judges' files, and the judged figures they give joined to a run's key
(acceptable shares, the threshold's precision and recall, the score's ROC AUC)."""

import json
from collections import defaultdict
from pathlib import Path

from quizzes.generation.scoring import roc_auc  # one ROC AUC for the judged figures and train_score
from quizzes.judging.inputs import JudgingError, read_text
from quizzes.judging.sample import stratum_of

VERDICTS = ("accept", "reject")
RUBRIC_POINTS = range(1, 9)  # RUBRIC.md's eight points


def read_verdicts(paths):
    """The verdicts of the JSON Lines files `paths`, in order: one object a line,
    {"id", "verdict": "accept" | "reject", "reason", "rubric": 1-8}. A rejection names the
    rubric point the question fails ("rubric", required) and its one main "reason"; an
    acceptance may leave both out. Blank lines are skipped. Each verdict gets its "file"."""
    verdicts = []
    for path in map(Path, paths):
        try:
            lines = read_text(path, "verdicts").splitlines()
        except UnicodeDecodeError as error:
            raise JudgingError(f"{path}: not UTF-8 text ({error})") from None
        seen = set()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}, line {number}"
            verdict = _verdict(line, where)
            if verdict["id"] in seen:
                raise JudgingError(f"{where}: {verdict['id']} is judged twice in this file")
            seen.add(verdict["id"])
            verdicts.append({**verdict, "file": str(path)})
    return verdicts


def _verdict(line, where):
    """The verdict on `line` (at `where`, for errors), checked."""
    try:
        verdict = json.loads(line)
    except json.JSONDecodeError as error:
        raise JudgingError(f"{where}: not a JSON object ({error})") from None
    if not isinstance(verdict, dict):
        raise JudgingError(f"{where}: not a JSON object")
    if not isinstance(verdict.get("id"), str) or not verdict["id"]:
        raise JudgingError(f"{where}: no 'id' string")
    if verdict.get("verdict") not in VERDICTS:
        raise JudgingError(f"{where}: 'verdict' must be 'accept' or 'reject'")
    if not isinstance(verdict.get("reason", ""), str):
        raise JudgingError(f"{where}: 'reason' must be a string")
    rubric = verdict.get("rubric")
    if verdict["verdict"] == "reject" and rubric is None:
        raise JudgingError(f"{where}: a rejection names its 'rubric' point (1-8)")
    if rubric is not None and (
        isinstance(rubric, bool) or not isinstance(rubric, int) or rubric not in RUBRIC_POINTS
    ):
        raise JudgingError(f"{where}: 'rubric' must be a rubric point, 1 to 8")
    return verdict


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
    status = {qid: stratum_of(questions[qid]) for qid in ids}
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
    scores, labels = [quality[q] for q in ids], [accepted[q] for q in ids]
    return {
        "threshold": threshold,
        "judged": len(ids),
        "published": _share(
            sum(accepted[q] for q in ids if status[q] == "published"), judged_in["published"]
        ),
        "drafts": _share(sum(accepted[q] for q in ids if status[q] == "draft"), judged_in["draft"]),
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
            "judged": roc_auc(scores, labels),
            "weighted": roc_auc(scores, labels, [weight[q] for q in ids]),
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
