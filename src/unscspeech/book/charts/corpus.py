"""The Corpus chapter's charts: when the documents were written, how long they are, what cleaning did."""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.book.certainty import shown, titled
from unscspeech.book.charts.style import (GENRE_TOOLTIP, HOW_SURE, WIDTH, document_order, genre_legend, genre_scale,
                                          with_genre_names)
from unscspeech.book.cleaning_summary import ACTION_ORDER, disposition_counts
from unscspeech.input.corpus import CERTAINTIES


ACTION_COLOURS = {"kept": "#009E73", "joined": "#56B4E9", "changed": "#CC79A7", "removed": "#D55E00"}


def timeline(documents: pd.DataFrame, periods: pd.DataFrame | None = None) -> alt.Chart:
    """When each document was delivered or published, with how sure that date is."""
    docs = documents[documents["date"] != ""].copy()
    for value in ("speaker", "speaker_role", "date", "meeting", "delivery_language"):
        docs[f"{value}_shown"] = shown(docs, value)
    docs["title_shown"] = titled(docs)
    # Only what the chart draws: the spec embeds its data, which should hold no unmarked value.
    docs = with_genre_names(docs[["doc_id", "date", "year", "label", "genre", "date_certainty", "how_sure",
                                  *[c for c in docs.columns if c.endswith("_shown")]]])
    first, last = docs["year"].min(), docs["year"].max()
    order = document_order(docs)
    x_title = "Date of the statement or article"
    base = alt.Chart(docs)
    # Padded, so that the first and last points stand clear of the axis and the edge; opaque, so that
    # the genres' colours read as they do in the other charts.
    points = base.mark_point(size=160, strokeWidth=2.5, opacity=1).encode(
        x=alt.X("date:T", title=x_title, axis=alt.Axis(format="%Y", tickCount="year"), scale=alt.Scale(padding=18)),
        y=alt.Y("label:N", sort=order, title=None),
        color=alt.Color("genre:N", title="Genre", scale=genre_scale(docs["genre"]), legend=genre_legend()),
        shape=alt.Shape("date_certainty:N", title="Date is", scale=alt.Scale(
            domain=[lv for lv in CERTAINTIES if lv in set(docs["date_certainty"])],
            range=[shape for lv, shape in zip(CERTAINTIES, ["circle", "diamond", "triangle-up", "square", "cross"])
                   if lv in set(docs["date_certainty"])])),
        fill=alt.Fill("genre:N", scale=genre_scale(docs["genre"]), legend=None),
        tooltip=[alt.Tooltip("title_shown:N", title="Title"), alt.Tooltip("label:N", title="Document"),
                 alt.Tooltip("speaker_shown:N", title="Speaker"), alt.Tooltip("speaker_role_shown:N", title="Role"),
                 alt.Tooltip("date_shown:N", title="Date"), alt.Tooltip("meeting_shown:N", title="Meeting"),
                 GENRE_TOOLTIP, alt.Tooltip("delivery_language_shown:N", title="Language"),
                 HOW_SURE],
    )
    layers = [points]
    if periods is not None and len(periods):
        band = alt.Chart(periods).mark_rect(color="#999999", opacity=0.18).encode(
            x=alt.X("start:T", title=x_title), x2="end:T",
            tooltip=[alt.Tooltip("label:N", title="Period"),
                     alt.Tooltip("start:T", title="From", format="%d %B %Y"),
                     alt.Tooltip("end:T", title="To", format="%d %B %Y")])
        label = alt.Chart(periods).mark_text(align="right", baseline="top", dx=-4, dy=4,
                                             fontSize=11, color="#444444").encode(
            x=alt.X("start:T", title=x_title), y=alt.value(0), text="label:N")
        layers = [band, label, points]
    n = len(docs)
    return alt.layer(*layers).properties(
        width=WIDTH, height=max(160, 36 * n),
        title=alt.Title(f"The {n} documents, {first}–{last}",
                        subtitle="Hover a point for its title, meeting and how sure each value is"),
        description=(f"Timeline of the {n} documents from {first} to {last}: "
                     + "; ".join(f"{r.label}, {r.genre.replace('_', ' ')}, date {r.date_certainty}"
                                 for r in docs.sort_values('date').itertuples()) + "."),
    )


def document_lengths(documents: pd.DataFrame) -> alt.Chart:
    """How long each document is, in word tokens, with its other sizes in the tooltip."""
    order = document_order(documents)
    docs = documents.sort_values(["date", "doc_id"])[["doc_id", "label", "genre", "how_sure", "n_tokens", "n_types",
                                                      "n_sentences", "n_paragraphs"]].pipe(with_genre_names)
    bars = alt.Chart(docs).mark_bar().encode(
        x=alt.X("n_tokens:Q", title="Length (word tokens)"),
        y=alt.Y("label:N", sort=order, title=None),
        color=alt.Color("genre:N", title="Genre", scale=genre_scale(docs["genre"]), legend=genre_legend()),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, GENRE_TOOLTIP,
                 alt.Tooltip("n_tokens:Q", title="Word tokens", format=","),
                 alt.Tooltip("n_types:Q", title="Distinct words", format=","),
                 alt.Tooltip("n_sentences:Q", title="Sentences"),
                 alt.Tooltip("n_paragraphs:Q", title="Paragraphs")],
    )
    text = bars.mark_text(align="left", dx=4, color="#222222").encode(
        text=alt.Text("n_tokens:Q", format=","), color=alt.value("#222222"))
    longest = docs.loc[docs["n_tokens"].idxmax()]
    return (bars + text).properties(
        width=WIDTH, height=max(140, 36 * len(docs)),
        title=alt.Title("Document length in word tokens",
                        subtitle="Hover a bar for sentences, paragraphs and distinct words"),
        description=("Bar chart of document lengths in word tokens: "
                     + "; ".join(f"{r.label} {r.n_tokens:,}" for r in docs.itertuples())
                     + f". The longest is {longest.label}."),
    )


def cleaning_summary(log: pd.DataFrame, documents: pd.DataFrame) -> alt.Chart:
    """What happened to every raw line of every document: kept, joined, changed or removed."""
    counts = disposition_counts(log, documents)
    order = document_order(documents)
    counts["order"] = counts["action"].map({a: i for i, a in enumerate(ACTION_ORDER[::-1])})
    total = counts.groupby("label")["lines"].transform("sum")
    counts["share"] = counts["lines"] / total
    chart = alt.Chart(counts[counts["lines"] > 0]).mark_bar().encode(
        x=alt.X("lines:Q", title="Raw lines", stack="zero"),
        y=alt.Y("label:N", sort=order, title=None),
        color=alt.Color("action:N", title="Line was",
                        scale=alt.Scale(domain=list(ACTION_ORDER[::-1]),
                                        range=[ACTION_COLOURS[a] for a in ACTION_ORDER[::-1]])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("action:N", title="Action"),
                 alt.Tooltip("lines:Q", title="Raw lines"),
                 alt.Tooltip("share:Q", title="Share of the file's lines", format=".0%")],
    )
    n_lines = int(counts["lines"].sum())
    by_action = counts.groupby("action")["lines"].sum()
    return chart.properties(
        width=WIDTH, height=max(140, 36 * len(documents)),
        title=alt.Title(f"What the cleaning did to all {n_lines:,} raw lines",
                        subtitle="Each raw line counted once, by the strongest action taken on it"),
        description=(f"Stacked bar chart of the {n_lines:,} raw lines per document by action: "
                     + ", ".join(f"{by_action.get(a, 0):,} {a}" for a in ACTION_ORDER) + "."),
    )
