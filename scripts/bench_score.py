"""Time ``dqb-score`` on a 2,000-word article after the model is loaded (goal: under 5 s on 2 CPU cores).

    python scripts/bench_score.py [--run RUN_DIR] [--words 2000]

The article is built from test paragraphs of the shipped data (as HTML with navigation, headings and a footer);
the default run is the main job's best run on validation.
"""

from __future__ import annotations

import argparse
import html
import time

from benchmark.data.manifest import DEFAULT_DATA_DIR, read_split, version_dir
from benchmark.score import Scorer, default_run


def article(words: int) -> str:
    paras, n = [], 0
    for rec in read_split(version_dir(DEFAULT_DATA_DIR), "test"):
        paras.append(f"<p>{html.escape(rec['text'])}</p>")
        n += len(rec["text"].split())
        if n >= words:
            break
    return (
        "<html><body><nav>Home | News | Subscribe</nav><article><h1>A long read</h1>"
        + "".join(paras)
        + "</article><footer>All rights reserved.</footer></body></html>"
    ), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", default=None)
    ap.add_argument("--words", type=int, default=2000)
    args = ap.parse_args()
    run = args.run or default_run()
    t = time.perf_counter()
    scorer = Scorer(run)
    load = time.perf_counter() - t
    text, n = article(args.words)
    scorer.score(text, "a.html")  # warm-up
    times = []
    for _ in range(3):
        t = time.perf_counter()
        result = scorer.score(text, "a.html")
        times.append(time.perf_counter() - t)
    print(
        f"run {run} ({scorer.record['model']['name']}): model loaded in {load:.1f} s; {n:,}-word article, "
        f"{len(result.paragraphs)} paragraphs, "
        f"{sum(len(p.sentences) for p in result.paragraphs)} sentences: scored in {min(times):.2f} s "
        f"(best of 3; median {sorted(times)[1]:.2f} s)"
    )


if __name__ == "__main__":
    main()
