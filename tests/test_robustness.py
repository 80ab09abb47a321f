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


# ---- ties, counted rankings, and the appendix's comparisons -------------------------------------

def _tie_tables(names: dict[str, str]):
    """robustness_tables on three short documents and a codebook of four themes. Document ``a`` has
    4, 3, 2 and 2 hits of them (a tie at third place between ``names["gamma"]`` and ``names["delta"]``);
    stems widen ``delta``'s "prevention" to "preventive" and give it a third hit."""
    import re

    from unscspeech.input.user_patterns import compile_pattern
    from unscspeech.measures.robustness import robustness_tables
    from unscspeech.measures.themes import Theme, theme_expression
    from unscspeech.pipeline.token_table import example_tokens

    texts = {"a": "alpha alpha alpha alpha beta beta beta gamma gamma prevention prevention preventive the the",
             "b": "war the war the the war the war", "c": "we the we war the we war the"}
    tokens = example_tokens(texts, {"the", "we"})
    paragraphs = tokens.groupby("doc_id", as_index=False).agg(text=("token", " ".join)).assign(paragraph=1)
    documents = tokens.groupby("doc_id", as_index=False).size().rename(columns={"size": "n_tokens"})
    codebook = []
    for key, word in (("alpha", "alpha"), ("beta", "beta"), ("gamma", "gamma"), ("delta", "prevention")):
        theme = Theme(names[key], names[key], "", "", terms=[word])
        theme.regex = compile_pattern(theme_expression([(True, word)]), re.IGNORECASE)
        codebook.append(theme)
    return robustness_tables(tokens, paragraphs, documents, codebook, n_jobs=1)


@pytest.mark.parametrize("gamma", ["gamma", "aaa"])
def test_a_tie_at_the_last_place_is_kept_whole_not_settled_by_names(gamma):
    """The book's top three of ``a`` are four themes (two tie at third), whatever the tied themes are
    called; under stems ``delta`` leaves the tie for second place, and the top three are three."""
    names = {"alpha": "alpha", "beta": "beta", "gamma": gamma, "delta": "delta"}
    table = _tie_tables(names).robustness.set_index(["analysis", "scope", "variant"])
    book = table.loc[("themes", "a", Variant(**BOOK["themes"]).id)]
    stems = table.loc[("themes", "a", Variant("kept", "stem", 1).id)]
    assert (book["n_book"], book["n_variant"], book["overlap"]) == (4, 4, 1.0)
    assert (stems["n_book"], stems["n_variant"]) == (4, 3)
    assert stems["overlap"] == pytest.approx(0.75)


@given(st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=9), st.integers(min_value=1, max_value=5))
def test_top_with_ties_is_the_first_k_and_their_equals(values, k):
    from unscspeech.measures.robustness import top_with_ties

    values = sorted(values, reverse=True)
    items = [f"t{i}" for i in range(len(values))]
    top = top_with_ties(items, values, k)
    assert top == items[:len(top)]  # a prefix
    assert len(top) >= min(k, len(items))
    if len(items) > k:
        # every item level with the k-th is in, and nothing below it
        assert {i for i, v in zip(items, values) if v >= values[k - 1]} == set(top)


def _lists(rows):
    return pd.DataFrame(rows, columns=["analysis", "scope", "variant", "rank", "item", "per_1000"])


def test_distinct_rankings_count_orders_not_scales_or_printed_ties():
    from unscspeech.measures.robustness import distinct_rankings

    v = [x.id for x in variants()]
    rows = []
    for variant in v:  # every variant: x above y above z; the rates scaled differently; y and z tied
        scale = 1 + v.index(variant)
        first, second = ("y", "z") if v.index(variant) % 2 else ("z", "y")
        rows += [("themes", "same", variant, 1, "x", 3.0 * scale), ("themes", "same", variant, 2, first, 1.0 * scale),
                 ("themes", "same", variant, 3, second, 1.0 * scale)]
    for i, variant in enumerate(v[:3]):  # three orders in the first three variants, the rest no list
        order = [["x", "y"], ["y", "x"], ["x"]][i]
        rows += [("themes", "moved", variant, r, item, 5.0 - r) for r, item in enumerate(order, start=1)]
    counts = distinct_rankings(_lists(rows), "themes")
    assert counts["same"] == 1
    assert counts["moved"] == 4  # three lists, and the empty ranking of the other nine


def test_distinct_rankings_take_keyword_lists_as_printed():
    from unscspeech.measures.robustness import distinct_rankings

    v = [x.id for x in variants()]
    rows = [("keywords", "a", variant, r, item, float("nan"))
            for i, variant in enumerate(v) for r, item in enumerate(["p", "q"] if i < 6 else ["q", "p"], start=1)]
    assert distinct_rankings(_lists(rows), "keywords")["a"] == 2


