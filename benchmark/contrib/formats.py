"""Readers for contributed files. Each turns its format into native DQB records, never raising on bad input.

Accepted: native JSONL (``.jsonl``), CSV/TSV (``.csv``/``.tsv``), a Label Studio JSON export (``.json``) and a
doccano JSONL export (``.jsonl`` whose lines carry ``label`` or ``cats`` instead of ``labels``).
A reader yields :class:`Row` objects: the normalised record (or ``None``) and the problems found reading it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.data.schema import Problem, suggest_label
from benchmark.labels import LABELS

LABEL_SEPARATORS = (";", "|", ",")
EVIDENCE_SEPARATOR = " || "


@dataclass
class Row:
    file: str
    line: int | None
    record: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)


def _problem(file: str, line: int | None, msg: str, fld: str | None = None, severity: str = "error") -> Problem:
    return Problem(severity, msg, file, line, fld)


def decode(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem naming the line of the first invalid UTF-8 byte."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, [_problem(str(path), None, f"cannot read file: {e.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [
            _problem(
                str(path),
                line,
                f"invalid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start}); save the file as UTF-8",
            )
        ]
    if "\x00" in text:
        return None, [
            _problem(
                str(path), text[: text.index("\x00")].count("\n") + 1, "file contains NUL bytes: is it a binary file?"
            )
        ]
    return text, []


def detect_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return suffix[1:]
    if suffix == ".json":
        return "label_studio"
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        obj = json.loads(first)
    except json.JSONDecodeError:
        return "jsonl"
    if isinstance(obj, dict) and "labels" not in obj and ("label" in obj or "cats" in obj):
        return "doccano"
    return "jsonl"


def read_file(path: str | Path, fmt: str | None = None, defaults: dict[str, Any] | None = None) -> Iterator[Row]:
    """Read any accepted format; ``defaults`` (e.g. licence, contributor) fill fields a record leaves out."""
    path = Path(path)
    text, problems = decode(path)
    if text is None:
        yield Row(str(path), problems[0].line, None, problems)
        return
    fmt = fmt or detect_format(path, text)
    reader = {"jsonl": _native, "csv": _csv, "tsv": _csv, "label_studio": _label_studio, "doccano": _doccano}.get(fmt)
    if reader is None:
        yield Row(str(path), None, None, [_problem(str(path), None, f"unknown format {fmt!r}")])
        return
    if not text.strip():
        yield Row(str(path), None, None, [_problem(str(path), None, "file is empty")])
        return
    for row in reader(str(path), text, fmt):
        if row.record is not None:
            row.record = normalise(row.record, defaults or {})
        yield row


def normalise(rec: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Fill what a contribution may leave out: source, defaults, and annotations from its own labels."""
    out = dict(rec)
    for k, v in defaults.items():
        if out.get(k) in (None, "") and v not in (None, ""):
            out[k] = v
    out.setdefault("source", "contributed")
    out.setdefault("evidence", {})
    if isinstance(out.get("id"), (int, float)) and not isinstance(out.get("id"), bool):
        out["id"] = str(out["id"])
    if out.get("story_id") in (None, "") and isinstance(out.get("id"), str):
        out["story_id"] = out["id"]  # a paragraph without a story is a story of its own
    if not out.get("annotations") and isinstance(out.get("labels"), list):
        who = out.get("contributor") if isinstance(out.get("contributor"), str) else "contributor"
        out["annotations"] = {
            "annotators": [{"annotator": who, "labels": [x for x in out["labels"] if x in LABELS]}],
            "adjudicated": False,
            "reason": None,
        }
    return out


def _native(file: str, text: str, fmt: str) -> Iterator[Row]:
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Row(file, i, None, [_problem(file, i, f"invalid JSON: {e.msg} (column {e.colno})")])
            continue
        if not isinstance(obj, dict):
            yield Row(file, i, None, [_problem(file, i, f"expected a JSON object, got {type(obj).__name__}")])
            continue
        yield Row(file, i, obj)


