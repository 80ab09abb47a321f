"""Keyness: which terms a document uses more (or less) than the rest of the corpus.

Three complementary statistics for the same 2×2 table (target count ``a``,
reference count ``b``, target size ``c``, reference size ``d``):

* ``g2``: Dunning's (1993) log-likelihood on the four cells a, b, c−a, d−b, signed
  negative where the term is under-used; its ``p_value`` is from χ² with one degree of
  freedom. It answers "is the difference more than chance?", not "how big is it?".
* ``log_ratio``: Hardie's (2014) effect size, log2 of the ratio of relative
  frequencies, with 0.5 in place of a zero count. One unit is a doubling.
* ``log_odds_z``: Monroe, Colaresi & Quinn's (2008) log-odds ratio with an informative
  Dirichlet prior (the corpus's own term frequencies), divided by its standard error:
  it shrinks the noisy estimates of rare terms.

Key terms are ranked by effect size (``log_ratio``) among those that pass a stated
significance threshold on ``g2``, then by ``g2``, and terms equal on both in alphabetical order
(see :func:`key_terms`); :func:`ties_at_cut` finds where that last order decides what a list of
a given length holds.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.special import erfc

#: Default threshold: p < 0.01 (G² ≥ 6.63), and at least this many uses in the target.
ALPHA = 0.01
MIN_COUNT = 3


def g2(a: float, b: float, c: float, d: float) -> float:
    """Signed log-likelihood G² of a term seen ``a`` times in ``c`` tokens against ``b`` in ``d``:
    twice the sum, over the four cells of the 2×2 table, of observed × log(observed / expected),
    negative where the term is relatively rarer in the target.

    >>> round(g2(20, 10, 1000, 4000), 3), round(g2(2, 40, 1000, 4000), 3)
    (30.897, -8.259)
    """
    total = c + d
    k = a + b
    cells = ((a, c * k / total), (b, d * k / total),
             (c - a, c * (total - k) / total), (d - b, d * (total - k) / total))
    value = 2.0 * sum(o * math.log(o / e) for o, e in cells if o > 0)
    value = max(value, 0.0)
    return -value if a / c < b / d else value


def p_value(g2_value: float) -> float:
    """Upper tail of χ² with one degree of freedom: the probability of a G² at least this large by chance.

    >>> round(p_value(6.634897), 4)
    0.01
    """
    return math.erfc(math.sqrt(abs(g2_value) / 2.0))


def exact_p_value(a: int, b: int, c: int, d: int) -> float:
    """The exact counterpart of :func:`p_value` for a term seen ``a`` times in ``c`` tokens and
    ``b`` in ``d``: given its ``a + b`` uses, the two-sided binomial probability of a split at least
    as uneven as ``a`` to ``b`` when each use falls in the target with probability ``c / (c + d)``.
    G²'s χ² tail is an approximation that is too small for counts as low as a few uses; this is
    what it approximates.

    >>> round(p_value(g2(5, 0, 2760, 3018)), 4), round(exact_p_value(5, 0, 2760, 3018), 4)
    (0.0065, 0.0249)
    """
    from scipy.stats import binomtest

    return float(binomtest(int(a), int(a) + int(b), c / (c + d)).pvalue)


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Hardie's log ratio: log2 of the ratio of relative frequencies (0.5 for a zero count), an
    effect size beside G²'s significance: 3.0 means eight times as frequent.

    >>> log_ratio(20, 10, 1000, 4000)
    3.0
    """
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def log_odds_z(a: float, b: float, c: float, d: float, alpha_w: float, alpha_0: float) -> float:
    """Monroe et al.'s log-odds ratio with a Dirichlet prior, as a z-score.

    ``alpha_w`` is the term's prior pseudo-count and ``alpha_0`` their total over the
    vocabulary; :func:`keyness_table` takes them from the corpus's own frequencies. The prior
    pulls a rare term's estimate towards the corpus rate, so that a few uses do not make it key.
    Below, 20 uses in 1,000 words against 10 in 4,000 (z ≈ 3), then the same rate in both (z = 0).

    >>> round(log_odds_z(20, 10, 1000, 4000, alpha_w=30, alpha_0=5000), 3), log_odds_z(10, 40, 1000, 4000, 50, 5000)
    (2.982, 0.0)
    """
    delta = (math.log((a + alpha_w) / (c + alpha_0 - a - alpha_w))
             - math.log((b + alpha_w) / (d + alpha_0 - b - alpha_w)))
    variance = 1.0 / (a + alpha_w) + 1.0 / (b + alpha_w)
    return delta / math.sqrt(variance)


