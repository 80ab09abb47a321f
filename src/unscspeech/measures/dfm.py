"""Document-feature matrices: documents or paragraphs as counts of their content terms.

The similarity of the documents and the NMF topics of the paragraphs both start from each
text's bag of content terms (stopwords left out, a multiword term counted once).
:func:`plain_content_dfm` is the definition: the bags, counted by scikit-learn's
``CountVectorizer`` (features in sorted order). :func:`content_dfm`, which the measures use,
makes the same matrix straight from the token table's term codes, without a list entry per
word: a term's first row starts a run of its ``term_index``, and a matrix cell is a count of
(group, term) pairs; the tests check the two agree. (Each row's entries are here in column
order, where ``CountVectorizer`` leaves them in the order it first met the terms, so a row's
TF-IDF norm is summed in another order and can differ in its last bit; the tables round to six
digits.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from unscspeech._engine.row_runs import run_starts, runs
from unscspeech.pipeline.tokens import sorted_codes


@dataclass
class Dfm:
    """Counts of ``features`` (columns, sorted) in each group of rows (``keys``, in table order)."""

    keys: list[tuple]
    counts: sparse.csr_matrix
    features: list[str]


def plain_content_dfm(tokens: pd.DataFrame, by: list[str], min_df: int = 1) -> Dfm:
    """The content terms of each run of ``by`` as a count matrix, by definition: each group's bag
    of content terms (a term's first row says whether it is a stopword; a multiword term once),
    counted by ``CountVectorizer`` with its ``min_df``. A group without content terms has no row.

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens({"a": "the peace of the region", "b": "peace and security"}, {"the", "of", "and"})
    >>> dfm = plain_content_dfm(tokens, ["doc_id"])
    >>> dfm.keys, dfm.features, dfm.counts.toarray().tolist()
    ([('a',), ('b',)], ['peace', 'region', 'security'], [[1, 1, 0], [1, 0, 1]])
    """
    from sklearn.feature_extraction.text import CountVectorizer  # here, not on import (see topics)
    terms = tokens.drop_duplicates(["doc_id", "term_index"])
    keys, bags = runs(terms[~terms["is_stopword"].astype(bool)], by, "term")
    vectorizer = CountVectorizer(analyzer=lambda bag: bag, lowercase=False, min_df=min_df)
    counts = vectorizer.fit_transform(bags).tocsr()
    counts.sort_indices()
    return Dfm(keys, counts, vectorizer.get_feature_names_out().tolist())


def content_dfm(tokens: pd.DataFrame, by: list[str], min_df: int = 1) -> Dfm:
    """The content terms of each run of ``by`` (``["doc_id"]``, ``["doc_id", "paragraph"]``) as a
    count matrix; terms found in fewer than ``min_df`` groups are left out, as by ``min_df`` of
    ``CountVectorizer``. The matrix of :func:`plain_content_dfm`, made fast from the term codes.

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens({"a": "the peace of the region", "b": "peace and security"}, {"the", "of", "and"})
    >>> dfm = content_dfm(tokens, ["doc_id"])
    >>> dfm.keys, dfm.features, dfm.counts.toarray().tolist()
    ([('a',), ('b',)], ['peace', 'region', 'security'], [[1, 1, 0], [1, 0, 1]])
    """
    starts = run_starts(tokens, ["doc_id", "term_index"])
    content = starts[~tokens["is_stopword"].to_numpy(dtype=bool)[starts]]
    group_start = run_starts(tokens[by].iloc[content], by) if len(content) else np.zeros(0, dtype=np.int64)
    keys = list(zip(*(tokens[k].to_numpy()[content[group_start]].tolist() for k in by)))
    row = np.repeat(np.arange(len(group_start)), np.diff(np.append(group_start, len(content))))
    # Columns in the sorted order of the terms, as CountVectorizer orders its features.
    codes, dtype = sorted_codes(tokens["term"])
    counts = sparse.coo_matrix((np.ones(len(content), dtype=np.int64), (row, codes[content])),
                               shape=(len(keys), len(dtype.categories))).tocsr()
    counts.sum_duplicates()  # one entry per cell, each row's in column order
    kept = np.flatnonzero(np.bincount(counts.indices, minlength=len(dtype.categories)) >= max(min_df, 1))
    return Dfm(keys, counts[:, kept], dtype.categories[kept].tolist())
