"""The book's charts, in one colour-blind-safe Altair theme.

Every chart has a title, axis titles, tooltips and a ``description``, read out
as the chart's alternative text by the offline renderer. Vega's automatic ARIA
labels for each mark are switched off in the theme: they read the raw fields
("genre: council_statement", "23.480663"), one bar at a time. Functions take
the processed tables and return an ``alt.Chart``; they compute nothing the
tables do not already hold beyond reshaping, and they name nothing by hand, so
the same code draws any corpus.
"""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from unscspeech.book.certainty import legend_lines, shown, titled
from unscspeech.input.corpus import CERTAINTIES
from unscspeech.measures.keyness import ALPHA, MIN_COUNT
from unscspeech.book.printed import in_sentence, printed_forms
from unscspeech.book.tables import ACTION_ORDER, disposition_counts

#: Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GENRE_COLOURS = {"council_statement": "#0072B2", "article": "#E69F00"}
ACTION_COLOURS = {"kept": "#009E73", "joined": "#56B4E9", "changed": "#E69F00", "removed": "#D55E00"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: The narrowest the book's text column gets on a desktop screen (608 px in a 1,200 px window,
#: where the page's contents open beside the text); every chart of the edition is drawn to fit it.
#: On a phone, or for a corpus with more documents than a band of ``MIN_BAND`` pixels can hold, a
#: chart scrolls sideways in its column.
COLUMN = 600
#: The plotting width of a single chart, leaving room for its axis labels within ``COLUMN``.
WIDTH = 440
#: The narrowest band (a heatmap cell, a facet) that still holds its printed number.
MIN_BAND = 30
THEME = "unscspeech"
#: Every chart that names documents says, on hover, which of each document's values are not stated
#: (see :mod:`unscspeech.book.certainty`); its label carries the marks of a candidate or attributed one.
HOW_SURE = alt.Tooltip("how_sure:N", title="Not stated")


@alt.theme.register(THEME, enable=True)
def theme() -> alt.theme.ThemeConfig:
    """One look for every chart: readable type, quiet grid, Okabe–Ito colours, and no ARIA label
    on each mark (``mark.aria``), so that the chart's ``description`` is what a screen reader hears
    rather than every bar's raw values; axes, legends and titles keep theirs."""
    return {
        "config": {
            "font": FONT,
            "mark": {"aria": False},
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


def band_width(n: int, room: float, widest: int, narrowest: int = MIN_BAND) -> int:
    """The width of each of ``n`` bands sharing ``room`` pixels, kept within ``narrowest``–``widest``.

    Heatmaps and small multiples have one band per document or theme; a fixed band would push a
    larger corpus out of the text column, so the band narrows with the count, down to the width
    its numbers need.
    """
    return int(max(narrowest, min(widest, room // max(n, 1))))


def _sort_by_date(documents: pd.DataFrame) -> list[str]:
    return documents.sort_values(["date", "doc_id"])["label"].tolist()


def timeline(documents: pd.DataFrame, periods: pd.DataFrame | None = None) -> alt.Chart:
    """When each document was delivered or published, with how sure that date is."""
    docs = documents[documents["date"] != ""].copy()
    for value in ("speaker", "speaker_role", "date", "meeting", "delivery_language"):
        docs[f"{value}_shown"] = shown(docs, value)
    docs["title_shown"] = titled(docs)
    # Only what the chart draws: the spec embeds its data, which should hold no unmarked value.
    docs = docs[["doc_id", "date", "year", "label", "genre", "date_certainty", "how_sure",
                 *[c for c in docs.columns if c.endswith("_shown")]]]
    first, last = docs["year"].min(), docs["year"].max()
    order = _sort_by_date(docs)
    x_title = "Date of the statement or article"
    base = alt.Chart(docs)
    points = base.mark_point(size=160, strokeWidth=2.5).encode(
        x=alt.X("date:T", title=x_title, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("label:N", sort=order, title=None),
        color=alt.Color("genre:N", title="Genre", scale=_genre_scale(docs["genre"])),
        shape=alt.Shape("date_certainty:N", title="Date is", scale=alt.Scale(
            domain=[lv for lv in CERTAINTIES if lv in set(docs["date_certainty"])],
            range=[shape for lv, shape in zip(CERTAINTIES, ["circle", "diamond", "triangle-up", "square", "cross"])
                   if lv in set(docs["date_certainty"])])),
        fill=alt.Fill("genre:N", scale=_genre_scale(docs["genre"]), legend=None),
        tooltip=[alt.Tooltip("title_shown:N", title="Title"), alt.Tooltip("label:N", title="Document"),
                 alt.Tooltip("speaker_shown:N", title="Speaker"), alt.Tooltip("speaker_role_shown:N", title="Role"),
                 alt.Tooltip("date_shown:N", title="Date"), alt.Tooltip("meeting_shown:N", title="Meeting"),
                 alt.Tooltip("genre:N", title="Genre"), alt.Tooltip("delivery_language_shown:N", title="Language"),
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
    order = _sort_by_date(documents)
    docs = documents.sort_values(["date", "doc_id"])[["doc_id", "label", "genre", "how_sure", "n_tokens", "n_types",
                                                      "n_sentences", "n_paragraphs"]].copy()
    bars = alt.Chart(docs).mark_bar().encode(
        x=alt.X("n_tokens:Q", title="Length (word tokens)"),
        y=alt.Y("label:N", sort=order, title=None),
        color=alt.Color("genre:N", title="Genre", scale=_genre_scale(docs["genre"])),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("genre:N", title="Genre"),
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


def _doc_order(documents: pd.DataFrame) -> list[str]:
    return documents.sort_values(["date", "doc_id"])["label"].tolist()


#: Two columns of term bars: each panel's plot and its term labels (longer terms end in "…",
#: whole in the tooltip), so that two panels side by side fit ``COLUMN``.
FACET_WIDTH = 130
FACET_LABELS = 145


def _as_printed(terms: pd.Series, paragraphs: pd.DataFrame | None) -> pd.Series:
    """The terms as the texts print them ("CICA" for the lemma "cica"), or as they are without texts."""
    if paragraphs is None:
        return terms
    return terms.map(printed_forms(paragraphs, terms.tolist()))


def top_terms(frequencies: pd.DataFrame, documents: pd.DataFrame, n: int = 10,
              paragraphs: pd.DataFrame | None = None) -> alt.FacetChart:
    """Small multiples: each document's most frequent content terms, per 1,000 terms, labelled as
    the texts print them when ``paragraphs`` are given."""
    content = frequencies[(~frequencies["is_stopword"]) & (frequencies["doc_id"].isin(documents["doc_id"]))]
    top = (content.sort_values(["doc_id", "count", "term"], ascending=[True, False, True])
                  .groupby("doc_id").head(n)
                  .merge(documents[["doc_id", "label", "how_sure", "genre"]], on="doc_id"))
    top["shown"] = _as_printed(top["term"], paragraphs)
    chart = alt.Chart(top).mark_bar().encode(
        x=alt.X("per_1000:Q", title="Per 1,000 terms"),
        y=alt.Y("shown:N", sort="-x", title=None, axis=alt.Axis(labelLimit=FACET_LABELS)),
        color=alt.Color("genre:N", title="Genre", scale=_genre_scale(documents["genre"])),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("shown:N", title="Term"),
                 alt.Tooltip("term:N", title="Counted as"),
                 alt.Tooltip("count:Q", title="Count"), alt.Tooltip("per_1000:Q", title="Per 1,000", format=".1f")],
    ).properties(width=FACET_WIDTH, height=alt.Step(14))
    return chart.facet(
        facet=alt.Facet("label:N", sort=_doc_order(documents), title=None, header=alt.Header(labelFontSize=12,
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
                scale=alt.Scale(type="log", domain=[float(data["per_1000"].min()) * 0.8,
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
    labelled["shown"] = _as_printed(labelled["term"], paragraphs)
    labels = alt.Chart(labelled).mark_text(align="left", dx=6, fontSize=10, color="#333333").encode(
        x=alt.X("per_1000:Q", title=x_title), y=alt.Y("dp_norm:Q", title=y_title), text="shown:N")
    return (points + labels).properties(
        width=WIDTH, height=320,
        title=alt.Title("Frequent and widespread, or concentrated in one text?",
                        subtitle=f"Content terms used at least {min_count} times; 0 = spread evenly over "
                                 f"the {n_docs_max} documents, 1 = all in one"),
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
        top = top.assign(shown=_as_printed(top["ngram"], paragraphs))
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
    order = _doc_order(documents)
    tooltip = [alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("tokens:Q", title="Tokens", format=","),
               alt.Tooltip("types:Q", title="Types", format=","), alt.Tooltip("ttr:Q", title="TTR", format=".3f"),
               alt.Tooltip("mtld:Q", title="MTLD", format=".1f")]
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=order, title=None), tooltip=tooltip,
                                  color=alt.Color("genre:N", title="Genre", scale=_genre_scale(documents["genre"])))
    mtld_bars = base.mark_bar().encode(x=alt.X("mtld:Q", title="MTLD (higher = more varied)")).properties(
        width=180, title="MTLD: independent of length")
    ttr_bars = base.mark_bar().encode(x=alt.X("ttr:Q", title="Type-token ratio", scale=alt.Scale(domain=[0, 1]),
                                            axis=alt.Axis(values=[0, 0.5, 1], format=".1f"))
                                      ).properties(width=110, title="TTR: falls as texts grow")
    values = "; ".join(f"{r.label} MTLD {r.mtld:.1f}, TTR {r.ttr:.2f}" for r in data.itertuples())
    return alt.hconcat(mtld_bars, ttr_bars).properties(
        title=alt.Title("Lexical diversity", subtitle="MTLD (McCarthy & Jarvis 2010) against the type-token ratio"),
        description=f"Two bar charts per document, MTLD and type-token ratio: {values}.",
    )


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
    data["shown"] = _as_printed(data["term"], paragraphs)
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("log_ratio:Q", title="Log ratio"),
        y=alt.Y("shown:N", sort="-x", title=None, axis=alt.Axis(labelLimit=FACET_LABELS)),
        color=alt.Color("significance:N", title="G² test",
                        scale=alt.Scale(domain=[f"p < {alpha:g}", "not significant"],
                                        range=[OKABE_ITO[0], "#BBBBBB"])),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("shown:N", title="Term"),
                 alt.Tooltip("term:N", title="Counted as"), alt.Tooltip("target_count:Q", title="Count here"),
                 alt.Tooltip("reference_count:Q", title="Count in the rest"),
                 alt.Tooltip("log_ratio:Q", title="Log ratio", format=".2f"),
                 alt.Tooltip("g2:Q", title="G²", format=".1f"), alt.Tooltip("p_value:Q", title="p", format=".4f"),
                 alt.Tooltip("log_odds_z:Q", title="Log-odds z", format=".2f")],
    ).properties(width=FACET_WIDTH, height=alt.Step(14))
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
                    + "; ".join(f"{r.label}: {r.shown}" for r in firsts.itertuples()) + ".",
    )


def _theme_order(codebook: pd.DataFrame) -> list[str]:
    """Priorities in the article's order, then the themes that emerge from the statements."""
    def key(row):
        source = row.source
        return (0, int(source.split()[-1])) if source.startswith("article priority") else (1, row.label)
    return [r.label for r in sorted(codebook.itertuples(), key=key)]


def _with_theme_labels(frame: pd.DataFrame, codebook: pd.DataFrame, column: str = "theme") -> pd.DataFrame:
    labels = codebook.set_index("theme")["label"]
    kinds = codebook.set_index("theme")["source"].map(
        lambda s: "article priority" if s.startswith("article priority") else "from the statements")
    return frame.assign(theme_label=frame[column].map(labels), kind=frame[column].map(kinds))


def theme_heatmap(themes: pd.DataFrame, documents: pd.DataFrame, codebook: pd.DataFrame,
                  paragraphs: pd.DataFrame | None = None) -> alt.LayerChart:
    """Documents × themes: hits per 1,000 words, paragraph share in the tooltip. The description
    names each theme as it reads mid-sentence (:func:`unscspeech.book.printed.in_sentence`, which reads
    the texts' capitals when ``paragraphs`` are given)."""
    data = _with_theme_labels(themes.merge(documents[["doc_id", "label", "how_sure"]], on="doc_id"), codebook)
    data["share_text"] = data["paragraph_share"].map(lambda v: f"{v:.0%}")
    labels = 210  # the theme names' width; the document columns share the rest of the column
    y = alt.Y("theme_label:N", sort=_theme_order(codebook), title=None, axis=alt.Axis(labelLimit=labels))
    x = alt.X("label:N", sort=_doc_order(documents), title=None, axis=alt.Axis(labelAngle=-30, orient="top"))
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
        color=alt.condition(alt.datum.per_1000 > top / 2, alt.value("white"), alt.value("#222222")))
    strongest = data.sort_values("per_1000", ascending=False).groupby("label").head(1)
    return (cells + text).properties(
        width=alt.Step(band_width(len(documents), COLUMN - labels - 20, 62)), height=alt.Step(22),
        title=alt.Title("Which themes each document carries",
                        subtitle="Hits per 1,000 words; the seven article priorities first, empty cells = no hit"),
        description=("Heatmap of themes by document, hits per 1,000 words. The strongest theme of each document: "
                     + "; ".join(f"{r.label}: {in_sentence(r.theme_label, paragraphs)} ({r.per_1000:.1f})"
                                 for r in strongest.itertuples())
                     + "."),
    )


def _wrapped(labels: pd.Series, width: int) -> str:
    """A Vega expression that sets each label on lines of at most ``width`` characters.

    Vega draws an array of strings as lines; a header has no wrapping of its own, and a long theme
    name cut to its panel's width would lose its end.
    """
    lines = {label: textwrap.wrap(label, width) for label in sorted(set(labels))}
    return json.dumps(lines, ensure_ascii=False) + "[datum.value] || datum.value"


def themes_over_time(themes: pd.DataFrame, documents: pd.DataFrame, codebook: pd.DataFrame) -> alt.FacetChart:
    """Each theme's weight in each document, in date order: one small panel per theme."""
    data = _with_theme_labels(themes.merge(documents[["doc_id", "label", "how_sure", "genre"]], on="doc_id"), codebook)
    base = alt.Chart(data).encode(
        x=alt.X("label:N", sort=_doc_order(documents), title=None, axis=alt.Axis(labelAngle=-40, labelFontSize=9)),
        y=alt.Y("per_1000:Q", title="Per 1,000 words"),
        tooltip=[alt.Tooltip("theme_label:N", title="Theme"), alt.Tooltip("label:N", title="Document"), HOW_SURE,
                 alt.Tooltip("hits:Q", title="Hits"), alt.Tooltip("per_1000:Q", title="Per 1,000 words", format=".1f")])
    lines = base.mark_line(color="#999999", strokeWidth=1.2)
    points = base.mark_point(filled=True, size=45).encode(
        color=alt.Color("genre:N", title="Genre", scale=_genre_scale(documents["genre"])))
    return alt.layer(lines, points).properties(width=145, height=80).facet(
        facet=alt.Facet("theme_label:N", sort=_theme_order(codebook), title=None,
                        header=alt.Header(labelFontSize=11, labelExpr=_wrapped(data["theme_label"], 28))),
        columns=3,
    ).properties(
        title=alt.Title("The themes over time", subtitle="Each panel one theme; the documents in date order, evenly spaced"),
        description="Small multiples, one per theme, of hits per 1,000 words in each document, in date order.",
    )


def theme_xray(hits: pd.DataFrame, documents: pd.DataFrame, codebook: pd.DataFrame) -> alt.FacetChart:
    """Where in each document the themes fall: a tick for every hit, from start to end."""
    data = _with_theme_labels(hits.merge(documents[["doc_id", "label", "how_sure"]], on="doc_id"), codebook)
    labels = 175  # the theme names' width; the documents' panels share the rest of the column
    chart = alt.Chart(data).mark_tick(thickness=2, size=13).encode(
        x=alt.X("position:Q", title="Position", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(values=[0, 0.5, 1], format=".1f")),
        y=alt.Y("theme_label:N", sort=_theme_order(codebook), title=None,
                axis=alt.Axis(labelLimit=labels, labelFontSize=11)),
        color=alt.Color("kind:N", title="Theme from", scale=alt.Scale(
            domain=["article priority", "from the statements"], range=[OKABE_ITO[1], OKABE_ITO[0]])),
        tooltip=[alt.Tooltip("theme_label:N", title="Theme"), alt.Tooltip("match:N", title="Words"),
                 alt.Tooltip("paragraph:Q", title="Paragraph"), alt.Tooltip("label:N", title="Document"), HOW_SURE],
    ).properties(width=band_width(len(documents), COLUMN - labels - 70, 78) - 6, height=alt.Step(14))
    return chart.facet(
        column=alt.Column("label:N", sort=_doc_order(documents), title=None,
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
        x=alt.X("a:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45, labelLimit=160)),
        y=alt.Y("b:N", sort=order, title=None, axis=alt.Axis(labelLimit=labels)),
        color=alt.Color("jaccard:Q", title="Jaccard index", scale=alt.Scale(scheme="purples", domainMin=0)),
        tooltip=tooltip)
    top = pairs.sort_values(["jaccard", "paragraphs_both"], ascending=False).head(3)
    return cells.properties(
        width=alt.Step(cell), height=alt.Step(cell),
        title=alt.Title("Themes that travel together", subtitle="Share of paragraphs touching either theme that touch both"),
        description="Heatmap of theme co-occurrence in paragraphs (Jaccard index). The strongest pairs: "
                    + "; ".join(f"{in_sentence(r.a, paragraphs)} with {in_sentence(r.b, paragraphs)} ({r.jaccard:.2f})"
                                for r in top.itertuples()) + ".",
    )


def similarity_heatmap(similarity: pd.DataFrame, documents: pd.DataFrame) -> alt.LayerChart:
    """Cosine similarity of every pair of documents, over TF-IDF of their content terms."""
    labels = documents.set_index("doc_id")["label"]
    data = similarity.assign(a=similarity["doc_a"].map(labels), b=similarity["doc_b"].map(labels))
    order = _doc_order(documents)
    enc = dict(x=alt.X("a:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30)),
               y=alt.Y("b:N", sort=order, title=None),
               tooltip=[alt.Tooltip("a:N", title="Document"), alt.Tooltip("b:N", title="And"),
                        alt.Tooltip("cosine:Q", title="Cosine", format=".2f")])
    off = data[data["doc_a"] != data["doc_b"]]
    cells = alt.Chart(off).mark_rect(stroke="white").encode(
        color=alt.Color("cosine:Q", title="Cosine similarity", scale=alt.Scale(scheme="greens", domainMin=0)), **enc)
    text = alt.Chart(off).mark_text(fontSize=12).encode(text=alt.Text("cosine:Q", format=".2f"),
                                                        color=alt.value("#111111"), **enc)
    best = off.sort_values("cosine", ascending=False).iloc[0]
    return (cells + text).properties(
        width=alt.Step(band_width(len(order), COLUMN - 160, 80)), height=alt.Step(40),
        title=alt.Title("How alike the documents are", subtitle="Cosine similarity of TF-IDF vectors of content terms"),
        description=f"Heatmap of pairwise document similarity; the most similar pair is {best.a} and {best.b} "
                    f"({best.cosine:.2f}).",
    )


def priorities_bars(coverage: pd.DataFrame, paragraphs: pd.DataFrame | None = None) -> alt.Chart:
    """Each stated priority: the share of paragraphs touching it, statements pooled against the article.
    The description names the priorities as they read mid-sentence (``paragraphs``: see
    :func:`theme_heatmap`)."""
    long = pd.concat([
        coverage.assign(source="Council statements", share=coverage["statement_share"]),
        coverage.assign(source="The article", share=coverage["article_share"]),
    ], ignore_index=True)
    long["priority"] = long["number"].astype(str) + ". " + long["label"]
    order = [f"{r.number}. {r.label}" for r in coverage.sort_values("number").itertuples()]
    sources = ["Council statements", "The article"]
    chart = alt.Chart(long).mark_bar().encode(
        x=alt.X("share:Q", title="Share of paragraphs touching the priority", axis=alt.Axis(format="%")),
        y=alt.Y("priority:N", sort=order, title=None, axis=alt.Axis(labelLimit=230)),
        yOffset=alt.YOffset("source:N", sort=sources),
        color=alt.Color("source:N", title=None, sort=sources,
                        scale=alt.Scale(domain=sources, range=[GENRE_COLOURS["council_statement"],
                                                               GENRE_COLOURS["article"]])),
        tooltip=[alt.Tooltip("priority:N", title="Priority"), alt.Tooltip("source:N", title="In"),
                 alt.Tooltip("share:Q", title="Share of paragraphs", format=".0%"),
                 alt.Tooltip("statement_docs:Q", title="Statements touching it"),
                 alt.Tooltip("statement_hits:Q", title="Hits in the statements"),
                 alt.Tooltip("statement_name_hits:Q", title="Hits inside a name, set aside")],
    )
    return chart.properties(
        width=WIDTH - 100, height=alt.Step(12),
        title=alt.Title("The seven stated priorities: the debates against the report",
                        subtitle=["Share of paragraphs with at least one hit, the Council statements pooled",
                                  "Words within the name or acronym of an institution set aside"]),
        description="Grouped bar chart of the seven priorities: "
                    + "; ".join(f"{in_sentence(r.label, paragraphs)}, statements {r.statement_share:.0%}, "
                                f"article {r.article_share:.0%}"
                                for r in coverage.sort_values("number").itertuples()) + ".",
    )


def with_certainty_legend(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart with a last subtitle line (and a sentence of its description) saying what the
    certainty marks it prints mean, when it prints any (see :mod:`unscspeech.book.certainty`)."""
    spec = chart.to_dict()
    lines = legend_lines(json.dumps({k: v for k, v in spec.items() if k not in ("title", "description")},
                                    ensure_ascii=False))
    if not lines:
        return chart
    legend = "; ".join(lines)
    title = chart.title
    if isinstance(title, str):
        title = alt.Title(title)
    subtitle = title.subtitle if isinstance(title.subtitle, (str, list)) else []
    title.subtitle = ([subtitle] if isinstance(subtitle, str) else list(subtitle)) + lines
    description = chart.description if isinstance(chart.description, str) else ""
    return chart.properties(title=title, description=f"{description} Marks: {legend}.".strip())
