"""Tiny, valid DQB records and dataset versions for tests (no shipped data needed)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from benchmark.data.manifest import build_manifest, write_manifest
from benchmark.io import write_jsonl
from benchmark.labels import LABELS

ROOT = Path(__file__).resolve().parents[1]
TINY_BERT = ["model=tiny_bert", "model.config.hidden_size=32", "model.config.intermediate_size=64",
             "trainer.epochs=1", "trainer.batch_size=16", "model.learning_rate=1e-3"]
TINY = {"model_type": "bert", "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2,
        "intermediate_size": 64}
NAMES = ["Ilse Varn", "Tomas Orrick", "Mira Dask", "Joel Penhale", "Ada Kestrel", "Bram Ostler", "Noor Fenwick"]
PLACES = ["Velmora", "Kestdale", "Orvale", "Thalstow", "Brennsby", "Haskmere"]
FILLER = [
    "The {place} council met on {day} to discuss the budget for the coming year.",
    "Work on the {place} footbridge began in {month} and is due to finish within {n} weeks.",
    "About {n} residents attended the meeting at the {place} library.",
    "The {place} market will open at 8am on {day}, as it has for {n} years.",
]
PARTS = {
    "rhetorical_question": "Is this really the best that {place} can do?",
    "unsupported_speculation": "Officials are probably hoping that nobody will notice the {n} missing pages.",
    "attributed_quote": '"We will publish the figures in {month}," said {name}, the treasurer.',
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "June", "July", "October"]


def make_record(i: int, labels: list[str], rng: random.Random, split_tag: str = "t") -> dict:
    fill = {
        "place": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "n": rng.randint(2, 999),
        "name": rng.choice(NAMES),
    }
    sents = [rng.choice(FILLER).format(**fill) for _ in range(2)]
    evidence = {}
    for lab in labels:
        s = PARTS[lab].format(**fill)
        sents.insert(rng.randint(0, len(sents)), s)
        evidence[lab] = [s]
    sents.append(f"Record {split_tag}{i} was filed under reference {rng.randint(10**5, 10**6)}-{i}.")
    return {
        "id": f"{split_tag}-{i:04d}",
        "text": " ".join(sents),
        "labels": labels,
        "evidence": evidence,
        "story_id": f"story-{split_tag}-{i}",
        "position": 0,
        "pair_id": None,
        "topic": "local",
        "genre": "wire",
        "source": "authored",
        "license": "CC-BY-4.0",
        "contributor": "tests",
        "annotations": {
            "annotators": [{"annotator": "A1", "labels": labels}, {"annotator": "A2", "labels": labels}],
            "adjudicated": False,
            "reason": None,
        },
    }


def combos() -> list[list[str]]:
    return [list(c) for k in range(4) for c in itertools.combinations(LABELS, k)]


def make_split(n: int, seed: int, tag: str) -> list[dict]:
    rng = random.Random(seed)
    cs = combos()
    return [make_record(i, cs[i % len(cs)], rng, tag) for i in range(n)]


def make_contrast(n_pairs: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n_pairs):
        flip = LABELS[i % 3]
        a = make_record(2 * i, [], rng, "c")
        b = dict(a, id=f"c-{2 * i + 1:04d}", labels=[flip])
        s = PARTS[flip].format(place="Orvale", n=i + 2, month="June", name="Ada Kestrel")
        b["text"] = a["text"] + " " + s
        b["evidence"] = {flip: [s]}
        b["annotations"] = dict(
            a["annotations"], annotators=[{"annotator": "A1", "labels": [flip]}, {"annotator": "A2", "labels": [flip]}]
        )
        for r in (a, b):
            r["pair_id"] = f"pair-{i}"
            r["story_id"] = f"story-c-{i}"
        out += [a, b]
    return out


def make_version(root: Path, version: str = "1.0", sizes: dict[str, int] | None = None, seed: int = 0) -> Path:
    sizes = sizes or {"train": 64, "validation": 24, "test": 24}
    vdir = Path(root) / f"v{version}"
    vdir.mkdir(parents=True, exist_ok=True)
    for k, (split, n) in enumerate(sizes.items()):
        write_jsonl(vdir / f"{split}.jsonl", make_split(n, seed + k, split[:2]))
    write_jsonl(vdir / "contrast.jsonl", make_contrast(6, seed + 9))
    write_manifest(vdir, build_manifest(vdir, version, "1.0", "1.0"))
    return vdir
