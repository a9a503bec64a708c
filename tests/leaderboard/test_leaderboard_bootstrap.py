"""The vectorised bootstrap: known answers, agreement with a plain loop, Holm, and rank groups."""

from __future__ import annotations

import numpy as np
import pytest

from benchmark.leaderboard.bootstrap import (
    bootstrap_f1,
    holm,
    paired_p_values,
    percentile_ci,
    rank_groups,
    resample_counts,
)
from benchmark.metrics.core import compute_metrics


def _gold(n: int = 90, seed: int = 0) -> np.ndarray:
    y = np.random.default_rng(seed).random((n, 3)) < 0.4
    y[::3] = True  # a third of the paragraphs carry every label: no resample lacks positives
    return y.astype(np.int64)


def test_resample_counts_draw_n_paragraphs_per_resample_reproducibly():
    W = resample_counts(50, 200, seed=3)
    assert W.shape == (200, 50) and W.dtype == np.float32
    np.testing.assert_array_equal(W.sum(axis=1), np.full(200, 50))
    np.testing.assert_array_equal(W, resample_counts(50, 200, seed=3))
    assert not np.array_equal(W, resample_counts(50, 200, seed=4))
    assert 0.9 < W.mean() < 1.1 and W.max() > 1  # drawn with replacement


def test_perfect_predictions_have_interval_one_one():
    y = _gold()
    W = resample_counts(len(y), 500, seed=0)
    f1 = bootstrap_f1(W, y, y[None].astype(bool))
    lo, hi = percentile_ci(f1[:, 0].mean(axis=1))
    assert (lo, hi) == (1.0, 1.0)


def test_constant_negative_predictor_has_interval_zero_zero():
    y = _gold()
    W = resample_counts(len(y), 500, seed=0)
    f1 = bootstrap_f1(W, y, np.zeros((1, *y.shape), dtype=bool))
    assert np.all(f1 == 0)
    assert tuple(percentile_ci(f1[:, 0].mean(axis=1))) == (0.0, 0.0)


def test_constant_positive_predictor_matches_prevalence_formula():
    # predicting every label everywhere: F1 = 2 * positives / (positives + n) in each resample
    y = _gold()
    W = resample_counts(len(y), 300, seed=1)
    f1 = bootstrap_f1(W, y, np.ones((1, *y.shape), dtype=bool))
    positives = W.astype(np.float64) @ y
    np.testing.assert_allclose(f1[:, 0], 2 * positives / (positives + len(y)), rtol=1e-12)


def test_vectorised_bootstrap_equals_a_loop_over_compute_metrics():
    y = _gold(40)
    rng = np.random.default_rng(5)
    probs = rng.random((3, *y.shape))
    W = resample_counts(len(y), 60, seed=2)
    f1 = bootstrap_f1(W, y, probs >= 0.5, chunk=2)  # chunk=2 also exercises the chunk boundary
    for b in range(W.shape[0]):
        idx = np.repeat(np.arange(len(y)), W[b].astype(int))
        for r in range(3):
            ref = compute_metrics(y[idx], probs[r][idx], [0.5] * 3)
            assert f1[b, r].mean() == pytest.approx(ref["macro_f1"], abs=1e-12)
            assert f1[b, r, 1] == pytest.approx(ref["per_label"]["unsupported_speculation"]["f1"], abs=1e-12)


def test_paired_p_values():
    top = np.array([0.9, 0.8, 0.7, 0.6])
    assert paired_p_values(top, top[:, None])[0] == 1.0  # identical: every resample ties
    assert paired_p_values(top, top[:, None] - 0.1)[0] == pytest.approx(1 / 5)  # never ties or wins
    assert paired_p_values(top, np.array([[1.0], [0.0], [0.0], [0.0]]))[0] == pytest.approx(2 / 5)


def test_holm_matches_the_textbook_example():
    rejected, adjusted = holm(np.array([0.01, 0.04, 0.03, 0.005]), alpha=0.05)
    # sorted: 0.005 <= .05/4 reject, 0.01 <= .05/3 reject, 0.03 > .05/2 stop
    assert rejected.tolist() == [True, False, False, True]
    np.testing.assert_allclose(adjusted, [0.03, 0.06, 0.06, 0.02])


def test_identical_models_share_a_rank_and_a_clearly_better_one_ranks_alone():
    rng = np.random.default_rng(0)
    base = rng.normal(0.7, 0.02, 1000)
    samples = np.stack([base + 0.1, base, base, base - 0.1], axis=1)
    point = samples.mean(axis=0)
    ranks, comps = rank_groups(point, samples, alpha=0.05)
    assert ranks.tolist() == [1, 2, 2, 4]
    assert comps[1].separated and comps[1].top == 0
    assert not comps[2].separated and comps[2].top == 1 and comps[2].p_value == 1.0


def test_noisy_close_models_are_not_separated():
    rng = np.random.default_rng(0)
    a = rng.normal(0.70, 0.03, 1000)
    b = a + rng.normal(0.0, 0.03, 1000)  # no real difference
    samples = np.stack([a, b], axis=1)
    ranks, _ = rank_groups(samples.mean(axis=0), samples)
    assert ranks.tolist() == [1, 1]


def test_holm_correction_changes_the_groups():
    # top beats both challengers in all but 2% of resamples: p = 0.021 each. Alone each would be separated at 0.05,
    # but Holm compares the smaller with 0.05 / 2 = 0.025 (rejects) and then the larger with 0.05 (rejects);
    # with three such challengers the smallest must reach 0.05 / 3 = 0.0167 and none is separated.
    B = 999
    wins = np.ones(B, dtype=bool)
    wins[:20] = False
    top = np.full(B, 0.8)
    loser = np.where(wins, 0.7, 0.9)
    two = np.stack([top, loser, loser], axis=1)
    assert rank_groups(np.array([0.8, 0.7, 0.7]), two)[0].tolist() == [1, 2, 2]
    three = np.stack([top, loser, loser, loser], axis=1)
    assert rank_groups(np.array([0.8, 0.7, 0.7, 0.7]), three)[0].tolist() == [1, 1, 1, 1]


def test_a_noisy_weaker_model_can_share_the_top_rank_that_a_steady_stronger_one_misses():
    rng = np.random.default_rng(0)
    top = np.full(1000, 0.80)
    steady = np.full(1000, 0.78)  # always a little worse: separated
    noisy = 0.70 + rng.normal(0, 0.2, 1000)  # worse on average but often better: not separated
    samples = np.stack([top, steady, noisy], axis=1)
    ranks, comps = rank_groups(np.array([0.80, 0.78, 0.70]), samples)
    assert ranks.tolist() == [1, 3, 1]
    assert comps[1].separated and not comps[2].separated
