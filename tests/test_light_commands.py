"""Commands that need no model must not import torch or transformers (each costs seconds per process)."""

import subprocess
import sys

import pytest
from factory import ROOT

HEAVY = ("torch", "transformers")
CODE = """
import sys, runpy
sys.argv = {argv!r}
try:
    runpy.run_module({module!r}, run_name="__main__")
except SystemExit:
    pass
heavy = [m for m in {heavy!r} if m in sys.modules]
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.parametrize(
    "module,args",
    [
        ("benchmark.data.cli", ["validate", "--no-release"]),
        ("benchmark.data.cli", ["stats"]),
        ("benchmark.contrib.cli", ["validate", "{examples}/native.jsonl"]),
        ("benchmark.contrib.cli", ["agreement", "{data}/v1.0/test.jsonl"]),
    ],
)
def test_no_torch_or_transformers(module, args, data_dir):
    argv = [module, "--data-dir", str(data_dir)] + [
        a.format(examples=ROOT / "data" / "examples", data=data_dir) for a in args
    ]
    out = subprocess.run(
        [sys.executable, "-c", CODE.format(argv=argv, module=module, heavy=HEAVY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = [x for x in out.stdout.splitlines() if x.startswith("HEAVY:")]
    assert line == ["HEAVY:"], out.stdout[-500:] + out.stderr[-2000:]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in ci and "make test" in readme
