"""Every chart has a title, axis titles, tooltips and alt text, and the same input gives the same spec."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from unscspeech.book.charts import actors, corpus, distinctive, echoes, robustness, stance, style, themes, vocabulary
from unscspeech.book.charts import priorities as priority_charts
from unscspeech.book.tables import as_tables, with_labels


NAMES = ["timeline", "lengths", "cleaning", "top_terms", "dispersion", "collocations", "lexdiv", "keyness",
         "heatmap", "over_time", "xray", "cooccurrence", "similarity", "priorities", "actors", "network", "stance",
         "stance_markers", "robustness"]


@pytest.fixture(scope="module")
def made(tables):
    from unscspeech.book.findings import priorities

    t = as_tables(tables)
    docs = t.documents
    stop = frozenset(t.frequencies.loc[t.frequencies["is_stopword"], "term"])
    return {
        "timeline": lambda: corpus.timeline(docs, t.periods),
        "lengths": lambda: corpus.document_lengths(docs),
        "cleaning": lambda: corpus.cleaning_summary(t.cleaning_log, docs),
        "top_terms": lambda: vocabulary.top_terms(t.frequencies, docs, paragraphs=t.paragraphs),
        "dispersion": lambda: vocabulary.frequency_dispersion(t.dispersion, t.frequencies, paragraphs=t.paragraphs),
        "collocations": lambda: vocabulary.collocation_bars(t.collocations, paragraphs=t.paragraphs),
        "lexdiv": lambda: vocabulary.lexical_diversity_chart(t.lexdiv, docs),
        "keyness": lambda: distinctive.keyness_bars(t.keyness, docs, stop, paragraphs=t.paragraphs),
        "heatmap": lambda: themes.theme_heatmap(t.themes, docs, t.codebook, paragraphs=t.paragraphs),
        "over_time": lambda: themes.themes_over_time(t.themes, docs, t.codebook),
        "xray": lambda: themes.theme_xray(t.theme_hits, docs, t.codebook),
        "cooccurrence": lambda: themes.cooccurrence_heatmap(t.theme_cooccurrence, t.codebook,
                                                             paragraphs=t.paragraphs),
        "similarity": lambda: echoes.similarity_heatmap(t.similarity, docs),
        "priorities": lambda: priority_charts.priorities_bars(priorities(t), paragraphs=t.paragraphs),
        "actors": lambda: actors.actor_heatmap(t.actors, docs),
        "network": lambda: actors.actor_network_chart(t.actor_network, t.actors, min_mentions=2),
        "stance": lambda: stance.stance_by_document(t.stance, docs),
        "stance_markers": lambda: stance.stance_markers_heatmap(t.stance, docs),
        "robustness": lambda: robustness.robustness_chart(t.robustness),
    }


@pytest.fixture(scope="module")
def spec(made):
    """``spec(name)``: a copy of the chart's Vega-Lite spec, made once for this module's many tests
    that read it (test_same_input_gives_identical_spec makes it again to compare)."""
    import copy

    made_once: dict[str, dict] = {}

    def _spec(name: str) -> dict:
        if name not in made_once:
            made_once[name] = made[name]().to_dict()
        return copy.deepcopy(made_once[name])

    return _spec


def _encodings(spec: dict):
    """Every encoding block of a spec, through layers, facets and concatenations."""
    if "encoding" in spec:
        yield spec["encoding"]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _encodings(part)
    if "spec" in spec:
        yield from _encodings(spec["spec"])


@pytest.mark.parametrize("name", NAMES)
def test_chart_is_complete(spec, name):
    spec = spec(name)
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


@pytest.mark.parametrize("name", NAMES)
def test_same_input_gives_identical_spec(made, spec, name):
    assert json.dumps(spec(name), sort_keys=True) == json.dumps(made[name]().to_dict(), sort_keys=True)


def test_theme_is_the_colour_blind_safe_one(spec):
    """Okabe-Ito's colours, less the two that stand for the genres."""
    spec = spec("lengths")
    assert spec["config"]["range"]["category"] == [c for c in style.OKABE_ITO if c not in style.GENRE_COLOURS.values()]


