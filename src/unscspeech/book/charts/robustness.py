"""The Robustness chapter's chart: the top lists under each preprocessing variant, against the book's."""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.book.charts.style import WIDTH


def robustness_chart(robustness: pd.DataFrame, documents: pd.DataFrame | None = None) -> alt.LayerChart:
    """Spearman's rho of each variant against the book's choice, per document, by the choices changed
    (documents named by their labels when ``documents`` is given, else by their ids)."""
    data = robustness[(robustness["scope"] != "ALL") & (robustness["changed"] != "none")].copy()
    if documents is not None:
        data["scope"] = data["scope"].map(documents.set_index("doc_id")["label"]).fillna(data["scope"])
    data = data.dropna(subset=["spearman"])
    data["changed_label"] = data["changed"].str.replace("+", " + ", regex=False).str.replace("_", " ", regex=False)
    order = sorted(data["changed_label"].unique(), key=lambda s: (s.count("+"), s))
    colours = alt.Scale(domain=["keywords", "themes"], range=["#CC79A7", "#009E73"])
    # The rows' meaning goes in the subtitle: a vertical axis title beside labels this long overlaps them.
    y = alt.Y("changed_label:N", sort=order, title=None)
    points = alt.Chart(data).mark_point(filled=True, size=55, opacity=0.55).encode(
        x=alt.X("spearman:Q", title="Spearman's rho with the book's ranking", scale=alt.Scale(domain=[-1, 1])),
        y=y, yOffset=alt.YOffset("analysis:N", sort=["keywords", "themes"]),
        color=alt.Color("analysis:N", title="Ranking of", scale=colours),
        tooltip=[alt.Tooltip("analysis:N", title="Ranking of"), alt.Tooltip("scope:N", title="Document"),
                 alt.Tooltip("variant:N", title="Variant"),
                 alt.Tooltip("spearman:Q", title="Spearman's rho", format=".2f"),
                 alt.Tooltip("overlap:Q", title="Top-list overlap", format=".0%")])
    means = data.groupby(["analysis", "changed_label"]).agg(spearman=("spearman", "mean"),
                                                             n=("spearman", "size")).reset_index()
    ticks = alt.Chart(means).mark_tick(thickness=3, size=14, color="#000000").encode(
        x=alt.X("spearman:Q", title="Spearman's rho with the book's ranking"),
        y=y, yOffset=alt.YOffset("analysis:N", sort=["keywords", "themes"]),
        tooltip=[alt.Tooltip("analysis:N", title="Ranking of"), alt.Tooltip("changed_label:N", title="Changed"),
                 alt.Tooltip("spearman:Q", title="Mean rho", format=".2f"), alt.Tooltip("n:Q", title="Comparisons")])
    worst = means.sort_values("spearman").head(2)
    return alt.layer(points, ticks).properties(
        width=WIDTH - 100, height=alt.Step(13),
        title=alt.Title("How much the rankings hang on the preprocessing",
                        subtitle=["Each row: the preprocessing choices changed from the book's",
                                  "One point per document and variant (variants giving the same list overlap)",
                                  "The black tick is the mean",
                                  "1 = the book's ranking unchanged"]),
        description=("Dot plot of Spearman's rank correlation between each preprocessing variant's ranking and the "
                     "book's, for keywords and for themes. The least stable: "
                     + "; ".join(f"{r.analysis} when {r.changed_label} changes (mean {r.spearman:.2f})"
                                 for r in worst.itertuples()) + "."),
    )
