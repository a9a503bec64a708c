"""Write the authoring plan for DQB v1.0: one spec per paragraph to be written (kept for provenance).

Each spec fixes what the writer must produce — labels, topic, genre, length, decoy cues and continuation role — so
that label rates, cue-decoy rates and topic/genre balance are designed in rather than hoped for. Splits come from
``benchmark.data.splits`` (hash of story id) before labels are drawn, so every split gets the same label mix.

    python scripts/authoring/make_specs.py --out data/_work/specs
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path

from benchmark.data import schema
from benchmark.data.splits import split_for_story
from benchmark.labels import LABELS

TOPICS = list(schema.TOPICS)
GENRES = {  # genre -> (min words, max words)
    "wire": (45, 130),
    "analysis": (80, 200),
    "opinion": (60, 180),
    "explainer": (60, 170),
    "blog": (35, 150),
    "feature": (60, 200),
    "brief": (25, 75),
}
assert tuple(GENRES) == schema.GENRES, "genre ranges must cover exactly the schema's genres"
# Share of paragraphs per label combination: none 20%, each single label 20%, each pair 5%, all three 5%.
COMBO_WEIGHTS = {0: 0.20, 1: 0.20, 2: 0.05, 3: 0.05}
SUBTYPES = {
    "rhetorical_question": [
        "insinuating question",
        "reader-engagement question",
        "hypophora (ask, then answer)",
        "elliptical question",
        "stacked questions",
        "negative or tag question pressing a view",
    ],
    "unsupported_speculation": [
        "hedged guess",
        "confident prediction without support",
        "mind-reading of a person or group",
        "insinuated motive or hidden intention",
        "unsupported causal explanation",
        "weasel attribution (critics say / it is understood / reportedly / many believe)",
        "slippery-slope chain",
        "counterfactual verdict",
    ],
    "attributed_quote": [
        "direct quotation",
        "partial quotation",
        "reported speech without quotation marks",
        "according to a named source or document",
        "nominal attribution (X's claim that ...)",
        "an organisation's stated forecast, plan, finding or ruling",
    ],
}
NO_QUOTE_SUBTYPES = [
    "reported speech without quotation marks",
    "according to a named source or document",
    "an organisation's stated forecast, plan, finding or ruling",
]
QUESTION_DECOYS_ANY = [
    "a '?' inside a quoted title of a book, show, report or exhibition",
    "a '?' inside a slogan, sign, banner or headline with no speaker",
    "a '?' inside a brand, product or app name or a web address",
]
QUESTION_DECOYS_AQ = [
    "a question asked by an identifiable source, inside quotation marks",
    "an interview Q&A exchange (question put to a named respondent)",
]
HEDGE_DECOYS_ANY = [
    "'expected' or 'likely' for a scheduled or official event",
    "'may' of permission or 'May' the month",
    "'could'/'might' in a conditional rule or procedure, or past ability ('could not open')",
    "a hedge backed by a concrete figure or observation in the same paragraph",
]
HEDGE_DECOYS_AQ = ["a forecast or guess attributed to an identifiable source (hedge inside the attributed content)"]
QUOTE_DECOYS = [
    "scare quotes with no speaker",
    "a quoted title, slogan or sign",
    "a nickname in quotation marks",
    "a word mentioned as a word in quotation marks",
    "a quotation with no speaker anywhere in the paragraph",
]
FIRST = (
    "Ada Aino Akash Alma Amara Anders Anouk Arjun Astrid Aurelio Bea Bilal Bram Carmen Cas Chidi Clio Dario "
    "Dagny Dev Edda Elif Emeka Esme Ewan Farah Felix Fenna Goran Greta Hamid Hana Idris Ilse Imre Ines Isak Jalen "
    "Jana Joaquin Jorun Kaveh Keziah Kofi Lars Leona Lior Lucia Mads Mara Matteo Mei Milan Mira Naledi Nils "
    "Noor Oda Olek Omar Orla Pavel Priya Quentin Rafa Rania Ravi Rhea Ronan Saoirse Selma Sefa Tariq Tess Theo "
    "Tomas Uma Ulla Vesna Viggo Wren Yara Yusuf Zainab Zoltan Agnes Bruno Cyrus Delia Efe Gideon Hilde Ivo"
).split()
SYL_A = ("Vel Kest Orv Thal Brenn Quor Ysk Dravel Fenn Garv Hask Istr Jorv Kell Lunn Morv Nev Orrin Pell Quill Rask "
         "Stenn Tav Ulm Vorr Wask Yarr Zel Ashk Carv").split()
SYL_B = "wick by ton ford mere stead holm vale dale more ley stow croft marsh gate ham well worth sby thorpe".split()
SUR_B = "ane ek ova ard inski ez ley mann ovic ett ino ura ssen ow ida ani ero oulis ade ko".split()
COUNTRY_B = "ania avia estan ora mark land ovia ica ara enia".split()


def fictional_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(SYL_A)}{rng.choice(SUR_B)}"


def fictional_place(rng: random.Random) -> str:
    return rng.choice(SYL_A) + rng.choice(SYL_B)


def combos() -> list[tuple[str, ...]]:
    return [c for k in range(4) for c in itertools.combinations(LABELS, k)]


def draw_combos(n: int, rng: random.Random) -> list[tuple[str, ...]]:
    """Exactly-proportioned combinations for ``n`` slots (largest remainder), shuffled."""
    shares = {c: COMBO_WEIGHTS[len(c)] for c in combos()}
    counts = {c: int(n * s) for c, s in shares.items()}
    rest = sorted(shares, key=lambda c: n * shares[c] - counts[c], reverse=True)
    for c in rest[: n - sum(counts.values())]:
        counts[c] += 1
    out = [c for c, k in counts.items() for _ in range(k)]
    rng.shuffle(out)
    return out


def decorate(spec: dict, rng: random.Random) -> dict:
    labels = spec["labels"]
    req: list[str] = []
    sub = {lab: rng.choice(SUBTYPES[lab]) for lab in labels}
    if "attributed_quote" in labels and rng.random() < 0.33:
        sub["attributed_quote"] = rng.choice(NO_QUOTE_SUBTYPES)
        req.append("NO quotation marks anywhere in the paragraph (attribution by reported speech only)")
    if "attributed_quote" in labels and spec["position"] > 0 and rng.random() < 0.5:
        req.append(
            "attribute by a pronoun or short reference ('He added that', 'the spokeswoman said') to a "
            "source named in an earlier paragraph of this story, not by repeating the name"
        )
    if "rhetorical_question" in labels and rng.random() < 0.1:
        sub["rhetorical_question"] = "a rhetorical question that ends with a full stop"
        req.append("NO '?' anywhere in the paragraph")
    no_marks = any(r.startswith("NO quotation marks") for r in req)
    if "rhetorical_question" not in labels and rng.random() < 0.33:
        pool = QUESTION_DECOYS_ANY + (QUESTION_DECOYS_AQ * 2 if "attributed_quote" in labels else [])
        if no_marks:  # (v1.0's specs were drawn before this check; writers resolved the few conflicts by hand)
            pool = [p for p in pool if "quot" not in p]
        req.append("DECOY: include a '?' that is NOT a rhetorical question of the writer: " + rng.choice(pool))
    if "unsupported_speculation" not in labels and rng.random() < 0.42:
        pool = HEDGE_DECOYS_ANY + (HEDGE_DECOYS_AQ * 3 if "attributed_quote" in labels else [])
        req.append(
            "DECOY: use one of the words could/might/may/probably/likely/perhaps/seems/appears/expected "
            "WITHOUT making it unsupported speculation: " + rng.choice(pool)
        )
    if "attributed_quote" not in labels and rng.random() < 0.36:
        req.append(
            "DECOY: include quotation marks that do NOT attribute content to an identifiable source: "
            + rng.choice(QUOTE_DECOYS)
        )
    if "unsupported_speculation" in labels and "attributed_quote" in labels and rng.random() < 0.3:
        req.append(
            "the speculation must be the writer's own (or weasel-sourced), clearly separate from the attributed content"
        )
    spec["subtypes"] = sub
    spec["requirements"] = req
    return spec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("data/_work/specs"))
    ap.add_argument("--single", type=int, default=2150)
    ap.add_argument("--multi", type=int, default=385)
    ap.add_argument("--pairs", type=int, default=330)
    ap.add_argument("--batch", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    stories = []
    sizes = [1] * args.single + [rng.choice([2, 3, 3, 4]) for _ in range(args.multi)]
    rng.shuffle(sizes)
    for i, size in enumerate(sizes):
        sid = f"dqb1-s{i:04d}"
        genre = rng.choice(list(GENRES))
        cast = {
            "people": [fictional_name(rng) for _ in range(3)],
            "place": fictional_place(rng),
            "country": rng.choice(SYL_A) + rng.choice(COUNTRY_B),
        }
        stories.append(
            {
                "story_id": sid,
                "split": split_for_story(sid),
                "size": size,
                "topic": rng.choice(TOPICS),
                "genre": genre,
                "cast": cast,
            }
        )
    specs = []
    for split in ("train", "validation", "test"):
        slots = [(s, p) for s in stories if s["split"] == split for p in range(s["size"])]
        for (story, pos), combo in zip(slots, draw_combos(len(slots), rng)):
            lo, hi = GENRES[story["genre"]]
            lo = max(lo, 35 if len(combo) == 2 else 50 if len(combo) == 3 else lo)
            target = rng.randint(lo, max(lo + 15, hi))
            specs.append(
                decorate(
                    {
                        "story_id": story["story_id"],
                        "split": split,
                        "position": pos,
                        "story_size": story["size"],
                        "topic": story["topic"],
                        "genre": story["genre"],
                        "labels": list(combo),
                        "target_words": target,
                        "cast": story["cast"],
                    },
                    rng,
                )
            )
    # Evaluation splits first: they go on to blind second annotation while the training split is still being written.
    order = {"validation": 0, "test": 1, "train": 2}
    specs.sort(key=lambda s: (order[s["split"]], s["story_id"], s["position"]))
    for i, s in enumerate(specs):
        s["spec_id"] = f"p{i:05d}"
    # Contrast pairs: member A carries the other labels O, member B carries O plus the flipped label.
    flips = [LABELS[i % 3] for i in range(args.pairs)]
    rng.shuffle(flips)
    pairs = []
    for i, flip in enumerate(flips):
        others = [lab for lab in LABELS if lab != flip and rng.random() < 0.275]
        genre = rng.choice(list(GENRES))
        lo, hi = GENRES[genre]
        a = {
            "pair_id": f"dqb1-c{i:04d}",
            "story_id": f"dqb1-cs{i:04d}",
            "topic": rng.choice(TOPICS),
            "genre": genre,
            "flip": flip,
            "labels_a": [lab for lab in LABELS if lab in others],
            "labels_b": [lab for lab in LABELS if lab in others or lab == flip],
            "target_words": rng.randint(max(lo, 40), max(lo + 15, hi)),
            "cast": {"people": [fictional_name(rng) for _ in range(3)], "place": fictional_place(rng)},
        }
        a = decorate({**a, "labels": a["labels_a"], "position": 0}, rng)
        pairs.append(a)
    args.out.mkdir(parents=True, exist_ok=True)
    batches: list[list[dict]] = [[]]
    for s in specs:
        if len(batches[-1]) >= args.batch and s["position"] == 0:
            batches.append([])
        batches[-1].append(s)
    for j, batch in enumerate(batches):
        with open(args.out / f"batch_{j:03d}.jsonl", "w") as f:
            for s in batch:
                f.write(json.dumps(s, ensure_ascii=False) + "\n")
    for j in range(0, len(pairs), 30):
        with open(args.out / f"contrast_{j // 30:03d}.jsonl", "w") as f:
            for s in pairs[j : j + 30]:
                f.write(json.dumps(s, ensure_ascii=False) + "\n")
    queue = [f"batch_{j:03d}" for j, b in enumerate(batches) if b[0]["split"] != "train"]
    queue += [f"contrast_{j:03d}" for j in range(0, (len(pairs) + 29) // 30)]
    queue += [f"batch_{j:03d}" for j, b in enumerate(batches) if b[0]["split"] == "train"]
    (args.out.parent / "QUEUE.txt").write_text("\n".join(queue) + "\n")
    by_split = {sp: sum(1 for s in specs if s["split"] == sp) for sp in ("train", "validation", "test")}
    print(f"{len(specs)} paragraph specs in {len(batches)} batches {by_split}; {len(pairs)} contrast pairs")


if __name__ == "__main__":
    main()
