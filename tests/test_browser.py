"""The built pages in headless Chromium with the network cut: charts draw, nothing errs."""

from __future__ import annotations

import pytest

from conftest import toc_pages
from unscspeech.book.preamble import html_table
from unscspeech.book.offline import chart_html, write_vega_bundle

pytestmark = pytest.mark.browser

ALL_DRAWN = """() => {
  const charts = [...document.querySelectorAll('.vega-chart')];
  return charts.every(c => c.querySelector('svg.marks, canvas.marks') || c.classList.contains('vega-chart-error'));
}"""


@pytest.mark.book
@pytest.mark.parametrize("page", [*toc_pages(), "index.html"])
def test_page_draws_every_chart_offline(built_book, visit, page):
    v = visit((built_book / page).as_uri())
    v.page.wait_for_function(ALL_DRAWN, timeout=20_000)
    charts = v.page.locator(".vega-chart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.locator("svg.marks, canvas.marks").count() == 1, f"chart {i} of {page} did not draw"
        assert "could not be drawn" not in chart.inner_text()
        assert chart.locator("svg.marks .role-mark > path, svg.marks .role-mark > text").count() > 0, "no marks"
    assert v.errors == [], v.errors
    assert v.external == [], v.external


#: The window width at which the book's text column is narrowest on a desktop screen: from 1,200 px
#: the theme sets the page's contents beside the text, and the column falls to 608 px.
NARROWEST_COLUMN_WINDOW = 1200

CHART_WIDTHS = """() => [...document.querySelectorAll('.vega-chart')].map(c => [
  c.getAttribute('aria-label').slice(0, 70),
  c.querySelector('svg.marks, canvas.marks').getBoundingClientRect().width,
  c.clientWidth])"""


@pytest.mark.book
@pytest.mark.parametrize("page", [*toc_pages(), "index.html"])
def test_every_chart_fits_the_narrowest_text_column(built_book, visit, page):
    """No chart is cut off at the column's edge or needs scrolling sideways on a desktop screen."""
    v = visit((built_book / page).as_uri(), width=NARROWEST_COLUMN_WINDOW)
    v.page.wait_for_function(ALL_DRAWN, timeout=20_000)
    too_wide = [(label, round(drawn), column) for label, drawn, column in v.page.evaluate(CHART_WIDTHS)
                if drawn > column]
    assert too_wide == [], f"charts wider than their column in {page}: {too_wide}"


@pytest.mark.book
def test_corpus_chapter_has_its_three_charts(built_book, visit):
    v = visit((built_book / "chapters" / "corpus.html").as_uri())
    v.page.wait_for_function(ALL_DRAWN, timeout=20_000)
    assert v.page.locator("figure .vega-chart svg.marks").count() == 3


def test_markup_in_the_corpus_shows_as_text_and_never_runs(visit, tmp_path):
    import pandas as pd

    hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    bundle = write_vega_bundle(tmp_path / "vega-bundle.js")
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": hostile,
        "data": {"values": [{"label": hostile, "n": 3}]},
        "mark": "bar",
        "encoding": {"y": {"field": "label", "type": "nominal"}, "x": {"field": "n", "type": "quantitative"},
                     "tooltip": [{"field": "label", "type": "nominal"}]},
    }
    table = html_table(pd.DataFrame({"text": [hostile]}), caption=hostile)._repr_html_()
    page = tmp_path / "page.html"
    page.write_text(f'<!doctype html><html><head><meta charset="utf-8"><script src="{bundle.name}"></script>'
                    f"</head><body>{table}{chart_html(spec)}</body></html>", encoding="utf-8")
    v = visit(page.as_uri())
    v.page.wait_for_function(ALL_DRAWN, timeout=20_000)
    assert v.page.evaluate("window.__pwned") is None
    assert v.page.locator("table td").inner_text() == hostile
    assert "<script>window.__pwned" in v.page.locator(".vega-chart svg.marks").text_content()
    assert v.errors == [] and v.external == []


#: Every axis label, header label and legend label Vega drew in the page's charts that it cut to
#: fit its limit: Vega ends such a text in "…". (Names on the actor network's circle, which has no
#: room for a second line, may be cut; their tooltips and the caption say so.)
CUT_LABELS = """() => [...document.querySelectorAll(
    '.vega-chart svg.marks :is(.role-axis-label, .role-legend-label, .role-column-header, .role-row-header, '
    + '.role-header, .role-title) text')]
  .map(t => t.textContent).filter(s => s.endsWith('…'))"""


@pytest.mark.book
@pytest.mark.parametrize("page", [*toc_pages(), "index.html"])
def test_no_axis_or_legend_label_is_cut_short(built_book, visit, page):
    """A long theme, organization or term name is set on lines, never cut to "…" (its end lost)."""
    v = visit((built_book / page).as_uri(), width=NARROWEST_COLUMN_WINDOW)
    v.page.wait_for_function(ALL_DRAWN, timeout=20_000)
    assert v.page.evaluate(CUT_LABELS) == [], f"labels cut short in {page}"
