"""The fast paths that let `build` scale: each against the plain definition it stands in for.

Every speed-up of the build is a second way to compute something simple. The package holds the
simple way beside it (``plain_shared_phrases``, ``plain_content_dfm``, ``plain_clear_of``,
``theme_expression``, ``plain_matcher``, ``spearman``) or it is the library the fast path
replaced; these tests run both on inputs made to include the hard cases (ties, stopwords at the
edges, words repeated across sentences and documents) and ask for the same answer.
"""

from __future__ import annotations

import random
from collections import defaultdict
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from scipy.stats import spearmanr
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from unscspeech.input.user_patterns import compile_pattern
from unscspeech.measures.collocations import _finders, collocation_table, collocations, documents_with
from unscspeech.measures.dfm import content_dfm, plain_content_dfm
from unscspeech.measures.overlap import clear_of, plain_clear_of
from unscspeech.measures.near_matches import near_matches
from unscspeech.measures import actors
from unscspeech._engine.grouped_alternation import first_character_dispatch
from unscspeech.measures.robustness import _row_spearman, spearman
from unscspeech._engine.row_runs import runs
from unscspeech.measures.similarity import cosine_similarity_table, plain_cosine_similarity
from unscspeech.measures.shared_formulas import plain_shared_phrases, shared_phrases
from unscspeech.measures.themes import _fast_theme_expression, find_hits, load_codebook, theme_expression
from unscspeech.pipeline.tokens import training_sample
from unscspeech.measures.vocabulary import frequencies, plain_frequencies

from conftest import DATA, examples

WORDS = ["peace", "security", "the", "of", "council", "regional", "organizations", "we", "support", "2030",
         "Asia", "asia", "role", "and", "nuclear", "weapons"]
STOP = frozenset({"the", "of", "and", "we"})


def random_tokens(seed: int, n_docs: int = 7, words: list[str] = WORDS) -> pd.DataFrame:
    """A token table of random sentences from a small vocabulary, so that sequences repeat."""
    rng = random.Random(seed)
    rows = []
    for d in range(n_docs):
        index = 0
        for paragraph in range(1, rng.randint(2, 4)):
            for sentence in range(1, rng.randint(2, 4)):
                # Some sentences are copies of an earlier formula, so that long sequences are shared.
                length = rng.randint(1, 14)
                sentence_words = ([WORDS[i % len(WORDS)] for i in range(3, 3 + length)] if rng.random() < 0.3
                                  else [rng.choice(words) for _ in range(length)])
                for word in sentence_words:
                    index += 1
                    rows.append((f"d{d}", paragraph, sentence, index, word, index, word.lower(),
                                 word.lower() in STOP))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "sentence", "token_index", "token", "term_index",
                                       "term", "is_stopword"])


@pytest.mark.parametrize("at_once", [None, 2], ids=["whole", "in-parts"])
@pytest.mark.parametrize("categorical", [False, True], ids=["strings", "categories"])
@pytest.mark.parametrize("seed", range(6))
def test_shared_phrases_are_those_of_the_definition(seed, categorical, at_once, monkeypatch):
    """On plain string columns and on categories, as the token table holds doc_id and token; with
    the documents counted, and the rows written, in one part (as on a small corpus) and in many
    (as on a large one)."""
    if at_once:
        monkeypatch.setattr("unscspeech._engine.shared_formulas_fast.PAIRS_AT_ONCE", 5)
        monkeypatch.setattr("unscspeech._engine.shared_formulas_fast.ROWS_AT_ONCE", at_once)
    tokens = random_tokens(seed)
    expected = plain_shared_phrases(tokens, STOP)
    assert len(expected) > 0
    if categorical:
        tokens = tokens.astype({"doc_id": "category", "token": "category"})
    pd.testing.assert_frame_equal(shared_phrases(tokens, STOP), expected)


def test_shared_phrases_stop_at_a_length_limit_and_at_sentence_ends():
    tokens = random_tokens(3)
    assert shared_phrases(tokens, STOP, max_n=4)["n"].max() <= 4
    pd.testing.assert_frame_equal(shared_phrases(tokens, STOP, max_n=4), plain_shared_phrases(tokens, STOP, max_n=4))


