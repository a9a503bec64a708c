"""One interface for every model family (scikit-learn style).

``__init__`` stores hyperparameters only; ``fit(train, validation)`` returns ``self``; learned state ends in ``_``;
``predict_proba(texts)`` returns an ``(n, 3)`` array of independent probabilities, one column per label in
``LABELS`` order; ``save(dir)`` / ``load(dir)`` round-trip a fitted model without pickles.
"""

from __future__ import annotations

import inspect
import json
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from benchmark.io import write_json
from benchmark.labels import LABELS

MODEL_FILE = "model.json"


class NotFittedError(RuntimeError):
    """``predict_proba`` or ``save`` was called before ``fit``."""


def texts_and_targets(data: Any) -> tuple[list[str], np.ndarray]:
    """Texts and the ``(n, 3)`` 0/1 target matrix of a ``datasets.Dataset`` or a dict of columns."""
    texts = list(data["text"])
    labels = np.asarray(list(data["labels"]), dtype=np.float32)
    if labels.ndim != 2 or labels.shape[1] != len(LABELS):
        raise ValueError(f"'labels' must be multi-hot vectors of length {len(LABELS)}, got shape {labels.shape}")
    return texts, labels.astype(np.int64)


def fit_per_label(x, y: np.ndarray, **logreg_params) -> tuple[np.ndarray, np.ndarray]:
    """One scikit-learn logistic regression per label column of ``y``; returns (coef (L, d), intercept (L,)).

    Only the weights are kept, so a fitted model saves as plain arrays (no pickles) and predicts with one matmul.
    """
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((y.shape[1], x.shape[1]))
    intercept = np.zeros(y.shape[1])
    for j in range(y.shape[1]):
        clf = LogisticRegression(**logreg_params).fit(x, y[:, j])
        coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
    return coef, intercept


def sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logits))


class Model(ABC):
    """Base class of every DQB model family."""

    family: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, name: str | None = None):
        self.name = name or self.family

    # -- the interface ---------------------------------------------------------------------------------------------
    @abstractmethod
    def fit(self, train: Any, validation: Any | None = None) -> Model: ...

    @abstractmethod
    def predict_proba(self, texts: list[str]) -> np.ndarray: ...

    def save(self, path: str | Path) -> Path:
        self._check_fitted()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self._save_state(path)
        write_json(
            path / MODEL_FILE,
            {
                "family": self.family,
                "params": self.get_params(),
                "labels": list(LABELS),
                "parameters": self.num_parameters(),
            },
        )
        return path

    @classmethod
    def load(cls, path: str | Path) -> Model:
        path = Path(path)
        meta = json.loads((path / MODEL_FILE).read_text())
        if meta["family"] != cls.family:
            raise ValueError(f"{path} holds a {meta['family']} model, not {cls.family}")
        if meta.get("labels", list(LABELS)) != list(LABELS):
            raise ValueError(f"{path} was trained for labels {meta['labels']}, not {list(LABELS)}")
        model = cls(**meta["params"])
        model._load_state(path)
        return model

    # -- state, implemented by each family -------------------------------------------------------------------------
    @abstractmethod
    def _save_state(self, path: Path) -> None: ...

    @abstractmethod
    def _load_state(self, path: Path) -> None: ...

    @abstractmethod
    def num_parameters(self) -> int: ...

    @property
    def is_fitted(self) -> bool:
        return any(k.endswith("_") and not k.startswith("_") for k in vars(self))

    # -- helpers ---------------------------------------------------------------------------------------------------
    def get_params(self) -> dict[str, Any]:
        """The constructor's hyperparameters (as scikit-learn's ``get_params``)."""
        sig = inspect.signature(type(self).__init__)
        return {p: _plain(getattr(self, p)) for p in sig.parameters if p != "self" and hasattr(self, p)}

    def metadata(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "family": self.family,
            "description": self.description,
            "parameters": self.num_parameters() if self.is_fitted else None,
        }

    def _check_fitted(self) -> None:
        if not self.is_fitted:
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet: call fit(train, validation) first")

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"


def _plain(value: Any) -> Any:
    """OmegaConf containers and tuples as plain JSON types, so params save and load cleanly."""
    try:
        from omegaconf import DictConfig, ListConfig, OmegaConf

        if isinstance(value, (DictConfig, ListConfig)):
            return OmegaConf.to_container(value, resolve=True)
    except ImportError:  # pragma: no cover - omegaconf ships with hydra
        pass
    if isinstance(value, tuple):
        return list(value)
    return value
