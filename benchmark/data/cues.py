"""Surface cues that a shallow model could latch onto, defined once.

The dataset is written so that none of these cues is enough to predict a label; the statistics command reports,
per split, how often each cue appears *without* the label it suggests ("decoy rates").
"""

from __future__ import annotations

import re

HEDGE_WORDS: tuple[str, ...] = (
    "could",
    "might",
    "may",
    "probably",
    "likely",
    "perhaps",
    "seems",
    "appears",
    "expected",
)
_HEDGE_RE = re.compile(r"\b(" + "|".join(HEDGE_WORDS) + r")\b", re.IGNORECASE)
# Double quotes of any style, guillemets, or a single quote opening a word (‘productive’ or 'productive').
# A single quote inside or at the end of a word is an apostrophe (the players’ union), not a quotation mark.
_QUOTE_RE = re.compile(r"[\"“”«»„]|(?:^|(?<=[\s(\[—–-]))[‘'](?=\w)")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD_RE = re.compile(r"\b[\w'’-]+\b")


def has_question_mark(text: str) -> bool:
    return "?" in text


def has_hedge(text: str) -> bool:
    return _HEDGE_RE.search(text) is not None


def hedge_words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _HEDGE_RE.finditer(text)]


def has_quotation_marks(text: str) -> bool:
    return _QUOTE_RE.search(text) is not None


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def split_sentences(text: str) -> list[str]:
    """A light sentence splitter: good enough for counting and for locating evidence, no model needed."""
    return [s.strip() for s in _SENTENCE_END_RE.split(text.strip()) if s.strip()]


def opening(text: str, n: int = 3) -> str:
    """The first ``n`` words, lower-cased: used to keep openings varied."""
    return " ".join(w.lower() for w in words(text)[:n])
