"""The registry of model families: a name maps to one class, and duplicates are refused."""

from __future__ import annotations

import json
from pathlib import Path

from benchmark.models.base import MODEL_FILE, Model

_REGISTRY: dict[str, type[Model]] = {}


def register(cls: type[Model]) -> type[Model]:
    if not cls.family:
        raise ValueError(f"{cls.__name__} has no family name")
    if cls.family in _REGISTRY and _REGISTRY[cls.family] is not cls:
        raise ValueError(f"model family {cls.family!r} is already registered by {_REGISTRY[cls.family].__name__}")
    _REGISTRY[cls.family] = cls
    return cls


def _ensure_loaded() -> None:
    # Importing the modules registers their classes; heavy libraries are imported lazily inside them.
    from benchmark.models import embedding_probe, majority, rules, tfidf, transformer  # noqa: F401


def families() -> dict[str, type[Model]]:
    _ensure_loaded()
    return dict(_REGISTRY)


def get_family(name: str) -> type[Model]:
    fams = families()
    if name not in fams:
        raise KeyError(f"unknown model family {name!r}; registered: {', '.join(sorted(fams))}")
    return fams[name]


def load_model(path: str | Path) -> Model:
    """Load any saved model: ``model.json`` names its family."""
    path = Path(path)
    meta_file = path / MODEL_FILE
    if not meta_file.is_file():
        raise FileNotFoundError(f"{path} is not a saved DQB model (no {MODEL_FILE})")
    family = json.loads(meta_file.read_text())["family"]
    return get_family(family).load(path)
