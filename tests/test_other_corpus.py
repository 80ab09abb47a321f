"""The whole book, built strictly on a corpus that is not the edition (an imported synthetic one)."""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, DATA, ROOT, run_cli, toc_pages
from unscspeech.book.edition import EDITION
from unscspeech.input.synthetic import write_debates

pytestmark = pytest.mark.book

#: What a copy of the book needs besides its tables: the sources Jupyter Book reads.
BOOK_SOURCES = ("_config.yml", "_toc.yml", "intro.md", "references.bib", "chapters", "_static")


@pytest.fixture(scope="module")
def other_book(tables, tmp_path_factory) -> tuple[Path, Path]:
    """Import seven synthetic speeches, build their tables and the book on them in a copy of the project."""
    work = tmp_path_factory.mktemp("other")
    write_debates(tables["sentences.csv"], tables["documents.csv"], work / "unsc", n_speeches=7,
                  tokens_per_speech=700, first_year=2003, interpreted_every=3)
    imported = run_cli("import-unsc-debates", str(work / "unsc"), "--country", "Kazakhstan",
                       "--into", str(work / "corpus"), "--template", str(DATA), cwd=work)
    assert imported.returncode == 0, imported.stderr
    book = work / "book"
    book.mkdir()
    for name in BOOK_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, book / name, ignore=shutil.ignore_patterns("vega-bundle.js"))
        else:
            shutil.copy2(source, book / name)
    processed = book / "data" / "processed"
    built = run_cli("build", "--corpus", str(work / "corpus"), "--out", str(processed), cwd=work)
    assert built.returncode == 0, built.stderr
    env = {**os.environ, "UNSCSPEECH_PROCESSED": str(processed)}
    result = subprocess.run([str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"], cwd=book,
                            env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return book / "_build" / "html", work / "corpus"


def page_text(path: Path) -> str:
    """What a reader sees: the page without scripts, styles and tags, whitespace collapsed."""
    text = re.sub(r"<(script|style).*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_every_page_builds_and_says_which_corpus_it_describes(other_book):
    html, _ = other_book
    for page in toc_pages():
        assert (html / page).is_file(), page
    intro = page_text(html / "intro.html")
    assert "This build is of another corpus" in intro
    assert "built on 7 documents by Kazakhstan" in intro
    assert "Key findings" not in intro


def test_no_page_reads_the_editions_documents(other_book):
    html, _ = other_book
    names = ("Aitimova", "Abdrakhmanov", "Mukhtarov", "Umarov", "Atamkulov")
    for page in toc_pages():
        text = (html / page).read_text(encoding="utf-8")
        for doc_id in EDITION:
            assert doc_id not in text, (page, doc_id)
        for name in names:
            # The synthetic speeches reuse the edition's sentences, which never name their speakers.
            assert f"2018 {name}" not in text and f"2007 {name}" not in text and f"2019 {name}" not in text, \
                (page, name)


def test_the_corpus_chapter_describes_the_imported_documents(other_book):
    html, corpus = other_book
    page = page_text(html / "chapters" / "corpus.html")
    raw = sorted(p.name for p in (corpus / "raw").iterdir())
    assert all(name in page for name in raw)
    assert "2 were delivered in Russian" in page
    assert "The genres differ" not in page and "Scraped page text" not in page