def _scales(node):
    """Every scale of a Vega-Lite spec with an explicit colour range, as (field, domain, range)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("color", "fill", "stroke") and isinstance(value, dict):
                for channel in (value, value.get("condition") if isinstance(value.get("condition"), dict) else None):
                    if channel and isinstance(channel.get("scale"), dict) and "range" in channel["scale"]:
                        yield channel.get("field"), channel["scale"].get("domain"), channel["scale"]["range"]
            yield from _scales(value)
    elif isinstance(node, list):
        for item in node:
            yield from _scales(item)


@pytest.mark.parametrize("name", ["lengths", "timeline", "cleaning", "top_terms", "dispersion", "collocations",
                                  "lexdiv", "keyness", "heatmap", "over_time", "xray", "cooccurrence", "similarity",
                                  "priorities", "actors", "network", "stance", "stance_markers", "robustness"])
def test_the_genre_colours_mean_a_genre_and_nothing_else(spec, name):
    """Blue is the statements and orange the article in every chart: a scale that uses either colour
    must be a scale of genres (or of the two sources the priorities chart compares)."""
    genres = set(style.GENRE_COLOURS) | set(style.GENRE_NAMES.values()) | {"Council statements", "The article"}
    for field, domain, colours in _scales(spec(name)):
        if set(colours) & set(style.GENRE_COLOURS.values()):
            assert domain is not None and set(domain) <= genres, (name, field, domain, colours)


def test_charts_name_no_document_by_hand():
    """A corpus of any two documents draws: nothing about the five is hard-coded."""
    docs = with_labels(pd.DataFrame({
        "doc_id": ["a", "b"], "date": ["2001-01-01", "2002-02-02"], "speaker": ["Ann Lee", "Bo Kim"],
        "genre": ["council_statement", "letter"], "date_certainty": ["stated", "unknown"],
        "title": ["T1", "T2"], "speaker_role": ["", ""], "meeting": ["", ""],
        "delivery_language": ["English", "French"], "n_tokens": [10, 20], "n_types": [5, 9],
        "n_sentences": [1, 2], "n_paragraphs": [1, 1]}))
    spec = corpus.timeline(docs).to_dict()
    assert spec["title"]["text"] == "The 2 documents, 2001–2002"
    assert "2001 Lee" in spec["description"] and "2002 Kim" in spec["description"]
    assert corpus.document_lengths(docs).to_dict()["description"].endswith("The longest is 2002 Kim.")


def test_bands_narrow_as_documents_grow_down_to_the_width_a_number_needs():
    assert style.band_width(5, 370, widest=62) == 62
    assert style.band_width(10, 370, widest=62) == 37
    assert style.band_width(40, 370, widest=62) == style.MIN_BAND


def test_a_heatmap_of_more_documents_keeps_to_the_column(tables):
    """Twice the documents: the cells narrow so that the heatmap still fits the text column."""
    t = as_tables(tables)
    docs = tables["documents.csv"]
    doubled = pd.concat([docs, docs.assign(doc_id=docs["doc_id"] + "-copy",
                                           speaker=docs["speaker"] + " Copy")], ignore_index=True)
    doubled_themes = pd.concat([t.themes, t.themes.assign(doc_id=t.themes["doc_id"] + "-copy")], ignore_index=True)
    five = themes.theme_heatmap(t.themes, with_labels(docs), t.codebook).to_dict()["width"]["step"]
    ten = themes.theme_heatmap(doubled_themes, with_labels(doubled), t.codebook).to_dict()["width"]["step"]
    assert ten < five
    assert 2 * len(docs) * ten <= style.COLUMN - 230


@pytest.mark.parametrize("name", NAMES)
def test_a_chart_describes_and_labels_names_as_the_texts_print_them(spec, name):
    """Alt text and the labels drawn on a chart read "United Nations" and "ECOWAS", not the lemmas
    "united nations" and "ecowas" that the tables hold; common words ("security") stay lower case."""
    from test_seams import printed_names, seams

    spec = spec(name)
    lemmas = printed_names()
    assert [s for s in seams([spec["description"]], [], lemmas) if s.startswith("lemma")] == []
    shown = set()
    for data in spec.get("datasets", {}).values():
        for row in data:
            shown.update(str(row[k]) for k in ("shown",) if k in row)
    assert [s for s in shown if s in lemmas] == []


def test_term_charts_print_a_name_in_its_capitals_and_a_common_word_in_lower_case(spec):
    collocations = json.dumps(spec("collocations"))
    assert '"shown": "United Nations"' in collocations and '"shown": "peace and security"' in collocations
    keyness = spec("keyness")["description"]
    assert "ECOWAS" in keyness and "ecowas" not in keyness


@pytest.mark.parametrize("name", NAMES)
def test_no_mark_carries_vegas_own_aria_label(spec, name):
    """Vega's per-mark ARIA labels read raw fields ("genre: council_statement", "23.480663"), bar by
    bar; the theme switches them off, and the chart's description stays its alternative text."""
    spec = spec(name)
    assert spec["config"]["mark"]["aria"] is False
    assert spec["description"]