def test_similarity_beyond_the_limit_keeps_each_documents_nearest_and_farthest():
    tokens = random_tokens(1, n_docs=12)
    full = cosine_similarity_table(tokens)
    assert len(full) == 12 * 12  # under the limit: every ordered pair
    bounded = cosine_similarity_table(tokens, all_pairs_up_to=5, neighbours=3)
    # A subset of all pairs, in the same order, with the same values.
    merged = full.reset_index().merge(bounded, on=["doc_a", "doc_b"], suffixes=("", "_kept"))
    assert len(merged) == len(bounded)
    assert merged["index"].is_monotonic_increasing
    assert (merged["cosine"] == merged["cosine_kept"]).all()
    others = full[full["doc_a"] != full["doc_b"]]
    for doc, mine in others.groupby("doc_a"):
        kept = set(bounded.loc[(bounded["doc_a"] == doc) & (bounded["doc_b"] != doc), "doc_b"])
        assert 3 <= len(kept) <= 6
        values = mine.set_index("doc_b")["cosine"]
        assert values[list(kept)].max() == values.max() and values[list(kept)].min() == values.min()
        assert ((bounded["doc_a"] == doc) & (bounded["doc_b"] == doc)).sum() == 1
    kept_others = bounded[bounded["doc_a"] != bounded["doc_b"]]
    assert kept_others["cosine"].max() == others["cosine"].max()
    assert kept_others["cosine"].min() == others["cosine"].min()


@pytest.mark.parametrize("seed", range(4))
def test_similarity_is_that_of_the_definition(seed):
    """Every pair of a small corpus, with a document of stopwords only, is the plain definition's."""
    tokens = with_multiword_terms(random_tokens(seed, n_docs=8), seed)
    silent = tokens["doc_id"] == tokens["doc_id"].iloc[-1]
    tokens.loc[silent, "is_stopword"] = True
    table = cosine_similarity_table(tokens)
    pd.testing.assert_frame_equal(table, plain_cosine_similarity(tokens), check_dtype=False)
    assert (table.loc[(table["doc_a"] == tokens["doc_id"].iloc[-1]) & (table["doc_b"] != table["doc_a"]), "cosine"] == 0).all()


@pytest.mark.parametrize("block", [1, 3])
def test_similarity_compared_in_blocks_is_that_of_one_comparison(block, monkeypatch):
    """The documents are compared with all others a block at a time only to bound the memory."""
    tokens = with_multiword_terms(random_tokens(2, n_docs=9), 2)
    whole = cosine_similarity_table(tokens), cosine_similarity_table(tokens, all_pairs_up_to=4, neighbours=2)
    monkeypatch.setattr("unscspeech.measures.similarity.BLOCK", block)
    pd.testing.assert_frame_equal(cosine_similarity_table(tokens), whole[0])
    pd.testing.assert_frame_equal(cosine_similarity_table(tokens, all_pairs_up_to=4, neighbours=2), whole[1])


@pytest.mark.parametrize("block", [1, 4])
def test_near_matches_compared_in_blocks_are_those_of_one_comparison(tables, block, monkeypatch):
    """The sentences are compared with all others a block at a time only to bound the memory."""
    sentences = tables["sentences.csv"]
    whole = near_matches(sentences, threshold=0.2)
    assert len(whole) > 10
    monkeypatch.setattr("unscspeech.measures.near_matches.BLOCK", block)
    pd.testing.assert_frame_equal(near_matches(sentences, threshold=0.2), whole)


@pytest.mark.parametrize("shuffled", [False, True], ids=["in-order", "documents-apart"])
@pytest.mark.parametrize("categorical", [False, True], ids=["strings", "categories"])
@pytest.mark.parametrize("seed", range(5))
def test_frequencies_are_those_of_the_group_bys(seed, categorical, shuffled):
    terms = with_multiword_terms(random_tokens(seed, n_docs=9), seed).drop_duplicates(["doc_id", "term_index"])
    rng = random.Random(seed)
    # A term's flag may differ between occurrences: the first occurrence's counts.
    terms = terms.assign(is_stopword=[s if rng.random() < 0.9 else not s for s in terms["is_stopword"]])
    if shuffled:
        terms = terms.sample(frac=1, random_state=seed)
    if categorical:
        terms = terms.astype({"doc_id": "category", "term": "category"})
    ours = frequencies(terms[["doc_id", "term", "is_stopword"]])
    expected = plain_frequencies(terms[["doc_id", "term", "is_stopword"]])
    pd.testing.assert_frame_equal(ours.astype({"term": str}), expected, check_dtype=False)
    assert ours["term"].astype(str).tolist() == expected["term"].tolist()


