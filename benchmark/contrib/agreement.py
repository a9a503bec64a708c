"""Agreement between annotators of the same paragraphs, and the list of disagreements to adjudicate.

Input: native records whose ``annotations.annotators`` hold two or more entries (the shipped evaluation splits do),
a Label Studio export with several annotations per task, or several files that label the same ids (one per
annotator). Cohen's kappa when every paragraph has exactly two annotations; Krippendorff's alpha always.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.contrib.formats import read_file
from benchmark.data.agreement import cohen_kappa, krippendorff_alpha
from benchmark.data.schema import Problem
from benchmark.labels import LABELS, SHORT_NAMES


@dataclass
class AgreementResult:
    paragraphs: int
    annotators_per_paragraph: tuple[int, int]
    kappa: dict[str, float] | None
    alpha: dict[str, float]
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def format(self, max_items: int = 50) -> str:
        lo, hi = self.annotators_per_paragraph
        lines = [f"{self.paragraphs} paragraphs with {lo}-{hi} annotations each"]
        for lab in LABELS:
            k = f"kappa {self.kappa[lab]:.3f}  " if self.kappa else ""
            lines.append(f"  {lab:<24} {k}alpha {self.alpha[lab]:.3f}")
        lines.append(f"{len(self.disagreements)} paragraph(s) to adjudicate:")
        for d in self.disagreements[:max_items]:
            who = "; ".join(f"{a}: {'+'.join(SHORT_NAMES[x] for x in labs) or 'none'}" for a, labs in d["by"].items())
            lines.append(f"  {d['id']} [{', '.join(SHORT_NAMES[x] for x in d['labels'])}] {who} — {d['excerpt']}")
        if len(self.disagreements) > max_items:
            lines.append(f"  ... and {len(self.disagreements) - max_items} more")
        return "\n".join(lines)


def collect(paths: list[str | Path]) -> tuple[dict[str, dict[str, list[str]]], dict[str, str], list[Problem]]:
    """id -> {annotator: labels}, id -> text, and reading problems."""
    by_id: dict[str, dict[str, list[str]]] = defaultdict(dict)
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for path in paths:
        for row in read_file(path):
            problems += [p for p in row.problems if p.severity == "error"]
            rec = row.record
            if rec is None or not isinstance(rec.get("id"), str):
                continue
            texts.setdefault(rec["id"], rec.get("text") if isinstance(rec.get("text"), str) else "")
            anns = (rec.get("annotations") or {}).get("annotators") or []
            for k, a in enumerate(anns):
                name = a.get("annotator") or f"annotator{k + 1}"
                if name in by_id[rec["id"]]:
                    name = f"{name}#{k + 1}"
                by_id[rec["id"]][name] = [x for x in a.get("labels", []) if x in LABELS]
    return by_id, texts, problems


def agreement(paths: list[str | Path]) -> AgreementResult:
    by_id, texts, problems = collect(paths)
    items = {i: anns for i, anns in by_id.items() if len(anns) >= 2}
    if not items:
        raise ValueError("no paragraph has two or more annotations: nothing to compare")
    counts = [len(a) for a in items.values()]
    kappa = None
    if set(counts) == {2}:
        kappa = {}
        for lab in LABELS:
            pairs = [[int(lab in labs) for labs in anns.values()] for anns in items.values()]
            kappa[lab] = round(cohen_kappa([p[0] for p in pairs], [p[1] for p in pairs]), 4)
    alpha = {
        lab: round(krippendorff_alpha([[int(lab in labs) for labs in anns.values()] for anns in items.values()]), 4)
        for lab in LABELS
    }
    disagreements = []
    for i, anns in sorted(items.items()):
        differing = [lab for lab in LABELS if len({lab in labs for labs in anns.values()}) > 1]
        if differing:
            text = texts.get(i, "")
            disagreements.append(
                {"id": i, "labels": differing, "by": anns, "excerpt": text[:90] + ("…" if len(text) > 90 else "")}
            )
    return AgreementResult(len(items), (min(counts), max(counts)), kappa, alpha, disagreements, problems)
