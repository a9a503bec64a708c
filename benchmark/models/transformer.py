"""Fine-tuned ``AutoModelForSequenceClassification`` (multi-label, BCE) trained with the transformers ``Trainer``.

Dynamic padding and length-grouped batches keep CPU training fast; early stopping watches validation macro-F1 and
the best checkpoint is restored at the end; an interrupted run resumes from its last checkpoint. Under ``torchrun``
the Trainer runs DDP (on CPU through gloo, which needs ``use_cpu=True``: with ``ddp_backend="gloo"`` alone the data
is split but gradients are never synchronised).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmark.env import world
from benchmark.labels import ID2LABEL, LABEL2ID, LABELS
from benchmark.models.base import Model, texts_and_targets
from benchmark.models.hub import load_pretrained, resolve_pretrained
from benchmark.models.registry import register

TRAINER_DEFAULTS: dict[str, Any] = {
    "device": "auto",  # auto | cpu | cuda
    "precision": "fp32",  # fp32 | bf16 | fp16
    "epochs": 3,
    "batch_size": 16,
    "eval_batch_size": 64,
    "gradient_accumulation_steps": 1,
    "weight_decay": 0.01,
    "warmup_ratio": 0.06,
    "early_stopping_patience": 2,
    "group_by_length": True,
    "max_steps": -1,
    "logging_steps": 20,
    "num_workers": 0,
    "output_dir": None,  # checkpoints; the training pipeline points it into the run folder
    "resume": True,  # resume from the last checkpoint in output_dir when there is one
    "keep_checkpoints": True,
    "debug_dir": None,  # when set, each process writes the row ids it trained on and a hash of its final weights
    "progress": True,
}


class _Collator:
    """Dynamic padding; strips the row index (recording it when asked) and makes labels float32 for BCE."""

    def __init__(self, tokenizer, seen: list[int] | None = None):
        self.tokenizer, self.seen = tokenizer, seen

    def __call__(self, features: list[dict[str, Any]]) -> dict[str, Any]:
        import torch

        rows = [f.pop("row_idx") for f in features]
        if self.seen is not None:  # evaluation rows carry negative indices and are not recorded
            self.seen.extend(int(r) for r in rows if r >= 0)
        labels = [f.pop("labels") for f in features]
        batch = self.tokenizer.pad(features, padding=True, return_tensors="pt")
        batch["labels"] = torch.tensor(labels, dtype=torch.float32)
        return batch


@register
class TransformerClassifier(Model):
    family = "transformer"
    description = "fine-tuned transformer encoder, one sigmoid output per label"

    def __init__(
        self,
        name: str = "transformer",
        pretrained: str | None = None,
        config: dict | None = None,
        tokenizer: str | None = None,
        max_length: int = 256,
        learning_rate: float = 5e-5,
        inference_batch_size: int = 32,
        inference_precision: str = "fp32",
        seed: int = 0,
        trainer: dict | None = None,
    ):
        super().__init__(name)
        if pretrained is None and config is None:
            raise ValueError(
                "give `pretrained` (a hub id, local folder or pkg:// path) or a `config` to initialise randomly"
            )
        self.pretrained, self.config, self.tokenizer = pretrained, config, tokenizer
        self.max_length, self.learning_rate = max_length, learning_rate
        if inference_precision not in ("fp32", "bf16", "int8"):
            raise ValueError(f"inference_precision is fp32, bf16 or int8, got {inference_precision!r}")
        self.inference_batch_size, self.inference_precision = inference_batch_size, inference_precision
        self.seed = seed
        self.trainer = trainer

    # -- building ---------------------------------------------------------------------------------------------------
    def _settings(self) -> dict[str, Any]:
        from benchmark.models.base import _plain

        return {**TRAINER_DEFAULTS, **(_plain(self.trainer) or {})}

    def _build(self):
        from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

        tok_source = self.tokenizer or self.pretrained
        if tok_source is None:
            raise ValueError("a randomly initialised model needs `tokenizer` (a folder or pkg:// path)")
        tokenizer = load_pretrained(AutoTokenizer, tok_source)
        label_kw = {
            "num_labels": len(LABELS),
            "problem_type": "multi_label_classification",
            "id2label": dict(ID2LABEL),
            "label2id": dict(LABEL2ID),
        }
        if self.pretrained is not None:
            model = load_pretrained(AutoModelForSequenceClassification, self.pretrained, **label_kw)
        else:
            from benchmark.models.base import _plain

            cfg = dict(_plain(self.config))
            model_type = cfg.pop("model_type")
            cfg.setdefault("vocab_size", len(tokenizer))
            cfg.setdefault("pad_token_id", tokenizer.pad_token_id)
            config = AutoConfig.for_model(model_type, **cfg, **label_kw)
            import torch

            torch.manual_seed(self.seed)  # random initialisation is part of the seeded run
            model = AutoModelForSequenceClassification.from_config(config)
        return tokenizer, model

    def _device(self, settings: dict[str, Any]) -> str:
        import torch

        if settings["device"] == "auto":
            return "cuda" if torch.cuda.is_available() else "cpu"
        if settings["device"] == "cuda" and not torch.cuda.is_available():
            raise RuntimeError("trainer.device=cuda, but no CUDA device is available; use trainer.device=auto")
        return settings["device"]

    def _encode(self, tokenizer, texts: list[str], y: np.ndarray | None = None, evaluation: bool = False):
        from datasets import Dataset, Features, List, Value

        enc = tokenizer(list(texts), truncation=True, max_length=self.max_length)
        cols = {k: enc[k] for k in enc}
        feats = {k: List(Value("int32")) for k in cols}
        cols["length"] = [len(ids) for ids in enc["input_ids"]]
        cols["row_idx"] = [-1 - i for i in range(len(texts))] if evaluation else list(range(len(texts)))
        feats.update(length=Value("int32"), row_idx=Value("int64"))
        if y is not None:
            cols["labels"] = y.astype(np.float32).tolist()
            feats["labels"] = List(Value("float32"))  # BCE needs float targets
        return Dataset.from_dict(cols, features=Features(feats))

    # -- training ---------------------------------------------------------------------------------------------------
    def fit(self, train: Any, validation: Any | None = None) -> TransformerClassifier:
        from transformers import EarlyStoppingCallback, Trainer, TrainingArguments, set_seed

        from benchmark.metrics.core import compute_metrics

        s = self._settings()
        set_seed(self.seed)
        tokenizer, model = self._build()
        device = self._device(s)
        texts, y = texts_and_targets(train)
        train_ds = self._encode(tokenizer, texts, y)
        eval_ds = None
        if validation is not None:
            vtexts, vy = texts_and_targets(validation)
            eval_ds = self._encode(tokenizer, vtexts, vy, evaluation=True)
        if s["precision"] == "fp16" and device == "cpu":
            raise ValueError("trainer.precision=fp16 needs a CUDA device; on CPU use fp32 or bf16")
        out_dir = s["output_dir"] or tempfile.mkdtemp(prefix="dqb-checkpoints-")
        rank, world_size = world()

        def metrics_fn(eval_pred) -> dict[str, float]:
            logits, labels = eval_pred
            probs = 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64)))
            m = compute_metrics(np.asarray(labels).round().astype(int), probs)
            return {"macro_f1": m["macro_f1"], "micro_f1": m["micro_f1"]}

        strategy = "epoch" if eval_ds is not None else "no"
        args = TrainingArguments(
            output_dir=out_dir,
            num_train_epochs=s["epochs"],
            max_steps=s["max_steps"],
            per_device_train_batch_size=s["batch_size"],
            per_device_eval_batch_size=s["eval_batch_size"],
            gradient_accumulation_steps=s["gradient_accumulation_steps"],
            learning_rate=self.learning_rate,
            weight_decay=s["weight_decay"],
            warmup_steps=s["warmup_ratio"],
            eval_strategy=strategy,
            save_strategy="epoch" if eval_ds is not None else "no",
            load_best_model_at_end=eval_ds is not None,
            metric_for_best_model="macro_f1",
            greater_is_better=True,
            save_total_limit=2 if eval_ds is not None else None,
            logging_steps=s["logging_steps"],
            report_to="none",
            disable_tqdm=not s["progress"] or rank != 0,
            seed=self.seed,
            data_seed=self.seed,
            use_cpu=device == "cpu",
            bf16=s["precision"] == "bf16",
            fp16=s["precision"] == "fp16",
            train_sampling_strategy="group_by_length" if s["group_by_length"] else "random",
            length_column_name="length",
            remove_unused_columns=False,  # our collator drops the bookkeeping columns itself
            dataloader_num_workers=s["num_workers"],
            # With this left on, transformers multiplies the loss by the number of processes (seen with 5.x).
            average_tokens_across_devices=False,
            ddp_find_unused_parameters=False if world_size > 1 else None,
        )
        seen: list[int] | None = [] if s["debug_dir"] else None
        callbacks = [EarlyStoppingCallback(s["early_stopping_patience"])] if eval_ds is not None else []
        trainer = Trainer(
            model=model,
            args=args,
            train_dataset=train_ds,
            eval_dataset=eval_ds,
            data_collator=_Collator(tokenizer, seen),
            processing_class=tokenizer,
            compute_metrics=metrics_fn,
            callbacks=callbacks,
        )
        resume = s["resume"] and any(Path(out_dir).glob("checkpoint-*"))
        trainer.train(resume_from_checkpoint=True if resume else None)
        model = trainer.model
        if hasattr(model, "module"):
            model = model.module
        if s["debug_dir"]:
            self._write_debug(Path(s["debug_dir"]), rank, model, seen or [])
        if not s["keep_checkpoints"] and rank == 0:
            import shutil

            for ckpt in Path(out_dir).glob("checkpoint-*"):
                shutil.rmtree(ckpt, ignore_errors=True)
        self.tokenizer_, self.model_ = tokenizer, model.to("cpu" if device == "cpu" else device).eval()
        self.best_metric_ = trainer.state.best_metric
        self.history_ = trainer.state.log_history
        return self

    @staticmethod
    def _write_debug(path: Path, rank: int, model, seen: list[int]) -> None:
        path.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha256()
        for name, tensor in sorted(model.state_dict().items()):
            h.update(name.encode())
            h.update(tensor.detach().cpu().contiguous().numpy().tobytes())
        (path / f"rank{rank}.json").write_text(
            json.dumps({"rank": rank, "weights_sha256": h.hexdigest(), "seen_rows": seen})
        )

    # -- inference --------------------------------------------------------------------------------------------------
    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Sigmoid probabilities; batches are sorted by length so little time goes into padding.

        ``inference_precision`` trades exactness for speed: ``bf16`` runs under autocast (fast on CPUs with AMX and
        on GPUs), ``int8`` uses dynamic quantisation of the linear layers (CPU). Leaderboard runs use ``fp32``.
        """
        import contextlib

        import torch

        self._check_fitted()
        model = self._inference_model()
        device = next(model.parameters()).device if self.inference_precision != "int8" else torch.device("cpu")
        autocast = torch.autocast(device.type, dtype=torch.bfloat16) if self.inference_precision == "bf16" \
            else contextlib.nullcontext()
        texts = list(texts)
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), len(LABELS)))
        with torch.inference_mode(), autocast:
            for start in range(0, len(texts), self.inference_batch_size):
                idx = order[start : start + self.inference_batch_size]
                enc = self.tokenizer_(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(device)
                out[idx] = torch.sigmoid(model(**enc).logits.float()).cpu().numpy()
        return out

    def _inference_model(self):
        if self.inference_precision != "int8":
            return self.model_
        if getattr(self, "_quantized", None) is None:
            import copy

            import torch

            # int8 dynamic quantisation of the linear layers: CPU only, an opt-in speed-up for scoring.
            self._quantized = torch.ao.quantization.quantize_dynamic(
                copy.deepcopy(self.model_).to("cpu"), {torch.nn.Linear}, dtype=torch.qint8
            )
        return self._quantized

    def num_parameters(self) -> int:
        return int(sum(p.numel() for p in self.model_.parameters()))

    def _save_state(self, path: Path) -> None:
        self.model_.save_pretrained(path / "hf")
        self.tokenizer_.save_pretrained(path / "hf")

    def _load_state(self, path: Path) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        hf = path / "hf"
        self.tokenizer_ = AutoTokenizer.from_pretrained(hf, trust_remote_code=False)
        self.model_ = AutoModelForSequenceClassification.from_pretrained(hf, trust_remote_code=False).eval()
        self._quantized = None

    def resolved_source(self) -> str | None:
        return resolve_pretrained(self.pretrained) if self.pretrained else None
