"""The main job: train and evaluate the default model suite on the shipped data, then build the leaderboard.

Each model trains in its own process (``python -m benchmark.train ...``), so its record holds its own peak memory
and its exact command. Finished runs are kept: rerunning the job skips them (``--force`` retrains).

    python scripts/main.py                       # the suite of the README, one seed
    python scripts/main.py --seeds 0 1 2 --models rules tfidf_logreg
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmark.records import is_run_dir, read_record

DEFAULT_SUITE = ("majority", "rules", "tfidf_logreg", "embedding_probe", "minilm")
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_EVALUATE_OFFLINE": "1",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
PUBLISHED = ("record.json", "config.yaml", "metrics.json", "predictions")


def train_command(model: str, seed: int, run_dir: Path, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "benchmark.train",
        f"model={model}",
        f"seed={seed}",
        f"hydra.run.dir={run_dir}",
        *extra,
    ]


def publish(run_dir: Path, dest: Path) -> Path:
    """Copy what the leaderboard needs (record, config, metrics, predictions; not the model) into ``dest``."""
    target = dest / run_dir.parent.name / run_dir.name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PUBLISHED:
        src = run_dir / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        elif src.exists():
            shutil.copy2(src, target / name)
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", nargs="+", default=list(DEFAULT_SUITE))
    ap.add_argument("--seeds", nargs="+", type=int, default=[0])
    ap.add_argument("--out", type=Path, default=Path("outputs/main"))
    ap.add_argument("--leaderboard", type=Path, default=Path("leaderboard"))
    ap.add_argument("--publish", type=Path, default=None, help="also copy the finished runs (without models) here")
    ap.add_argument("--force", action="store_true", help="retrain runs that already have a record")
    ap.add_argument("--override", action="append", default=[], help="extra Hydra override for every run")
    args = ap.parse_args(argv)
    env = {**os.environ, **OFFLINE_ENV}
    started = time.perf_counter()
    jobs = [(m, s) for m in args.models for s in args.seeds]
    done: list[Path] = []
    for k, (model, seed) in enumerate(jobs, 1):
        run_dir = args.out / model / f"seed{seed}"
        print(f"\n=== [{k}/{len(jobs)}] {model} seed {seed} -> {run_dir}", flush=True)
        if is_run_dir(run_dir) and not args.force:
            print("    already done (use --force to retrain)")
            done.append(run_dir)
            continue
        t0 = time.perf_counter()
        result = subprocess.run(train_command(model, seed, run_dir, args.override), env=env)
        if result.returncode != 0:
            print(f"    FAILED with exit code {result.returncode}; the suite stops here", file=sys.stderr)
            return result.returncode
        print(f"    done in {time.perf_counter() - t0:.0f} s", flush=True)
        done.append(run_dir)
    if args.publish:
        for run_dir in done:
            publish(run_dir, args.publish)
    from benchmark.leaderboard.cli import main as leaderboard_main

    print("\n=== leaderboard", flush=True)
    code = leaderboard_main([str(args.out), "--out", str(args.leaderboard)])
    print("\n=== summary")
    print(f"{'model':<18}{'seed':>5}{'val F1':>9}{'test F1':>9}{'pairs ok':>10}{'train s':>9}{'para/s':>11}")
    for run_dir in done:
        r = read_record(run_dir)
        m, e = r["metrics"], r["efficiency"]
        cons = m.get("contrast", {}).get("pair_consistency")
        print(
            f"{r['model']['name']:<18}{r['seed']:>5}{m['validation']['macro_f1']:>9.3f}{m['test']['macro_f1']:>9.3f}"
            f"{(cons if cons is not None else float('nan')):>10.3f}{e['train_seconds']:>9.1f}"
            f"{(e['inference_paragraphs_per_second'] or 0):>11,.0f}"
        )
    print(
        f"\nruns in {args.out}/, leaderboard in {args.leaderboard}/ (index.html, leaderboard.md); "
        f"total {time.perf_counter() - started:.0f} s"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
