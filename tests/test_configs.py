"""Every option of every config group composes, and every model option instantiates."""

from pathlib import Path

import pytest
from hydra.utils import get_class, instantiate

from benchmark.models.base import Model

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


def options(group: str) -> list[str]:
    return sorted(p.stem for p in (CONFIGS / group).glob("*.yaml"))


def test_groups_exist():
    for group in ("data", "model", "trainer", "experiment", "paths", "hydra", "hydra/launcher"):
        assert options(group), group


@pytest.mark.parametrize("model", options("model"))
def test_every_model_option_instantiates(compose_cfg, model):
    cfg = compose_cfg(f"model={model}")
    obj = instantiate(cfg.model, _convert_="all")
    assert isinstance(obj, Model) and obj.name == model
    assert obj.get_params()["name"] == model


@pytest.mark.parametrize("trainer", options("trainer"))
def test_every_trainer_option_composes(compose_cfg, trainer):
    cfg = compose_cfg(f"trainer={trainer}", "model=tiny_bert")
    assert cfg.trainer.precision in ("fp32", "bf16", "fp16")
    model = instantiate(cfg.model, _convert_="all")
    assert model.trainer["device"] == cfg.trainer.device


@pytest.mark.parametrize("experiment", options("experiment"))
def test_every_experiment_preset_composes(compose_cfg, experiment):
    cfg = compose_cfg(f"experiment={experiment}")
    assert isinstance(instantiate(cfg.model, _convert_="all"), Model)


@pytest.mark.parametrize("launcher", options("hydra/launcher"))
def test_every_launcher_composes_and_its_target_imports(compose_cfg, launcher):
    cfg = compose_cfg(f"hydra/launcher={launcher}", "model=rules", hydra_config=True)
    target = cfg.hydra.launcher._target_
    assert get_class(target).__name__.endswith("Launcher")


def test_presets_override_only_what_differs():
    # an experiment preset must not restate values equal to the defaults it overrides
    import yaml

    base = yaml.safe_load((CONFIGS / "trainer" / "default.yaml").read_text())
    for path in (CONFIGS / "experiment").glob("*.yaml"):
        preset = yaml.safe_load(path.read_text()) or {}
        for key, value in (preset.get("trainer") or {}).items():
            assert base.get(key) != value, f"{path.name} restates trainer.{key}"


def test_eval_config_requires_a_run_dir(compose_cfg):
    from omegaconf import MissingMandatoryValue

    cfg = compose_cfg(config_name="eval")
    with pytest.raises(MissingMandatoryValue):
        _ = cfg.run_dir