@pytest.mark.parametrize("seed", range(20))
def test_spearman_is_scipys(seed):
    rng = random.Random(seed)
    n = rng.randint(3, 15)
    a, b = [rng.randint(1, 5) for _ in range(n)], [rng.randint(1, 5) for _ in range(n)]
    if len(set(a)) < 2 or len(set(b)) < 2:
        assert spearman(a, b) is None
    else:
        assert spearman(a, b) == pytest.approx(spearmanr(a, b).statistic, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(rows=st.integers(1, 4).flatmap(lambda width: st.lists(
    st.tuples(st.lists(st.integers(0, 3), min_size=width, max_size=width),
              st.lists(st.integers(0, 3), min_size=width, max_size=width)), min_size=1, max_size=5)))
def test_spearman_of_every_row_at_once_is_that_of_each_row(rows):
    """The theme rankings of every scope are compared at once; each row's rho is the plain one's."""
    a = np.array([r for r, _ in rows], dtype=float)
    b = np.array([r for _, r in rows], dtype=float)
    for together, (x, y) in zip(_row_spearman(a, b), rows):
        alone = spearman(x, y)
        assert (together is None) == (alone is None)
        if alone is not None:
            assert together == pytest.approx(alone, abs=1e-12)


def _spans(cuts: list[int]) -> list[tuple[int, int]]:
    """Sorted spans free of overlaps, from cut points: every other gap between them is a span."""
    points = sorted(set(cuts))
    return [(a, b) for a, b in zip(points[::2], points[1::2])]


@settings(max_examples=300, deadline=None)
@given(candidates=st.lists(st.integers(0, 40), max_size=16), taken=st.lists(st.integers(0, 40), max_size=16))
def test_spans_clear_of_the_taken_are_those_of_the_definition(candidates, taken):
    """Spans that touch (one ends where the other starts) do not overlap; the sweep agrees."""
    assert clear_of(_spans(candidates), _spans(taken)) == plain_clear_of(_spans(candidates), _spans(taken))


@pytest.mark.parametrize("min_count", [1, 2, 3])
@pytest.mark.parametrize("seed", range(4))
def test_collocations_counted_by_duckdb_are_the_plain_ones(seed, min_count):
    """The build's n-grams counted by DuckDB over the token table: the table of the plain
    collocations of the token table's sentences, and the documents of each as documents_with counts."""
    tokens = random_tokens(seed, n_docs=6, words=WORDS + ["Peace", "SECURITY", "2030"])
    tokens = tokens.astype({"doc_id": "category", "token": "category"})
    sentences: dict[str, list[list[str]]] = defaultdict(list)
    for (doc, _, _), group in tokens.groupby(["doc_id", "paragraph", "sentence"], sort=False, observed=True):
        sentences[doc].append(group["token"].tolist())
    expected = collocations([s for doc in sentences.values() for s in doc], STOP, min_count=min_count)
    expected["n_docs"] = documents_with(expected, sentences)
    ours = collocation_table(tokens, STOP, min_count)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(ours, expected, check_dtype=False)


def test_collocation_counts_are_those_nltk_makes():
    rng = random.Random(5)
    sentences = [[rng.choice(WORDS).lower() for _ in range(rng.randint(0, 9))] for _ in range(300)]
    ours = _finders(sentences)
    theirs = {2: BigramCollocationFinder.from_documents(sentences), 3: TrigramCollocationFinder.from_documents(sentences)}
    for n in (2, 3):
        assert dict(ours[n].word_fd) == dict(theirs[n].word_fd)
        assert dict(ours[n].ngram_fd) == dict(theirs[n].ngram_fd)
        assert ours[n].N == theirs[n].N
    assert dict(ours[3].bigram_fd) == dict(theirs[3].bigram_fd)
    assert dict(ours[3].wildcard_fd) == dict(theirs[3].wildcard_fd)
    assert len(collocations(sentences, STOP, min_count=2)) > 0


def test_theme_expressions_match_what_one_guard_per_term_matches(tables):
    """The codebook's expressions share whole-word guards between terms, for speed; the hits must
    be those of the plain definition, a guard on each term (:func:`theme_expression`)."""
    codebook = load_codebook(DATA / "themes.yml")
    paragraphs = pd.concat([tables["paragraphs.csv"], pd.DataFrame({
        "doc_id": ["x"] * 4, "paragraph": [1, 2, 3, 4],
        "text": ["non-proliferation, nonproliferation's and anti-nuclear-ish", "Central Asian Central Asia",
                 "preventive diplomacy; prevention-minded preventively", "the world without wars; threat of global war"]})],
        ignore_index=True)
    for theme in codebook:
        alternatives = [(True, t) for t in theme.terms if re.search(r"\w", t)] + [(False, p) for p in theme.patterns]
        theme.regex = compile_pattern(theme_expression(alternatives), re.IGNORECASE)
    one_guard_each = find_hits(codebook, paragraphs)
    assert len(one_guard_each) > 100
    pd.testing.assert_frame_equal(find_hits(load_codebook(DATA / "themes.yml"), paragraphs), one_guard_each)


@examples(300, quick=60)
def test_theme_expressions_with_shared_guards_match_as_the_definition(max_examples):
    """Terms and patterns mixed, in a text made of the terms and their words: the codebook's
    expression finds the spans the plain one finds."""
    @settings(max_examples=max_examples, deadline=None)
    @given(alternatives=st.lists(st.one_of(
               st.tuples(st.just(True), st.from_regex(r"[abk]{1,3}\*?( [abk]{1,2}\*?)?", fullmatch=True)),
               st.tuples(st.just(False), st.sampled_from(["ab+", "b'a", "k-a"]))), min_size=1, max_size=6),
           data=st.data())
    def check(alternatives, data):
        phrases = [t.replace("*", "").upper() if i % 2 else t.replace("*", "")
                   for i, (is_term, t) in enumerate(alternatives) if is_term]
        pieces = st.sampled_from([*phrases, *(w for p in phrases for w in p.split()), "ab", "bab", " ", "-", "'s",
                                  "'"])
        text = " ".join(data.draw(st.lists(pieces, max_size=10)))
        plain = re.compile(theme_expression(alternatives), re.IGNORECASE)
        fast = re.compile(_fast_theme_expression(alternatives), re.IGNORECASE)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]

    check()


