"""The chapter preamble's helpers: quotes are checked, claims guarded, text escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.book import Text, cite, claim, html_table, kwic_table
from unscspeech.tables import with_labels


@pytest.fixture(scope="module")
def book_tables(tables):
    return {"documents": with_labels(tables["documents.csv"]), "paragraphs": tables["paragraphs.csv"]}


def test_cite_quotes_with_document_and_paragraph(book_tables):
    quote = cite(book_tables, "2007-11-06-aitimova", "Kazakhstan fully aligns itself")
    assert quote == "“Kazakhstan fully aligns itself” (2007 Aitimova, paragraph 2)"
    assert repr(quote) == str(quote), "glue prints it without quotes"


def test_cite_refuses_a_passage_the_corpus_lacks(book_tables):
    with pytest.raises(LookupError, match="found nowhere"):
        cite(book_tables, "2007-11-06-aitimova", "Kazakhstan rejects regional arrangements")
    with pytest.raises(LookupError, match="in paragraphs"):
        cite(book_tables, "2007-11-06-aitimova", "regional")


def test_claim_fails_the_build_when_the_data_disagree():
    claim(True, "fine")
    with pytest.raises(AssertionError, match="the prose no longer holds: x"):
        claim(False, "x")


def test_kwic_table_lists_every_match_escaped(book_tables):
    markup = html_table(pd.DataFrame({"a": ["<b>bold</b>"]}))._repr_html_()
    assert "&lt;b&gt;bold&lt;/b&gt;" in markup and "<b>" not in markup
    raw = (DATA / "raw" / "002_129fec8e5b34501d.txt").read_text(encoding="utf-8")
    expected = raw.count("CICA")
    table = kwic_table(book_tables, "CICA", doc_id="2007-11-06-aitimova", limit=50)._repr_html_()
    assert f"“CICA” in 2007 Aitimova: {expected} occurrences" in table, "the caption names the one document"
    assert table.count("<tr>") == 1 + expected
    everywhere = kwic_table(book_tables, "CICA", limit=50)._repr_html_()
    assert "“CICA” in all documents:" in everywhere
    with pytest.raises(LookupError):
        kwic_table(book_tables, "Narnia")


def test_text_is_a_plain_string():
    assert isinstance(Text("x"), str) and repr(Text("a b")) == "a b"
