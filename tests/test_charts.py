"""Every chart has a title, axis titles, tooltips and alt text, and the same input gives the same spec."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from unscspeech import charts
from unscspeech.tables import with_labels


@pytest.fixture(scope="module")
def made(tables):
    docs = with_labels(tables["documents.csv"])
    return {
        "timeline": lambda: charts.timeline(docs, tables["periods.csv"]),
        "lengths": lambda: charts.document_lengths(docs),
        "cleaning": lambda: charts.cleaning_summary(tables["cleaning_log.csv"], docs),
    }


def _encodings(spec: dict):
    for layer in spec.get("layer", [spec]):
        yield layer.get("encoding", {})


@pytest.mark.parametrize("name", ["timeline", "lengths", "cleaning"])
def test_chart_is_complete(made, name):
    spec = made[name]().to_dict()
    title = spec["title"]
    assert title["text"] and title["subtitle"]
    assert len(spec["description"]) > 40
    encodings = list(_encodings(spec))
    assert any("tooltip" in e for e in encodings)
    for enc in encodings:
        for channel in ("x", "y"):
            field = enc.get(channel)
            if field and "field" in field and field.get("type") in ("quantitative", "temporal"):
                assert field.get("title"), (name, channel)


@pytest.mark.parametrize("name", ["timeline", "lengths", "cleaning"])
def test_same_input_gives_identical_spec(made, name):
    assert json.dumps(made[name]().to_dict(), sort_keys=True) == json.dumps(made[name]().to_dict(), sort_keys=True)


def test_theme_is_the_colour_blind_safe_one(made):
    spec = made["lengths"]().to_dict()
    assert spec["config"]["range"]["category"] == charts.OKABE_ITO


def test_charts_name_no_document_by_hand():
    """A corpus of any two documents draws: nothing about the five is hard-coded."""
    docs = with_labels(pd.DataFrame({
        "doc_id": ["a", "b"], "date": ["2001-01-01", "2002-02-02"], "speaker": ["Ann Lee", "Bo Kim"],
        "genre": ["council_statement", "letter"], "date_certainty": ["confirmed", "unknown"],
        "title": ["T1", "T2"], "speaker_role": ["", ""], "meeting": ["", ""],
        "delivery_language": ["English", "French"], "n_tokens": [10, 20], "n_types": [5, 9],
        "n_sentences": [1, 2], "n_paragraphs": [1, 1]}))
    spec = charts.timeline(docs).to_dict()
    assert spec["title"]["text"] == "The 2 documents, 2001–2002"
    assert "2001 Lee" in spec["description"] and "2002 Kim" in spec["description"]
    assert charts.document_lengths(docs).to_dict()["description"].endswith("The longest is 2002 Kim.")
