import numpy as np
import pytest
from factory import make_version

from benchmark.data.load import dataset_info, load_dqb
from benchmark.data.manifest import DataIntegrityError, available_versions, verify, version_dir
from benchmark.io import InputError
from benchmark.labels import LABELS


def test_load_returns_all_splits_with_explicit_features(data_dir):
    dd = load_dqb(data_dir)
    assert set(dd) == {"train", "validation", "test", "contrast"}
    assert dd["train"].num_rows == 64
    feat = dd["train"].features["labels"]
    assert feat.feature.dtype == "float32" and feat.length == len(LABELS)
    row = dd["train"][1]
    assert row["labels"] == [float(lab in row["label_names"]) for lab in LABELS]
    assert set(row["evidence"]) == set(LABELS)


def test_labels_feed_a_bce_loss_directly(data_dir):
    import torch

    dd = load_dqb(data_dir, splits=["validation"]).with_format("torch")
    y = dd["validation"][:]["labels"]
    assert y.dtype == torch.float32 and y.shape == (24, 3)
    torch.nn.functional.binary_cross_entropy_with_logits(torch.zeros_like(y), y)  # no dtype error


def test_modified_split_fails_the_hash_check(tmp_path):
    vdir = make_version(tmp_path)
    path = vdir / "test.jsonl"
    path.write_text(path.read_text().replace("council", "counsel", 1))
    with pytest.raises(DataIntegrityError, match="test.jsonl.*does not match"):
        verify(vdir)
    with pytest.raises(DataIntegrityError):
        load_dqb(tmp_path)


def test_versions_resolve(tmp_path):
    make_version(tmp_path, "1.0")
    make_version(tmp_path, "1.2", sizes={"train": 8, "validation": 8, "test": 8})
    make_version(tmp_path, "1.10", sizes={"train": 8, "validation": 8, "test": 8})
    assert available_versions(tmp_path) == ["1.0", "1.2", "1.10"]
    assert version_dir(tmp_path).name == "v1.10"  # numeric, not alphabetical
    assert version_dir(tmp_path, "1.2").name == "v1.2"
    assert dataset_info(tmp_path, "1.0")["splits"]["train"] == 64
    with pytest.raises(InputError, match="not found; available"):
        version_dir(tmp_path, "2.0")


def test_load_shipped_data_if_present():
    from benchmark.data.manifest import DEFAULT_DATA_DIR

    if not available_versions(DEFAULT_DATA_DIR):
        pytest.skip("no shipped dataset version")
    dd = load_dqb(DEFAULT_DATA_DIR, splits=["test"])
    y = np.asarray(dd["test"]["labels"])
    assert y.shape[1] == 3 and set(np.unique(y)) <= {0.0, 1.0}
