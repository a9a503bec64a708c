"""The figures the dataset card reports, computed from the split files (no torch, no datasets).

``compute_stats`` returns a JSON-ready dict; ``format_stats`` prints it; ``benchmark.data.card`` renders the card
from it, so the card is regenerated rather than hand-edited.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from typing import Any

from benchmark.data import cues
from benchmark.data.agreement import cohen_kappa, krippendorff_alpha
from benchmark.labels import LABELS, SHORT_NAMES

COMBOS = [c for k in range(len(LABELS) + 1) for c in itertools.combinations(LABELS, k)]


def combo_name(labels) -> str:
    names = [SHORT_NAMES[lab] for lab in LABELS if lab in labels]
    return "+".join(names) if names else "none"


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def split_stats(records: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(records)
    has = {lab: [lab in r["labels"] for r in records] for lab in LABELS}
    q = [cues.has_question_mark(r["text"]) for r in records]
    h = [cues.has_hedge(r["text"]) for r in records]
    qm = [cues.has_quotation_marks(r["text"]) for r in records]
    wc = [cues.word_count(r["text"]) for r in records]
    sc = [len(cues.split_sentences(r["text"])) for r in records]
    openings = Counter(cues.opening(r["text"]) for r in records)
    top_open, top_count = openings.most_common(1)[0] if openings else ("", 0)
    rq, sp, aq = has["rhetorical_question"], has["unsupported_speculation"], has["attributed_quote"]
    by = {}
    for key in ("topic", "genre"):
        groups = defaultdict(list)
        for r in records:
            groups[r[key]].append(r)
        by[key] = {
            g: {"n": len(rs), **{lab: _rate(sum(lab in r["labels"] for r in rs), len(rs)) for lab in LABELS}}
            for g, rs in sorted(groups.items())
        }
    length_bins = {"20-60": (0, 60), "61-110": (61, 110), "111-160": (111, 160), "161-220": (161, 10**6)}
    by_len = {}
    for name, (lo, hi) in length_bins.items():
        rs = [r for r, w in zip(records, wc) if lo <= w <= hi]
        by_len[name] = {"n": len(rs), **{lab: _rate(sum(lab in r["labels"] for r in rs), len(rs)) for lab in LABELS}}
    out = {
        "paragraphs": n,
        "stories": len({r["story_id"] for r in records}),
        "label_counts": {lab: sum(v) for lab, v in has.items()},
        "label_rates": {lab: _rate(sum(v), n) for lab, v in has.items()},
        "no_label_rate": _rate(sum(not r["labels"] for r in records), n),
        "combinations": {combo_name(c): sum(set(r["labels"]) == set(c) for r in records) for c in COMBOS},
        "cues": {
            "with_question_mark": sum(q),
            "question_mark_without_rq": _rate(sum(a and not b for a, b in zip(q, rq)), sum(q)),
            "with_hedge_word": sum(h),
            "hedge_without_speculation": _rate(sum(a and not b for a, b in zip(h, sp)), sum(h)),
            "with_quotation_marks": sum(qm),
            "quotation_marks_without_quote": _rate(sum(a and not b for a, b in zip(qm, aq)), sum(qm)),
            "quote_without_quotation_marks": _rate(sum(b and not a for a, b in zip(qm, aq)), sum(aq)),
        },
        "words": {"min": min(wc, default=0), "median": statistics.median(wc) if wc else 0, "max": max(wc, default=0)},
        "sentences": {"min": min(sc, default=0), "max": max(sc, default=0)},
        "top_opening": {"opening": top_open, "count": top_count, "share": _rate(top_count, n)},
        "by_topic": by["topic"],
        "by_genre": by["genre"],
        "by_length": by_len,
        "sources": dict(Counter(r["source"] for r in records)),
        "continuation_paragraphs": sum(1 for r in records if (r.get("position") or 0) > 0),
    }
    pairs = Counter(r["pair_id"] for r in records if r.get("pair_id"))
    if pairs:
        out["pairs"] = sum(1 for c in pairs.values() if c == 2)
        flips = Counter()
        members = defaultdict(list)
        for r in records:
            if r.get("pair_id"):
                members[r["pair_id"]].append(set(r["labels"]))
        for m in members.values():
            if len(m) == 2:
                for lab in m[0] ^ m[1]:
                    flips[lab] += 1
        out["pair_flips"] = {lab: flips[lab] for lab in LABELS}
    out["agreement"] = agreement_stats(records)
    return out


def agreement_stats(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Agreement between the first two independent annotations of every doubly annotated paragraph."""
    doubly = [r for r in records if len((r.get("annotations") or {}).get("annotators", [])) >= 2]
    if not doubly:
        return None
    out: dict[str, Any] = {
        "paragraphs": len(doubly),
        "adjudicated": sum(bool(r["annotations"].get("adjudicated")) for r in doubly),
        "kappa": {},
        "alpha": {},
        "raw_agreement": {},
    }
    for lab in LABELS:
        a = [int(lab in r["annotations"]["annotators"][0]["labels"]) for r in doubly]
        b = [int(lab in r["annotations"]["annotators"][1]["labels"]) for r in doubly]
        out["kappa"][lab] = round(cohen_kappa(a, b), 4)
        units = [[int(lab in ann["labels"]) for ann in r["annotations"]["annotators"]] for r in doubly]
        out["alpha"][lab] = round(krippendorff_alpha(units), 4)
        out["raw_agreement"][lab] = round(sum(x == y for x, y in zip(a, b)) / len(a), 4)
    out["final_vs_blind_kappa"] = {
        lab: round(
            cohen_kappa(
                [int(lab in r["labels"]) for r in doubly],
                [int(lab in r["annotations"]["annotators"][1]["labels"]) for r in doubly],
            ),
            4,
        )
        for lab in LABELS
    }
    return out


