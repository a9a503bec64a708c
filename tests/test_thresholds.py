import numpy as np

from benchmark.thresholds import tune_thresholds


def test_tuning_finds_the_separating_threshold():
    y = np.array([[0], [0], [1], [1]])
    p = np.array([[0.1], [0.3], [0.35], [0.9]])
    (t,) = tune_thresholds(y, p)
    assert 0.3 < t <= 0.35  # any threshold in (0.3, 0.35] gives F1 = 1; the grid picks the one nearest 0.5


def test_ties_prefer_half():
    y = np.array([[1], [1]])
    p = np.array([[0.99], [0.99]])
    assert tune_thresholds(y, p) == [0.5]
