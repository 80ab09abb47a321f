"""Charts of who the texts name and how the speakers position themselves, and of the robustness check.

Same rules as :mod:`unscspeech.book.charts` (whose theme they share): a title and subtitle,
axis titles, tooltips and a ``description`` read out as alternative text; nothing
about a particular corpus is written by hand.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from unscspeech.measures.actors import KINDS
from unscspeech.book.certainty import shown
from unscspeech.book.charts import COLUMN, HOW_SURE, OKABE_ITO, WIDTH, _doc_order, band_width
from unscspeech.measures.stance import CATEGORIES

KIND_COLOURS = dict(zip(KINDS, OKABE_ITO))
CATEGORY_COLOURS = dict(zip(CATEGORIES, ["#0072B2", "#D55E00", "#009E73"]))
ORGANIZATION_KINDS = ("un_organ", "un_office", "un_official", "regional_org", "other_org")


def _kind_scale(kinds) -> alt.Scale:
    domain = [k for k in KINDS if k in set(kinds)]
    return alt.Scale(domain=[KINDS[k] for k in domain], range=[KIND_COLOURS[k] for k in domain])


#: The organizations' names are long: past this width they end in "…", whole in the tooltip.
ACTOR_LABELS = 290


def actor_heatmap(actors: pd.DataFrame, documents: pd.DataFrame,
                  kinds: tuple[str, ...] = ORGANIZATION_KINDS) -> alt.LayerChart:
    """Actors of the given kinds × documents: mentions, the names used in the tooltip."""
    data = actors[actors["kind"].isin(kinds)].merge(documents[["doc_id", "label", "how_sure"]], on="doc_id")
    data = data.assign(kind_label=data["kind"].map(KINDS))
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    totals = data.groupby("actor").agg(total=("mentions", "sum"), kind=("kind", "first")).reset_index()
    order = totals.assign(r=totals["kind"].map(kind_rank)).sort_values(
        ["r", "total", "actor"], ascending=[True, False, True])["actor"].tolist()
    y = alt.Y("actor:N", sort=order, title=None, axis=alt.Axis(labelLimit=ACTOR_LABELS))
    x = alt.X("label:N", sort=_doc_order(documents), title=None, axis=alt.Axis(labelAngle=-30, orient="top"))
    tooltip = [alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("kind_label:N", title="Kind"),
               alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("mentions:Q", title="Mentions"),
               alt.Tooltip("forms:N", title="Names used")]
    cells = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("kind_label:N", title="Kind", scale=_kind_scale(data["kind"]),
                        legend=alt.Legend(columns=1)),
        opacity=alt.Opacity("mentions:Q", title="Mentions", scale=alt.Scale(range=[0.35, 1], zero=False),
                            legend=None))
    text = alt.Chart(data).mark_text(fontSize=11, color="#111111").encode(
        x=x, y=y, text="mentions:Q", tooltip=tooltip)
    spread = totals.assign(docs=totals["actor"].map(data.groupby("actor")["doc_id"].nunique())).sort_values(
        ["docs", "total", "actor"], ascending=[False, False, True])
    return (cells + text).properties(
        width=alt.Step(band_width(len(documents), COLUMN - ACTOR_LABELS - 90, 62)), height=alt.Step(20),
        title=alt.Title("Which organizations each document names",
                        subtitle="Mentions by any name or acronym; colour is the kind of organization, "
                                 "empty = not named"),
        description=(f"Heatmap of {len(order)} organizations, UN bodies and officials by document, with mention "
                     "counts. Named in most documents: "
                     + "; ".join(f"{r.actor} ({r.docs} documents, {r.total} mentions)"
                                 for r in spread.head(5).itertuples()) + "."),
    )


def network_layout(nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Points on a circle, in the given order clockwise, half a step off the top (so no label sits on top)."""
    n = len(nodes)
    angle = [2 * math.pi * (i + 0.5) / n for i in range(n)]
    return {node: (math.sin(a), math.cos(a)) for node, a in zip(nodes, angle)}