def compute_stats(splits: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    every = [r for rs in splits.values() for r in rs]
    return {
        "splits": {name: split_stats(rs) for name, rs in splits.items()},
        "total": {
            "paragraphs": len(every),
            "stories": len({r["story_id"] for r in every}),
            "topics": len({r["topic"] for r in every}),
            "genres": len({r["genre"] for r in every}),
            "top_opening": split_stats(every)["top_opening"] if every else None,
        },
    }


def format_stats(stats: dict[str, Any]) -> str:
    """A plain-text report of every figure, one block per split."""
    lines = []
    t = stats["total"]
    lines.append(
        f"total: {t['paragraphs']} paragraphs, {t['stories']} stories, {t['topics']} topics, "
        f"{t['genres']} genres; most common opening {t['top_opening']['opening']!r} "
        f"x{t['top_opening']['count']} ({_pct(t['top_opening']['share'])})"
    )
    for name, s in stats["splits"].items():
        lines.append(
            f"\n[{name}] {s['paragraphs']} paragraphs, {s['stories']} stories, "
            f"{s['continuation_paragraphs']} continuation paragraphs"
        )
        lines.append(
            "  label rates: "
            + ", ".join(f"{SHORT_NAMES[k]} {_pct(v)}" for k, v in s["label_rates"].items())
            + f", none {_pct(s['no_label_rate'])}"
        )
        lines.append("  combinations: " + ", ".join(f"{k} {v}" for k, v in s["combinations"].items()))
        c = s["cues"]
        lines.append(
            f"  decoys: '?' without RQ {_pct(c['question_mark_without_rq'])} of {c['with_question_mark']}; "
            f"hedge without SPEC {_pct(c['hedge_without_speculation'])} of {c['with_hedge_word']}; "
            f"quotation marks without QUOTE {_pct(c['quotation_marks_without_quote'])} of "
            f"{c['with_quotation_marks']}; QUOTE without quotation marks "
            f"{_pct(c['quote_without_quotation_marks'])}"
        )
        lines.append(
            f"  words {s['words']['min']}-{s['words']['max']} (median {s['words']['median']}), sentences "
            f"{s['sentences']['min']}-{s['sentences']['max']}; top opening {s['top_opening']['opening']!r} "
            f"x{s['top_opening']['count']}"
        )
        if "pairs" in s:
            lines.append(
                f"  contrast pairs: {s['pairs']}, flipped label: "
                + ", ".join(f"{SHORT_NAMES[k]} {v}" for k, v in s["pair_flips"].items())
            )
        for key in ("by_topic", "by_genre", "by_length"):
            lines.append(
                f"  {key}: "
                + "; ".join(f"{g} n={v['n']} " + "/".join(_pct(v[lab]) for lab in LABELS) for g, v in s[key].items())
            )
        a = s.get("agreement")
        if a:
            lines.append(
                f"  agreement on {a['paragraphs']} doubly annotated paragraphs ({a['adjudicated']} "
                "adjudicated): "
                + ", ".join(f"{SHORT_NAMES[k]} kappa {a['kappa'][k]:.3f} alpha {a['alpha'][k]:.3f}" for k in LABELS)
            )
    return "\n".join(lines)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1%}"
