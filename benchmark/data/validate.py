"""Validate a dataset version: every record, the whole collection, and the release constraints of DQB.

Used by ``dqb-data validate`` on the shipped data and, record by record, by the contribution workflow. Pure Python
(plus datasketch): no torch, no datasets.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmark.data import cues
from benchmark.data.manifest import DataIntegrityError, read_manifest, verify
from benchmark.data.neardup import THRESHOLD, NearDuplicateIndex
from benchmark.data.schema import Problem, check_record
from benchmark.data.splits import ALL_SPLITS, EVAL_SPLITS, SPLITS
from benchmark.data.stats import COMBOS, combo_name, compute_stats
from benchmark.io import InputError, iter_jsonl
from benchmark.labels import LABELS, SHORT_NAMES

# What a release of DQB promises (issue: Dataset v1.0). Rates are shares of paragraphs of each split.
RELEASE_RULES = {
    "min_total": 3000,
    "min_test": 750,
    "min_validation": 450,
    "min_pairs": 300,
    "label_rate": (0.25, 0.45),
    "min_no_label_rate": 0.15,
    "min_combo_in_test": 20,
    "min_decoy_rate": 0.25,
    "min_quote_without_marks": 0.15,
    "max_opening_share": 0.01,
    "words": (20, 220),
    "sentences": (1, 8),
    "min_topics": 12,
    "min_genres": 6,
}


def normalise_text(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


def read_records(path: Path) -> tuple[list[tuple[int, dict]], list[Problem]]:
    try:
        return list(iter_jsonl(path)), []
    except InputError as e:
        return [], [Problem("error", str(e).split(": ", 1)[-1], str(path), e.line, e.field)]


def check_collection(files: dict[str, list[tuple[int, dict]]], file_of: dict[str, str]) -> list[Problem]:
    """Checks across records: unique ids, duplicates and near-duplicates, stories and pairs within one split."""
    out: list[Problem] = []
    flat = [(split, line, r) for split, rows in files.items() for line, r in rows if isinstance(r, dict)]
    ids = Counter(r.get("id") for _, _, r in flat)
    for split, line, r in flat:
        if ids[r.get("id")] > 1:
            out.append(
                Problem(
                    "error", f"duplicate id (appears {ids[r.get('id')]} times)", file_of[split], line, "id", r.get("id")
                )
            )
    story_splits: dict[str, set[str]] = defaultdict(set)
    for split, _, r in flat:
        if isinstance(r.get("story_id"), str):
            story_splits[r["story_id"]].add(split)
    for split, line, r in flat:
        if len(story_splits.get(r.get("story_id"), ())) > 1:
            out.append(
                Problem(
                    "error",
                    f"story {r['story_id']} crosses splits {sorted(story_splits[r['story_id']])}",
                    file_of[split],
                    line,
                    "story_id",
                    r.get("id"),
                )
            )
    # exact duplicates (after normalising case, punctuation and spaces)
    seen: dict[str, tuple[str, int, str]] = {}
    for split, line, r in flat:
        if not isinstance(r.get("text"), str):
            continue
        key = normalise_text(r["text"])
        if key in seen:
            s0, l0, id0 = seen[key]
            out.append(
                Problem(
                    "error", f"exact duplicate of {id0} ({file_of[s0]}:{l0})", file_of[split], line, "text", r.get("id")
                )
            )
        else:
            seen[key] = (split, line, r.get("id"))
    out += _near_duplicates(flat, file_of)
    out += _pairs(flat, file_of)
    return out


def _near_duplicates(flat, file_of) -> list[Problem]:
    rows = [(s, line, r) for s, line, r in flat if isinstance(r.get("text"), str)]
    index = NearDuplicateIndex(THRESHOLD)
    index.add([r["text"] for _, _, r in rows])
    out = []
    for d in index.self_pairs():
        (s1, l1, r1), (s2, l2, r2) = rows[d.i], rows[d.j]
        if r1.get("pair_id") and r1.get("pair_id") == r2.get("pair_id"):
            continue  # contrast pairs are near-duplicates by design
        if normalise_text(r1["text"]) == normalise_text(r2["text"]):
            continue  # reported as an exact duplicate
        where = "across splits" if s1 != s2 else "within a split"
        out.append(
            Problem(
                "error",
                f"near-duplicate {where} of {r1.get('id')} ({file_of[s1]}:{l1}), word-shingle "
                f"Jaccard {d.similarity:.2f} >= {THRESHOLD}",
                file_of[s2],
                l2,
                "text",
                r2.get("id"),
            )
        )
    return out


def _pairs(flat, file_of) -> list[Problem]:
    members = defaultdict(list)
    for split, line, r in flat:
        if r.get("pair_id"):
            members[r["pair_id"]].append((split, line, r))
    out = []
    for pid, ms in members.items():
        split, line, r = ms[0]
        if len(ms) != 2:
            out.append(
                Problem(
                    "error", f"pair {pid} has {len(ms)} members, needs 2", file_of[split], line, "pair_id", r.get("id")
                )
            )
            continue
        (s1, _, a), (s2, l2, b) = ms
        if s1 != s2 or s1 != "contrast":
            out.append(
                Problem(
                    "error",
                    f"pair {pid} members must both be in the contrast split",
                    file_of[s2],
                    l2,
                    "pair_id",
                    b.get("id"),
                )
            )
        flipped = set(a.get("labels") or []) ^ set(b.get("labels") or [])
        if len(flipped) != 1:
            out.append(
                Problem(
                    "error",
                    f"pair {pid} members differ in {len(flipped)} labels, need exactly 1",
                    file_of[s2],
                    l2,
                    "labels",
                    b.get("id"),
                )
            )
    return out


def check_release(splits: dict[str, list[dict[str, Any]]], file_of: dict[str, str]) -> list[Problem]:
    """The design constraints a DQB release meets (see ``RELEASE_RULES``)."""
    R = RELEASE_RULES
    stats = compute_stats(splits)
    out: list[Problem] = []

    def fail(msg: str, split: str | None = None) -> None:
        out.append(Problem("error", msg, file_of.get(split, "manifest") if split else "dataset"))

    total = sum(len(splits.get(s, [])) for s in SPLITS)
    if total < R["min_total"]:
        fail(f"{total} paragraphs in train/validation/test, need at least {R['min_total']}")
    for split, key in (("test", "min_test"), ("validation", "min_validation")):
        if len(splits.get(split, [])) < R[key]:
            fail(f"{len(splits.get(split, []))} paragraphs, need at least {R[key]}", split)
    if stats["splits"].get("contrast", {}).get("pairs", 0) < R["min_pairs"]:
        fail(f"{stats['splits'].get('contrast', {}).get('pairs', 0)} contrast pairs, need {R['min_pairs']}", "contrast")
    if stats["total"]["topics"] < R["min_topics"]:
        fail(f"{stats['total']['topics']} topics, need at least {R['min_topics']}")
    if stats["total"]["genres"] < R["min_genres"]:
        fail(f"{stats['total']['genres']} genres, need at least {R['min_genres']}")
    lo, hi = R["label_rate"]
    for split, s in stats["splits"].items():
        for lab, rate in s["label_rates"].items():
            if rate is None or not lo <= rate <= hi:
                fail(f"{lab} rate {rate} outside [{lo}, {hi}]", split)
        if (s["no_label_rate"] or 0) < R["min_no_label_rate"]:
            fail(f"only {s['no_label_rate']} of paragraphs carry no label, need {R['min_no_label_rate']}", split)
        c = s["cues"]
        for key, what in (
            ("question_mark_without_rq", "paragraphs with '?' that are not RQ"),
            ("hedge_without_speculation", "paragraphs with a hedge word that are not SPEC"),
            ("quotation_marks_without_quote", "paragraphs with quotation marks that are not QUOTE"),
        ):
            if c[key] is None or c[key] < R["min_decoy_rate"]:
                fail(f"{what}: {c[key]}, need at least {R['min_decoy_rate']}", split)
        if (
            c["quote_without_quotation_marks"] is None
            or c["quote_without_quotation_marks"] < R["min_quote_without_marks"]
        ):
            fail(
                f"QUOTE paragraphs without quotation marks: {c['quote_without_quotation_marks']}, need "
                f"{R['min_quote_without_marks']}",
                split,
            )
        if s["words"]["min"] < R["words"][0] or s["words"]["max"] > R["words"][1]:
            fail(f"paragraph lengths {s['words']['min']}-{s['words']['max']} words outside {R['words']}", split)
        if s["sentences"]["min"] < R["sentences"][0] or s["sentences"]["max"] > R["sentences"][1]:
            fail(f"sentence counts {s['sentences']['min']}-{s['sentences']['max']} outside {R['sentences']}", split)
    test = stats["splits"].get("test")
    if test:
        for combo in COMBOS:
            n = test["combinations"][combo_name(combo)]
            if n < R["min_combo_in_test"]:
                fail(f"label combination {combo_name(combo)} has {n} paragraphs, need {R['min_combo_in_test']}", "test")
    top = stats["total"]["top_opening"]
    if top and top["share"] > R["max_opening_share"]:
        fail(
            f"opening {top['opening']!r} starts {top['count']} paragraphs ({top['share']:.2%}), more than "
            f"{R['max_opening_share']:.0%}"
        )
    for split, rs in splits.items():
        for r in rs:
            if split in EVAL_SPLITS and len((r.get("annotations") or {}).get("annotators", [])) < 2:
                out.append(
                    Problem(
                        "error",
                        "evaluation paragraphs need two independent annotations",
                        file_of[split],
                        None,
                        "annotations",
                        r.get("id"),
                    )
                )
                break
    return out


def validate_version(vdir: str | Path, release: bool = True) -> list[Problem]:
    """Every problem in a dataset version folder: integrity, records, collection and (optionally) release rules."""
    vdir = Path(vdir)
    out: list[Problem] = []
    try:
        man = read_manifest(vdir)
    except InputError as e:
        return [Problem("error", str(e), str(vdir / "manifest.json"))]
    try:
        verify(vdir)
    except (DataIntegrityError, InputError) as e:
        out.append(Problem("error", str(e), e.path, e.line, e.field))
    files: dict[str, list[tuple[int, dict]]] = {}
    file_of: dict[str, str] = {}
    for split, entry in man["splits"].items():
        path = vdir / entry["file"]
        file_of[split] = str(path)
        rows, probs = read_records(path)
        out += probs
        files[split] = rows
        if split not in ALL_SPLITS:
            out.append(Problem("warning", f"unknown split name {split!r}", str(path)))
        for line, rec in rows:
            out += check_record(rec, str(path), line)
            if isinstance(rec.get("text"), str) and release:
                n = len(cues.split_sentences(rec["text"]))
                if not 1 <= n <= RELEASE_RULES["sentences"][1]:
                    out.append(
                        Problem(
                            "error",
                            f"{n} sentences, a paragraph has 1-{RELEASE_RULES['sentences'][1]}",
                            str(path),
                            line,
                            "text",
                            rec.get("id"),
                        )
                    )
    out += check_collection(files, file_of)
    if release and not any(p.severity == "error" and p.field in ("labels", None) for p in out if p.line):
        good = {
            s: [r for _, r in rows if isinstance(r, dict) and isinstance(r.get("labels"), list)]
            for s, rows in files.items()
        }
        out += check_release(good, file_of)
    return out


def summarise(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    return f"{errors} error(s), {warnings} warning(s)"


__all__ = [
    "RELEASE_RULES",
    "validate_version",
    "check_collection",
    "check_release",
    "summarise",
    "LABELS",
    "SHORT_NAMES",
]
