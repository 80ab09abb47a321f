"""Shared formulas on a large corpus: the plain definition's table, computed with numbered sequences.

Speed only. :func:`unscspeech.measures.shared_formulas.plain_shared_phrases` is the definition
(every sequence of every sentence in a dictionary); this computes the same table with NumPy
arrays of sequence numbers, two lengths at a time, in parts of bounded size. The tests
(``tests/test_scaling.py``) check that the two agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from unscspeech._engine.row_runs import document_parts, run_starts
from unscspeech.pipeline.tokens import numbered


def shared_phrases_fast(tokens: pd.DataFrame, stopwords: frozenset[str] | set[str],
                        min_n: int, max_n: int) -> pd.DataFrame:
    """The table of :func:`unscspeech.measures.shared_formulas.plain_shared_phrases`, computed
    with numbered sequences for speed only.

    Sequences are numbered rather than held as tuples of words: the sequence of ``n`` words at a
    position is numbered from the number of its first ``n - 1`` words and its last word, for all
    positions at once, so that time and memory grow with the corpus and not with the number of
    places a formula stands. A sequence stops at the end of its sentence.
    """
    columns = ["ngram", "n", "n_docs", "uses", "n_paragraphs", "documents", "paragraphs"]
    # Every per-position array is 32-bit (a corpus of up to two billion words): they are most of
    # this function's memory.
    word, vocabulary = numbered(tokens["token"], lower=True)
    doc, doc_names = numbered(tokens["doc_id"])
    sentence = np.zeros(len(tokens), dtype=np.int32)
    sentence[run_starts(tokens, ["doc_id", "paragraph", "sentence"])] = 1
    sentence = np.cumsum(sentence, dtype=np.int32)
    edge_is_bad = np.array([w in stopwords or w.isdigit() for w in vocabulary], dtype=bool)

    # Two passes over the lengths, so that only two lengths' numbers are held at a time, not one
    # per length: the first finds, per length, the sequences listed (in two or more documents,
    # no stopword or number at either edge); the second, knowing every longer listed one, marks
    # the sequences a longer listed one with the same documents contains, and writes the rest.
    levels: dict[int, _Level] = {}
    for n, ids, valid in _sequence_numbers(word, len(vocabulary), sentence, max_n):
        if n < min_n:
            continue
        level = _Level.of(ids, valid, doc, n, word, edge_is_bad)
        if level is None:  # nothing of n words is shared, so nothing longer is
            break
        levels[n] = level

    alphabetical = np.argsort(np.argsort(np.array(doc_names, dtype=object)))  # rank of each doc_id
    paragraph = tokens["paragraph"].to_numpy()
    rows = []
    for size, ids, _ in _sequence_numbers(word, len(vocabulary), sentence, max(levels, default=0)):
        if size not in levels:
            continue
        inner = levels[size]
        # A sequence is not maximal if a longer listed one with the same documents contains it.
        # Every document of the longer one holds the shorter, so "the same documents" is "as many".
        for longer in range(size + 1, max(levels) + 1):
            outer = levels[longer]
            listed = np.flatnonzero(outer.n_docs > 0)
            start, n_docs = outer.first[listed], outer.n_docs[listed]
            for offset in range(longer - size + 1):
                gram = ids[start + offset]
                inner.contained[gram[inner.n_docs[gram] == n_docs]] = True
        rows += _maximal_rows(inner, ids, size, doc, paragraph, alphabetical, word, vocabulary, doc_names)
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["n_docs", "n", "ngram"], ascending=[False, False, True]).reset_index(drop=True)


def _sequence_numbers(word: np.ndarray, n_words: int, sentence: np.ndarray,
                      max_n: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """For n = 2 … ``max_n``: the number of the sequence of n words at each position (-1 where
    none fits in the sentence), and where one does; the same numbers on every call.

    The sequence at a position is numbered from the number of its first ``n - 1`` words and its
    last word (one of ``n_words``)."""
    ids = word
    for n in range(2, max_n + 1):
        m = len(word) - n + 1
        if m <= 0:
            return
        valid = (ids[:m] >= 0) & (sentence[:m] == sentence[n - 1:])
        key = ids[:m][valid].astype(np.int64)  # worked in place: one 64-bit array at a time
        key *= n_words
        key += word[n - 1:][valid]
        codes = pd.factorize(key)[0]
        del key
        ids = np.full(m, -1, dtype=np.int32)
        ids[valid] = codes
        del codes
        yield n, ids, valid


def _maximal_rows(level: _Level, ids: np.ndarray, n: int, doc: np.ndarray, paragraph: np.ndarray,
                  alphabetical: np.ndarray, word: np.ndarray, vocabulary: list[str],
                  doc_names: list[str]) -> list[tuple]:
    """The table rows of one length's maximal listed sequences, each with its paragraphs."""
    maximal = (level.n_docs > 0) & ~level.contained
    if not maximal.any():
        return []
    where = np.flatnonzero((ids >= 0) & maximal[np.maximum(ids, 0)]).astype(np.int32)
    gram, d, p = ids[where], doc[where], paragraph[where]
    del where
    order = np.lexsort((p, alphabetical[d], gram))
    gram, d, p = gram[order], d[order], p[order]
    del order
    uses = np.bincount(gram)  # every place, before a paragraph's repeats are told apart
    new = np.ones(len(gram), dtype=bool)
    new[1:] = (gram[1:] != gram[:-1]) | (d[1:] != d[:-1]) | (p[1:] != p[:-1])
    gram, d, p = gram[new], d[new], p[new]
    del new
    bounds = np.concatenate(([0], np.flatnonzero(gram[1:] != gram[:-1]) + 1, [len(gram)])).tolist()
    rows = []
    # A few thousand sequences' places at a time as Python numbers, not every place of every sequence.
    for first_group in range(0, len(bounds) - 1, ROWS_AT_ONCE):
        group_bounds = bounds[first_group:first_group + ROWS_AT_ONCE + 1]
        lo, hi = group_bounds[0], group_bounds[-1]
        docs_of, paragraphs_of = d[lo:hi].tolist(), p[lo:hi].tolist()
        for a, b in zip(group_bounds, group_bounds[1:]):
            first = int(level.first[gram[a]])
            text = " ".join(vocabulary[w] for w in word[first:first + n].tolist())
            mine_d, mine_p = docs_of[a - lo:b - lo], paragraphs_of[a - lo:b - lo]
            docs = list(dict.fromkeys(doc_names[x] for x in mine_d))
            rows.append((text, n, len(docs), int(uses[gram[a]]), b - a, ";".join(docs),
                         ";".join(f"{doc_names[x]}:{y}" for x, y in zip(mine_d, mine_p))))
    return rows


