"""Inline SVG charts for the HTML page, drawn from board rows; every text is escaped here.

Only SVG presentation attributes are used (no ``style=`` attributes), so the page's Content-Security-Policy can
forbid inline styles other than its own stylesheet.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from benchmark.labels import LABELS
from benchmark.leaderboard import formatting as fmt

INK, MUTED, GRID, ACCENT = "#1f2933", "#6b7785", "#d9dee3", "#2563eb"
FONT = 'font-family="system-ui, sans-serif"'


def _text(x: float, y: float, s: str, size: int = 11, anchor: str = "start", fill: str = INK, extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" {FONT}'
            f'{" " + extra if extra else ""}>{escape(s)}</text>')


def _clip(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def row_label(row: dict[str, Any]) -> str:
    return f"{row['rank']}. {row['model']}" + ("" if row["kind"] == "submission" else f" {row['config_hash'][:6]}")


def per_label_f1_svg(rows: list[dict[str, Any]], level: float) -> str:
    """Dot-and-whisker chart: per-label F1 and macro-F1 of each row with its bootstrap interval, one panel each."""
    panels = [(fmt.SHORT[lab] + " F1", lambda r, lab=lab: r["test"]["per_label"][lab]["f1"]) for lab in LABELS]
    panels.append(("Macro-F1", lambda r: r["test"]["macro_f1"]))
    left, panel_w, gap, top, row_h = 230, 170, 18, 34, 18
    width = left + len(panels) * (panel_w + gap)
    height = top + row_h * len(rows) + 34
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="Per-label F1 with {level * 100:g}% bootstrap intervals">']
    for i, row in enumerate(rows):
        y = top + row_h * i + row_h / 2
        out.append(_text(left - 8, y + 4, _clip(row_label(row)), anchor="end"))
    for p, (title, get) in enumerate(panels):
        x0 = left + p * (panel_w + gap)
        out.append(_text(x0 + panel_w / 2, 16, title, size=12, anchor="middle", extra='font-weight="600"'))
        for t in (0, 0.25, 0.5, 0.75, 1.0):
            x = x0 + t * panel_w
            out.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 28}" stroke="{GRID}"/>')
            out.append(_text(x, height - 14, f"{t:g}", size=10, anchor="middle", fill=MUTED))
        for i, row in enumerate(rows):
            s = get(row)
            if s.get("mean") is None:
                continue
            y = top + row_h * i + row_h / 2
            lo, hi = s["ci"]
            tip = f"{row['model']} — {title}: {fmt.mean_std(s)} {fmt.ci(s)}"
            out.append(f'<g><title>{escape(tip)}</title>'
                       f'<line x1="{x0 + lo * panel_w:.1f}" y1="{y:.1f}" x2="{x0 + hi * panel_w:.1f}" y2="{y:.1f}" '
                       f'stroke="{ACCENT}" stroke-width="2"/>'
                       f'<circle cx="{x0 + s["mean"] * panel_w:.1f}" cy="{y:.1f}" r="3.5" fill="{INK}"/></g>')
    out.append("</svg>")
    return "".join(out)


def _log_ticks(lo: float, hi: float) -> list[float]:
    ticks = []
    for e in range(math.floor(lo), math.ceil(hi) + 1):
        for m in ((1, 2, 5) if hi - lo < 3 else (1,)):
            v = math.log10(m) + e
            if lo - 1e-9 <= v <= hi + 1e-9:
                ticks.append(v)
    return ticks


def efficiency_svg(rows: list[dict[str, Any]], level: float, labelled: int = 8) -> str:
    """Macro-F1 (with its interval) against inference throughput on a log axis; the best rows are named."""
    pts = [r for r in rows if (r["efficiency"]["inference_paragraphs_per_second"]["mean"] or 0) > 0]
    width, height, left, right, top, bottom = 760, 420, 64, 24, 20, 48
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="Macro-F1 against inference throughput">']
    if not pts:
        out.append(_text(width / 2, height / 2, "No row reports an inference throughput.", anchor="middle",
                         fill=MUTED))
        return "".join(out) + "</svg>"
    xs = [math.log10(r["efficiency"]["inference_paragraphs_per_second"]["mean"]) for r in pts]
    los = [r["test"]["macro_f1"]["ci"][0] for r in pts]
    his = [r["test"]["macro_f1"]["ci"][1] for r in pts]
    x_lo, x_hi = math.floor(min(xs) * 2) / 2, math.ceil(max(xs) * 2) / 2
    if x_hi - x_lo < 1:
        x_lo, x_hi = x_lo - 0.5, x_hi + 0.5
    y_lo, y_hi = max(0.0, math.floor(min(los) * 10) / 10), min(1.0, math.ceil(max(his) * 10) / 10)
    if y_hi - y_lo < 0.1:
        y_lo, y_hi = max(0.0, y_lo - 0.05), min(1.0, y_hi + 0.05)
    pw, ph = width - left - right, height - top - bottom

    def sx(v: float) -> float:
        return left + (v - x_lo) / (x_hi - x_lo) * pw

    def sy(v: float) -> float:
        return top + (1 - (v - y_lo) / max(y_hi - y_lo, 1e-9)) * ph

    for v in _log_ticks(x_lo, x_hi):
        out.append(f'<line x1="{sx(v):.1f}" y1="{top}" x2="{sx(v):.1f}" y2="{top + ph}" stroke="{GRID}"/>')
        out.append(_text(sx(v), top + ph + 16, f"{10 ** v:,.0f}" if v >= 0 else f"{10 ** v:.2g}", size=10,
                         anchor="middle", fill=MUTED))
    steps = 5
    for k in range(steps + 1):
        v = y_lo + (y_hi - y_lo) * k / steps
        out.append(f'<line x1="{left}" y1="{sy(v):.1f}" x2="{left + pw}" y2="{sy(v):.1f}" stroke="{GRID}"/>')
        out.append(_text(left - 6, sy(v) + 3, f"{v:.2f}", size=10, anchor="end", fill=MUTED))
    out.append(_text(left + pw / 2, height - 10, "inference paragraphs per second (log scale)", anchor="middle"))
    out.append(_text(14, top + ph / 2, f"test macro-F1 ({level * 100:g}% CI)", anchor="middle",
                     extra=f'transform="rotate(-90 14 {top + ph / 2:.1f})"'))
    for i, (row, x) in enumerate(zip(pts, xs, strict=True)):
        s = row["test"]["macro_f1"]
        hw = "; ".join(row["efficiency"]["hardware"]) or "hardware not recorded"
        tip = (f"{row['model']}: macro-F1 {fmt.mean_std(s)} {fmt.ci(s)}, "
               f"{fmt.rate(row['efficiency']['inference_paragraphs_per_second'])} paragraphs/s on {hw}")
        out.append(f'<g><title>{escape(tip)}</title>'
                   f'<line x1="{sx(x):.1f}" y1="{sy(s["ci"][0]):.1f}" x2="{sx(x):.1f}" y2="{sy(s["ci"][1]):.1f}" '
                   f'stroke="{ACCENT}" stroke-width="1.5"/>'
                   f'<circle cx="{sx(x):.1f}" cy="{sy(s["mean"]):.1f}" r="4" fill="{INK}"/></g>')
        if i < labelled:
            out.append(_text(sx(x) + 6, sy(s["mean"]) - 6, _clip(row_label(row), 24), size=10))
    if len(pts) < len(rows):
        out.append(_text(left + pw, top + 12, f"{len(rows) - len(pts)} row(s) without a throughput figure not shown",
                         size=10, anchor="end", fill=MUTED))
    out.append("</svg>")
    return "".join(out)
