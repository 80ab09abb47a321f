"""The explorer page, driven in Chromium: its counts and context lines are the exported tables'."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.explorer import MATCH_ROOM, search_text, theme_passages
from unscspeech.kwic import kwic
from unscspeech.tables import read_tables, with_labels

pytestmark = [pytest.mark.book, pytest.mark.browser]

QUERIES = ["preventive diplomacy", "Kazakhstan", "CICA", "security and development", "peacekeeping operations",
           "Touré", "no such words anywhere"]


def test_search_text_keeps_every_position():
    text = "Kazakhstan’s “bloc thinking” – d'étude; Kazakhstan's."
    assert len(search_text(text)) == len(text)
    assert search_text(text).split() == ["kazakhstan", "bloc", "thinking", "-", "d'étude", "kazakhstan"]


@pytest.fixture(scope="module")
def explorer(built_book, browser):
    # 1,200 px: the window at which the text column is narrowest on a desktop screen.
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto((built_book / "chapters" / "explorer.html").as_uri())
    page.wait_for_selector(".vega-bindings input[type=search]")
    yield page, errors
    page.close()


def _shown(page) -> tuple[dict[str, int], list[tuple[str, str]]]:
    counts = page.evaluate("""[...document.querySelectorAll('g[class*=explorer_counts] text')]
        .map(t => [t.getAttribute('aria-label'), t.textContent])""")
    where = _by_row(page, "kwic_where")
    match = _by_row(page, "kwic_match")
    return {label: int(n) for label, n in counts}, list(zip(where, match))


def _by_row(page, name: str) -> list[str]:
    """The texts of a column of the context table, top to bottom (SVG order is data order)."""
    items = page.evaluate(f"""[...document.querySelectorAll('g[class*={name}] text')].map(t => [
        t.transform.baseVal.consolidate() ? t.transform.baseVal.consolidate().matrix.f : 0, t.textContent])""")
    return [text for _, text in sorted(items, key=lambda item: item[0])]


@pytest.mark.parametrize("query", QUERIES)
def test_typed_query_shows_the_tables_counts_and_lines(explorer, query):
    page, errors = explorer
    page.fill(".vega-bindings input[type=search]", query)
    page.wait_for_timeout(400)
    docs = pd.read_csv(DATA / "processed" / "documents.csv", keep_default_na=False)
    paragraphs = pd.read_csv(DATA / "processed" / "paragraphs.csv", keep_default_na=False)
    labels = dict(zip(docs.doc_id, with_labels(docs).label))  # "2007 Aitimova", marked where uncertain
    expected = kwic(paragraphs, query)
    counts, lines = _shown(page)
    assert counts == {labels[d]: int((expected.doc_id == d).sum()) for d in docs.doc_id}
    order = {d: i for i, d in enumerate(docs.sort_values(["date", "doc_id"]).doc_id)}
    expected = expected.assign(o=expected.doc_id.map(order)).sort_values(["o", "paragraph"], kind="stable")
    assert lines == [(f"{labels[r.doc_id]} ¶{r.paragraph}", r.match) for r in expected.itertuples()]
    assert errors == []


def test_theme_selector_lists_the_themes_passages(explorer, tables):
    page, errors = explorer
    codebook = pd.read_csv(DATA / "processed" / "codebook.csv", keep_default_na=False)
    hits = pd.read_csv(DATA / "processed" / "theme_hits.csv", keep_default_na=False)
    row = codebook[codebook.theme == "women"].iloc[0]
    page.select_option(".vega-bindings select", label=row.label)
    page.wait_for_timeout(400)
    shown = _by_row(page, "theme_match")
    first_per_paragraph = hits[hits.theme == "women"].drop_duplicates(["doc_id", "paragraph"])
    assert len(shown) == len(first_per_paragraph)
    assert sorted(shown) == sorted(first_per_paragraph["match"])
    assert errors == []


def _theme_chart_fits(page) -> tuple[float, float]:
    charts = page.locator(".vega-chart")
    last = charts.nth(charts.count() - 1)
    return (last.locator("svg.marks").bounding_box()["width"], last.evaluate("c => c.clientWidth"))


def test_every_themes_passages_fit_the_column_with_long_matches_shortened(explorer):
    """A long match (a full organization's name) shortens the context after it, never the line's fit."""
    page, errors = explorer
    t = read_tables(DATA / "processed")
    lines = theme_passages(t["theme_hits"], t["paragraphs"], t["documents"], t["codebook"])
    too_long = lines["match"].str.len() + 1 + lines["right"].str.len() > MATCH_ROOM
    assert too_long.any(), "no line long enough to need shortening: the test would test nothing"
    codebook = pd.read_csv(DATA / "processed" / "codebook.csv", keep_default_na=False)
    hits = pd.read_csv(DATA / "processed" / "theme_hits.csv", keep_default_na=False)
    for row in codebook.itertuples():
        page.select_option(".vega-bindings select", label=row.label)
        page.wait_for_timeout(150)
        drawn, column = _theme_chart_fits(page)
        assert drawn <= column, f"{row.label}: {drawn:.0f} px in a {column} px column"
        shown = _by_row(page, "theme_match")
        full = sorted(hits[hits.theme == row.theme].drop_duplicates(["doc_id", "paragraph"])["match"])
        assert len(shown) == len(full)
        for text in shown:
            if text.endswith("…"):
                assert any(m.startswith(text[:-1]) and len(m) > len(text) - 1 for m in full), text
            else:
                assert text in full, text
    assert errors == []


def test_a_long_query_keeps_the_lines_in_the_column(explorer):
    page, errors = explorer
    page.fill(".vega-bindings input[type=search]", "Organization for Security and Cooperation in Europe")
    page.wait_for_timeout(400)
    assert _by_row(page, "kwic_where"), "the query matched nothing"
    widths = page.evaluate("""() => { const c = document.querySelectorAll('.vega-chart')[0];
        return [c.querySelector('svg.marks').getBoundingClientRect().width, c.clientWidth]; }""")
    assert widths[0] <= widths[1]
    assert errors == []
