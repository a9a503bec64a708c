"""Inter-annotator agreement: Cohen's kappa (two annotators) and Krippendorff's alpha (any number, nominal)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def cohen_kappa(a: Sequence[int], b: Sequence[int]) -> float:
    """Cohen's kappa of two annotators' binary (or categorical) decisions on the same items."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.ndim != 1 or len(a) == 0:
        raise ValueError("need two equally long, non-empty sequences")
    cats = np.union1d(a, b)
    po = float((a == b).mean())
    pe = float(sum((a == c).mean() * (b == c).mean() for c in cats))
    if pe == 1.0:
        return 1.0  # both annotators used one category throughout: perfect, if uninformative, agreement
    return (po - pe) / (1.0 - pe)


def krippendorff_alpha(units: Sequence[Sequence[int | None]]) -> float:
    """Krippendorff's alpha for nominal data.

    ``units[u]`` holds the values given to item ``u`` by each annotator (``None`` where one did not label it);
    items with fewer than two values are not pairable and are skipped, as the coefficient prescribes.
    """
    values = sorted({v for unit in units for v in unit if v is not None})
    index = {v: i for i, v in enumerate(values)}
    k = len(values)
    if k == 0:
        raise ValueError("no values")
    coincidence = np.zeros((k, k))
    for unit in units:
        vals = [index[v] for v in unit if v is not None]
        m = len(vals)
        if m < 2:
            continue
        counts = np.bincount(vals, minlength=k).astype(float)
        coincidence += (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    n_c = coincidence.sum(1)
    n = n_c.sum()
    if n == 0:
        raise ValueError("no item has two or more values")
    d_o = n - np.trace(coincidence)
    d_e = (n * n - (n_c**2).sum()) / (n - 1)
    if d_e == 0:
        return 1.0
    return float(1.0 - d_o / d_e)
