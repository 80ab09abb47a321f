"""A large table whose column of numbers has empty cells far down is read whole, as declared."""

from __future__ import annotations

import shutil
import warnings

import pandas as pd

from conftest import DATA
from unscspeech.book.tables import read_tables
from unscspeech.processed.schema import ROBUSTNESS_LISTS


def test_a_number_column_empty_only_far_down_a_large_table_reads_as_numbers_without_a_warning(tmp_path):
    folder = tmp_path / "processed"
    shutil.copytree(DATA / "processed", folder)
    path = folder / ROBUSTNESS_LISTS.file
    lists = pd.read_csv(path, keep_default_na=False)
    themes, keywords = lists[lists["per_1000"] != ""], lists[lists["per_1000"] == ""]
    assert len(themes) and len(keywords)
    # pandas reads a long file in parts: numbers only in the first parts, empty cells in the last.
    long = pd.concat([themes] * (600_000 // len(themes) + 1) + [keywords], ignore_index=True)
    long.to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read = read_tables(folder).robustness_lists
    assert len(read) == len(long)
    assert str(read["per_1000"].dtype) == "float64"
    assert read["per_1000"].isna().sum() == len(keywords)
    pd.testing.assert_series_equal(read["per_1000"].iloc[:len(themes)].reset_index(drop=True),
                                   pd.to_numeric(themes["per_1000"]).reset_index(drop=True), check_names=False)
