"""Train one model, tune its thresholds on validation, predict and score every evaluation split, write a run record.

python -m benchmark.train                                   # tfidf_logreg on the shipped data
python -m benchmark.train model=minilm seed=2
python -m benchmark.train -m model=rules,tfidf_logreg,minilm seed=1,2,3
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import hydra
import numpy as np
from omegaconf import DictConfig, OmegaConf

from benchmark.data.load import dataset_info, load_dqb
from benchmark.data.splits import ALL_SPLITS
from benchmark.env import environment, git_state, peak_rss_mb, world
from benchmark.io import InputError, write_json, write_text
from benchmark.labels import LABELS
from benchmark.metrics.core import DEFINITIONS, METRIC_VERSION
from benchmark.records import RECORD_SCHEMA_VERSION, Predictions, write_predictions, write_record
from benchmark.thresholds import tune_thresholds

CONFIG_DIR = str(Path(__file__).resolve().parents[1] / "configs")


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    if "torch" in sys.modules:
        import torch

        torch.manual_seed(seed)


def reproduce_command(cfg: DictConfig, module: str = "benchmark.train") -> str:
    """The command line that reproduces this run: the Hydra overrides it was started with."""
    overrides: list[str] = []
    try:
        from hydra.core.hydra_config import HydraConfig

        overrides = list(HydraConfig.get().overrides.task)
    except ValueError:  # composed without @hydra.main (tests, notebooks)
        overrides = list(cfg.get("overrides") or [])
    return " ".join(["python", "-m", module, *overrides])


def score_split(metric, y_true: np.ndarray, probs: np.ndarray, thresholds: list[float], pair_ids=None) -> dict:
    return metric.compute(
        predictions=probs.tolist(), references=y_true.astype(int).tolist(), thresholds=thresholds, pair_ids=pair_ids
    )


def run(cfg: DictConfig) -> tuple[dict[str, Any], dict[str, Any]]:
    """Train and evaluate as ``cfg`` says; return (metrics per split, objects). Writes into ``cfg.paths.output_dir``."""
    from hydra.utils import instantiate

    out_dir = Path(cfg.paths.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seed_everything(cfg.seed)
    eval_splits = [s for s in cfg.data.eval_splits]
    needed = list(dict.fromkeys([cfg.data.train_split, cfg.data.validation_split, *eval_splits]))
    data = load_dqb(cfg.data.data_dir, cfg.data.version, splits=needed)
    info = dataset_info(cfg.data.data_dir, cfg.data.version)

    model = instantiate(cfg.model, _convert_="all")
    started = time.perf_counter()
    model.fit(data[cfg.data.train_split], data[cfg.data.validation_split])
    train_seconds = time.perf_counter() - started
    rank, world_size = world()
    if rank != 0:  # under torchrun only the first process predicts and writes the record
        return {}, {"model": model}

    from benchmark.metrics.module import load_metric

    metric = load_metric()
    val = data[cfg.data.validation_split]
    val_probs = model.predict_proba(val["text"])
    thresholds = (
        tune_thresholds(np.asarray(val["labels"]), val_probs)
        if cfg.thresholds.tune
        else [float(cfg.thresholds.default)] * len(LABELS)
    )
    metrics: dict[str, Any] = {}
    splits_info: dict[str, Any] = {}
    n_pred, pred_seconds = 0, 0.0
    for split in eval_splits:
        ds = data[split]
        started = time.perf_counter()
        probs = val_probs if split == cfg.data.validation_split else model.predict_proba(ds["text"])
        if split != cfg.data.validation_split:
            pred_seconds += time.perf_counter() - started
            n_pred += len(ds)
        rel = f"predictions/{split}.jsonl"
        write_predictions(out_dir / rel, Predictions(list(ds["id"]), probs.tolist(), thresholds))
        pair_ids = list(ds["pair_id"]) if split == "contrast" else None
        metrics[split] = score_split(metric, np.asarray(ds["labels"]), probs, thresholds, pair_ids)
        splits_info[split] = {"predictions": rel, "n": len(ds)}
    if cfg.save_model:
        model.save(out_dir / "model")
    device = "cpu"
    if model.family in ("transformer", "embedding_probe"):
        import torch

        device = "cuda" if torch.cuda.is_available() and cfg.trainer.device != "cpu" else "cpu"
    record = {
        "schema_version": RECORD_SCHEMA_VERSION,
        "run_id": f"{model.name}-s{cfg.seed}-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": {**model.metadata(), "config": OmegaConf.to_container(cfg.model, resolve=True)},
        "seed": int(cfg.seed),
        "thresholds": dict(zip(LABELS, thresholds)),
        "dataset": {k: info[k] for k in ("name", "version", "content_hash", "guidelines_version")},
        "metrics_module": {"name": "dqb_metrics", "version": METRIC_VERSION, "definitions": DEFINITIONS},
        "splits": splits_info,
        "metrics": metrics,
        "git": git_state(),
        "environment": environment(device),
        "efficiency": {
            "train_seconds": round(train_seconds, 2),
            "inference_paragraphs_per_second": round(n_pred / pred_seconds, 2) if pred_seconds else None,
            "peak_memory_mb": peak_rss_mb(),
            "world_size": world_size,
        },
        "command": reproduce_command(cfg),
    }
    write_text(out_dir / "config.yaml", OmegaConf.to_yaml(cfg, resolve=True))
    write_json(out_dir / "metrics.json", metrics)
    write_record(out_dir, record)
    return metrics, {"model": model, "record": record, "output_dir": out_dir}


@hydra.main(version_base="1.3", config_path=CONFIG_DIR, config_name="train")
def _hydra_main(cfg: DictConfig) -> float | None:
    from benchmark.models.hub import ModelUnavailableError

    try:
        metrics, objects = run(cfg)
    except (ModelUnavailableError, InputError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
    if metrics:
        print(summary_line(objects["record"]))
    return metrics.get("validation", {}).get("macro_f1") if metrics else None  # the sweep objective


def summary_line(record: dict[str, Any]) -> str:
    m = record["metrics"]
    parts = [f"{s} macro-F1 {m[s]['macro_f1']:.3f}" for s in ALL_SPLITS if s in m]
    return f"[{record['model']['name']} seed {record['seed']}] " + ", ".join(parts)


def main() -> None:
    _hydra_main()


if __name__ == "__main__":
    main()
