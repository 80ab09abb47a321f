"""The Themes chapter's charts: each theme in each document, over time, along each text, and together."""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.book.charts.style import (COLUMN, HOW_SURE, OTHER_COLOURS, band_width, document_order, genre_legend,
                                          genre_scale, readable_on, wrapped,
                                          wrapped_axis)
from unscspeech.book.printed import in_sentence
from unscspeech.measures.themes import priority_numbers


def _theme_order(codebook: pd.DataFrame) -> list[str]:
    """Priorities in the article's order, then the themes that emerge from the statements."""
    numbers = priority_numbers(codebook)

    def key(row):
        return (0, int(numbers[row.theme])) if row.theme in numbers.index else (1, row.label)
    return [r.label for r in sorted(codebook.itertuples(), key=key)]


def _with_theme_labels(frame: pd.DataFrame, codebook: pd.DataFrame, column: str = "theme") -> pd.DataFrame:
    labels = codebook.set_index("theme")["label"]
    numbers = priority_numbers(codebook)
    kinds = {t: "article priority" if t in numbers.index else "from the statements" for t in codebook["theme"]}
    return frame.assign(theme_label=frame[column].map(labels), kind=frame[column].map(kinds))


def theme_heatmap(themes: pd.DataFrame, documents: pd.DataFrame, codebook: pd.DataFrame,
                  paragraphs: pd.DataFrame | None = None) -> alt.LayerChart:
    """Documents × themes: hits per 1,000 words, paragraph share in the tooltip. The description
    names each theme as it reads mid-sentence (:func:`unscspeech.book.printed.in_sentence`, which reads
    the texts' capitals when ``paragraphs`` are given)."""
    data = _with_theme_labels(themes.merge(documents[["doc_id", "label", "how_sure"]], on="doc_id"), codebook)
    data["share_text"] = data["paragraph_share"].map(lambda v: f"{v:.0%}")
    labels = 210  # the theme names' width; the document columns share the rest of the column
    y = alt.Y("theme_label:N", sort=_theme_order(codebook), title=None,
              axis=wrapped_axis(data["theme_label"], 32, labelLimit=labels))
    x = alt.X("label:N", sort=document_order(documents), title=None, axis=alt.Axis(labelAngle=-30, orient="top"))
    tooltip = [alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("theme_label:N", title="Theme"),
               alt.Tooltip("kind:N", title="Source"), alt.Tooltip("hits:Q", title="Hits"),
               alt.Tooltip("per_1000:Q", title="Per 1,000 words", format=".1f"),
               alt.Tooltip("share_text:N", title="Paragraphs touching it")]
    cells = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("per_1000:Q", title="Hits per 1,000 words",
                        scale=alt.Scale(scheme="blues", domainMin=0)))
    top = float(data["per_1000"].max())
    text = alt.Chart(data[data["hits"] > 0]).mark_text(fontSize=11).encode(
        x=x, y=y, text=alt.Text("per_1000:Q", format=".1f"), tooltip=tooltip,
        color=readable_on("per_1000", top))
    strongest = data.sort_values("per_1000", ascending=False).groupby("label").head(1)
    return (cells + text).properties(
        width=alt.Step(band_width(len(documents), COLUMN - labels - 20, 62)), height=alt.Step(30),
        title=alt.Title("Which themes each document carries",
                        subtitle="Hits per 1,000 words; the seven article priorities first; a cell without a number: no hit"),
        description=("Heatmap of themes by document, hits per 1,000 words. The strongest theme of each document: "
                     + "; ".join(f"{r.label}: {in_sentence(r.theme_label, paragraphs)} ({r.per_1000:.1f})"
                                 for r in strongest.itertuples())
                     + "."),
    )


def themes_over_time(themes: pd.DataFrame, documents: pd.DataFrame, codebook: pd.DataFrame) -> alt.FacetChart:
    """Each theme's weight in each document, in date order: one small panel per theme."""
    data = _with_theme_labels(themes.merge(documents[["doc_id", "label", "how_sure", "genre"]], on="doc_id"), codebook)
    base = alt.Chart(data).encode(
        x=alt.X("label:N", sort=document_order(documents), title=None, axis=alt.Axis(labelAngle=-40, labelFontSize=9)),
        y=alt.Y("per_1000:Q", title="Per 1,000 words"),
        tooltip=[alt.Tooltip("theme_label:N", title="Theme"), alt.Tooltip("label:N", title="Document"), HOW_SURE,
                 alt.Tooltip("hits:Q", title="Hits"), alt.Tooltip("per_1000:Q", title="Per 1,000 words", format=".1f")])
    lines = base.mark_line(color="#999999", strokeWidth=1.2)
    points = base.mark_point(filled=True, size=45).encode(
        color=alt.Color("genre:N", title="Genre", scale=genre_scale(documents["genre"]), legend=genre_legend()))
    return alt.layer(lines, points).properties(width=145, height=80).facet(
        facet=alt.Facet("theme_label:N", sort=_theme_order(codebook), title=None,
                        header=alt.Header(labelFontSize=11, labelExpr=wrapped(data["theme_label"], 28))),
        columns=3,
    ).properties(
        title=alt.Title("The themes over time", subtitle="Each panel one theme; the documents in date order, evenly spaced"),
        description="Small multiples, one per theme, of hits per 1,000 words in each document, in date order.",
    )


