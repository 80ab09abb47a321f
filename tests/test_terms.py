"""Normalisation: lemmas group inflections, phrases stay whole, stopwords come from our file."""

from __future__ import annotations

import pytest

from conftest import DATA, run_cli_in_process
from unscspeech.pipeline.terms import lemma, read_wordlists, to_terms
from unscspeech.pipeline.tokens import words


@pytest.fixture(scope="module")
def wordlists():
    return read_wordlists(DATA)


def terms(text, wordlists):
    return [t for _, t, _ in to_terms(words(text), wordlists)]


def test_inflections_group_but_prevent_and_prevention_stay_apart(wordlists):
    assert lemma("organizations", wordlists) == lemma("organization", wordlists) == "organization"
    assert lemma("countries", wordlists) == "country"
    assert len({lemma(w, wordlists) for w in ("prevent", "prevention", "preventive")}) == 3


def test_overrides_correct_the_lemmatiser(wordlists):
    assert lemma("media", wordlists) == "media"
    assert lemma("stated", wordlists) == "stated"
    assert lemma("UN", wordlists) == "united nations"
    assert lemma("counterterrorism", wordlists) == lemma("counter-terrorism", wordlists)


def test_multiword_names_stay_whole_longest_first(wordlists):
    text = ("The United Nations Security Council and the Conference on Interaction and "
            "Confidence-building Measures in Asia support preventive diplomacy in Central Asia.")
    got = terms(text, wordlists)
    assert got[:3] == ["the", "united nations", "security council"]
    assert "conference on interaction and confidence-building measures in asia" in got
    assert "preventive diplomacy" in got and "central asia" in got
    assert "nations" not in got and "diplomacy" not in got


def test_a_variant_counts_as_its_canonical_phrase(wordlists):
    assert "regional centre for preventive diplomacy" in terms(
        "the UN Regional Center for Preventive Diplomacy", wordlists)


def test_stopwords_are_ours_and_match_by_lemma(wordlists):
    flags = {t: s for _, t, s in to_terms(words("We were there, and peace is 2045 security"), wordlists)}
    assert flags["we"] and flags["be"] and flags["and"] and flags["2045"]
    assert not flags["peace"] and not flags["security"]
    text = (DATA / "stopwords.txt").read_text(encoding="utf-8")
    assert "peace" not in text.split() and "council" not in text.split()


def test_every_listed_phrase_occurs_in_the_corpus(tables, wordlists):
    used = set(tables["tokens.csv"]["term"])
    for canonical in set(wordlists.phrases.values()):
        assert canonical in used, canonical


def test_missing_wordlist_is_a_clear_error(corpus):
    (corpus / "stopwords.txt").unlink()
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(corpus.parent / "out"),
                                cwd=corpus.parent)
    assert result.returncode == 2
    assert "corpus/stopwords.txt: stopwords.txt is missing from the corpus folder" in result.stderr
    assert not (corpus.parent / "out").exists()


@pytest.mark.parametrize("word, expected", [
    ("decision-makers", "decision-maker"), ("well-known", "well-known"), ("three-pronged", "three-pronged"),
    ("consensus-based", "consensus-based"), ("capacity-building", "capacity-building"),
    ("growing", "grow"), ("developed", "develop"), ("thinking", "thinking"),
])
def test_compounds_stay_whole_and_known_lemmatiser_slips_are_corrected(wordlists, word, expected):
    assert lemma(word, wordlists) == expected


def test_every_override_is_documented():
    import csv

    with open(DATA / "lemma_overrides.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["reason"].strip() for r in rows)
