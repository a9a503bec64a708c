"""A transparent lexical baseline. Each label has a few hand-written rules; ``fit`` only calibrates them.

Rules (applied to the text with quoted spans removed, so a source's words never count as the writer's):

rhetorical_question
  R1  a sentence outside quotation marks ends in "?"
  R2  it is not an interview line ("Q:") and not part of a title or name (removed with the quotes)
  R3  a short elliptical question ("Really?", "And the cost?") or a negative/tag question ("Isn't it", ", wasn't it")
unsupported_speculation
  S1  a hedge or certainty word outside quotes (probably, likely, may well, might, could, seems, appears, no doubt,
      almost certainly, surely, must have, …)
  S2  a weasel source (critics say, many believe, some observers, it is understood, reportedly, sources say, is
      said to, is expected to, …)
  S3  S1 in a sentence that also has a reporting verb with a named source (… said) — an attributed hedge, against
attributed_quote
  A1  quotation marks in a sentence with a reporting verb (said, told, added, wrote, according to, …)
  A2  a reporting verb whose subject is not a vague group (critics, experts, sources, many, some)
  A3  "according to" or a possessive claim ("X's claim that")

``fit`` turns each label's pattern of rule firings into a probability: the share of training paragraphs with that
pattern that carry the label (Laplace-smoothed). No learned weights beyond that table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from benchmark.data.cues import split_sentences
from benchmark.io import read_json, write_json
from benchmark.labels import LABELS
from benchmark.models.base import Model, texts_and_targets
from benchmark.models.registry import register

_QUOTED = re.compile(
    r"\"[^\"]*\"|“[^”]*”|(?:^|(?<=[\s(]))‘[^’]*’(?=[\s.,;:!?)]|$)|(?:^|(?<=[\s(]))'[^']*'(?=[\s.,;:!?)]|$)"
)
_QA = re.compile(r"^\s*Q\s*[:.]", re.I)
_NEG_TAG = re.compile(
    r"\b(isn't|aren't|wasn't|weren't|doesn't|don't|didn't|won't|wouldn't|shouldn't|can't|couldn't"
    r"|hasn't|haven't)\b[^?]*\?|,\s*\w+n't\s+\w+\s*\?",
    re.I,
)
_HEDGE = re.compile(
    r"\b(probably|likely|may well|might|could|perhaps|seems?|seemed|appears?|no doubt|doubtless|"
    r"almost certainly|surely|must have|bound to|presumably|apparently|arguably|i suspect|i think|"
    r"will almost|is set to|looks (?:very much )?like|would have)\b",
    re.I,
)
_WEASEL = re.compile(
    r"\b(critics|many|some|observers|experts|analysts|insiders|sources|people familiar|"
    r"it is (?:understood|thought|believed|said)|reportedly|is said to|are said to|"
    r"is expected to|are expected to|there is a (?:growing )?sense|widely seen|rumou?rs?)\b",
    re.I,
)
_REPORT = re.compile(
    r"\b(said|says|told|tells|added|adds|wrote|writes|stated|announced|confirmed|argued|insisted|"
    r"warned|claimed|explained|noted|according to|described|called|ruled|found|expects|predicted|"
    r"replied|asked|testified|admitted|denied)\b",
    re.I,
)
_VAGUE_SUBJECT = re.compile(
    r"\b(critics|experts|sources|many|some|observers|analysts|insiders|people|one \w+)\s+"
    r"(?:\w+\s+){0,2}(?:say|said|believe|warn|claim)",
    re.I,
)
_ACCORDING = re.compile(r"\baccording to\b|\b\w+'s (?:claim|assertion|statement|remark|warning) that\b", re.I)


def strip_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def rule_features(text: str) -> list[tuple[int, ...]]:
    """The rule firings of one paragraph, one tuple per label (in ``LABELS`` order)."""
    outside = strip_quotes(text)
    sents_out = split_sentences(outside)
    sents = split_sentences(text)
    r1 = any(s.rstrip().endswith("?") and not _QA.match(s) for s in sents_out)
    r3 = any(
        _NEG_TAG.search(s) or (s.rstrip().endswith("?") and len(s.split()) <= 4) for s in sents_out if not _QA.match(s)
    )
    s1 = bool(_HEDGE.search(outside))
    s2 = bool(_WEASEL.search(outside))
    s3 = any(_HEDGE.search(s) and _REPORT.search(s) and not _VAGUE_SUBJECT.search(s) for s in sents)
    a1 = any(_QUOTED.search(s) and _REPORT.search(s) for s in sents)
    a2 = any(_REPORT.search(s) and not _VAGUE_SUBJECT.search(s) for s in sents)
    a3 = bool(_ACCORDING.search(text))
    return [(int(r1), int(r3)), (int(s1), int(s2), int(s3)), (int(a1), int(a2), int(a3))]


@register
class RulesModel(Model):
    family = "rules"
    description = (
        "hand-written lexical rules (questions outside quotes, hedge/weasel lexicons, quotes near "
        "reporting verbs), calibrated on the training split"
    )

    def __init__(self, name: str = "rules", smoothing: float = 1.0):
        super().__init__(name)
        self.smoothing = smoothing

    def fit(self, train: Any, validation: Any | None = None) -> RulesModel:
        texts, y = texts_and_targets(train)
        feats = [rule_features(t) for t in texts]
        table: list[dict[str, float]] = []
        prior = y.mean(axis=0)
        for j in range(len(LABELS)):
            counts: dict[str, list[int]] = {}
            for f, target in zip(feats, y[:, j]):
                c = counts.setdefault(_key(f[j]), [0, 0])
                c[0] += int(target)
                c[1] += 1
            a = self.smoothing
            table.append({k: (pos + a * prior[j]) / (n + a) for k, (pos, n) in counts.items()})
        self.table_ = table
        self.prior_ = prior
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        self._check_fitted()
        out = np.empty((len(texts), len(LABELS)))
        for i, t in enumerate(texts):
            for j, f in enumerate(rule_features(t)):
                out[i, j] = self.table_[j].get(_key(f), self._fallback(j, f))
        return out

    def _fallback(self, j: int, f: tuple[int, ...]) -> float:
        # A firing pattern never seen in training: fall back on its first rule alone, else the prior.
        first = [p for k, p in self.table_[j].items() if k[0] == str(f[0])]
        return float(np.mean(first)) if first else float(self.prior_[j])

    def num_parameters(self) -> int:
        return sum(len(t) for t in self.table_)

    def _save_state(self, path: Path) -> None:
        write_json(path / "rules.json", {"table": self.table_, "prior": self.prior_.tolist()})

    def _load_state(self, path: Path) -> None:
        state = read_json(path / "rules.json")
        self.table_ = state["table"]
        self.prior_ = np.asarray(state["prior"])


def _key(f: tuple[int, ...]) -> str:
    return "".join(map(str, f))