#: Sequences whose places are turned into text at a time (see :func:`_maximal_rows`).
ROWS_AT_ONCE = 1000


#: Positions whose (sequence, document) pairs are told apart at a time: bounds the hash table.
PAIRS_AT_ONCE = 1 << 20


def _documents_per_number(numbers: np.ndarray, docs: np.ndarray, n_numbers: int) -> np.ndarray:
    """In how many documents each number (0 … ``n_numbers`` - 1) occurs, ``docs`` in document order.

    A document's positions are consecutive, so the positions are cut into parts of whole
    documents of at most ``PAIRS_AT_ONCE`` (unless one document has more): no (number, document)
    pair is in two parts, and each part's distinct pairs are found with a hash table of its own
    size rather than the corpus's."""
    n_doc_ids = int(docs.max()) + 1
    counts = np.zeros(n_numbers, dtype=np.int64)
    for a, b in document_parts(docs, PAIRS_AT_ONCE):
        pairs = pd.unique(numbers[a:b].astype(np.int64) * n_doc_ids + docs[a:b])  # each (number, document) once
        counts += np.bincount(pairs // n_doc_ids, minlength=n_numbers)
    return counts


@dataclass
class _Level:
    """The sequences of one length, by their number: where each first stands (``first``), in how
    many documents it is listed (``n_docs``: 0 when it is in fewer than two or begins or ends with
    a stopword or a number) and whether a longer listed sequence with the same documents contains
    it. Not the number at each position, which :func:`_sequence_numbers` gives again."""

    first: np.ndarray
    n_docs: np.ndarray
    contained: np.ndarray

    @classmethod
    def of(cls, ids: np.ndarray, valid: np.ndarray, doc: np.ndarray, n: int, word: np.ndarray,
           edge_is_bad: np.ndarray) -> _Level | None:
        positions = np.flatnonzero(valid).astype(np.int32)
        grams = ids[positions]
        if not len(grams):
            return None
        # pd.factorize numbers sequences in the order they first appear, so a sequence first
        # appears exactly where the running maximum of the numbers rises: found in one pass.
        running = np.maximum.accumulate(grams)
        first = positions[np.concatenate(([0], np.flatnonzero(running[1:] > running[:-1]) + 1))]
        del running
        n_grams = len(first)
        n_docs = _documents_per_number(grams, doc[positions], n_grams)
        if not (n_docs >= 2).any():
            return None
        listed = (n_docs >= 2) & ~edge_is_bad[word[first]] & ~edge_is_bad[word[first + n - 1]]
        return cls(first=first.astype(np.int32), n_docs=np.where(listed, n_docs, 0).astype(np.int32),
                   contained=np.zeros(n_grams, dtype=bool))
