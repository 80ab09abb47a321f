"""How alike the documents are: cosine similarity of their TF-IDF vectors.

Two speeches are alike when they share vocabulary, the words not in every document weighing more
(:func:`idf_weight`): each document is
the TF-IDF vector of its normalised content terms (lemmas and multiword names, stopwords left
out), and two documents' similarity is the cosine of their vectors. The formulas that travel
from one document to another word for word are :mod:`unscspeech.measures.shared_formulas`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from unscspeech.measures.dfm import content_dfm, plain_content_dfm

#: Up to this many documents, ``similarity.csv`` holds every ordered pair.
ALL_PAIRS_UP_TO = 100
#: Beyond it, each document's this many most and this many least similar others (and itself).
NEIGHBOURS = 10
#: Documents compared with all others at a time: bounds the memory of the comparison.
BLOCK = 512


def idf_weight(n_documents: int, document_frequency: int) -> float:
    """The inverse document frequency the TF-IDF vectors give a term found in
    ``document_frequency`` of ``n_documents`` documents: scikit-learn's smoothed
    ``1 + ln((1 + n) / (1 + df))``, so that a term of every document weighs 1, not 0.

    >>> from sklearn.feature_extraction.text import TfidfTransformer
    >>> counts = np.array([[1, 1], [1, 0], [1, 0], [1, 0], [1, 0]])
    >>> [round(float(w), 6) for w in TfidfTransformer().fit(counts).idf_] == [round(idf_weight(5, df), 6) for df in (5, 1)]
    True
    """
    return 1.0 + float(np.log((1 + n_documents) / (1 + document_frequency)))


def shared_term_weight(n_documents: int, document_frequency: int) -> float:
    """How much more a term found in ``document_frequency`` documents adds to the cosine of two
    documents that share it than a term of every document does, at the same counts: the cosine's
    numerator sums, over the terms the two share, the product of their two weights, each of which
    carries the term's :func:`idf_weight` once, so its part carries that weight twice (the ratio of
    the weights squared). Each vector's own weight of the term is only the ratio of the weights.

    >>> round(idf_weight(5, 2) / idf_weight(5, 5), 2), round(shared_term_weight(5, 2), 2)
    (1.69, 2.87)
    """
    return (idf_weight(n_documents, document_frequency) / idf_weight(n_documents, n_documents)) ** 2


def plain_cosine_similarity(tokens: pd.DataFrame) -> pd.DataFrame:
    """``doc_a``, ``doc_b``, ``cosine`` for every ordered pair of documents, by definition: each
    document's bag of content terms (:func:`unscspeech.measures.dfm.plain_content_dfm`) weighted by
    TF-IDF, and the cosine of every two vectors in one comparison, rounded to 6 places; a document
    is 1 with itself, and one without content terms is 0 with every other.

    >>> texts = {"a": "peace security council", "b": "peace security region", "c": "water climate region"}
    >>> words = [(d, w) for d, text in texts.items() for w in text.split()]
    >>> tokens = pd.DataFrame({"doc_id": [d for d, _ in words], "term_index": range(len(words)),
    ...                        "term": [w for _, w in words], "is_stopword": False})
    >>> plain_cosine_similarity(tokens).query("doc_a == 'a'").values.tolist()
    [['a', 'a', 1.0], ['a', 'b', 0.597969], ['a', 'c', 0.0]]
    """
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity
    docs = tokens["doc_id"].unique().tolist()
    found = plain_content_dfm(tokens, ["doc_id"])
    row_of = {d: i for i, (d,) in enumerate(found.keys)}
    counts = sparse.vstack([found.counts, sparse.csr_matrix((1, found.counts.shape[1]), dtype=np.int64)],
                           format="csr")[np.array([row_of.get(d, len(found.keys)) for d in docs], dtype=np.int64)]
    cosine = np.round(cosine_similarity(TfidfTransformer().fit_transform(counts)), 6)
    np.fill_diagonal(cosine, 1.0)
    return pd.DataFrame([(a, b, cosine[i, j]) for i, a in enumerate(docs) for j, b in enumerate(docs)],
                        columns=["doc_a", "doc_b", "cosine"])


def cosine_similarity_table(tokens: pd.DataFrame, all_pairs_up_to: int = ALL_PAIRS_UP_TO,
                            neighbours: int = NEIGHBOURS) -> pd.DataFrame:
    """``doc_a``, ``doc_b``, ``cosine``: every ordered pair (1 on the diagonal), or, on a corpus of
    more than ``all_pairs_up_to`` documents, each document's ``neighbours`` most and least similar.

    All pairs of a large corpus would be documents² rows (25 million for 5,000 documents, a
    gigabyte of CSV); the nearest and the farthest keep the most and the least alike pair of the
    corpus and of every document. Rows follow the documents' order, ``doc_a`` then ``doc_b``, and
    ties are broken by that order, so that the table is a subset, in the same order, of all pairs:
    of :func:`plain_cosine_similarity`, computed a block of documents at a time to bound memory.

    >>> texts = {"a": "peace security council", "b": "peace security region", "c": "water climate region"}
    >>> words = [(d, w) for d, text in texts.items() for w in text.split()]
    >>> tokens = pd.DataFrame({"doc_id": [d for d, _ in words], "term_index": range(len(words)),
    ...                        "term": [w for _, w in words], "is_stopword": False})
    >>> table = cosine_similarity_table(tokens)
    >>> table[table["doc_a"] == "a"].values.tolist()
    [['a', 'a', 1.0], ['a', 'b', 0.597969], ['a', 'c', 0.0]]
    """
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity  # here, not on import (see topics)
    docs = tokens["doc_id"].unique().tolist()
    n = len(docs)
    if not n:
        return pd.DataFrame({"doc_a": [], "doc_b": [], "cosine": []})
    found = content_dfm(tokens, ["doc_id"])
    # A document without content terms is a row of zeros: it is like no other.
    row_of = {d: i for i, (d,) in enumerate(found.keys)}
    empty = len(found.keys)
    counts = sparse.vstack([found.counts, sparse.csr_matrix((1, found.counts.shape[1]), dtype=np.int64)],
                           format="csr")[np.array([row_of.get(d, empty) for d in docs])]
    vectors = TfidfTransformer().fit_transform(counts)
    keep_all = n <= all_pairs_up_to
    a_index, b_index, values = [], [], []
    for start in range(0, n, BLOCK):
        block = np.round(cosine_similarity(vectors[start:start + BLOCK], vectors), 6)
        rows = np.arange(start, min(start + BLOCK, n))
        block[rows - start, rows] = 1.0
        if keep_all:
            chosen = np.broadcast_to(np.arange(n), block.shape)
        else:
            # A document is not its own neighbour: its own cell sorts last both ways.
            nearest, farthest = -block, block.copy()
            nearest[rows - start, rows] = farthest[rows - start, rows] = np.inf
            most = np.argsort(nearest, axis=1, kind="stable")[:, :neighbours]
            least = np.argsort(farthest, axis=1, kind="stable")[:, :neighbours]
            chosen = [np.unique(np.concatenate([m, l, [r]])) for m, l, r in zip(most, least, rows)]
        for i, columns in enumerate(chosen):
            a_index.append(np.full(len(columns), start + i))
            b_index.append(np.asarray(columns))
            values.append(block[i, columns])
    names = np.array(docs, dtype=object)
    return pd.DataFrame({"doc_a": names[np.concatenate(a_index)], "doc_b": names[np.concatenate(b_index)],
                         "cosine": np.concatenate(values)})
