"""The label set of DQB, defined once for the whole package."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("rhetorical_question", "unsupported_speculation", "attributed_quote")
"""Label names in their canonical order: column ``j`` of every probability matrix is ``LABELS[j]``."""

NUM_LABELS = len(LABELS)
LABEL2ID: dict[str, int] = {name: i for i, name in enumerate(LABELS)}
ID2LABEL: dict[int, str] = dict(enumerate(LABELS))

SHORT_NAMES: dict[str, str] = {
    "rhetorical_question": "RQ",
    "unsupported_speculation": "SPEC",
    "attributed_quote": "QUOTE",
}


def to_multi_hot(names: list[str] | tuple[str, ...]) -> list[float]:
    """Turn a list of label names into a float multi-hot vector in ``LABELS`` order."""
    unknown = [n for n in names if n not in LABEL2ID]
    if unknown:
        raise ValueError(f"unknown label(s) {unknown}; known labels are {list(LABELS)}")
    return [1.0 if name in names else 0.0 for name in LABELS]


def from_multi_hot(vector) -> list[str]:
    """Turn a 0/1 vector in ``LABELS`` order back into label names."""
    return [name for name, v in zip(LABELS, vector) if v >= 0.5]
