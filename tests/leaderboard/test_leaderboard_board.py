"""Board rows: seed aggregation, configuration grouping, rank groups, one board per version, private test labels."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmark.io import write_jsonl
from benchmark.labels import LABELS
from benchmark.leaderboard.bootstrap import bootstrap_f1, percentile_ci, resample_counts
from benchmark.metrics.core import compute_metrics


def _metrics(ws, run_dir, split="test", version="1.0"):
    rows = [json.loads(line) for line in (run_dir / "predictions" / f"{split}.jsonl").read_text().splitlines()]
    probs = np.array([[r["probs"][lab] for lab in LABELS] for r in rows])
    ids, y = ws.gold(split, version)
    assert [r["id"] for r in rows] == ids
    pairs = None
    if split == "contrast":
        gold = [json.loads(line) for line in (ws.data_dir / f"v{version}" / "contrast.jsonl").read_text().splitlines()]
        pairs = [g["pair_id"] for g in gold]
    return compute_metrics(y, probs, [0.5] * 3, pair_ids=pairs)


def test_seeds_of_one_configuration_aggregate_to_mean_std_n(ws):
    runs = [ws.add_run("multi", seed=s, flip=0.1 + 0.05 * s) for s in range(3)]
    row = ws.board(ws.build()).rows[0]
    assert row["n_seeds"] == 3 and row["seeds"] == [0, 1, 2]
    for key in ("macro_f1", "micro_f1", "subset_accuracy"):
        values = [_metrics(ws, r)[key] for r in runs]
        assert row["test"][key]["mean"] == pytest.approx(np.mean(values))
        assert row["test"][key]["std"] == pytest.approx(np.std(values, ddof=1))
        assert row["test"][key]["n"] == 3
    f1 = [_metrics(ws, r)["per_label"]["attributed_quote"]["f1"] for r in runs]
    assert row["test"]["per_label"]["attributed_quote"]["f1"]["mean"] == pytest.approx(np.mean(f1))
    val = [_metrics(ws, r, "validation")["macro_f1"] for r in runs]
    assert row["validation"]["macro_f1"]["mean"] == pytest.approx(np.mean(val))
    pc = [_metrics(ws, r, "contrast")["pair_consistency"] for r in runs]
    assert row["contrast"]["pair_consistency"]["mean"] == pytest.approx(np.mean(pc))
    assert row["efficiency"]["train_seconds"] == {"mean": 11.0, "std": 1.0, "n": 3}  # 10 + seed in the fixture


def test_single_run_has_no_std(ws):
    ws.add_run("single")
    row = ws.board(ws.build()).rows[0]
    assert row["n_seeds"] == 1 and row["test"]["macro_f1"]["std"] is None


def test_seed_aggregated_interval_bootstraps_the_mean_over_seeds(ws):
    runs = [ws.add_run("multi", seed=s, flip=0.15, splits=("test",)) for s in range(2)]
    lb = ws.build(resamples=400, seed=11)
    row = ws.board(lb).rows[0]
    ids, y = ws.gold("test")
    preds = []
    for r in runs:
        lines = [json.loads(x) for x in (r / "predictions/test.jsonl").read_text().splitlines()]
        preds.append(np.array([[line["probs"][lab] >= 0.5 for lab in LABELS] for line in lines]))
    W = resample_counts(len(ids), 400, seed=11)
    macro = bootstrap_f1(W, y, np.stack(preds)).mean(axis=2).mean(axis=1)  # mean over labels, then over seeds
    np.testing.assert_allclose(row["test"]["macro_f1"]["ci"], percentile_ci(macro))


def test_config_hash_ignores_seed_but_not_other_settings(ws):
    ws.add_run("m", seed=0, config={"lr": 0.1, "seed": 0, "trainer": {"seed": 0, "epochs": 3}})
    ws.add_run("m", seed=1, config={"lr": 0.1, "seed": 1, "trainer": {"seed": 1, "epochs": 3}})
    ws.add_run("m", seed=0, config={"lr": 0.2, "seed": 0, "trainer": {"seed": 0, "epochs": 3}})
    board = ws.board(ws.build())
    assert sorted(r["n_seeds"] for r in board.rows) == [1, 2]
    assert len({r["config_hash"] for r in board.rows}) == 2
    assert all("seed" not in r["config"] and "seed" not in r["config"]["trainer"] for r in board.rows)


def test_run_folders_and_checkpoint_paths_do_not_split_a_configuration(ws):
    # a transformer record's config holds its trainer's checkpoint folder, inside the run's own folder
    for seed in (0, 1):
        trainer = {"epochs": 3, "output_dir": f"outputs/main/minilm/seed{seed}/checkpoints", "progress": seed == 0}
        ws.add_run("minilm", seed=seed, config={"lr": 1e-4, "seed": seed, "trainer": trainer})
    board = ws.board(ws.build())
    (row,) = board.rows
    assert row["n_seeds"] == 2 and "output_dir" not in row["config"]["trainer"]


def test_identical_predictions_share_a_rank_and_a_clearly_better_model_ranks_alone(ws):
    same = ws.probs("test", flip=0.25, seed=3)
    ws.add_run("twin_a", probs={"test": same}, splits=("test",))
    ws.add_run("twin_b", probs={"test": same}, splits=("test",))
    ws.add_run("strong", flip=0.0, splits=("test",))
    board = ws.board(ws.build(resamples=500))
    ranks = {r["model"]: r["rank"] for r in board.rows}
    assert ranks == {"strong": 1, "twin_a": 2, "twin_b": 2}
    assert [r["rank"] for r in board.rows] == sorted(r["rank"] for r in board.rows)
    twin_b = ws.row(board, "twin_b")
    assert twin_b["comparison"]["separated"] is False and twin_b["comparison"]["p_value"] == 1.0
    assert ws.row(board, "twin_a")["comparison"]["separated"] is True  # separated from "strong" first


def test_versions_are_never_ranked_together(ws):
    ws.add_version("1.1", seed=1)
    ws.add_run("old_model", version="1.0", flip=0.3)
    ws.add_run("new_model", version="1.1", flip=0.1)
    ws.add_run("new_model_2", version="1.1", flip=0.2)
    lb = ws.build()
    assert [b.dataset["version"] for b in lb.boards] == ["1.1", "1.0"]
    new, old = lb.boards
    assert {r["model"] for r in new.rows} == {"new_model", "new_model_2"}
    assert [r["model"] for r in old.rows] == ["old_model"] and old.rows[0]["rank"] == 1
    assert new.dataset["content_hash"] == ws.manifest("1.1")["content_hash"] != old.dataset["content_hash"]
    assert all(r["dataset"]["version"] == "1.1" for r in new.rows)
    data = lb.to_dict()
    assert [len(b["rows"]) for b in data["boards"]] == [2, 1]


def _private_labels(ws, tmp_path, scramble: bool):
    """The true test labels moved to a private file; the public test split keeps ids but loses its labels."""
    ids, y = ws.gold("test")
    if scramble:
        y = 1 - y
    path = tmp_path / "private" / "test_labels.jsonl"
    write_jsonl(path, [{"id": i, "labels": [lab for lab, v in zip(LABELS, row, strict=True) if v]}
                       for i, row in zip(ids, y, strict=True)])
    return path, y


def test_private_test_labels_are_scored_and_announced(ws, tmp_path):
    ws.add_run("m", flip=0.1)
    # scoring against inverted labels gives clearly different numbers from the public file's
    private, y_private = _private_labels(ws, tmp_path, scramble=True)
    public = ws.board(ws.build()).rows[0]["test"]["macro_f1"]["mean"]
    out = tmp_path / "board"
    lb = ws.build(out_dir=out, private_test=private)
    board = ws.board(lb)
    assert board.test_labels == "private"
    run_dir = next(ws.runs_dir.iterdir())
    rows = [json.loads(x) for x in (run_dir / "predictions/test.jsonl").read_text().splitlines()]
    probs = np.array([[r["probs"][lab] for lab in LABELS] for r in rows])
    expected = compute_metrics(y_private, probs, [0.5] * 3)["macro_f1"]
    assert board.rows[0]["test"]["macro_f1"]["mean"] == pytest.approx(expected)
    assert abs(expected - public) > 0.3
    ids, _ = ws.gold("test")
    for name in ("index.html", "leaderboard.md", "leaderboard.json", "leaderboard.csv"):
        text = (out / name).read_text()
        assert "private" in text.lower()
        assert not any(pid in text for pid in ids)  # no per-paragraph data published
    assert json.loads((out / "leaderboard.json").read_text())["boards"][0]["test_labels"] == "private"


def test_private_labels_apply_to_one_version_only(ws, tmp_path):
    # both versions have the same test ids, so ids alone cannot tell where the private labels belong
    ws.add_version("1.1", seed=5)
    ws.add_run("on_old", version="1.0", flip=0.1)
    ws.add_run("on_new", version="1.1", flip=0.1)
    private, _ = _private_labels(ws, tmp_path, scramble=True)
    lb = ws.build(private_test=private)  # default: the newest version
    assert [b.dataset["version"] for b in lb.boards] == ["1.1"] and lb.boards[0].test_labels == "private"
    assert "given for dataset version 1.1 only" in lb.refusals[0].reason and "on_old" in lb.refusals[0].path
    lb = ws.build(private_test=private, private_version="1.0")
    assert [r["model"] for r in ws.board(lb).rows] == ["on_old"]


def test_private_labels_for_other_ids_refuse_the_version(ws, tmp_path):
    ws.add_run("m")
    path = tmp_path / "other.jsonl"
    write_jsonl(path, [{"id": "elsewhere-1", "labels": []}])
    lb = ws.build(private_test=path)
    assert not lb.boards
    assert "private test labels do not cover the test ids" in lb.refusals[0].reason


def test_broken_private_label_file_is_an_error(ws, tmp_path):
    from benchmark.io import InputError

    ws.add_run("m")
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "test-0000", "labels": ["sarcasm"]}\n')
    with pytest.raises(InputError, match="unknown label 'sarcasm'"):
        ws.build(private_test=path)
