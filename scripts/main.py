"""The main job (see README): train + evaluate the default suite on the shipped data, build the leaderboard."""

import sys

from benchmark.suite import main

if __name__ == "__main__":
    sys.exit(main())
