"""Blind second annotation and adjudication files (authoring aid for DQB v1.0; kept for provenance).

    python scripts/authoring/annotation_batches.py blind       # data/_work/blind/batch_*.json: texts only, no labels
    python scripts/authoring/annotation_batches.py check        # every blind batch answered, answers well-formed
    python scripts/authoring/annotation_batches.py disagreements  # data/_work/adjudicate/batch_*.json

Blind batches hold whole stories (so pronouns can be resolved) and never both members of a contrast pair: pool
"a" holds regular stories of one half plus member a of each pair, pool "b" the rest plus member b; an annotator
works in one pool only.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from benchmark.labels import LABELS

WORK = Path("data/_work")


def load(d: Path) -> list[dict]:
    return [json.loads(x) for f in sorted(d.glob("*.jsonl")) for x in f.read_text().splitlines() if x.strip()]


def key_of(d: dict) -> str:
    return d["spec_id"] if "spec_id" in d else f"{d['pair_id']}/{d['member']}"


def blind(per_batch: int = 110) -> None:
    specs = {s.get("spec_id") or s["pair_id"]: s for s in load(WORK / "specs")}
    drafts = load(WORK / "drafts")
    stories: dict[str, list[dict]] = defaultdict(list)
    pairs = {"a": [], "b": []}
    for d in drafts:
        if "pair_id" in d:
            pairs[d["member"]].append(
                {"story": d["pair_id"] + "/" + d["member"], "paragraphs": [{"key": key_of(d), "text": d["text"]}]}
            )
        elif specs[d["spec_id"]]["split"] in ("validation", "test"):
            stories[d["story_id"]].append(d)
    units = []
    for sid, ds in sorted(stories.items()):
        ds.sort(key=lambda d: specs[d["spec_id"]]["position"])
        units.append({"story": sid, "paragraphs": [{"key": key_of(d), "text": d["text"]} for d in ds]})
    rng = random.Random(7)
    rng.shuffle(units)
    half = len(units) // 2
    out = WORK / "blind"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for pool, items in (("a", units[:half] + pairs["a"]), ("b", units[half:] + pairs["b"])):
        rng.shuffle(items)
        batch, size = [], 0
        for u in items + [None]:
            if u is not None:
                batch.append(u)
                size += len(u["paragraphs"])
            if (u is None and batch) or size >= per_batch:
                (out / f"{pool}_{n:03d}.json").write_text(json.dumps(batch, ensure_ascii=False, indent=1))
                n, batch, size = n + 1, [], 0
    print(f"{n} blind batches in {out}")


def check(names: list[str] | None = None) -> int:
    problems = 0
    answers = {a["key"]: a for a in load(WORK / "annotations")}
    files = [WORK / "blind" / f"{n}.json" for n in names] if names else sorted((WORK / "blind").glob("*.json"))
    for f in files:
        for unit in json.loads(f.read_text()):
            for p in unit["paragraphs"]:
                a = answers.get(p["key"])
                if a is None:
                    print(f"{f.name}: {p['key']} not answered")
                    problems += 1
                    continue
                bad = [x for x in a.get("labels", []) if x not in LABELS]
                missing = [
                    e
                    for lab in a.get("labels", [])
                    for e in (a.get("evidence") or {}).get(lab, [])
                    if e not in p["text"]
                ]
                if bad or missing:
                    print(f"{f.name}: {p['key']} unknown labels {bad} / evidence not in text {missing[:1]}")
                    problems += 1
    print(f"{len(answers)} answers, {problems} problem(s)")
    return 1 if problems else 0


def disagreements(per_batch: int = 60) -> None:
    drafts = {key_of(d): d for d in load(WORK / "drafts")}
    answers = {a["key"]: a for a in load(WORK / "annotations")}
    context: dict[str, list[str]] = {}
    for f in sorted((WORK / "blind").glob("*.json")):
        for unit in json.loads(f.read_text()):
            for p in unit["paragraphs"]:
                context[p["key"]] = [q["text"] for q in unit["paragraphs"]]
    items = []
    for k, a in sorted(answers.items()):
        d = drafts[k]
        first = sorted(x for x in d["labels"] if x in LABELS)
        second = sorted(x for x in a["labels"] if x in LABELS)
        if first != second:
            items.append(
                {
                    "key": k,
                    "text": d["text"],
                    "story_paragraphs": context.get(k, [d["text"]]),
                    "annotator_1": {"labels": first, "evidence": d.get("evidence", {})},
                    "annotator_2": {"labels": second, "evidence": a.get("evidence", {})},
                }
            )
    out = WORK / "adjudicate"
    out.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(items), per_batch):
        (out / f"batch_{i // per_batch:03d}.json").write_text(
            json.dumps(items[i : i + per_batch], ensure_ascii=False, indent=1)
        )
    print(f"{len(items)} disagreements of {len(answers)} doubly annotated paragraphs -> {out}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "blind":
        blind()
    elif cmd == "check":
        sys.exit(check(sys.argv[2:]))
    elif cmd == "disagreements":
        disagreements()
    else:
        sys.exit(__doc__)
