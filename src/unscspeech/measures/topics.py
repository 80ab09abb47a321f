"""An unsupervised check on the codebook: which themes emerge from the paragraphs unprompted?

Non-negative matrix factorisation (NMF) of the paragraphs' TF-IDF matrix over their
content terms finds a few groups of words that tend to occur together. It starts from
a deterministic ``nndsvd`` initialisation, so the topics are the same on every run; because that
is one solution among many, :func:`topic_stability` repeats the check under other numbers of
topics and random starts, each seeded.

Each topic is then compared with each codebook theme *by the paragraphs*, not by the
words: the correlation between a topic's weight in every paragraph and the number of
the theme's hits there. A theme *emerges* when some topic follows it closely
(correlation at least :data:`EMERGES_AT`); a theme no topic follows is one the
codebook imposes rather than one the texts' word patterns offer by themselves.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd

from unscspeech._engine.worker_pool import map_in_order
from unscspeech.measures.dfm import content_dfm
from unscspeech.measures.themes import Theme

N_TOPICS = 8
TOP_TERMS = 8
EMERGES_AT = 0.5
#: The other numbers of topics and the random starts the check is repeated with.
TOPIC_COUNTS = (6, 8, 10, 12)
SEEDS = (0, 1, 2, 3, 4)
#: From this many non-zero cells in the paragraphs' matrix, the repeated factorisations run on
#: every core (below it, starting processes would cost more than it saves).
PARALLEL_FROM_NONZEROS = 100_000
#: The repeated check fits at most this many paragraphs: on a larger corpus, the same seeded random
#: sample of them in every run. A correlation over 10,000 paragraphs has a standard error of at most
#: 0.01, while the cost of the 24 factorisations grows with the paragraphs (about 200 s for the
#: 80,000 paragraphs of 5,000 speeches on two cores). The book's one factorisation fits them all.
STABILITY_PARAGRAPHS = 10_000
SAMPLE_SEED = 0


def _paragraph_matrix(tokens: pd.DataFrame):
    # scikit-learn is imported where it is used: it takes a second and a half to load, which every
    # command would pay, also one that stops at a bad input before any analysis.
    from sklearn.feature_extraction.text import TfidfTransformer

    paragraphs = content_dfm(tokens, ["doc_id", "paragraph"], min_df=2)
    return paragraphs.keys, paragraphs.features, TfidfTransformer().fit_transform(paragraphs.counts)


def _hits_per_paragraph(hits: pd.DataFrame, keys, themes: list[Theme]) -> pd.DataFrame:
    return (hits.groupby(["doc_id", "paragraph", "theme"]).size().unstack("theme", fill_value=0)
            .reindex(index=pd.MultiIndex.from_tuples(keys), columns=[t.id for t in themes], fill_value=0))


def _fit(weights: np.ndarray, per_paragraph: pd.DataFrame, themes: list[Theme]) -> list[tuple[int, str, float]]:
    rows = []
    for theme in themes:
        presence = per_paragraph[theme.id].to_numpy(dtype=float)
        for topic in range(weights.shape[1]):
            column = weights[:, topic]
            r = 0.0 if presence.std() == 0 or column.std() == 0 else float(np.corrcoef(column, presence)[0, 1])
            rows.append((topic + 1, theme.id, round(r, 6)))
    return rows


def nmf_topics(tokens: pd.DataFrame, hits: pd.DataFrame, themes: list[Theme], n_topics: int = N_TOPICS,
               top: int = TOP_TERMS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Topics (``topic``, ``rank``, ``term``, ``weight``) and their fit to each theme.

    The second table has one row per topic and theme: ``topic``, ``theme``, ``r`` (Pearson
    correlation over paragraphs between the topic's weight and the theme's hits).

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens({("a", 1): "peace security peace council", ("a", 2): "water climate water river",
    ...                          ("b", 1): "peace security council", ("b", 2): "climate water river"})
    >>> hits = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 1], "theme": ["peace", "peace"]})
    >>> topics, fit = nmf_topics(tokens, hits, [Theme("peace", "Peace", "", "")], n_topics=2, top=2)
    >>> topics.groupby("topic")["term"].agg(list).tolist()
    [['water', 'river'], ['peace', 'security']]
    >>> fit.values.tolist()
    [[1, 'peace', -1.0], [2, 'peace', 1.0]]
    """
    from sklearn.decomposition import NMF

    keys, vocabulary, matrix = _paragraph_matrix(tokens)
    model = NMF(n_components=n_topics, init="nndsvd", random_state=0, max_iter=2000)
    weights = model.fit_transform(matrix)
    rows = []
    for topic, loadings in enumerate(model.components_, start=1):
        for rank, index in enumerate(loadings.argsort()[::-1][:top], start=1):
            rows.append((topic, rank, str(vocabulary[index]), round(float(loadings[index]), 6)))
    topics = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])

    fit = _fit(weights, _hits_per_paragraph(hits, keys, themes), themes)
    return topics, pd.DataFrame(fit, columns=["topic", "theme", "r"])


