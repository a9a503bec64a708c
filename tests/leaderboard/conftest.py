"""Fixtures for the leaderboard tests: a tiny dataset version and tiny run folders built in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from benchmark.data.manifest import build_manifest, write_manifest
from benchmark.io import write_jsonl
from benchmark.labels import LABELS
from benchmark.leaderboard import Settings, make_leaderboard

SPLIT_SIZES = {"train": 12, "validation": 30, "test": 60, "contrast": 20}


class Workspace:
    """A data folder with dataset versions, and helpers that write run folders and submissions next to it."""

    def __init__(self, root: Path):
        self.root = root
        self.data_dir = root / "data"
        self.runs_dir = root / "outputs"
        self.n_runs = 0

    # -- data -------------------------------------------------------------------------------------------------
    def add_version(self, version: str = "1.0", sizes: dict[str, int] | None = None, seed: int = 0) -> Path:
        rng = np.random.default_rng(seed)
        vdir = self.data_dir / f"v{version}"
        for split, n in (sizes or SPLIT_SIZES).items():
            y = rng.random((n, len(LABELS))) < 0.4
            y[np.arange(n) % 5 == 0, :] = True  # every label has positives even in small splits
            rows = [{"id": f"{split}-{i:04d}", "text": f"Paragraph {i} of {split}.",
                     "labels": [lab for lab, v in zip(LABELS, row, strict=True) if v],
                     "pair_id": f"pair-{i // 2}" if split == "contrast" else None} for i, row in enumerate(y)]
            write_jsonl(vdir / f"{split}.jsonl", rows)
        write_manifest(vdir, build_manifest(vdir, version, "1.0", "1.0"))
        return vdir

    def manifest(self, version: str = "1.0") -> dict:
        return json.loads((self.data_dir / f"v{version}" / "manifest.json").read_text())

    def gold(self, split: str = "test", version: str = "1.0") -> tuple[list[str], np.ndarray]:
        path = self.data_dir / f"v{version}" / f"{split}.jsonl"
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        y = np.array([[lab in r["labels"] for lab in LABELS] for r in rows], dtype=np.int64)
        return [r["id"] for r in rows], y

    def probs(self, split: str = "test", version: str = "1.0", flip: float = 0.0, seed: int = 0,
              constant: float | None = None) -> tuple[list[str], np.ndarray]:
        """Confident predictions that are wrong on a ``flip`` share of (paragraph, label) decisions."""
        ids, y = self.gold(split, version)
        if constant is not None:
            return ids, np.full(y.shape, constant)
        rng = np.random.default_rng(seed)
        wrong = rng.random(y.shape) < flip
        pred = np.where(wrong, 1 - y, y)
        return ids, np.where(pred == 1, 0.9, 0.1) + rng.uniform(-0.05, 0.05, y.shape)

    # -- runs -------------------------------------------------------------------------------------------------
    def add_run(self, name: str = "model_a", seed: int = 0, *, version: str = "1.0", flip: float = 0.0,
                config: dict | None = None, splits: tuple[str, ...] = ("test", "validation", "contrast"),
                probs: dict[str, tuple[list[str], np.ndarray]] | None = None, record: dict | None = None,
                lines: dict[str, str] | None = None, folder: Path | None = None) -> Path:
        """Write a run folder; ``record`` entries override the record's top-level fields, ``lines`` replace the
        text of a split's prediction file."""
        self.n_runs += 1
        run_dir = folder or self.runs_dir / f"{name}-s{seed}-{self.n_runs}"
        probs = dict(probs or {})
        thresholds = dict.fromkeys(LABELS, 0.5)
        for split in splits:
            ids, p = probs.get(split) or self.probs(split, version, flip=flip, seed=seed * 101 + self.n_runs)
            path = run_dir / "predictions" / f"{split}.jsonl"
            if lines and split in lines:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(lines[split])
                continue
            write_jsonl(path, ({"id": i, "probs": {lab: float(v) for lab, v in zip(LABELS, row, strict=True)},
                                "pred": [lab for lab, v in zip(LABELS, row, strict=True) if v >= 0.5]}
                               for i, row in zip(ids, p, strict=True)))
        manifest = self.manifest(version) if (self.data_dir / f"v{version}").exists() else {"content_hash": "x"}
        rec: dict[str, Any] = {
            "schema_version": "1.0", "run_id": run_dir.name,
            "model": {"name": name, "family": "test", "description": f"{name} for tests", "parameters": 1234,
                      "config": {"model": name, "lr": 0.1, "seed": seed} if config is None else config},
            "seed": seed, "thresholds": thresholds,
            "dataset": {"name": "dqb", "version": version, "content_hash": manifest["content_hash"],
                        "guidelines_version": "1.0"},
            "metrics_module": {"name": "dqb_metrics", "version": "1.0", "definitions": {}},
            "splits": {s: {"predictions": f"predictions/{s}.jsonl", "n": len(self.gold(s, version)[0])}
                       for s in splits},
            "metrics": {"test": {"macro_f1": 0.999}},  # self-reported: the board must ignore it
            "git": {"commit": "abc1234", "dirty": False},
            "environment": {"python": "3.11", "packages": {}, "device": "cpu",
                            "hardware": {"cpu": "Test CPU", "cores": 2, "gpu": None, "memory_gb": 8}},
            "efficiency": {"train_seconds": 10.0 + seed, "inference_paragraphs_per_second": 500.0 + 10 * seed,
                           "peak_memory_mb": 300.0},
            "command": f"dqb-train model={name} seed={seed}", "created": "2025-01-01T00:00:00Z",
        }
        rec.update(record or {})
        run_dir.mkdir(parents=True, exist_ok=True)
        (run_dir / "record.json").write_text(json.dumps(rec, allow_nan=True))
        return run_dir

    def add_submission(self, name: str = "outside_model", *, version: str = "1.0", flip: float = 0.0,
                       header: dict | None = None, path: Path | None = None, binary: bool = False) -> Path:
        ids, p = self.probs("test", version, flip=flip, seed=7)
        if binary:
            p = (p >= 0.5).astype(int)
        head = {"dqb_submission": "1.0",
                "model": {"name": name, "description": "an outside model", "url": "https://example.org/model",
                          "parameters": 42},
                "dataset": {"name": "dqb", "version": version}, "split": "test"}
        head.update(header or {})
        path = path or self.root / "submissions" / f"{name}.jsonl"
        rows = [head] + [{"id": i, **{lab: (int(v) if binary else float(v)) for lab, v in zip(LABELS, row,
                                                                                              strict=True)}}
                         for i, row in zip(ids, p, strict=True)]
        write_jsonl(path, rows)
        return path

    # -- building ---------------------------------------------------------------------------------------------
    def build(self, inputs: list | None = None, out_dir: Path | None = None, resamples: int = 300, **kw):
        return make_leaderboard(inputs or [self.runs_dir], self.data_dir, out_dir,
                                Settings(resamples=resamples, seed=kw.pop("seed", 0)), plots=kw.pop("plots", False),
                                **kw)

    @staticmethod
    def board(lb):
        """The one board of ``lb``."""
        assert len(lb.boards) == 1, [b.dataset for b in lb.boards]
        return lb.boards[0]

    @staticmethod
    def row(board, model: str) -> dict:
        """The one row of ``model`` on ``board``."""
        rows = [r for r in board.rows if r["model"] == model]
        assert len(rows) == 1, [r["model"] for r in board.rows]
        return rows[0]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace(tmp_path)
    w.add_version("1.0")
    return w
