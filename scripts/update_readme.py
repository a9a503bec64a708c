"""Paste leaderboard/leaderboard.md into the README between its leaderboard markers.

    python scripts/update_readme.py [--board leaderboard/leaderboard.md] [--readme README.md]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from benchmark.io import write_text

START, END = "<!-- leaderboard:start -->", "<!-- leaderboard:end -->"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--board", type=Path, default=Path("leaderboard/leaderboard.md"))
    ap.add_argument("--readme", type=Path, default=Path("README.md"))
    args = ap.parse_args(argv)
    if not args.board.is_file():
        print(f"error: {args.board} not found: build the leaderboard first (make main)", file=sys.stderr)
        return 1
    readme = args.readme.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        print(f"error: {args.readme} has no {START} ... {END} markers", file=sys.stderr)
        return 1
    board = args.board.read_text(encoding="utf-8").strip()
    board = re.sub(r"^# .*\n+", "", board)  # the README has its own heading
    new = readme[: readme.index(START) + len(START)] + "\n" + board + "\n" + readme[readme.index(END):]
    write_text(args.readme, new)
    print(f"updated {args.readme} from {args.board}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
