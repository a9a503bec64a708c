import json
import random
from pathlib import Path

import pytest
from factory import make_record

from benchmark.contrib.agreement import agreement
from benchmark.contrib.review import review


def two_annotators(tmp_path, n=40, disagree=(3, 7)):
    rng = random.Random(0)
    rows = []
    for i in range(n):
        labels = ["attributed_quote"] if i % 2 else []
        r = make_record(i, labels, rng, "g")
        second = ["attributed_quote"] if (i % 2) != (i in disagree) else []
        r["annotations"]["annotators"] = [
            {"annotator": "ann1", "labels": labels},
            {"annotator": "ann2", "labels": second},
        ]
        rows.append(r)
    p = tmp_path / "double.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return p


def test_agreement_lists_the_disagreements_and_computes_kappa(tmp_path):
    result = agreement([two_annotators(tmp_path)])
    assert result.paragraphs == 40 and result.annotators_per_paragraph == (2, 2)
    assert [d["id"] for d in result.disagreements] == ["g-0003", "g-0007"]
    # QUOTE: 20/20 split for ann1, ann2 flips two -> po = 38/40, pe = 0.5*0.5*2 = 0.5 -> kappa 0.9
    assert result.kappa["attributed_quote"] == pytest.approx(0.9)
    assert result.kappa["rhetorical_question"] == 1.0
    assert "g-0003" in result.format()


def test_agreement_on_the_shipped_double_annotations_if_present():
    from benchmark.data.manifest import DEFAULT_DATA_DIR, available_versions, version_dir

    if not available_versions(DEFAULT_DATA_DIR):
        pytest.skip("no shipped dataset version")
    test_file = version_dir(DEFAULT_DATA_DIR) / "test.jsonl"
    result = agreement([test_file])
    assert result.paragraphs >= 750
    assert all(-1 <= k <= 1 for k in result.kappa.values())


def test_review_ranks_a_planted_label_error_first(compose_cfg, tmp_path):
    from benchmark import train

    cfg = compose_cfg("model=rules")
    train.run(cfg)
    rng = random.Random(5)
    rows = [make_record(i, ["rhetorical_question"] if i % 2 else [], rng, "rv") for i in range(20)]
    wrong = make_record(99, ["rhetorical_question"], rng, "rv")
    wrong["labels"], wrong["evidence"] = [], {}  # a clear question labelled as none
    rows.append(wrong)
    p = tmp_path / "contrib.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    items = review([p], Path(cfg.paths.output_dir))
    assert items[0].id == "rv-0099"
    assert "rhetorical_question" in items[0].suspicious
