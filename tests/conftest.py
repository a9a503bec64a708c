"""Shared fixtures: offline Hugging Face settings, a tiny dataset version, composed Hydra configs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/factory.py

from factory import ROOT  # noqa: E402

# Nothing may reach the hub, and nothing is written to the user's cache: HF_HOME points at a temporary folder.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_EVALUATE_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session", autouse=True)
def _hf_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("hf_home")
    old = os.environ.get("HF_HOME")
    os.environ["HF_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("HF_HOME", None)
    else:
        os.environ["HF_HOME"] = old


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """A tiny, valid dataset version 1.0 (train 64, validation 24, test 24, contrast 6 pairs)."""
    from factory import make_version

    root = tmp_path_factory.mktemp("data")
    make_version(root)
    return root


@pytest.fixture
def compose_cfg(data_dir, tmp_path):
    """Compose configs/train.yaml with overrides, pointed at the tiny data and a temporary output folder."""
    from hydra import compose, initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra

    def _compose(*overrides: str, config_name: str = "train", hydra_config: bool = False):
        GlobalHydra.instance().clear()
        with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
            base = [f"paths.data_dir={data_dir}", f"paths.output_dir={tmp_path / 'run'}"]
            if config_name == "train":
                base += ["trainer.progress=false"]
            return compose(config_name=config_name, overrides=[*base, *overrides], return_hydra_config=hydra_config)

    yield _compose
    GlobalHydra.instance().clear()

