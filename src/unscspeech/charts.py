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


def _doc_order(documents: pd.DataFrame) -> list[str]:
    return documents.sort_values(["date", "doc_id"])["label"].tolist()


def top_terms(frequencies: pd.DataFrame, documents: pd.DataFrame, n: int = 10) -> alt.FacetChart:
    """Small multiples: each document's most frequent content terms, per 1,000 terms."""
    content = frequencies[(~frequencies["is_stopword"]) & (frequencies["doc_id"].isin(documents["doc_id"]))]
    top = (content.sort_values(["doc_id", "count", "term"], ascending=[True, False, True])
                  .groupby("doc_id").head(n)
                  .merge(documents[["doc_id", "label", "genre"]], on="doc_id"))
    chart = alt.Chart(top).mark_bar().encode(
        x=alt.X("per_1000:Q", title="Per 1,000 terms"),
        y=alt.Y("term:N", sort="-x", title=None),
        color=alt.Color("genre:N", title="Genre", scale=_genre_scale(documents["genre"])),
        tooltip=[alt.Tooltip("label:N", title="Document"), alt.Tooltip("term:N", title="Term"),
                 alt.Tooltip("count:Q", title="Count"), alt.Tooltip("per_1000:Q", title="Per 1,000", format=".1f")],
    ).properties(width=190, height=alt.Step(14))
    firsts = top.sort_values(["doc_id", "count"], ascending=[True, False]).groupby("label").head(1)
    return chart.facet(
        facet=alt.Facet("label:N", sort=_doc_order(documents), title=None, header=alt.Header(labelFontSize=12,
                                                                                               labelFontWeight="bold")),
        columns=2,
    ).resolve_scale(y="independent").properties(
        title=alt.Title(f"The {n} most frequent content terms of each document",
                        subtitle="Stopwords left out; multiword names count as one term"),
        description="Small multiples of bar charts, one per document, of its most frequent content terms "
                    "per 1,000 terms. The most frequent in each: "
                    + "; ".join(f"{r.label}: {r.term}" for r in firsts.itertuples()) + ".",
    )


def frequency_dispersion(dispersion: pd.DataFrame, frequencies: pd.DataFrame, min_count: int = 5) -> alt.Chart:
    """Frequency against dispersion: words used everywhere against words of one speech."""
    stop = frequencies.groupby("term")["is_stopword"].first()
    corpus = frequencies[frequencies["doc_id"] == "ALL"].set_index("term")["per_1000"]
    data = dispersion[(dispersion["count"] >= min_count) & ~dispersion["term"].map(stop).astype(bool)].copy()
    data["per_1000"] = data["term"].map(corpus)
    n_docs_max = int(dispersion["n_docs"].max())
    points = alt.Chart(data).mark_circle(size=70, opacity=0.75).encode(
        x=alt.X("per_1000:Q", title="Frequency in the corpus (per 1,000 terms, log scale)",
                scale=alt.Scale(type="log", domain=[float(data["per_1000"].min()) * 0.8,
                                                    float(data["per_1000"].max()) * 1.5])),
        y=alt.Y("dp_norm:Q", title="Unevenness across documents (normalised DP)", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("n_docs:O", title="Documents using it",
                        scale=alt.Scale(scheme="viridis", reverse=True)),
        tooltip=[alt.Tooltip("term:N", title="Term"), alt.Tooltip("count:Q", title="Count"),
                 alt.Tooltip("per_1000:Q", title="Per 1,000", format=".2f"),
                 alt.Tooltip("n_docs:Q", title="Documents"), alt.Tooltip("dp_norm:Q", title="DP (normalised)",
                                                                        format=".2f")],
    )
    labelled = data.sort_values("count", ascending=False).head(8)
    labels = alt.Chart(labelled).mark_text(align="left", dx=6, fontSize=10, color="#333333").encode(
        x="per_1000:Q", y="dp_norm:Q", text="term:N")
    return (points + labels).properties(
        width=WIDTH, height=320,
        title=alt.Title("Frequent and widespread, or concentrated in one text?",
                        subtitle=f"Content terms used at least {min_count} times; 0 = spread evenly over "
                                 f"the {n_docs_max} documents, 1 = all in one"),
        description=(f"Scatter plot of {len(data)} content terms: corpus frequency per 1,000 terms (log scale) "
                     "against normalised DP. The most frequent: "
                     + "; ".join(f"{r.term} (DP {r.dp_norm:.2f})" for r in labelled.head(6).itertuples()) + "."),
    )


def collocation_bars(collocations: pd.DataFrame, n: int = 10) -> alt.VConcatChart:
    """The strongest word pairs and, separately, triples by log-likelihood (not comparable across sizes)."""
    tooltip = [alt.Tooltip("ngram:N", title="Collocation"), alt.Tooltip("count:Q", title="Count"),
               alt.Tooltip("n_docs:Q", title="Documents using it"),
               alt.Tooltip("llr:Q", title="Log-likelihood", format=".1f"),
               alt.Tooltip("pmi:Q", title="PMI", format=".2f")]
    panels, described = [], []
    for size, name, colour in ((2, "pairs", OKABE_ITO[2]), (3, "triples", OKABE_ITO[3])):
        top = collocations[collocations["n"] == size].sort_values(["llr", "ngram"], ascending=[False, True]).head(n)
        described += [f"{r.ngram} ({r.count} times in {r.n_docs} documents)" for r in top.itertuples()]
        panels.append(alt.Chart(top).mark_bar(color=colour).encode(
            x=alt.X("llr:Q", title="Association (log-likelihood)"),
            y=alt.Y("ngram:N", sort="-x", title=None), tooltip=tooltip,
        ).properties(width=WIDTH - 80, height=alt.Step(16), title=f"Word {name}"))
    return alt.vconcat(*panels).properties(
        title=alt.Title(f"The strongest collocations: {n} pairs and {n} triples",
                        subtitle="Within sentences, on words as written; hover for counts and documents"),
        description="Two bar charts of collocations by log-likelihood: " + "; ".join(described) + ".",
    )


def lexical_diversity_chart(lexdiv: pd.DataFrame, documents: pd.DataFrame) -> alt.Chart:
    """MTLD per document, with the type-token ratio beside it for contrast."""
    data = lexdiv.merge(documents[["doc_id", "label", "genre"]], on="doc_id")
    order = _doc_order(documents)
    tooltip = [alt.Tooltip("label:N", title="Document"), alt.Tooltip("tokens:Q", title="Tokens", format=","),
               alt.Tooltip("types:Q", title="Types", format=","), alt.Tooltip("ttr:Q", title="TTR", format=".3f"),
               alt.Tooltip("mtld:Q", title="MTLD", format=".1f")]
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=order, title=None), tooltip=tooltip,
                                  color=alt.Color("genre:N", title="Genre", scale=_genre_scale(documents["genre"])))
    mtld_bars = base.mark_bar().encode(x=alt.X("mtld:Q", title="MTLD (higher = more varied)")).properties(
        width=230, title="MTLD: independent of length")
    ttr_bars = base.mark_bar().encode(x=alt.X("ttr:Q", title="Type-token ratio", scale=alt.Scale(domain=[0, 1]),
                                            axis=alt.Axis(values=[0, 0.5, 1], format=".1f"))
                                      ).properties(width=150, title="TTR: falls as texts grow")
    values = "; ".join(f"{r.label} MTLD {r.mtld:.1f}, TTR {r.ttr:.2f}" for r in data.itertuples())
    return alt.hconcat(mtld_bars, ttr_bars).properties(
        title=alt.Title("Lexical diversity", subtitle="MTLD (McCarthy & Jarvis 2010) against the type-token ratio"),
        description=f"Two bar charts per document, MTLD and type-token ratio: {values}.",
    )


