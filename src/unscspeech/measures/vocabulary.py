"""Frequencies and lexical diversity of terms (their dispersion: :mod:`unscspeech.measures.dispersion`).

* :func:`frequencies`: counts per document and for the corpus (``doc_id`` = ``ALL``),
  per 1,000 terms of that document.
* :func:`mtld`: McCarthy & Jarvis's (2010) measure of textual lexical diversity, which,
  unlike the type-token ratio, does not fall just because a text is longer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from unscspeech._engine.row_runs import run_starts
from unscspeech.pipeline.tokens import numbered, sorted_codes

ALL = "ALL"
MTLD_THRESHOLD = 0.72


def plain_frequencies(terms: pd.DataFrame) -> pd.DataFrame:
    """Counts of each term per document and in the corpus (``doc_id`` ``ALL``), by their definition:
    pandas group-bys and one sort. :func:`frequencies` returns the same table from term codes.

    >>> terms = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "term": ["peace", "peace", "the", "peace"],
    ...                       "is_stopword": [False, False, True, False]})
    >>> plain_frequencies(terms).values.tolist()
    [['a', 'peace', 2, 666.666667, False], ['a', 'the', 1, 333.333333, True], ['b', 'peace', 1, 1000.0, False], ['ALL', 'peace', 3, 750.0, False], ['ALL', 'the', 1, 250.0, True]]
    """
    stop = terms.groupby("term", observed=True)["is_stopword"].first()
    per_doc = terms.groupby(["doc_id", "term"], observed=True).size().rename("count").reset_index()
    corpus = terms.groupby("term", observed=True).size().rename("count").reset_index().assign(doc_id=ALL)
    table = pd.concat([per_doc.astype({"doc_id": str, "term": str}), corpus.astype({"term": str})[["doc_id", "term", "count"]]],
                      ignore_index=True)
    table["per_1000"] = (table["count"] / table.groupby("doc_id")["count"].transform("sum") * 1000).round(6)
    table["is_stopword"] = table["term"].map(stop.rename(index=str)).astype(bool)
    table["_all"] = table["doc_id"] == ALL
    table = table.sort_values(["_all", "doc_id", "count", "term"], ascending=[True, True, False, True], kind="stable")
    return table.drop(columns="_all").reset_index(drop=True)


def term_rows(tokens: pd.DataFrame) -> pd.DataFrame:
    """One row per term occurrence (``doc_id``, ``term``, ``is_stopword``): its first token's.

    A multiword term's tokens are consecutive rows of one ``term_index``, so the rows where
    ``doc_id`` or ``term_index`` changes are ``drop_duplicates`` on the two, found without
    hashing six million pairs or copying the columns not counted.

    >>> tokens = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 2, "term_index": [1, 2, 2, 3, 1, 2],
    ...                        "token": ["the", "United", "Nations", "act", "we", "act"],
    ...                        "term": ["the", "United Nations", "United Nations", "act", "we", "act"],
    ...                        "is_stopword": [True, False, False, False, True, False]})
    >>> term_rows(tokens).values.tolist()
    [['a', 'the', True], ['a', 'United Nations', False], ['a', 'act', False], ['b', 'we', True], ['b', 'act', False]]
    """
    # The columns are chosen before the rows: ``iloc`` on the whole table would copy all eight. The
    # rows are numbered afresh: an index of their old positions would be the largest column.
    return (tokens[["doc_id", "term", "is_stopword"]].iloc[run_starts(tokens, ["doc_id", "term_index"])]
            .reset_index(drop=True))


class TermCounts(NamedTuple):
    """Per (document, term) pair used: the codes of both and the count; per term, its first
    occurrence's ``is_stopword``; and the categorical types the codes belong to."""

    doc: np.ndarray
    term: np.ndarray
    count: np.ndarray
    first_stopword: np.ndarray
    doc_dtype: pd.CategoricalDtype
    term_dtype: pd.CategoricalDtype


