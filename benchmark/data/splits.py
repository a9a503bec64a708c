"""Deterministic grouped splits: a story's split is a function of its ``story_id`` alone.

Hashing the story id (not the paragraph) keeps every paragraph of a story in one split, and adding new stories never
moves an existing one. The contrast split is curated, not hashed.
"""

from __future__ import annotations

import hashlib

SPLITS: tuple[str, ...] = ("train", "validation", "test")
EVAL_SPLITS: tuple[str, ...] = ("validation", "test", "contrast")
ALL_SPLITS: tuple[str, ...] = ("train", "validation", "test", "contrast")
# Cumulative upper bounds of the hash buckets.
SPLIT_BOUNDS: tuple[tuple[str, float], ...] = (("train", 0.55), ("validation", 0.72), ("test", 1.0))


def story_fraction(story_id: str) -> float:
    """Map a story id to a number in [0, 1) with sha256 (stable across Python versions and machines)."""
    digest = hashlib.sha256(story_id.encode("utf-8")).hexdigest()
    return int(digest[:12], 16) / float(16**12)


def split_for_story(story_id: str) -> str:
    x = story_fraction(story_id)
    for name, bound in SPLIT_BOUNDS:
        if x < bound:
            return name
    return SPLITS[-1]
