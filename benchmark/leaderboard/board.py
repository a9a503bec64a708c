"""Board rows: runs of one configuration aggregated over seeds, bootstrap intervals and rank groups.

One :class:`Board` per dataset version: records of different versions are never ranked together. Rows are plain
JSON-ready dicts (the ``rows`` of ``leaderboard.json``, documented in ``docs/leaderboard.md``); every renderer reads
them, so the HTML, Markdown, CSV, JSON and plots always agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import numpy as np

from benchmark.labels import LABELS
from benchmark.leaderboard.bootstrap import bootstrap_f1, percentile_ci, rank_groups, resample_counts
from benchmark.leaderboard.gold import DatasetVersion
from benchmark.leaderboard.inputs import Collection, Refusal, Run, without_seed
from benchmark.metrics.core import DEFINITIONS, METRIC_VERSION

LEADERBOARD_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Settings:
    """How the board's statistics are computed; stated on every output."""

    resamples: int = 1000
    seed: int = 0
    alpha: float = 0.05
    level: float = 0.95

    def __post_init__(self):
        if self.resamples < 1:
            raise ValueError("resamples must be at least 1")
        if not 0 < self.alpha < 1 or not 0 < self.level < 1:
            raise ValueError("alpha and level must lie in (0, 1)")

    def method(self) -> dict[str, Any]:
        return {
            "headline": "test macro_f1 (mean over seeds)",
            "confidence_interval": {
                "method": "percentile bootstrap over test paragraphs", "level": self.level,
                "resamples": self.resamples, "seed": self.seed,
                "seeds": "for a row with several seeds, each resample's score is the mean over seeds"},
            "ranking": {
                "test": "paired bootstrap over test paragraphs: every model is scored on the same resamples",
                "alternative": "one-sided: the top model of the group has the higher macro-F1",
                "p_value": "(1 + #resamples where top - challenger <= 0) / (resamples + 1)",
                "multiple_comparisons": f"Holm-Bonferroni across the comparisons with the top model of each group, "
                                        f"family-wise alpha {self.alpha:g}",
                "groups": "models not separated from the top model share its rank; then repeat from the best "
                          "model left; ranks are competition ranks (1, 1, 3)",
                "alpha": self.alpha, "resamples": self.resamples, "seed": self.seed},
            "seeds": "rows aggregate the seeds of one configuration (model name + hash of its config without "
                     "seed and output-path keys): mean, sample standard deviation (n - 1) and n",
        }

    def sentence(self) -> str:
        """The method in one sentence, for footnotes and captions."""
        pct = f"{self.level * 100:g}%"
        return (f"Rank: one-sided paired bootstrap test of test macro-F1 over paragraphs ({self.resamples:,} "
                f"resamples, seed {self.seed}, the same resamples for every model) against the top model of each "
                f"group, Holm-Bonferroni correction across each group's comparisons at alpha = {self.alpha:g}; "
                f"models the test cannot separate from the group's top share its rank. Intervals: {pct} percentile "
                f"bootstrap over paragraphs. Several seeds: mean ± standard deviation, bootstrap on the mean over "
                f"seeds.")


@dataclass
class Board:
    dataset: dict[str, Any]  # name, version, content_hash, guidelines_version
    test_labels: str  # "public" or "private"
    n_test: int
    rows: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "test_labels": self.test_labels, "n_test": self.n_test,
                "warnings": self.warnings, "rows": self.rows}


@dataclass
class Leaderboard:
    boards: list[Board]
    refusals: list[Refusal]
    settings: Settings
    copies: list[str] = field(default_factory=list)  # exact copies of runs found twice, counted once
    generated: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    @property
    def n_rows(self) -> int:
        return sum(len(b.rows) for b in self.boards)

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": LEADERBOARD_SCHEMA_VERSION, "generator": "dqb-leaderboard",
                "generated": self.generated, "labels": list(LABELS), "metric_version": METRIC_VERSION,
                "metric_definitions": DEFINITIONS, "method": self.settings.method(),
                "method_text": self.settings.sentence(), "boards": [b.to_dict() for b in self.boards],
                "refusals": [r.to_dict() for r in self.refusals]}


def summary(values: list[float | None]) -> dict[str, Any]:
    """Mean, sample standard deviation (None below two values) and n of the non-missing values."""
    vals = [float(v) for v in values if v is not None]
    return {"mean": float(np.mean(vals)) if vals else None,
            "std": float(np.std(vals, ddof=1)) if len(vals) > 1 else None, "n": len(vals)}


def build_leaderboard(collection: Collection, settings: Settings | None = None) -> Leaderboard:
    """One board per dataset version (newest first) from the collected runs."""
    settings = settings or Settings()
    by_version: dict[str, list[Run]] = {}
    for run in collection.runs:
        by_version.setdefault(run.dataset_version, []).append(run)
    boards = [build_board(by_version[v], collection.versions[v], settings)
              for v in sorted(by_version, key=_version_key, reverse=True)]
    return Leaderboard(boards=boards, refusals=list(collection.refusals), settings=settings,
                       copies=list(collection.copies))


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in version.split("."))


