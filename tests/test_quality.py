"""Quality gates on the built book: links resolve, pages are accessible, chapters reopen, data validate."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import DATA, ROOT, toc_pages


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.book
def test_every_internal_link_and_anchor_resolves(built_book):
    parsed: dict[Path, Links] = {}
    broken = []
    for page in sorted(p for p in built_book.rglob("*.html") if "_static" not in p.parts):
        links = parsed.setdefault(page, _parse(page))
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(built_book)} -> {href} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed.setdefault(target, _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(built_book)} -> {href} (no anchor)")
    assert not broken, "\n".join(broken)


@pytest.mark.book
@pytest.mark.browser
@pytest.mark.parametrize("page", toc_pages())
def test_no_serious_accessibility_violation(built_book, visit, page):
    from axe_playwright_python.sync_playwright import Axe

    v = visit((built_book / page).as_uri())
    v.page.wait_for_timeout(1500)
    results = Axe().run(v.page)
    serious = [f"{x['id']} ({x['impact']}): {x['help']} — {[n['target'] for n in x['nodes']][:3]}"
               for x in results.response["violations"] if x["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)


def test_every_chapter_opens_as_a_notebook():
    import jupytext

    for page in toc_pages():
        source = ROOT / page.replace(".html", ".md")
        notebook = jupytext.read(source)
        text = source.read_text(encoding="utf-8")
        if "kernelspec:" in text:
            assert notebook.metadata["kernelspec"]["name"] == "python3", page
            assert any(c.cell_type == "code" for c in notebook.cells), page
        assert notebook.cells, page


def test_datapackage_describes_and_validates_every_table():
    import json

    from frictionless import Package

    processed = DATA / "processed"
    descriptor = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    # The Parquet copies of the large tables are checked against their CSVs in test_engine.py
    # (frictionless would need pyarrow to read them).
    descriptor["resources"] = [r for r in descriptor["resources"] if r["format"] == "csv"]
    described = {r["path"] for r in descriptor["resources"]}
    assert described == {p.name for p in processed.glob("*.csv")}
    report = Package(descriptor, basepath=str(processed)).validate()
    assert report.valid, report.flatten(["title", "message"])[:5]
    for resource in descriptor["resources"]:
        header = (processed / resource["path"]).read_text(encoding="utf-8").split("\n", 1)[0]
        assert [f["name"] for f in resource["schema"]["fields"]] == header.split(",")
        assert all(f["description"] for f in resource["schema"]["fields"])


@pytest.mark.book
def test_data_page_offers_every_table(built_book):
    page = (built_book / "chapters" / "data.html").read_text(encoding="utf-8")
    offered = set(re.findall(r'href="[^"]*/_downloads/[0-9a-f]+/([^"/]+)"', page))
    assert {p.name for p in (DATA / "processed").glob("*.csv")} | {"datapackage.json"} <= offered
    # The downloadable datapackage.json can validate a download only if every file it lists is offered.
    package = json.loads((DATA / "processed" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} <= offered


@pytest.mark.book
def test_every_figure_links_its_png_and_svg(built_book):
    from unscspeech.book.figures import FIGURES

    html = "".join(p.read_text(encoding="utf-8") for p in (built_book / "chapters").glob("*.html"))
    for name in FIGURES:
        for ext in ("png", "svg"):
            assert re.search(rf'_downloads/[0-9a-f]+/{re.escape(name)}\.{ext}"', html), f"{name}.{ext}"
