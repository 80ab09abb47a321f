"""Stance markers: what each counts and leaves out, the counts, and a bad marker list."""

from __future__ import annotations

import pandas as pd
import pytest

from unscspeech.input.problems import CorpusError
from unscspeech.measures.stance import category_rates, find_stance, load_markers, stance_counts

from conftest import DATA, finishes, run_cli_in_process


@pytest.fixture(scope="module")
def markers():
    return load_markers(DATA / "stance.csv")


def hits_in(markers, text: str) -> list[tuple[str, str]]:
    paras = pd.DataFrame({"doc_id": ["d"], "paragraph": [1], "text": [text]})
    return [(h.marker, h.match) for h in find_stance(markers, paras).itertuples()]


def test_the_modal_will_counts_and_the_noun_does_not(markers):
    found = hits_in(markers, "We will act, with good will and the knowledge and will to deal with it.")
    assert [m for m in found if m[0] == "will"] == [("will", "will")]


def test_the_verb_need_to_counts_and_the_noun_does_not(markers):
    found = hits_in(markers, "We need to act; the need to build peace; it needs to agree; we need fresh approaches.")
    assert [m for m in found if m[0] == "need to"] == [("need to", "need to"), ("need to", "needs to")]


def test_framings_allow_adverbs_and_curly_text(markers):
    found = hits_in(markers, "We firmly support it. We strongly believe it. My delegation’s view. We therefore "
                             "call for unity.")
    assert ("we support", "We firmly support") in found
    assert ("we believe", "We strongly believe") in found
    assert ("my delegation", "My delegation") in found
    assert ("we call for", "We therefore call for") in found


def test_whole_words_only(markers):
    found = hits_in(markers, "Mustard should wait; a thankless, shoulder-high task.")
    assert found == [("should", "should")]


def test_counts_are_a_full_grid_per_1000_words(tables, markers):
    stance, docs = tables["stance.csv"], tables["documents.csv"]
    assert len(stance) == len(docs) * len(markers)
    hits = tables["stance_hits.csv"]
    assert stance["count"].sum() == len(hits)
    sizes = docs.set_index("doc_id")["n_tokens"]
    expected = (1000 * stance["count"] / stance["doc_id"].map(sizes)).round(6)
    assert (stance["per_1000"] - expected).abs().max() < 1e-9
    rates = category_rates(stance)
    assert set(rates["category"]) == {"framing", "modality", "appreciation"}


def test_hits_are_the_text_they_claim(tables):
    paragraphs = tables["paragraphs.csv"].set_index(["doc_id", "paragraph"])["text"]
    for h in tables["stance_hits.csv"].itertuples():
        assert paragraphs[(h.doc_id, h.paragraph)][h.start:h.end] == h.match


@pytest.mark.parametrize("row, message", [
    ("tone,shout,shout,", "category 'tone' is unknown"),
    ("modality,broken,(must,", "not a valid regular expression"),
    ("modality,empty,a?,", "matches the empty string"),
    ("modality,curly,we’ll,", "which matching never sees"),
])
def test_a_bad_marker_list_is_reported_with_its_line(tmp_path, row, message):
    path = tmp_path / "stance.csv"
    path.write_text("category,marker,pattern,note\nmodality,must,must,\n" + row + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_markers(path)
    assert any(message in p.message and p.line == 3 for p in err.value.problems), err.value.problems


def test_stance_counts_on_a_small_document(markers):
    paras = pd.DataFrame({"doc_id": ["d", "d"], "paragraph": [1, 2],
                          "text": ["We must act and we must not wait.", "Thank you."]})
    docs = pd.DataFrame({"doc_id": ["d"], "n_tokens": [10]})
    counts = stance_counts(find_stance(markers, paras), markers, docs).set_index("marker")
    assert counts.loc["must", "count"] == 2 and counts.loc["must", "per_1000"] == 200.0
    assert counts.loc["thanks", "count"] == 1
    assert counts.loc["should", "count"] == 0


def test_a_missing_marker_list_stops_the_build(corpus):
    (corpus / "stance.csv").unlink()
    result = run_cli_in_process("validate", str(corpus), cwd=corpus.parent)
    assert result.returncode == 2
    assert "stance.csv: the stance marker list is missing" in result.stderr


# ---- patterns bounded in time -------------------------------------------------------------

#: A pattern that backtracks exponentially on every sentence, in ``re`` and in ``regex`` alike.
CATASTROPHIC = r"(?:[\w\s]|\w)*\.[^\W\D]"


def test_a_nested_repetition_that_hung_the_build_now_finishes(small_corpus):
    corpus = small_corpus
    with open(corpus / "stance.csv", "a", encoding="utf-8") as f:
        f.write("framing,semicolon,(?:\\w+\\s*)+;,a pattern that backtracks in re on every paragraph\n")
    result = finishes(lambda: run_cli_in_process("validate", str(corpus), cwd=corpus.parent), 300)
    assert result.returncode == 0, result.stderr


def test_a_pattern_too_slow_for_a_paragraph_is_reported_with_its_line(tmp_path, monkeypatch):
    from unscspeech.input import user_patterns

    monkeypatch.setattr(user_patterns, "SECONDS_PER_PARAGRAPH", 0.5)
    path = tmp_path / "stance.csv"
    path.write_text("category,marker,pattern,note\nmodality,must,must,\n"
                    f"framing,slow,{CATASTROPHIC},\n", encoding="utf-8")
    text = "We must support the peace process in Afghanistan and the region of Central Asia as a whole."
    with pytest.raises(CorpusError) as err:
        hits_in(load_markers(path), text)
    assert str(err.value).endswith(
        f"stance.csv:3: marker 'slow': pattern {CATASTROPHIC!r} takes longer than 0.5 s over paragraph 1 of 'd' "
        f"({len(text)} characters); rewrite it without repetitions that can match the same text in many ways")


def test_a_worker_reports_a_slow_pattern_as_the_parent_would(tmp_path, monkeypatch):
    from unscspeech.input import user_patterns
    from unscspeech.measures.stance import stance_tables

    monkeypatch.setattr(user_patterns, "SECONDS_PER_PARAGRAPH", 0.5)
    path = tmp_path / "stance.csv"
    path.write_text(f"category,marker,pattern,note\nframing,slow,{CATASTROPHIC},\n", encoding="utf-8")
    text = "We support the peace process in Afghanistan and the region of Central Asia as a whole."
    paras = pd.DataFrame({"doc_id": [f"d{i // 100}" for i in range(500)], "paragraph": [i % 100 + 1 for i in range(500)],
                          "text": [text] * 500})
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(5)], "n_tokens": [1000] * 5})
    with pytest.raises(CorpusError) as err:
        stance_tables(load_markers(path), paras, documents, n_jobs=2)
    assert len(err.value.problems) == 1
    assert str(err.value.problems[0]).startswith(f"{path}:2: marker 'slow': pattern {CATASTROPHIC!r} takes longer")


def test_matching_takes_time_linear_in_a_paragraph(markers):
    from conftest import finishes

    # Each hit was compared with every earlier hit of its category: time in the square of the hits.
    text = "We must act. " * 120_000
    paras = pd.DataFrame({"doc_id": ["d"], "paragraph": [1], "text": [text]})
    hits = finishes(lambda: find_stance(markers, paras))
    assert (hits["marker"] == "must").sum() == 120_000
