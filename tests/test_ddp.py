"""A real 2-process DDP training of tiny_bert on CPU (gloo), launched with torchrun."""

import json
import os
import subprocess
import sys

from factory import ROOT, TINY_BERT


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_process_ddp_syncs_weights_and_splits_the_data(data_dir, tmp_path):
    debug = tmp_path / "debug"
    cmd = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--nproc_per_node=2",
        "--master_addr=127.0.0.1", f"--master_port={free_port()}",
        "-m",
        "benchmark.train",
        *TINY_BERT,
        "trainer=ddp",
        "trainer.device=cpu",
        "trainer.batch_size=8",
        "trainer.progress=false",
        f"trainer.debug_dir={debug}",
        "trainer.group_by_length=false",
        f"hydra.run.dir={tmp_path / 'run'}",
        "save_model=false",
    ]
    env = {**os.environ, "DQB_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    ranks = [json.loads((debug / f"rank{r}.json").read_text()) for r in (0, 1)]
    # gradients were synchronised: both processes end with bit-identical weights
    assert ranks[0]["weights_sha256"] == ranks[1]["weights_sha256"]
    # each process saw a different half of the 64 training paragraphs (one epoch)
    seen0, seen1 = set(ranks[0]["seen_rows"]), set(ranks[1]["seen_rows"])
    assert not seen0 & seen1
    assert seen0 | seen1 == set(range(64))
    assert len(seen0) == len(seen1) == 32
    record = json.loads((tmp_path / "run" / "record.json").read_text())
    assert record["efficiency"]["world_size"] == 2
