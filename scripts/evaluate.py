"""Thin wrapper: python scripts/evaluate.py run_dir=...  (same as python -m benchmark.evaluate)."""

from benchmark.evaluate import main

if __name__ == "__main__":
    main()
