"""The explorer page, driven in Chromium: its counts and context lines are the exported tables'."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.book.explorer import MATCH_ROOM, search_text, theme_passages
from unscspeech.measures.kwic import kwic
from unscspeech.book.tables import read_tables, with_labels

pytestmark = [pytest.mark.book, pytest.mark.browser]

QUERIES = ["preventive diplomacy", "Kazakhstan", "CICA", "security and development", "peacekeeping operations",
           "Touré", "no such words anywhere",
           # The whole-word rule's harder cases: a possessive typed or not, a word after a hyphen that
           # joins two names (Secretary-General, United Nations-African Union) and one before it, a
           # plural possessive (colleagues'), a wildcard, a hyphenated query, punctuation in a query,
           # curly quotes typed, and characters that are special in a regular expression.
           "Kazakhstan's", "Kazakhstan’s", "General", "African Union", "United Nations", "colleagues", "cultur*",
           "nation*", "non-proliferation", "peace, security", "(CICA)", "a.b*c"]


def test_search_text_keeps_every_position_and_marks_the_hyphens_that_join_names():
    text = "Kazakhstan’s “bloc thinking” – d'étude; the Secretary-General’s post-conflict Asia-Pacific."
    searched = search_text(text)
    assert len(searched) == len(text)
    assert searched == ("Kazakhstan's \"bloc thinking\" - d'étude; the Secretary\u2010General's post-conflict "
                        "Asia\u2010Pacific.")


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


def _expected(query: str) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """The counts and context lines the exported tables give for ``query``, as the page should show them."""
    docs = pd.read_csv(DATA / "processed" / "documents.csv", keep_default_na=False)
    paragraphs = pd.read_csv(DATA / "processed" / "paragraphs.csv", keep_default_na=False)
    labels = dict(zip(docs.doc_id, with_labels(docs).label))  # "2007 Aitimova", marked where uncertain
    expected = kwic(paragraphs, query)
    counts = {labels[d]: int((expected.doc_id == d).sum()) for d in docs.doc_id}
    order = {d: i for i, d in enumerate(docs.sort_values(["date", "doc_id"]).doc_id)}
    expected = expected.assign(o=expected.doc_id.map(order)).sort_values(["o", "paragraph"], kind="stable")
    return counts, [(f"{labels[r.doc_id]} ¶{r.paragraph}", r.match) for r in expected.itertuples()]


@pytest.mark.parametrize("query", QUERIES)
def test_typed_query_shows_the_tables_counts_and_lines(explorer, query):
    page, errors = explorer
    page.fill(".vega-bindings input[type=search]", query)
    page.wait_for_timeout(400)
    assert _shown(page) == _expected(query)
    assert errors == []


@pytest.mark.parametrize("query", ["*", " * * ", "-", "' -"])
def test_a_query_without_a_letter_or_digit_is_no_search_as_kwic_refuses_it(explorer, query):
    page, errors = explorer
    with pytest.raises(ValueError, match="no letter or digit"):
        kwic(pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "text": ["Peace - and 's * too"]}), query)
    page.fill(".vega-bindings input[type=search]", "peace")
    page.wait_for_timeout(400)
    assert sum(_shown(page)[0].values()) > 0
    page.fill(".vega-bindings input[type=search]", query)
    page.wait_for_timeout(400)
    counts, lines = _shown(page)
    assert set(counts.values()) == {0} and lines == []
    assert errors == []


def _sampled_queries(n_words: int = 30, n_phrases: int = 15, n_wildcards: int = 15) -> list[str]:
    """Queries drawn (seeded) from the corpus itself: single words as they are printed (hyphens,
    apostrophes, capitals), runs of two or three words with their punctuation, and word starts
    with a ``*``."""
    import random
    import re

    paragraphs = pd.read_csv(DATA / "processed" / "paragraphs.csv", keep_default_na=False)
    text = " ".join(paragraphs["text"])
    words = sorted(set(re.findall(r"\w[\w'’\-‑]*", text)))
    spaced = text.split()
    draw = random.Random(7)
    runs = [" ".join(spaced[i:i + draw.choice([2, 3])]) for i in draw.sample(range(len(spaced) - 3), n_phrases)]
    starts = [w[:4] + "*" for w in draw.sample([w for w in words if len(w) > 5], n_wildcards)]
    return draw.sample(words, n_words) + runs + starts


@pytest.mark.slow
def test_queries_drawn_from_the_corpus_show_the_tables_counts_and_lines(explorer):
    page, errors = explorer
    different = []
    for query in _sampled_queries():
        page.fill(".vega-bindings input[type=search]", query)
        page.wait_for_timeout(250)
        if _shown(page) != _expected(query):
            different.append(query)
    assert different == []
    assert errors == []


def test_a_match_joined_by_a_hyphen_stands_against_its_left_context(explorer):
    """The space between the columns reads as the space before a match; after a hyphen that joins
    two names (Secretary-General) there is none, and the context is drawn against the match."""
    page, errors = explorer
    page.fill(".vega-bindings input[type=search]", "General")
    page.wait_for_timeout(400)
    gaps = page.evaluate("""() => {
        const rows = name => [...document.querySelectorAll(`g[class*=${name}] text`)]
            .map(t => [t.getBoundingClientRect().top, t.textContent, t.getBoundingClientRect()])
            .sort((a, b) => a[0] - b[0]);
        const left = rows('kwic_left'), match = rows('kwic_match');
        return left.map((l, i) => [l[1], match[i][2].left - l[2].right]);
    }""")
    joined = [gap for text, gap in gaps if text.endswith("-")]
    spaced = [gap for text, gap in gaps if not text.endswith("-")]
    assert joined and spaced
    assert all(abs(gap) < 1.5 for gap in joined), gaps
    assert all(gap > 4 for gap in spaced), gaps
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
    lines = theme_passages(t.theme_hits, t.paragraphs, t.documents, t.codebook)
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


def _open_at(browser, url: str):
    """The explorer at ``url`` (a file: address, maybe with ?search=…&theme=…), network cut, once its script is ready."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(url)
    page.wait_for_selector("html[data-explorer-address=ready]")
    return page, errors


