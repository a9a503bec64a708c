"""DQB metrics as plain numpy functions: the one place where every score is defined.

Training, ``benchmark.evaluate``, the ``evaluate`` module in ``benchmark/metrics/dqb_metrics`` and the leaderboard all
call :func:`compute_metrics`, so a score means the same thing everywhere. Inputs are gold multi-hot labels ``(n, L)``
and predicted probabilities ``(n, L)``; predictions are ``prob >= threshold`` per label.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from benchmark.labels import LABELS

METRIC_VERSION = "1.0"
ECE_BINS = 10
DEFINITIONS = {
    "metric_version": METRIC_VERSION,
    "prediction": "label j is predicted when prob[j] >= threshold[j]; thresholds default to 0.5 and are tuned per "
    "label on validation by the training pipeline",
    "precision/recall/f1": "per label, from tp, fp, fn over paragraphs; zero_division = 0 (a ratio with a zero "
    "denominator is 0, as scikit-learn's zero_division=0)",
    "macro_f1": "unweighted mean of the per-label F1 scores (the headline score)",
    "micro_f1": "F1 from tp, fp, fn summed over all labels",
    "subset_accuracy": "share of paragraphs whose whole predicted label set equals the gold set",
    "hamming_loss": "share of wrong (paragraph, label) decisions",
    "average_precision": "per label, sum over distinct score thresholds of (R_k - R_(k-1)) * P_k, as scikit-learn's "
    "average_precision_score; null when the label has no gold positive",
    "ece": f"per label, expected calibration error of prob[j] as the probability of label j: {ECE_BINS} equal-width "
    "bins on [0, 1] (the last bin closed), sum over bins of (bin size / n) * |mean gold - mean prob|",
    "pair_consistency": "contrast split only: share of pairs whose two members both have every label right",
    "pair_flip_accuracy": "contrast split only: share of pairs whose two members both have the flipped label "
    "(the one label whose gold differs between them) right",
}


def _as_arrays(y_true, y_prob, thresholds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y_true = np.asarray(y_true, dtype=np.int64)
    y_prob = np.asarray(y_prob, dtype=np.float64)
    if y_true.ndim != 2 or y_true.shape != y_prob.shape:
        raise ValueError(f"labels {y_true.shape} and probabilities {y_prob.shape} must both be (n, labels)")
    if not np.isin(y_true, (0, 1)).all():
        raise ValueError("gold labels must be 0 or 1")
    if np.isnan(y_prob).any() or (y_prob < 0).any() or (y_prob > 1).any():
        raise ValueError("probabilities must be numbers in [0, 1]")
    th = np.full(y_true.shape[1], 0.5) if thresholds is None else np.asarray(thresholds, dtype=np.float64)
    if th.shape != (y_true.shape[1],):
        raise ValueError(f"need one threshold per label, got {th.shape}")
    return y_true, y_prob, th


def _ratio(num, den):
    num, den = np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def prf(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, np.ndarray]:
    """Per-label precision, recall, F1, support and the raw counts."""
    tp = (y_true & y_pred).sum(0)
    fp = ((1 - y_true) & y_pred).sum(0)
    fn = (y_true & (1 - y_pred)).sum(0)
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {
        "precision": p,
        "recall": r,
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "support": y_true.sum(0),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def f1_from_counts(tp, fp, fn):
    """F1 from counts; works on arrays of any shape (used by the bootstrap)."""
    return _ratio(2 * np.asarray(tp), 2 * np.asarray(tp) + np.asarray(fp) + np.asarray(fn))


def average_precision(y_true: np.ndarray, score: np.ndarray) -> float:
    """Average precision of one label (scikit-learn's step-wise definition); NaN without gold positives."""
    n_pos = int(y_true.sum())
    if n_pos == 0:
        return float("nan")
    order = np.argsort(-score, kind="mergesort")
    s, y = score[order], y_true[order]
    tps = np.cumsum(y)
    fps = np.cumsum(1 - y)
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]  # last index of each distinct score
    precision = tps[last] / (tps[last] + fps[last])
    recall = tps[last] / n_pos
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def expected_calibration_error(y_true: np.ndarray, prob: np.ndarray, bins: int = ECE_BINS) -> float:
    n = len(prob)
    if n == 0:
        return float("nan")
    idx = np.minimum((np.asarray(prob) * bins).astype(int), bins - 1)
    # (bin size / n) * |mean gold - mean prob| = |sum gold - sum prob| / n, summed over bins
    sum_gold = np.bincount(idx, weights=np.asarray(y_true, dtype=np.float64), minlength=bins)
    sum_prob = np.bincount(idx, weights=prob, minlength=bins)
    return float(np.abs(sum_gold - sum_prob).sum() / n)


