"""``dqb-score``: apply a trained run to an article — per-paragraph labels with evidence, a profile, a report.

    dqb-score article.html                       terminal table (default run: the best of the main job)
    dqb-score article.md --run RUN_DIR --format json
    cat article.txt | dqb-score - --format html --out report.html

Evidence is found by occlusion: each sentence is removed in turn and the paragraph re-scored; the sentences whose
removal lowers a positive label's probability the most are the ones that carry it (read in their paragraph's
context, by the same model).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from benchmark.article import paragraphs as split_paragraphs
from benchmark.data.cues import split_sentences
from benchmark.io import InputError, write_text
from benchmark.labels import LABELS, SHORT_NAMES
from benchmark.records import is_run_dir, read_record

MAIN_RUNS = Path("outputs/main")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16")


@dataclass
class ParagraphScore:
    index: int
    text: str
    probs: dict[str, float]
    labels: list[str]
    sentences: list[str]
    evidence: dict[str, list[int]] = field(default_factory=dict)  # label -> indices into sentences


@dataclass
class ArticleScore:
    run_id: str
    model: str
    thresholds: dict[str, float]
    paragraphs: list[ParagraphScore]
    profile: dict[str, Any]
    seconds: float


def read_input(source: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of FILE or '-' (stdin), refusing binary data and undecodable bytes with a clear message."""
    name = "<stdin>" if source == "-" else source
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror}") from None
    if not raw.strip():
        raise InputError(name, "the input is empty")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "this looks like a binary file, not text, Markdown or HTML")
    for enc in [encoding] if encoding else ENCODINGS:
        try:
            return raw.decode(enc), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(
        name,
        "unknown text encoding (not UTF-8 or UTF-16); convert the file to UTF-8 or pass "
        "--encoding (e.g. --encoding latin-1)",
    )


def default_run(root: Path = MAIN_RUNS) -> Path:
    """The main job's run with the best *validation* macro-F1 (test scores never choose a model)."""
    best, best_f1 = None, -1.0
    for rec_path in sorted(root.glob("*/*/record.json")):
        run = rec_path.parent
        if not (run / "model").is_dir():
            continue
        f1 = read_record(run)["metrics"].get("validation", {}).get("macro_f1", -1.0)
        if f1 > best_f1:
            best, best_f1 = run, f1
    if best is None:
        raise InputError(root, "no trained run found: run the main job first (see README) or pass --run RUN_DIR")
    return best


def profile(scores: list[ParagraphScore]) -> dict[str, Any]:
    """Shares of paragraphs per label and the sourcing balance (see README: a description, not a verdict)."""
    n = len(scores)
    count = {lab: sum(lab in s.labels for s in scores) for lab in LABELS}
    a, s = count["attributed_quote"], count["unsupported_speculation"]
    return {
        "paragraphs": n,
        "share": {lab: round(c / n, 3) if n else 0.0 for lab, c in count.items()},
        "count": count,
        "no_label_share": round(sum(not x.labels for x in scores) / n, 3) if n else 0.0,
        # +1: every claim-bearing paragraph attributes its claims; -1: every one speculates without support
        "sourcing_balance": round((a - s) / (a + s), 3) if a + s else None,
    }


class Scorer:
    """Loads a run once; scores any number of articles."""

    def __init__(self, run_dir: str | Path):
        from benchmark.models import load_model

        run_dir = Path(run_dir)
        if not is_run_dir(run_dir):
            raise InputError(
                run_dir,
                "not a run folder (no record.json); pass --run with a folder written by "
                "benchmark.train, or run the main job first",
            )
        if not (run_dir / "model").is_dir():
            raise InputError(run_dir, "this run has no saved model (it was trained with save_model=false)")
        self.record = read_record(run_dir)
        self.thresholds = np.array([self.record["thresholds"][lab] for lab in LABELS])
        self.model = load_model(run_dir / "model")

    def score_paragraphs(self, paras: list[str]) -> list[ParagraphScore]:
        sentences = [split_sentences(p) or [p] for p in paras]
        # One batch: every paragraph, and every paragraph with one sentence left out (occlusion).
        texts, owners = list(paras), []
        for i, sents in enumerate(sentences):
            if len(sents) > 1:
                for j in range(len(sents)):
                    texts.append(" ".join(sents[:j] + sents[j + 1 :]))
                    owners.append((i, j))
        probs = self.model.predict_proba(texts) if texts else np.zeros((0, len(LABELS)))
        full = probs[: len(paras)]
        drops: dict[int, np.ndarray] = {i: np.zeros((len(s), len(LABELS))) for i, s in enumerate(sentences)}
        for (i, j), p in zip(owners, probs[len(paras) :]):
            drops[i][j] = full[i] - p
        out = []
        for i, (para, sents) in enumerate(zip(paras, sentences)):
            labels = [lab for lab, p, t in zip(LABELS, full[i], self.thresholds) if p >= t]
            evidence = {}
            for lab in labels:
                j = LABELS.index(lab)
                d = drops[i][:, j]
                if len(sents) == 1 or d.max() <= 0:
                    evidence[lab] = [int(np.argmax(d))] if len(sents) > 1 else [0]
                else:  # every sentence whose removal costs at least half as much as the most important one
                    evidence[lab] = [int(k) for k in np.flatnonzero(d >= 0.5 * d.max())]
            out.append(
                ParagraphScore(
                    i, para, {lab: round(float(p), 4) for lab, p in zip(LABELS, full[i])}, labels, sents, evidence
                )
            )
        return out

    def score(self, text: str, name: str = "") -> ArticleScore:
        paras = split_paragraphs(text, name)
        if not paras:
            raise InputError(
                name or "<input>", "no article paragraphs found (only headings, navigation or very short lines)"
            )
        started = time.perf_counter()
        scores = self.score_paragraphs(paras)
        return ArticleScore(
            self.record["run_id"],
            self.record["model"]["name"],
            dict(zip(LABELS, self.thresholds.tolist())),
            scores,
            profile(scores),
            round(time.perf_counter() - started, 3),
        )