def _split_labels(value: str) -> list[str]:
    value = value.strip()
    if not value:
        return []
    for sep in LABEL_SEPARATORS:
        if sep in value:
            return [v.strip() for v in value.split(sep) if v.strip()]
    return [value]


def _csv(file: str, text: str, fmt: str) -> Iterator[Row]:
    delimiter = "\t" if fmt == "tsv" else ","
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = reader.fieldnames or []
    except csv.Error as e:
        yield Row(file, 1, None, [_problem(file, 1, f"malformed {fmt.upper()} header: {e}")])
        return
    if "text" not in header:
        yield Row(file, 1, None, [_problem(file, 1, f"no 'text' column (columns: {', '.join(header)})", "text")])
        return
    label_cols = [c for c in header if c in LABELS]
    wide = bool(label_cols)
    if not wide and "labels" not in header:
        yield Row(
            file,
            1,
            None,
            [_problem(file, 1, f"need a 'labels' column or one 0/1 column per label ({', '.join(LABELS)})", "labels")],
        )
        return
    from benchmark.data.schema import OPTIONAL, REQUIRED

    close = [
        (c, suggest_label(c))
        for c in header
        if c not in LABELS and c not in REQUIRED + OPTIONAL and not c.startswith("evidence") and suggest_label(c)
    ]
    try:
        for row in reader:
            line = reader.line_num
            problems: list[Problem] = []
            if None in row:
                problems.append(_problem(file, line, f"{len(row[None])} more field(s) than the header has"))
            if any(v is None for k, v in row.items() if k is not None):
                problems.append(_problem(file, line, "fewer fields than the header has"))
            rec: dict[str, Any] = {
                k: v
                for k, v in row.items()
                if k is not None
                and v not in (None, "")
                and k not in LABELS
                and k != "labels"
                and not k.startswith("evidence_")
            }
            rec["text"] = row.get("text") or ""
            rec.setdefault("id", f"{Path(file).stem}-{line}")  # a CSV row without an id is named by its line
            if wide:
                labels = []
                for c in label_cols:
                    v = (row.get(c) or "").strip()
                    if v not in ("0", "1", ""):
                        problems.append(_problem(file, line, f"must be 0 or 1, got {v!r}", c))
                    elif v == "1":
                        labels.append(c)
                rec["labels"] = labels
            else:
                rec["labels"] = _split_labels(row.get("labels") or "")
            rec["evidence"] = {
                c[len("evidence_") :]: [s for s in (row.get(c) or "").split(EVIDENCE_SEPARATOR) if s]
                for c in header
                if c.startswith("evidence_") and row.get(c)
            }
            if "position" in rec:
                try:
                    rec["position"] = int(rec["position"])
                except ValueError:
                    problems.append(_problem(file, line, f"must be an integer, got {rec['position']!r}", "position"))
            for col, hint in close:
                problems.append(
                    _problem(file, line, f"column {col!r} is not a label; did you mean {hint!r}?", col, "warning")
                )
            yield Row(file, line, rec, problems)
    except csv.Error as e:
        yield Row(file, reader.line_num, None, [_problem(file, reader.line_num, f"malformed {fmt.upper()}: {e}")])


