"""Prediction-only submissions: the documented format, its header checks, and the shipped example."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import benchmark
from benchmark.labels import LABELS
from benchmark.leaderboard.inputs import find_inputs, read_submission_header
from benchmark.metrics.core import compute_metrics
from benchmark.records import read_predictions

EXAMPLE = Path(benchmark.__file__).resolve().parents[1] / "docs" / "examples" / "submission.jsonl"


def test_shipped_example_follows_the_format():
    header = read_submission_header(EXAMPLE)
    assert header["dataset"] == {"name": "dqb", "version": "1.0"} and header["split"] == "test"
    assert set(header["model"]) == {"name", "description", "url", "parameters"}
    ids, probs = read_predictions(EXAMPLE)
    assert len(ids) >= 3 and all(len(p) == len(LABELS) for p in probs)


@pytest.mark.parametrize("binary", [False, True])
def test_submission_is_scored_at_threshold_one_half(ws, binary):
    path = ws.add_submission("outsider", flip=0.2, binary=binary)
    row = ws.board(ws.build([path])).rows[0]
    lines = path.read_text().splitlines()[1:]
    probs = np.array([[json.loads(x)[lab] for lab in LABELS] for x in lines], dtype=float)
    _, y = ws.gold("test")
    assert row["test"]["macro_f1"]["mean"] == pytest.approx(compute_metrics(y, probs, [0.5] * 3)["macro_f1"])
    assert row["kind"] == "submission" and row["parameters"] == 42 and row["url"] == "https://example.org/model"
    assert row["validation"]["macro_f1"]["n"] == 0 and row["efficiency"]["train_seconds"]["mean"] is None


@pytest.mark.parametrize(("header", "words"), [
    ({"split": "validation"}, "'split' must be \"test\""),
    ({"dqb_submission": "2.0"}, "format '2.0' is not supported"),
    ({"model": {"description": "no name"}}, "model.name"),
    ({"dataset": {"name": "other", "version": "1.0"}}, "dataset name 'other'"),
    ({"dataset": {"name": "dqb", "version": "1.0", "content_hash": "abc"}}, "content_hash abc"),
])
def test_bad_headers_are_refused(ws, header, words):
    good = ws.add_submission("fine")
    bad = ws.add_submission("bad", header=header)
    lb = ws.build([good, bad])
    assert [r["model"] for r in ws.board(lb).rows] == ["fine"]
    assert len(lb.refusals) == 1 and lb.refusals[0].path.endswith("bad.jsonl")
    assert words in lb.refusals[0].reason


def test_submission_with_missing_ids_is_refused(ws):
    path = ws.add_submission("short")
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-2]) + "\n")
    lb = ws.build([path])
    assert "2 gold id(s) missing" in lb.refusals[0].reason and "'test-0059'" in lb.refusals[0].reason


def test_folders_are_searched_for_submissions_but_not_run_prediction_files(ws):
    run = ws.add_run("m")
    sub = ws.add_submission("outsider", path=ws.runs_dir / "subs" / "outsider.jsonl")
    (ws.runs_dir / "notes.jsonl").write_text('{"id": "x"}\n')  # neither: ignored inside a folder
    run_dirs, submissions, refusals = find_inputs([ws.runs_dir])
    assert run_dirs == [run] and submissions == [sub] and refusals == []
    _, _, refusals = find_inputs([ws.runs_dir / "notes.jsonl"])  # named explicitly: refused with a reason
    assert "neither a run record" in refusals[0].reason
