"""Run records and prediction files: the contract between training and the leaderboard.

A run folder holds::

    record.json                 the run record (schema below, version RECORD_SCHEMA_VERSION)
    config.yaml                 the resolved Hydra config
    metrics.json                {split: metrics} as computed at training time (the leaderboard recomputes them)
    predictions/<split>.jsonl   one line per paragraph: {"id", "probs": {label: p}, "pred": [label, ...]}
    model/                      the saved model (``load`` of its family reads it)

Every file is written atomically. This module needs neither torch nor transformers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.io import InputError, iter_jsonl, read_json, write_json, write_jsonl
from benchmark.labels import LABELS

RECORD_SCHEMA_VERSION = "1.0"
RECORD_FILE = "record.json"
PREDICTIONS_DIR = "predictions"
RECORD_REQUIRED = ("schema_version", "run_id", "model", "seed", "thresholds", "dataset", "metrics_module", "splits")


@dataclass
class Predictions:
    """Predicted probabilities of one split, rows aligned with ``ids``."""

    ids: list[str]
    probs: list[list[float]]  # (n, len(LABELS))
    thresholds: list[float] = field(default_factory=lambda: [0.5] * len(LABELS))

    def rows(self):
        for pid, p in zip(self.ids, self.probs):
            yield {
                "id": pid,
                "probs": {lab: float(v) for lab, v in zip(LABELS, p)},
                "pred": [lab for lab, v, t in zip(LABELS, p, self.thresholds) if v >= t],
            }


def write_predictions(path: str | Path, preds: Predictions) -> None:
    write_jsonl(path, preds.rows())


def read_predictions(path: str | Path) -> tuple[list[str], list[list[float]]]:
    """Read a predictions file strictly: every line needs an id and a probability in [0, 1] for every label.

    Accepts ``{"id", "probs": {label: p}}`` (run records) and ``{"id", label: p, ...}`` (flat submissions); 0/1
    values count as probabilities. Raises :class:`InputError` naming the file, line and field.
    """
    ids: list[str] = []
    probs: list[list[float]] = []
    for line, row in iter_jsonl(path):
        if line == 1 and "dqb_submission" in row:
            continue  # a submission's header line (see benchmark.leaderboard.inputs)
        pid = row.get("id")
        if not isinstance(pid, str) or not pid:
            raise InputError(path, "missing or empty 'id'", line, "id")
        source = row.get("probs", row)
        if not isinstance(source, dict):
            raise InputError(path, "'probs' must be an object of label: probability", line, "probs")
        extra = [k for k in source if k not in LABELS and k not in ("id", "pred", "probs")]
        if extra:
            raise InputError(path, f"unknown label(s) {extra}; labels are {list(LABELS)}", line, extra[0])
        vec = []
        for lab in LABELS:
            v = source.get(lab)
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise InputError(path, f"missing or non-numeric probability for {lab}", line, lab)
            if math.isnan(v) or not 0.0 <= v <= 1.0:
                raise InputError(path, f"probability {v} for {lab} is not in [0, 1]", line, lab)
            vec.append(float(v))
        ids.append(pid)
        probs.append(vec)
    return ids, probs


def write_record(run_dir: str | Path, record: dict[str, Any]) -> Path:
    missing = [k for k in RECORD_REQUIRED if k not in record]
    if missing:
        raise ValueError(f"run record lacks {missing}")
    path = Path(run_dir) / RECORD_FILE
    write_json(path, record)
    return path


def read_record(run_dir: str | Path) -> dict[str, Any]:
    """Read and check a run record; raise :class:`InputError` naming the file and the problem."""
    path = Path(run_dir) / RECORD_FILE
    rec = read_json(path)
    if not isinstance(rec, dict):
        raise InputError(path, "a run record must be a JSON object")
    for key in RECORD_REQUIRED:
        if key not in rec:
            raise InputError(path, "missing required field", field=key)
    major = str(rec["schema_version"]).split(".")[0]
    if major != RECORD_SCHEMA_VERSION.split(".")[0]:
        raise InputError(
            path,
            f"schema version {rec['schema_version']} is not supported (this code reads {RECORD_SCHEMA_VERSION})",
            field="schema_version",
        )
    return rec


def is_run_dir(path: str | Path) -> bool:
    return (Path(path) / RECORD_FILE).is_file()
