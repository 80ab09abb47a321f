"""The reading check of the theme codebook, as the book reports it.

``theme_checks.csv`` in the corpus folder records each paragraph read for a theme, whether it was
about the theme, and the day it was read. Paragraphs judged off-theme lead to exclusions in the
codebook, so the precision of the codebook is reported twice: as first read, and for the sample the
current hits draw (:func:`unscspeech.measures.themes.sample_for_checking`). This module reads the record
and says, for each judgement, whether its paragraph still counts for its theme and whether it is in
the current sample; :func:`precision_report` gives both figures, the first with its interval.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unscspeech.input.judgements import read_judgements
from unscspeech.measures.recall import wilson
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


@dataclass(frozen=True)
class PrecisionReport:
    """What the reading check says of the codebook's precision, before and after its correction.

    ``readings``: judgements recorded in all. ``first_checked``, ``first_relevant``: the paragraphs of
    the first reading (its day, ``first_date``) and those judged about their theme, before any
    exclusion they led to; ``first_low``, ``first_high``: the 95% Wilson interval of that share.
    ``now_checked``, ``now_relevant``: the same for the samples the current hits draw (the
    precision the codebook gives), measured after the exclusions were written, so not an
    independent test. ``off_still_counting``: paragraphs judged off their theme that still have a
    hit of it (0 once the codebook is corrected); ``None`` where ``counts_now`` is not known."""

    readings: int
    first_date: str
    first_checked: int
    first_relevant: int
    first_low: float
    first_high: float
    now_checked: int
    now_relevant: int
    off_still_counting: int | None

    @property
    def first_off(self) -> int:
        """Paragraphs of the first reading judged not about their theme."""
        return self.first_checked - self.first_relevant

    @property
    def first_precision(self) -> float:
        """The share of the first reading about its theme (0 if nothing was read)."""
        return self.first_relevant / self.first_checked if self.first_checked else 0.0

    @property
    def now_precision(self) -> float:
        """The share of the current samples about their theme (0 if nothing was read)."""
        return self.now_relevant / self.now_checked if self.now_checked else 0.0


def precision_report(checks: pd.DataFrame) -> PrecisionReport:
    """The codebook's precision as first read, with its 95% Wilson interval (the interval the
    recall check uses, :func:`unscspeech.measures.recall.wilson`), and as measured on the current
    samples after the exclusions the first reading led to (:func:`precision`).

    >>> checks = pd.DataFrame({"theme": ["peace"] * 4, "doc_id": ["a", "b", "c", "d"], "paragraph": [1, 2, 5, 6],
    ...                        "relevant": ["yes", "no", "yes", "yes"],
    ...                        "read_on": ["2024-01-01", "2024-01-01", "2024-01-01", "2024-02-01"],
    ...                        "counts_now": [True, False, True, True], "in_sample": [True, False, True, True]})
    >>> report = precision_report(checks)
    >>> report.readings, report.first_checked, report.first_off, round(report.first_precision, 3)
    (4, 3, 1, 0.667)
    >>> [round(x, 3) for x in (report.first_low, report.first_high)], report.now_precision, report.off_still_counting
    ([0.208, 0.939], 1.0, 0)
    """
    reading = precision(checks)
    (first_checked, first_relevant), (now_checked, now_relevant) = reading["first"], reading["now"]
    low, high = wilson(first_relevant, first_checked)
    off = checks["relevant"] == "no"
    still = int(checks.loc[off, "counts_now"].astype(bool).sum()) if "counts_now" in checks else None
    return PrecisionReport(readings=len(checks), first_date=str(checks["read_on"].min()) if len(checks) else "",
                           first_checked=first_checked, first_relevant=first_relevant, first_low=low,
                           first_high=high, now_checked=now_checked, now_relevant=now_relevant,
                           off_still_counting=still)
