"""Uncertain metadata reads as uncertain: levels, marks and their legend, in the package and the built book."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.book import certainty
from unscspeech.book.preamble import html_table
from unscspeech.book.figures import FIGURES, draw
from unscspeech.book.tables import read_tables, with_labels

ROW = {"doc_id": "x", "speaker": "Kairat Abdrakhmanov", "date": "2017-01-10", "meeting": "S/PV.7857",
       "surname_certainty": "stated", "speaker_certainty": "inferred", "date_certainty": "candidate",
       "meeting_certainty": "candidate", "speaker_role": "Minister", "role_certainty": "candidate",
       "delivery_language": "", "language_certainty": "unknown"}


def test_a_label_marks_the_values_it_is_made_of():
    assert certainty.label(ROW) == "2017† Abdrakhmanov"
    assert certainty.label({**ROW, "date_certainty": "inferred", "surname_certainty": "attributed"}) == \
        "2017 Abdrakhmanov‡"
    assert certainty.label({**ROW, "date_certainty": "stated"}) == "2017 Abdrakhmanov"


def test_shown_values_carry_their_mark_and_unknown_is_said():
    docs = pd.DataFrame([ROW, {**ROW, "meeting_certainty": "inferred", "delivery_language": "Russian",
                               "language_certainty": "stated"}])
    assert certainty.shown(docs, "meeting").tolist() == ["S/PV.7857†", "S/PV.7857"]
    assert certainty.shown(docs, "delivery_language").tolist() == ["unknown", "Russian"]


def test_summary_groups_the_values_that_are_not_stated():
    assert certainty.summary(ROW) == "full name inferred; role, date and meeting candidate; language unknown"


def test_a_table_with_a_mark_says_what_it_means():
    plain = html_table(pd.DataFrame({"Document": ["2007 Aitimova"]}), caption="Docs.")._repr_html_()
    assert "candidate" not in plain
    marked = html_table(pd.DataFrame({"Document": ["2017† Abdrakhmanov"]}), caption="Docs.")._repr_html_()
    assert "Docs. † candidate: a plausible match that the text does not confirm." in marked
    assert "‡" not in marked
    unpunctuated = html_table(pd.DataFrame({"Document": ["2019 Atamkulov‡"]}), caption="3 occurrences")._repr_html_()
    assert "3 occurrences. ‡ attributed: named by the source's context, not by the text." in html.unescape(unpunctuated)


@pytest.fixture(scope="module")
def figure_specs() -> dict[str, dict]:
    """Every figure of the book drawn from the processed tables, as its Vega-Lite spec: once for
    the two checks below that read them all."""
    tables = read_tables(DATA / "processed")
    return {name: draw(name, tables).to_dict() for name in FIGURES}


def test_every_figure_with_a_mark_has_its_legend(figure_specs):
    marked = 0
    for name in FIGURES:
        spec = figure_specs[name]
        data = json.dumps({k: v for k, v in spec.items() if k not in ("title", "description")}, ensure_ascii=False)
        for level, mark in certainty.MARKS.items():
            if mark in data:
                marked += 1
                subtitle = spec["title"]["subtitle"]
                assert any(f"{mark} {level}" in line for line in subtitle), (name, subtitle)
                assert f"{mark} {level}" in spec["description"], name
    assert marked > 0


def test_labels_of_the_edition_carry_the_marks():
    docs = with_labels(pd.read_csv(DATA / "processed" / "documents.csv", keep_default_na=False))
    labels = dict(zip(docs["doc_id"], docs["label"]))
    assert labels["2017-01-10-abdrakhmanov"] == "2017† Abdrakhmanov"
    assert labels["2019-03-02-atamkulov"] == "2019 Atamkulov†"
    assert labels["2007-11-06-aitimova"] == "2007 Aitimova"


def _bare_forms(docs: pd.DataFrame) -> list[tuple[str, str]]:
    """(what, regular expression) for every candidate or attributed value printed without its mark."""
    forms = []
    for row in docs.to_dict("records"):
        year, surname = row["date"][:4], row["speaker"].split()[-1]
        for value in certainty.CERTAINTY_OF:
            level = certainty.level(row, value)
            if level not in certainty.MARKS:
                continue
            mark = re.escape(certainty.MARKS[level])
            if value == "date":
                forms.append((f"{row['doc_id']} label", rf"\b{year} {surname}\b"))
                forms.append((f"{row['doc_id']} date", rf"{re.escape(row['date'])}(?!{mark}|-[a-z])"))
            elif value == "surname":
                forms.append((f"{row['doc_id']} label", rf"\b{year}{mark}? {surname}\b(?!{mark})"))
            elif value in ("meeting", "speaker_role", "presidency") and row[value]:
                forms.append((f"{row['doc_id']} {value}", rf"{re.escape(row[value])}(?![{''.join(certainty.MARKS.values())}])"))
    return forms


def _shown_text(page: str, docs: pd.DataFrame) -> str:
    """A page's text as a reader sees it: without scripts (a chart's data is checked by
    :func:`shown_strings`) and without the datasheet's evidence, where each level is explained in words."""
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    for evidence in docs["evidence"]:
        page = page.replace(html.escape(evidence, quote=False), "").replace(html.escape(evidence), "")
    return page


