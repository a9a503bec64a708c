"""Load the DQB `evaluate` module by path (no hub access needed)."""

from __future__ import annotations

from pathlib import Path

MODULE_DIR = Path(__file__).resolve().parent / "dqb_metrics"


def load_metric():
    import evaluate

    return evaluate.load(str(MODULE_DIR))
