"""A calibrated quality score: how likely a careful teacher is to accept a drafted question.

The features of a question (`score_features.features`, re-exported here) feed a logistic model
trained on judged verdicts (`manage.py train_score`, bench/README.md "Training the score"). The
model is data: `score_model.json` beside this module, read once per process on first use. Here:
the model (`Model`, `load_model`, `default_model`, `score_draft`), training (`fit`) and the
measures train_score reports (`roc_auc`, `precision_recall`, `threshold_for_precision`).

Pure Python: no Django, no numpy.
"""

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .score_features import DEFAULT_LOADED_TERMS, FEATURE_NAMES, features

__all__ = [
    "DEFAULT_LOADED_TERMS",
    "FEATURE_NAMES",
    "MODEL_PATH",
    "Model",
    "default_model",
    "features",
    "fit",
    "load_model",
    "precision_recall",
    "roc_auc",
    "score_draft",
    "threshold_for_precision",
]

MODEL_PATH = Path(__file__).with_name("score_model.json")


# --- The model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """A logistic model over named features: P(acceptable) = σ(bias + Σ weight · feature).

    Weights apply to the raw feature values (`fit` standardises while training and folds the
    scaling back in). A feature the model does not name counts for nothing."""

    weights: tuple[float, ...]
    bias: float
    feature_names: tuple[str, ...]
    version: str
    note: str = ""
    trained: Mapping | None = None  # how it was trained: rounds, counts, held-out figures

    def __post_init__(self):
        if len(self.weights) != len(self.feature_names):
            raise ValueError("a model needs one weight per feature name")
        unknown = sorted(set(self.feature_names) - set(FEATURE_NAMES))
        if unknown:
            raise ValueError(f"unknown feature names: {', '.join(unknown)}")
        values = (self.bias, *self.weights)
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
            raise ValueError("a model's bias and weights must be finite numbers")

    def predict(self, features: Mapping[str, float]) -> float:
        """The probability, in [0, 1], that a question with these features is acceptable."""
        z = self.bias + sum(
            w * float(features.get(name, 0.0))
            for w, name in zip(self.weights, self.feature_names, strict=True)
        )
        return _sigmoid(z)

    def to_dict(self) -> dict:
        data = {
            "version": self.version,
            "note": self.note,
            "bias": self.bias,
            "weights": dict(zip(self.feature_names, self.weights, strict=True)),
        }
        if self.trained is not None:
            data["trained"] = dict(self.trained)
        return data

    @classmethod
    def from_dict(cls, data) -> "Model":
        """A model from its JSON form; ValueError when it is not one."""
        if not isinstance(data, Mapping) or not isinstance(data.get("weights"), Mapping):
            raise ValueError("a model is a JSON object with 'weights' {feature: weight}")
        if not isinstance(data.get("version"), str) or not data["version"]:
            raise ValueError("a model has a 'version' string")
        bias = data.get("bias", 0.0)
        if data.get("trained") is not None and not isinstance(data["trained"], Mapping):
            raise ValueError("a model's 'trained' is a JSON object")
        names = tuple(data["weights"])
        return cls(
            weights=tuple(data["weights"].values()),
            bias=bias,
            feature_names=names,
            version=data["version"],
            note=str(data.get("note", "")),
            trained=data.get("trained"),
        )


def load_model(path) -> Model:
    """The model in the JSON file `path`; ValueError (OSError for an unreadable file) if not."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not a JSON model file ({error})") from None
    try:
        return Model.from_dict(data)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


@cache
def default_model() -> Model:
    """The shipped model (score_model.json), read once per process."""
    return load_model(MODEL_PATH)


def score_draft(draft, *, title=None, loaded_terms=()) -> float:
    """The shipped model's score of a `Draft` of the article titled `title`, in [0, 1], rounded
    as `Draft.quality` is."""
    found = features(draft, title=title, loaded_terms=loaded_terms)
    return round(default_model().predict(found), 3)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


