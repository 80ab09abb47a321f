"""Vocabulary measures against published worked examples, and their invariants."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unscspeech.measures.collocations import collocations
from unscspeech.measures.keyness import g2, key_terms, keyness_table, log_odds_z, log_ratio, p_value
from unscspeech.measures.kwic import kwic, within
from unscspeech.measures.dispersion import dispersion, dp
from unscspeech.measures.vocabulary import ALL, frequencies, lexical_diversity, mtld, term_rows


# ---- published examples ---------------------------------------------------------------------

def test_g2_reproduces_dunning_1993():
    assert g2(10, 0, 13, 31_764) == pytest.approx(167.23, abs=0.005)


def test_dp_reproduces_gries_2008():
    value, norm = dp([2, 1, 0], [1, 1, 1])
    assert value == pytest.approx(0.333, abs=0.0005)
    assert norm == pytest.approx(0.5)


def test_mtld_reproduces_mccarthy_and_jarvis_example():
    tokens = "This is a sentence .".split() * 20
    assert len(tokens) == 100
    assert mtld(tokens) == pytest.approx(7.143, abs=0.0005)


def test_log_ratio_reproduces_hardie_2014():
    # relative frequencies 0.0006 and 0.0002: 6 in 10,000 against 2 in 10,000
    assert log_ratio(6, 2, 10_000, 10_000) == pytest.approx(1.585, abs=0.0005)


def test_p_value_of_the_critical_values():
    assert p_value(3.841) == pytest.approx(0.05, abs=0.0005)
    assert p_value(6.635) == pytest.approx(0.01, abs=0.0002)


def test_log_ratio_uses_half_for_a_zero_count():
    assert log_ratio(4, 0, 100, 100) == pytest.approx(math.log2(4 / 0.5))


# ---- invariants -----------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=500)


@settings(max_examples=200)
@given(a=counts, b=counts, extra_c=st.integers(1, 5000), extra_d=st.integers(1, 5000))
def test_swapping_target_and_reference_flips_the_signs(a, b, extra_c, extra_d):
    c, d = a + extra_c, b + extra_d
    assert g2(a, b, c, d) == pytest.approx(-g2(b, a, d, c), abs=1e-9)
    assert log_ratio(a, b, c, d) == pytest.approx(-log_ratio(b, a, d, c), abs=1e-9)
    alpha_0 = float(c + d)
    alpha_w = max(a + b, 1) / (c + d) * alpha_0
    assert log_odds_z(a, b, c, d, alpha_w, alpha_0) == pytest.approx(-log_odds_z(b, a, d, c, alpha_w, alpha_0),
                                                                      abs=1e-9)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 1000)), min_size=2, max_size=8))
def test_dp_stays_within_zero_and_one(parts):
    term_counts = [c for c, _ in parts]
    sizes = [s for _, s in parts]
    if sum(term_counts) == 0:
        term_counts[0] = 1
    value, norm = dp(term_counts, sizes)
    assert 0.0 <= value <= 1.0
    assert 0.0 <= norm <= 1.0 + 1e-12


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["x", "y", "z", "w"])), min_size=1))
def test_frequency_counts_sum_to_the_document_sizes(rows):
    terms = pd.DataFrame(rows, columns=["doc_id", "term"]).assign(is_stopword=False)
    table = frequencies(terms)
    per_doc = table[table.doc_id != ALL].groupby("doc_id")["count"].sum()
    assert per_doc.to_dict() == terms.groupby("doc_id").size().to_dict()
    assert table[table.doc_id == ALL]["count"].sum() == len(rows)
    assert table.groupby("doc_id")["per_1000"].sum().round(3).eq(1000).all()


def test_counts_sum_to_the_corpus_tokens(tables):
    """Every word token is counted once: alone, or inside the phrase it belongs to."""
    docs = tables["documents.csv"].set_index("doc_id")
    freq = tables["frequencies.csv"]
    tokens = tables["tokens.csv"]
    for doc_id, row in docs.iterrows():
        assert freq[freq.doc_id == doc_id]["count"].sum() == row.n_terms
        mine = tokens[tokens.doc_id == doc_id]
        assert len(mine) == row.n_tokens
        assert mine["term_index"].nunique() == row.n_terms
    assert freq[freq.doc_id == ALL]["count"].sum() == docs.n_terms.sum()


# ---- tables ----------------------------------------------------------------------------------

def test_keyness_table_rows_and_sizes():
    counts = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"], "term": ["x", "y", "x", "z", "z"],
                           "count": [5, 1, 1, 3, 2]})
    table = keyness_table(counts)
    # A row per document and term it uses: absent terms cannot be key, and would make the table
    # grow as documents times vocabulary.
    assert sorted(zip(table.doc_id, table.term)) == [("a", "x"), ("a", "y"), ("b", "x"), ("b", "z"), ("c", "z")]
    row = table[(table.doc_id == "a") & (table.term == "x")].iloc[0]
    assert (row.target_count, row.reference_count, row.target_size, row.reference_size) == (5, 1, 6, 6)
    assert row.g2 > 0 and row.log_ratio == pytest.approx(math.log2((5 / 6) / (1 / 6)))
    under = table[(table.doc_id == "b") & (table.term == "x")].iloc[0]
    assert under.g2 < 0 and under.log_odds_z < 0 and under.log_ratio < 0


def test_keyness_table_agrees_with_the_scalar_formulas():
    counts = pd.DataFrame({"doc_id": list("aaabbbcc"), "term": ["x", "y", "w", "x", "z", "w", "z", "y"],
                           "count": [5, 1, 7, 1, 3, 2, 2, 9]})
    table = keyness_table(counts)
    corpus = counts["count"].sum()
    for r in table.itertuples():
        a, b, c, d = r.target_count, r.reference_count, r.target_size, r.reference_size
        total = counts.loc[counts.term == r.term, "count"].sum()
        assert r.g2 == pytest.approx(g2(a, b, c, d))
        assert r.p_value == pytest.approx(p_value(g2(a, b, c, d)))
        assert r.log_ratio == pytest.approx(log_ratio(a, b, c, d))
        assert r.log_odds_z == pytest.approx(log_odds_z(a, b, c, d, corpus * total / corpus, corpus))


def test_key_terms_by_document_match_key_terms_one_by_one(tables):
    from unscspeech.measures.keyness import key_terms_by_document

    keyness = tables["keyness.csv"]
    every = key_terms_by_document(keyness, n=8, min_count=2)
    for doc_id in tables["documents.csv"]["doc_id"]:
        assert every.get(doc_id, []) == key_terms(keyness, doc_id, n=8, min_count=2)["term"].tolist()


def test_the_key_rank_column_orders_each_documents_key_terms_as_the_book_lists_them(tables):
    keyness, freq = tables["keyness.csv"], tables["frequencies.csv"]
    stop = frozenset(freq.loc[freq["is_stopword"], "term"])
    ranked = keyness[keyness["key_rank"].notna()]
    assert len(ranked) > 0
    for doc_id in tables["documents.csv"]["doc_id"]:
        mine = ranked[ranked["doc_id"] == doc_id]
        order = mine.assign(r=mine["key_rank"].astype(int)).sort_values("r")
        assert order["r"].tolist() == list(range(1, len(order) + 1))
        assert order["term"].tolist() == key_terms(keyness, doc_id, n=10_000, exclude=stop)["term"].tolist()


def test_key_terms_apply_the_threshold_then_rank_by_effect():
    keyness = pd.DataFrame({
        "doc_id": ["d"] * 4, "term": ["big", "small", "rare", "under"],
        "target_count": [20, 40, 2, 1], "g2": [30.0, 8.0, 9.0, -12.0],
        "p_value": [p_value(30.0), p_value(8.0), p_value(9.0), p_value(12.0)],
        "log_ratio": [2.0, 3.0, 5.0, -2.0]})
    assert key_terms(keyness, "d")["term"].tolist() == ["small", "big"]


def test_terms_equal_in_log_ratio_and_g2_are_listed_alphabetically_and_the_cut_between_them_is_reported():
    """Two terms with the same counts have the same statistics: the alphabet alone orders them, so
    which one a top list keeps changes with their names, and ties_at_cut says so."""
    from unscspeech.measures.keyness import ties_at_cut

    def table(first, second):
        return keyness_table(pd.DataFrame({"doc_id": ["d"] * 4 + ["e"] * 4,
                                           "term": ["peace", first, second, "other"] * 2,
                                           "count": [12, 8, 8, 30, 0, 1, 1, 60]}))

    for first, second in (("document", "nazarbayev"), ("zeta", "alpha")):
        keyness = table(first, second)
        d = keyness[keyness["doc_id"] == "d"].set_index("term")
        assert (d.loc[first, ["log_ratio", "g2"]] == d.loc[second, ["log_ratio", "g2"]]).all()
        listed = key_terms(keyness, "d", n=2, min_count=1, alpha=0.5)["term"].tolist()
        kept, left = sorted([first, second])
        assert listed == ["peace", kept]
        assert ties_at_cut(keyness, 2, min_count=1, alpha=0.5) == {"d": ([kept], [left])}
        # A cut that falls between unequal terms, or past the end of the list, is no tie.
        assert ties_at_cut(keyness, 1, min_count=1, alpha=0.5) == {}
        assert ties_at_cut(keyness, 3, min_count=1, alpha=0.5) == {}


def test_ties_at_the_cut_are_the_terms_key_terms_leaves_out_with_the_last_ones_statistics(tables):
    from unscspeech.measures.keyness import ties_at_cut

    keyness, freq = tables["keyness.csv"], tables["frequencies.csv"]
    stop = frozenset(freq.loc[freq["is_stopword"], "term"])
    for n in range(1, 16):
        ties = ties_at_cut(keyness, n, exclude=stop)
        for doc_id in tables["documents.csv"]["doc_id"]:
            ranked = key_terms(keyness, doc_id, n=10_000, exclude=stop)
            if len(ranked) <= n:
                assert doc_id not in ties
                continue
            last = ranked.iloc[n - 1]
            equal = (ranked["log_ratio"] == last["log_ratio"]) & (ranked["g2"] == last["g2"])
            left = ranked["term"].iloc[n:][equal.iloc[n:]].tolist()
            if left:
                assert ties[doc_id] == (ranked["term"].iloc[:n][equal.iloc[:n]].tolist(), left)
                assert sorted(ties[doc_id][0] + left) == ties[doc_id][0] + left
            else:
                assert doc_id not in ties

def test_dispersion_of_an_even_and_a_lumpy_term():
    freq = pd.DataFrame({"doc_id": ["a", "b", "a"], "term": ["even", "even", "lumpy"], "count": [5, 5, 4]})
    table = dispersion(freq).set_index("term")
    assert table.loc["even", "dp"] < table.loc["lumpy", "dp"]
    assert table.loc["lumpy", "n_docs"] == 1


def test_collocations_find_a_repeated_name_and_skip_stopword_edges():
    sentences = [["the", "united", "nations", "and", "the", "african", "union", "agree"]] * 4
    table = collocations(sentences, {"the", "and"}, min_count=3)
    grams = set(table.ngram)
    assert {"united nations", "african union"} <= grams
    assert not any(g.startswith(("the ", "and ")) or g.endswith((" the", " and")) for g in grams)
    assert {"count", "llr", "pmi", "n"} <= set(table.columns)


def test_collocations_drop_a_number_at_either_end_and_keep_one_inside_a_triple():
    sentences = [["the", "resolution", "1540", "committee", "met"]] * 3
    grams = set(collocations(sentences, {"the"}, min_count=3).ngram)
    assert "resolution 1540 committee" in grams
    assert not grams & {"resolution 1540", "1540 committee", "1540 committee met"}


def test_within_flags_each_kwic_row_inside_a_longer_phrase_of_its_own_paragraph():
    paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 2, 1], "text": [
        "Security and development go together; the Organization for Security and Development in Asia.",
        "Security and development, again.",
        "An organization for security and development in Asia, and security and development."]})
    uses = kwic(paragraphs, "security and development")
    flags = within(paragraphs, "security and development", "organization for security and development in Asia")
    assert len(flags) == len(uses) == 5
    assert list(zip(uses["doc_id"], uses["paragraph"], flags)) == [
        ("a", 1, False), ("a", 1, True), ("a", 2, False), ("b", 1, True), ("b", 1, False)]
    # A container that overlaps a use without holding it whole does not count it.
    assert not within(paragraphs, "security and development", "development in Asia").any()
    # A container counts in its own row only, even where two rows share a document and a number.
    twice = pd.DataFrame({"doc_id": ["a", "a"], "paragraph": [1, 1], "text": [
        "Security and development.", "The Organization for Security and Development in Asia."]})
    assert within(twice, "security and development", "organization for security and development in Asia"
                  ).tolist() == [False, True]


def test_kwic_finds_phrases_across_case_quotes_and_wildcards():
    paragraphs = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 3],
                               "text": ["We support Preventive Diplomacy in Asia.",
                                        "Kazakhstan’s organizations and the organization met."]})
    hits = kwic(paragraphs, "preventive diplomacy")
    assert hits[["doc_id", "paragraph", "match"]].values.tolist() == [["a", 1, "Preventive Diplomacy"]]
    assert hits.iloc[0].left == "We support " and hits.iloc[0].right == " in Asia."
    assert kwic(paragraphs, "organization*")["match"].tolist() == ["organizations", "organization"]
    assert kwic(paragraphs, "Kazakhstan's")["doc_id"].tolist() == ["b"]
    assert kwic(paragraphs, "organ").empty


@pytest.mark.parametrize("query", ["*", "  ", "- *", "'"])
def test_kwic_refuses_a_query_without_a_letter_or_digit(query):
    paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "text": ["Peace - and ' * too"]})
    with pytest.raises(ValueError, match="no letter or digit"):
        kwic(paragraphs, query)


def test_critical_values_of_g2():
    from unscspeech.measures.keyness import critical_g2

    assert critical_g2(0.05) == pytest.approx(3.841, abs=0.001)
    assert critical_g2(0.01) == pytest.approx(6.635, abs=0.001)


def test_term_rows_are_the_first_token_of_each_term(tables):
    """The same rows as drop_duplicates on doc_id and term_index, multiword terms included."""
    tokens = tables["tokens.csv"]
    assert (tokens.groupby(["doc_id", "term_index"], observed=True).size() > 1).any(), "no multiword term to test"
    expected = tokens.drop_duplicates(["doc_id", "term_index"])[["doc_id", "term", "is_stopword"]]
    pd.testing.assert_frame_equal(term_rows(tokens), expected.reset_index(drop=True))


def test_lexical_diversity_on_word_numbers_is_that_of_the_lower_cased_words(tables):
    tokens = tables["tokens.csv"]
    expected = []
    for doc_id, group in tokens.groupby("doc_id", observed=True, sort=False):
        words = [w.lower() for w in group["token"].tolist()]
        assert any(w != w.lower() for w in group["token"]), "no capital to lower-case: the test would test less"
        types = len(set(words))
        expected.append((doc_id, len(words), types, round(types / len(words), 6), round(mtld(words), 6)))
    got = lexical_diversity(tokens)
    assert list(got.itertuples(index=False, name=None)) == expected


def test_keyness_key_only_is_the_full_table_filtered(tables):
    from unscspeech.measures.keyness import ALPHA

    freq = tables["frequencies.csv"]
    counts = freq[freq["doc_id"] != ALL][["doc_id", "term", "count"]]
    full = keyness_table(counts)
    expected = full[(full["g2"] > 0) & (full["p_value"] < ALPHA)].reset_index(drop=True)
    assert 0 < len(expected) < len(full)
    pd.testing.assert_frame_equal(keyness_table(counts, key_only=True).reset_index(drop=True), expected)


@pytest.mark.parametrize("key_only", [False, True], ids=["all-rows", "key-only"])
def test_keyness_in_chunks_is_keyness_at_once(tables, monkeypatch, key_only):
    """Rows are worked out a chunk at a time; chunks of 7 rows (cutting documents, terms and the
    key rows anywhere) give exactly the table made at once."""
    from unscspeech.measures import keyness

    freq = tables["frequencies.csv"]
    counts = freq[freq["doc_id"] != ALL][["doc_id", "term", "count"]]
    at_once = keyness_table(counts, key_only=key_only)
    assert len(at_once) < keyness.CHUNK
    monkeypatch.setattr(keyness, "CHUNK", 7)
    pd.testing.assert_frame_equal(keyness_table(counts, key_only=key_only), at_once)
