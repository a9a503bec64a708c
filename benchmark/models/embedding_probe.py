"""A frozen pretrained encoder, mean-pooled embeddings, one logistic regression per label."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from benchmark.models.base import Model, fit_per_label, sigmoid, texts_and_targets
from benchmark.models.hub import OFFLINE_DEFAULT, load_pretrained
from benchmark.models.registry import register


def pick_device(device: str = "auto") -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def encode(
    texts: list[str], tokenizer, model, batch_size: int = 64, max_length: int = 256, device: str = "cpu"
) -> np.ndarray:
    """Mean-pooled last hidden states, batched in length order (less padding) and returned in input order."""
    import torch

    order = np.argsort([len(t) for t in texts], kind="stable")
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            enc = tokenizer(
                [texts[i] for i in idx], padding=True, truncation=True, max_length=max_length, return_tensors="pt"
            ).to(device)
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-6)
            out[idx] = pooled.float().cpu().numpy()
    return out


@register
class EmbeddingProbe(Model):
    family = "embedding_probe"
    description = "frozen pretrained encoder, mean-pooled embeddings, one logistic regression per label"

    def __init__(
        self,
        name: str = "embedding_probe",
        pretrained: str = OFFLINE_DEFAULT,
        C: float = 1.0,
        batch_size: int = 64,
        max_length: int = 256,
        device: str = "auto",
        normalize: bool = True,
        seed: int = 0,
    ):
        super().__init__(name)
        self.pretrained, self.C, self.batch_size, self.max_length = pretrained, C, batch_size, max_length
        self.device, self.normalize, self.seed = device, normalize, seed
        self._encoder = None

    def _load_encoder(self):
        if self._encoder is None:
            from transformers import AutoModel, AutoTokenizer

            dev = pick_device(self.device)
            self._encoder = (
                load_pretrained(AutoTokenizer, self.pretrained),
                load_pretrained(AutoModel, self.pretrained).to(dev),
                dev,
            )
        return self._encoder

    def embed(self, texts: list[str]) -> np.ndarray:
        tok, enc, dev = self._load_encoder()
        x = encode(list(texts), tok, enc, self.batch_size, self.max_length, dev)
        if self.normalize:
            x /= np.linalg.norm(x, axis=1, keepdims=True).clip(min=1e-12)
        return x

    def fit(self, train: Any, validation: Any | None = None) -> EmbeddingProbe:
        texts, y = texts_and_targets(train)
        self.coef_, self.intercept_ = fit_per_label(
            self.embed(texts), y, C=self.C, max_iter=2000, class_weight="balanced", random_state=self.seed
        )
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        self._check_fitted()
        return sigmoid(self.embed(list(texts)) @ self.coef_.T + self.intercept_)

    def num_parameters(self) -> int:
        _, enc, _ = self._load_encoder()
        return int(sum(p.numel() for p in enc.parameters()) + self.coef_.size + self.intercept_.size)

    def _save_state(self, path: Path) -> None:
        # The encoder is referenced by name (it is frozen); only the probe is saved.
        np.savez(path / "probe.npz", coef=self.coef_, intercept=self.intercept_)

    def _load_state(self, path: Path) -> None:
        w = np.load(path / "probe.npz", allow_pickle=False)
        self.coef_, self.intercept_ = w["coef"], w["intercept"]
