"""Build the DQB leaderboard (a thin wrapper around ``dqb-leaderboard``; see ``docs/leaderboard.md``)."""

import sys

from benchmark.leaderboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
