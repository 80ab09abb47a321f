"""Frequencies, dispersion and lexical diversity of terms.

* :func:`frequencies`: counts per document and for the corpus (``doc_id`` = ``ALL``),
  per 1,000 terms of that document.
* :func:`dp`: Gries's (2008) deviation of proportions, how unevenly a term is spread
  over the documents given their sizes: 0 is perfectly even, 1 all in one place.
* :func:`mtld`: McCarthy & Jarvis's (2010) measure of textual lexical diversity, which,
  unlike the type-token ratio, does not fall just because a text is longer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from unscspeech.runs import run_starts
from unscspeech.tokens import numbered

ALL = "ALL"
MTLD_THRESHOLD = 0.72


def term_rows(tokens: pd.DataFrame) -> pd.DataFrame:
    """One row per term occurrence (``doc_id``, ``term``, ``is_stopword``): its first token's.

    A multiword term's tokens are consecutive rows of one ``term_index``, so the rows where
    ``doc_id`` or ``term_index`` changes are ``drop_duplicates`` on the two, found without
    hashing six million pairs or copying the columns not counted."""
    # The columns are chosen before the rows: ``iloc`` on the whole table would copy all eight.
    return tokens[["doc_id", "term", "is_stopword"]].iloc[run_starts(tokens, ["doc_id", "term_index"])]


def frequencies(terms: pd.DataFrame) -> pd.DataFrame:
    """Counts of each term per document and in the whole corpus.

    ``terms`` has one row per term occurrence with ``doc_id``, ``term``, ``is_stopword``.
    Returns ``doc_id``, ``term``, ``count``, ``per_1000`` and ``is_stopword``; the sizes are
    the number of term occurrences of the document (or corpus).
    """
    stop = terms.groupby("term")["is_stopword"].first()
    per_doc = terms.groupby(["doc_id", "term"]).size().rename("count").reset_index()
    corpus = terms.groupby("term").size().rename("count").reset_index().assign(doc_id=ALL)
    table = pd.concat([per_doc, corpus[["doc_id", "term", "count"]]], ignore_index=True)
    sizes = table.groupby("doc_id")["count"].transform("sum")
    table["per_1000"] = (table["count"] / sizes * 1000).round(6)
    table["is_stopword"] = table["term"].map(stop).astype(bool)
    table["_all"] = table["doc_id"] == ALL
    table = table.sort_values(["_all", "doc_id", "count", "term"], ascending=[True, True, False, True],
                              kind="stable")
    return table.drop(columns="_all").reset_index(drop=True)


def dp(counts: Sequence[float], sizes: Sequence[float]) -> tuple[float, float]:
    """Gries's DP and DP normalised by its maximum, ``1 - min(part share)``.

    ``counts``: the term's count in each part; ``sizes``: each part's size.
    """
    total_size = float(sum(sizes))
    total = float(sum(counts))
    if total == 0:
        raise ValueError("the term does not occur")
    expected = [s / total_size for s in sizes]
    observed = [c / total for c in counts]
    value = 0.5 * sum(abs(o - e) for o, e in zip(observed, expected))
    return value, value / (1.0 - min(expected))


def dispersion(frequency_table: pd.DataFrame) -> pd.DataFrame:
    """DP and normalised DP of every term over the documents (the ``ALL`` rows are left out).

    The same sum as :func:`dp`, over the documents that use each term: a document without the
    term adds its expected share, so the absent documents add together one minus the shares of
    the present ones. No documents × terms matrix is made, which on a large corpus would not fit
    in memory.
    """
    per_doc = frequency_table[frequency_table["doc_id"] != ALL]
    sizes = per_doc.groupby("doc_id")["count"].sum()
    expected = sizes / float(sizes.sum())
    count = per_doc["count"].to_numpy(dtype=float)
    share = per_doc["doc_id"].map(expected).to_numpy(dtype=float)
    total = per_doc.groupby("term")["count"].transform("sum").to_numpy(dtype=float)
    by_term = (pd.DataFrame({"term": per_doc["term"].to_numpy(), "count": per_doc["count"].to_numpy(),
                             "deviation": np.abs(count / total - share), "share": share})
               .groupby("term", sort=True).agg(count=("count", "sum"), n_docs=("count", "size"),
                                               deviation=("deviation", "sum"), share=("share", "sum")))
    value = 0.5 * (by_term["deviation"] + (1.0 - by_term["share"]).clip(lower=0.0))
    norm = value / (1.0 - float(expected.min())) if len(expected) else value
    table = pd.DataFrame({"term": by_term.index.to_numpy(), "count": by_term["count"].astype(int).to_numpy(),
                          "n_docs": by_term["n_docs"].astype(int).to_numpy(),
                          "dp": [round(v, 6) for v in value.tolist()], "dp_norm": [round(v, 6) for v in norm.tolist()]})
    return table.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


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
    """MTLD: the mean of the forward and the backward pass (McCarthy & Jarvis 2010)."""
    return (_mtld_pass(tokens, threshold) + _mtld_pass(list(reversed(tokens)), threshold)) / 2.0


def lexical_diversity(tokens: pd.DataFrame) -> pd.DataFrame:
    """Per document: tokens, types, type-token ratio and MTLD of its lower-cased word tokens.

    The words are taken as numbers (one per distinct lower-cased word): types and MTLD count only
    which words are equal, and a number per token is a fraction of a string per token's memory."""
    word, _ = numbered(tokens["token"], lower=True)
    starts = run_starts(tokens, ["doc_id"])
    bounds = starts.tolist() + [len(tokens)]
    rows = []
    for doc_id, a, b in zip(tokens["doc_id"].iloc[starts].tolist(), bounds, bounds[1:]):
        words = word[a:b].tolist()
        n_types = len(set(words))
        rows.append((doc_id, len(words), n_types, round(n_types / len(words), 6), round(mtld(words), 6)))
    return pd.DataFrame(rows, columns=["doc_id", "tokens", "types", "ttr", "mtld"])


def top_content_terms(frequency_table: pd.DataFrame, doc_id: str = ALL, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent non-stopword terms of a document (or ``ALL``), ties by term."""
    rows = frequency_table[(frequency_table["doc_id"] == doc_id) & ~frequency_table["is_stopword"]]
    return rows.sort_values(["count", "term"], ascending=[False, True]).head(n).reset_index(drop=True)


def content_dispersion(dispersion_table: pd.DataFrame, frequency_table: pd.DataFrame,
                       min_count: int = 10) -> pd.DataFrame:
    """Dispersion of the content terms used at least ``min_count`` times, most even first."""
    stop = set(frequency_table.loc[frequency_table["is_stopword"], "term"])
    rows = dispersion_table[(dispersion_table["count"] >= min_count) & ~dispersion_table["term"].isin(stop)]
    return rows.sort_values(["dp_norm", "term"]).reset_index(drop=True)
