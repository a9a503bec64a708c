"""The DQB leaderboard: recompute every score from run records and submissions, rank, and publish.

Typical use::

    from benchmark.leaderboard import make_leaderboard
    lb = make_leaderboard(["outputs", "results"], data_dir="data", out_dir="leaderboard")

or ``dqb-leaderboard outputs/ results/`` (see :mod:`benchmark.leaderboard.cli`). This package never imports torch
or transformers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from benchmark.leaderboard.board import LEADERBOARD_SCHEMA_VERSION, Board, Leaderboard, Settings, build_leaderboard
from benchmark.leaderboard.inputs import Collection, Refusal, Refused, Run, collect, read_run
from benchmark.leaderboard.outputs import OUTPUT_FILES, write_outputs


def make_leaderboard(inputs: Iterable[str | os.PathLike], data_dir: str | os.PathLike = "data",
                     out_dir: str | os.PathLike | None = "leaderboard", settings: Settings | None = None,
                     private_test: str | os.PathLike | None = None, private_version: str | None = None,
                     plots: bool = True) -> Leaderboard:
    """Collect, score, rank and (unless ``out_dir`` is None) write every output. Returns the leaderboard.

    ``private_test``: test labels kept outside the repository, used for ``private_version`` (default: newest).
    """
    lb = build_leaderboard(collect(inputs, data_dir, private_test, private_version), settings or Settings())
    if out_dir is not None:
        write_outputs(lb, out_dir, plots=plots)
    return lb


def check_run(run_dir: str | os.PathLike, data_dir: str | os.PathLike = "data") -> dict[str, dict]:
    """Score one run folder exactly as the board would: ``{split: metrics}``, or :class:`Refused` with the reason.

    Training can call this right after writing a record to make sure the leaderboard will accept it.
    """
    collection = collect([Path(run_dir) / "record.json"], data_dir)
    if collection.refusals:
        raise Refused(collection.refusals[0].reason)
    return collection.runs[0].scores


__all__ = ["LEADERBOARD_SCHEMA_VERSION", "OUTPUT_FILES", "Board", "Collection", "Leaderboard", "Refusal", "Refused",
           "Run", "Settings", "build_leaderboard", "check_run", "collect", "make_leaderboard", "read_run",
           "write_outputs"]
