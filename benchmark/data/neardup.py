"""Near-duplicate detection: MinHash signatures with LSH (datasketch), confirmed by exact Jaccard.

Two paragraphs are near-duplicates when the Jaccard similarity of their word-shingle sets is at least
``THRESHOLD``. LSH proposes candidate pairs in roughly linear time; each candidate is then checked exactly, so the
reported pairs have no false positives (LSH may, rarely, miss a pair just above the threshold).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.8
SHINGLE = 3  # words per shingle
NUM_PERM = 64
_TOKEN_RE = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    """Hashed word k-grams of the lower-cased text (crc32: fast and the same on every machine)."""
    words = _TOKEN_RE.findall(text.lower())
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode())}
    return {zlib.crc32(" ".join(words[i : i + k]).encode()) for i in range(len(words) - k + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _signatures(shingle_sets: Sequence[set[int]], num_perm: int, seed: int = 1) -> np.ndarray:
    """MinHash signatures, vectorised with numpy (datasketch's "legacy" scheme, computed for all sets at once)."""
    from datasketch import MinHash

    perm_a, perm_b = MinHash(num_perm=num_perm, seed=seed, scheme="legacy").permutations
    prime = np.uint64((1 << 61) - 1)
    max_hash = np.uint64((1 << 32) - 1)
    sigs = np.empty((len(shingle_sets), num_perm), dtype=np.uint64)
    for i, s in enumerate(shingle_sets):
        hv = np.fromiter(s, dtype=np.uint64, count=len(s))
        phv = np.bitwise_and((np.outer(hv, perm_a) + perm_b) % prime, max_hash)
        sigs[i] = phv.min(axis=0)
    return sigs


@dataclass(frozen=True)
class NearDuplicate:
    i: int  # index into the query collection
    j: int  # index into the reference collection (or the same collection)
    similarity: float


class NearDuplicateIndex:
    """An LSH index over reference texts; query it with other texts, or find pairs within one collection."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        from datasketch import LeanMinHash, MinHashLSH

        self.threshold, self.num_perm = threshold, num_perm
        # Recall matters more than precision here: candidates are confirmed exactly, so lean towards more bands.
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9))
        self._lean = LeanMinHash
        self._shingles: list[set[int]] = []

    def __len__(self) -> int:
        return len(self._shingles)

    def _minhashes(self, sets: Sequence[set[int]]):
        sigs = _signatures(sets, self.num_perm)
        return [self._lean(seed=1, hashvalues=row, scheme="legacy") for row in sigs]

    def add(self, texts: Iterable[str]) -> None:
        sets = [shingles(t) for t in texts]
        start = len(self._shingles)
        self._shingles.extend(sets)
        with self._lsh.insertion_session() as session:
            for k, mh in enumerate(self._minhashes(sets)):
                session.insert(start + k, mh, check_duplication=False)

    def query(self, texts: Sequence[str]) -> list[NearDuplicate]:
        """Pairs (query i, reference j) with exact Jaccard >= threshold."""
        sets = [shingles(t) for t in texts]
        out = []
        for i, mh in enumerate(self._minhashes(sets)):
            for j in self._lsh.query(mh):
                sim = jaccard(sets[i], self._shingles[j])
                if sim >= self.threshold:
                    out.append(NearDuplicate(i, j, sim))
        return out

    def self_pairs(self) -> list[NearDuplicate]:
        """Pairs i < j within the indexed collection."""
        out = []
        for i, mh in enumerate(self._minhashes(self._shingles)):
            for j in self._lsh.query(mh):
                if j > i:
                    sim = jaccard(self._shingles[i], self._shingles[j])
                    if sim >= self.threshold:
                        out.append(NearDuplicate(i, j, sim))
        return out


def find_near_duplicates(texts: Sequence[str], threshold: float = THRESHOLD) -> list[NearDuplicate]:
    index = NearDuplicateIndex(threshold)
    index.add(texts)
    return index.self_pairs()
