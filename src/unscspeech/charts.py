"""The book's charts, in one colour-blind-safe Altair theme.

Every chart has a title, axis titles, tooltips and a ``description`` (read out
as the chart's alternative text by the offline renderer and by Vega's own ARIA
support). Functions take the processed tables and return an ``alt.Chart``; they
compute nothing the tables do not already hold beyond reshaping, and they name
nothing by hand, so the same code draws any corpus.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.tables import ACTION_ORDER, disposition_counts

#: Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GENRE_COLOURS = {"council_statement": "#0072B2", "article": "#E69F00"}
ACTION_COLOURS = {"kept": "#009E73", "joined": "#56B4E9", "changed": "#E69F00", "removed": "#D55E00"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 440  # fits the book's text column (about 690 px) with the axis labels
THEME = "unscspeech"


@alt.theme.register(THEME, enable=True)
def theme() -> alt.theme.ThemeConfig:
    """One look for every chart: readable type, quiet grid, Okabe–Ito colours."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 300},
            "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12,
                      "subtitleColor": "#444444", "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e6e6e6",
                     "labelColor": "#222222", "titleColor": "#222222", "labelLimit": 260},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "titleLimit": 400,
                       "labelLimit": 300},
            "range": {"category": OKABE_ITO},
            "bar": {"discreteBandSize": {"band": 0.7}},
        }
    }


def _genre_scale(genres: pd.Series) -> alt.Scale:
    present = [g for g in GENRE_COLOURS if g in set(genres)]
    others = sorted(set(genres) - set(present))
    domain = present + others
    extra = [c for c in OKABE_ITO if c not in GENRE_COLOURS.values()]
    return alt.Scale(domain=domain, range=[GENRE_COLOURS.get(g) or extra[i % len(extra)]
                                          for i, g in enumerate(domain)])


def _sort_by_date(documents: pd.DataFrame) -> list[str]:
    return documents.sort_values(["date", "doc_id"])["label"].tolist()


def timeline(documents: pd.DataFrame, periods: pd.DataFrame | None = None) -> alt.Chart:
    """When each document was delivered or published, with how sure that date is."""
    docs = documents[documents["date"] != ""].copy()
    first, last = docs["year"].min(), docs["year"].max()
    order = _sort_by_date(docs)
    x_title = "Date of the statement or article"
    base = alt.Chart(docs)
    points = base.mark_point(size=160, strokeWidth=2.5).encode(
        x=alt.X("date:T", title=x_title, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("label:N", sort=order, title=None),
        color=alt.Color("genre:N", title="Genre", scale=_genre_scale(docs["genre"])),
        shape=alt.Shape("date_certainty:N", title="Date is", scale=alt.Scale(
            domain=["confirmed", "inferred", "unknown"], range=["circle", "diamond", "cross"])),
        fill=alt.Fill("genre:N", scale=_genre_scale(docs["genre"]), legend=None),
        tooltip=[alt.Tooltip("title:N", title="Title"), alt.Tooltip("speaker:N", title="Speaker"),
                 alt.Tooltip("speaker_role:N", title="Role"),
                 alt.Tooltip("date:T", title="Date", format="%d %B %Y"),
                 alt.Tooltip("date_certainty:N", title="Date is"),
                 alt.Tooltip("meeting:N", title="Meeting"), alt.Tooltip("genre:N", title="Genre"),
                 alt.Tooltip("delivery_language:N", title="Delivered in")],
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
                        subtitle="Hover a point for its title, meeting and how sure its date is"),
        description=(f"Timeline of the {n} documents from {first} to {last}: "
                     + "; ".join(f"{r.label}, {r.genre.replace('_', ' ')}, date {r.date_certainty}"
                                 for r in docs.sort_values('date').itertuples()) + "."),
    )


def document_lengths(documents: pd.DataFrame) -> alt.Chart:
    """How long each document is, in word tokens, with its other sizes in the tooltip."""
    docs = documents.copy()
    order = _sort_by_date(docs)
    bars = alt.Chart(docs).mark_bar().encode(
        x=alt.X("n_tokens:Q", title="Length (word tokens)"),
        y=alt.Y("label:N", sort=order, title=None),
        color=alt.Color("genre:N", title="Genre", scale=_genre_scale(docs["genre"])),
        tooltip=[alt.Tooltip("label:N", title="Document"), alt.Tooltip("genre:N", title="Genre"),
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
                     + "; ".join(f"{r.label} {r.n_tokens:,}" for r in docs.sort_values('date').itertuples())
                     + f". The longest is {longest.label}."),
    )


def cleaning_summary(log: pd.DataFrame, documents: pd.DataFrame) -> alt.Chart:
    """What happened to every raw line of every document: kept, joined, changed or removed."""
    counts = disposition_counts(log, documents)
    order = _sort_by_date(documents)
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
        tooltip=[alt.Tooltip("label:N", title="Document"), alt.Tooltip("action:N", title="Action"),
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