def theme_xray(hits: pd.DataFrame, documents: pd.DataFrame, codebook: pd.DataFrame) -> alt.FacetChart:
    """Where in each document the themes fall: a tick for every hit, from start to end."""
    data = _with_theme_labels(hits.merge(documents[["doc_id", "label", "how_sure"]], on="doc_id"), codebook)
    labels = 200  # the theme names' width, two lines at most; the documents' panels share the rest of the column
    chart = alt.Chart(data).mark_tick(thickness=2, size=13).encode(
        x=alt.X("position:Q", title="Position", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(values=[0, 0.5, 1], format=".1f")),
        y=alt.Y("theme_label:N", sort=_theme_order(codebook), title=None,
                axis=wrapped_axis(data["theme_label"], 31, 11, labelLimit=labels)),
        color=alt.Color("kind:N", title="Theme from", scale=alt.Scale(
            domain=["article priority", "from the statements"], range=[OTHER_COLOURS[3], OTHER_COLOURS[0]])),
        tooltip=[alt.Tooltip("theme_label:N", title="Theme"), alt.Tooltip("match:N", title="Words"),
                 alt.Tooltip("paragraph:Q", title="Paragraph"), alt.Tooltip("label:N", title="Document"), HOW_SURE],
    ).properties(width=band_width(len(documents), COLUMN - labels - 70, 78) - 6, height=alt.Step(26))
    return chart.facet(
        column=alt.Column("label:N", sort=document_order(documents), title=None,
                          header=alt.Header(labelAngle=-30, labelAlign="left", labelFontWeight="bold",
                                            labelFontSize=10, labelOrient="top")),
        spacing=6,
    ).properties(
        title=alt.Title("Where in each document the themes fall",
                        subtitle="One tick per hit, from the start (0) to the end (1) of each document"),
        description=f"Lexical dispersion plot of {len(data)} theme hits by position within each document.",
    )


def cooccurrence_heatmap(cooccurrence: pd.DataFrame, codebook: pd.DataFrame,
                         paragraphs: pd.DataFrame | None = None) -> alt.LayerChart:
    """Which themes share paragraphs: the Jaccard index of every pair. The description names the
    themes as they read mid-sentence (``paragraphs``: see :func:`theme_heatmap`)."""
    labels = codebook.set_index("theme")["label"]
    pairs = cooccurrence.assign(a=cooccurrence["theme_a"].map(labels), b=cooccurrence["theme_b"].map(labels))
    both = pd.concat([pairs, pairs.rename(columns={"a": "b", "b": "a", "paragraphs_a": "paragraphs_b",
                                                    "paragraphs_b": "paragraphs_a"})], ignore_index=True)
    order = _theme_order(codebook)
    tooltip = [alt.Tooltip("a:N", title="Theme"), alt.Tooltip("b:N", title="With"),
               alt.Tooltip("paragraphs_both:Q", title="Paragraphs with both"),
               alt.Tooltip("jaccard:Q", title="Jaccard", format=".2f")]
    labels = 200
    cell = band_width(len(order), COLUMN - labels - 30, 24, 16)
    cells = alt.Chart(both).mark_rect(stroke="white").encode(
        x=alt.X("a:N", sort=order, title=None,
                axis=alt.Axis(labelAngle=-45, labelLimit=280, labelFontSize=10)),
        y=alt.Y("b:N", sort=order, title=None,
                axis=wrapped_axis(order, 34, 10, labelLimit=labels)),
        color=alt.condition(alt.datum.jaccard > 0,
                            alt.Color("jaccard:Q", title="Jaccard index", scale=alt.Scale(scheme="purples", domainMin=0)),
                            alt.value("white")),
        tooltip=tooltip)
    top = pairs.sort_values(["jaccard", "paragraphs_both"], ascending=False).head(3)
    return cells.properties(
        width=alt.Step(cell), height=alt.Step(cell),
        title=alt.Title("Themes that travel together",
                        subtitle="Share of paragraphs touching either theme that touch both; white: never together"),
        description="Heatmap of theme co-occurrence in paragraphs (Jaccard index). The strongest pairs: "
                    + "; ".join(f"{in_sentence(r.a, paragraphs)} with {in_sentence(r.b, paragraphs)} ({r.jaccard:.2f})"
                                for r in top.itertuples()) + ".",
    )
