"""Reading prediction files quickly, with the strict reader as the judge of every file it cannot vouch for.

:func:`benchmark.records.read_predictions` parses one line at a time and checks every field in Python; reading
thousands of files that way dominates building a board. :func:`read_prediction_matrix` parses a whole file with
one ``json.loads`` call and checks it with set and array operations. It only ever accepts a file that the strict
reader would accept with the same result; on anything unusual (a bad value, a blank line, an unexpected key, a
Windows line ending) it hands the file to the strict reader, which then returns the same values or raises its
precise, line-numbered :class:`~benchmark.io.InputError`.
"""

from __future__ import annotations

import json
from itertools import chain
from operator import itemgetter
from pathlib import Path

import numpy as np

from benchmark.labels import LABELS
from benchmark.records import read_predictions

_get_labels = itemgetter(*LABELS)
# characters that str.splitlines (used by the strict reader) treats as line ends but str.split("\n") does not
_OTHER_LINE_ENDS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def read_prediction_matrix(path: str | Path) -> tuple[list[str], np.ndarray]:
    """Ids and an ``(n, len(LABELS))`` float64 probability matrix, exactly as ``read_predictions`` would give."""
    fast = _read_fast(path)
    if fast is not None:
        return fast
    ids, probs = read_predictions(path)
    return ids, np.asarray(probs, dtype=np.float64).reshape(len(ids), len(LABELS))


def _read_fast(path: str | Path) -> tuple[list[str], np.ndarray] | None:
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the strict reader words the error
    if any(ch in text for ch in _OTHER_LINE_ENDS):
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    try:
        # one C-level parse; a blank or broken line makes the whole array invalid and sends us to the strict reader
        rows = json.loads("[" + ",".join(lines) + "]")
        if len(rows) != len(lines) or not rows or set(map(type, rows)) != {dict}:
            return None
        if "dqb_submission" in rows[0]:
            rows = rows[1:]
            if not rows:
                return None
        ids = [row["id"] for row in rows]
        if set(map(type, ids)) != {str} or not all(ids):
            return None
        if "probs" in rows[0]:
            sources = [row["probs"] for row in rows]
            if set(map(type, sources)) != {dict} or set(map(len, sources)) != {len(LABELS)}:
                return None
        else:
            sources = rows  # flat submission lines: exactly id and one value per label
            if set(map(len, sources)) != {len(LABELS) + 1}:
                return None
        values = list(map(_get_labels, sources))
        if not set(map(type, chain.from_iterable(values))) <= {float, int}:  # bools and strings go to the strict path
            return None
        probs = np.array(values, dtype=np.float64).reshape(len(ids), len(LABELS))
    except (KeyError, TypeError, ValueError, OverflowError, RecursionError):
        return None
    if np.isnan(probs).any() or (probs < 0).any() or (probs > 1).any():
        return None
    return ids, probs