def test_an_exported_svg_labels_no_mark_with_its_raw_values(spec):
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec("stance"))
    assert "category: framing" not in svg and "Category: framing" not in svg
    assert "x-axis titled" in svg.lower()  # the axes keep their labels


def test_a_title_naming_a_candidate_agenda_carries_its_mark(tables):
    """The 2017 statement's title names its debate, whose agenda is only a candidate: the timeline's
    tooltip prints it with †, and the chart's data hold no unmarked copy."""
    from unscspeech.book.certainty import MARKS

    docs = with_labels(tables["documents.csv"])
    spec = corpus.timeline(docs).to_dict()
    rows = [row for data in spec["datasets"].values() for row in data]
    candidate = docs.loc[docs["agenda_certainty"] == "candidate", "title"]
    assert len(candidate)
    for title in candidate:
        assert title + MARKS["candidate"] in {row["title_shown"] for row in rows}
        assert title not in {v for row in rows for v in row.values()}


def test_the_top_terms_description_names_every_term_tied_for_first():
    docs = with_labels(pd.DataFrame({
        "doc_id": ["a", "b"], "date": ["2001-01-01", "2002-02-02"], "speaker": ["Ann Lee", "Bo Kim"],
        "genre": ["council_statement", "council_statement"], "date_certainty": ["stated", "stated"]}))
    frequencies = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b"], "term": ["peacekeeping", "united nations", "troops", "cica", "asia"],
        "count": [9, 9, 4, 3, 2], "per_1000": [90.0, 90.0, 40.0, 30.0, 20.0], "is_stopword": [False] * 5})
    paragraphs = pd.DataFrame({"text": ["peacekeeping by the United Nations; troops in Asia, CICA"]})
    described = vocabulary.top_terms(frequencies, docs, paragraphs=paragraphs).to_dict()["description"]
    assert "2001 Lee: peacekeeping and United Nations, tied; 2002 Kim: CICA." in described


@pytest.mark.parametrize("name", ["heatmap", "cooccurrence", "priorities"])
def test_theme_labels_in_a_description_read_as_they_would_mid_sentence(spec, tables, name):
    """A list of themes in a description reads "…; peace and security in Africa; the
    security-development nexus", not a capital here and there; a name keeps its capitals."""
    from unscspeech.book.printed import in_sentence

    description = spec(name)["description"]
    paragraphs = tables["paragraphs.csv"]
    named = 0
    for label in tables["codebook.csv"]["label"]:
        placed = in_sentence(label, paragraphs)
        if placed != label:
            assert f" {label}" not in description, label
        named += placed in description
    assert named >= 3


_SPECS_SCRIPT = """
import hashlib, json, sys
from unscspeech.book.figures import FIGURES, draw
from unscspeech.book.explorer import search_chart, theme_chart
from unscspeech.book.tables import read_tables
t = read_tables(sys.argv[1])
charts = {name: draw(name, t) for name in FIGURES}
charts["explorer-search"] = search_chart(t.paragraphs, t.documents)
charts["explorer-themes"] = theme_chart(t.theme_hits, t.paragraphs, t.documents, t.codebook)
print(json.dumps({n: hashlib.sha256(json.dumps(c.to_dict(), sort_keys=True).encode()).hexdigest()
                  for n, c in charts.items()}))
"""


def test_chart_specs_are_identical_from_one_process_to_the_next():
    """What 'two builds give identical chart specifications' needs: every chart of the book, the
    explorer's too, drawn in two fresh processes with different hash seeds (so that no set or dict
    order that Python randomises can leak into a spec), gives the same spec."""
    import os
    import subprocess
    import sys

    from conftest import DATA

    runs = []
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", _SPECS_SCRIPT, str(DATA / "processed")], check=True,
                             capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        runs.append(json.loads(out.stdout))
    assert len(runs[0]) >= 20
    assert runs[0] == runs[1], [n for n in runs[0] if runs[0][n] != runs[1].get(n)]
