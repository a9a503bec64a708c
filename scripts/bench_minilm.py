"""MiniLM training and inference throughput on this machine, against the naive baselines, with achieved FLOP rates.

    python scripts/bench_minilm.py                       # prints a table; --json writes the figures too
    python scripts/bench_minilm.py --run outputs/main/minilm/seed0   # adds int8 quantisation's macro-F1 change

Training: the transformers Trainer on the same paragraphs, (a) every batch padded to 512 tokens, random order,
versus (b) our setting: dynamic padding and length-grouped batches. Inference: ``transformers.pipeline(
"text-classification", top_k=None)`` with default settings versus our predictor (length-sorted batches under
``torch.inference_mode``), optionally int8 dynamic quantisation. FLOP rates use 2*N FLOPs per token forward and
6*N for training (N = non-embedding parameters, attention score FLOPs ignored) over every token computed, padding
included, divided by the measured rate of a large fp32 matmul in the same process.
"""

from __future__ import annotations

import argparse
import json
import os
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402


def matmul_flops(n: int = 2048, reps: int = 10) -> float:
    import torch

    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.matmul(a, b)
    t = time.perf_counter()
    for _ in range(reps):
        torch.matmul(a, b)
    return 2 * n**3 * reps / (time.perf_counter() - t)


def non_embedding_params(model) -> int:
    emb = sum(p.numel() for n, p in model.named_parameters() if "embeddings" in n)
    return sum(p.numel() for p in model.parameters()) - emb


def train_throughput(texts, labels, pad_to_512: bool, epochs: int = 1) -> tuple[float, int]:
    """Paragraphs per second of Trainer fine-tuning, and tokens computed per paragraph (padding included)."""
    import torch
    from datasets import Dataset, Features, List, Value
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        DataCollatorWithPadding,
        Trainer,
        TrainingArguments,
    )

    from benchmark.models.hub import OFFLINE_DEFAULT, resolve_pretrained

    path = resolve_pretrained(OFFLINE_DEFAULT)
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(
        path, num_labels=3, problem_type="multi_label_classification"
    )
    enc = tok(
        texts, truncation=True, max_length=512 if pad_to_512 else 256, padding="max_length" if pad_to_512 else False
    )
    cols = {
        "input_ids": enc["input_ids"],
        "attention_mask": enc["attention_mask"],
        "labels": labels.astype(np.float32).tolist(),
        "length": [len(x) for x in enc["input_ids"]],
    }
    ds = Dataset.from_dict(
        cols,
        features=Features(
            {
                "input_ids": List(Value("int32")),
                "attention_mask": List(Value("int8")),
                "labels": List(Value("float32")),
                "length": Value("int32"),
            }
        ),
    )
    tokens = {"n": 0}

    class Counting(DataCollatorWithPadding):
        def __call__(self, features):
            for f in features:
                f.pop("length", None)
            batch = super().__call__(features)
            tokens["n"] += batch["input_ids"].numel()
            return batch

    args = TrainingArguments(
        output_dir="/tmp/dqb-bench",
        per_device_train_batch_size=16,
        num_train_epochs=epochs,
        use_cpu=True,
        report_to="none",
        save_strategy="no",
        logging_strategy="no",
        disable_tqdm=True,
        remove_unused_columns=False,
        train_sampling_strategy="random" if pad_to_512 else "group_by_length",
        length_column_name="length",
        seed=0,
    )
    trainer = Trainer(model=model, args=args, train_dataset=ds, data_collator=Counting(tok))
    torch.manual_seed(0)
    t = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - t
    return len(texts) * epochs / seconds, tokens["n"] / (len(texts) * epochs), non_embedding_params(model)


def infer_pipeline(texts) -> tuple[float, float]:
    from transformers import pipeline

    from benchmark.models.hub import OFFLINE_DEFAULT, resolve_pretrained

    path = resolve_pretrained(OFFLINE_DEFAULT)
    pipe = pipeline("text-classification", model=path, tokenizer=path, top_k=None, device="cpu")
    pipe(texts[:2])
    t = time.perf_counter()
    pipe(texts)
    seconds = time.perf_counter() - t
    # the pipeline pads nothing at batch size 1: tokens computed = real tokens
    tokens = sum(len(x) for x in pipe.tokenizer(texts, truncation=True, max_length=512)["input_ids"])
    return len(texts) / seconds, tokens / len(texts)