def keyness_bars(keyness: pd.DataFrame, documents: pd.DataFrame, stopwords: set[str] | frozenset[str],
                 n: int = 10, alpha: float = 0.01, min_count: int = 3) -> alt.FacetChart:
    """Per document, the terms it over-uses most against the rest (log ratio), significance marked."""
    data = keyness[(keyness["target_count"] >= min_count) & (keyness["log_ratio"] > 0)
                   & ~keyness["term"].isin(stopwords)].copy()
    data = (data.sort_values(["doc_id", "log_ratio", "g2", "term"], ascending=[True, False, False, True])
                .groupby("doc_id").head(n).merge(documents[["doc_id", "label"]], on="doc_id"))
    data["significance"] = data["p_value"].map(lambda p: f"p < {alpha:g}" if p < alpha else f"not significant")
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("log_ratio:Q", title="Log ratio"),
        y=alt.Y("term:N", sort="-x", title=None),
        color=alt.Color("significance:N", title="G² test",
                        scale=alt.Scale(domain=[f"p < {alpha:g}", "not significant"],
                                        range=[OKABE_ITO[0], "#BBBBBB"])),
        tooltip=[alt.Tooltip("label:N", title="Document"), alt.Tooltip("term:N", title="Term"),
                 alt.Tooltip("target_count:Q", title="Count here"),
                 alt.Tooltip("reference_count:Q", title="Count in the rest"),
                 alt.Tooltip("log_ratio:Q", title="Log ratio", format=".2f"),
                 alt.Tooltip("g2:Q", title="G²", format=".1f"), alt.Tooltip("p_value:Q", title="p", format=".4f"),
                 alt.Tooltip("log_odds_z:Q", title="Log-odds z", format=".2f")],
    ).properties(width=180, height=alt.Step(14))
    firsts = data.groupby("label").head(1)
    return chart.facet(
        facet=alt.Facet("label:N", sort=_doc_order(documents), title=None,
                        header=alt.Header(labelFontSize=12, labelFontWeight="bold")),
        columns=2,
    ).resolve_scale(y="independent").properties(
        title=alt.Title("What each document says more than the others",
                        subtitle=[f"Content terms used at least {min_count} times, by log ratio against the rest "
                                  "of the corpus", "A log ratio of 1 means twice as frequent as in the rest, 2 four times"]),
        description="Small multiples of bar charts of each document's most over-used terms by log ratio, "
                    f"coloured by significance (p < {alpha:g}). The top term of each: "
                    + "; ".join(f"{r.label}: {r.term}" for r in firsts.itertuples()) + ".",
    )
