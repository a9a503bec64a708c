"""The DQB record: its fields, and the checks on one record shared by the dataset validator and contributions.

A record is one paragraph::

    {"id": "dqb-000123", "text": "...", "labels": ["attributed_quote"],
     "evidence": {"attributed_quote": ["exact substring of text"]},
     "story_id": "dqb1-s0042", "position": 0, "pair_id": null,
     "topic": "health", "genre": "wire", "source": "authored", "license": "CC-BY-4.0", "contributor": "dqb-authors",
     "annotations": {"annotators": [{"annotator": "writer-1", "labels": [...]}, ...],
                     "adjudicated": false, "reason": null}}
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from benchmark.data import cues
from benchmark.labels import LABELS

SCHEMA_VERSION = "1.0"
TOPICS = (
    "politics",
    "economy",
    "business",
    "courts",
    "health",
    "science",
    "technology",
    "environment",
    "sport",
    "culture",
    "education",
    "local",
    "international",
    "transport",
)
GENRES = ("wire", "analysis", "opinion", "explainer", "blog", "feature", "brief")
SOURCES = ("authored", "contributed")
# CC BY 4.0 for the dataset; contributions may carry a licence that is compatible with it.
LICENSES = ("CC-BY-4.0", "CC0-1.0", "CC-BY-3.0", "PDDL-1.0")
_LICENSE_ALIASES = {re.sub(r"[^a-z0-9]", "", lic.lower()): lic for lic in LICENSES} | {
    "ccby": "CC-BY-4.0",
    "ccby40": "CC-BY-4.0",
    "cc0": "CC0-1.0",
    "publicdomain": "CC0-1.0",
}
LABEL_ALIASES = {
    "rq": "rhetorical_question",
    "rhetorical": "rhetorical_question",
    "question": "rhetorical_question",
    "spec": "unsupported_speculation",
    "speculation": "unsupported_speculation",
    "quote": "attributed_quote",
    "quotation": "attributed_quote",
    "attribution": "attributed_quote",
}
REQUIRED = (
    "id",
    "text",
    "labels",
    "evidence",
    "story_id",
    "topic",
    "genre",
    "source",
    "license",
    "contributor",
    "annotations",
)
OPTIONAL = ("position", "pair_id")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
MIN_WORDS_ERROR, MAX_WORDS_ERROR = 5, 500  # far outside the dataset's 20-220 words: surely a mistake
MIN_WORDS_WARN, MAX_WORDS_WARN = 20, 220
_MARKUP_RE = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(?:[a-z]{2,8}|#\d{2,5}|#x[0-9a-f]{2,4});|"
    r"\[[^\]]+\]\((?:https?://|/)[^)]*\)|\*\*[^*]+\*\*|^#{1,6}\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    """One finding about one record: where it is, which field, what is wrong, and how bad."""

    severity: str  # "error" or "warning"
    message: str
    file: str = ""
    line: int | None = None
    field: str | None = None
    record_id: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line is not None else "")
        rid = f" (id {self.record_id})" if self.record_id else ""
        fld = f" [{self.field}]" if self.field else ""
        return f"{where}{rid}: {self.severity}:{fld} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "record_id": self.record_id,
        }


def suggest_label(name: str) -> str | None:
    """A 'did you mean' for an unknown label name."""
    key = re.sub(r"[^a-z]+", "_", str(name).lower()).strip("_")
    if key in LABELS:
        return key
    if key.replace("_", "") in LABEL_ALIASES:
        return LABEL_ALIASES[key.replace("_", "")]
    match = difflib.get_close_matches(key, LABELS, n=1, cutoff=0.7)
    return match[0] if match else None


def normalise_license(value: str) -> str | None:
    return _LICENSE_ALIASES.get(re.sub(r"[^a-z0-9]", "", str(value).lower()))


def control_characters(text: str) -> list[str]:
    """Control and format characters that have no place in a paragraph (tabs and newlines included)."""
    return sorted(
        {
            f"U+{ord(c):04X}"
            for c in text
            if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") and c not in "\u00ad\u200d"
        }
    )


def check_record(
    rec: Any, file: str = "", line: int | None = None, *, require_annotations: bool = True
) -> list[Problem]:
    """Check one record's schema, types and contents. Returns every problem found (never raises)."""
    rid = rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str) else None

    def err(msg: str, fld: str | None = None, severity: str = "error") -> Problem:
        return Problem(severity, msg, file, line, fld, rid)

    if not isinstance(rec, dict):
        return [err(f"expected a JSON object, got {type(rec).__name__}")]
    out: list[Problem] = []
    required = REQUIRED if require_annotations else tuple(f for f in REQUIRED if f != "annotations")
    for f in required:
        if f not in rec or rec[f] is None:
            out.append(err("missing required field", f))
    for f in rec:
        if f not in REQUIRED + OPTIONAL:
            close = difflib.get_close_matches(f, REQUIRED + OPTIONAL, n=1)
            out.append(err(f"unknown field{f'; did you mean {close[0]!r}?' if close else ''}", f, "warning"))
    for f in ("id", "story_id", "topic", "genre", "source", "license", "contributor"):
        if f in rec and rec[f] is not None and (not isinstance(rec[f], str) or not rec[f].strip()):
            out.append(err(f"must be a non-empty string, got {rec[f]!r}", f))
    if isinstance(rec.get("id"), str) and rec["id"].strip() and not ID_RE.match(rec["id"]):
        out.append(err("ids use letters, digits and . _ : - only (at most 128 characters)", "id"))
    text = rec.get("text")
    if "text" in rec and not isinstance(text, str):
        out.append(err(f"must be a string, got {type(text).__name__}", "text"))
        text = None
    if isinstance(text, str):
        out += _check_text(text, err)
    labels = rec.get("labels")
    known: list[str] = []
    if "labels" in rec and not (isinstance(labels, list) and all(isinstance(x, str) for x in labels)):
        out.append(err("must be a list of label names", "labels"))
    elif isinstance(labels, list):
        for name in labels:
            if name in LABELS:
                known.append(name)
            else:
                hint = suggest_label(name)
                out.append(
                    err(
                        f"unknown label {name!r}"
                        + (f"; did you mean {hint!r}?" if hint else f"; known labels are {', '.join(LABELS)}"),
                        "labels",
                    )
                )
        if len(set(labels)) != len(labels):
            out.append(err("a label is listed twice", "labels"))
    out += _check_evidence(rec.get("evidence"), known, text, err, "evidence" in rec)
    if isinstance(rec.get("source"), str) and rec["source"] not in SOURCES:
        out.append(err(f"must be one of {', '.join(SOURCES)}, got {rec['source']!r}", "source"))
    if isinstance(rec.get("license"), str) and rec["license"] not in LICENSES:
        norm = normalise_license(rec["license"])
        out.append(
            err(
                f"licence {rec['license']!r} is not accepted"
                + (f"; write it as {norm!r}" if norm else f"; accepted: {', '.join(LICENSES)}"),
                "license",
            )
        )
    if isinstance(rec.get("topic"), str) and rec["topic"] and rec["topic"] not in TOPICS:
        out.append(err(f"unknown topic {rec['topic']!r} (known: {', '.join(TOPICS)})", "topic", "warning"))
    if isinstance(rec.get("genre"), str) and rec["genre"] and rec["genre"] not in GENRES:
        out.append(err(f"unknown genre {rec['genre']!r} (known: {', '.join(GENRES)})", "genre", "warning"))
    pos = rec.get("position")
    if pos is not None and (not isinstance(pos, int) or isinstance(pos, bool) or pos < 0):
        out.append(err("must be a non-negative integer", "position"))
    if rec.get("pair_id") is not None and not (isinstance(rec["pair_id"], str) and ID_RE.match(rec["pair_id"])):
        out.append(err("must be null or an id string", "pair_id"))
    if "annotations" in rec and rec["annotations"] is not None:
        out += _check_annotations(rec["annotations"], err)
    return out


