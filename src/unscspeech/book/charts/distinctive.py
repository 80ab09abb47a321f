"""The Distinctive chapter's chart: each document's most over-used terms against the rest."""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.book.charts.style import (FACET_LABELS, FACET_WIDTH, HOW_SURE, OTHER_COLOURS, as_printed,
                                          document_order)
from unscspeech.measures.keyness import ALPHA, MIN_COUNT


def keyness_bars(keyness: pd.DataFrame, documents: pd.DataFrame, stopwords: set[str] | frozenset[str],
                 n: int = 10, alpha: float = ALPHA, min_count: int = MIN_COUNT,
                 paragraphs: pd.DataFrame | None = None) -> alt.FacetChart:
    """Per document, the terms it over-uses most against the rest (log ratio), significance marked,
    labelled as the texts print them when ``paragraphs`` are given."""
    data = keyness[(keyness["target_count"] >= min_count) & (keyness["log_ratio"] > 0)
                   & ~keyness["term"].isin(stopwords)].copy()
    data = (data.sort_values(["doc_id", "log_ratio", "g2", "term"], ascending=[True, False, False, True])
                .groupby("doc_id").head(n).merge(documents[["doc_id", "label", "how_sure"]], on="doc_id"))
    data["significance"] = data["p_value"].map(lambda p: f"p < {alpha:g}" if p < alpha else f"not significant")
    data["shown"] = as_printed(data["term"], paragraphs)
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("log_ratio:Q", title="Log ratio"),
        y=alt.Y("shown:N", sort="-x", title=None, axis=alt.Axis(labelLimit=FACET_LABELS)),
        color=alt.Color("significance:N", title="G² test",
                        scale=alt.Scale(domain=[f"p < {alpha:g}", "not significant"],
                                        range=[OTHER_COLOURS[0], "#BBBBBB"])),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("shown:N", title="Term"),
                 alt.Tooltip("term:N", title="Counted as"), alt.Tooltip("target_count:Q", title="Count here"),
                 alt.Tooltip("reference_count:Q", title="Count in the rest"),
                 alt.Tooltip("log_ratio:Q", title="Log ratio", format=".2f"),
                 alt.Tooltip("g2:Q", title="G²", format=".1f"), alt.Tooltip("p_value:Q", title="p", format=".4f"),
                 alt.Tooltip("log_odds_z:Q", title="Log-odds z", format=".2f")],
    ).properties(width=FACET_WIDTH, height=alt.Step(14))
    firsts = data.groupby("label").head(1)
    return chart.facet(
        facet=alt.Facet("label:N", sort=document_order(documents), title=None,
                        header=alt.Header(labelFontSize=12, labelFontWeight="bold")),
        columns=2,
    ).resolve_scale(y="independent").properties(
        title=alt.Title("What each document says more than the others",
                        subtitle=[f"Content terms used at least {min_count} times, by log ratio against the rest "
                                  "of the corpus", "A log ratio of 1 means twice as frequent as in the rest, 2 four times"]),
        description="Small multiples of bar charts of each document's most over-used terms by log ratio, "
                    f"coloured by significance (p < {alpha:g}). The top term of each: "
                    + "; ".join(f"{r.label}: {r.shown}" for r in firsts.itertuples()) + ".",
    )