def document_term_counts(terms: pd.DataFrame) -> TermCounts:
    """How often each document uses each term, counted with NumPy document by document.

    ``terms`` has a row per term occurrence (``doc_id``, ``term``, ``is_stopword``). Returns, for
    each (document, term) pair used, the document's and the term's codes and the count, in the
    order of documents then terms (both sorted by value); each term's ``is_stopword`` as at its
    first occurrence; and the categorical types of ``doc_id`` and ``term``. A group-by on the
    pairs would hash every occurrence and hold several 64-bit arrays as long as the corpus.

    >>> terms = pd.DataFrame({"doc_id": ["b", "b", "a", "a", "a"], "term": ["peace", "peace", "war", "peace", "the"],
    ...                       "is_stopword": [False, False, False, False, True]})
    >>> counts = document_term_counts(terms)
    >>> list(counts.doc_dtype.categories), list(counts.term_dtype.categories)
    (['a', 'b'], ['peace', 'the', 'war'])
    >>> counts.doc.tolist(), counts.term.tolist(), counts.count.tolist(), counts.first_stopword.tolist()
    ([0, 0, 0, 1], [0, 1, 2, 0], [1, 1, 1, 2], [False, True, False])
    """
    doc, doc_dtype = sorted_codes(terms["doc_id"])
    term, term_dtype = sorted_codes(terms["term"])
    stopword = terms["is_stopword"].to_numpy(dtype=bool)
    starts = np.flatnonzero(np.diff(doc, prepend=-1) != 0) if len(doc) else np.zeros(0, dtype=np.int64)
    first_stopword = np.zeros(len(term_dtype.categories), dtype=bool)
    seen = np.zeros(len(term_dtype.categories), dtype=bool)
    if len(starts) != len(np.unique(doc)):  # a document's rows apart: bring them together, in order
        used, first = np.unique(term, return_index=True)
        first_stopword[used], seen[used] = stopword[first], True
        order = np.argsort(doc, kind="stable")
        doc, term, stopword = doc[order], term[order], stopword[order]
        starts = np.flatnonzero(np.diff(doc, prepend=-1) != 0)
    found: list[tuple[int, np.ndarray, np.ndarray]] = []
    for a, b in zip(starts.tolist(), starts[1:].tolist() + [len(doc)]):
        used, first, count = np.unique(term[a:b], return_index=True, return_counts=True)
        new = ~seen[used]
        first_stopword[used[new]] = stopword[a + first[new]]
        seen[used[new]] = True
        found.append((int(doc[a]), used, count))
    found.sort(key=lambda f: f[0])
    doc_codes = np.repeat(np.array([d for d, _, _ in found], dtype=np.int64), [len(u) for _, u, _ in found])
    term_codes = np.concatenate([u for _, u, _ in found]) if found else np.zeros(0, dtype=np.int64)
    counts = np.concatenate([c for _, _, c in found]) if found else np.zeros(0, dtype=np.int64)
    return TermCounts(doc_codes, term_codes, counts, first_stopword, doc_dtype, term_dtype)


def frequencies(terms: pd.DataFrame) -> pd.DataFrame:
    """Counts of each term per document and in the whole corpus.

    ``terms`` has one row per term occurrence with ``doc_id``, ``term``, ``is_stopword``.
    Returns ``doc_id``, ``term``, ``count``, ``per_1000`` and ``is_stopword``; the sizes are
    the number of term occurrences of the document (or corpus). Rows: documents in order, then the
    corpus (``ALL``); within each, the most frequent term first, ties by term. The table of
    :func:`plain_frequencies`, counted from term codes (speed only; the tests compare the two).

    >>> terms = pd.DataFrame({"doc_id": ["b", "b", "a", "a", "a"], "term": ["peace", "peace", "war", "peace", "the"],
    ...                       "is_stopword": [False, False, False, False, True]})
    >>> frequencies(terms).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['a', 'peace', 1, 333.333333, False], ['a', 'the', 1, 333.333333, True], ['a', 'war', 1, 333.333333, False],
     ['b', 'peace', 2, 1000.0, False], ['ALL', 'peace', 3, 600.0, False], ['ALL', 'the', 1, 200.0, True],
     ['ALL', 'war', 1, 200.0, False]]
    """
    doc, term, count, stopword, doc_dtype, term_dtype = document_term_counts(terms)
    # Sums of whole numbers below 2**53: exact in floating point.
    corpus_count = np.bincount(term, weights=count, minlength=len(term_dtype.categories)).astype(np.int64)
    corpus_term = np.flatnonzero(corpus_count)
    sizes = np.bincount(doc, weights=count).astype(np.int64)
    # Most frequent first, ties by term (codes order as the terms do).
    order = np.lexsort((term, -count, doc))
    doc, term, count = doc[order], term[order], count[order]
    corpus_order = np.lexsort((corpus_term, -corpus_count[corpus_term]))
    corpus_term = corpus_term[corpus_order]
    all_terms = np.concatenate([term, corpus_term])
    all_counts = np.concatenate([count, corpus_count[corpus_term]]).astype(np.int64)
    size = np.concatenate([sizes[doc], np.full(len(corpus_term), int(count.sum()), dtype=np.int64)])
    names = np.array(list(doc_dtype.categories) + [ALL], dtype=object)
    return pd.DataFrame({
        "doc_id": pd.array(names[np.concatenate([doc, np.full(len(corpus_term), len(names) - 1)])], dtype="str"),
        "term": pd.Categorical.from_codes(all_terms, dtype=term_dtype),
        "count": all_counts,
        "per_1000": np.round(all_counts / size * 1000, 6),
        "is_stopword": stopword[all_terms],
    })


