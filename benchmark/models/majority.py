"""The sanity floor: every paragraph gets the training prior of each label."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from benchmark.io import read_json, write_json
from benchmark.models.base import Model, texts_and_targets
from benchmark.models.registry import register


@register
class MajorityModel(Model):
    family = "majority"
    description = "predicts each label's training-set prior for every paragraph"

    def __init__(self, name: str = "majority"):
        super().__init__(name)

    def fit(self, train: Any, validation: Any | None = None) -> MajorityModel:
        _, y = texts_and_targets(train)
        self.prior_ = y.mean(axis=0)
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        self._check_fitted()
        return np.tile(self.prior_, (len(texts), 1)).astype(np.float64)

    def num_parameters(self) -> int:
        return int(self.prior_.size)

    def _save_state(self, path: Path) -> None:
        write_json(path / "prior.json", self.prior_.tolist())

    def _load_state(self, path: Path) -> None:
        self.prior_ = np.asarray(read_json(path / "prior.json"), dtype=np.float64)
