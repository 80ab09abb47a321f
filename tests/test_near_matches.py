"""Sentences that paraphrase each other across documents, and the reading check of the threshold."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.measures.near_matches import CHECKS, THRESHOLD, near_matches, precision, read_checks, with_judgements

KEYS = ["doc_a", "paragraph_a", "sentence_a", "doc_b", "paragraph_b", "sentence_b"]


def frame(*rows):
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "sentence", "text"])


def test_a_paraphrase_in_another_document_is_found_and_one_in_the_same_is_not():
    sentences = frame(
        ("a", 1, 1, "Kazakhstan calls for a comprehensive three-pronged approach to security and development."),
        ("a", 2, 1, "Kazakhstan calls for a comprehensive three-pronged approach to security and development today."),
        ("b", 4, 2, "Kazakhstan will promote the comprehensive threefold strategy on security and development."),
        ("b", 5, 1, "The flags of the new members were raised in a solemn ceremony at the Council's hall."))
    found = near_matches(sentences, threshold=0.4)
    assert set(found["doc_a"]) == {"a"} and set(found["doc_b"]) == {"b"}
    assert set(zip(found["paragraph_a"], found["paragraph_b"])) <= {(1, 4), (2, 4)}
    assert (1, 4) in set(zip(found["paragraph_a"], found["paragraph_b"]))
    assert found["score"].is_monotonic_decreasing


def test_short_sentences_and_oversized_corpora_are_left_out():
    sentences = frame(("a", 1, 1, "I thank the President."), ("b", 1, 1, "I thank the President."))
    assert near_matches(sentences, min_words=8).empty
    assert not near_matches(sentences, min_words=3).empty
    assert near_matches(sentences, min_words=3, max_sentences=1).empty


def test_the_same_sentence_in_two_documents_scores_one():
    text = "Regional and subregional organizations are the first line of conflict prevention in Africa."
    found = near_matches(frame(("a", 3, 1, text), ("b", 7, 2, text)))
    assert found[KEYS].values.tolist() == [["a", 3, 1, "b", 7, 2]]
    assert found["score"].iloc[0] == pytest.approx(1.0)


def test_precision_counts_only_the_pairs_read():
    matches = pd.DataFrame([["a", 1, 1, "b", 1, 1], ["a", 2, 1, "b", 2, 1], ["a", 3, 1, "b", 3, 1]], columns=KEYS)
    checks = matches.iloc[:2].assign(paraphrase=["yes", "no"])
    result = precision(matches, checks)
    assert result == {"pairs": 3, "read": 2, "paraphrases": 1, "precision": 0.5}


def test_the_threefold_strategy_travels_from_a_statement_to_the_article(tables):
    found = tables["near_matches.csv"]
    assert ((found["text_a"].str.contains("threefold strategy")) & found["text_b"].str.contains("Its key element")).any()
    assert (found["doc_a"] != found["doc_b"]).all()
    assert (found["score"] >= THRESHOLD).all()
    assert found["score"].is_monotonic_decreasing


def test_every_pair_above_the_threshold_was_read(tables):
    checks = read_checks(DATA / CHECKS)
    assert set(checks["paraphrase"]) <= {"yes", "no"}
    assert checks["note"].str.len().gt(0).all(), "each judgement says why"
    result = precision(tables["near_matches.csv"], checks)
    assert result["read"] == result["pairs"] > 0
    assert set(tables["near_matches.csv"]["paraphrase"]) <= {"yes", "no"}


def test_verdicts_join_their_pairs_and_leave_the_unread_empty():
    matches = pd.DataFrame([["a", 1, 1, "b", 1, 1], ["a", 2, 1, "b", 2, 1]], columns=KEYS)
    checks = matches.iloc[:1].assign(paraphrase=["yes"], note=["same claim"])
    assert with_judgements(matches, checks)["paraphrase"].tolist() == ["yes", ""]
