"""The Actors chapter's charts: the organizations each document names, and who is named with whom."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from unscspeech.book.charts.style import (COLUMN, HOW_SURE, MUTED, WIDTH, band_width, document_order, text_colour_on,
                                          wrapped_axis)
from unscspeech.measures.actors import KINDS


KIND_COLOURS = dict(zip(KINDS, MUTED))
ORGANIZATION_KINDS = ("un_organ", "un_office", "un_official", "regional_org", "other_org")


def _kind_scale(kinds) -> alt.Scale:
    domain = [k for k in KINDS if k in set(kinds)]
    return alt.Scale(domain=[KINDS[k] for k in domain], range=[KIND_COLOURS[k] for k in domain])


#: The organizations' names are long: past this width they go on a second line.
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
    y = alt.Y("actor:N", sort=order, title=None, axis=wrapped_axis(order, 44, labelLimit=ACTOR_LABELS))
    x = alt.X("label:N", sort=document_order(documents), title=None, axis=alt.Axis(labelAngle=-30, orient="top"))
    tooltip = [alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("kind_label:N", title="Kind"),
               alt.Tooltip("label:N", title="Document"), HOW_SURE, alt.Tooltip("mentions:Q", title="Mentions"),
               alt.Tooltip("forms:N", title="Names used")]
    cells = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("kind_label:N", title="Kind", scale=_kind_scale(data["kind"]),
                        legend=alt.Legend(columns=1)))
    # Each cell prints its number of mentions, in white on the darker kinds' colours (the colour
    # itself is the value, outside the kinds' scale).
    text = alt.Chart(data.assign(ink=data["kind"].map(lambda k: text_colour_on(KIND_COLOURS[k])))).mark_text(
        fontSize=11).encode(x=x, y=y, text="mentions:Q", tooltip=tooltip, color=alt.Color("ink:N", scale=None))
    spread = totals.assign(docs=totals["actor"].map(data.groupby("actor")["doc_id"].nunique())).sort_values(
        ["docs", "total", "actor"], ascending=[False, False, True])
    return (cells + text).properties(
        width=alt.Step(band_width(len(documents), COLUMN - ACTOR_LABELS - 90, 62)), height=alt.Step(26),
        title=alt.Title("Which organizations, bodies and initiatives each document names",
                        subtitle="Mentions by any name or acronym; colour is the kind of organization, "
                                 "empty = not named"),
        description=(f"Heatmap of {len(order)} organizations, UN bodies and officials by document, with mention "
                     "counts. Named in most documents: "
                     + "; ".join(f"{r.actor} ({r.docs} documents, {r.total} mentions)"
                                 for r in spread.head(5).itertuples()) + "."),
    )


#: The room (pixels) for a name outside the network's circle: a longer one, which on a circle cannot
#: take a second line without covering its neighbours', ends in "…", whole in its tooltip.
NETWORK_LABEL = 155


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
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)), tooltip=tooltip)
    labels = []
    for align, dx in (("left", 10), ("right", -10)):
        part = shown[shown["align"] == align]
        if len(part):
            labels.append(alt.Chart(part).mark_text(align=align, dx=dx, fontSize=11, color="#222222",
                                                    limit=NETWORK_LABEL).encode(
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
