import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from benchmark.data.agreement import cohen_kappa, krippendorff_alpha


def test_kappa_matches_scikit_learn():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 2, 200)
    b = np.where(rng.random(200) < 0.75, a, 1 - a)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_kappa_hand_computed():
    # 10 items: both say 1 on 4, both 0 on 4, disagree on 2 -> po 0.8, pe 0.5*0.5*2 = 0.5 -> kappa 0.6
    a = [1, 1, 1, 1, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1]
    assert cohen_kappa(a, b) == pytest.approx(0.6)


def test_alpha_hand_computed_and_missing_values():
    # values 0 x3, 1 x5; coincidences o01 = o10 = 1 -> alpha = 1 - (n-1) * 2 / (2 * 3 * 5) = 1 - 14/30
    assert krippendorff_alpha([[0, 0], [1, 1], [0, 1], [1, 1]]) == pytest.approx(1 - 14 / 30)
    # a unit with one value is not pairable and must not change the result
    assert krippendorff_alpha([[0, 0], [1, 1], [0, 1], [1, 1], [1, None]]) == pytest.approx(1 - 14 / 30)


def test_alpha_equals_kappa_like_for_perfect_agreement():
    assert krippendorff_alpha([[1, 1, 1], [0, 0, 0], [1, 1, 1]]) == 1.0