def infer_ours(texts, precision: str = "fp32", model=None) -> tuple[float, float]:
    from benchmark.models.transformer import TransformerClassifier

    if model is None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        from benchmark.models.hub import OFFLINE_DEFAULT, resolve_pretrained

        path = resolve_pretrained(OFFLINE_DEFAULT)
        model = TransformerClassifier(pretrained=OFFLINE_DEFAULT, inference_batch_size=16)
        model.tokenizer_ = AutoTokenizer.from_pretrained(path)
        model.model_ = AutoModelForSequenceClassification.from_pretrained(path, num_labels=3).eval()
    model.inference_precision, model._quantized = precision, None
    model.predict_proba(texts[:8])
    t = time.perf_counter()
    model.predict_proba(texts)
    seconds = time.perf_counter() - t
    order = np.argsort([len(x) for x in texts], kind="stable")
    lens = [len(x) for x in model.tokenizer_(texts, truncation=True, max_length=model.max_length)["input_ids"]]
    padded = sum(
        max(lens[i] for i in order[s : s + model.inference_batch_size]) * len(order[s : s + model.inference_batch_size])
        for s in range(0, len(texts), model.inference_batch_size)
    )
    return len(texts) / seconds, padded / len(texts)


def main() -> None:
    import torch

    from benchmark.data.load import load_dqb

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train-n", type=int, default=128)
    ap.add_argument("--infer-n", type=int, default=400)
    ap.add_argument("--run", default=None, help="a trained minilm run: also measure int8's macro-F1 change on test")
    ap.add_argument("--json", default=None)
    ap.add_argument("--data-dir", default=None, help="dataset folder (default: the shipped data/)")
    args = ap.parse_args()
    dd = load_dqb(args.data_dir, splits=["train", "test"]) if args.data_dir else load_dqb(splits=["train", "test"])
    train = dd["train"].shuffle(seed=0).select(range(args.train_n))
    texts, labels = list(train["text"]), np.asarray(train["labels"])
    test_texts = list(dd["test"]["text"][: args.infer_n])
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} cores")
    peak = matmul_flops()
    print(f"fp32 matmul 2048x2048: {peak / 1e9:.1f} GFLOP/s (the machine's measured rate)")
    res = {"matmul_gflops": peak / 1e9}
    rows = []
    for name, pad in (("train: padded to 512, random order", True), ("train: dynamic padding + length groups", False)):
        rate, tok_per, n_params = train_throughput(texts, labels, pad)
        flops = 6 * n_params * tok_per * rate
        rows.append((name, rate, flops / peak))
        res[name] = {"paragraphs_per_s": rate, "tokens_per_paragraph": tok_per, "flop_fraction": flops / peak}
    rate, tok_per = infer_pipeline(test_texts)
    n_params = 11_000_000
    from transformers import AutoModel

    from benchmark.models.hub import OFFLINE_DEFAULT, resolve_pretrained

    n_params = non_embedding_params(AutoModel.from_pretrained(resolve_pretrained(OFFLINE_DEFAULT)))
    rows.append(("infer: pipeline(top_k=None), defaults", rate, 2 * n_params * tok_per * rate / peak))
    res["infer: pipeline"] = {"paragraphs_per_s": rate, "tokens_per_paragraph": tok_per}
    trained = None
    if args.run:
        from benchmark.models import load_model

        trained = load_model(os.path.join(args.run, "model"))
    for precision in ("fp32", "bf16", "int8"):
        rate, tok_per = infer_ours(test_texts, precision=precision, model=trained)
        name = f"infer: ours, length-sorted batches, {precision}"
        rows.append((name, rate, 2 * n_params * tok_per * rate / peak))
        res[name] = {"paragraphs_per_s": rate, "tokens_per_paragraph": tok_per}
    print(f"\n{'setting':<48}{'para/s':>9}{'FLOP fraction':>15}")
    for name, rate, frac in rows:
        print(f"{name:<48}{rate:>9.1f}{frac:>14.1%}")
    print("(FLOP fraction of the fp32 matmul rate; bf16 and int8 run on faster units, so they can exceed 100%)")
    print(f"\ntraining speed-up over pad-to-512: {rows[1][1] / rows[0][1]:.1f}x (goal 5x)")
    base = rows[2][1]
    print("inference speed-up over the default pipeline: " + ", ".join(
        f"{r[0].rsplit(', ', 1)[1]} {r[1] / base:.1f}x" for r in rows[3:]) + " (goal 3x)")
    if trained is not None:
        from benchmark.metrics.core import compute_metrics
        from benchmark.records import read_record

        rec = read_record(args.run)
        th = [rec["thresholds"][k] for k in ("rhetorical_question", "unsupported_speculation", "attributed_quote")]
        y = np.asarray(dd["test"]["labels"]).astype(int)
        f1 = {}
        for precision in ("fp32", "bf16", "int8"):
            trained.inference_precision, trained._quantized = precision, None
            f1[precision] = compute_metrics(y, trained.predict_proba(list(dd["test"]["text"])), th)["macro_f1"]
        print("test macro-F1 of the trained run: " + ", ".join(
            f"{k} {v:.4f} ({v - f1['fp32']:+.4f})" for k, v in f1.items()))
        res["test_macro_f1_by_precision"] = f1
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=2)


if __name__ == "__main__":
    main()
