"""The processed tables: their columns, their counts, and byte-identical rebuilds."""

from __future__ import annotations

import hashlib

from conftest import DATA, ROOT, run_cli
from unscspeech.tokens import words

from unscspeech.tables import TABLES

#: What build writes is exactly what the chapters read (tables.TABLES), plus the descriptor.
EXPECTED = {f"{t}.csv" for t in TABLES} | {"datapackage.json"}


def test_two_builds_are_byte_identical(tmp_path):
    for name in ("a", "b"):
        result = run_cli("build", "--out", str(tmp_path / name), cwd=ROOT)
        assert result.returncode == 0, result.stderr
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert set(a) == EXPECTED
    assert a == b


def test_tables_are_utf8_with_unix_line_ends(tmp_path):
    assert run_cli("build", "--out", str(tmp_path / "out"), cwd=ROOT).returncode == 0
    for path in (tmp_path / "out").iterdir():
        data = path.read_bytes()
        data.decode("utf-8")
        assert b"\r\n" not in data.replace(b'"\r\n', b"")
        assert not data.startswith(b"\xef\xbb\xbf")


def test_documents_table_has_metadata_hash_and_counts(tables):
    docs = tables["documents.csv"]
    for col in ("doc_id", "file", "title", "speaker", "date", "date_certainty", "genre", "sha256",
                "n_paragraphs", "n_sentences", "n_tokens", "n_types"):
        assert col in docs.columns
    for row in docs.itertuples():
        assert row.sha256 == hashlib.sha256((DATA / "raw" / row.file).read_bytes()).hexdigest()
    assert list(docs["date"]) == sorted(docs["date"])


def test_counts_agree_with_the_text_tables(tables):
    docs = tables["documents.csv"].set_index("doc_id")
    paragraphs, sentences = tables["paragraphs.csv"], tables["sentences.csv"]
    for doc_id, row in docs.iterrows():
        mine = paragraphs[paragraphs.doc_id == doc_id]
        assert row.n_paragraphs == len(mine) == mine.paragraph.max()
        assert list(mine.paragraph) == list(range(1, len(mine) + 1))
        assert row.n_sentences == (sentences.doc_id == doc_id).sum()
        tokens = [w for text in mine.text for w in words(text)]
        assert row.n_tokens == len(tokens)
        assert row.n_types == len({t.casefold() for t in tokens})
        assert 0 < row.n_types < row.n_tokens


def test_validate_reports_the_real_corpus_clean():
    result = run_cli("validate", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "5 documents" in result.stdout and "no problems found" in result.stdout