#: Letters whose case folding is unusual (Kelvin sign, long s, dotless and dotted i) beside the
#: ASCII ones they fold onto, so that a grouping that lost a match or a preference would show.
_TRICKY = "aAkKsSiI5\u212a\u017f\u0131\u0130"


@settings(max_examples=300, deadline=None)
@given(names=st.lists(st.tuples(st.text("aAkKsSi5", min_size=1, max_size=3), st.booleans()), min_size=1, max_size=8),
       text=st.text(_TRICKY + " -'", max_size=40))
def test_branches_grouped_by_first_character_match_as_the_plain_alternation(names, text):
    """The first branch that matches wins, and the grouped alternation finds the same spans with
    the same branch, case-sensitive and case-insensitive branches mixed."""
    branches = [(name[0], f"(?P<n{i}>{re.escape(name)})" if exact else f"(?P<n{i}>(?i:{re.escape(name)}))")
                for i, (name, exact) in enumerate(names)]
    plain = re.compile("|".join(e for _, e in branches))
    grouped = re.compile(first_character_dispatch(branches))
    assert [(m.span(), m.lastgroup) for m in grouped.finditer(text)] == \
        [(m.span(), m.lastgroup) for m in plain.finditer(text)]


@pytest.mark.parametrize("first", ["\u017f", "\u00c9", "*", "'"])
def test_branches_are_not_grouped_when_a_first_character_may_fold_onto_another(first):
    assert first_character_dispatch([("a", "a"), (first, re.escape(first))]) is None


def test_actor_mentions_are_those_of_the_plain_alternation(tables):
    gazetteer = actors.load_gazetteer(DATA / "actors.csv")
    paragraphs = pd.concat([tables["paragraphs.csv"], pd.DataFrame({
        "doc_id": ["x"] * 3, "paragraph": [1, 2, 3],
        "text": ["the United Nations Regional Centre for Preventive Diplomacy for Central Asia (UNRCCA) and UN",
                 "au sein de l'AU; the African Union's; un-UN; Kazakhstan, kazakhstan and KAZAKHSTAN",
                 "Security Council; UN Security Council; the Council's Secretary-General Guterres"]})],
        ignore_index=True)
    grouped = actors.find_mentions(gazetteer, paragraphs)
    plain = actors.find_mentions(gazetteer, paragraphs, plain=True)
    assert len(plain) > 100
    pd.testing.assert_frame_equal(grouped, plain)


@settings(max_examples=300, deadline=None)
@given(text=st.text("ab -'\u20191\u00e9", max_size=400), n=st.integers(1, 6), data=st.data())
def test_the_last_words_before_an_acronym_are_those_of_a_scan_from_the_start(text, n, data):
    """Scanning back only as far as the words reach finds what a scan of the whole text finds."""
    end = data.draw(st.integers(0, len(text)))
    assert actors._last_words(text, end, n) == \
        [(w.start(), w.group()) for w in actors._WORD.finditer(text, 0, end)][-n:]


