"""Collecting run records and prediction-only submissions, and refusing the ones the board cannot trust.

Every score is recomputed here from the prediction files against the gold labels of the dataset version a record
names, through :func:`benchmark.metrics.core.compute_metrics`; the ``metrics`` a record reports are never read. A
record or submission that fails a check becomes a :class:`Refusal` (the file and the problem) and the rest of the
board still builds.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from benchmark.data.manifest import DATASET_NAME, version_dir
from benchmark.io import InputError
from benchmark.labels import LABELS
from benchmark.leaderboard.gold import SCORED_SPLITS, DatasetVersion, GoldSplit, load_version, read_private_labels
from benchmark.leaderboard.predictions import read_prediction_matrix
from benchmark.metrics.core import compute_metrics
from benchmark.records import PREDICTIONS_DIR, RECORD_FILE, read_record

RUN, SUBMISSION = "run", "submission"
SUBMISSION_FORMAT_VERSION = "1.0"
SUBMISSION_THRESHOLD = 0.5
MAX_NAME = 200
MAX_TEXT = 4000  # display strings longer than this are cut: a record is not a place for megabytes of text
EXAMPLES = 3  # ids quoted in a refusal message


class Refused(Exception):
    """A record or submission the board will not rank; the message says why."""


@dataclass(frozen=True)
class Refusal:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass
class Run:
    """One scored run (or submission): recomputed metrics and the test decisions the bootstrap resamples."""

    source: str  # record.json or submission file, as displayed
    kind: str  # RUN or SUBMISSION
    run_id: str
    model: dict[str, Any]  # name, family, description, parameters, url
    config: dict[str, Any]
    config_hash: str
    seed: int | None
    thresholds: list[float]
    dataset_version: str
    scores: dict[str, dict]  # split -> compute_metrics(...) output
    test_pred: np.ndarray  # (n_test, len(LABELS)) bool, rows in gold order
    provenance: dict[str, Any] = field(default_factory=dict)  # command, git, environment, efficiency, ...

    @property
    def key(self) -> str:
        """The board row this run belongs to: model name and config hash (seeds of one configuration share it)."""
        return f"{self.model['name']}@{self.config_hash}"


@dataclass
class Collection:
    runs: list[Run]
    refusals: list[Refusal]
    versions: dict[str, DatasetVersion]
    private_test: bool = False
    copies: list[str] = field(default_factory=list)  # exact copies of collected runs, skipped


# --- small helpers ---------------------------------------------------------------------------------------------

def display_path(path: str | os.PathLike) -> str:
    """A path relative to the working folder when it lies inside it (absolute paths leak home folders)."""
    p = Path(path)
    try:
        return str(p.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(p)


def error_text(e: InputError, base: Path | None = None) -> str:
    """An :class:`InputError`'s message with its file shown relative to ``base`` (else by :func:`display_path`)."""
    where = e.path + (f":{e.line}" if e.line is not None else "") + (f" [{e.field}]" if e.field else "")
    msg = str(e)
    bare = msg[len(where) + 2:] if msg.startswith(where + ": ") else msg
    return _shown(Path(e.path), base) + where[len(e.path):] + ": " + bare


def _shown(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.absolute().relative_to(base.absolute()))
        except ValueError:
            pass
    return display_path(path)


# Keys that differ between runs of one configuration without changing what is trained: the seed, and where or how
# verbosely a run writes its files (the trainer's checkpoint folder lives inside each run's own folder).
RUN_ONLY_KEYS = frozenset({"seed", "output_dir", "debug_dir", "progress", "resume", "keep_checkpoints",
                           "logging_steps", "num_workers"})