def _label_studio(file: str, text: str, fmt: str) -> Iterator[Row]:
    try:
        tasks = json.loads(text)
    except json.JSONDecodeError as e:
        yield Row(file, e.lineno, None, [_problem(file, e.lineno, f"invalid JSON: {e.msg} (column {e.colno})")])
        return
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        yield Row(file, None, None, [_problem(file, None, "a Label Studio export is a JSON list of tasks")])
        return
    for k, task in enumerate(tasks):
        where = f"task {k}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            yield Row(file, None, None, [_problem(file, None, f"{where}: needs a 'data' object", "data")])
            continue
        data = task["data"]
        rec: dict[str, Any] = {key: v for key, v in data.items() if key != "text"}
        rec["text"] = data.get("text")
        rec.setdefault("id", str(task.get("id", k)))
        problems: list[Problem] = []
        annotators = []
        evidence: dict[str, list[str]] = {}
        for a in task.get("annotations") or []:
            if not isinstance(a, dict) or a.get("was_cancelled"):
                continue
            labels: list[str] = []
            for r in a.get("result") or []:
                value = r.get("value") if isinstance(r, dict) else None
                if not isinstance(value, dict):
                    problems.append(_problem(file, None, f"{where}: a result without a 'value' object", "annotations"))
                    continue
                if isinstance(value.get("choices"), list):
                    labels += [str(c) for c in value["choices"]]
                if isinstance(value.get("labels"), list):  # a span: evidence for its labels
                    for lab in value["labels"]:
                        labels.append(str(lab))
                        if isinstance(value.get("text"), str):
                            evidence.setdefault(str(lab), []).append(value["text"])
            annotators.append(
                {
                    "annotator": str(a.get("completed_by", f"annotator{len(annotators) + 1}")),
                    "labels": sorted(set(labels)),
                }
            )
        if not annotators:
            problems.append(
                _problem(file, None, f"{where}: no annotations (label the task before exporting)", "annotations")
            )
            yield Row(file, None, None, problems)
            continue
        rec["labels"] = (
            annotators[0]["labels"]
            if len(annotators) == 1
            else sorted(set.intersection(*(set(a["labels"]) for a in annotators)))
        )
        rec["evidence"] = {lab: spans for lab, spans in evidence.items() if lab in rec["labels"]}
        known = [{"annotator": a["annotator"], "labels": [x for x in a["labels"] if x in LABELS]} for a in annotators]
        rec["annotations"] = {"annotators": known, "adjudicated": False, "reason": None}
        if len(annotators) > 1 and len({tuple(a["labels"]) for a in annotators}) > 1:
            problems.append(
                _problem(
                    file,
                    None,
                    f"{where}: annotators disagree; only labels they all gave are kept "
                    "(run `dqb-contrib agreement` and adjudicate)",
                    "labels",
                    "warning",
                )
            )
        unknown = sorted({x for a in annotators for x in a["labels"] if x not in LABELS})
        if unknown:
            rec["labels"] = rec["labels"] + [u for u in unknown if u not in rec["labels"]]
        yield Row(file, None, rec, problems)


def _doccano(file: str, text: str, fmt: str) -> Iterator[Row]:
    for row in _native(file, text, fmt):
        if row.record is None:
            yield row
            continue
        obj = row.record
        raw = obj.get("label", obj.get("cats", []))
        rec = {k: v for k, v in obj.items() if k not in ("label", "cats")}
        rec.setdefault("id", f"{Path(file).stem}-{row.line}")
        labels: list[str] = []
        evidence: dict[str, list[str]] = {}
        problems: list[Problem] = []
        if isinstance(raw, dict):  # {"cats": {"label": 1, ...}}
            labels = [k for k, v in raw.items() if v]
        elif isinstance(raw, list):
            for item in raw:
                if isinstance(item, str):
                    labels.append(item)
                elif isinstance(item, list) and len(item) == 3 and all(isinstance(x, int) for x in item[:2]):
                    start, end, lab = item
                    labels.append(str(lab))
                    body = obj.get("text") if isinstance(obj.get("text"), str) else ""
                    if not 0 <= start < end <= len(body):
                        problems.append(_problem(file, row.line, f"span [{start}, {end}] is outside the text", "label"))
                    else:
                        evidence.setdefault(str(lab), []).append(body[start:end])
                else:
                    problems.append(_problem(file, row.line, f"cannot read label item {item!r}", "label"))
        else:
            problems.append(
                _problem(file, row.line, "'label' must be a list of names or [start, end, name] spans", "label")
            )
        rec["labels"] = sorted(set(labels))
        rec["evidence"] = evidence
        yield Row(file, row.line, rec, problems)