def sample_rows(n_rows: int, size: int, seed: int = SAMPLE_SEED) -> np.ndarray:
    """The rows a check fits: all ``n_rows`` when there are at most ``size``, else a seeded random
    sample of ``size`` of them, in their order.

    >>> sample_rows(4, 10).tolist()
    [0, 1, 2, 3]
    >>> rows = sample_rows(1000, 10)
    >>> len(rows), len(set(rows.tolist())), bool((rows[1:] > rows[:-1]).all())
    (10, 10, True)
    """
    if n_rows <= size:
        return np.arange(n_rows)
    return np.sort(np.random.default_rng(seed).choice(n_rows, size=size, replace=False))


def topic_stability(tokens: pd.DataFrame, hits: pd.DataFrame, themes: list[Theme],
                    topic_counts: tuple[int, ...] = TOPIC_COUNTS, seeds: tuple[int, ...] = SEEDS,
                    n_jobs: int | None = None, max_paragraphs: int = STABILITY_PARAGRAPHS) -> pd.DataFrame:
    """The check repeated: for each number of topics, the deterministic start (``nndsvd``, the
    book's) and random starts with each seed, each theme's best correlation with any topic.

    One factorisation is one of many local optima; a theme that emerges under one number of
    topics and one start may not under another. One row per run and theme: ``n_topics``,
    ``init`` (``nndsvd`` or ``random``), ``seed`` (0 for ``nndsvd``, whose start has no chance in
    it), ``theme``, ``r`` (its best correlation), ``emerges`` (``r`` at least
    :data:`EMERGES_AT`), ``paragraphs`` (how many paragraphs the run fitted) and ``of_paragraphs``
    (how many the matrix has). Beyond ``max_paragraphs`` paragraphs, every run fits the same
    seeded sample of that many (:func:`sample_rows`). The factorisations are independent: on a
    matrix of at least :data:`PARALLEL_FROM_NONZEROS` cells they run on ``n_jobs`` processes
    (every core by default).

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens({("a", 1): "peace security peace council", ("a", 2): "water climate water river",
    ...                          ("b", 1): "peace security council", ("b", 2): "climate water river"})
    >>> hits = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 1], "theme": ["peace", "peace"]})
    >>> stability = topic_stability(tokens, hits, [Theme("peace", "Peace", "", "")], topic_counts=(2,), seeds=(0,))
    >>> stability[["n_topics", "init", "seed", "emerges", "paragraphs", "of_paragraphs"]].values.tolist()
    [[2, 'nndsvd', 0, True, 4, 4], [2, 'random', 0, True, 4, 4]]
    """
    keys, _, matrix = _paragraph_matrix(tokens)
    per_paragraph = _hits_per_paragraph(hits, keys, themes)
    of_paragraphs = matrix.shape[0]
    fitted = sample_rows(of_paragraphs, max_paragraphs)
    if len(fitted) < of_paragraphs:
        matrix, per_paragraph = matrix[fitted], per_paragraph.iloc[fitted]
    limit = min(matrix.shape)
    runs = [(n_topics, init, seed) for n_topics in topic_counts if n_topics <= limit
            for init, seed in [("nndsvd", 0), *(("random", s) for s in seeds)]]
    n_jobs = n_jobs if matrix.nnz >= PARALLEL_FROM_NONZEROS else 1
    best = map_in_order(partial(_best_correlations, matrix=matrix, per_paragraph=per_paragraph, themes=themes),
                        runs, n_jobs=n_jobs, min_parallel=2, largest_chunk=1)
    rows = [(n_topics, init, seed, theme.id, r[theme.id], r[theme.id] >= EMERGES_AT, len(fitted), of_paragraphs)
            for (n_topics, init, seed), r in zip(runs, best) for theme in themes]
    return pd.DataFrame(rows, columns=["n_topics", "init", "seed", "theme", "r", "emerges", "paragraphs", "of_paragraphs"])


