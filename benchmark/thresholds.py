"""Per-label decision thresholds, tuned on validation to maximise each label's F1."""

from __future__ import annotations

import numpy as np

from benchmark.metrics.core import f1_from_counts


def tune_thresholds(y_true, y_prob, grid: np.ndarray | None = None) -> list[float]:
    """For each label, the grid threshold with the best validation F1 (ties go to the one nearest 0.5)."""
    y_true = np.asarray(y_true, dtype=np.int64)
    y_prob = np.asarray(y_prob, dtype=np.float64)
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2) if grid is None else np.asarray(grid)
    out = []
    for j in range(y_true.shape[1]):
        pred = y_prob[:, j][None, :] >= grid[:, None]  # (thresholds, n)
        gold = y_true[:, j][None, :].astype(bool)
        tp = (pred & gold).sum(1)
        fp = (pred & ~gold).sum(1)
        fn = (~pred & gold).sum(1)
        f1 = f1_from_counts(tp, fp, fn)
        best = np.flatnonzero(np.isclose(f1, f1.max()))
        out.append(float(grid[best[np.argmin(np.abs(grid[best] - 0.5))]]))
    return out
