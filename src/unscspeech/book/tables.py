"""Read the processed tables, typed as their declaration says, and label the documents.

Chapters never re-run the pipeline: they read what ``build`` wrote, through :func:`read_tables`.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unscspeech.book import certainty
from unscspeech.processed.csv_formulas import restore_formulas
from unscspeech.processed.schema import DTYPES_WITH_MISSING, TABLES, Table

@dataclass(frozen=True, eq=False)
class Tables:
    """The processed tables as the chapters read them, each an attribute named after its file
    (``tables.documents`` is documents.csv): one field per table declared in
    :mod:`unscspeech.processed.schema`, in its order, so that a chapter's look-up is checked
    by name; the documents carry their labels (:func:`with_labels`)."""

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    cleaning_log: pd.DataFrame
    periods: pd.DataFrame
    known_typos: pd.DataFrame
    frequencies: pd.DataFrame
    keyness: pd.DataFrame
    dispersion: pd.DataFrame
    collocations: pd.DataFrame
    lexdiv: pd.DataFrame
    codebook: pd.DataFrame
    theme_checks: pd.DataFrame
    theme_hits: pd.DataFrame
    themes: pd.DataFrame
    theme_cooccurrence: pd.DataFrame
    similarity: pd.DataFrame
    shared_phrases: pd.DataFrame
    near_matches: pd.DataFrame
    topics: pd.DataFrame
    topic_themes: pd.DataFrame
    topic_stability: pd.DataFrame
    recall: pd.DataFrame
    self_reports: pd.DataFrame
    gazetteer: pd.DataFrame
    actors: pd.DataFrame
    actor_mentions: pd.DataFrame
    actor_network: pd.DataFrame
    acronyms: pd.DataFrame
    stance: pd.DataFrame
    stance_hits: pd.DataFrame
    stance_markers: pd.DataFrame
    robustness: pd.DataFrame
    robustness_lists: pd.DataFrame


def read_tables(processed: Path | str) -> Tables:
    """The processed tables of a folder ``build`` wrote, each checked against its declaration: text
    columns stay text (``keep_default_na=False``), each column has its declared type, and text cells
    are exactly as they were made (the quote that kept a spreadsheet formula inert removed, see
    :mod:`unscspeech.processed.csv_formulas`). A missing file, or a column missing, undeclared or of
    another type, is an error naming the file and the column."""
    processed = Path(processed)
    missing = [t.file for t in TABLES if not (processed / t.file).is_file()]
    if missing:
        what = "the folder does not exist" if not processed.is_dir() else f"missing {', '.join(missing)}"
        raise FileNotFoundError(errno.ENOENT, f"{what}; run `make data` (python -m unscspeech build) first",
                                str(processed))
    # Each file is read whole (low_memory=False): read in parts, a long table whose column of
    # numbers has its first empty cell far down would be typed part by part, with a warning.
    return as_tables({t.file: restore_formulas(pd.read_csv(processed / t.file, keep_default_na=False,
                                                           low_memory=False))
                      for t in TABLES}, processed)


def as_tables(frames: Mapping[str, pd.DataFrame], folder: Path | str | None = None) -> Tables:
    """:class:`Tables` from frames keyed by file name (``documents.csv``), as ``build_tables`` makes
    them or :func:`read_tables` reads them, each typed by its declaration (:func:`typed`)."""
    where = Path(folder) if folder is not None else None
    typed_frames = {t.name: typed(t, frames[t.file], where) for t in TABLES}
    typed_frames["documents"] = with_labels(typed_frames["documents"])
    return Tables(**typed_frames)


def typed(table: Table, frame: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """``frame`` with the declared columns (a ``ValueError`` naming the file otherwise) and each of
    them of its declared type: a column of numbers read as text (it has an empty cell, a statistic
    that is undefined or the rank of a term that is not key) reads the empty cell as missing, and
    whole numbers stay whole; a cell that is not of its column's type is an error naming the file,
    the column and the value."""
    where = str(folder / table.file) if folder is not None else table.file
    try:
        table.check_columns(frame.columns)
    except ValueError as err:
        raise ValueError(f"{where}: {str(err).removeprefix(table.file + ': ')}") from None
    converted = {}
    for column in table.columns:
        values = frame[column.name]
        if str(values.dtype) in (column.dtype, DTYPES_WITH_MISSING.get(column.type)):
            continue
        converted[column.name] = _as_declared(values, column.type, f"{where}: column {column.name!r}")
    return frame.assign(**converted) if converted else frame


def _as_declared(values: pd.Series, kind: str, what: str) -> pd.Series:
    """``values`` as the Frictionless type ``kind`` (:data:`DTYPES`); a ``ValueError`` saying ``what``
    and the first value that is not of the type."""
    if kind in ("string", "date"):
        return values.astype(str).where(values.notna(), "")
    if kind == "boolean":
        known = {"True": True, "False": False, True: True, False: False}
        bad = values[~values.isin(list(known))]
        if len(bad):
            raise ValueError(f"{what} is declared boolean but holds {bad.iloc[0]!r}")
        return values.map(known).astype(bool)
    text = values.replace("", None)
    numbers = pd.to_numeric(text, errors="coerce")
    bad = text[numbers.isna() & text.notna()]
    if len(bad):
        raise ValueError(f"{what} is declared {kind} but holds {bad.iloc[0]!r}")
    if kind == "integer":
        if (numbers.dropna() % 1 != 0).any():
            raise ValueError(f"{what} is declared integer but holds {numbers[numbers % 1 != 0].iloc[0]!r}")
        return numbers.astype("Int64" if numbers.isna().any() else "int64")
    return numbers.astype(float)


def with_labels(documents: pd.DataFrame) -> pd.DataFrame:
    """Add ``year``, ``surname``, a short ``label`` ("2007 Aitimova", marked where the date or the
    surname is a candidate or attributed: "2019 Atamkulov†") and ``how_sure`` (the values that are
    not stated, by level) for charts and tables."""
    out = documents.copy()
    out["year"] = out["date"].str[:4]
    out["surname"] = out["speaker"].str.split().str[-1]
    rows = out.to_dict("records")
    out["label"] = [certainty.label(r) for r in rows]
    out["how_sure"] = [certainty.summary(r) for r in rows]
    return out