def _state(page) -> tuple[dict[str, list[str]], str, str]:
    """The address's parameters, the search box's text and the theme chosen, once the charts show that search."""
    box = page.locator(".vega-bindings input[type=search]").input_value()
    page.wait_for_function("q => [...document.querySelectorAll('.vega-chart svg text')].some("
                           "t => t.textContent === 'Where “' + q + '” occurs')", arg=box)
    page.wait_for_timeout(200)
    theme = page.evaluate("document.querySelector('.vega-bindings select').value")
    return parse_qs(urlsplit(page.url).query), box, theme


def _wait_for_address(page, q: str, theme: str | None = None) -> None:
    """Wait until the page's address is ``?search=…`` (and ``&theme=…`` if given)."""
    search = "?" + urlencode({"search": q} if theme is None else {"search": q, "theme": theme})
    page.wait_for_function("s => window.location.search === s || window.location.search.startsWith(s + '&')",
                           arg=search)


def _shows_theme(page, theme: str) -> None:
    codebook = pd.read_csv(DATA / "processed" / "codebook.csv", keep_default_na=False)
    label = codebook.set_index("theme").loc[theme, "label"]
    page.wait_for_function("t => [...document.querySelectorAll('.vega-chart svg text')].some("
                           "e => e.textContent === 'Passages on: ' + t)", arg=label)
    page.wait_for_timeout(200)
    hits = pd.read_csv(DATA / "processed" / "theme_hits.csv", keep_default_na=False)
    first_per_paragraph = hits[hits.theme == theme].drop_duplicates(["doc_id", "paragraph"])
    assert sorted(_by_row(page, "theme_match")) == sorted(first_per_paragraph["match"])


def test_enter_keeps_the_search_in_the_address_through_reload_back_and_forward(built_book, browser):
    codebook = pd.read_csv(DATA / "processed" / "codebook.csv", keep_default_na=False)
    label = dict(zip(codebook.theme, codebook.label))
    page, errors = _open_at(browser, (built_book / "chapters" / "explorer.html").as_uri())
    box = page.locator(".vega-bindings input[type=search]")
    try:
        box.fill("CICA")
        box.press("Enter")
        _wait_for_address(page, "CICA")
        address, typed, theme = _state(page)
        assert address["search"] == ["CICA"] and typed == "CICA" and _shown(page) == _expected("CICA")
        first_theme = address["theme"][0]
        assert theme == label[first_theme]

        page.goto(page.url)  # the link, opened again: the search is still there
        page.wait_for_selector("html[data-explorer-address=ready]")
        address, typed, theme = _state(page)
        assert address["search"] == ["CICA"] and typed == "CICA" and _shown(page) == _expected("CICA")

        page.select_option(".vega-bindings select", label=label["women"])
        _wait_for_address(page, "CICA", "women")
        box.fill("security and development")
        box.press("Enter")
        _wait_for_address(page, "security and development", "women")
        address, typed, theme = _state(page)
        assert address == {"search": ["security and development"], "theme": ["women"]}
        assert _shown(page) == _expected("security and development")
        _shows_theme(page, "women")

        page.go_back()
        _wait_for_address(page, "CICA", "women")
        assert _state(page)[1:] == ("CICA", label["women"]) and _shown(page) == _expected("CICA")
        page.go_back()
        _wait_for_address(page, "CICA", first_theme)
        assert _state(page)[1:] == ("CICA", label[first_theme])
        _shows_theme(page, first_theme)
        page.go_forward()
        page.go_forward()
        _wait_for_address(page, "security and development", "women")
        assert _state(page)[1] == "security and development"
        assert _shown(page) == _expected("security and development")
        assert errors == []
    finally:
        page.close()


def test_a_shared_link_opens_on_its_search_and_theme(built_book, browser):
    url = (built_book / "chapters" / "explorer.html").as_uri() + "?search=peacekeeping+operations&theme=women"
    page, errors = _open_at(browser, url)
    try:
        address, typed, theme = _state(page)
        assert typed == "peacekeeping operations" and _shown(page) == _expected("peacekeeping operations")
        _shows_theme(page, "women")
        assert errors == []
    finally:
        page.close()
