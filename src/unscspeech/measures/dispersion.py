"""Dispersion: how evenly a term is spread over the documents, as Gries's (2008) deviation of
proportions (DP).

For one term, with the corpus cut into parts (here, the documents):

* ``s_i``, part *i*'s share of the corpus: its size over the corpus size;
* ``v_i``, part *i*'s share of the term: the term's uses in it over all the term's uses;
* ``DP = ½ Σ |v_i − s_i|``.

DP is 0 when the term is spread exactly as the parts' sizes (each part has its fair share of the
uses) and approaches 1 when all the uses are in one small part. Its largest possible value, all
uses in the smallest part, is ``1 − min s_i``; ``dp_norm`` divides by it, so that 1 is reached.

* :func:`dp`: that definition for one term, in plain Python.
* :func:`plain_dispersion`: the table of every term by calling :func:`dp`, document by document.
* :func:`dispersion`: the same table from the frequency table without a documents × terms matrix
  (speed and memory only; the tests compare it with :func:`plain_dispersion`).
* :func:`content_dispersion`: the rows of the content terms used often enough, most even first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from unscspeech.measures.vocabulary import ALL, stopword_terms
from unscspeech.pipeline.tokens import sorted_codes


def dp(counts: Sequence[float], sizes: Sequence[float]) -> tuple[float, float]:
    """Gries's DP of one term and DP normalised by its maximum, ``1 - min(s_i)``.

    ``counts``: the term's count in each part; ``sizes``: each part's size. With a single part
    DP is 0 and the normalised DP is undefined (NaN): there is no unevenness to measure.

    >>> [round(x, 3) for x in dp([10, 0, 0], [100, 100, 100])], dp([6, 3, 3], [200, 100, 100])
    ([0.667, 1.0], (0.0, 0.0))
    """
    total_size = float(sum(sizes))
    total = float(sum(counts))
    if total == 0:
        raise ValueError("the term does not occur")
    s = [size / total_size for size in sizes]
    v = [count / total for count in counts]
    value = 0.5 * sum(abs(v_i - s_i) for v_i, s_i in zip(v, s))
    largest = 1.0 - min(s)
    return value, (value / largest if largest > 0 else float("nan"))


def plain_dispersion(frequency_table: pd.DataFrame) -> pd.DataFrame:
    """DP and normalised DP of every term over the documents, by the definition: a documents ×
    terms table of counts, each term's column passed to :func:`dp` with the documents' sizes.

    ``frequency_table`` has a row per (document, term) used, with ``doc_id``, ``term`` and a
    positive ``count``, as :func:`~unscspeech.measures.vocabulary.frequencies` gives it (its ``ALL``
    rows are left out); a document's size is the sum of its counts. Rows: the most frequent term
    first, ties by term. Below, two documents of three terms each: "peace" has half its uses in
    each (DP 0), "war" and "the" all theirs in one (DP ½, the most it can be here: normalised 1).

    >>> freq = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "term": ["peace", "war", "peace", "the"],
    ...                      "count": [2, 1, 2, 1]})
    >>> plain_dispersion(freq).values.tolist()
    [['peace', 4, 2, 0.0, 0.0], ['the', 1, 1, 0.5, 1.0], ['war', 1, 1, 0.5, 1.0]]
    """
    per_doc = frequency_table[frequency_table["doc_id"] != ALL]
    counts = (per_doc.astype({"doc_id": str, "term": str})
              .pivot_table(index="term", columns="doc_id", values="count", aggfunc="sum", fill_value=0))
    sizes = counts.sum(axis=0).tolist()
    rows = []
    for term, column in counts.iterrows():
        value, norm = dp(column.tolist(), sizes)
        rows.append((term, int(column.sum()), int((column > 0).sum()), round(value, 6), round(norm, 6)))
    table = pd.DataFrame(rows, columns=["term", "count", "n_docs", "dp", "dp_norm"])
    return table.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def dispersion(frequency_table: pd.DataFrame) -> pd.DataFrame:
    """The table of :func:`plain_dispersion`, summed over the (document, term) rows present only.

    A document without the term adds its share ``s_i`` to DP's sum, so the absent documents add
    together one minus the shares of the present ones; no documents × terms matrix is made, which
    on a large corpus would not fit in memory.

    >>> freq = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "ALL"], "term": ["peace", "war", "peace", "the", "peace"],
    ...                      "count": [2, 1, 2, 1, 4]})
    >>> dispersion(freq).values.tolist()
    [['peace', 4, 2, 0.0, 0.0], ['the', 1, 1, 0.5, 1.0], ['war', 1, 1, 0.5, 1.0]]
    """
    per_doc = frequency_table[frequency_table["doc_id"] != ALL]
    # Documents and terms as codes (terms' in sorted order): no string is hashed or mapped per row.
    doc, _ = pd.factorize(per_doc["doc_id"])
    term, term_dtype = sorted_codes(per_doc["term"])
    count_int = per_doc["count"].to_numpy()
    sizes = np.bincount(doc, weights=count_int)  # whole numbers below 2**53: exact
    expected = sizes / float(sizes.sum())
    count = count_int.astype(float)
    share = expected[doc]
    total = np.bincount(term, weights=count_int)[term]
    by_term = (pd.DataFrame({"term": term, "count": count_int, "deviation": np.abs(count / total - share),
                             "share": share})
               .groupby("term", sort=True).agg(count=("count", "sum"), n_docs=("count", "size"),
                                               deviation=("deviation", "sum"), share=("share", "sum")))
    value = 0.5 * (by_term["deviation"] + (1.0 - by_term["share"]).clip(lower=0.0))
    norm = value / (1.0 - float(expected.min())) if len(expected) else value
    names = np.asarray(term_dtype.categories, dtype=object)[by_term.index.to_numpy()]
    table = pd.DataFrame({"term": names, "count": by_term["count"].astype(int).to_numpy(),
                          "n_docs": by_term["n_docs"].astype(int).to_numpy(),
                          "dp": [round(v, 6) for v in value.tolist()], "dp_norm": [round(v, 6) for v in norm.tolist()]})
    return table.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def content_dispersion(dispersion_table: pd.DataFrame, frequency_table: pd.DataFrame,
                       min_count: int = 10) -> pd.DataFrame:
    """The dispersion rows of the content terms (not stopwords) used at least ``min_count`` times,
    most evenly spread first: the words the chapter shows as common to the whole corpus.

    >>> disp = pd.DataFrame({"term": ["the", "peace", "war", "nuclear"], "count": [40, 12, 11, 3],
    ...                      "n_docs": [3, 3, 1, 1], "dp": [0.0, 0.1, 0.6, 0.6], "dp_norm": [0.0, 0.15, 0.9, 0.9]})
    >>> freq = pd.DataFrame({"doc_id": ["ALL"] * 4, "term": ["the", "peace", "war", "nuclear"],
    ...                      "is_stopword": [True, False, False, False]})
    >>> content_dispersion(disp, freq, min_count=10)["term"].tolist()
    ['peace', 'war']
    """
    stop = stopword_terms(frequency_table)
    rows = dispersion_table[(dispersion_table["count"] >= min_count) & ~dispersion_table["term"].isin(stop)]
    return rows.sort_values(["dp_norm", "term"]).reset_index(drop=True)
