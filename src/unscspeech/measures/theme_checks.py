"""The reading check of the theme codebook, as the book reports it.

``theme_checks.csv`` in the corpus folder records each paragraph read for a theme, whether it was
about the theme, and the day it was read. Paragraphs judged off-theme lead to exclusions in the
codebook, so the precision of the codebook is reported twice: as first read, and for the sample the
current hits draw (:func:`unscspeech.measures.themes.sample_for_checking`). This module reads the record
and says, for each judgement, whether its paragraph still counts for its theme and whether it is in
the current sample.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd

from unscspeech.input.judgements import read_judgements
from unscspeech.measures.themes import sample_for_checking

COLUMNS = ["theme", "doc_id", "paragraph", "relevant", "note", "read_on"]


def read_checks(root: Path, themes: Collection[str] | None = None,
                doc_ids: Collection[str] | None = None) -> pd.DataFrame:
    """``theme_checks.csv`` of the corpus folder ``root`` (optional; ``#`` lines are notes): each
    judgement ``relevant`` yes or no, ``paragraph`` a number, ``read_on`` a day, and, where given,
    ``theme`` among ``themes`` and ``doc_id`` among ``doc_ids`` (:mod:`unscspeech.input.judgements`)."""
    root = Path(root)
    return read_judgements(root / "theme_checks.csv", COLUMNS, root, yes_no=("relevant",), numbers=("paragraph",),
                           days=("read_on",), themes=themes, doc_ids=doc_ids).reset_index(drop=True)


def check_table(checks: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """The judgements with ``counts_now`` (the paragraph still has a hit of the theme) and
    ``in_sample`` (it is in the sample the current hits draw for the theme), so that the book can
    say which judgements still bear on the codebook as it is.

    >>> hits = pd.DataFrame({"theme": ["peace", "peace"], "doc_id": ["a", "b"], "paragraph": [1, 2]})
    >>> checks = pd.DataFrame({"theme": ["peace"] * 3, "doc_id": ["a", "b", "c"], "paragraph": [1, 2, 5],
    ...                        "relevant": ["yes", "no", "yes"], "note": "",
    ...                        "read_on": ["2024-01-01", "2024-01-01", "2024-02-01"]})
    >>> check_table(checks, hits)[["doc_id", "counts_now", "in_sample"]].values.tolist()
    [['a', True, True], ['b', True, True], ['c', False, False]]
    """
    touched = set(zip(hits["theme"], hits["doc_id"], hits["paragraph"].astype(int)))
    sampled = {(t, d, int(p)) for t in checks["theme"].unique()
               for d, p in sample_for_checking(hits, t).itertuples(index=False)}
    keys = list(zip(checks["theme"], checks["doc_id"], checks["paragraph"].astype(int)))
    return checks.assign(counts_now=[k in touched for k in keys], in_sample=[k in sampled for k in keys])


def precision(checks: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """``first``: (paragraphs read, about their theme) of the first reading; ``now``: the same for
    the paragraphs of the current samples (a paragraph read twice counts by its latest reading).

    >>> checks = pd.DataFrame({"theme": ["peace"] * 3, "doc_id": ["a", "b", "c"], "paragraph": [1, 2, 5],
    ...                        "relevant": ["yes", "no", "yes"], "read_on": ["2024-01-01", "2024-01-01", "2024-02-01"],
    ...                        "in_sample": [True, False, True]})
    >>> precision(checks)
    {'first': (2, 1), 'now': (2, 2)}
    """
    first = checks[checks["read_on"] == checks["read_on"].min()]
    now = checks[checks["in_sample"]].sort_values("read_on").drop_duplicates(["theme", "doc_id", "paragraph"],
                                                                              keep="last")
    return {"first": (len(first), int((first["relevant"] == "yes").sum())),
            "now": (len(now), int((now["relevant"] == "yes").sum()))}
