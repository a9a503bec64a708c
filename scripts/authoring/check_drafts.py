"""Check authored drafts against their specs (authoring aid for DQB v1.0; kept for provenance).

    python scripts/authoring/check_drafts.py data/_work/drafts/batch_007.jsonl

Prints one line per problem and exits 1 if there is any. Checks labels against the spec, evidence substrings,
length, sentence count, the spec's decoy requirements, over-used openings across all drafts, and (for contrast
pairs) that the two members differ by a small edit.
"""

from __future__ import annotations

import collections
import difflib
import json
import sys
from pathlib import Path

from benchmark.data import cues
from benchmark.labels import LABELS

WORK = Path("data/_work")
MAX_OPENING = 15  # across all drafts; the dataset rule is <= 1% of ~3,900 paragraphs


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_text(
    where: str, text: str, labels: list[str], evidence: dict, reqs: list[str], target: int | None
) -> list[str]:
    p = []
    if not isinstance(text, str) or not text.strip():
        return [f"{where}: empty text"]
    n = cues.word_count(text)
    if not 20 <= n <= 220:
        p.append(f"{where}: {n} words, must be 20-220")
    elif target and not (0.55 * target <= n <= 1.6 * target):
        p.append(f"{where}: {n} words, target was about {target}")
    ns = len(cues.split_sentences(text))
    if not 1 <= ns <= 8:
        p.append(f"{where}: {ns} sentences, must be 1-8")
    for lab in labels:
        if lab not in LABELS:
            p.append(f"{where}: unknown label {lab!r}")
    for lab in LABELS:
        ev = evidence.get(lab) or []
        if lab in labels and not ev:
            p.append(f"{where}: positive label {lab} needs at least one evidence string")
        if lab not in labels and ev:
            p.append(f"{where}: evidence given for negative label {lab}")
        for e in ev:
            if e not in text:
                p.append(f"{where}: evidence for {lab} is not an exact substring: {e[:60]!r}")
    for r in reqs:
        if r.startswith("NO quotation marks") and cues.has_quotation_marks(text):
            p.append(f"{where}: requirement says no quotation marks, but the text has some")
        if r.startswith("NO '?'") and "?" in text:
            p.append(f"{where}: requirement says no '?', but the text has one")
        if r.startswith("DECOY: include a '?'") and "?" not in text:
            p.append(f"{where}: decoy requirement: the text needs a '?' (not a rhetorical question)")
        if r.startswith("DECOY: use one of the words") and not cues.has_hedge(text):
            p.append(f"{where}: decoy requirement: the text needs one of {', '.join(cues.HEDGE_WORDS)}")
        if r.startswith("DECOY: include quotation marks") and not cues.has_quotation_marks(text):
            p.append(f"{where}: decoy requirement: the text needs quotation marks")
    return p


def main(paths: list[str]) -> int:
    specs = {}
    for f in sorted((WORK / "specs").glob("*.jsonl")):
        for s in load_jsonl(f):
            specs[s.get("spec_id") or s["pair_id"]] = s
    openings = collections.Counter()
    for f in sorted((WORK / "drafts").glob("*.jsonl")):
        for d in load_jsonl(f):
            openings[cues.opening(d.get("text", ""))] += 1
    problems = []
    for path in map(Path, paths):
        try:
            drafts = load_jsonl(path)
        except json.JSONDecodeError as e:
            print(f"{path}: invalid JSON at line {e.lineno}: {e.msg}")
            return 1
        seen = set()
        for i, d in enumerate(drafts, 1):
            key = d.get("spec_id") or d.get("pair_id")
            where = f"{path.name}:{i} ({key}{'/' + d['member'] if 'member' in d else ''})"
            spec = specs.get(key)
            if spec is None:
                problems.append(f"{where}: no spec with this id")
                continue
            seen.add((key, d.get("member")))
            if "pair_id" in spec:
                want = spec["labels_a"] if d.get("member") == "a" else spec["labels_b"]
                reqs = (
                    spec["requirements"]
                    if d.get("member") == "a"
                    else [r for r in spec["requirements"] if not r.startswith("DECOY")]
                )
            else:
                want, reqs = spec["labels"], spec["requirements"]
            if sorted(d.get("labels", [])) != sorted(want):
                problems.append(f"{where}: labels {d.get('labels')} differ from the spec {want}")
            problems += check_text(
                where, d.get("text", ""), d.get("labels", []), d.get("evidence", {}), reqs, spec.get("target_words")
            )
            o = cues.opening(d.get("text", ""))
            if openings[o] > MAX_OPENING:
                problems.append(f"{where}: opening '{o}' is used {openings[o]} times across drafts; vary it")
        kind = "pair" if paths and "contrast" in Path(paths[0]).name else "spec"
        batch_specs = (
            [json.loads(x) for x in (WORK / "specs" / path.name).read_text().splitlines()]
            if (WORK / "specs" / path.name).exists()
            else []
        )
        for s in batch_specs:
            if kind == "pair":
                for m in "ab":
                    if (s["pair_id"], m) not in seen:
                        problems.append(f"{path.name}: missing member {m} of {s['pair_id']}")
            elif (s["spec_id"], None) not in seen:
                problems.append(f"{path.name}: missing draft for {s['spec_id']}")
        if kind == "pair":
            by_pair = collections.defaultdict(dict)
            for d in drafts:
                by_pair[d.get("pair_id")][d.get("member")] = d.get("text", "")
            for pid, m in by_pair.items():
                if "a" in m and "b" in m:
                    r = difflib.SequenceMatcher(None, m["a"].split(), m["b"].split()).ratio()
                    if r < 0.7:
                        problems.append(
                            f"{path.name} ({pid}): members differ too much (word similarity {r:.2f} < 0.70); "
                            "make a minimal edit"
                        )
                    if m["a"] == m["b"]:
                        problems.append(f"{path.name} ({pid}): members are identical")
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
