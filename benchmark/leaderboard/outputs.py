"""Writing a leaderboard's files: index.html, leaderboard.md, leaderboard.csv, leaderboard.json and PNG plots.

Every file is written atomically (a temporary file renamed over the old one), so a reader never sees half a board.
"""

from __future__ import annotations

import os
from pathlib import Path

from benchmark.io import write_text
from benchmark.leaderboard.board import Leaderboard
from benchmark.leaderboard.render_html import to_html
from benchmark.leaderboard.render_text import to_csv, to_json, to_markdown

OUTPUT_FILES = ("index.html", "leaderboard.md", "leaderboard.csv", "leaderboard.json")


def write_outputs(lb: Leaderboard, out_dir: str | Path = "leaderboard", plots: bool = True) -> list[Path]:
    """Write every output of ``lb`` into ``out_dir``; return the paths written."""
    out_dir = Path(out_dir)
    written = []
    for name, render in zip(OUTPUT_FILES, (to_html, to_markdown, to_csv, to_json), strict=True):
        write_text(out_dir / name, render(lb))
        written.append(out_dir / name)
    if plots:
        from benchmark.leaderboard.plots import write_plots  # matplotlib is imported only when plots are wanted

        written += write_plots(lb, out_dir)
    _make_readable(written)
    return written


def _make_readable(paths: list[Path]) -> None:
    """Atomic writes go through mkstemp, whose files are private (0600); a published board must be readable."""
    umask = os.umask(0)
    os.umask(umask)
    for path in paths:
        os.chmod(path, 0o666 & ~umask)