#: Rows whose statistics are worked out at a time: the working arrays are this long, not as long
#: as the table (two million rows on a corpus of six million words).
CHUNK = 1 << 18
KEYNESS_COLUMNS = ["doc_id", "term", "target_count", "reference_count", "target_size", "reference_size",
                   "g2", "p_value", "log_ratio", "log_odds_z"]


def keyness_table(counts: pd.DataFrame, prior_total: float | None = None, sort: bool = True,
                  key_only: bool = False) -> pd.DataFrame:
    """Each document against the rest of the corpus, a row per document and term it uses.

    ``counts`` has columns ``doc_id``, ``term``, ``count``. Returns ``doc_id``, ``term``,
    ``target_count``, ``reference_count``, ``target_size``, ``reference_size``, ``g2``,
    ``p_value``, ``log_ratio`` and ``log_odds_z``. Terms a document does not use are left out:
    they cannot be key (over-used) in it, and listing them would make the table grow as documents
    times vocabulary. The statistics are computed on whole columns at once (the same formulas as
    :func:`g2`, :func:`p_value`, :func:`log_ratio` and :func:`log_odds_z`, which the tests check
    against each other), a :data:`CHUNK` of rows at a time, each row's from its own counts and the
    totals, so that the table takes time in proportion to its rows and working memory in
    proportion to a chunk.

    Rows are sorted by ``doc_id`` and ``term``; with ``sort=False`` they keep the order of
    ``counts``, so that a caller who wants another order sorts the three columns of ``counts``
    rather than the ten of the table.

    With ``key_only``, only the rows a keyword list can be drawn from (over-used, ``p < ALPHA``)
    are built, the others dropped as soon as their G² is known.

    Below, document ``a`` uses "peace" 6 times in 10 words and the other two never (20 words):
    G² 16.6, and a log ratio of log2((6/10) / (0.5/20)) = log2 24.

    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"],
    ...                        "term": ["peace", "the", "the", "war", "the", "war"], "count": [6, 4, 8, 2, 8, 2]})
    >>> table = keyness_table(counts)
    >>> columns = ["term", "target_count", "reference_count", "g2", "log_ratio"]
    >>> table.loc[table["doc_id"] == "a", columns].round(3).values.tolist()
    [['peace', 6, 0, 16.564, 4.585], ['the', 4, 16, -4.715, -1.0]]
    """
    counts = counts[counts["count"] > 0]
    if sort:
        counts = counts.sort_values(["doc_id", "term"], kind="stable")
    count = counts["count"].to_numpy()
    # Each row's term total and document size, through codes: sums of whole numbers, exact in floats.
    term_code, _ = pd.factorize(counts["term"])
    total = np.bincount(term_code, weights=count)[term_code] if len(count) else np.zeros(0)
    doc_code, _ = pd.factorize(counts["doc_id"])
    sizes = np.bincount(doc_code, weights=count) if len(count) else np.zeros(0)
    size = sizes[doc_code]
    corpus_size = float(sizes.sum())
    alpha_0 = float(prior_total or corpus_size)
    columns = KEYNESS_COLUMNS[2:]
    if key_only:
        parts: list[dict[str, np.ndarray]] = []
    else:
        out = {c: np.empty(len(count), dtype=np.int64 if c.endswith(("count", "size")) else float) for c in columns}
    for start in range(0, len(count), CHUNK):
        chunk = slice(start, start + CHUNK)
        stats = _statistics(count[chunk].astype(float), total[chunk], size[chunk], corpus_size, alpha_0, key_only)
        if key_only:
            stats["row"] += start
            parts.append(stats)
        else:
            for c in columns:
                out[c][chunk] = stats[c]
    if key_only:
        out = {c: np.concatenate([p[c] for p in parts]) if parts else np.zeros(0) for c in ["row", *columns]}
        rows = out.pop("row").astype(np.int64)
        counts = counts.iloc[rows]
        for c in columns[:4]:
            out[c] = out[c].astype(np.int64)
    return pd.DataFrame({"doc_id": counts["doc_id"].to_numpy(), "term": counts["term"].to_numpy(), **out},
                        columns=KEYNESS_COLUMNS, copy=False)  # the columns are ours: no second copy of each


