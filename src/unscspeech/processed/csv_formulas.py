"""Text cells that a spreadsheet would run as formulas, made inert in the CSVs and restored on reading.

A reader who opens a downloaded table in a spreadsheet must not have a title such as
``=HYPERLINK(...)`` run as a formula. Following the OWASP guidance on CSV injection, every text
cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a
single quote in front (``'=HYPERLINK(...)``), which spreadsheets show as text. So that the
tables read back exactly as they were made, a cell that already begins with quotes followed by
one of those characters gets one more quote, and :func:`restore_formulas` removes exactly one
from every cell that begins with quotes followed by one of them. Number columns are never
touched: a negative number stays a number.
"""

from __future__ import annotations

import re

import pandas as pd

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = "=+-@\t\r"
_NEUTRALISE = re.compile(f"^'*[{re.escape(FORMULA_STARTS)}]")
_RESTORE = re.compile(f"^'+[{re.escape(FORMULA_STARTS)}]")


def neutralise_cell(value: str) -> str:
    """The text as written to a CSV: one quote in front when a spreadsheet would run it."""
    return "'" + value if _NEUTRALISE.match(value) else value


def restore_cell(value: str) -> str:
    """The text as it was before :func:`neutralise_cell`."""
    return value[1:] if _RESTORE.match(value) else value


def _is_text(dtype) -> bool:
    return dtype == object or pd.api.types.is_string_dtype(dtype)


def _mapped(column: pd.Series, pattern: re.Pattern, change) -> pd.Series | None:
    """``column`` with ``change`` applied to the text cells ``pattern`` matches, or ``None`` if none does."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        if not _is_text(categories.dtype):
            return None
        values = [str(c) for c in categories]
        if not any(pattern.match(v) for v in values):
            return None
        return column.cat.rename_categories([change(v) if pattern.match(v) else v for v in values])
    if not _is_text(column.dtype):
        return None
    # Each distinct value is matched once, not each cell: a large table repeats its values many times.
    matching = [v for v in pd.unique(column) if isinstance(v, str) and pattern.match(v)]
    if not matching:
        return None
    hits = column.isin(matching)
    out = column.astype(object).copy()
    out[hits] = [change(v) for v in column[hits]]
    return out


def _apply(frame: pd.DataFrame, pattern: re.Pattern, change) -> pd.DataFrame:
    changed = {}
    for position, name in enumerate(frame.columns):
        new = _mapped(frame.iloc[:, position], pattern, change)
        if new is not None:
            changed[position] = new
    if not changed:
        return frame
    out = frame.copy(deep=False)
    for position, new in changed.items():
        out.isetitem(position, new)
    return out


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell a spreadsheet would run as a formula made inert."""
    return _apply(frame, _NEUTRALISE, neutralise_cell)


def restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`neutralise_formulas`, for a table read back from its CSV."""
    return _apply(frame, _RESTORE, restore_cell)
