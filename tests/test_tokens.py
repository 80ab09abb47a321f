"""Sentence and word splitting with NLTK tools that need no downloaded data."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pandas as pd

from conftest import finishes
from unscspeech.pipeline.tokens import (lower_words, normalise_for_matching, split_sentences, train_sentence_splitter,
                               training_sample, words)


def test_words_keep_compounds_numbers_and_drop_punctuation_and_clitics():
    text = "Kazakhstan’s capacity-building, 130,000 troops in 2013-2022 (CICA); d'étude."
    assert words(text) == ["Kazakhstan", "capacity-building", "130,000", "troops", "in", "2013-2022",
                           "CICA", "d'étude"]


def test_sentence_splitter_knows_diplomatic_abbreviations():
    paragraphs = ["Mr. President, I thank you. Mrs. Aitimova spoke. We agree with Ms. Touré on this."]
    splitter = train_sentence_splitter(paragraphs)
    assert split_sentences(splitter, paragraphs[0]) == [
        "Mr. President, I thank you.", "Mrs. Aitimova spoke.", "We agree with Ms. Touré on this."]


def test_sentences_are_spans_of_the_display_text():
    text = "It is “bloc thinking”. Kazakhstan’s view is clear."
    splitter = train_sentence_splitter([text])
    assert split_sentences(splitter, text) == ["It is “bloc thinking”.", "Kazakhstan’s view is clear."]


def test_no_nltk_data_is_needed(monkeypatch, tmp_path):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    splitter = train_sentence_splitter(["One sentence. Another one."])
    assert split_sentences(splitter, "One sentence. Another one.") == ["One sentence.", "Another one."]


@given(st.text())
def test_normalising_keeps_length_so_spans_map_back(text):
    assert len(normalise_for_matching(text)) == len(text)


def test_lower_words_of_a_category_equal_those_of_plain_strings():
    surface = pd.Series(["Peace", "peace", "UN", "Council", "UN", "the"], index=[5, 4, 3, 2, 1, 0])
    plain = lower_words(surface)
    assert plain.tolist() == ["peace", "peace", "un", "council", "un", "the"]
    pd.testing.assert_series_equal(lower_words(surface.astype("category")), plain)


def test_packed_strings_come_back_as_they_went_in():
    """What a worker sends instead of a string per word or sentence: empty, accented and spaced ones too."""
    import pickle

    from unscspeech.pipeline.token_table import Packed

    strings = ["Touré", "", "peace and security", "’", "Kazakhstan", ""]
    packed = pickle.loads(pickle.dumps(Packed.of(strings)))
    assert len(packed) == len(strings)
    assert list(packed) == strings
    assert list(Packed.of([])) == []


# ---- very long paragraphs ---------------------------------------------------------------------

def test_a_training_sample_ends_when_the_first_paragraph_alone_is_over_the_limit():
    paragraphs = ["x" * 150] + ["a short one"] * 20
    sample = finishes(lambda: training_sample(paragraphs, limit=100), seconds=30)
    assert sample == [paragraphs[0]]


def test_nltks_clock_never_decides_whether_text_is_split(monkeypatch):
    from nltk import redos

    from conftest import DATA
    from unscspeech.processed.build import clean_corpus
    from unscspeech.input.corpus import load_corpus

    texts = [p for c in clean_corpus(load_corpus(DATA), 1) for p in c.paragraphs]
    splitter = train_sentence_splitter(texts)
    long_text = " ".join(texts)
    expected = (split_sentences(splitter, long_text), words(long_text))
    # A machine a million times slower: every NLTK pattern would run out of its 5 s.
    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", 5e-6)
    assert (split_sentences(train_sentence_splitter(texts), long_text), words(long_text)) == expected
    assert redos.DEFAULT_TIMEOUT == 5e-6, "the limit is lifted only for the span of a call"
