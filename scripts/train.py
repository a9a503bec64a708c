"""Thin wrapper: python scripts/train.py model=rules seed=1  (same as python -m benchmark.train)."""

from benchmark.train import main

if __name__ == "__main__":
    main()
