"""The Stance chapter's charts: how each speaker frames, hedges and appraises."""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.book.certainty import shown
from unscspeech.book.charts.style import (COLUMN, GENRE_TOOLTIP, HOW_SURE, WIDTH, band_width, document_order,
                                          readable_on, with_genre_names)
from unscspeech.measures.stance import CATEGORIES


CATEGORY_COLOURS = dict(zip(CATEGORIES, ["#CC79A7", "#D55E00", "#009E73"]))


def stance_by_document(stance: pd.DataFrame, documents: pd.DataFrame) -> alt.Chart:
    """Stance markers per 1,000 words, by category, for each document."""
    data = (stance.groupby(["doc_id", "category"], sort=False)[["count", "per_1000"]].sum().reset_index()
            .merge(documents.assign(language=shown(documents, "delivery_language"))[
                ["doc_id", "label", "how_sure", "genre", "language"]], on="doc_id").pipe(with_genre_names))
    order = list(CATEGORIES)
    colours = alt.Scale(domain=order, range=[CATEGORY_COLOURS[c] for c in order])
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("per_1000:Q", title="Markers per 1,000 words"),
        y=alt.Y("label:N", sort=document_order(documents), title=None),
        yOffset=alt.YOffset("category:N", sort=order),
        color=alt.Color("category:N", title="Category", sort=order, scale=colours),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("category:N", title="Category"),
                 alt.Tooltip("count:Q", title="Markers"), alt.Tooltip("per_1000:Q", title="Per 1,000 words",
                                                                      format=".1f"),
                 GENRE_TOOLTIP, alt.Tooltip("language:N", title="Language")])
    top = data.sort_values("per_1000", ascending=False).groupby("category").head(1)
    return chart.properties(
        width=WIDTH, height=alt.Step(11),
        title=alt.Title("How the speakers position themselves",
                        subtitle="Framing (we believe, my delegation…), modality (must, should…) and appreciation"),
        description=("Grouped bar chart of stance markers per 1,000 words by category and document. Highest: "
                     + "; ".join(f"{r.category} in {r.label} ({r.per_1000:.1f})" for r in top.itertuples()) + "."),
    )


def stance_markers_heatmap(stance: pd.DataFrame, documents: pd.DataFrame) -> alt.LayerChart:
    """Each marker × document: per 1,000 words, with the count, grouped by category."""
    data = stance.merge(documents[["doc_id", "label", "how_sure"]], on="doc_id")
    order = [m for c in CATEGORIES for m in stance.loc[stance["category"] == c, "marker"].drop_duplicates()]
    labels = 220  # the markers' width; the document columns share the rest of the column
    y = alt.Y("marker:N", sort=order, title=None, axis=alt.Axis(labelLimit=labels))
    x = alt.X("label:N", sort=document_order(documents), title=None, axis=alt.Axis(labelAngle=-30, orient="top"))
    tooltip = [alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("category:N", title="Category"),
               alt.Tooltip("marker:N", title="Marker"), alt.Tooltip("count:Q", title="Count"),
               alt.Tooltip("per_1000:Q", title="Per 1,000 words", format=".1f")]
    cells = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("per_1000:Q", title="Per 1,000 words", scale=alt.Scale(scheme="purples", domainMin=0)))
    top = float(data["per_1000"].max()) or 1.0
    text = alt.Chart(data[data["count"] > 0]).mark_text(fontSize=11).encode(
        x=x, y=y, text="count:Q", tooltip=tooltip,
        color=readable_on("per_1000", top))
    used = data.groupby("marker")["count"].sum()
    used = used.reindex(sorted(used.index, key=lambda m: (-used[m], m)))
    most = used[used >= used.iloc[min(5, len(used)) - 1]] if len(used) else used  # the top five and any tied with the fifth
    return (cells + text).properties(
        width=alt.Step(band_width(len(documents), COLUMN - labels - 20, 62)), height=alt.Step(20),
        title=alt.Title("Each stance marker in each document",
                        subtitle=["Colour: per 1,000 words; number: count; no number: not used",
                                  "Framing, then modality, then appreciation"]),
        description=("Heatmap of stance markers by document. Most used over the corpus: "
                     + "; ".join(f"{m} ({n})" for m, n in most.items())
                     + f". Never used: {', '.join(used[used == 0].index) or 'none'}."),
    )