def _statistics(a: np.ndarray, total: np.ndarray, c: np.ndarray, corpus_size: float, alpha_0: float,
                key_only: bool) -> dict[str, np.ndarray]:
    """The keyness columns of some rows: target count ``a``, the term's ``total`` and the target
    size ``c``; with ``key_only``, of the over-used rows with ``p < ALPHA`` only, and their
    positions among the rows given (``row``)."""
    b = total - a
    d = corpus_size - c
    value = _g2_vector(a, b, c, d)
    p = erfc(np.sqrt(np.abs(value) / 2.0))
    row = None
    if key_only:
        keep = (value > 0) & (p < ALPHA)
        row = np.flatnonzero(keep)
        a, b, c, d, total, value, p = (x[keep] for x in (a, b, c, d, total, value, p))
    alpha_w = alpha_0 * total / corpus_size
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
        delta = np.log((a + alpha_w) / (c + alpha_0 - a - alpha_w)) - np.log((b + alpha_w) / (d + alpha_0 - b - alpha_w))
        z = delta / np.sqrt(1.0 / (a + alpha_w) + 1.0 / (b + alpha_w))
    stats = {"target_count": a.astype(int), "reference_count": b.astype(int), "target_size": c.astype(int),
             "reference_size": d.astype(int), "g2": value, "p_value": p, "log_ratio": ratio, "log_odds_z": z}
    if row is not None:
        stats["row"] = row
    return stats


