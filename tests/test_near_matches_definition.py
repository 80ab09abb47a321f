"""Near matches: the table computed with scikit-learn and sparse products against its definition,
pair by pair (:func:`plain_near_matches`).

Both compare every pair, so they find the same pairs; only the floating-point sums differ in
order. The relation tested is therefore: the pairs whose plain cosine is at least the threshold
plus ``EPS`` are all found, every pair found has a plain cosine of at least the threshold minus
``EPS``, the scores agree to their last (sixth) decimal, and where no pair lies within ``EPS`` of
the threshold the two tables are equal.
"""

from __future__ import annotations

import numpy as np
import pytest
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, examples
from unscspeech.measures.near_matches import KEYS, MIN_WORDS, THRESHOLD, near_matches, plain_near_matches
from unscspeech.pipeline.terms import read_wordlists

EPS = 1e-9
STOP = frozenset({"the", "of", "and", "a", "we"})
# Stopwords, short words (a padded word shorter than the n-grams), hyphens, apostrophes, curly
# quotes, capitals and words that share fragments ("prevent", "preventive", "prevention").
WORDS = ["the", "of", "and", "a", "we", "un", "Asia", "asia", "peace", "peaceful", "three-pronged", "threefold",
         "prevent", "preventive", "prevention", "Council's", "“zone”", "'free'", "security", "x", "2030"]


def keys(table: pd.DataFrame) -> set[tuple]:
    return set(map(tuple, table[KEYS].values.tolist()))


def check(sentences: pd.DataFrame, stopwords: frozenset[str], threshold: float, min_words: int) -> bool:
    """Assert the relation; return whether the tables were compared whole (no pair near the threshold)."""
    fast = near_matches(sentences, stopwords, threshold, min_words)
    wide = plain_near_matches(sentences, stopwords, threshold - EPS, min_words)
    narrow = plain_near_matches(sentences, stopwords, threshold + EPS, min_words)
    assert keys(narrow) <= keys(fast) <= keys(wide)
    both = fast.merge(wide, on=KEYS, suffixes=("", "_plain"), validate="1:1")
    assert len(both) == len(fast)
    assert np.allclose(both["score"].astype(float), both["score_plain"].astype(float), rtol=0, atol=1.01e-6)
    assert both["text_a"].tolist() == both["text_a_plain"].tolist()
    assert both["text_b"].tolist() == both["text_b_plain"].tolist()
    ordered = fast.sort_values(["score", *KEYS], ascending=[False] + [True] * len(KEYS), kind="stable")
    assert fast.index.tolist() == ordered.index.tolist()
    if keys(narrow) != keys(wide) or not (both["score"] == both["score_plain"]).all():
        return False
    # No pair lies within EPS of the threshold: the definition's table at the threshold itself holds
    # the pairs of `narrow` and `wide`, which are the same, made the same way; `wide` is that table.
    pd.testing.assert_frame_equal(fast.reset_index(drop=True), wide, check_dtype=False)
    return True


@st.composite
def corpora(draw) -> pd.DataFrame:
    rows = []
    for doc in draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=4, unique=True)):
        for number in range(1, draw(st.integers(1, 4)) + 1):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10))
            rows.append((doc, number, 1, " ".join(words) + "."))
    order = draw(st.permutations(range(len(rows))))  # documents need not come one after another
    return pd.DataFrame([rows[i] for i in order], columns=["doc_id", "paragraph", "sentence", "text"])


@examples(300, quick=60)
def test_near_matches_are_the_definition_on_small_corpora(max_examples):
    @settings(max_examples=max_examples, deadline=None)
    @given(corpora(), st.sampled_from([0.0, 0.2, 0.33, 0.5, 0.9, 1.0]), st.integers(1, 4), st.booleans())
    def small_corpus(sentences, threshold, min_words, with_stopwords):
        check(sentences, STOP if with_stopwords else frozenset(), threshold, min_words)

    small_corpus()


def test_the_same_sentence_twice_is_found_at_threshold_one_by_both():
    text = "Regional and subregional organizations are the first line of conflict prevention."
    sentences = pd.DataFrame([("a", 1, 1, text), ("b", 2, 1, text)], columns=["doc_id", "paragraph", "sentence", "text"])
    # A cosine of one computed in floating point may fall a hair short of 1.0: only the relation is asked.
    check(sentences, STOP, 1.0, 1)
    assert keys(plain_near_matches(sentences, STOP, 1.0 - EPS, 1)) == {("a", 1, 1, "b", 2, 1)}


@pytest.mark.slow  # the same relation as on the small corpora above, on every sentence of the book
def test_near_matches_are_the_definition_on_the_books_sentences():
    sentences = pd.read_csv(DATA / "processed" / "sentences.csv", keep_default_na=False)
    stopwords = read_wordlists(DATA).stopwords
    assert check(sentences, stopwords, THRESHOLD, MIN_WORDS)
    assert check(sentences, stopwords, THRESHOLD - 0.1, MIN_WORDS)  # more pairs than the book keeps


def test_sentences_of_stopwords_only_match_nothing_above_zero():
    sentences = pd.DataFrame([("a", 1, 1, "We and the."), ("b", 1, 1, "The, of and a.")],
                             columns=["doc_id", "paragraph", "sentence", "text"])
    assert near_matches(sentences, STOP, 0.1, 1).empty and plain_near_matches(sentences, STOP, 0.1, 1).empty
    check(sentences, STOP, 0.0, 1)
    # At threshold 0 every pair is kept, with cosine 0.
    assert near_matches(sentences, STOP, 0.0, 1)["score"].tolist() == [0.0]
    assert plain_near_matches(sentences, STOP, 0.0, 1)["score"].tolist() == [0.0]
