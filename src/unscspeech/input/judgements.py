"""Reading the records of a reading check: CSV files of the corpus folder, each row a judgement.

``theme_checks.csv``, ``near_match_checks.csv``, ``theme_recall.csv`` and ``self_reports.csv`` are
read through :func:`unscspeech.input.corpus.read_rows` (``#`` lines are notes; a link out of the corpus
folder, bytes that are not UTF-8 and control characters are refused), and each value the tables
rely on is checked here, so that a slip in a judgement is one line naming its file and line
rather than a traceback or a silently wrong count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from unscspeech.input.corpus import ISO_DATE, read_rows
from unscspeech.input.problems import CorpusError, Problem, display_path


def read_judgements(path: Path, columns: list[str], folder: Path | None, *, yes_no: tuple[str, ...] = (),
                    numbers: tuple[str, ...] = (), days: tuple[str, ...] = (),
                    themes: Collection[str] | None = None, doc_ids: Collection[str] | None = None,
                    doc_columns: tuple[str, ...] = ("doc_id",)) -> pd.DataFrame:
    """The rows of an optional reading-check file (``columns``, in that order; empty when the file
    is absent), indexed by the file line each starts on, with ``numbers`` as integers.

    Refuses (:class:`CorpusError`, every problem at once) a value of ``yes_no`` other than yes or
    no, of ``numbers`` other than a whole number from 1, of ``days`` other than an ISO day, a
    ``theme`` not among ``themes`` and a value of ``doc_columns`` not among ``doc_ids`` (each
    check made only where the collection is given)."""
    rows, problems = read_rows(Path(path), columns, folder=folder, refuse_controls=True, comments=True)
    shown = display_path(Path(path))
    for line, row in rows:
        problems += [Problem(shown, f"{c} '{row[c]}' must be yes or no", line) for c in yes_no
                     if row[c] not in ("yes", "no")]
        problems += [Problem(shown, f"{c} '{row[c]}' must be a whole number from 1", line) for c in numbers
                     if not (row[c].isascii() and row[c].isdigit() and int(row[c]) >= 1)]
        problems += [Problem(shown, f"{c} '{row[c]}' is not an ISO 8601 day (YYYY-MM-DD)", line) for c in days
                     if not _is_day(row[c])]
        if themes is not None and row.get("theme") not in themes:
            problems.append(Problem(shown, f"theme '{row.get('theme')}' is not a theme of themes.yml", line))
        if doc_ids is not None:
            problems += [Problem(shown, f"{c} '{row[c]}' is not a doc_id of metadata.csv", line)
                         for c in doc_columns if row[c] not in doc_ids]
    if problems:
        raise CorpusError(problems)
    table = pd.DataFrame([[row[c] for c in columns] for _, row in rows], columns=columns,
                         index=pd.Index([line for line, _ in rows], dtype="int64"), dtype=str)
    return table.astype({c: "int64" for c in numbers})


def _is_day(value: str) -> bool:
    try:
        return bool(ISO_DATE.match(value)) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False