def _g2_vector(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """:func:`g2` on whole columns."""
    total = c + d
    k = a + b
    value = np.zeros_like(a)
    for observed, expected in ((a, c * k / total), (b, d * k / total),
                               (c - a, c * (total - k) / total), (d - b, d * (total - k) / total)):
        with np.errstate(divide="ignore", invalid="ignore"):
            value += np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    value = np.maximum(2.0 * value, 0.0)
    return np.where(a / c < b / np.where(d > 0, d, np.inf), -value, value)


def key_terms(keyness: pd.DataFrame, doc_id: str, n: int = 15, alpha: float = ALPHA,
              min_count: int = MIN_COUNT, exclude: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """The document's key terms: over-used, passing ``p < alpha`` and used ``min_count`` times,
    strongest effect (log ratio) first. Significance alone would favour frequent words; the order
    by effect size shows what is most distinctive among the terms that are not chance.

    >>> table = pd.DataFrame({"doc_id": ["a"] * 4, "term": ["w", "x", "y", "z"], "target_count": [5, 5, 2, 5],
    ...                       "g2": [20.0, 30.0, 40.0, -9.0], "p_value": [0.0001, 0.0001, 0.0001, 0.003],
    ...                       "log_ratio": [3.0, 2.0, 6.0, -1.0]})
    >>> key_terms(table, "a")["term"].tolist()  # y: too few uses; z: under-used
    ['w', 'x']
    """
    rows = keyness[(keyness["doc_id"] == doc_id) & _is_key(keyness, alpha, min_count, exclude)]
    return rows.sort_values(["log_ratio", "g2", "term"], ascending=[False, False, True]).head(n)


def key_ranks(keyness: pd.DataFrame, exclude: set[str] | frozenset[str] = frozenset(), alpha: float = ALPHA,
              min_count: int = MIN_COUNT) -> pd.Series:
    """Each row's place in its document's list of key terms, as :func:`key_terms` orders that list
    (1 = the strongest), and missing for a row that is not a key term.

    Written into ``keyness.csv`` as ``key_rank``, so that a reader who sorts the table by it sees
    the order the book prints.

    >>> table = pd.DataFrame({"doc_id": ["a"] * 3, "term": ["x", "y", "z"], "target_count": [5, 5, 5],
    ...                       "g2": [20.0, 30.0, -4.0], "p_value": [0.0001, 0.0001, 0.04], "log_ratio": [3.0, 2.0, -1.0]})
    >>> key_ranks(table).tolist()
    [1, 2, <NA>]
    """
    rows = keyness.loc[_is_key(keyness, alpha, min_count, exclude), ["doc_id", "log_ratio", "g2", "term"]].sort_values(
        ["doc_id", "log_ratio", "g2", "term"], ascending=[True, False, False, True], kind="stable")
    ranks = rows.groupby("doc_id", sort=False).cumcount() + 1
    return ranks.reindex(keyness.index).astype("Int64")


def key_terms_by_document(keyness: pd.DataFrame, n: int = 15, alpha: float = ALPHA, min_count: int = MIN_COUNT,
                          exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """:func:`key_terms` for every document at once: doc_id → its top ``n`` key terms.

    One filter and one sort over the whole table, instead of one per document, so that the
    time does not grow with the square of the number of documents.

    >>> table = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "term": ["x", "y", "x", "z"],
    ...                       "target_count": [5, 5, 5, 5], "g2": [20.0, 30.0, 8.0, 3.0],
    ...                       "p_value": [0.0001, 0.0001, 0.005, 0.08],
    ...                       "log_ratio": [3.0, 2.0, 1.0, 4.0]})
    >>> key_terms_by_document(table)  # b's z: p 0.08, not below 0.01
    {'a': ['x', 'y'], 'b': ['x']}
    """
    rows = keyness[_is_key(keyness, alpha, min_count, exclude)]
    rows = rows.sort_values(["doc_id", "log_ratio", "g2", "term"], ascending=[True, False, False, True],
                            kind="stable").groupby("doc_id", sort=False).head(n)
    return {doc_id: group["term"].tolist() for doc_id, group in rows.groupby("doc_id", sort=False)}


def ties_at_cut(keyness: pd.DataFrame, n: int, alpha: float = ALPHA, min_count: int = MIN_COUNT,
                exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, tuple[list[str], list[str]]]:
    """Where the alphabet decides a document's top ``n`` key terms: for each document whose list of
    :func:`key_terms` is cut at ``n`` among terms equal in log ratio and G² (the same counts), the
    tied terms the list keeps and those it leaves out, which only their alphabetical order puts
    after the cut. Documents cut between unequal terms, or with ``n`` key terms or fewer, are not
    listed.

    >>> table = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 2, "term": ["w", "nazarbayev", "document", "z", "x", "y"],
    ...                       "target_count": [9, 8, 8, 8, 5, 5], "g2": [13.0, 6.9, 6.9, 6.9, 20.0, 9.0],
    ...                       "p_value": [0.001, 0.008, 0.008, 0.008, 0.0001, 0.002],
    ...                       "log_ratio": [4.3, 3.1, 3.1, 3.1, 3.0, 2.0]})
    >>> ties_at_cut(table, 2)  # a: three terms tied for second place; b: no tie at its cut
    {'a': (['document'], ['nazarbayev', 'z'])}
    """
    ties: dict[str, tuple[list[str], list[str]]] = {}
    rows = keyness[_is_key(keyness, alpha, min_count, exclude)].sort_values(
        ["doc_id", "log_ratio", "g2", "term"], ascending=[True, False, False, True], kind="stable")
    for doc_id, ranked in rows.groupby("doc_id", sort=False):
        if len(ranked) <= n or n < 1:
            continue
        last = ranked.iloc[n - 1]
        tied = (ranked["log_ratio"] == last["log_ratio"]) & (ranked["g2"] == last["g2"])
        kept, left = ranked["term"].iloc[:n][tied.iloc[:n]], ranked["term"].iloc[n:][tied.iloc[n:]]
        if len(left):
            ties[str(doc_id)] = (kept.tolist(), left.tolist())
    return ties


def _is_key(keyness: pd.DataFrame, alpha: float, min_count: int, exclude: set[str] | frozenset[str]) -> pd.Series:
    """Which rows are key terms: over-used (``g2 > 0``), ``p < alpha``, ``min_count`` uses, not excluded."""
    return ((keyness["g2"] > 0) & (keyness["p_value"] < alpha) & (keyness["target_count"] >= min_count)
            & ~keyness["term"].isin(exclude))


#: The log-odds z-score a key term must reach in :func:`key_term_checks`: the two-sided 5% level.
LOG_ODDS_Z = 1.96


def key_term_checks(keyness: pd.DataFrame, alpha: float = ALPHA, z: float = LOG_ODDS_Z) -> pd.DataFrame:
    """The key terms (``key_rank`` set) with the two checks of their significance: ``exact_p``
    (:func:`exact_p_value`) and whether it is below ``alpha``, and whether the log-odds z-score
    reaches ``z``.

    >>> k = pd.DataFrame({"doc_id": ["a", "a"], "term": ["x", "y"], "target_count": [5, 40],
    ...                   "reference_count": [0, 2], "target_size": [2760, 2760], "reference_size": [3018, 3018],
    ...                   "log_odds_z": [1.5, 4.0], "key_rank": pd.array([1, 2], dtype="Int64")})
    >>> key_term_checks(k)[["term", "exact_passes", "log_odds_passes"]].values.tolist()
    [['x', False, False], ['y', True, True]]
    """
    key = keyness[keyness["key_rank"].notna()]
    exact = [exact_p_value(a, b, c, d) for a, b, c, d in
             zip(key["target_count"], key["reference_count"], key["target_size"], key["reference_size"])]
    return key[["doc_id", "term"]].assign(exact_p=exact, exact_passes=[p < alpha for p in exact],
                                          log_odds_passes=(key["log_odds_z"] >= z).tolist()).reset_index(drop=True)


def critical_g2(alpha: float) -> float:
    """The G² a term must reach for ``p < alpha`` (χ², one degree of freedom), by bisection: the
    threshold the book states beside its keyword lists.

    >>> round(critical_g2(0.05), 3), round(critical_g2(0.01), 3)
    (3.841, 6.635)
    """
    low, high = 0.0, 100.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if p_value(mid) > alpha:
            low = mid
        else:
            high = mid
    return high
