import pytest

from benchmark.labels import LABELS, from_multi_hot, to_multi_hot


def test_multi_hot_round_trip_keeps_canonical_order():
    vec = to_multi_hot(["attributed_quote", "rhetorical_question"])
    assert vec == [1.0, 0.0, 1.0]
    assert from_multi_hot(vec) == ["rhetorical_question", "attributed_quote"]


def test_unknown_label_is_refused():
    with pytest.raises(ValueError, match="unknown label"):
        to_multi_hot(["rhetoric"])


def test_three_labels():
    assert len(LABELS) == 3 and len(set(LABELS)) == 3
