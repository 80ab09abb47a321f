"""The book's headline numbers, computed once for the landing page and the conclusions.

Each value is derived from the processed tables by the same functions the chapters
use; the prose that states a finding guards it with ``claim`` where it is written.
"""

from __future__ import annotations

import pandas as pd

from unscspeech.keyness import key_terms
from unscspeech.themes import priority_coverage


def headline(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Numbers and labels behind the key findings, on any corpus (article values ``None`` without one)."""
    docs, themes, hits = tables["documents"], tables["themes"], tables["theme_hits"]
    labels = docs.set_index("doc_id")["label"]
    statements = docs[docs["genre"] == "council_statement"]
    articles = docs[docs["genre"] == "article"]
    article = articles.iloc[0] if len(articles) else None
    prevention = themes[(themes["theme"] == "conflict_prevention") & themes["doc_id"].isin(statements["doc_id"])]
    # Naming is what the actor tables count (a list of bodies chaired names CICA without arguing for it,
    # so the theme's hits leave it out): the same number as the Actors chapter's.
    actors = tables["actors"]
    cica = actors[actors["acronym"] == "CICA"]
    colloc = tables["collocations"].set_index("ngram")
    coverage = priority_coverage(themes, docs, hits, tables["codebook"])
    weak = coverage[coverage["statement_share"] < coverage["article_share"] / 2]
    sim = tables["similarity"]
    pairs = sim[sim["doc_a"] < sim["doc_b"]].sort_values(["cosine", "doc_a"], ascending=[False, True])
    freq = tables["frequencies"]
    stop = frozenset(freq.loc[freq["is_stopword"], "term"])
    return {
        "n_docs": len(docs),
        "n_statements": len(statements),
        "first_year": docs["year"].min(),
        "last_year": docs["year"].max(),
        "n_tokens": int(docs["n_tokens"].sum()),
        "prevention_docs": int((prevention["hits"] > 0).sum()),
        "prevention_hits": int(prevention["hits"].sum()),
        "prevention_silent": [labels[d] for d in prevention.loc[prevention["hits"] == 0, "doc_id"]],
        "cica_docs": int(cica["doc_id"].nunique()),
        "security_development_docs": int(colloc.loc["security and development", "n_docs"])
        if "security and development" in colloc.index else 0,
        "weak_priorities": weak["label"].tolist(),
        "n_priorities": len(coverage),
        "most_alike": (labels[pairs.iloc[0]["doc_a"]], labels[pairs.iloc[0]["doc_b"]]),
        "most_alike_cosine": float(pairs.iloc[0]["cosine"]),
        "article_label": None if article is None else article["label"],
        "article_key_terms": None if article is None else
        key_terms(tables["keyness"], article["doc_id"], n=5, exclude=stop)["term"].tolist(),
    }