def to_json(result: ArticleScore) -> str:
    return json.dumps(asdict(result), indent=2, ensure_ascii=False)


def to_table(result: ArticleScore, width: int = 100) -> str:
    lines = [
        f"model {result.model} (run {result.run_id}); {len(result.paragraphs)} paragraphs scored in "
        f"{result.seconds:.2f} s",
        "",
    ]
    lines.append(f"{'#':>3}  {'RQ':>5} {'SPEC':>5} {'QUOTE':>5}  labels / evidence")
    for p in result.paragraphs:
        mark = [f"{p.probs[lab]:>5.2f}" + ("*" if lab in p.labels else " ") for lab in LABELS]
        names = "+".join(SHORT_NAMES[lab] for lab in p.labels) or "-"
        lines.append(f"{p.index + 1:>3}  {''.join(mark)}  {names}: {p.text[: width - 40]}…")
        for lab, idx in p.evidence.items():
            for k in idx:
                lines.append(f"{'':>26}{SHORT_NAMES[lab]:>6}  “{p.sentences[k][: width - 36]}”")
    pr = result.profile
    lines.append("")
    lines.append(
        "profile: "
        + ", ".join(f"{SHORT_NAMES[lab]} {pr['share'][lab]:.0%}" for lab in LABELS)
        + f", no label {pr['no_label_share']:.0%}; sourcing balance "
        + ("n/a" if pr["sourcing_balance"] is None else f"{pr['sourcing_balance']:+.2f}")
        + " (+1: claims attributed, -1: unsupported)"
    )
    lines.append(
        "* marks a predicted label (probability at or above the run's tuned threshold). "
        "A description of the text, not a verdict on its truth."
    )
    return "\n".join(lines)


_CSS = """body{font:16px/1.55 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
.p{border-left:4px solid #ddd;padding:.3rem .8rem;margin:1rem 0}.tags span{font-size:.75rem;border-radius:3px;
padding:0 .35rem;margin-right:.3rem;color:#fff}.RQ{background:#7b3fa0}.SPEC{background:#c0392b}
.QUOTE{background:#1f77b4}
mark.RQ{background:#ecdff5;color:inherit}mark.SPEC{background:#fbe0dd;color:inherit}mark.QUOTE{background:#dcebf7;
color:inherit}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}
.probs{color:#666;font-size:.8rem}"""


def to_html(result: ArticleScore, title: str = "DQB article report") -> str:
    e = html.escape
    pr = result.profile
    rows = "".join(
        f"<tr><th>{e(lab)}</th><td>{pr['count'][lab]}</td><td>{pr['share'][lab]:.0%}</td></tr>" for lab in LABELS
    )
    body = []
    for p in result.paragraphs:
        owner = {}
        for lab, idx in p.evidence.items():
            for k in idx:
                owner.setdefault(k, []).append(SHORT_NAMES[lab])
        sents = []
        for k, s in enumerate(p.sentences):
            if k in owner:
                sents.append(f'<mark class="{e(owner[k][0])}" title="{e(", ".join(owner[k]))}">{e(s)}</mark>')
            else:
                sents.append(e(s))
        tags = (
            "".join(f'<span class="{SHORT_NAMES[lab]}">{e(lab)}</span>' for lab in p.labels)
            or '<span style="background:#999">no label</span>'
        )
        probs = " · ".join(f"{e(SHORT_NAMES[lab])} {p.probs[lab]:.2f}" for lab in LABELS)
        body.append(
            f'<div class="p" id="p{p.index + 1}"><div class="tags">{tags}<span class="probs">{probs}'
            f"</span></div><p>{' '.join(sents)}</p></div>"
        )
    balance = "n/a" if pr["sourcing_balance"] is None else f"{pr['sourcing_balance']:+.2f}"
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{e(title)}</title>"
        f"<style>{_CSS}</style></head><body><h1>{e(title)}</h1>"
        f"<p>Model <b>{e(result.model)}</b> (run <code>{e(result.run_id)}</code>), "
        f"{pr['paragraphs']} paragraphs. Highlighted sentences carry the label shown by their colour.</p>"
        f"<h2>Profile</h2><table><tr><th>label</th><th>paragraphs</th><th>share</th></tr>{rows}</table>"
        f"<p>Sourcing balance: <b>{balance}</b> — (attributed − unsupported) / (attributed + unsupported) "
        "paragraphs. It describes the text; it is not a verdict on its truth.</p>"
        f"<h2>Paragraphs</h2>{''.join(body)}</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="dqb-score", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("source", help="an article file (text, Markdown or HTML), or - for standard input")
    ap.add_argument("--run", type=Path, default=None, help="run folder (default: best validation run of the main job)")
    ap.add_argument("--format", choices=("table", "json", "html"), default="table")
    ap.add_argument("--out", type=Path, default=None, help="write here instead of standard output")
    ap.add_argument("--encoding", default=None, help="input encoding (default: UTF-8, then UTF-16)")
    args = ap.parse_args(argv)
    try:
        text, name = read_input(args.source, args.encoding)
        run = args.run or default_run()
        result = Scorer(run).score(text, name)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    rendered = {"table": to_table, "json": to_json, "html": to_html}[args.format](result)
    if args.out:
        write_text(args.out, rendered + ("" if rendered.endswith("\n") else "\n"))
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(rendered)
    return 0


if __name__ == "__main__":
    sys.exit(main())