def actor_network_chart(network: pd.DataFrame, actors: pd.DataFrame, min_mentions: int = 3,
                        min_paragraphs: int = 1) -> alt.LayerChart:
    """Co-mention network of the actors named at least ``min_mentions`` times, on a circle grouped by kind."""
    totals = actors.groupby("actor").agg(mentions=("mentions", "sum"), kind=("kind", "first"),
                                         acronym=("acronym", "first"), documents=("doc_id", "nunique")).reset_index()
    shown = totals[totals["mentions"] >= min_mentions].copy()
    # Long names of organizations are labelled by their acronym; the tooltip gives the name.
    shown["short"] = [a if (acr and k in ("un_office", "regional_org", "other_org")) else n
                      for n, a, acr, k in zip(shown["actor"], shown["acronym"], shown["acronym"].astype(bool),
                                              shown["kind"])]
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    shown = shown.assign(r=shown["kind"].map(kind_rank)).sort_values(["r", "mentions", "actor"],
                                                                        ascending=[True, False, True])
    place = network_layout(shown["actor"].tolist())
    shown["x"] = shown["actor"].map(lambda a: place[a][0])
    shown["y"] = shown["actor"].map(lambda a: place[a][1])
    shown["kind_label"] = shown["kind"].map(KINDS)
    # Labels run outward from the centre, turned so that none is upside down.
    shown["align"] = shown["x"].map(lambda v: "left" if v >= 0 else "right")
    direction = [math.degrees(math.atan2(y, x)) for x, y in zip(shown["x"], shown["y"])]
    shown["angle"] = [(-d if x >= 0 else 180 - d) % 360 for d, x in zip(direction, shown["x"])]
    edges = network[network["actor_a"].isin(place) & network["actor_b"].isin(place)
                    & (network["paragraphs"] >= min_paragraphs)].copy()
    for end, column in (("a", "actor_a"), ("b", "actor_b")):
        edges[f"x_{end}"] = edges[column].map(lambda a: place[a][0])
        edges[f"y_{end}"] = edges[column].map(lambda a: place[a][1])
    axis = dict(axis=None, scale=alt.Scale(domain=[-2.3, 2.3]))
    x_title, y_title = "Position on the circle (no meaning)", "Position on the circle (no meaning)"
    lines = alt.Chart(edges).mark_rule(color="#7f7f7f").encode(
        x=alt.X("x_a:Q", title=x_title, **axis), y=alt.Y("y_a:Q", title=y_title, **axis),
        x2="x_b:Q", y2="y_b:Q",
        strokeWidth=alt.StrokeWidth("paragraphs:Q", title="Paragraphs naming both",
                                    scale=alt.Scale(range=[0.6, 7]), legend=None),
        opacity=alt.value(0.45),
        tooltip=[alt.Tooltip("actor_a:N", title="Actor"), alt.Tooltip("actor_b:N", title="And"),
                 alt.Tooltip("paragraphs:Q", title="Paragraphs naming both"),
                 alt.Tooltip("documents:Q", title="In documents")])
    tooltip = [alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("kind_label:N", title="Kind"),
               alt.Tooltip("mentions:Q", title="Mentions"), alt.Tooltip("documents:Q", title="Documents")]
    points = alt.Chart(shown).mark_circle(opacity=1, stroke="white", strokeWidth=1).encode(
        x=alt.X("x:Q", title=x_title, **axis), y=alt.Y("y:Q", title=y_title, **axis),
        size=alt.Size("mentions:Q", title="Mentions", scale=alt.Scale(range=[40, 500]), legend=None),
        color=alt.Color("kind_label:N", title="Kind", scale=_kind_scale(shown["kind"]),
                        legend=alt.Legend(orient="bottom", columns=2)), tooltip=tooltip)
    labels = []
    for align, dx in (("left", 10), ("right", -10)):
        part = shown[shown["align"] == align]
        if len(part):
            labels.append(alt.Chart(part).mark_text(align=align, dx=dx, fontSize=11, color="#222222",
                                                    limit=150).encode(
                x=alt.X("x:Q", title=x_title, **axis), y=alt.Y("y:Q", title=y_title, **axis),
                text="short:N", angle=alt.Angle("angle:Q", scale=None), tooltip=tooltip))
    strongest = edges.sort_values(["paragraphs", "actor_a"], ascending=[False, True]).head(4)
    return alt.layer(lines, points, *labels).properties(
        width=WIDTH + 100, height=WIDTH + 100,
        title=alt.Title("Who is named with whom",
                        subtitle=[f"Actors named {min_mentions} or more times, larger for more mentions; a line joins two",
                                  "named in the same paragraph, thicker for more such paragraphs"]),
        description=(f"Network of {len(shown)} actors on a circle, grouped by kind, joined by {len(edges)} "
                     "co-mention lines. The strongest links: "
                     + "; ".join(f"{r.actor_a} and {r.actor_b} ({r.paragraphs} paragraphs)"
                                 for r in strongest.itertuples()) + "."),
    )


