"""Number formatting shared by the renderers (HTML, Markdown, CSV cells meant for people)."""

from __future__ import annotations

from typing import Any

from benchmark.labels import LABELS, SHORT_NAMES

DASH = "—"
SHORT = {lab: SHORT_NAMES.get(lab, lab) for lab in LABELS}


def num(x: float | None, digits: int = 3) -> str:
    return DASH if x is None else f"{x:.{digits}f}"


def mean_std(s: dict[str, Any], digits: int = 3) -> str:
    """``0.812 ± 0.004`` (no ± for a single value)."""
    if s.get("mean") is None:
        return DASH
    out = num(s["mean"], digits)
    return out if s.get("std") is None else f"{out} ± {num(s['std'], digits)}"


def ci(s: dict[str, Any], digits: int = 3) -> str:
    c = s.get("ci")
    return DASH if not c else f"[{num(c[0], digits)}, {num(c[1], digits)}]"


def count(n: int | float | None) -> str:
    """Parameter counts: 110M, 3.2k."""
    if n is None:
        return DASH
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= div:
            return f"{n / div:.3g}{unit}"
    return f"{n:g}"


def seconds(s: dict[str, Any]) -> str:
    x = s.get("mean")
    if x is None:
        return DASH
    if x < 120:
        return f"{x:.3g} s"
    if x < 7200:
        return f"{x / 60:.3g} min"
    return f"{x / 3600:.3g} h"


def rate(s: dict[str, Any]) -> str:
    x = s.get("mean")
    return DASH if x is None else f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def comparison_text(row: dict[str, Any]) -> str:
    c = row.get("comparison")
    if c is None:
        return "top model of the board"
    verdict = "significantly below" if c["separated"] else "not separable from"
    return f"{verdict} {c['with']} (p = {c['p_value']:.4f}, Holm-adjusted {c['p_holm']:.4f})"