@given(st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8), st.data())
def test_list_comparisons_on_cuts_and_insertions(book, data):
    from unscspeech.measures.robustness import cut_from_bottom, first_difference, in_order_within

    n = data.draw(st.integers(min_value=0, max_value=len(book)))
    assert cut_from_bottom(book, book[:n])
    assert first_difference(book, book) is None
    assert first_difference(book, book[:n]) == (None if n == len(book) else n + 1)
    new = data.draw(st.lists(st.sampled_from("uvwxyz"), unique=True, max_size=4))
    at = data.draw(st.integers(min_value=0, max_value=len(book)))
    other = book[:at] + new + book[at:]  # new items inserted anywhere: the book's still in order
    assert in_order_within(book, other)
    assert cut_from_bottom(book, other) == (not new)
    if len(book) >= 2:
        swapped = [book[1], book[0]] + book[2:]
        assert not in_order_within(book, swapped)
        assert not cut_from_bottom(book, swapped)
        assert first_difference(book, swapped) == 1


@pytest.mark.parametrize("target,reference", [(700, 5000), (1000, 4000), (2760, 3018), (3000, 3000), (5000, 1000)])
def test_uses_needed_is_the_threshold_of_each_test(target, reference):
    from unscspeech.measures.keyness import ALPHA, exact_p_value, g2, p_value
    from unscspeech.measures.robustness import uses_needed

    for exact in (False, True):
        def passes(a):
            return (exact_p_value(a, 0, target, reference) if exact else p_value(g2(a, 0, target, reference))) < ALPHA
        n = uses_needed(target, reference, exact=exact)
        assert passes(n) and (n == 1 or not passes(n - 1))
    # the exact test asks at least as much as its approximation, and a longer reference asks less
    assert uses_needed(target, reference, exact=True) >= uses_needed(target, reference)
    assert uses_needed(target, reference * 4) <= uses_needed(target, reference)


def test_exact_test_failures_agree_with_the_keyness_checks(tables):
    from unscspeech.measures.keyness import key_term_checks
    from unscspeech.measures.robustness import exact_test_failures

    keyness = tables["keyness.csv"]
    checks = key_term_checks(keyness)
    assert (~checks["exact_passes"]).any() and checks["exact_passes"].any(), "the test would test less"
    for doc_id, rows in checks.groupby("doc_id"):
        assert exact_test_failures(keyness, doc_id, rows["term"].tolist()) == \
            rows.loc[~rows["exact_passes"], "term"].tolist()


def test_the_stored_top_themes_are_the_books_top_with_ties(tables):
    """n_book of every theme row is the length of the book's ranking cut at the third place's rate,
    ties whole, as robustness_lists gives the ranking and its rates."""
    from unscspeech.measures.robustness import THEMES_K, top_with_ties

    table, lists = tables["robustness.csv"], tables["robustness_lists.csv"]
    book = Variant(**BOOK["themes"]).id
    rows = table[(table["analysis"] == "themes") & (table["variant"] == book)]
    for scope, n_book in zip(rows["scope"], rows["n_book"]):
        ranked = lists[(lists["analysis"] == "themes") & (lists["scope"] == scope)
                       & (lists["variant"] == book)].sort_values("rank")
        assert n_book == len(top_with_ties(ranked["item"].tolist(), ranked["per_1000"].tolist(), THEMES_K))


def test_stability_over_several_changes_is_the_mean_of_their_rows(tables):
    from unscspeech.measures.robustness import stability_by_document

    table = tables["robustness.csv"]
    changes = ("stopwords", "grouping", "stopwords+grouping")
    got = stability_by_document(table, "keywords", changes).set_index("doc_id")
    rows = table[(table["analysis"] == "keywords") & table["changed"].isin(changes)]
    expected = rows.groupby("scope")["overlap"].mean()
    assert len(got) == len(tables["documents.csv"])
    for doc_id, value in expected.items():
        assert got.loc[doc_id, "overlap"] == pytest.approx(float(value), abs=1e-6)
    single = stability_by_document(table, "keywords", "grouping")
    pd.testing.assert_frame_equal(single, stability_by_document(table, "keywords", ("grouping",)))


def test_a_short_list_unchanged_counts_as_a_rho_of_one_not_a_gap():
    """A document with two key terms whose list no variant changes must weigh in the means as
    unchanged (rho 1), not drop out of them; reversed, it is -1."""
    from unscspeech.measures.robustness import compare_lists

    assert compare_lists(["a", "b"], ["a", "b"]) == (1.0, 1.0)
    assert compare_lists(["a", "b"], ["b", "a"]) == (1.0, -1.0)
    assert compare_lists(["a"], ["a"]) == (1.0, None)