def _mtld_pass(tokens: Sequence[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    count = 0
    ttr = 1.0
    for token in tokens:
        count += 1
        types.add(token)
        ttr = len(types) / count
        if ttr <= threshold:
            factors += 1
            types, count, ttr = set(), 0, 1.0
    if count:
        factors += (1.0 - ttr) / (1.0 - threshold)
    return len(tokens) / factors if factors else float("nan")


def mtld(tokens: Sequence[str], threshold: float = MTLD_THRESHOLD) -> float:
    """MTLD: the mean of the forward and the backward pass (McCarthy & Jarvis 2010): the mean length
    of the stretches of text over which the type-token ratio stays above ``threshold``, so that a
    longer text is not marked down for its length. NaN for a text that repeats no word.

    >>> round(mtld("This is a sentence .".split() * 20), 3), mtld(["peace", "and", "security"])
    (7.143, nan)
    """
    return (_mtld_pass(tokens, threshold) + _mtld_pass(list(reversed(tokens)), threshold)) / 2.0


def lexical_diversity(tokens: pd.DataFrame) -> pd.DataFrame:
    """Per document: tokens, types, type-token ratio and MTLD of its lower-cased word tokens.

    The words are taken as numbers (one per distinct lower-cased word): types and MTLD count only
    which words are equal, and a number per token is a fraction of a string per token's memory.

    >>> tokens = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 3,
    ...                        "token": ["Peace", "and", "peace", "now", "We", "act", "now"]})
    >>> lexical_diversity(tokens).values.tolist()
    [['a', 4, 3, 0.75, 4.24], ['b', 3, 3, 1.0, nan]]
    """
    word, _ = numbered(tokens["token"], lower=True)
    starts = run_starts(tokens, ["doc_id"])
    bounds = starts.tolist() + [len(tokens)]
    rows = []
    for doc_id, a, b in zip(tokens["doc_id"].iloc[starts].tolist(), bounds, bounds[1:]):
        words = word[a:b].tolist()
        n_types = len(set(words))
        rows.append((doc_id, len(words), n_types, round(n_types / len(words), 6), round(mtld(words), 6)))
    return pd.DataFrame(rows, columns=["doc_id", "tokens", "types", "ttr", "mtld"])


def stopword_terms(frequency_table: pd.DataFrame) -> frozenset[str]:
    """The terms a frequency table marks as stop tokens (listed function words, numerals): those
    the content measures leave out.

    >>> stopword_terms(pd.DataFrame({"term": ["the", "peace", "2018"], "is_stopword": [True, False, True]})) == {"the", "2018"}
    True
    """
    return frozenset(frequency_table.loc[frequency_table["is_stopword"], "term"])


def top_content_terms(frequency_table: pd.DataFrame, doc_id: str = ALL, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent non-stopword terms of a document (or ``ALL``), ties by term: what a
    text is about, without the function words that top every list.

    >>> terms = pd.DataFrame({"doc_id": ["a"] * 6, "term": ["the", "the", "the", "peace", "peace", "war"],
    ...                       "is_stopword": [True, True, True, False, False, False]})
    >>> top_content_terms(frequencies(terms), "a", n=5)[["term", "count"]].values.tolist()
    [['peace', 2], ['war', 1]]
    """
    rows = frequency_table[(frequency_table["doc_id"] == doc_id) & ~frequency_table["is_stopword"]]
    return rows.sort_values(["count", "term"], ascending=[False, True]).head(n).reset_index(drop=True)
