"""Vectorised bootstrap over test paragraphs: confidence intervals, paired tests and rank groups.

One resample matrix ``W`` of shape ``(B, n)`` (how often each paragraph is drawn in each resample) is drawn per
board and shared by every model, so all comparisons are paired. A run's resampled per-label counts are ``W @ M``
with ``M`` holding its per-paragraph tp, fp, fn indicators; F1 then comes from the counts through
:func:`benchmark.metrics.core.f1_from_counts`, the function that defines F1 for the whole benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchmark.metrics.core import f1_from_counts

RUN_CHUNK = 256  # runs per matrix product: bounds memory at about B * RUN_CHUNK * 9 floats


def resample_counts(n: int, resamples: int, seed: int) -> np.ndarray:
    """``(resamples, n)`` float32: how often each of ``n`` paragraphs is drawn in each resample (with replacement)."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    idx += np.arange(resamples)[:, None] * n  # one bincount for all resamples: row b counts into [b*n, (b+1)*n)
    return np.bincount(idx.ravel(), minlength=resamples * n).reshape(resamples, n).astype(np.float32)


def outcome_indicators(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """Per-paragraph tp, fp, fn indicators: ``(n, R, L, 3)`` float32 for ``y_pred`` of shape ``(R, n, L)``."""
    t = np.asarray(y_true, dtype=bool)[None]  # (1, n, L)
    p = np.asarray(y_pred, dtype=bool)
    m = np.stack([t & p, ~t & p, t & ~p], axis=-1)  # (R, n, L, 3)
    return np.ascontiguousarray(m.transpose(1, 0, 2, 3), dtype=np.float32)


def bootstrap_f1(W: np.ndarray, y_true: np.ndarray, y_pred: np.ndarray, chunk: int = RUN_CHUNK) -> np.ndarray:
    """Per-label F1 of every run in every resample: ``(B, R, L)`` float64.

    ``W`` is :func:`resample_counts`, ``y_true`` the ``(n, L)`` gold labels, ``y_pred`` the ``(R, n, L)`` decisions.
    """
    n_runs, n, n_labels = y_pred.shape
    out = np.empty((W.shape[0], n_runs, n_labels), dtype=np.float64)
    for start in range(0, n_runs, chunk):
        stop = min(start + chunk, n_runs)
        m = outcome_indicators(y_true, y_pred[start:stop]).reshape(n, -1)  # (n, r*L*3)
        # float32 products are exact here: counts are integers far below 2**24
        counts = (W @ m).reshape(W.shape[0], stop - start, n_labels, 3)
        out[:, start:stop] = f1_from_counts(counts[..., 0], counts[..., 1], counts[..., 2])
    return out


def percentile_ci(samples: np.ndarray, level: float = 0.95) -> np.ndarray:
    """Percentile bootstrap interval along axis 0: ``[low, high]`` stacked on a new first axis."""
    tail = (1.0 - level) / 2 * 100
    return np.percentile(np.asarray(samples, dtype=np.float64), [tail, 100 - tail], axis=0)


def paired_p_values(top: np.ndarray, others: np.ndarray) -> np.ndarray:
    """One-sided paired bootstrap p-values for "``top`` scores higher than each column of ``others``".

    ``top`` is ``(B,)``, ``others`` ``(B, m)``: the same resamples for both. p = (1 + #{b: top_b - other_b <= 0}) /
    (B + 1), the share of resamples in which the challenger ties or wins, counted so that p is never 0.
    """
    diff = np.asarray(top, dtype=np.float64)[:, None] - np.asarray(others, dtype=np.float64)
    return (1.0 + (diff <= 0).sum(axis=0)) / (diff.shape[0] + 1.0)


def holm(p_values: np.ndarray, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Holm–Bonferroni step-down: which hypotheses are rejected at family-wise ``alpha``, and adjusted p-values."""
    p = np.asarray(p_values, dtype=np.float64)
    m = len(p)
    order = np.argsort(p, kind="mergesort")
    adjusted_sorted = np.minimum(1.0, np.maximum.accumulate(p[order] * (m - np.arange(m))))
    adjusted = np.empty(m)
    adjusted[order] = adjusted_sorted
    return adjusted <= alpha, adjusted


@dataclass
class Comparison:
    """A model compared with the top model of the group it was tested for."""

    top: int  # index of the group's top model
    p_value: float
    p_holm: float
    separated: bool  # True: significantly worse than ``top``, so it went on to a later group


def rank_groups(point: np.ndarray, samples: np.ndarray, alpha: float = 0.05,
                order: np.ndarray | None = None) -> tuple[np.ndarray, dict[int, Comparison]]:
    """Rank models into groups that the paired bootstrap cannot separate from their top model.

    ``point`` are the ``(R,)`` headline scores, ``samples`` the ``(B, R)`` resampled scores on shared resamples.
    Take the best unranked model; test it against every other unranked model (one-sided paired bootstrap, Holm
    across those comparisons); the ones not rejected share its rank; repeat with the rest. Ranks are competition
    ranks (1, 1, 3): a group's rank is one more than the number of models in earlier groups. ``order`` breaks
    ties in ``point`` (default: by index). Returns the ranks and, for every model that was ever compared, its
    comparison with the top of the group where it was last tested.
    """
    if order is None:
        order = np.lexsort((np.arange(len(point)), -np.asarray(point)))
    remaining = [int(i) for i in order]
    ranks = np.zeros(len(point), dtype=np.int64)
    comparisons: dict[int, Comparison] = {}
    placed = 0
    while remaining:
        top, others = remaining[0], remaining[1:]
        group = [top]
        rest = []
        if others:
            p = paired_p_values(samples[:, top], samples[:, others])
            rejected, adjusted = holm(p, alpha)
            for j, i in enumerate(others):
                comparisons[i] = Comparison(top=top, p_value=float(p[j]), p_holm=float(adjusted[j]),
                                            separated=bool(rejected[j]))
                (rest if rejected[j] else group).append(i)
        ranks[group] = placed + 1
        placed += len(group)
        remaining = rest
    return ranks, comparisons
