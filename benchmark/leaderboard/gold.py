"""Gold labels of one dataset version, as the leaderboard scores against them.

A :class:`DatasetVersion` is loaded once per version named by the collected records: its split files are checked
against the manifest hashes first (:func:`benchmark.data.manifest.verify`), so every score on a board is computed
against exactly the data its ``content_hash`` names. In private-labels mode the test labels come from a file kept
outside the repository instead of ``test.jsonl``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmark.data.manifest import read_split, verify, version_dir
from benchmark.io import InputError, iter_jsonl
from benchmark.labels import LABEL2ID, LABELS

SCORED_SPLITS = ("test", "validation", "contrast")


@dataclass
class GoldSplit:
    """Gold multi-hot labels of one split, rows in the dataset's order."""

    ids: list[str]
    y: np.ndarray  # (n, len(LABELS)) int64
    pair_ids: list[str | None] = field(default_factory=list)

    def __post_init__(self):
        self.index = {pid: i for i, pid in enumerate(self.ids)}

    @property
    def n(self) -> int:
        return len(self.ids)


@dataclass
class DatasetVersion:
    """One verified dataset version: its manifest and the gold labels of the splits the board scores."""

    version: str
    path: Path
    manifest: dict
    splits: dict[str, GoldSplit]
    private_test: bool = False

    @property
    def content_hash(self) -> str:
        return self.manifest["content_hash"]

    def describe(self) -> dict:
        return {"name": self.manifest.get("name"), "version": self.version, "content_hash": self.content_hash,
                "guidelines_version": self.manifest.get("guidelines_version")}


def _multi_hot(path: str | Path, rows: list[dict], line_of=None) -> np.ndarray:
    y = np.zeros((len(rows), len(LABELS)), dtype=np.int64)
    for i, row in enumerate(rows):
        labels = row.get("labels")
        if not isinstance(labels, list):
            raise InputError(path, "'labels' must be a list of label names", line_of(i) if line_of else None, "labels")
        for name in labels:
            if name not in LABEL2ID:
                raise InputError(path, f"unknown label {name!r}; labels are {list(LABELS)}",
                                 line_of(i) if line_of else None, "labels")
            y[i, LABEL2ID[name]] = 1
    return y


def gold_from_records(path: str | Path, rows: list[dict]) -> GoldSplit:
    ids = [row.get("id") for row in rows]
    if len(set(ids)) != len(ids) or not all(isinstance(i, str) and i for i in ids):
        raise InputError(path, "split ids must be unique non-empty strings")
    return GoldSplit(ids=ids, y=_multi_hot(path, rows), pair_ids=[row.get("pair_id") for row in rows])


def read_private_labels(path: str | Path) -> GoldSplit:
    """Test labels kept outside the repository: one ``{"id", "labels": [...]}`` line per paragraph."""
    lines, rows = [], []
    for line, row in iter_jsonl(path):
        if not isinstance(row.get("id"), str) or not row["id"]:
            raise InputError(path, "missing or empty 'id'", line, "id")
        lines.append(line)
        rows.append(row)
    if not rows:
        raise InputError(path, "no test labels in the file")
    seen: set[str] = set()
    for line, row in zip(lines, rows, strict=True):
        if row["id"] in seen:
            raise InputError(path, f"duplicated id {row['id']!r}", line, "id")
        seen.add(row["id"])
    y = _multi_hot(path, rows, line_of=lambda i: lines[i])
    return GoldSplit(ids=[row["id"] for row in rows], y=y, pair_ids=[None] * len(rows))


def load_version(data_dir: str | Path, version: str, private_test: GoldSplit | None = None,
                 private_path: str | Path = "private test labels") -> DatasetVersion:
    """Verify ``data_dir/v<version>`` against its manifest and read the gold labels of the scored splits.

    With ``private_test`` the test labels come from it; its ids must be those of the public test split (when the
    version publishes one), so labels meant for one version are never applied to another.
    """
    vdir = version_dir(data_dir, version)
    manifest = verify(vdir)
    splits = {}
    for name in SCORED_SPLITS:
        if name not in manifest["splits"]:
            continue
        if name == "test" and private_test is not None:
            public_ids = [row.get("id") for row in read_split(vdir, name, check=False)]
            if sorted(public_ids) != sorted(private_test.ids):
                raise InputError(private_path, f"the private test labels do not cover the test ids of dataset "
                                               f"v{manifest['version']} ({len(private_test.ids)} private ids, "
                                               f"{len(public_ids)} public test ids)")
            continue
        splits[name] = gold_from_records(vdir / manifest["splits"][name]["file"], read_split(vdir, name, check=False))
    if private_test is not None:
        splits["test"] = private_test
    if "test" not in splits:
        raise InputError(vdir, "this dataset version has no test split to score against")
    return DatasetVersion(version=str(manifest["version"]), path=vdir, manifest=manifest, splits=splits,
                          private_test=private_test is not None)
