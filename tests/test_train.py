import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from factory import ROOT, TINY_BERT

from benchmark import evaluate, train
from benchmark.labels import LABELS
from benchmark.metrics.core import compute_metrics
from benchmark.records import read_predictions, read_record


def test_run_writes_a_complete_record(compose_cfg, data_dir):
    cfg = compose_cfg("model=tfidf_logreg", "model.min_df=1", "seed=3")
    metrics, objs = train.run(cfg)
    out = Path(cfg.paths.output_dir)
    rec = read_record(out)
    for key in (
        "model",
        "seed",
        "thresholds",
        "dataset",
        "metrics_module",
        "git",
        "environment",
        "efficiency",
        "command",
        "splits",
    ):
        assert key in rec, key
    assert rec["seed"] == 3 and rec["model"]["family"] == "tfidf_logreg" and rec["model"]["parameters"] > 0
    assert (
        rec["dataset"]["content_hash"] == json.loads((data_dir / "v1.0" / "manifest.json").read_text())["content_hash"]
    )
    assert set(rec["environment"]["packages"]) >= {"torch", "transformers", "scikit-learn"}
    assert rec["efficiency"]["inference_paragraphs_per_second"] > 0
    assert (out / "config.yaml").exists() and (out / "model" / "model.json").exists()
    # stored metrics equal a recomputation from the stored predictions against the gold labels
    gold = {json.loads(x)["id"]: json.loads(x) for x in (data_dir / "v1.0" / "test.jsonl").read_text().splitlines()}
    ids, probs = read_predictions(out / "predictions" / "test.jsonl")
    y = [[int(lab in gold[i]["labels"]) for lab in LABELS] for i in ids]
    again = compute_metrics(y, probs, [rec["thresholds"][lab] for lab in LABELS])
    assert again["macro_f1"] == pytest.approx(metrics["test"]["macro_f1"])
    assert "pair_consistency" in metrics["contrast"]


@pytest.mark.parametrize("model", [["model=rules"], ["model=tfidf_logreg", "model.min_df=1"], TINY_BERT])
def test_same_seed_same_predictions(compose_cfg, tmp_path, model):
    runs = []
    for k in range(2):
        cfg = compose_cfg(*model, "seed=7", f"paths.output_dir={tmp_path / str(k)}")
        train.run(cfg)
        runs.append(read_predictions(tmp_path / str(k) / "predictions" / "test.jsonl"))
    assert runs[0][0] == runs[1][0]
    np.testing.assert_array_equal(np.array(runs[0][1]), np.array(runs[1][1]))


def test_evaluate_rescoring_matches_training(compose_cfg, tmp_path):
    cfg = compose_cfg("model=rules")
    metrics, _ = train.run(cfg)
    ecfg = compose_cfg(f"run_dir={cfg.paths.output_dir}", "splits=[test]", config_name="eval")
    results = evaluate.run(ecfg)
    assert results["test"]["macro_f1"] == pytest.approx(metrics["test"]["macro_f1"])
    assert (Path(cfg.paths.output_dir) / "eval" / "v1.0" / "predictions" / "test.jsonl").exists()


def test_evaluate_refuses_a_folder_that_is_not_a_run(compose_cfg, tmp_path):
    from benchmark.io import InputError

    with pytest.raises(InputError, match="not a run folder"):
        evaluate.run(compose_cfg(f"run_dir={tmp_path}", config_name="eval"))


def _env(data_dir):
    return {**os.environ, "DQB_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}


def test_multirun_with_the_joblib_launcher_leaves_one_record_per_job(data_dir, tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "benchmark.train",
        "-m",
        "hydra/launcher=local_parallel",
        "model=majority,rules",
        "seed=1,2",
        f"paths.log_dir={tmp_path}",
        "save_model=false",
    ]
    result = subprocess.run(cmd, cwd=ROOT, env=_env(data_dir), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    records = sorted(tmp_path.glob("train/multiruns/*/*/record.json"))
    assert len(records) == 4
    got = sorted((json.loads(p.read_text())["model"]["name"], json.loads(p.read_text())["seed"]) for p in records)
    assert got == [("majority", 1), ("majority", 2), ("rules", 1), ("rules", 2)]
    assert all("model=" in json.loads(p.read_text())["command"] for p in records)


def test_unavailable_hub_model_exits_with_one_clear_line(data_dir, tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "benchmark.train",
        "model=roberta_base",
        "model.pretrained=nobody/none-dqb",
        f"paths.log_dir={tmp_path}",
    ]
    result = subprocess.run(cmd, cwd=ROOT, env=_env(data_dir), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "nobody/none-dqb" in result.stderr and "model=minilm" in result.stderr
