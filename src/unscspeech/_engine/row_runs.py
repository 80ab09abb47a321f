"""Runs of consecutive rows: the sentences, paragraphs or documents of the token table.

The processed tables keep each document's rows together and in reading order, so the words of
a sentence or a paragraph are a run of consecutive rows. Cutting a column at the rows where the
key changes gives every run at once; a pandas group-by builds a frame per group, which on a
corpus of a hundred thousand paragraphs costs more than everything done with them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def run_starts(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Positions of the rows that start a run (a row whose ``keys`` differ from the row before)."""
    if frame.empty:
        return np.zeros(0, dtype=np.int64)
    change = np.zeros(len(frame), dtype=bool)
    change[0] = True
    for key in keys:
        column = frame[key]
        # A category's code changes exactly where its value does, and compares without objects.
        values = column.cat.codes.to_numpy() if isinstance(column.dtype, pd.CategoricalDtype) else column.to_numpy()
        change[1:] |= values[1:] != values[:-1]
    return np.flatnonzero(change)


def runs(frame: pd.DataFrame, keys: list[str], column: str) -> tuple[list[tuple], list[list]]:
    """The ``keys`` of each run of consecutive rows and the values of ``column`` in it.

    The same as ``[(k, g[column].tolist()) for k, g in frame.groupby(keys, sort=False)]`` when each
    key's rows are consecutive, as they are in the processed tables."""
    starts = run_starts(frame, keys)
    bounds = starts.tolist() + [len(frame)]
    values = frame[column].tolist()
    labels = list(zip(*(frame[k].to_numpy()[starts].tolist() for k in keys)))
    return labels, [values[a:b] for a, b in zip(bounds, bounds[1:])]


def document_parts(doc: np.ndarray, at_most: int) -> list[tuple[int, int]]:
    """Consecutive row ranges ``[start, end)`` of whole documents, each of at most ``at_most`` rows
    unless one document alone has more; ``doc`` holds each document's rows together.

    >>> document_parts(np.array([0, 0, 0, 1, 1, 2, 2, 2, 2]), 5)
    [(0, 5), (5, 9)]
    """
    ends = [*(np.flatnonzero(doc[1:] != doc[:-1]) + 1).tolist(), len(doc)]
    parts, start, last = [], 0, 0
    for end in ends:
        if end - start > at_most and last > start:
            parts.append((start, last))
            start = last
        last = end
    return [*parts, (start, last)] if len(doc) else []
