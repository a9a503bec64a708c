"""Thin wrapper: python scripts/score.py ARTICLE [--run RUN_DIR] [--format table|json|html]."""

import sys

from benchmark.score import main

if __name__ == "__main__":
    sys.exit(main())
