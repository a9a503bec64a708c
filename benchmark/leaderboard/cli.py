"""``dqb-leaderboard``: build the leaderboard from run folders and submission files.

    dqb-leaderboard [RUNS_OR_SUBMISSIONS ...] --data-dir data --out leaderboard --resamples 1000 --seed 0
                    [--private-test PATH [--private-version VERSION]]

Without inputs it reads ``outputs/`` and ``results/`` where they exist. It exits non-zero only when nothing at all
could be ranked (or the private test-label file is unusable); refused inputs are listed and skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmark.io import InputError
from benchmark.leaderboard import formatting as fmt
from benchmark.leaderboard import make_leaderboard
from benchmark.leaderboard.board import Settings

DEFAULT_INPUTS = ("outputs", "results")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="dqb-leaderboard", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("inputs", nargs="*", metavar="RUNS_OR_SUBMISSIONS",
                   help="run folders (searched recursively for record.json) and submission files "
                        f"(default: {' and '.join(d + '/' for d in DEFAULT_INPUTS)} where present)")
    p.add_argument("--data-dir", default="data", help="folder of dataset versions (v1.0/, ...)")
    p.add_argument("--out", default="leaderboard", help="output folder")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    p.add_argument("--alpha", type=float, default=0.05, help="family-wise error rate of the rank groups")
    p.add_argument("--private-test", metavar="PATH", default=None,
                   help="test labels kept outside the repository (JSONL of {id, labels}); test scores come from it")
    p.add_argument("--private-version", metavar="VERSION", default=None,
                   help="the dataset version the private test labels belong to (default: the newest); records of "
                        "other versions are refused in this mode")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots (matplotlib)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    inputs = args.inputs or [d for d in DEFAULT_INPUTS if Path(d).is_dir()]
    if not inputs:
        print(f"dqb-leaderboard: nothing to rank: no inputs given and no {' or '.join(DEFAULT_INPUTS)} folder here",
              file=sys.stderr)
        return 1
    try:
        settings = Settings(resamples=args.resamples, seed=args.seed, alpha=args.alpha)
        lb = make_leaderboard(inputs, args.data_dir, args.out, settings, args.private_test, args.private_version,
                              plots=not args.no_plots)
    except (InputError, ValueError) as e:
        print(f"dqb-leaderboard: error: {e}", file=sys.stderr)
        return 2
    runs = sum(r["n_seeds"] for b in lb.boards for r in b.rows)
    print(f"dqb-leaderboard: {len(lb.boards)} board(s), {lb.n_rows} row(s) from {runs} run(s), "
          f"{len(lb.refusals)} refused -> {args.out}/")
    for b in lb.boards:
        top = b.rows[0]
        print(f"  v{b.dataset['version']} ({b.test_labels} test labels, {b.n_test:,} paragraphs): {len(b.rows)} "
              f"row(s); rank 1: {top['model']} macro-F1 {fmt.mean_std(top['test']['macro_f1'])} "
              f"{fmt.ci(top['test']['macro_f1'])}")
        for w in b.warnings:
            print(f"  warning: {w}")
    if lb.copies:
        print(f"  skipped {len(lb.copies)} exact copy/copies of runs already collected (e.g. {lb.copies[0]})")
    for r in lb.refusals:
        print(f"  refused {r}")
    print(f"  {settings.sentence()}")
    return 0 if lb.n_rows else 1


if __name__ == "__main__":
    sys.exit(main())
