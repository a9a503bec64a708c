"""Re-score a saved run on any split or dataset version, without retraining.

    python -m benchmark.evaluate run_dir=outputs/train/runs/tfidf_logreg/seed0_2026-11-24_12-00-00
    python -m benchmark.evaluate run_dir=... data.version=1.1 splits=[test]

Predictions and metrics go to ``<run_dir>/eval/v<version>/`` (or ``output_dir=``), with the run's own thresholds.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import hydra
import numpy as np
from omegaconf import DictConfig

from benchmark.data.load import dataset_info, load_dqb
from benchmark.io import InputError, write_json
from benchmark.labels import LABELS
from benchmark.records import Predictions, is_run_dir, read_record, write_predictions
from benchmark.train import CONFIG_DIR, score_split


def run(cfg: DictConfig) -> dict[str, Any]:
    """Load ``cfg.run_dir``'s model, predict ``cfg.splits`` of the chosen data version, score, write."""
    from benchmark.models import load_model

    run_dir = Path(cfg.run_dir)
    if not is_run_dir(run_dir):
        raise InputError(
            run_dir, "not a run folder (no record.json); pass run_dir=<a folder written by benchmark.train>"
        )
    record = read_record(run_dir)
    if not (run_dir / "model").is_dir():
        raise InputError(run_dir, "the run has no saved model (trained with save_model=false)", field="model")
    version = cfg.data.version or record["dataset"]["version"]
    info = dataset_info(cfg.data.data_dir, version)
    data = load_dqb(cfg.data.data_dir, version, splits=list(cfg.splits))
    model = load_model(run_dir / "model")
    thresholds = [float(record["thresholds"][lab]) for lab in LABELS]
    out_dir = Path(cfg.output_dir) if cfg.output_dir else run_dir / "eval" / f"v{info['version']}"
    from benchmark.metrics.module import load_metric

    metric = load_metric()
    results: dict[str, Any] = {}
    for split in cfg.splits:
        ds = data[split]
        probs = model.predict_proba(ds["text"])
        write_predictions(
            out_dir / "predictions" / f"{split}.jsonl", Predictions(list(ds["id"]), probs.tolist(), thresholds)
        )
        results[split] = score_split(
            metric, np.asarray(ds["labels"]), probs, thresholds, list(ds["pair_id"]) if split == "contrast" else None
        )
    write_json(
        out_dir / "metrics.json",
        {"dataset": info, "run_id": record["run_id"], "thresholds": thresholds, "metrics": results},
    )
    return results


@hydra.main(version_base="1.3", config_path=CONFIG_DIR, config_name="eval")
def _hydra_main(cfg: DictConfig) -> None:
    try:
        results = run(cfg)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
    for split, m in results.items():
        print(
            f"{split}: macro-F1 {m['macro_f1']:.3f}, micro-F1 {m['micro_f1']:.3f}, subset accuracy "
            f"{m['subset_accuracy']:.3f}"
        )


def main() -> None:
    _hydra_main()


if __name__ == "__main__":
    main()
