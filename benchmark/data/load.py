"""Load a DQB version into a ``datasets.DatasetDict`` with explicit features.

``labels`` is the float32 multi-hot vector in ``LABELS`` order (what a multi-label transformer's BCE loss needs);
the label names stay in ``label_names``. Hashes are verified first, so a modified split is never trained on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmark.data.manifest import DEFAULT_DATA_DIR, read_manifest, read_split, verify, version_dir
from benchmark.labels import LABELS, to_multi_hot


def features():
    """The ``datasets.Features`` of every split (imported lazily: ``datasets`` is slow to import)."""
    from datasets import Features, List, Value

    return Features(
        {
            "id": Value("string"),
            "text": Value("string"),
            "labels": List(Value("float32"), length=len(LABELS)),
            "label_names": List(Value("string")),
            "evidence": {lab: List(Value("string")) for lab in LABELS},
            "story_id": Value("string"),
            "position": Value("int32"),
            "pair_id": Value("string"),
            "topic": Value("string"),
            "genre": Value("string"),
            "source": Value("string"),
            "license": Value("string"),
            "contributor": Value("string"),
            "annotations": {
                "annotators": List({"annotator": Value("string"), "labels": List(Value("string"))}),
                "adjudicated": Value("bool"),
                "reason": Value("string"),
            },
        }
    )


def to_row(rec: dict[str, Any]) -> dict[str, Any]:
    """A JSONL record as a row of the DatasetDict (multi-hot labels, evidence for every label)."""
    ann = rec.get("annotations") or {}
    return {
        "id": rec["id"],
        "text": rec["text"],
        "labels": to_multi_hot(rec["labels"]),
        "label_names": list(rec["labels"]),
        "evidence": {lab: list((rec.get("evidence") or {}).get(lab) or []) for lab in LABELS},
        "story_id": rec["story_id"],
        "position": int(rec.get("position") or 0),
        "pair_id": rec.get("pair_id"),
        "topic": rec["topic"],
        "genre": rec["genre"],
        "source": rec["source"],
        "license": rec["license"],
        "contributor": rec.get("contributor", ""),
        "annotations": {
            "annotators": [
                {"annotator": a["annotator"], "labels": list(a["labels"])} for a in ann.get("annotators", [])
            ],
            "adjudicated": bool(ann.get("adjudicated", False)),
            "reason": ann.get("reason"),
        },
    }


def load_dqb(
    data_dir: str | Path = DEFAULT_DATA_DIR,
    version: str | None = None,
    splits: list[str] | None = None,
    verify_hashes: bool = True,
):
    """Load ``splits`` (default: all in the manifest) of ``version`` (default: latest) as a ``DatasetDict``."""
    from datasets import Dataset, DatasetDict

    vdir = version_dir(data_dir, version)
    manifest = verify(vdir) if verify_hashes else read_manifest(vdir)
    names = splits or list(manifest["splits"])
    feats = features()
    dd = DatasetDict(
        {
            name: Dataset.from_list([to_row(r) for r in read_split(vdir, name, check=False)], features=feats)
            for name in names
        }
    )
    return dd


def dataset_info(data_dir: str | Path = DEFAULT_DATA_DIR, version: str | None = None) -> dict[str, Any]:
    """Name, version, content hash and guidelines version: what a run record stores about its data."""
    man = read_manifest(version_dir(data_dir, version))
    return {
        "name": man["name"],
        "version": man["version"],
        "content_hash": man["content_hash"],
        "guidelines_version": man.get("guidelines_version"),
        "splits": {k: v["count"] for k, v in man["splits"].items()},
    }