def config_hash(config: Any) -> str:
    """12 hex digits of the sha256 of the canonical JSON of ``config`` without its run-only keys (seed, paths)."""
    canonical = json.dumps(without_seed(config), sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                           default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def without_seed(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: without_seed(v) for k, v in obj.items() if k not in RUN_ONLY_KEYS}
    if isinstance(obj, list):
        return [without_seed(v) for v in obj]
    return obj


def json_safe(obj: Any) -> Any:
    """``obj`` with NaN and infinities (which Python's json reads but strict JSON cannot hold) as strings."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return str(obj)
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [json_safe(v) for v in obj]
    return obj


def _text(value: Any) -> str | None:
    if value is None:
        return None
    s = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return s if len(s) <= MAX_TEXT else s[:MAX_TEXT] + "…"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _count(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _examples(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:EXAMPLES])
    return shown + (", …" if len(items) > EXAMPLES else "")


def _require(cond: bool, reason: str) -> None:
    if not cond:
        raise Refused(reason)


# --- finding inputs --------------------------------------------------------------------------------------------

def is_submission(path: str | os.PathLike) -> bool:
    """Whether the first line of ``path`` is a DQB submission header."""
    try:
        with open(path, "rb") as f:
            first = f.readline(1 << 16)
        head = json.loads(first.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(head, dict) and "dqb_submission" in head


def find_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Path], list[Refusal]]:
    """Run folders (holding ``record.json``) and submission files under ``paths``; named paths that are neither."""
    run_dirs: dict[Path, None] = {}
    submissions: dict[Path, None] = {}
    refusals = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = {rec.parent for rec in sorted(p.rglob(RECORD_FILE)) if rec.is_file()}
            for d in sorted(found):
                run_dirs.setdefault(d, None)
            for jl in sorted(p.rglob("*.jsonl")):
                # prediction files of runs are read through their records, never as submissions
                if any(parent in found for parent in jl.parents) or not is_submission(jl):
                    continue
                submissions.setdefault(jl, None)
        elif p.is_file() and p.name == RECORD_FILE:
            run_dirs.setdefault(p.parent, None)
        elif p.is_file() and is_submission(p):
            submissions.setdefault(p, None)
        elif p.is_file():
            refusals.append(Refusal(display_path(p), "neither a run record (record.json) nor a DQB submission (its "
                                                     "first line is not a {\"dqb_submission\": ...} header)"))
        else:
            refusals.append(Refusal(display_path(p), "no such file or folder"))
    return _unique(run_dirs), _unique(submissions), refusals


def _unique(paths: dict[Path, None]) -> list[Path]:
    seen, out = set(), []
    for p in paths:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            out.append(p)
    return out


# --- scoring one split -----------------------------------------------------------------------------------------

def score_split(path: Path, gold: GoldSplit, split: str, thresholds: list[float],
                base: Path | None = None) -> tuple[dict, np.ndarray]:
    """Read a prediction file, check its ids against the gold ids and recompute every metric.

    Returns the :func:`compute_metrics` output and the ``(n, len(LABELS))`` bool decisions in gold order. Messages
    show the file relative to ``base`` (the run folder).
    """
    try:
        ids, probs = read_prediction_matrix(path)
    except InputError as e:
        raise Refused(error_text(e, base)) from None
    if ids != gold.ids:
        order = _align(_shown(path, base), ids, gold, split)
        aligned = np.empty_like(probs)
        aligned[order] = probs
        probs = aligned
    th = np.asarray(thresholds, dtype=np.float64)
    metrics = compute_metrics(gold.y, probs, th, pair_ids=gold.pair_ids if split == "contrast" else None)
    return metrics, probs >= th


def _align(shown: str, ids: list[str], gold: GoldSplit, split: str) -> np.ndarray:
    counts = Counter(ids)
    duplicated = [i for i, c in counts.items() if c > 1]
    missing = [i for i in gold.ids if i not in counts]
    extra = [i for i in counts if i not in gold.index]
    problems = []
    if missing:
        problems.append(f"{len(missing)} gold id(s) missing (e.g. {_examples(missing)})")
    if extra:
        problems.append(f"{len(extra)} id(s) not in the {split} split (e.g. {_examples(extra)})")
    if duplicated:
        problems.append(f"{len(duplicated)} id(s) duplicated (e.g. {_examples(duplicated)})")
    if problems:
        raise Refused(f"{shown}: prediction ids differ from the gold {split} ids: " + "; ".join(problems))
    return np.fromiter((gold.index[i] for i in ids), dtype=np.int64, count=len(ids))


# --- run records -----------------------------------------------------------------------------------------------

DatasetLookup = Callable[[str], DatasetVersion]


def _thresholds(rec: dict) -> list[float]:
    th = rec["thresholds"]
    _require(isinstance(th, dict), "'thresholds' must be an object of label: threshold")
    unknown = [k for k in th if k not in LABELS]
    _require(not unknown, f"thresholds name unknown label(s) {unknown}; labels are {list(LABELS)}")
    missing = [lab for lab in LABELS if lab not in th]
    _require(not missing, f"thresholds lack label(s) {missing}")
    values = [_number(th[lab]) for lab in LABELS]
    _require(all(v is not None and 0.0 <= v <= 1.0 for v in values), "every threshold must be a number in [0, 1]")
    return values  # type: ignore[return-value]


def _check_dataset(claimed: Any, dataset: DatasetLookup, where: str, need_hash: bool) -> DatasetVersion:
    _require(isinstance(claimed, dict), f"'dataset' in {where} must be an object")
    _require(claimed.get("name") == DATASET_NAME, f"dataset name {claimed.get('name')!r} is not {DATASET_NAME!r}")
    version = claimed.get("version")
    _require(isinstance(version, str) and bool(version), "'dataset.version' must be a string such as \"1.0\"")
    dv = dataset(version)
    stated = claimed.get("content_hash")
    if need_hash or stated is not None:
        _require(isinstance(stated, str) and bool(stated), "'dataset.content_hash' must be a string")
        _require(stated == dv.content_hash,
                 f"dataset content_hash {stated[:12]}… does not match {display_path(dv.path)} (manifest "
                 f"{dv.content_hash[:12]}…): the predictions were made on other data than version {dv.version}")
    return dv


def read_run(run_dir: str | os.PathLike, dataset: DatasetLookup) -> Run:
    """Read, check and score one run folder; raise :class:`Refused` with the reason."""
    run_dir = Path(run_dir)
    try:
        rec = read_record(run_dir)
    except InputError as e:
        raise Refused(error_text(e, run_dir)) from None
    model = rec["model"]
    _require(isinstance(model, dict), "'model' must be an object")
    _require(isinstance(model.get("name"), str) and bool(model["name"]), "'model.name' must be a non-empty string")
    _require(len(model["name"]) <= MAX_NAME, f"'model.name' is longer than {MAX_NAME} characters")
    _require(isinstance(model.get("config"), dict), "'model.config' must be an object (the configuration)")
    config = json_safe(model["config"])
    seed = rec["seed"]
    _require(isinstance(seed, int) and not isinstance(seed, bool), "'seed' must be an integer")
    _require(isinstance(rec["run_id"], str) and bool(rec["run_id"]), "'run_id' must be a non-empty string")
    thresholds = _thresholds(rec)
    dv = _check_dataset(rec["dataset"], dataset, RECORD_FILE, need_hash=True)
    splits = rec["splits"]
    _require(isinstance(splits, dict), "'splits' must be an object of split: {predictions, n}")
    _require("test" in splits, "no test predictions ('splits' has no 'test' entry)")
    scores, test_pred = {}, None
    for split in SCORED_SPLITS:
        if split not in splits or split not in dv.splits:
            continue
        path = _prediction_path(run_dir, splits[split], split)
        metrics, pred = score_split(path, dv.splits[split], split, thresholds, base=run_dir)
        n = splits[split].get("n")
        if n is not None and n != metrics["n"]:
            raise Refused(f"splits.{split}.n is {n!r} but {_shown(path, run_dir)} has {metrics['n']} predictions")
        scores[split] = metrics
        if split == "test":
            test_pred = pred
    assert test_pred is not None
    env = rec.get("environment") if isinstance(rec.get("environment"), dict) else {}
    eff = rec.get("efficiency") if isinstance(rec.get("efficiency"), dict) else {}
    git = rec.get("git") if isinstance(rec.get("git"), dict) else {}
    mm = rec["metrics_module"] if isinstance(rec["metrics_module"], dict) else {}
    provenance = {
        "command": _text(rec.get("command")),
        "git": {"commit": _text(git.get("commit")), "dirty": git.get("dirty") if isinstance(git.get("dirty"), bool)
                else None},
        "created": _text(rec.get("created")),
        "metrics_module": {"name": _text(mm.get("name")), "version": _text(mm.get("version"))},
        "environment": {"python": _text(env.get("python")), "device": _text(env.get("device")),
                        "hardware": _hardware(env)},
        "efficiency": {"train_seconds": _number(eff.get("train_seconds")),
                       "inference_paragraphs_per_second": _number(eff.get("inference_paragraphs_per_second")),
                       "peak_memory_mb": _number(eff.get("peak_memory_mb"))},
    }
    return Run(source=display_path(run_dir / RECORD_FILE), kind=RUN, run_id=rec["run_id"],
               model={"name": model["name"], "family": _text(model.get("family")),
                      "description": _text(model.get("description")), "parameters": _count(model.get("parameters")),
                      "url": None},
               config=config, config_hash=config_hash(config), seed=seed, thresholds=thresholds,
               dataset_version=dv.version, scores=scores, test_pred=test_pred, provenance=provenance)


def _prediction_path(run_dir: Path, entry: Any, split: str) -> Path:
    _require(isinstance(entry, dict) and isinstance(entry.get("predictions"), str),
             f"splits.{split} must be an object with a 'predictions' path")
    rel = Path(entry["predictions"])
    # a committed record from outside must not make the board read files outside its own folder
    _require(not rel.is_absolute() and ".." not in rel.parts,
             f"splits.{split}.predictions must be a path inside the run folder (e.g. {PREDICTIONS_DIR}/{split}.jsonl)")
    path = run_dir / rel
    _require(path.resolve().is_relative_to(run_dir.resolve()), f"splits.{split}.predictions leaves the run folder")
    _require(path.is_file(), f"{_shown(path, run_dir)}: predictions file named by splits.{split} is missing")
    return path


def _hardware(env: dict) -> str | None:
    """One line naming the machine the efficiency figures were measured on."""
    hw = env.get("hardware") if isinstance(env.get("hardware"), dict) else {}
    parts = []
    if hw.get("cpu"):
        cores = _count(hw.get("cores"))
        parts.append(f"{_text(hw['cpu'])}" + (f" ({cores} cores)" if cores else ""))
    if hw.get("gpu"):
        parts.append(f"GPU {_text(hw['gpu'])}")
    mem = _number(hw.get("memory_gb"))
    if mem:
        parts.append(f"{mem:g} GB RAM")
    if not parts and env.get("device"):
        parts.append(f"device {_text(env['device'])}")
    return ", ".join(parts) or None


# --- prediction-only submissions -------------------------------------------------------------------------------

def read_submission_header(path: str | os.PathLike) -> dict:
    """The checked header line of a submission file."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            first = f.readline(1 << 16)
    except OSError as e:
        raise Refused(f"{path.name}: cannot read file: {e.strerror}") from None
    try:
        head = json.loads(first.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(f"{path.name}:1: the header line is not valid JSON") from None
    _require(isinstance(head, dict) and "dqb_submission" in head, "the first line must be the submission header")
    version = str(head["dqb_submission"])
    _require(version.split(".")[0] == SUBMISSION_FORMAT_VERSION.split(".")[0],
             f"submission format {version!r} is not supported (this code reads {SUBMISSION_FORMAT_VERSION})")
    model = head.get("model")
    _require(isinstance(model, dict), "header 'model' must be an object with name, description, url, parameters")
    _require(isinstance(model.get("name"), str) and bool(model["name"].strip()),
             "header 'model.name' must be a non-empty string")
    _require(len(model["name"]) <= MAX_NAME, f"header 'model.name' is longer than {MAX_NAME} characters")
    _require(head.get("split") == "test", f"header 'split' must be \"test\", got {head.get('split')!r}")
    return head


def read_submission(path: str | os.PathLike, dataset: DatasetLookup) -> Run:
    """Read, check and score one prediction-only submission file (test split, thresholds 0.5)."""
    path = Path(path)
    head = read_submission_header(path)
    dv = _check_dataset(head.get("dataset"), dataset, "the header", need_hash=False)
    thresholds = [SUBMISSION_THRESHOLD] * len(LABELS)
    metrics, pred = score_split(path, dv.splits["test"], "test", thresholds, base=path.parent)
    model = head["model"]
    shown = display_path(path)
    return Run(source=shown, kind=SUBMISSION, run_id=f"submission:{shown}",
               model={"name": model["name"], "family": "submission", "description": _text(model.get("description")),
                      "parameters": _count(model.get("parameters")), "url": _text(model.get("url"))},
               # each submission file is its own row: the "config" hash names the file, not a configuration
               config={}, config_hash="sub-" + hashlib.sha256(shown.encode()).hexdigest()[:8], seed=None,
               thresholds=thresholds, dataset_version=dv.version, scores={"test": metrics}, test_pred=pred,
               provenance={"command": None, "git": {"commit": None, "dirty": None}, "created": None,
                           "metrics_module": {"name": None, "version": None},
                           "environment": {"python": None, "device": None, "hardware": None},
                           "efficiency": {"train_seconds": None, "inference_paragraphs_per_second": None,
                                          "peak_memory_mb": None},
                           "submission_format": str(head["dqb_submission"])})


# --- collecting everything -------------------------------------------------------------------------------------

def collect(inputs: Iterable[str | os.PathLike], data_dir: str | os.PathLike,
            private_test: str | os.PathLike | None = None, private_version: str | None = None) -> Collection:
    """Find, check and score every run record and submission under ``inputs``.

    A problem with one input refuses that input only. With ``private_test`` the test labels come from that file
    and only ``private_version`` (default: the newest version in ``data_dir``) is scored: ids alone cannot tell
    which version a label file belongs to, since versions share most ids. A problem with the private file itself
    raises :class:`InputError`: without trustworthy gold labels there is no board to build.
    """
    private = read_private_labels(private_test) if private_test is not None else None
    if private is not None:
        private_version = version_dir(data_dir, private_version).name[1:]
    run_dirs, submission_files, refusals = find_inputs(inputs)
    versions: dict[str, DatasetVersion | InputError] = {}

    def dataset(version: str) -> DatasetVersion:
        key = str(version).lstrip("v")
        if private is not None and key != private_version:
            raise Refused(f"private test labels were given for dataset version {private_version} only; this is "
                          f"for version {key}")
        if key not in versions:
            try:
                versions[key] = load_version(data_dir, key, private, private_test or "")
            except InputError as e:
                versions[key] = e
        found = versions[key]
        if isinstance(found, InputError):
            raise Refused(f"dataset version {key}: {error_text(found)}")
        return found

    runs: list[Run] = []
    for kind, paths, reader in ((RUN, run_dirs, read_run), (SUBMISSION, submission_files, read_submission)):
        for p in paths:
            try:
                runs.append(reader(p, dataset))
            except Refused as e:
                refusals.append(Refusal(display_path(p / RECORD_FILE if kind == RUN else p), str(e)))
    copies: list[str] = []
    runs = _drop_duplicates(runs, refusals, copies)
    loaded = {k: v for k, v in versions.items() if isinstance(v, DatasetVersion)}
    return Collection(runs=runs, refusals=refusals, versions=loaded, private_test=private is not None, copies=copies)


def _drop_duplicates(runs: list[Run], refusals: list[Refusal], copies: list[str]) -> list[Run]:
    """The same run found twice (a copy in results/ and in outputs/) or a seed run twice would count twice.

    An exact copy (same run_id, same recomputed scores) is skipped quietly and noted in ``copies``; a different
    run under a used run_id, or a second run of one seed of a configuration, is refused.
    """
    by_id: dict[tuple[str, str], Run] = {}
    by_seed: dict[tuple[str, str, int], Run] = {}
    kept = []
    for run in runs:
        first = by_id.get((run.dataset_version, run.run_id))
        if first is not None:
            if first.key == run.key and first.scores == run.scores:
                copies.append(run.source)
            else:
                refusals.append(Refusal(run.source, f"run_id {run.run_id!r} is already used by {first.source}, "
                                                    "with other predictions or configuration"))
            continue
        if run.seed is not None:
            first = by_seed.get((run.dataset_version, run.key, run.seed))
            if first is not None:
                refusals.append(Refusal(run.source, f"configuration {run.key} already has a run with seed {run.seed} "
                                                    f"({first.source}); the seeds of one configuration must differ"))
                continue
            by_seed[(run.dataset_version, run.key, run.seed)] = run
        by_id[(run.dataset_version, run.run_id)] = run
        kept.append(run)
    return kept
