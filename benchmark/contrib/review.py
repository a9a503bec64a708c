"""Rank contributed paragraphs by how confidently a trained model disagrees with their labels.

Maintainers read the top of the list first: those are the likeliest label errors. The ranking uses cleanlab's
multi-label label-quality scores (self-confidence per label, pooled); the model is loaded from a run folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmark.contrib.formats import read_file
from benchmark.io import InputError
from benchmark.labels import LABELS, SHORT_NAMES, to_multi_hot
from benchmark.records import is_run_dir, read_record


@dataclass
class ReviewItem:
    id: str
    quality: float  # cleanlab label-quality score: low means the given labels look wrong
    given: list[str]
    suspicious: list[str]  # labels where the model confidently disagrees
    probs: dict[str, float]
    excerpt: str


def label_quality(labels: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Per-paragraph label quality in [0, 1] from cleanlab (multi-label)."""
    from cleanlab.multilabel_classification.rank import get_label_quality_scores

    given = [list(np.flatnonzero(row)) for row in labels]
    return np.asarray(get_label_quality_scores(given, probs))


def review(
    paths: list[str | Path], run_dir: str | Path, top: int | None = None, margin: float = 0.3
) -> list[ReviewItem]:
    from benchmark.models import load_model

    run_dir = Path(run_dir)
    if not is_run_dir(run_dir) or not (run_dir / "model").is_dir():
        raise InputError(run_dir, "not a run folder with a saved model (expected record.json and model/)")
    record = read_record(run_dir)
    thresholds = np.array([record["thresholds"][lab] for lab in LABELS])
    recs: list[dict[str, Any]] = []
    for path in paths:
        for row in read_file(path):
            rec = row.record
            if rec and isinstance(rec.get("text"), str) and isinstance(rec.get("labels"), list):
                recs.append({**rec, "labels": [x for x in rec["labels"] if x in LABELS]})
    if not recs:
        raise InputError(paths[0] if paths else "-", "no readable labelled records to review")
    model = load_model(run_dir / "model")
    probs = model.predict_proba([r["text"] for r in recs])
    y = np.asarray([to_multi_hot(r["labels"]) for r in recs], dtype=int)
    quality = label_quality(y, probs)
    items = []
    for r, q, p, g in zip(recs, quality, probs, y):
        # "confidently disagrees": the probability is on the other side of the threshold by at least `margin`
        sus = [
            lab
            for lab, pj, gj, t in zip(LABELS, p, g, thresholds)
            if (gj == 1 and pj < t - margin * t) or (gj == 0 and pj > t + margin * (1 - t))
        ]
        items.append(
            ReviewItem(
                str(r.get("id")),
                float(q),
                list(r["labels"]),
                sus,
                {lab: round(float(v), 3) for lab, v in zip(LABELS, p)},
                r["text"][:100],
            )
        )
    items.sort(key=lambda it: it.quality)
    return items[:top] if top else items


def format_review(items: list[ReviewItem]) -> str:
    lines = [f"{'rank':>4}  {'quality':>7}  {'id':<16} given -> model doubts   excerpt"]
    for k, it in enumerate(items, 1):
        given = "+".join(SHORT_NAMES[x] for x in it.given) or "none"
        doubts = "+".join(SHORT_NAMES[x] for x in it.suspicious) or "-"
        lines.append(f"{k:>4}  {it.quality:>7.3f}  {it.id:<16} {given} -> {doubts}   {it.excerpt}")
    return "\n".join(lines)