def pair_scores(y_true: np.ndarray, y_pred: np.ndarray, pair_ids: Sequence[str | None]) -> dict[str, float | int]:
    """Pair consistency on the contrast split: both members of a pair right."""
    members: dict[str, list[int]] = {}
    for i, pid in enumerate(pair_ids):
        if pid is not None:
            members.setdefault(pid, []).append(i)
    pairs = [m for m in members.values() if len(m) == 2]
    if not pairs:
        return {"pairs": 0, "pair_consistency": float("nan"), "pair_flip_accuracy": float("nan")}
    right = y_true == y_pred
    both_all = [right[a].all() and right[b].all() for a, b in pairs]
    flip = []
    for a, b in pairs:
        diff = np.flatnonzero(y_true[a] != y_true[b])
        flip.append(bool(right[a, diff].all() and right[b, diff].all()) if len(diff) else bool(right[[a, b]].all()))
    return {
        "pairs": len(pairs),
        "pair_consistency": float(np.mean(both_all)),
        "pair_flip_accuracy": float(np.mean(flip)),
    }


def compute_metrics(
    y_true,
    y_prob,
    thresholds=None,
    pair_ids: Sequence[str | None] | None = None,
    label_names: Sequence[str] = LABELS,
) -> dict:
    """Every DQB metric for one split. JSON-ready: NaN becomes ``None``."""
    y_true, y_prob, th = _as_arrays(y_true, y_prob, thresholds)
    y_pred = (y_prob >= th).astype(np.int64)
    c = prf(y_true, y_pred)
    tp, fp, fn = c["tp"].sum(), c["fp"].sum(), c["fn"].sum()
    per_label = {}
    for j, name in enumerate(label_names):
        per_label[name] = {
            "precision": float(c["precision"][j]),
            "recall": float(c["recall"][j]),
            "f1": float(c["f1"][j]),
            "support": int(c["support"][j]),
            "threshold": float(th[j]),
            "average_precision": _clean(average_precision(y_true[:, j], y_prob[:, j])),
            "ece": _clean(expected_calibration_error(y_true[:, j], y_prob[:, j])),
        }
    aps = [v["average_precision"] for v in per_label.values() if v["average_precision"] is not None]
    out = {
        "n": int(len(y_true)),
        "macro_f1": float(c["f1"].mean()),
        "micro_f1": float(f1_from_counts(tp, fp, fn)),
        "subset_accuracy": float((y_true == y_pred).all(1).mean()) if len(y_true) else 0.0,
        "hamming_loss": float((y_true != y_pred).mean()) if len(y_true) else 0.0,
        "mean_average_precision": _clean(np.mean(aps) if aps else float("nan")),
        "mean_ece": _clean(float(np.mean([v["ece"] for v in per_label.values()])) if len(y_true) else float("nan")),
        "per_label": per_label,
    }
    if pair_ids is not None:
        out.update({k: _clean(v) for k, v in pair_scores(y_true, y_pred, pair_ids).items()})
    return out


def _clean(x):
    x = float(x)
    return None if np.isnan(x) else x
