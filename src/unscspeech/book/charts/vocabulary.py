"""The Vocabulary chapter's charts: frequent terms, their dispersion, collocations, lexical diversity."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from unscspeech.book.charts.style import (FACET_LABELS, FACET_WIDTH, HOW_SURE, OKABE_ITO, WIDTH, as_printed,
                                          document_order, genre_scale, genre_legend)


def top_terms(frequencies: pd.DataFrame, documents: pd.DataFrame, n: int = 10,
              paragraphs: pd.DataFrame | None = None) -> alt.FacetChart:
    """Small multiples: each document's most frequent content terms, per 1,000 terms, labelled as
    the texts print them when ``paragraphs`` are given."""
    content = frequencies[(~frequencies["is_stopword"]) & (frequencies["doc_id"].isin(documents["doc_id"]))]
    top = (content.sort_values(["doc_id", "count", "term"], ascending=[True, False, True])
                  .groupby("doc_id").head(n)
                  .merge(documents[["doc_id", "label", "how_sure", "genre"]], on="doc_id"))
    top["shown"] = as_printed(top["term"], paragraphs)
    chart = alt.Chart(top).mark_bar().encode(
        x=alt.X("per_1000:Q", title="Per 1,000 terms"),
        y=alt.Y("shown:N", sort="-x", title=None, axis=alt.Axis(labelLimit=FACET_LABELS)),
        color=alt.Color("genre:N", title="Genre", scale=genre_scale(documents["genre"]), legend=genre_legend()),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("shown:N", title="Term"),
                 alt.Tooltip("term:N", title="Counted as"),
                 alt.Tooltip("count:Q", title="Count"), alt.Tooltip("per_1000:Q", title="Per 1,000", format=".1f")],
    ).properties(width=FACET_WIDTH, height=alt.Step(14))
    return chart.facet(
        facet=alt.Facet("label:N", sort=document_order(documents), title=None, header=alt.Header(labelFontSize=12,
                                                                                               labelFontWeight="bold")),
        columns=2,
    ).resolve_scale(y="independent").properties(
        title=alt.Title(f"The {n} most frequent content terms of each document",
                        subtitle="Stopwords left out; multiword names count as one term"),
        description="Small multiples of bar charts, one per document, of its most frequent content terms "
                    "per 1,000 terms. The most frequent in each: "
                    + "; ".join(f"{label}: {firsts}" for label, firsts in most_frequent(top).items()) + ".",
    )


def most_frequent(top: pd.DataFrame) -> pd.Series:
    """For each document (``label``), its most frequent term as shown (``shown``), or every term
    tied for first ("X and Y, tied"): a description that named one of two equal terms would rank them.

    >>> top = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "label": ["A", "A", "A", "B"],
    ...                     "shown": ["peacekeeping operations", "United Nations", "troops", "CICA"],
    ...                     "count": [9, 9, 4, 3]})
    >>> most_frequent(top).to_dict()
    {'A': 'peacekeeping operations and United Nations, tied', 'B': 'CICA'}
    """
    first = top[top["count"] == top.groupby("doc_id")["count"].transform("max")]
    return first.groupby("doc_id", sort=True).agg(label=("label", "first"), shown=("shown", list)).set_index(
        "label")["shown"].map(lambda terms: _and(terms) + (", tied" if len(terms) > 1 else "")).rename(None)


def _and(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def frequency_dispersion(dispersion: pd.DataFrame, frequencies: pd.DataFrame, min_count: int = 5,
                         paragraphs: pd.DataFrame | None = None) -> alt.Chart:
    """Frequency against dispersion: words used everywhere against words of one speech. The points
    named on the chart are labelled as the texts print them when ``paragraphs`` are given."""
    stop = frequencies.groupby("term")["is_stopword"].first()
    corpus = frequencies[frequencies["doc_id"] == "ALL"].set_index("term")["per_1000"]
    data = dispersion[(dispersion["count"] >= min_count) & ~dispersion["term"].map(stop).astype(bool)].copy()
    data["per_1000"] = data["term"].map(corpus)
    n_docs_max = int(dispersion["n_docs"].max())
    x_title = "Frequency in the corpus (per 1,000 terms, log scale)"
    y_title = "Unevenness across documents (normalised DP)"
    points = alt.Chart(data).mark_circle(size=70, opacity=0.75).encode(
        x=alt.X("per_1000:Q", title=x_title,
                scale=alt.Scale(type="log", nice=False, domain=[float(data["per_1000"].min()) * 0.8,
                                                    float(data["per_1000"].max()) * 1.5])),
        y=alt.Y("dp_norm:Q", title=y_title, scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("n_docs:O", title="Documents using it",
                        scale=alt.Scale(scheme="viridis", reverse=True)),
        tooltip=[alt.Tooltip("term:N", title="Term (lemma)"), alt.Tooltip("count:Q", title="Count"),
                 alt.Tooltip("per_1000:Q", title="Per 1,000", format=".2f"),
                 alt.Tooltip("n_docs:Q", title="Documents"), alt.Tooltip("dp_norm:Q", title="DP (normalised)",
                                                                        format=".2f")],
    )
    labelled = data.sort_values("count", ascending=False).head(8).copy()
    labelled["shown"] = as_printed(labelled["term"], paragraphs)
    # A label that would print over a more frequent term's (close in both frequency and DP) is set
    # to the left of its point instead.
    log_x = np.log10(labelled["per_1000"].to_numpy(dtype=float))
    y = labelled["dp_norm"].to_numpy(dtype=float)
    left = [any(abs(log_x[i] - log_x[j]) < 0.15 and abs(y[i] - y[j]) < 0.03 for j in range(i)) for i in range(len(y))]
    text = dict(fontSize=10, color="#333333")
    encoding = dict(x=alt.X("per_1000:Q", title=x_title), y=alt.Y("dp_norm:Q", title=y_title), text="shown:N")
    labels = (alt.Chart(labelled[[not b for b in left]]).mark_text(align="left", dx=6, **text).encode(**encoding)
              + alt.Chart(labelled[left]).mark_text(align="right", dx=-6, **text).encode(**encoding))
    return (points + labels).properties(
        width=WIDTH, height=320,
        title=alt.Title("Frequent and widespread, or concentrated in one text?",
                        subtitle=[f"Content terms used at least {min_count} times",
                                  f"0 = used in proportion to the {n_docs_max} documents' lengths, 1 = all in the shortest"]),
        description=(f"Scatter plot of {len(data)} content terms: corpus frequency per 1,000 terms (log scale) "
                     "against normalised DP. The most frequent: "
                     + "; ".join(f"{r.shown} (DP {r.dp_norm:.2f})" for r in labelled.head(6).itertuples()) + "."),
    )


def collocation_bars(collocations: pd.DataFrame, n: int = 10,
                     paragraphs: pd.DataFrame | None = None) -> alt.VConcatChart:
    """The strongest word pairs and, separately, triples by log-likelihood (not comparable across
    sizes), labelled as the texts print them when ``paragraphs`` are given."""
    tooltip = [alt.Tooltip("shown:N", title="Collocation"), alt.Tooltip("count:Q", title="Count"),
               alt.Tooltip("n_docs:Q", title="Documents using it"),
               alt.Tooltip("llr:Q", title="Log-likelihood", format=".1f"),
               alt.Tooltip("pmi:Q", title="PMI", format=".2f")]
    panels, described = [], []
    for size, name, colour in ((2, "pairs", OKABE_ITO[2]), (3, "triples", OKABE_ITO[3])):
        top = collocations[collocations["n"] == size].sort_values(["llr", "ngram"], ascending=[False, True]).head(n)
        top = top.assign(shown=as_printed(top["ngram"], paragraphs))
        described += [f"{r.shown} ({r.count} times in {r.n_docs} document{'' if r.n_docs == 1 else 's'})"
                      for r in top.itertuples()]
        panels.append(alt.Chart(top).mark_bar(color=colour).encode(
            x=alt.X("llr:Q", title="Association (log-likelihood)"),
            y=alt.Y("shown:N", sort="-x", title=None), tooltip=tooltip,
        ).properties(width=WIDTH - 80, height=alt.Step(16), title=f"Word {name}"))
    return alt.vconcat(*panels).properties(
        title=alt.Title(f"The strongest collocations: {n} pairs and {n} triples",
                        subtitle="Within sentences, on words as written; hover for counts and documents"),
        description="Two bar charts of collocations by log-likelihood: " + "; ".join(described) + ".",
    )


def lexical_diversity_chart(lexdiv: pd.DataFrame, documents: pd.DataFrame) -> alt.Chart:
    """MTLD per document, with the type-token ratio beside it for contrast."""
    data = lexdiv.merge(documents[["doc_id", "label", "how_sure", "genre"]], on="doc_id")
    order = document_order(documents)
    tooltip = [alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("tokens:Q", title="Tokens", format=","),
               alt.Tooltip("types:Q", title="Types", format=","), alt.Tooltip("ttr:Q", title="TTR", format=".3f"),
               alt.Tooltip("mtld:Q", title="MTLD", format=".1f")]
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=order, title=None), tooltip=tooltip,
                                  color=alt.Color("genre:N", title="Genre", scale=genre_scale(documents["genre"]), legend=genre_legend()))
    mtld_bars = base.mark_bar().encode(x=alt.X("mtld:Q", title="MTLD (higher = more varied)")).properties(
        width=180, title="MTLD: little affected by length")
    ttr_bars = base.mark_bar().encode(x=alt.X("ttr:Q", title="Type-token ratio", scale=alt.Scale(domain=[0, 1]),
                                            axis=alt.Axis(values=[0, 0.5, 1], format=".1f"))
                                      ).properties(width=110, title="TTR: falls as texts grow")
    values = "; ".join(f"{r.label} MTLD {r.mtld:.1f}, TTR {r.ttr:.2f}" for r in data.itertuples())
    return alt.hconcat(mtld_bars, ttr_bars).properties(
        title=alt.Title("Lexical diversity", subtitle="MTLD (McCarthy & Jarvis 2010) against the type-token ratio"),
        description=f"Two bar charts per document, MTLD and type-token ratio: {values}.",
    )
