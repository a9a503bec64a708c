"""Long runs on the shipped data (``-m slow``) and GPU paths (``-m gpu``); not part of the default run."""

import json
import subprocess
import sys

import pytest
from factory import ROOT, TINY_BERT

from benchmark.data.manifest import DEFAULT_DATA_DIR, available_versions

needs_data = pytest.mark.skipif(not available_versions(DEFAULT_DATA_DIR), reason="no shipped dataset version")


@pytest.mark.slow
@needs_data
def test_minilm_learns_the_task_on_a_subset(compose_cfg, tmp_path):
    """Real MiniLM fine-tuning (1 epoch on the shipped training split) clearly beats the majority floor."""
    from benchmark import train

    cfg = compose_cfg("model=minilm", f"paths.data_dir={DEFAULT_DATA_DIR}", "trainer.epochs=1",
                      "data.eval_splits=[validation,test]")
    metrics, _ = train.run(cfg)
    assert metrics["test"]["macro_f1"] > 0.75


@pytest.mark.slow
@needs_data
def test_suite_of_fast_models_and_leaderboard_end_to_end(tmp_path):
    cmd = [sys.executable, "scripts/main.py", "--models", "majority", "rules", "tfidf_logreg", "--seeds", "0", "1",
           "--out", str(tmp_path / "runs"), "--leaderboard", str(tmp_path / "board")]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-2000:]
    board = json.loads((tmp_path / "board" / "leaderboard.json").read_text())
    rows = board["boards"][0]["rows"]
    assert {r["model"] for r in rows} == {"majority", "rules", "tfidf_logreg"}
    assert all(r["n_seeds"] == 2 for r in rows)
    assert rows[0]["model"] == "tfidf_logreg"


@pytest.mark.gpu
def test_tiny_bert_trains_on_cuda_in_bf16(compose_cfg):
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    from benchmark import train

    cfg = compose_cfg(*TINY_BERT, "trainer=gpu", "trainer.epochs=1", "trainer.num_workers=0")
    metrics, objs = train.run(cfg)
    assert objs["record"]["environment"]["device"] == "cuda"
    assert objs["record"]["environment"]["hardware"]["gpu"]
    assert 0.0 <= metrics["test"]["macro_f1"] <= 1.0
