"""The reading check of the theme codebook, as the book reports it.

``theme_checks.csv`` in the corpus folder records each paragraph read for a theme, whether it was
about the theme, and the day it was read. Paragraphs judged off-theme lead to exclusions in the
codebook, so the precision of the codebook is reported twice: as first read, and for the sample the
current hits draw (:func:`unscspeech.themes.sample_for_checking`). This module reads the record
and says, for each judgement, whether its paragraph still counts for its theme and whether it is in
the current sample.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from unscspeech.problems import CorpusError, Problem, display_path
from unscspeech.themes import sample_for_checking

COLUMNS = ["theme", "doc_id", "paragraph", "relevant", "note", "read_on"]


def read_checks(root: Path) -> pd.DataFrame:
    """``theme_checks.csv`` (optional; ``#`` lines are comments), every judgement 'yes' or 'no'."""
    path = Path(root) / "theme_checks.csv"
    if not path.is_file():
        return pd.DataFrame(columns=COLUMNS)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    body = "\n".join(line for line in lines if not line.startswith("#"))
    checks = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)
    first = next(i for i, line in enumerate(lines, start=1) if not line.startswith("#"))
    problems = [Problem(display_path(path), f"column '{c}' is missing", first) for c in COLUMNS if c not in checks]
    if problems:
        raise CorpusError(problems)
    for i, row in checks.iterrows():
        if row["relevant"] not in ("yes", "no"):
            problems.append(Problem(display_path(path), f"relevant '{row['relevant']}' must be yes or no",
                                    first + 1 + int(i)))
    if problems:
        raise CorpusError(problems)
    return checks[COLUMNS].assign(paragraph=checks["paragraph"].astype(int))


def check_table(checks: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """The judgements with ``counts_now`` (the paragraph still has a hit of the theme) and
    ``in_sample`` (it is in the sample the current hits draw for the theme)."""
    touched = set(zip(hits["theme"], hits["doc_id"], hits["paragraph"].astype(int)))
    sampled = {(t, d, int(p)) for t in checks["theme"].unique()
               for d, p in sample_for_checking(hits, t).itertuples(index=False)}
    keys = list(zip(checks["theme"], checks["doc_id"], checks["paragraph"].astype(int)))
    return checks.assign(counts_now=[k in touched for k in keys], in_sample=[k in sampled for k in keys])


def precision(checks: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """``first``: (paragraphs read, about their theme) of the first reading; ``now``: the same for
    the paragraphs of the current samples (a paragraph read twice counts by its latest reading)."""
    first = checks[checks["read_on"] == checks["read_on"].min()]
    now = checks[checks["in_sample"]].sort_values("read_on").drop_duplicates(["theme", "doc_id", "paragraph"],
                                                                              keep="last")
    return {"first": (len(first), int((first["relevant"] == "yes").sum())),
            "now": (len(now), int((now["relevant"] == "yes").sum()))}
