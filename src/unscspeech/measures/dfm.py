"""Document-feature matrices: documents or paragraphs as counts of their content terms.

The similarity of the documents and the NMF topics of the paragraphs both start from each
text's bag of content terms (stopwords left out, a multiword term counted once). Handing
scikit-learn's ``TfidfVectorizer`` those bags as Python lists took a filtered copy of the whole
token table, a hash of six million (document, term) pairs to drop the second words of multiword
terms, and a list entry per word. The same counts come straight from the token table's term
codes: a term's first row starts a run of its ``term_index``, and a matrix cell is a count of
(group, term) pairs. The matrix is the one ``CountVectorizer`` makes of the bags (features in
sorted order), and ``TfidfTransformer`` turns it into what ``TfidfVectorizer`` gave; the tests check
this. (Each row's entries are here in column order, where ``CountVectorizer`` leaves them in the
order it first met the terms, so a row's norm is summed in another order and can differ in its
last bit; the tables round to six digits.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from unscspeech._engine.row_runs import run_starts
from unscspeech.pipeline.tokens import sorted_codes


@dataclass
class Dfm:
    """Counts of ``features`` (columns, sorted) in each group of rows (``keys``, in table order)."""

    keys: list[tuple]
    counts: sparse.csr_matrix
    features: list[str]


def content_dfm(tokens: pd.DataFrame, by: list[str], min_df: int = 1) -> Dfm:
    """The content terms of each run of ``by`` (``["doc_id"]``, ``["doc_id", "paragraph"]``) as a
    count matrix; terms found in fewer than ``min_df`` groups are left out, as by ``min_df`` of
    ``CountVectorizer``. A group without content terms has no row, as it would have no bag."""
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
