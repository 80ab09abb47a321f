"""An unsupervised check on the codebook: which themes emerge from the paragraphs unprompted?

Non-negative matrix factorisation (NMF) of the paragraphs' TF-IDF matrix over their
content terms finds a few groups of words that tend to occur together. It starts from
a deterministic ``nndsvd`` initialisation, so the topics are the same on every run.

Each topic is then compared with each codebook theme *by the paragraphs*, not by the
words: the correlation between a topic's weight in every paragraph and the number of
the theme's hits there. A theme *emerges* when some topic follows it closely
(correlation at least :data:`EMERGES_AT`); a theme no topic follows is one the
codebook imposes rather than one the texts' word patterns offer by themselves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfTransformer

from unscspeech.dfm import content_dfm
from unscspeech.themes import Theme

N_TOPICS = 8
TOP_TERMS = 8
EMERGES_AT = 0.5


def nmf_topics(tokens: pd.DataFrame, hits: pd.DataFrame, themes: list[Theme], n_topics: int = N_TOPICS,
               top: int = TOP_TERMS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Topics (``topic``, ``rank``, ``term``, ``weight``) and their fit to each theme.

    The second table has one row per topic and theme: ``topic``, ``theme``, ``r`` (Pearson
    correlation over paragraphs between the topic's weight and the theme's hits).
    """
    paragraphs = content_dfm(tokens, ["doc_id", "paragraph"], min_df=2)
    keys, vocabulary = paragraphs.keys, paragraphs.features
    matrix = TfidfTransformer().fit_transform(paragraphs.counts)
    del paragraphs
    model = NMF(n_components=n_topics, init="nndsvd", random_state=0, max_iter=2000)
    weights = model.fit_transform(matrix)
    rows = []
    for topic, loadings in enumerate(model.components_, start=1):
        for rank, index in enumerate(loadings.argsort()[::-1][:top], start=1):
            rows.append((topic, rank, str(vocabulary[index]), round(float(loadings[index]), 6)))
    topics = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])

    # Hits per paragraph (in the order of the bags) and theme, as one matrix.
    per_paragraph = (hits.groupby(["doc_id", "paragraph", "theme"]).size().unstack("theme", fill_value=0)
                     .reindex(index=pd.MultiIndex.from_tuples(keys), columns=[t.id for t in themes], fill_value=0))
    fit_rows = []
    for theme in themes:
        presence = per_paragraph[theme.id].to_numpy(dtype=float)
        for topic in range(n_topics):
            column = weights[:, topic]
            r = 0.0 if presence.std() == 0 or column.std() == 0 else float(np.corrcoef(column, presence)[0, 1])
            fit_rows.append((topic + 1, theme.id, round(r, 6)))
    return topics, pd.DataFrame(fit_rows, columns=["topic", "theme", "r"])


def best_fits(fit: pd.DataFrame) -> pd.DataFrame:
    """For each theme, the topic that follows it best, and whether it emerges."""
    best = fit.sort_values(["theme", "r", "topic"], ascending=[True, False, True]).drop_duplicates("theme")
    return best.assign(emerges=best["r"] >= EMERGES_AT).reset_index(drop=True)
