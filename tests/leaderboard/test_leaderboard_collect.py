"""Collection: every refusal names the file and the problem, and the rest of the board still builds."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmark.io import InputError
from benchmark.labels import LABELS
from benchmark.leaderboard import Refused, check_run
from benchmark.leaderboard.predictions import read_prediction_matrix
from benchmark.metrics.core import compute_metrics
from benchmark.records import read_predictions


def _refusal(lb, fragment: str):
    found = [r for r in lb.refusals if fragment in r.path]
    assert len(found) == 1, lb.refusals
    return found[0]


def _still_ranks_good_run(ws, lb):
    board = ws.board(lb)
    assert [r["model"] for r in board.rows] == ["good"]


def test_scores_are_recomputed_not_taken_from_the_record(ws):
    ws.add_run("good", flip=0.2)  # the record claims macro_f1 0.999
    run = ws.build().boards[0].rows[0]
    ids, y = ws.gold("test")
    pred_ids = [json.loads(line)["id"] for line in (next(ws.runs_dir.iterdir()) / "predictions/test.jsonl")
                .read_text().splitlines()]
    assert pred_ids == ids
    probs = np.array([[json.loads(line)["probs"][lab] for lab in LABELS] for line in
                      (next(ws.runs_dir.iterdir()) / "predictions/test.jsonl").read_text().splitlines()])
    expected = compute_metrics(y, probs, [0.5] * 3)["macro_f1"]
    assert run["test"]["macro_f1"]["mean"] == pytest.approx(expected)
    assert run["test"]["macro_f1"]["mean"] < 0.99


def test_dataset_hash_mismatch_is_refused(ws):
    ws.add_run("good")
    ws.add_run("other_data", record={"dataset": {"name": "dqb", "version": "1.0", "content_hash": "0" * 64,
                                                 "guidelines_version": "1.0"}})
    lb = ws.build()
    r = _refusal(lb, "other_data")
    assert r.path.endswith("record.json")
    assert "content_hash" in r.reason and "does not match" in r.reason
    _still_ranks_good_run(ws, lb)


def test_modified_dataset_is_refused_by_hash_verification(ws):
    ws.add_run("good")
    test_file = ws.data_dir / "v1.0" / "test.jsonl"
    test_file.write_text(test_file.read_text().replace('"labels": []', '"labels": ["attributed_quote"]', 1))
    lb = ws.build()
    assert not lb.boards
    r = _refusal(lb, "good")
    assert "sha256" in r.reason and "test.jsonl" in r.reason


def test_unknown_dataset_version_is_refused(ws):
    ws.add_run("good")
    ws.add_run("future", record={"dataset": {"name": "dqb", "version": "9.9", "content_hash": "x"}})
    lb = ws.build()
    assert "9.9" in _refusal(lb, "future").reason
    _still_ranks_good_run(ws, lb)


@pytest.mark.parametrize(("change", "words"), [
    ("missing", ["1 gold id(s) missing", "'test-0003'"]),
    ("extra", ["1 id(s) not in the test split", "'not-a-paragraph'"]),
    ("duplicated", ["1 id(s) duplicated", "'test-0005'"]),
])
def test_prediction_ids_must_equal_gold_ids(ws, change, words):
    ids, p = ws.probs("test")
    ids, p = list(ids), p.copy()
    if change == "missing":
        del ids[3]
        p = np.delete(p, 3, axis=0)
    elif change == "extra":
        ids.append("not-a-paragraph")
        p = np.vstack([p, p[:1]])
    else:
        ids[6] = ids[5]
    ws.add_run("good")
    ws.add_run("bad_ids", probs={"test": (ids, p)}, record={"splits": {"test": {
        "predictions": "predictions/test.jsonl", "n": None}}})
    lb = ws.build()
    r = _refusal(lb, "bad_ids")
    assert "predictions/test.jsonl" in r.reason and "differ from the gold test ids" in r.reason
    for w in words:
        assert w in r.reason
    _still_ranks_good_run(ws, lb)


def test_shuffled_predictions_are_aligned_not_refused(ws):
    ids, p = ws.probs("test", flip=0.1)
    perm = np.random.default_rng(1).permutation(len(ids))
    ws.add_run("ordered", probs={"test": (ids, p)}, splits=("test",))
    ws.add_run("shuffled", probs={"test": ([ids[i] for i in perm], p[perm])}, splits=("test",))
    board = ws.board(ws.build())
    a, b = ws.row(board, "ordered"), ws.row(board, "shuffled")
    assert a["test"]["macro_f1"]["mean"] == b["test"]["macro_f1"]["mean"]
    assert a["test"]["macro_f1"]["ci"] == b["test"]["macro_f1"]["ci"]


def _line(pid: str, **probs) -> str:
    values = dict.fromkeys(LABELS, 0.5) | probs
    return json.dumps({"id": pid, "probs": values}, allow_nan=True)


@pytest.mark.parametrize(("bad", "words"), [
    ({"rhetorical_question": float("nan")}, ["rhetorical_question", "not in [0, 1]", ":2"]),
    ({"unsupported_speculation": 1.5}, ["unsupported_speculation", "1.5", "not in [0, 1]"]),
    ({"attributed_quote": -0.1}, ["attributed_quote", "not in [0, 1]"]),
    ({"sarcasm": 0.3}, ["unknown label", "sarcasm"]),
])
def test_bad_probabilities_and_unknown_labels_are_refused(ws, bad, words):
    ids, _ = ws.gold("test")
    lines = [_line(pid) for pid in ids]
    lines[1] = _line(ids[1], **bad)
    ws.add_run("good")
    ws.add_run("bad_probs", splits=("test",), lines={"test": "\n".join(lines) + "\n"})
    lb = ws.build()
    r = _refusal(lb, "bad_probs")
    assert r.reason.startswith("predictions/test.jsonl:2")
    for w in words:
        assert w in r.reason
    _still_ranks_good_run(ws, lb)


def test_unknown_label_in_thresholds_is_refused(ws):
    ws.add_run("good")
    ws.add_run("bad_thresholds", record={"thresholds": dict.fromkeys((*LABELS, "irony"), 0.5)})
    lb = ws.build()
    assert "unknown label" in _refusal(lb, "bad_thresholds").reason and "irony" in _refusal(lb, "bad_thresholds").reason
    _still_ranks_good_run(ws, lb)


@pytest.mark.parametrize(("record", "words"), [
    ({"seed": "zero"}, ["'seed' must be an integer"]),
    ({"model": {"name": "x"}}, ["model.config"]),
    ({"thresholds": dict.fromkeys(LABELS, 2.0)}, ["threshold", "[0, 1]"]),
    ({"splits": {"validation": {"predictions": "predictions/validation.jsonl"}}}, ["no test predictions"]),
    ({"splits": {"test": {"predictions": "../../data/v1.0/test.jsonl"}}}, ["inside the run folder"]),
    ({"schema_version": "2.0"}, ["schema version 2.0"]),
    ({"splits": {"test": {"predictions": "predictions/test.jsonl", "n": 59}}}, ["splits.test.n is 59", "60"]),
])
def test_malformed_records_are_refused(ws, record, words):
    ws.add_run("good")
    ws.add_run("malformed", record=record)
    lb = ws.build()
    r = _refusal(lb, "malformed")
    for w in words:
        assert w in r.reason
    _still_ranks_good_run(ws, lb)


def test_record_missing_a_field_or_not_json_is_refused(ws):
    ws.add_run("good")
    missing = ws.add_run("missing_field")
    rec = json.loads((missing / "record.json").read_text())
    del rec["thresholds"]
    (missing / "record.json").write_text(json.dumps(rec))
    broken = ws.add_run("not_json")
    (broken / "record.json").write_text("{ this is not json")
    lb = ws.build()
    assert "thresholds" in _refusal(lb, "missing_field").reason
    assert "invalid JSON" in _refusal(lb, "not_json").reason
    _still_ranks_good_run(ws, lb)


def test_duplicate_runs_and_seeds_count_once(ws):
    ws.add_run("good", seed=0)
    ws.add_run("good", seed=0)  # same configuration and seed, other folder
    lb = ws.build()
    assert ws.board(lb).rows[0]["n_seeds"] == 1
    assert any("already has a run with seed 0" in r.reason for r in lb.refusals)


def test_an_exact_copy_of_a_run_is_skipped_quietly_and_a_clash_is_refused(ws):
    import shutil

    run = ws.add_run("good", seed=0, flip=0.1)
    shutil.copytree(run, ws.root / "results" / run.name)  # published copy, as the suite does
    clash = ws.add_run("good", seed=1, flip=0.3, folder=ws.root / "results" / "other")
    rec = json.loads((clash / "record.json").read_text())
    rec["run_id"] = run.name  # same id, other predictions
    (clash / "record.json").write_text(json.dumps(rec))
    lb = ws.build([ws.runs_dir, ws.root / "results"])
    assert ws.board(lb).rows[0]["n_seeds"] == 1
    assert lb.copies == [f"{ws.root / 'results' / run.name / 'record.json'}"]
    assert len(lb.refusals) == 1 and "already used by" in lb.refusals[0].reason


def test_refusals_are_listed_in_every_text_output(ws, tmp_path):
    ws.add_run("good")
    ws.add_run("bad_thresholds", record={"thresholds": dict.fromkeys((*LABELS, "irony"), 0.5)})
    out = tmp_path / "board"
    ws.build(out_dir=out)
    data = json.loads((out / "leaderboard.json").read_text())
    assert len(data["refusals"]) == 1 and "irony" in data["refusals"][0]["reason"]
    assert "bad_thresholds" in (out / "index.html").read_text()
    assert "irony" in (out / "leaderboard.md").read_text()


def test_check_run_scores_one_run_or_says_why_not(ws):
    good = ws.add_run("good", flip=0.1)
    scores = check_run(good, ws.data_dir)
    assert set(scores) == {"test", "validation", "contrast"}
    bad = ws.add_run("bad", record={"thresholds": {}})
    with pytest.raises(Refused, match="thresholds lack"):
        check_run(bad, ws.data_dir)


# --- the fast prediction reader agrees with the strict one ---------------------------------------------------

def test_fast_reader_matches_strict_reader_on_valid_files(tmp_path):
    rng = np.random.default_rng(0)
    p = rng.random((50, 3))
    p[0] = [0, 1, 1]  # integers are probabilities too
    run_style = tmp_path / "run.jsonl"
    run_style.write_text("".join(json.dumps({"id": f"x{i}", "probs": dict(zip(LABELS, map(float, row), strict=True)),
                                             "pred": []}) + "\n" for i, row in enumerate(p)))
    flat = tmp_path / "flat.jsonl"
    flat.write_text(json.dumps({"dqb_submission": "1.0"}) + "\n" + "".join(
        json.dumps({"id": f"x{i}", **dict(zip(LABELS, map(float, row), strict=True))}) + "\n"
        for i, row in enumerate(p)))
    for path in (run_style, flat):
        ids, probs = read_prediction_matrix(path)
        strict_ids, strict_probs = read_predictions(path)
        assert ids == strict_ids == [f"x{i}" for i in range(50)]
        np.testing.assert_array_equal(probs, np.array(strict_probs))


@pytest.mark.parametrize("text", [
    '{"id": "a", "probs": {"rhetorical_question": true, "unsupported_speculation": 0, "attributed_quote": 0}}\n',
    '{"id": "a", "probs": {"rhetorical_question": "0.5", "unsupported_speculation": 0, "attributed_quote": 0}}\n',
    '{"id": "a", "probs": {"rhetorical_question": null, "unsupported_speculation": 0, "attributed_quote": 0}}\n',
    '{"id": "", "probs": {"rhetorical_question": 0, "unsupported_speculation": 0, "attributed_quote": 0}}\n',
    '{"id": "a", "probs": {"rhetorical_question": 0, "unsupported_speculation": 0}}\n',
    '{"id": "a", "rhetorical_question": 0, "unsupported_speculation": 0, "attributed_quote": 0, "x": 1}\n',
    '{"id": "a", "probs": {"rhetorical_question": 0, "unsupported_speculation": 0, "attributed_quote": 0}}'
    ',{"id": "b", "probs": {"rhetorical_question": 0, "unsupported_speculation": 0, "attributed_quote": 0}}\n',
    '[1, 2]\n',
])
def test_fast_reader_refuses_exactly_what_the_strict_reader_refuses(tmp_path, text):
    path = tmp_path / "p.jsonl"
    path.write_text(text)
    with pytest.raises(InputError) as strict:
        read_predictions(path)
    with pytest.raises(InputError) as fast:
        read_prediction_matrix(path)
    assert str(fast.value) == str(strict.value)
