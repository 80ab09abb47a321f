"""Cells a spreadsheet would run as formulas are inert in the CSVs and read back exactly."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given, strategies as st

from conftest import read_metadata, run_cli_in_process, write_metadata
from unscspeech.processed.csv_formulas import FORMULA_STARTS, neutralise_cell, neutralise_formulas, restore_cell, restore_formulas
from unscspeech.book.tables import read_tables

HYPERLINK = '=HYPERLINK("https://example.org/?q="&A1,"Click")'


def _round_trip(frame: pd.DataFrame) -> pd.DataFrame:
    buffer = io.StringIO()
    neutralise_formulas(frame).to_csv(buffer, index=False, lineterminator="\n")
    buffer.seek(0)
    return restore_formulas(pd.read_csv(buffer, keep_default_na=False, dtype=str))


ALPHABET = list(FORMULA_STARTS) + ["'", "a", "1", " "]


@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=8))
def test_a_cell_is_restored_exactly_and_never_starts_a_formula(value):
    written = neutralise_cell(value)
    assert restore_cell(written) == value
    assert not written[:1] or written[0] not in FORMULA_STARTS


# The tables hold no carriage return (raw texts and metadata are read with their line ends made
# "\n"), and a CSV writer with "\n" line ends would not quote one.
@given(st.lists(st.text(alphabet=st.sampled_from([c for c in ALPHABET if c != "\r"]), max_size=6),
                min_size=1, max_size=20))
def test_any_text_reads_back_exactly(values):
    frame = pd.DataFrame({"text": values, "category": pd.Categorical(values)})
    back = _round_trip(frame)
    assert back["text"].tolist() == values
    assert back["category"].tolist() == values


@given(st.lists(st.one_of(st.text(alphabet=st.sampled_from(ALPHABET), max_size=4), st.none(),
                          st.integers(-3, 3), st.just(float("nan"))), min_size=1, max_size=30))
def test_a_column_is_neutralised_cell_by_cell(values):
    """Matching each distinct value once gives every cell what :func:`neutralise_cell` gives it,
    text or not (a mixed column, its empty cells, repeats)."""
    column = neutralise_formulas(pd.DataFrame({"cell": pd.Series(values, dtype=object)}))["cell"].tolist()
    expected = [neutralise_cell(v) if isinstance(v, str) else v for v in values]
    assert [repr(v) for v in column] == [repr(v) for v in expected]


def test_a_formula_in_metadata_never_starts_a_downloaded_cell(small_corpus, tmp_path):
    corpus = small_corpus
    rows = read_metadata(corpus)
    rows[0]["title"], rows[1]["agenda"], rows[2]["presidency"] = HYPERLINK, "@SUM(1+1)", "+7 (727) 555"
    write_metadata(corpus, rows)
    out = tmp_path / "out"
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    negative_numbers = 0
    for path in out.glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                for cell in row:
                    if cell[:1] and cell[0] in FORMULA_STARTS:
                        float(cell)  # only a number may start so
                        negative_numbers += cell.startswith("-")
    assert negative_numbers > 0, "negative numbers stay numbers"
    docs = (out / "documents.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in docs
    tables = read_tables(out)
    by_id = tables.documents.set_index("doc_id")
    assert by_id.loc[rows[0]["doc_id"], "title"] == HYPERLINK
    assert by_id.loc[rows[1]["doc_id"], "agenda"] == "@SUM(1+1)"
    assert by_id.loc[rows[2]["doc_id"], "presidency"] == "+7 (727) 555"
    assert pd.api.types.is_numeric_dtype(tables.keyness["log_ratio"])
