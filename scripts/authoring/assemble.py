"""Assemble a DQB version folder from the authoring files (kept for provenance).

Inputs under data/_work: specs/, drafts/ (the writers' paragraphs and labels: annotation 1), annotations/ (the
blind second annotation of evaluation paragraphs: annotation 2), adjudication/ (final labels and reasons where the
two disagree). Output: <out>/<split>.jsonl and manifest.json.

    python scripts/authoring/assemble.py --out data/v1.0
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from benchmark.data.manifest import build_manifest, write_manifest
from benchmark.data.schema import SCHEMA_VERSION
from benchmark.io import write_jsonl
from benchmark.labels import LABELS

WORK = Path("data/_work")
GUIDELINES_VERSION = "1.0"


def load_dir(d: Path) -> list[dict]:
    rows = []
    for f in sorted(d.glob("*.jsonl")) if d.exists() else []:
        rows += [json.loads(x) for x in f.read_text().splitlines() if x.strip()]
    return rows


def key_of(d: dict) -> str:
    return d["spec_id"] if "spec_id" in d else f"{d['pair_id']}/{d['member']}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("data/v1.0"))
    ap.add_argument("--version", default="1.0")
    ap.add_argument("--allow-missing", action="store_true", help="skip specs that have no draft yet")
    ap.add_argument("--provisional", action="store_true",
                    help="keep the author's labels where a disagreement is not adjudicated yet (never for release)")
    args = ap.parse_args()
    specs = {s.get("spec_id") or s["pair_id"]: s for s in load_dir(WORK / "specs")}
    drafts = {key_of(d): d for d in load_dir(WORK / "drafts")}
    blind = {a["key"]: a for a in load_dir(WORK / "annotations")}
    adjudicated = {a["key"]: a for a in load_dir(WORK / "adjudication")}
    splits: dict[str, list[dict]] = {"train": [], "validation": [], "test": [], "contrast": []}
    missing = 0
    for key, spec in sorted(specs.items()):
        members = [(key, None)] if "spec_id" in spec else [(f"{key}/a", "a"), (f"{key}/b", "b")]
        for k, member in members:
            d = drafts.get(k)
            if d is None:
                missing += 1
                continue
            split = spec.get("split", "contrast")
            labels = [lab for lab in LABELS if lab in d["labels"]]
            evidence = {lab: list(d["evidence"][lab]) for lab in labels}
            annotators = [{"annotator": "A1-author", "labels": labels}]
            adjudication = {"adjudicated": False, "reason": None}
            if k in blind:
                second = [lab for lab in LABELS if lab in blind[k]["labels"]]
                annotators.append({"annotator": "A2-blind", "labels": second})
                if second != labels:
                    adj = adjudicated.get(k)
                    if adj is None and args.provisional:
                        adj = {"labels": labels, "reason": "provisional: not adjudicated yet"}
                    if adj is None:
                        raise SystemExit(f"{k}: annotators disagree ({labels} vs {second}) and no adjudication")
                    final = [lab for lab in LABELS if lab in adj["labels"]]
                    for lab in final:
                        if lab not in evidence:
                            evidence[lab] = list(
                                adj.get("evidence", {}).get(lab) or blind[k].get("evidence", {}).get(lab) or []
                            )
                    evidence = {lab: evidence[lab] for lab in final}
                    labels = final
                    adjudication = {"adjudicated": True, "reason": adj["reason"]}
            rid = "dqb-" + hashlib.sha256(k.encode()).hexdigest()[:10]
            splits[split].append(
                {
                    "id": rid,
                    "text": d["text"],
                    "labels": labels,
                    "evidence": evidence,
                    "story_id": spec["story_id"],
                    "position": spec.get("position", 0) if member is None else 0,
                    "pair_id": spec.get("pair_id"),
                    "topic": spec["topic"],
                    "genre": spec["genre"],
                    "source": "authored",
                    "license": "CC-BY-4.0",
                    "contributor": "dqb-authors",
                    "annotations": {"annotators": annotators, **adjudication},
                }
            )
    # A contrast pair whose final labels no longer differ in exactly one label (after adjudication) is dropped.
    by_pair: dict[str, list[dict]] = {}
    for r in splits["contrast"]:
        by_pair.setdefault(r["pair_id"], []).append(r)
    broken = {pid for pid, ms in by_pair.items()
              if len(ms) != 2 or len(set(ms[0]["labels"]) ^ set(ms[1]["labels"])) != 1}
    splits["contrast"] = [r for r in splits["contrast"] if r["pair_id"] not in broken]
    if broken:
        print(f"dropped {len(broken)} contrast pairs whose adjudicated labels differ in other than one label")
    if missing and not args.allow_missing:
        raise SystemExit(f"{missing} specs have no draft (use --allow-missing to skip them)")
    args.out.mkdir(parents=True, exist_ok=True)
    for split, rows in splits.items():
        rows.sort(key=lambda r: (r["story_id"], r["position"], r["id"]))
        write_jsonl(args.out / f"{split}.jsonl", rows)
    write_manifest(args.out, build_manifest(args.out, args.version, GUIDELINES_VERSION, SCHEMA_VERSION))
    print({k: len(v) for k, v in splits.items()}, f"missing {missing}")


if __name__ == "__main__":
    main()