def with_multiword_terms(tokens: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The token table with some pairs of neighbouring tokens of a sentence made one term (both rows
    carry its ``term_index`` and its ``term``), and a document of stopwords only."""
    rng = random.Random(seed)
    rows = tokens.to_dict("records")
    for i in range(1, len(rows)):
        a, b = rows[i - 1], rows[i]
        if (a["doc_id"], a["paragraph"], a["sentence"]) == (b["doc_id"], b["paragraph"], b["sentence"]) \
                and a["term_index"] != rows[i - 2]["term_index"] and rng.random() < 0.2:
            b["term_index"], a["term"] = a["term_index"], f"{a['token']} {b['token']}".lower()
            b["term"], a["is_stopword"] = a["term"], False
            b["is_stopword"] = False
    rows += [{"doc_id": "zz", "paragraph": 1, "sentence": 1, "token_index": i, "token": w, "term_index": i,
              "term": w, "is_stopword": True} for i, w in enumerate(["the", "of", "we"], start=1)]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("categorical", [False, True], ids=["strings", "categories"])
@pytest.mark.parametrize("by, min_df", [(["doc_id"], 1), (["doc_id", "paragraph"], 2), (["doc_id", "paragraph"], 1)])
@pytest.mark.parametrize("seed", range(4))
def test_content_term_counts_are_those_of_the_definition(seed, by, min_df, categorical):
    tokens = with_multiword_terms(random_tokens(seed), seed)
    assert (tokens.groupby(["doc_id", "term_index"]).size() > 1).any()
    if categorical:
        tokens = tokens.astype({"doc_id": "category", "term": "category"})
    expected = plain_content_dfm(tokens, by, min_df)
    found = content_dfm(tokens, by, min_df)
    assert found.keys == expected.keys
    assert found.features == expected.features
    assert found.counts.shape == expected.counts.shape
    for part in ("indptr", "indices", "data"):
        assert getattr(found.counts, part).tolist() == getattr(expected.counts, part).tolist()
    _, bags = runs(tokens[~tokens["is_stopword"]].drop_duplicates(["doc_id", "term_index"]), by, "term")
    ours = TfidfTransformer().fit_transform(found.counts).toarray()
    theirs = TfidfVectorizer(analyzer=lambda bag: bag, lowercase=False, min_df=min_df).fit_transform(bags).toarray()
    # Equal but for the last bits: a row's norm is summed in another order.
    assert np.allclose(ours, theirs, rtol=1e-12, atol=1e-15) and (ours > 0).sum() == (theirs > 0).sum()


def test_a_document_of_stopwords_only_is_like_no_other():
    tokens = with_multiword_terms(random_tokens(1), 1)
    table = cosine_similarity_table(tokens)
    mine = table[table["doc_a"] == "zz"]
    assert len(mine) == tokens["doc_id"].nunique()
    assert (mine.loc[mine["doc_b"] != "zz", "cosine"] == 0).all()
    assert mine.loc[mine["doc_b"] == "zz", "cosine"].tolist() == [1.0]


def test_punkt_trains_on_an_even_sample_only_of_a_large_corpus():
    small = [f"Paragraph {i}." for i in range(10)]
    assert training_sample(small, limit=10_000) == small
    large = [f"Paragraph number {i} of the corpus." for i in range(1000)]
    sample = training_sample(large, limit=5_000)
    assert sum(len(p) + 2 for p in sample) <= 5_000 < sum(len(p) + 2 for p in large)
    step = large.index(sample[1])
    assert sample == large[::step] and step > 1
    assert training_sample(large, limit=5_000) == sample


def test_runs_are_the_groups_of_consecutive_rows():
    tokens = random_tokens(2)
    keys = ["doc_id", "paragraph", "sentence"]
    labels, words = runs(tokens, keys, "token")
    expected = [(k, g["token"].tolist()) for k, g in tokens.groupby(keys, sort=False)]
    assert list(zip(labels, words)) == expected
    assert runs(tokens.iloc[:0], keys, "token") == ([], [])


@examples(2000, quick=400)
def test_the_whole_word_start_is_its_two_cases(max_examples):
    """``WORD_START`` (three lookbehinds, for speed) allows a match at the positions where its
    readable definition ``WORD_START_CASES`` does, under both engines, with and without case."""
    import regex

    from unscspeech.measures.whole_words import WORD_START, WORD_START_CASES

    @settings(max_examples=max_examples, deadline=None)
    @given(st.text(alphabet="aB-' zZ.Éé_1", max_size=14), st.sampled_from(["ab", "Ab", "z", "É", "B-a"]),
           st.booleans(), st.booleans())
    def same_positions(text, word, ignore_case, bounded):
        flags = re.IGNORECASE if ignore_case else 0
        compile_ = (lambda e: regex.compile(e, flags | regex.VERSION0)) if bounded else (lambda e: re.compile(e, flags))
        fast, plain = (compile_(start + re.escape(word)) for start in (WORD_START, WORD_START_CASES))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]

    same_positions()
