"""Thin wrapper: python scripts/contrib.py validate FILE...  (same as dqb-contrib)."""

import sys

from benchmark.contrib.cli import main

if __name__ == "__main__":
    sys.exit(main())