def _best_correlations(run: tuple[int, str, int], matrix, per_paragraph: pd.DataFrame,
                       themes: list[Theme]) -> dict[str, float]:
    """Each theme's best correlation with any topic of one factorisation (``n_topics``, ``init``, ``seed``)."""
    from sklearn.decomposition import NMF

    n_topics, init, seed = run
    weights = NMF(n_components=n_topics, init=init, random_state=seed, max_iter=2000).fit_transform(matrix)
    best = pd.DataFrame(_fit(weights, per_paragraph, themes), columns=["topic", "theme", "r"]
                        ).groupby("theme", sort=False)["r"].max()
    return {theme.id: float(best[theme.id]) for theme in themes}


def stability_sample(stability: pd.DataFrame) -> tuple[int, int]:
    """How many paragraphs the repeated check's runs fitted, and how many the matrix has; every run
    fits the same rows, so a table whose runs differ is an error.

    >>> s = pd.DataFrame({"paragraphs": [10_000, 10_000], "of_paragraphs": [80_000, 80_000]})
    >>> stability_sample(s)
    (10000, 80000)
    """
    sizes = stability[["paragraphs", "of_paragraphs"]].drop_duplicates()
    if len(sizes) != 1:
        raise ValueError(f"the runs of the repeated topic check fitted different paragraphs: {sizes.values.tolist()}")
    fitted, of = sizes.iloc[0]
    return int(fitted), int(of)


def stability_summary(stability: pd.DataFrame) -> pd.DataFrame:
    """Per theme: in how many of the runs it emerges, the share, and its lowest and highest best r.

    >>> s = pd.DataFrame({"n_topics": [6, 8], "init": ["nndsvd"] * 2, "seed": [0, 0], "theme": ["a", "a"],
    ...                   "r": [0.4, 0.7], "emerges": [False, True]})
    >>> stability_summary(s).to_dict("records")
    [{'theme': 'a', 'runs': 2, 'emerges_in': 1, 'share': 0.5, 'r_min': 0.4, 'r_max': 0.7}]
    """
    grouped = stability.groupby("theme", sort=False)
    return pd.DataFrame({"runs": grouped.size(), "emerges_in": grouped["emerges"].sum().astype(int),
                         "r_min": grouped["r"].min(), "r_max": grouped["r"].max()}).assign(
        share=lambda f: f["emerges_in"] / f["runs"]).reset_index()[
        ["theme", "runs", "emerges_in", "share", "r_min", "r_max"]]


def best_fits(fit: pd.DataFrame) -> pd.DataFrame:
    """For each theme, the topic that follows it best (ties by topic), and whether it emerges
    (``r`` at least :data:`EMERGES_AT`).

    >>> fit = pd.DataFrame({"topic": [1, 2, 1, 2], "theme": ["asia", "asia", "peace", "peace"],
    ...                     "r": [0.2, 0.7, 0.4, 0.1]})
    >>> best_fits(fit).values.tolist()
    [[2, 'asia', 0.7, True], [1, 'peace', 0.4, False]]
    """
    best = fit.sort_values(["theme", "r", "topic"], ascending=[True, False, True]).drop_duplicates("theme")
    return best.assign(emerges=best["r"] >= EMERGES_AT).reset_index(drop=True)


def emerging_by_topic(fits: pd.DataFrame) -> pd.DataFrame:
    """The topics that the emerging themes of :func:`best_fits` follow, each with its ``themes`` and
    their ``r``, closest first (ties by theme). Two themes that emerge through one topic are one word
    pattern, not two: counting them as two "topics of their own" would overstate what NMF finds.

    >>> fits = pd.DataFrame({"topic": [6, 4, 6, 2], "theme": ["cica", "pk", "regional", "asia"],
    ...                      "r": [0.78, 0.72, 0.50, 0.39], "emerges": [True, True, True, False]})
    >>> emerging_by_topic(fits).to_dict("records")
    [{'topic': 6, 'themes': ['cica', 'regional'], 'r': [0.78, 0.5]}, {'topic': 4, 'themes': ['pk'], 'r': [0.72]}]
    """
    emerged = fits[fits["emerges"]].sort_values(["r", "theme"], ascending=[False, True])
    grouped = emerged.groupby("topic", sort=False)
    return pd.DataFrame({"themes": grouped["theme"].agg(list), "r": grouped["r"].agg(list)}).reset_index()
