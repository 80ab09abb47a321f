"""The strict book build, and what its HTML holds: no network loads, captions, computed numbers."""

from __future__ import annotations

import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from conftest import DATA, ROOT, toc_pages
from unscspeech.processed.schema import TABLES

pytestmark = pytest.mark.book


class Resources(HTMLParser):
    """Collect every URL a page would load by itself (scripts, styles, images, frames)."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
                "stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}:
            self.loads.append(a["href"])
        if tag == "object" and a.get("data"):
            self.loads.append(a["data"])


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def chapter_pages(html: Path) -> list[Path]:
    return [html / page for page in toc_pages()]


def test_every_page_loads_only_from_the_book(built_book):
    for page in pages(built_book):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        outside = [u for u in parser.loads if re.match(r"^(https?:)?//", u)]
        assert not outside, (page.name, outside)
        for url in parser.loads:
            local = (page.parent / url.split("?")[0].split("#")[0]).resolve()
            assert local.is_file(), (page.name, url)


def test_no_cdn_is_named_in_any_page(built_book):
    for page in pages(built_book):
        text = page.read_text(encoding="utf-8")
        for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "THEBE_JS_URL"):
            assert cdn not in text, (page.name, cdn)


def test_vega_bundle_is_built_not_committed(built_book):
    assert (built_book / "_static" / "vega-bundle.js").stat().st_size > 100_000
    tracked = subprocess.run(["git", "ls-files", "_static"], cwd=ROOT, capture_output=True, text=True).stdout
    if tracked or (ROOT / ".git").exists():
        assert "vega-bundle.js" not in tracked


def test_every_chart_is_a_numbered_captioned_figure(built_book):
    for page in chapter_pages(built_book):
        text = page.read_text(encoding="utf-8")
        figures = re.findall(r"<figure.*?</figure>", text, flags=re.S)
        charts = re.findall(r'<div id="vega-chart-[0-9a-f]+" class="vega-chart" role="figure" aria-label="([^"]+)"', text)
        assert len(charts) == sum('class="vega-chart"' in f for f in figures), page.name
        for figure in figures:
            assert "<figcaption" in figure and "Fig. " in figure, page.name


def test_prose_numbers_are_the_computed_ones(built_book):
    docs = pd.read_csv(DATA / "processed" / "documents.csv", keep_default_na=False)
    raw_lines = sum(len((DATA / "raw" / f).read_text(encoding="utf-8").splitlines()) for f in docs.file)
    corpus = re.sub(r"<[^>]+>", "", (built_book / "chapters" / "corpus.html").read_text(encoding="utf-8"))
    corpus = re.sub(r"\s+", " ", corpus)
    assert f"of the {raw_lines} raw lines" in corpus
    assert f"The corpus holds {len(docs)} documents from {docs.date.min()[:4]} to {docs.date.max()[:4]}" in corpus
    intro = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (built_book / "intro.html").read_text(encoding="utf-8")))
    assert f"{docs.n_tokens.sum():,} words in {docs.n_paragraphs.sum()} paragraphs" in intro


def test_the_data_page_offers_every_declared_table_and_each_download_is_the_processed_table(built_book):
    page = built_book / "chapters" / "data.html"
    source = page.read_text(encoding="utf-8")
    linked = re.findall(r'href="([^"]*_downloads/[^"]+)"', source)
    # The page's text as a reader sees it (Sphinx curls the quotes of the descriptions).
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", source)))
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    for table in TABLES:
        links = [link for link in linked if link.endswith("/" + table.file)]
        assert links, f"the Data page does not offer {table.file}"
        assert (page.parent / links[0]).read_bytes() == (DATA / "processed" / table.file).read_bytes()
        assert f"{table.file}: {table.description}" in text


def test_strict_build_succeeds_and_writes_every_chapter(built_book):
    for page in chapter_pages(built_book):
        assert page.is_file()
    assert "build succeeded" not in (built_book / "intro.html").read_text(encoding="utf-8")
