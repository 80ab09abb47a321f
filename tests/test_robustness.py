"""Robustness: the book's variant reproduces the book's tables; variants and comparisons behave."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unscspeech.measures.keyness import key_terms
from unscspeech.measures.robustness import (BOOK, Variant, compare_lists, keyword_lists, plain_term_occurrences,
                                   stemmed_codebook, summary, term_occurrences, theme_rates, variants)
from unscspeech.measures.themes import find_hits, load_codebook

from conftest import DATA


def test_twelve_variants_one_of_them_the_books():
    all_ = variants()
    assert len(all_) == len(set(all_)) == 12
    assert sum(v.changed("keywords") == "none" for v in all_) == 1
    assert sum(v.changed("themes") == "none" for v in all_) == 1


def test_the_books_variant_gives_the_books_keyword_lists(tables):
    stop = frozenset(tables["frequencies.csv"].loc[tables["frequencies.csv"]["is_stopword"], "term"])
    lists, _ = keyword_lists(tables["tokens.csv"], Variant(**BOOK["keywords"]))
    for doc_id in tables["documents.csv"]["doc_id"]:
        book = key_terms(tables["keyness.csv"], doc_id, n=10, exclude=stop)["term"].tolist()
        assert lists[doc_id] == book


def test_the_books_variant_gives_the_books_theme_rates(tables):
    codebook = load_codebook(DATA / "themes.yml")
    docs, tokens = tables["documents.csv"], tables["tokens.csv"]
    content = tokens[~tokens["is_stopword"]].groupby("doc_id").size()
    rates = theme_rates(tables["theme_hits.csv"], docs, content, codebook, Variant(**BOOK["themes"]))
    mine = rates[rates["doc_id"] != "ALL"].merge(tables["themes.csv"], on=["doc_id", "theme"])
    assert len(mine) == len(tables["themes.csv"])
    assert (mine["per_1000_x"] - mine["per_1000_y"]).abs().max() < 1e-6


def test_the_books_rows_compare_perfectly_and_every_row_is_there(tables):
    table = tables["robustness.csv"]
    docs = len(tables["documents.csv"])
    assert len(table[table["analysis"] == "keywords"]) == 12 * docs
    assert len(table[table["analysis"] == "themes"]) == 12 * (docs + 1)
    book = table[table["changed"] == "none"]
    assert (book["overlap"] == 1).all()
    assert ((book["spearman"] == 1) | book["spearman"].isna()).all()
    assert table["spearman"].dropna().between(-1, 1).all()
    assert set(summary(table)["changed"]) >= {"none", "stopwords", "grouping", "min_count"}


def test_compare_lists_on_known_cases():
    assert compare_lists(["a", "b", "c"], ["a", "b", "c"]) == (1.0, 1.0)
    overlap, rho = compare_lists(["a", "b", "c"], ["c", "b", "a"])
    assert overlap == 1.0 and rho == pytest.approx(-1.0)
    overlap, rho = compare_lists(["a", "b", "c", "d"], ["a", "b", "x", "y"])
    assert overlap == 0.5 and 0 < rho < 1
    assert compare_lists([], []) == (None, None)


@given(st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8),
       st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8))
def test_comparison_is_symmetric_and_bounded(a, b):
    ab, ba = compare_lists(a, b), compare_lists(b, a)
    assert ab[0] == ba[0]
    assert (ab[1] is None) == (ba[1] is None)
    if ab[1] is not None:
        assert ab[1] == pytest.approx(ba[1])
    if ab[0] is not None:
        assert 0 <= ab[0] <= 1
    if ab[1] is not None:
        assert -1 - 1e-9 <= ab[1] <= 1 + 1e-9


def test_stems_widen_a_theme_to_related_words(tmp_path):
    (tmp_path / "themes.yml").write_text(
        "themes:\n  - id: prevention\n    label: P\n    source: statements\n    definition: d\n"
        "    terms: [prevention]\n", encoding="utf-8")
    codebook = load_codebook(tmp_path / "themes.yml")
    paras = pd.DataFrame({"doc_id": ["d"], "paragraph": [1],
                          "text": ["Prevention, preventive diplomacy and how to prevent conflict."]})
    vocabulary = {"prevention", "preventive", "prevent", "diplomacy", "conflict"}
    assert find_hits(codebook, paras)["match"].tolist() == ["Prevention"]
    widened = find_hits(stemmed_codebook(codebook, vocabulary), paras)["match"].tolist()
    assert widened == ["Prevention", "preventive", "prevent"]


def test_widened_forms_are_whole_words_as_the_terms_are(tmp_path):
    """Stemming is the only change: a widened form, like a term, may follow a hyphen that joins two
    names ("UN-Preventive") but not one inside a word ("non-preventive"), and stops before an
    apostrophe unless it is a possessive 's."""
    (tmp_path / "themes.yml").write_text(
        "themes:\n  - id: prevention\n    label: P\n    source: statements\n    definition: d\n"
        "    terms: [prevention]\n", encoding="utf-8")
    codebook = load_codebook(tmp_path / "themes.yml")
    text = ("The UN-Prevention unit; the UN-Preventive unit; non-prevention, non-preventive; "
            "prevention's aim, preventive's aim; prevention'd, preventive'd.")
    paras = pd.DataFrame({"doc_id": ["d"], "paragraph": [1], "text": [text]})
    book = find_hits(codebook, paras)["match"].tolist()
    widened = find_hits(stemmed_codebook(codebook, {"prevention", "preventive"}), paras)["match"].tolist()
    assert book == ["Prevention", "prevention"]
    assert widened == ["Prevention", "Preventive", "prevention", "preventive"]


