"""Validate contributed files against the schema, each other and the current dataset; report every problem at once.

Errors block a merge; warnings are for a maintainer's eye. Pure Python (plus datasketch): no torch.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.contrib.formats import Row, read_file
from benchmark.data.manifest import DEFAULT_DATA_DIR, read_manifest, read_split, version_dir
from benchmark.data.neardup import THRESHOLD, NearDuplicateIndex
from benchmark.data.schema import Problem, check_record
from benchmark.data.stats import combo_name
from benchmark.data.validate import normalise_text
from benchmark.io import InputError

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,4}\)?[\s.-]?){2,4}\d{3,4}(?![\w.])")
_STOPWORDS = frozenset(
    "the a an and or of to in on at for with by from that this is was were are be been has have "
    "had it its as not but he she they we you his her their our i will would said says".split()
)
EVAL_SPLITS_LEAK = ("validation", "test", "contrast")


@dataclass
class Report:
    """Every problem found, plus the records that were read (in file order)."""

    problems: list[Problem] = field(default_factory=list)
    records: list[tuple[Row, dict[str, Any]]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self, max_lines: int = 500) -> str:
        lines = [str(p) for p in sorted(self.problems, key=lambda p: (p.file, p.line or 0, p.severity))]
        if len(lines) > max_lines:
            lines = lines[:max_lines] + [f"... and {len(lines) - max_lines} more"]
        n = len(self.records)
        verdict = "OK: ready to merge" if self.ok else "NOT ready: fix the errors above and run validate again"
        lines.append(f"{n} record(s), {len(self.errors)} error(s), {len(self.warnings)} warning(s). {verdict}")
        return "\n".join(lines)


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-zA-Z']+", text.lower())
    if len(words) < 8:
        return True
    return sum(w in _STOPWORDS for w in words) / len(words) >= 0.12


def validate_files(
    paths: list[str | Path],
    data_dir: str | Path = DEFAULT_DATA_DIR,
    version: str | None = None,
    defaults: dict[str, Any] | None = None,
    check_dataset: bool = True,
) -> Report:
    report = Report()
    for path in paths:
        for row in read_file(path, defaults=defaults):
            report.problems += row.problems
            if row.record is None:
                continue
            probs = check_record(row.record, row.file, row.line)
            report.problems += probs
            report.records.append((row, row.record))
    _within(report)
    _warnings(report)
    if check_dataset:
        _against_dataset(report, data_dir, version)
    return report


def _within(report: Report) -> None:
    ids = Counter(r.get("id") for _, r in report.records if isinstance(r.get("id"), str))
    seen: dict[str, Row] = {}
    for row, r in report.records:
        rid = r.get("id")
        if isinstance(rid, str) and ids[rid] > 1:
            report.problems.append(
                Problem(
                    "error",
                    f"duplicate id (appears {ids[rid]} times in the contribution)",
                    row.file,
                    row.line,
                    "id",
                    rid,
                )
            )
        if isinstance(r.get("text"), str) and r["text"].strip():
            key = normalise_text(r["text"])
            if key in seen:
                first = seen[key]
                report.problems.append(
                    Problem("error", f"exact duplicate of {first.file}:{first.line}", row.file, row.line, "text", rid)
                )
            else:
                seen[key] = row
    rows = [(row, r) for row, r in report.records if isinstance(r.get("text"), str) and r["text"].strip()]
    index = NearDuplicateIndex(THRESHOLD)
    index.add([r["text"] for _, r in rows])
    for d in index.self_pairs():
        (row_a, a), (row_b, b) = rows[d.i], rows[d.j]
        if normalise_text(a["text"]) == normalise_text(b["text"]) or (
            a.get("pair_id") and a.get("pair_id") == b.get("pair_id")
        ):
            continue
        report.problems.append(
            Problem(
                "warning",
                f"near-duplicate of {row_a.file}:{row_a.line} (Jaccard {d.similarity:.2f}) within the contribution",
                row_b.file,
                row_b.line,
                "text",
                b.get("id"),
            )
        )


def _warnings(report: Report) -> None:
    for row, r in report.records:
        text = r.get("text")
        if not isinstance(text, str):
            continue
        if not looks_english(text):
            report.problems.append(
                Problem("warning", "text does not look like English", row.file, row.line, "text", r.get("id"))
            )
        if _EMAIL.search(text) or _PHONE.search(text):
            what = "an e-mail address" if _EMAIL.search(text) else "a phone number"
            report.problems.append(
                Problem(
                    "warning", f"text contains {what}: remove personal data", row.file, row.line, "text", r.get("id")
                )
            )


def _against_dataset(report: Report, data_dir: str | Path, version: str | None) -> None:
    try:
        vdir = version_dir(data_dir, version)
        man = read_manifest(vdir)
    except InputError as e:
        report.problems.append(Problem("warning", f"no dataset to compare with ({e})", str(data_dir)))
        return
    existing: list[tuple[str, dict[str, Any]]] = []
    for split in man["splits"]:
        existing += [(split, r) for r in read_split(vdir, split, check=False)]
    ids = {r["id"] for _, r in existing}
    exact = {normalise_text(r["text"]): (s, r["id"]) for s, r in existing}
    rows = [(row, r) for row, r in report.records if isinstance(r.get("text"), str) and r["text"].strip()]
    for row, r in rows:
        if r.get("id") in ids:
            report.problems.append(
                Problem(
                    "warning",
                    "id already used in the dataset; merge assigns new ids",
                    row.file,
                    row.line,
                    "id",
                    r.get("id"),
                )
            )
        hit = exact.get(normalise_text(r["text"]))
        if hit:
            report.problems.append(
                Problem(
                    "error",
                    f"exact duplicate of {hit[1]} in the {hit[0]} split",
                    row.file,
                    row.line,
                    "text",
                    r.get("id"),
                )
            )
    index = NearDuplicateIndex(THRESHOLD)
    index.add([r["text"] for _, r in existing])
    for d in index.query([r["text"] for _, r in rows]):
        row, r = rows[d.i]
        split, other = existing[d.j]
        if normalise_text(r["text"]) == normalise_text(other["text"]):
            continue
        leak = split in EVAL_SPLITS_LEAK
        report.problems.append(
            Problem(
                "error" if leak else "warning",
                f"near-duplicate of {other['id']} in the {split} split (Jaccard {d.similarity:.2f})"
                + ("; this would leak evaluation data into the benchmark" if leak else ""),
                row.file,
                row.line,
                "text",
                r.get("id"),
            )
        )
    # label combinations far from the dataset's distribution
    base = Counter(combo_name(r["labels"]) for _, r in existing)
    total = sum(base.values())
    contrib = Counter(combo_name(r["labels"]) for _, r in report.records if isinstance(r.get("labels"), list))
    n = sum(contrib.values())
    for combo, k in contrib.items():
        expected = base.get(combo, 0) / total if total else 0
        if n >= 10 and k / n > max(3 * expected, expected + 0.25):
            report.problems.append(
                Problem(
                    "warning",
                    f"{k} of {n} records ({k / n:.0%}) carry the label combination {combo}, against "
                    f"{expected:.0%} in the dataset: please double-check these labels",
                    report.records[0][0].file,
                )
            )
