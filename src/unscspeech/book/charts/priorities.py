"""The Priorities chapter's chart: the article's priorities in the statements and in the article."""

from __future__ import annotations

import altair as alt
import pandas as pd

from unscspeech.book.charts.style import GENRE_COLOURS, WIDTH, wrapped_axis
from unscspeech.book.printed import in_sentence
from unscspeech.input.corpus import ARTICLE, STATEMENT


def priorities_bars(coverage: pd.DataFrame, paragraphs: pd.DataFrame | None = None) -> alt.Chart:
    """Each stated priority: the share of paragraphs touching it, statements pooled against the article.
    The description names the priorities as they read mid-sentence (``paragraphs``: see
    :func:`theme_heatmap`)."""
    # Each bar's tooltip gives its own source's counts: the statements' documents and hits, and the
    # hits set aside within names in that source.
    long = pd.concat([
        coverage.assign(source="Council statements", share=coverage["statement_share"],
                        set_aside=coverage["statement_name_hits"],
                        counted=[f"{d} statement{'s touch' if d != 1 else ' touches'} it, {h} hit{'s' if h != 1 else ''}"
                                 for d, h in zip(coverage["statement_docs"], coverage["statement_hits"])]),
        coverage.assign(source="The article", share=coverage["article_share"],
                        set_aside=coverage["article_name_hits"],
                        counted=[f"{p} of the article's {n} paragraphs, {h} hit{'s' if h != 1 else ''}"
                                 for p, n, h in zip(coverage["article_paragraphs"], coverage["article_paragraphs_all"],
                                                    coverage["article_hits"])]),
    ], ignore_index=True)
    long["priority"] = long["number"].astype(str) + ". " + long["label"]
    order = [f"{r.number}. {r.label}" for r in coverage.sort_values("number").itertuples()]
    sources = ["Council statements", "The article"]
    chart = alt.Chart(long).mark_bar().encode(
        x=alt.X("share:Q", title="Share of paragraphs touching the priority", axis=alt.Axis(format="%")),
        y=alt.Y("priority:N", sort=order, title=None, axis=wrapped_axis(order, 36, labelLimit=230)),
        yOffset=alt.YOffset("source:N", sort=sources),
        color=alt.Color("source:N", title=None, sort=sources,
                        scale=alt.Scale(domain=sources, range=[GENRE_COLOURS[STATEMENT],
                                                               GENRE_COLOURS[ARTICLE]])),
        tooltip=[alt.Tooltip("priority:N", title="Priority"), alt.Tooltip("source:N", title="In"),
                 alt.Tooltip("share:Q", title="Share of paragraphs", format=".0%"),
                 alt.Tooltip("counted:N", title="Counted"),
                 alt.Tooltip("set_aside:Q", title="Hits inside a name, set aside")],
    )
    return chart.properties(
        width=WIDTH - 100, height=alt.Step(12),
        title=alt.Title("The seven stated priorities: the debates against the article",
                        subtitle=["Share of paragraphs with at least one hit, the Council statements pooled",
                                  "Words within the name or acronym of an institution set aside"]),
        description="Grouped bar chart of the seven priorities: "
                    + "; ".join(f"{in_sentence(r.label, paragraphs)}, statements {r.statement_share:.0%}, "
                                f"article {r.article_share:.0%}"
                                for r in coverage.sort_values("number").itertuples()) + ".",
    )