#: Encoding channels whose values a reader sees as text (a nominal axis, a tooltip, a label, a header).
SHOWN_CHANNELS = ("x", "y", "tooltip", "text", "column", "row", "facet", "color", "shape", "description")


def shown_strings(spec: dict) -> list[str]:
    """Every string a chart shows: its titles and description, and the values of the fields it
    prints (nominal or ordinal axes and headers, tooltips, text marks, legends)."""
    fields, texts = set(), []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "subtitle", "description") and isinstance(value, (str, list)):
                    texts.extend([value] if isinstance(value, str) else [v for v in value if isinstance(v, str)])
                if key == "encoding" or key == "facet":
                    channels = value if key == "encoding" else {"facet": value}
                    for channel, definition in channels.items():
                        if channel not in SHOWN_CHANNELS:
                            continue
                        for d in definition if isinstance(definition, list) else [definition]:
                            if isinstance(d, dict) and "field" in d and (
                                    channel in ("tooltip", "text", "description")
                                    or d.get("type") in ("nominal", "ordinal", None)):
                                fields.add(d["field"])
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    for rows in spec.get("datasets", {}).values():
        texts += [str(row[f]) for row in rows for f in fields if f in row]
    return texts


def test_no_figure_shows_a_candidate_or_attributed_value_without_its_mark(figure_specs):
    forms = _bare_forms(read_tables(DATA / "processed").documents)
    for name in FIGURES:
        shown = "\n".join(shown_strings(figure_specs[name]))
        for what, pattern in forms:
            found = re.search(pattern, shown)
            assert not found, (name, what, shown[max(0, found.start() - 80):found.end() + 80])


def test_the_check_of_figures_sees_a_bare_value():
    """The scan above finds an unmarked candidate label in a tooltip: it can fail."""
    spec = {"datasets": {"d": [{"label": "2017 Abdrakhmanov", "n": 1}]},
            "encoding": {"tooltip": [{"field": "label", "type": "nominal"}]}}
    docs = pd.read_csv(DATA / "processed" / "documents.csv", keep_default_na=False)
    assert any(re.search(p, "\n".join(shown_strings(spec))) for _, p in _bare_forms(docs))


@pytest.mark.book
def test_no_page_shows_a_candidate_or_attributed_value_without_its_mark(built_book):
    docs = pd.read_csv(DATA / "processed" / "documents.csv", keep_default_na=False)
    forms = _bare_forms(docs)
    assert forms
    for page in sorted(built_book.rglob("*.html")):
        if "_static" in page.parts:
            continue
        text = _shown_text(page.read_text(encoding="utf-8"), docs)
        for what, pattern in forms:
            found = re.search(pattern, text)
            assert not found, (page.name, what, text[max(0, found.start() - 80):found.end() + 80])


#: Sentences that would state the article's attributed authorship or a candidate meeting as fact.
AS_FACT = [
    r"article (?:written )?by (?:its|the|Kazakhstan's) (?:Foreign )?Minister",
    r"(?:was|is) published by (?:Kazakhstan's |the )?(?:Ministry|Foreign Minist)",
    r"in which the (?:Foreign )?Minister",
    r"the (?:Foreign )?Minister (?:reviews|looks back|wrote|writes|listed|lists|reports|set out)",
    r"Atamkulov (?:wrote|writes|says|argues|looks back|lists|reports)",
    r"Abdrakhmanov (?:spoke|said) (?:at|in) ",
    r"a year later",
]


@pytest.mark.book
def test_no_page_states_an_attribution_or_a_candidate_as_fact(built_book):
    for page in sorted(built_book.rglob("*.html")):
        if "_static" in page.parts:
            continue
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        for pattern in AS_FACT:
            found = re.search(pattern, text, flags=re.IGNORECASE)
            assert not found, (page.name, text[max(0, found.start() - 100):found.end() + 100])