def build_board(runs: list[Run], dv: DatasetVersion, settings: Settings) -> Board:
    """Rank the runs of one dataset version."""
    if any(run.dataset_version != dv.version for run in runs):
        raise ValueError("runs of different dataset versions are never ranked together")
    groups: dict[str, list[Run]] = {}
    for run in runs:
        groups.setdefault(run.key, []).append(run)
    keys = list(groups)
    run_index = {id(run): i for i, run in enumerate(runs)}
    gold = dv.splits["test"]

    W = resample_counts(gold.n, settings.resamples, settings.seed)
    f1 = bootstrap_f1(W, gold.y, np.stack([run.test_pred for run in runs]))  # (B, runs, L)
    del W
    # a row's resampled score is the mean over its seeds of each resample's score
    row_f1 = np.stack([f1[:, [run_index[id(r)] for r in groups[k]]].mean(axis=1) for k in keys], axis=1)  # (B, R, L)
    row_macro = row_f1.mean(axis=2)
    point = np.array([np.mean([r.scores["test"]["macro_f1"] for r in groups[k]]) for k in keys])
    order = sorted(range(len(keys)), key=lambda i: (-point[i], keys[i]))
    ranks, comparisons = rank_groups(point, row_macro, settings.alpha, order=np.array(order))
    macro_ci = percentile_ci(row_macro, settings.level)  # (2, R)
    label_ci = percentile_ci(row_f1, settings.level)  # (2, R, L)

    rows = []
    position = {i: k for k, i in enumerate(order)}
    # rows go by rank, then score: a weaker row can share the top's rank while a stronger one with a less noisy
    # difference was separated from it
    for i in sorted(order, key=lambda i: (ranks[i], position[i])):
        comp = comparisons.get(i)
        comparison = None if comp is None else {
            "with": keys[comp.top], "p_value": comp.p_value, "p_holm": comp.p_holm, "separated": comp.separated}
        rows.append(_row(groups[keys[i]], dv, int(ranks[i]), (macro_ci[0, i], macro_ci[1, i]),
                         label_ci[:, i, :], comparison))
    warnings = []
    m = len(keys) - 1
    if m > 0 and 1.0 / (settings.resamples + 1) > settings.alpha / m:
        warnings.append(f"with {m} comparisons against the top model, {settings.resamples} resamples cannot reach "
                        f"Holm's smallest threshold alpha/{m} (the smallest p-value is 1/(resamples + 1)); use at "
                        f"least {int(np.ceil(m / settings.alpha))} resamples to be able to separate every model")
    return Board(dataset=dv.describe(), test_labels="private" if dv.private_test else "public", n_test=gold.n,
                 rows=rows, warnings=warnings)


def _row(runs: list[Run], dv: DatasetVersion, rank: int, macro_ci: tuple[float, float], label_ci: np.ndarray,
         comparison: dict | None) -> dict[str, Any]:
    runs = sorted(runs, key=lambda r: (r.seed is None, r.seed if r.seed is not None else 0, r.source))
    first = runs[0]
    tests = [r.scores["test"] for r in runs]
    per_label = {}
    for j, lab in enumerate(LABELS):
        per_label[lab] = {m: summary([t["per_label"][lab][m] for t in tests]) for m in ("precision", "recall", "f1")}
        per_label[lab]["f1"]["ci"] = [float(label_ci[0, j]), float(label_ci[1, j])]
    macro = summary([t["macro_f1"] for t in tests])
    macro["ci"] = [float(macro_ci[0]), float(macro_ci[1])]
    effs = [r.provenance["efficiency"] for r in runs]
    params = Counter(r.model["parameters"] for r in runs if r.model["parameters"] is not None)
    return {
        "rank": rank,
        "key": first.key,
        "model": first.model["name"],
        "config_hash": first.config_hash,
        "kind": first.kind,
        "family": first.model["family"],
        "description": first.model["description"],
        "url": first.model["url"],
        "parameters": params.most_common(1)[0][0] if params else None,
        "n_seeds": len(runs),
        "seeds": [r.seed for r in runs if r.seed is not None],
        "test": {"macro_f1": macro, "micro_f1": summary([t["micro_f1"] for t in tests]),
                 "subset_accuracy": summary([t["subset_accuracy"] for t in tests]),
                 "mean_ece": summary([t["mean_ece"] for t in tests]), "per_label": per_label},
        "validation": {"macro_f1": summary([r.scores["validation"]["macro_f1"] for r in runs
                                            if "validation" in r.scores])},
        "contrast": {"pair_consistency": summary([r.scores["contrast"].get("pair_consistency") for r in runs
                                                  if "contrast" in r.scores])},
        "efficiency": {
            "train_seconds": summary([e["train_seconds"] for e in effs]),
            "inference_paragraphs_per_second": summary([e["inference_paragraphs_per_second"] for e in effs]),
            "peak_memory_mb": summary([e["peak_memory_mb"] for e in effs]),
            "hardware": sorted({r.provenance["environment"]["hardware"] for r in runs
                                if r.provenance["environment"]["hardware"]}),
        },
        "comparison": comparison,
        "config": without_seed(first.config),
        "dataset": {"version": dv.version, "content_hash": dv.content_hash},
        "metric_version": METRIC_VERSION,
        "runs": [{
            "run_id": r.run_id, "seed": r.seed, "source": r.source,
            "command": r.provenance["command"], "git": r.provenance["git"], "created": r.provenance["created"],
            "thresholds": dict(zip(LABELS, r.thresholds, strict=True)),
            "metrics_module": r.provenance["metrics_module"],
            "environment": r.provenance["environment"], "efficiency": r.provenance["efficiency"],
            "test_macro_f1": r.scores["test"]["macro_f1"],
            "validation_macro_f1": r.scores["validation"]["macro_f1"] if "validation" in r.scores else None,
        } for r in runs],
    }
