"""Thin wrapper: python scripts/data.py validate | stats | card  (same as dqb-data)."""

import sys

from benchmark.data.cli import main

if __name__ == "__main__":
    sys.exit(main())