# --- Training -----------------------------------------------------------------------------------


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[bool],
    *,
    l2: float = 1.0,
    iterations: int = 50,
    feature_names: Sequence[str] = FEATURE_NAMES,
    version: str = "trained",
    note: str = "",
) -> Model:
    """Fit a logistic model to feature `rows` and boolean `labels` (True: acceptable).

    Newton's method (iteratively reweighted least squares) on standardised features with an
    L2 penalty `l2` on the weights (not the bias), at most `iterations` steps, each halved
    until the penalised loss does not grow: deterministic, the same rows give the same model.
    A feature that does not vary in `rows` gets weight 0. Raises ValueError without rows of
    both classes, or for a negative `l2` or `iterations` below 1.
    """
    if len(rows) != len(labels):
        raise ValueError("one label per row")
    y = [1.0 if label else 0.0 for label in labels]
    if not rows or min(y) == max(y):
        raise ValueError("training needs both acceptable and unacceptable questions")
    if l2 < 0 or iterations < 1:
        raise ValueError("l2 must be ≥ 0 and iterations ≥ 1")
    names = tuple(feature_names)
    n = len(rows)
    raw = [[float(row.get(name, 0.0)) for name in names] for row in rows]
    means = [sum(col) / n for col in zip(*raw, strict=True)]
    sds = [
        math.sqrt(sum((v - m) ** 2 for v in col) / n)
        for col, m in zip(zip(*raw, strict=True), means, strict=True)
    ]
    # Standardised columns; a constant column is all zeros. A leading 1 stands for the bias.
    x = [
        [1.0] + [(v - m) / s if s > 1e-12 else 0.0 for v, m, s in zip(r, means, sds, strict=True)]
        for r in raw
    ]
    d = len(names) + 1
    penalty = [0.0] + [l2 if s > 1e-12 else 1.0 for s in sds]  # constant columns stay at 0
    prior = sum(y) / n
    beta = [math.log(prior / (1 - prior))] + [0.0] * (d - 1)

    def loss(b):
        total = 0.0
        for row, target in zip(x, y, strict=True):
            z = sum(bi * xi for bi, xi in zip(b, row, strict=True))
            # log(1 + e^z) - target * z, computed without overflow
            total += (max(z, 0.0) + math.log1p(math.exp(-abs(z)))) - target * z
        return total + 0.5 * sum(p * bi * bi for p, bi in zip(penalty, b, strict=True))

    current = loss(beta)
    for _ in range(iterations):
        gradient = [p * bi for p, bi in zip(penalty, beta, strict=True)]
        hessian = [[0.0] * d for _ in range(d)]
        for i in range(d):
            hessian[i][i] = penalty[i]
        for row, target in zip(x, y, strict=True):
            p = _sigmoid(sum(bi * xi for bi, xi in zip(beta, row, strict=True)))
            weight = max(p * (1 - p), 1e-10)
            for i in range(d):
                if row[i] == 0.0:
                    continue
                gradient[i] += (p - target) * row[i]
                wi = weight * row[i]
                hrow = hessian[i]
                for j in range(d):
                    hrow[j] += wi * row[j]
        step = _solve(hessian, gradient)
        scale = 1.0
        while True:
            candidate = [bi - scale * si for bi, si in zip(beta, step, strict=True)]
            new = loss(candidate)
            if new <= current + 1e-12 or scale < 1e-6:
                break
            scale /= 2
        moved = max(abs(scale * si) for si in step)
        beta, current = candidate, new
        if moved < 1e-9:
            break
    weights = [b / s if s > 1e-12 else 0.0 for b, s in zip(beta[1:], sds, strict=True)]
    bias = beta[0] - sum(w * m for w, m in zip(weights, means, strict=True))
    return Model(
        weights=tuple(round(w, 6) for w in weights),
        bias=round(bias, 6),
        feature_names=names,
        version=version,
        note=note,
    )


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve matrix · x = vector by Gaussian elimination with partial pivoting."""
    n = len(vector)
    a = [row[:] + [v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-15:
            continue
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(a[r][r]) < 1e-15:
            continue
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


# --- Measuring ----------------------------------------------------------------------------------


def roc_auc(scores: Sequence[float], labels: Sequence[bool], weights=None) -> float | None:
    """The chance that an acceptable question outscores an unacceptable one, ties half (the
    Mann-Whitney statistic), each question counting its weight (default 1); None when either
    class is empty."""
    weights = [1.0] * len(scores) if weights is None else list(weights)
    items = list(zip(scores, labels, weights, strict=True))
    positives = [(s, w) for s, label, w in items if label]
    negatives = [(s, w) for s, label, w in items if not label]
    if not positives or not negatives:
        return None
    above = sum(
        wp * wn * (1.0 if p > q else 0.5 if p == q else 0.0)
        for p, wp in positives
        for q, wn in negatives
    )
    return above / (sum(w for _, w in positives) * sum(w for _, w in negatives))


def precision_recall(
    scores, labels, threshold: float, weights=None
) -> tuple[float | None, float | None]:
    """(precision, recall) of publishing what scores at or above `threshold`, each question
    counting its weight (default 1); None for a share of nothing."""
    weights = [1.0] * len(scores) if weights is None else list(weights)
    items = list(zip(scores, labels, weights, strict=True))
    picked = sum(w for s, _, w in items if s >= threshold)
    good_picked = sum(w for s, label, w in items if s >= threshold and label)
    positives = sum(w for _, label, w in items if label)
    precision = good_picked / picked if picked else None
    recall = good_picked / positives if positives else None
    return precision, recall


def threshold_for_precision(scores, labels, target: float = 0.9, weights=None) -> float | None:
    """The lowest score threshold whose precision on (scores, labels) is at least `target`
    (the one that publishes the most while keeping precision), or None if there is none."""
    for threshold in sorted(set(scores)):
        precision, _ = precision_recall(scores, labels, threshold, weights)
        if precision is not None and precision >= target:
            return threshold
    return None
