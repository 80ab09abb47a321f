"""Dispersion: the table computed over the rows present against its definition, term by term."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from unscspeech.measures.dispersion import dispersion, dp, plain_dispersion
from unscspeech.measures.vocabulary import frequencies

# (document, term) -> count; documents of very different sizes and terms in one or in all of them.
frequency_rows = st.dictionaries(
    st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.sampled_from(["peace", "war", "the", "of", "asia", "z"])),
    st.integers(1, 60), min_size=1, max_size=30)


def frame(rows: dict[tuple[str, str], int]) -> pd.DataFrame:
    freq = pd.DataFrame([(d, t, c) for (d, t), c in rows.items()], columns=["doc_id", "term", "count"])
    corpus = freq.groupby("term", as_index=False)["count"].sum().assign(doc_id="ALL")
    return pd.concat([freq, corpus[["doc_id", "term", "count"]]], ignore_index=True)


def same_table(ours: pd.DataFrame, expected: pd.DataFrame) -> None:
    # The two add the same differences in another order: the rounded values may differ in their
    # last (sixth) decimal when the exact value lies on a rounding boundary, never more.
    assert ours["term"].tolist() == expected["term"].tolist()
    assert ours[["count", "n_docs"]].values.tolist() == expected[["count", "n_docs"]].values.tolist()
    pd.testing.assert_frame_equal(ours[["dp", "dp_norm"]], expected[["dp", "dp_norm"]], check_exact=False,
                                  rtol=0, atol=1.01e-6)


@examples(300, quick=60)
def test_dispersion_is_the_definition(max_examples):
    @settings(max_examples=max_examples, deadline=None)
    @given(frequency_rows, st.sampled_from(["str", "sorted categories", "unsorted categories"]))
    def check(rows, kind):
        freq = frame(rows)
        if kind != "str":
            terms = sorted(set(freq["term"]), reverse=kind == "unsorted categories")
            freq = freq.astype({"doc_id": "category", "term": pd.CategoricalDtype(terms)})
        same_table(dispersion(freq), plain_dispersion(freq))

    check()


@examples(100, quick=20)
def test_dispersion_of_a_frequency_table(max_examples):
    @settings(max_examples=max_examples, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from(["peace", "war", "the", "of"]),
                              st.booleans()), min_size=1, max_size=80))
    def check(occurrences):
        freq = frequencies(pd.DataFrame(occurrences, columns=["doc_id", "term", "is_stopword"]))
        same_table(dispersion(freq), plain_dispersion(freq))

    check()


def test_one_document_has_dp_zero_and_no_normalised_dp():
    freq = frame({("a", "peace"): 3, ("a", "war"): 1})
    for table in (dispersion(freq), plain_dispersion(freq)):
        assert table["dp"].tolist() == [0.0, 0.0]
        assert table["dp_norm"].isna().all()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 1000), min_size=2, max_size=8), st.data())
def test_all_uses_in_the_smallest_part_is_normalised_dp_one(sizes, data):
    smallest = sizes.index(min(sizes))
    counts = [0] * len(sizes)
    counts[smallest] = data.draw(st.integers(1, 50))
    value, norm = dp(counts, sizes)
    assert abs(value - (1 - min(sizes) / sum(sizes))) < 1e-12
    assert abs(norm - 1.0) < 1e-12
