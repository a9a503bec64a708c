"""Validate 100,000 generated paragraphs against the shipped dataset, near-duplicate detection included.

    python scripts/bench_validate.py [--n 100000] [--data-dir data]

Prints wall time and peak memory (goal: under 60 s and 2 GiB on 2 cores). The generated paragraphs are distinct
sentences built from a large random vocabulary, with 1% planted near-duplicates so the detector has work to do.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from benchmark.contrib.validate import validate_files
from benchmark.data.manifest import DEFAULT_DATA_DIR

WORDS = (
    "council budget river harbour school clinic vote market bridge tram ferry court ruling minister club "
    "season plant workers museum festival library rent housing tariff drought flood grant survey report "
    "audit station airport farmers fishermen nurses teachers students residents board trust fund"
).split()


def generate(n: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    # function words keep the text English-looking, so the language check stays quiet as on real data
    vocab = WORDS + [f"w{i}" for i in range(20000)] + "the of and to in a that was for on with as by".split() * 300
    rows = []
    for i in range(n):
        if i and i % 100 == 0:  # a planted near-duplicate of the previous paragraph
            text = rows[-1]["text"][:-1] + " again."
        else:
            sents = [
                " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 18))).capitalize() + "."
                for _ in range(rng.randint(2, 5))
            ]
            text = " ".join(sents)
        rows.append(
            {
                "id": f"bench-{i}",
                "text": text,
                "labels": [],
                "evidence": {},
                "story_id": f"s{i}",
                "topic": "local",
                "genre": "wire",
                "license": "CC-BY-4.0",
                "contributor": "bench",
            }
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contrib.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in generate(args.n)))
        start = time.perf_counter()
        report = validate_files([path], args.data_dir)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    near = sum("near-duplicate" in p.message for p in report.problems)
    print(
        f"validated {len(report.records):,} paragraphs in {seconds:.1f} s, peak memory {peak:,.0f} MiB "
        f"({len(report.errors):,} errors, {len(report.warnings):,} warnings, {near:,} near-duplicates found; "
        f"{args.n // 100 - 1:,} planted)"
    )


if __name__ == "__main__":
    main()
