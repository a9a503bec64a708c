"""Time building the leaderboard on synthetic data: by default 2,000 run records of 1,000 test predictions each.

    .venv/bin/python scripts/bench_leaderboard.py [--runs 2000] [--n 1000] [--configs 400] [--resamples 1000]
                                                  [--all-splits] [--cores 2] [--keep DIR]

Writes a synthetic dataset version and the run folders into a temporary folder, then builds the board (all
outputs: HTML, Markdown, CSV, JSON and the PNG plots) in a fresh child process, so that the peak memory reported
(``ru_maxrss`` of that process) is the build's alone. ``--all-splits`` adds validation and contrast predictions of
the same size to every run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmark.data.manifest import build_manifest, write_manifest  # noqa: E402
from benchmark.labels import LABELS  # noqa: E402

ID_FMT = "dqb-{:07d}"


def write_dataset(vdir: Path, n: int, splits: list[str], rng: np.random.Generator) -> dict[str, np.ndarray]:
    gold = {}
    for split in splits:
        y = rng.random((n, len(LABELS))) < np.array([0.25, 0.3, 0.35])
        with open(vdir / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for i, row in enumerate(y):
                labels = json.dumps([lab for lab, v in zip(LABELS, row, strict=True) if v])
                pair = json.dumps(f"{split}-p{i // 2}") if split == "contrast" else "null"
                f.write(
                    f'{{"id": "{split}-{ID_FMT.format(i)}", "text": "Synthetic paragraph {i}.", '
                    f'"labels": {labels}, "pair_id": {pair}}}\n'
                )
        gold[split] = y
    return gold


def write_predictions(path: Path, split: str, probs: np.ndarray) -> None:
    lines = []
    for i, (a, b, c) in enumerate(probs.tolist()):
        pred = ", ".join(f'"{lab}"' for lab, v in zip(LABELS, (a, b, c), strict=True) if v >= 0.5)
        lines.append(
            f'{{"id": "{split}-{ID_FMT.format(i)}", "probs": {{"{LABELS[0]}": {a:.6f}, "{LABELS[1]}": '
            f'{b:.6f}, "{LABELS[2]}": {c:.6f}}}, "pred": [{pred}]}}\n'
        )
    path.write_text("".join(lines), encoding="utf-8")


def generate(root: Path, runs: int, n: int, configs: int, all_splits: bool, seed: int = 0) -> tuple[Path, Path]:
    rng = np.random.default_rng(seed)
    data_dir, runs_dir = root / "data", root / "outputs"
    vdir = data_dir / "v1.0"
    vdir.mkdir(parents=True)
    splits = ["test"] + (["validation", "contrast"] if all_splits else [])
    gold = write_dataset(vdir, n, splits, rng)
    manifest = build_manifest(vdir, "1.0", "1.0", "1.0")
    write_manifest(vdir, manifest)
    for r in range(runs):
        c, s = r % configs, r // configs
        strength = 0.5 + 2.5 * c / max(configs - 1, 1)  # configurations from weak to strong
        run_dir = runs_dir / f"cfg{c:04d}-seed{s}"
        (run_dir / "predictions").mkdir(parents=True)
        for split in splits:
            logits = (2 * gold[split] - 1) * strength + rng.normal(0, 1.5, gold[split].shape)
            write_predictions(run_dir / "predictions" / f"{split}.jsonl", split, 1 / (1 + np.exp(-logits)))
        record = {
            "schema_version": "1.0",
            "run_id": run_dir.name,
            "model": {
                "name": f"synthetic_{c % 7}",
                "family": "synthetic",
                "description": "bench",
                "parameters": 1000 * (c + 1),
                "config": {"variant": c, "seed": s},
            },
            "seed": s,
            "thresholds": dict.fromkeys(LABELS, 0.5),
            "dataset": {
                "name": "dqb",
                "version": "1.0",
                "content_hash": manifest["content_hash"],
                "guidelines_version": "1.0",
            },
            "metrics_module": {"name": "dqb_metrics", "version": "1.0", "definitions": {}},
            "splits": {sp: {"predictions": f"predictions/{sp}.jsonl", "n": n} for sp in splits},
            "metrics": {},
            "git": {"commit": "0" * 40, "dirty": False},
            "environment": {
                "python": "3.11",
                "packages": {},
                "device": "cpu",
                "hardware": {"cpu": "bench CPU", "cores": 2, "gpu": None, "memory_gb": 8},
            },
            "efficiency": {
                "train_seconds": float(10 + c),
                "inference_paragraphs_per_second": float(50 + 40 * c),
                "peak_memory_mb": 100.0,
            },
            "command": f"dqb-train variant={c} seed={s}",
            "created": "2025-01-01T00:00:00Z",
        }
        (run_dir / "record.json").write_text(json.dumps(record), encoding="utf-8")
    return data_dir, runs_dir


def build(data_dir: Path, runs_dir: Path, out_dir: Path, resamples: int, trace: bool) -> dict:
    """The timed part: collect, rank and write every output. Runs in its own process."""
    if trace:
        import tracemalloc

        tracemalloc.start()
    from benchmark.leaderboard import Settings, build_leaderboard, collect, write_outputs

    t0 = time.perf_counter()
    collection = collect([runs_dir], data_dir)
    t1 = time.perf_counter()
    lb = build_leaderboard(collection, Settings(resamples=resamples, seed=0))
    t2 = time.perf_counter()
    write_outputs(lb, out_dir)
    t3 = time.perf_counter()
    out = {
        "collect_s": t1 - t0,
        "rank_s": t2 - t1,
        "outputs_s": t3 - t2,
        "total_s": t3 - t0,
        "runs": len(collection.runs),
        "rows": lb.n_rows,
        "refusals": len(lb.refusals),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if trace:
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=2000)
    p.add_argument("--n", type=int, default=1000, help="paragraphs per split")
    p.add_argument("--configs", type=int, default=400, help="configurations (runs / configs seeds each)")
    p.add_argument("--resamples", type=int, default=1000)
    p.add_argument("--all-splits", action="store_true", help="validation and contrast predictions too")
    p.add_argument("--cores", type=int, default=2, help="CPU cores the build may use")
    p.add_argument("--tracemalloc", action="store_true", help="also report the Python-heap peak (slower)")
    p.add_argument("--keep", type=Path, default=None, help="write the synthetic data here and keep it")
    p.add_argument("--child", nargs=3, metavar=("DATA", "RUNS", "OUT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.child:
        result = build(*map(Path, args.child), resamples=args.resamples, trace=args.tracemalloc)
        print(json.dumps(result))
        return 0

    root = args.keep or Path(tempfile.mkdtemp(prefix="dqb-bench-"))
    try:
        t = time.perf_counter()
        data_dir, runs_dir = generate(root, args.runs, args.n, args.configs, args.all_splits)
        what = "test, validation, contrast" if args.all_splits else "test"
        print(
            f"generated {args.runs} runs x {args.n} paragraphs ({what}) in {time.perf_counter() - t:.1f} s under {root}"
        )
        threads = str(args.cores)
        env = dict(
            os.environ,
            OMP_NUM_THREADS=threads,
            OPENBLAS_NUM_THREADS=threads,
            MKL_NUM_THREADS=threads,
            PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        )
        cmd = [
            sys.executable,
            __file__,
            "--child",
            str(data_dir),
            str(runs_dir),
            str(root / "leaderboard"),
            "--resamples",
            str(args.resamples),
        ] + (["--tracemalloc"] if args.tracemalloc else [])
        cores = sorted(os.sched_getaffinity(0))[: args.cores] if hasattr(os, "sched_getaffinity") else None
        proc = subprocess.run(
            cmd,
            env=env,
            capture_output=True,
            text=True,
            preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None,
        )
        if proc.returncode:
            print(proc.stdout, proc.stderr, file=sys.stderr)
            return proc.returncode
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"board: {r['runs']} runs -> {r['rows']} rows, {r['refusals']} refused, {args.resamples} resamples, "
            f"{len(cores) if cores else '?'} cores"
        )
        print(
            f"wall time {r['total_s']:.2f} s (collect {r['collect_s']:.2f} s, rank {r['rank_s']:.2f} s, "
            f"outputs {r['outputs_s']:.2f} s); peak memory (max RSS) {r['peak_rss_mb']:.0f} MiB"
            + (f"; Python heap peak {r['tracemalloc_peak_mb']:.0f} MiB" if "tracemalloc_peak_mb" in r else "")
        )
        if args.tracemalloc:
            print("(tracemalloc slows Python down several times: judge the time goal on a run without it)")
        else:
            ok = r["total_s"] < 30 and r["peak_rss_mb"] < 2048
            print("goal (< 30 s, < 2 GiB):", "met" if ok else "NOT met")
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