def stance_by_document(stance: pd.DataFrame, documents: pd.DataFrame) -> alt.Chart:
    """Stance markers per 1,000 words, by category, for each document."""
    data = (stance.groupby(["doc_id", "category"], sort=False)[["count", "per_1000"]].sum().reset_index()
            .merge(documents.assign(language=shown(documents, "delivery_language"))[
                ["doc_id", "label", "how_sure", "genre", "language"]], on="doc_id"))
    order = list(CATEGORIES)
    colours = alt.Scale(domain=order, range=[CATEGORY_COLOURS[c] for c in order])
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("per_1000:Q", title="Markers per 1,000 words"),
        y=alt.Y("label:N", sort=_doc_order(documents), title=None),
        yOffset=alt.YOffset("category:N", sort=order),
        color=alt.Color("category:N", title="Category", sort=order, scale=colours),
        tooltip=[alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("category:N", title="Category"),
                 alt.Tooltip("count:Q", title="Markers"), alt.Tooltip("per_1000:Q", title="Per 1,000 words",
                                                                      format=".1f"),
                 alt.Tooltip("genre:N", title="Genre"), alt.Tooltip("language:N", title="Language")])
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
    x = alt.X("label:N", sort=_doc_order(documents), title=None, axis=alt.Axis(labelAngle=-30, orient="top"))
    tooltip = [alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("category:N", title="Category"),
               alt.Tooltip("marker:N", title="Marker"), alt.Tooltip("count:Q", title="Count"),
               alt.Tooltip("per_1000:Q", title="Per 1,000 words", format=".1f")]
    cells = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("per_1000:Q", title="Per 1,000 words", scale=alt.Scale(scheme="purples", domainMin=0)))
    top = float(data["per_1000"].max()) or 1.0
    text = alt.Chart(data[data["count"] > 0]).mark_text(fontSize=11).encode(
        x=x, y=y, text="count:Q", tooltip=tooltip,
        color=alt.condition(alt.datum.per_1000 > top / 2, alt.value("white"), alt.value("#222222")))
    used = data.groupby("marker")["count"].sum().sort_values(ascending=False)
    return (cells + text).properties(
        width=alt.Step(band_width(len(documents), COLUMN - labels - 20, 62)), height=alt.Step(20),
        title=alt.Title("Each stance marker in each document",
                        subtitle="Colour: per 1,000 words; number: count; framing, then modality, then appreciation"),
        description=("Heatmap of stance markers by document. Most used over the corpus: "
                     + "; ".join(f"{m} ({n})" for m, n in used.head(5).items())
                     + f". Never used: {', '.join(used[used == 0].index) or 'none'}."),
    )


def robustness_chart(robustness: pd.DataFrame, documents: pd.DataFrame | None = None) -> alt.LayerChart:
    """Spearman's rho of each variant against the book's choice, per document, by the choices changed
    (documents named by their labels when ``documents`` is given, else by their ids)."""
    data = robustness[(robustness["scope"] != "ALL") & (robustness["changed"] != "none")].copy()
    if documents is not None:
        data["scope"] = data["scope"].map(documents.set_index("doc_id")["label"]).fillna(data["scope"])
    data = data.dropna(subset=["spearman"])
    data["changed_label"] = data["changed"].str.replace("+", " + ", regex=False).str.replace("_", " ", regex=False)
    order = sorted(data["changed_label"].unique(), key=lambda s: (s.count("+"), s))
    colours = alt.Scale(domain=["keywords", "themes"], range=["#0072B2", "#E69F00"])
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
                                  "One point per document and variant; the black tick is the mean",
                                  "1 = the book's ranking unchanged"]),
        description=("Dot plot of Spearman's rank correlation between each preprocessing variant's ranking and the "
                     "book's, for keywords and for themes. The least stable: "
                     + "; ".join(f"{r.analysis} when {r.changed_label} changes (mean {r.spearman:.2f})"
                                 for r in worst.itertuples()) + "."),
    )
