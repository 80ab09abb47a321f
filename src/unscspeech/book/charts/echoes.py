"""The Echoes chapter's chart: how alike each pair of documents is."""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.book.charts.style import COLUMN, band_width, document_order, readable_on


def similarity_heatmap(similarity: pd.DataFrame, documents: pd.DataFrame) -> alt.LayerChart:
    """Cosine similarity of every pair of documents, over TF-IDF of their content terms."""
    labels = documents.set_index("doc_id")["label"]
    data = similarity.assign(a=similarity["doc_a"].map(labels), b=similarity["doc_b"].map(labels))
    order = document_order(documents)
    enc = dict(x=alt.X("a:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30)),
               y=alt.Y("b:N", sort=order, title=None),
               tooltip=[alt.Tooltip("a:N", title="Document"), alt.Tooltip("b:N", title="And"),
                        alt.Tooltip("cosine:Q", title="Cosine", format=".2f")])
    off = data[data["doc_a"] != data["doc_b"]]
    cells = alt.Chart(off).mark_rect(stroke="white").encode(
        color=alt.Color("cosine:Q", title="Cosine similarity", scale=alt.Scale(scheme="greens", domainMin=0)), **enc)
    top = float(off["cosine"].max()) if len(off) else 0.0
    text = alt.Chart(off).mark_text(fontSize=12).encode(
        text=alt.Text("cosine:Q", format=".2f"), color=readable_on("cosine", top, dark="#111111"), **enc)
    best = off.sort_values("cosine", ascending=False).iloc[0]
    return (cells + text).properties(
        width=alt.Step(band_width(len(order), COLUMN - 160, 80)), height=alt.Step(40),
        title=alt.Title("How alike the documents are", subtitle="Cosine similarity of TF-IDF vectors of content terms"),
        description=f"Heatmap of pairwise document similarity; the most similar pair is {best.a} and {best.b} "
                    f"({best.cosine:.2f}).",
    )
