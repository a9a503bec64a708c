"""Merge a clean contribution into a new dataset version, atomically and deterministically.

New ids are hashes of the contributor and the original id; splits come from the hash of the (namespaced) story id,
so adding data never moves an existing paragraph and a story never crosses splits. Everything is written into a
temporary folder first; the new version folder, changelog and card then replace the old ones, and any failure on
the way restores what was there (nothing in ``data/`` changes unless the whole merge succeeds).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from benchmark.contrib.validate import Report, validate_files
from benchmark.data.manifest import (
    DEFAULT_DATA_DIR,
    build_manifest,
    parse_version,
    read_manifest,
    read_split,
    version_dir,
    write_manifest,
)
from benchmark.data.splits import split_for_story
from benchmark.io import write_jsonl

CHANGELOG = "CHANGELOG.md"


class MergeError(RuntimeError):
    """The contribution cannot be merged (it did not validate cleanly, or the data folder is not as expected)."""


def bump(version: str, part: str) -> str:
    major, minor = parse_version(version)
    if part == "major":
        return f"{major + 1}.0"
    if part == "minor":
        return f"{major}.{minor + 1}"
    raise ValueError("bump is 'minor' or 'major'")


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:40] or "anon"


def to_dataset_record(rec: dict[str, Any]) -> dict[str, Any]:
    """A validated contribution record as a dataset record with a stable new id and a namespaced story id."""
    who = _slug(rec["contributor"])
    rid = "dqb-c" + hashlib.sha256(f"{who}\x00{rec['id']}".encode()).hexdigest()[:10]
    story = f"{who}:{rec.get('story_id') or rec['id']}"
    out = {
        "id": rid,
        "text": rec["text"],
        "labels": list(rec["labels"]),
        "evidence": {k: v for k, v in (rec.get("evidence") or {}).items() if v},
        "story_id": story,
        "position": int(rec.get("position") or 0),
        "pair_id": rec.get("pair_id"),
        "topic": rec["topic"],
        "genre": rec["genre"],
        "source": "contributed",
        "license": rec["license"],
        "contributor": rec["contributor"],
        "annotations": rec["annotations"],
    }
    if out["pair_id"]:
        out["pair_id"] = f"{who}:{out['pair_id']}"
    return out


def plan_merge(report: Report, data_dir: Path, version: str | None) -> tuple[dict[str, Any], dict[str, list]]:
    vdir = version_dir(data_dir, version)
    man = read_manifest(vdir)
    splits = {name: read_split(vdir, name) for name in man["splits"]}
    added: dict[str, int] = {}
    for _, rec in report.records:
        new = to_dataset_record(rec)
        split = "contrast" if new["pair_id"] else split_for_story(new["story_id"])
        splits.setdefault(split, []).append(new)
        added[split] = added.get(split, 0) + 1
    for rows in splits.values():
        rows.sort(key=lambda r: (r["story_id"], r["position"], r["id"]))
    return {"base": man, "added": added}, splits


def merge(
    paths: list[str | Path],
    part: str = "minor",
    data_dir: str | Path = DEFAULT_DATA_DIR,
    version: str | None = None,
    defaults: dict[str, Any] | None = None,
    note: str = "",
    regenerate_card: bool = True,
) -> Path:
    """Validate, then write ``data/v<new>/`` plus changelog and card. Returns the new version folder."""
    data_dir = Path(data_dir)
    report = validate_files(paths, data_dir, version, defaults)
    if not report.ok:
        raise MergeError("the contribution has errors; run validate and fix them first:\n" + report.format(50))
    if not report.records:
        raise MergeError("the contribution holds no records")
    info, splits = plan_merge(report, data_dir, version)
    base = info["base"]
    new_version = bump(base["version"], part)
    target = data_dir / f"v{new_version}"
    if target.exists():
        raise MergeError(f"{target} exists already")
    staging = Path(tempfile.mkdtemp(prefix=f".merge-v{new_version}-", dir=data_dir))
    backups: list[tuple[Path, Path | None]] = []
    moved = False
    try:
        vstage = staging / f"v{new_version}"
        vstage.mkdir()
        for name, rows in splits.items():
            write_jsonl(vstage / f"{name}.jsonl", rows)
        contributors = sorted({r["contributor"] for _, r in report.records})
        write_manifest(
            vstage,
            build_manifest(
                vstage,
                new_version,
                base.get("guidelines_version", "1.0"),
                base.get("schema_version", "1.0"),
                extra={"parent": base["version"]},
            ),
        )
        entry = (
            f"## {new_version} ({date.today().isoformat()})\n\n"
            f"- Merged {len(report.records)} contributed paragraph(s) from {', '.join(contributors)} into v"
            f"{base['version']}: "
            + ", ".join(f"{k} +{v}" for k, v in sorted(info["added"].items()))
            + ".\n"
            + (f"- {note}\n" if note else "")
            + "\n"
        )
        changelog = data_dir / CHANGELOG
        old = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Changelog\n\n"
        head, _, rest = old.partition("\n\n")
        (staging / CHANGELOG).write_text(f"{head}\n\n{entry}{rest}", encoding="utf-8")
        card = None
        if regenerate_card:
            from benchmark.data.card import render_card

            card = render_card(vstage, data_dir)
            (staging / "README.md").write_text(card, encoding="utf-8")
        # Commit: move the version folder in, then swap the two files; undo everything on any failure.
        os.replace(vstage, target)
        moved = True
        for name in [CHANGELOG, "README.md"] if card is not None else [CHANGELOG]:
            dest = data_dir / name
            backup = None
            if dest.exists():
                backup = staging / f"{name}.bak"
                shutil.copy2(dest, backup)
            backups.append((dest, backup))
            os.replace(staging / name, dest)
    except BaseException:
        for dest, backup in reversed(backups):
            if backup is not None:
                os.replace(backup, dest)
            elif dest.exists():
                dest.unlink()
        if moved and target.exists():
            shutil.rmtree(target)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
