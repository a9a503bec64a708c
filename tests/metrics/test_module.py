import numpy as np
import pytest

from benchmark.metrics.core import DEFINITIONS, compute_metrics


def test_evaluate_module_loads_by_path_and_matches_core():
    from benchmark.metrics.module import MODULE_DIR, load_metric

    metric = load_metric()
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, (50, 3))
    p = rng.random((50, 3))
    got = metric.compute(
        predictions=p.tolist(),
        references=y.tolist(),
        thresholds=[0.4, 0.5, 0.6],
        pair_ids=[f"p{i // 2}" for i in range(50)],
    )
    want = compute_metrics(y, p, thresholds=[0.4, 0.5, 0.6], pair_ids=[f"p{i // 2}" for i in range(50)])
    assert got["macro_f1"] == pytest.approx(want["macro_f1"])
    assert got["pair_consistency"] == pytest.approx(want["pair_consistency"])
    assert got["definitions"] == DEFINITIONS and got["metric_module"]["name"] == "dqb_metrics"
    # evaluate's dependency check reads imports naively: one import per line in the module
    src = (MODULE_DIR / "dqb_metrics.py").read_text()
    assert all("," not in line for line in src.splitlines() if line.startswith(("import ", "from ")))
