import numpy as np
import pytest
from sklearn.metrics import average_precision_score, f1_score, hamming_loss, precision_recall_fscore_support

from benchmark.metrics.core import compute_metrics, expected_calibration_error, pair_scores

Y = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 0]])
P = np.array([[0.9, 0.2, 0.6], [0.4, 0.7, 0.3], [0.6, 0.1, 0.2], [0.1, 0.8, 0.5]])


def test_hand_computed_case():
    m = compute_metrics(Y, P)
    # predictions at 0.5: [[1,0,1],[0,1,0],[1,0,0],[0,1,1]]
    # RQ: tp 2 fp 0 fn 0 -> F1 1;  SPEC: tp 1 fp 1 fn 1 -> F1 0.5;  QUOTE: tp 1 fp 1 fn 1 -> F1 0.5
    assert m["per_label"]["rhetorical_question"]["f1"] == 1.0
    assert m["per_label"]["unsupported_speculation"]["precision"] == 0.5
    assert m["per_label"]["attributed_quote"]["recall"] == 0.5
    assert m["macro_f1"] == pytest.approx(2 / 3)
    assert m["micro_f1"] == pytest.approx(2 * 4 / (2 * 4 + 2 + 2))
    assert m["subset_accuracy"] == pytest.approx(0.25)  # only row 0 is entirely right
    assert m["hamming_loss"] == pytest.approx(4 / 12)
    assert m["per_label"]["rhetorical_question"]["support"] == 2


def test_thresholds_change_decisions():
    m = compute_metrics(Y, P, thresholds=[0.5, 0.75, 0.25])
    # SPEC at 0.75: pred [0,0,0,1] -> tp 0 -> F1 0; QUOTE at 0.25: pred [1,1,0,1] -> tp 2 fp 1 fn 0 -> 0.8
    assert m["per_label"]["unsupported_speculation"]["f1"] == 0.0
    assert m["per_label"]["attributed_quote"]["f1"] == pytest.approx(0.8)
    assert m["per_label"]["attributed_quote"]["threshold"] == 0.25


def test_zero_division_gives_zero():
    y = np.zeros((3, 3), dtype=int)
    m = compute_metrics(y, np.zeros((3, 3)))
    assert m["macro_f1"] == 0.0 and m["per_label"]["rhetorical_question"]["precision"] == 0.0
    assert m["per_label"]["rhetorical_question"]["average_precision"] is None  # no gold positive


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agrees_with_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, (300, 3))
    p = np.clip(y * 0.3 + rng.random((300, 3)) * 0.7, 0, 1).round(2)  # ties on purpose
    pred = (p >= 0.5).astype(int)
    m = compute_metrics(y, p)
    assert m["macro_f1"] == pytest.approx(f1_score(y, pred, average="macro", zero_division=0))
    assert m["micro_f1"] == pytest.approx(f1_score(y, pred, average="micro", zero_division=0))
    assert m["hamming_loss"] == pytest.approx(hamming_loss(y, pred))
    pr, rc, f1, sup = precision_recall_fscore_support(y, pred, zero_division=0)
    for j, name in enumerate(m["per_label"]):
        assert m["per_label"][name]["precision"] == pytest.approx(pr[j])
        assert m["per_label"][name]["recall"] == pytest.approx(rc[j])
        assert m["per_label"][name]["average_precision"] == pytest.approx(average_precision_score(y[:, j], p[:, j]))


def test_ece_hand_computed():
    # bin [0.1, 0.2): probs 0.1, 0.1 with gold 0, 1 -> |0.5 - 0.1| * 2/4; bin [0.9, 1]: 0.9, 0.9 gold 1, 1 -> 0.1 * 2/4
    assert expected_calibration_error(np.array([0, 1, 1, 1]), np.array([0.1, 0.1, 0.9, 0.9])) == pytest.approx(0.25)
    assert expected_calibration_error(np.array([1, 0]), np.array([1.0, 0.0])) == pytest.approx(0.0)


def test_pair_consistency():
    y = np.array([[1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 1, 1]])
    pred = np.array([[1, 0, 0], [0, 0, 0], [0, 1, 1], [0, 1, 1]])  # pair B: first member wrong on QUOTE (flipped)
    s = pair_scores(y, pred, ["A", "A", "B", "B"])
    assert s == {"pairs": 2, "pair_consistency": 0.5, "pair_flip_accuracy": 0.5}


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        compute_metrics(Y, P + 1)
    with pytest.raises(ValueError, match="must both be"):
        compute_metrics(Y, P[:, :2])
    with pytest.raises(ValueError, match="one threshold per label"):
        compute_metrics(Y, P, thresholds=[0.5])