@pytest.mark.parametrize("grouping", ["lemma", "stem"])
def test_term_occurrences_are_those_of_the_definition(tables, grouping):
    tokens = tables["tokens.csv"]
    # A term of two tokens whose lemma has no space: its stemmed words are its tokens joined.
    extra = pd.DataFrame({"doc_id": ["zz", "zz", "zz"], "paragraph": [1, 1, 1], "sentence": [1, 1, 1],
                          "token_index": [1, 2, 3], "token": ["Peace", "keeping", "Operations"],
                          "term_index": [1, 1, 2], "term": ["peacekeeping", "peacekeeping", "operation"],
                          "is_stopword": [False, False, False]})
    tokens = pd.concat([tokens.astype({"doc_id": object, "token": object, "term": object}), extra],
                       ignore_index=True)
    found = term_occurrences(tokens, grouping).astype(object)
    expected = plain_term_occurrences(tokens, grouping).astype(object)
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)
    if grouping == "stem":
        assert found["term"].iloc[-2] == "peac keep"


def test_forms_of_the_wanted_terms_are_those_of_all_terms_kept_to_them(tables):
    """The stem each listed book term becomes, found among its own occurrences only, is the one
    found among all: a term's form depends on its occurrences alone."""
    from unscspeech.measures.robustness import term_forms, term_occurrences

    occurrences = term_occurrences(tables["tokens.csv"], "stem")
    everything = term_forms(occurrences).astype(object)
    wanted = {d: g["lemma_term"].head(7).tolist() for d, g in everything.groupby("doc_id", sort=False)}
    wanted[next(iter(wanted))].append("a term that no document uses")
    expected = everything.merge(pd.DataFrame([(d, t) for d, ts in wanted.items() for t in ts],
                                             columns=["doc_id", "lemma_term"]), on=["doc_id", "lemma_term"])
    got = term_forms(occurrences, wanted).astype(object)
    assert len(got) == sum(min(7, n) for n in everything.groupby("doc_id").size())
    assert (got["term"] != got["lemma_term"]).any(), "no term whose stem differs: the test would test less"
    key = ["doc_id", "lemma_term"]
    pd.testing.assert_frame_equal(got.sort_values(key).reset_index(drop=True),
                                  expected.sort_values(key).reset_index(drop=True))
