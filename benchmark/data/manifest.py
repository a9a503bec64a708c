"""Dataset versions on disk, their manifests and content hashes. Pure Python: no torch, no datasets.

Layout::

    data/v1.0/manifest.json     name, version, labels, guidelines and schema versions, per-split count and sha256
    data/v1.0/<split>.jsonl     train, validation, test, contrast

The content hash is the sha256 of the sorted ``split:sha256`` lines, so it names the exact data of a version.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from benchmark.io import InputError, read_json, read_jsonl, write_json
from benchmark.labels import LABELS

DATASET_NAME = "dqb"
MANIFEST = "manifest.json"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
_VERSION_RE = re.compile(r"^v?(\d+)\.(\d+)$")


class DataIntegrityError(InputError):
    """A split file does not match the hash its manifest records."""


def parse_version(version: str) -> tuple[int, int]:
    m = _VERSION_RE.match(str(version))
    if not m:
        raise ValueError(f"dataset versions look like '1.0', got {version!r}")
    return int(m.group(1)), int(m.group(2))


def available_versions(data_dir: str | Path = DEFAULT_DATA_DIR) -> list[str]:
    found = [p.parent.name[1:] for p in Path(data_dir).glob(f"v*/{MANIFEST}") if _VERSION_RE.match(p.parent.name)]
    return sorted(found, key=parse_version)


def version_dir(data_dir: str | Path = DEFAULT_DATA_DIR, version: str | None = None) -> Path:
    """The folder of ``version`` (``None`` or ``"latest"``: the newest)."""
    versions = available_versions(data_dir)
    if not versions:
        raise InputError(data_dir, f"no dataset version found (expected {Path(data_dir) / 'v1.0' / MANIFEST})")
    if version in (None, "latest"):
        version = versions[-1]
    version = str(version).lstrip("v")
    if version not in versions:
        raise InputError(data_dir, f"dataset version {version} not found; available: {', '.join(versions)}")
    return Path(data_dir) / f"v{version}"


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def content_hash(split_hashes: dict[str, str]) -> str:
    lines = "".join(f"{name}:{digest}\n" for name, digest in sorted(split_hashes.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def build_manifest(
    vdir: str | Path, version: str, guidelines_version: str, schema_version: str, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    vdir = Path(vdir)
    splits = {}
    for path in sorted(vdir.glob("*.jsonl")):
        with open(path, "rb") as f:
            count = sum(1 for line in f if line.strip())
        splits[path.stem] = {"file": path.name, "count": count, "sha256": sha256_file(path)}
    return {
        "name": DATASET_NAME,
        "version": version,
        "labels": list(LABELS),
        "guidelines_version": guidelines_version,
        "schema_version": schema_version,
        "splits": splits,
        "content_hash": content_hash({k: v["sha256"] for k, v in splits.items()}),
        **(extra or {}),
    }


def write_manifest(vdir: str | Path, manifest: dict[str, Any]) -> None:
    write_json(Path(vdir) / MANIFEST, manifest)


def read_manifest(vdir: str | Path) -> dict[str, Any]:
    path = Path(vdir) / MANIFEST
    man = read_json(path)
    for key in ("name", "version", "labels", "splits", "content_hash"):
        if key not in man:
            raise InputError(path, "missing required field", field=key)
    if list(man["labels"]) != list(LABELS):
        raise InputError(path, f"labels {man['labels']} differ from this code's {list(LABELS)}", field="labels")
    return man


def verify(vdir: str | Path, splits: list[str] | None = None) -> dict[str, Any]:
    """Check every (or the named) split file against the manifest; raise :class:`DataIntegrityError` on mismatch."""
    vdir = Path(vdir)
    man = read_manifest(vdir)
    names = splits or list(man["splits"])
    for name in names:
        if name not in man["splits"]:
            raise InputError(vdir / MANIFEST, f"split {name!r} is not in the manifest", field="splits")
        entry = man["splits"][name]
        path = vdir / entry["file"]
        if not path.exists():
            raise DataIntegrityError(path, "split file listed in the manifest is missing")
        digest = sha256_file(path)
        if digest != entry["sha256"]:
            raise DataIntegrityError(
                path,
                f"sha256 {digest[:12]}… does not match the manifest's {entry['sha256'][:12]}…: the split was "
                "modified after release; restore it or publish a new version with `dqb-contrib merge`",
            )
    if content_hash({k: v["sha256"] for k, v in man["splits"].items()}) != man["content_hash"]:
        raise DataIntegrityError(vdir / MANIFEST, "content_hash does not match the split hashes", field="content_hash")
    return man


def read_split(vdir: str | Path, split: str, check: bool = True) -> list[dict[str, Any]]:
    """The records of one split (hash-verified unless ``check`` is False)."""
    vdir = Path(vdir)
    if check:
        verify(vdir, [split])
    man = read_manifest(vdir)
    if split not in man["splits"]:
        raise InputError(vdir / MANIFEST, f"no split {split!r}; splits: {', '.join(man['splits'])}")
    return read_jsonl(vdir / man["splits"][split]["file"])