def _check_text(text: str, err) -> list[Problem]:
    out = []
    if not text.strip():
        return [err("text is empty or only whitespace", "text")]
    ctrl = control_characters(text)
    if ctrl:
        out.append(
            err(f"text contains control characters ({', '.join(ctrl[:5])}); a paragraph is one line of prose", "text")
        )
    m = _MARKUP_RE.search(text)
    if m:
        out.append(err(f"text contains leftover markup {m.group(0)[:30]!r}; submit plain text", "text"))
    n = cues.word_count(text)
    if n < MIN_WORDS_ERROR or n > MAX_WORDS_ERROR:
        out.append(err(f"text has {n} words; a paragraph has {MIN_WORDS_WARN}-{MAX_WORDS_WARN}", "text"))
    elif n < MIN_WORDS_WARN or n > MAX_WORDS_WARN:
        out.append(err(f"text has {n} words; DQB paragraphs have {MIN_WORDS_WARN}-{MAX_WORDS_WARN}", "text", "warning"))
    if text != text.strip():
        out.append(err("text has leading or trailing whitespace", "text", "warning"))
    return out


def _check_evidence(evidence: Any, labels: list[str], text: str | None, err, present: bool) -> list[Problem]:
    out: list[Problem] = []
    if not present:
        return out  # reported as a missing field already
    if evidence is None:
        evidence = {}
    if not isinstance(evidence, dict):
        return [err("must be an object mapping label names to lists of strings", "evidence")]
    for name, spans in evidence.items():
        fld = f"evidence.{name}"
        if name not in LABELS:
            hint = suggest_label(name)
            out.append(err(f"unknown label {name!r}" + (f"; did you mean {hint!r}?" if hint else ""), fld))
            continue
        if spans in (None, []):
            continue
        if not (isinstance(spans, list) and all(isinstance(s, str) for s in spans)):
            out.append(err("must be a list of strings", fld))
            continue
        if name not in labels:
            out.append(err(f"evidence given for {name}, which is not among the labels", fld))
        for s in spans:
            if not s.strip():
                out.append(err("evidence string is empty", fld))
            elif text is not None and s not in text:
                close = difflib.get_close_matches(s, cues.split_sentences(text), n=1, cutoff=0.6)
                out.append(
                    err(
                        f"evidence {s[:50]!r} is not an exact substring of the text"
                        + (f"; closest sentence: {close[0][:50]!r}" if close else ""),
                        fld,
                    )
                )
    for name in labels:
        spans = evidence.get(name)
        if not spans:
            out.append(
                err(f"positive label {name} needs at least one evidence string from the text", f"evidence.{name}")
            )
    return out


def _check_annotations(ann: Any, err) -> list[Problem]:
    if not isinstance(ann, dict) or not isinstance(ann.get("annotators"), list) or not ann["annotators"]:
        return [err("must be an object with a non-empty list 'annotators'", "annotations")]
    out = []
    for i, a in enumerate(ann["annotators"]):
        fld = f"annotations.annotators[{i}]"
        if not (isinstance(a, dict) and isinstance(a.get("annotator"), str) and isinstance(a.get("labels"), list)):
            out.append(err("each annotator needs 'annotator' (string) and 'labels' (list)", fld))
        elif any(lab not in LABELS for lab in a["labels"]):
            out.append(err(f"unknown label in {a['labels']}", fld))
    if not isinstance(ann.get("adjudicated", False), bool):
        out.append(err("must be true or false", "annotations.adjudicated"))
    if ann.get("adjudicated") and not (isinstance(ann.get("reason"), str) and ann["reason"].strip()):
        out.append(err("an adjudicated label needs a reason", "annotations.reason"))
    return out
