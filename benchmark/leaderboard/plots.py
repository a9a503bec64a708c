"""PNG plots of a board with matplotlib (Agg canvas, no pyplot state): per-label F1 and macro-F1 vs throughput."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from benchmark.io import atomic_path
from benchmark.labels import LABELS
from benchmark.leaderboard import formatting as fmt
from benchmark.leaderboard.board import Board, Leaderboard
from benchmark.leaderboard.charts_svg import row_label

PLOT_ROWS = 20


def plot_names(board: Board) -> tuple[str, str]:
    v = re.sub(r"[^0-9A-Za-z._-]", "_", str(board.dataset["version"]))
    return f"per_label_f1_v{v}.png", f"efficiency_v{v}.png"


def _plain(s: str) -> str:
    """matplotlib reads $...$ as mathematics; a model name is plain text."""
    return s.replace("\\", "\\\\").replace("$", r"\$")


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _footnote(fig, lb: Leaderboard, board: Board) -> None:
    note = f"DQB v{board.dataset['version']}, {board.n_test:,} test paragraphs. {lb.settings.sentence()}"
    if board.test_labels == "private":
        note += " Test labels are private."
    fig.text(0.01, 0.01, _plain("\n".join(textwrap.wrap(note, 170))), fontsize=6.5, color="#555", va="bottom")


def _save(fig, path: Path) -> None:
    with atomic_path(path, "wb") as f:
        fig.savefig(f, format="png")


def per_label_plot(lb: Leaderboard, board: Board, path: Path) -> None:
    rows = board.rows[:PLOT_ROWS]
    panels = [(f"{fmt.SHORT[lab]} F1", lambda r, lab=lab: r["test"]["per_label"][lab]["f1"]) for lab in LABELS]
    panels.append(("Macro-F1", lambda r: r["test"]["macro_f1"]))
    fig = _figure(11, 1.6 + 0.28 * len(rows))
    axes = fig.subplots(1, len(panels), sharey=True)
    ys = list(range(len(rows)))
    for ax, (title, get) in zip(axes, panels, strict=True):
        stats: list[dict[str, Any]] = [get(r) for r in rows]
        for y, s in zip(ys, stats, strict=True):
            if s.get("mean") is not None:
                ax.errorbar(s["mean"], y, xerr=[[s["mean"] - s["ci"][0]], [s["ci"][1] - s["mean"]]], fmt="o",
                            color="#1f2933", ecolor="#2563eb", elinewidth=2, markersize=4, capsize=0)
        ax.set_title(title, fontsize=10)
        ax.set_xlim(0, 1)
        ax.set_xticks([0.25, 0.5, 0.75, 1.0])  # no 0: it would collide with the previous panel's 1
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", color="#ddd")
    axes[0].set_yticks(ys)
    axes[0].set_yticklabels([_plain(row_label(r)[:34]) for r in rows], fontsize=8)
    axes[0].invert_yaxis()
    fig.subplots_adjust(left=0.24, right=0.98, top=1 - 0.45 / fig.get_figheight(),
                        bottom=0.75 / fig.get_figheight(), wspace=0.08)
    _footnote(fig, lb, board)
    _save(fig, path)


def efficiency_plot(lb: Leaderboard, board: Board, path: Path, labelled: int = 8) -> None:
    pts = [r for r in board.rows if (r["efficiency"]["inference_paragraphs_per_second"]["mean"] or 0) > 0]
    fig = _figure(8, 5.5)
    ax = fig.add_subplot()
    for i, r in enumerate(pts):
        x = r["efficiency"]["inference_paragraphs_per_second"]["mean"]
        s = r["test"]["macro_f1"]
        ax.errorbar(x, s["mean"], yerr=[[s["mean"] - s["ci"][0]], [s["ci"][1] - s["mean"]]], fmt="o",
                    color="#1f2933", ecolor="#2563eb", markersize=4)
        if i < labelled:
            ax.annotate(_plain(row_label(r)[:26]), (x, s["mean"]), xytext=(4, 4), textcoords="offset points",
                        fontsize=7)
    if pts:
        ax.set_xscale("log")
        ax.margins(x=0.15)  # room for the names of the rightmost points
    else:
        ax.text(0.5, 0.5, "No row reports an inference throughput.", ha="center", transform=ax.transAxes)
    ax.set_xlabel("inference paragraphs per second (log scale; each run's own hardware)")
    ax.set_ylabel(f"test macro-F1 ({lb.settings.level * 100:g}% CI)")
    ax.grid(color="#eee")
    fig.subplots_adjust(left=0.11, right=0.97, top=0.96, bottom=0.2)
    _footnote(fig, lb, board)
    _save(fig, path)


def write_plots(lb: Leaderboard, out_dir: str | Path) -> list[Path]:
    out_dir = Path(out_dir)
    written = []
    for board in lb.boards:
        per_label, efficiency = (out_dir / name for name in plot_names(board))
        per_label_plot(lb, board, per_label)
        efficiency_plot(lb, board, efficiency)
        written += [per_label, efficiency]
    return written
