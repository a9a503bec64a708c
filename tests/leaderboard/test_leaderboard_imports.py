"""The leaderboard must never import torch or transformers (it runs where neither is installed)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import benchmark

REPO = Path(benchmark.__file__).resolve().parents[1]


def test_building_a_board_imports_neither_torch_nor_transformers(ws, tmp_path):
    ws.add_run("m", flip=0.1)
    ws.add_submission("s")
    code = textwrap.dedent(f"""
        import sys
        from benchmark.leaderboard.cli import main
        code = main([{str(ws.runs_dir)!r}, {str(ws.root / "submissions")!r}, "--data-dir", {str(ws.data_dir)!r},
                     "--out", {str(tmp_path / "out")!r}, "--resamples", "50"])
        assert code == 0, code
        assert "matplotlib" in sys.modules  # the plots were drawn, so the whole path ran
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "transformers"))
        print("HEAVY:", heavy)
        sys.exit(3 if heavy else 0)
    """)
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "HEAVY: []" in proc.stdout
    assert (tmp_path / "out" / "index.html").exists()
