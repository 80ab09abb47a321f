"""The explorer: search the corpus and browse the themes in the static HTML book.

Everything runs in the reader's browser with Vega expressions over data embedded
in the page: no Python kernel and no network. Two Altair charts do the work:

* :func:`search_chart`: a search box; for the word or phrase typed, the hits per 1,000
  words in each document and every keyword-in-context line with its document and
  paragraph, matched as :func:`unscspeech.measures.kwic.kwic` matches (whole words,
  case-insensitive, a possessive 's allowed, quotes and dashes evened out);
* :func:`theme_chart`: a theme selector and the passages where that theme is found.

Matching in the browser works on :func:`search_text`, a copy of each paragraph of
the same length in which everything but letters, digits, hyphens and inner
apostrophes has become a space, so that a match found there sits at the same
place in the display text. Corpus text is drawn as SVG text, never as markup.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from unscspeech.book.certainty import legend_lines
from unscspeech.book.charts.theme import OKABE_ITO, WIDTH
from unscspeech.measures.themes import evidence
from unscspeech.pipeline.tokens import normalise_for_matching

#: The characters of context either side of a match: as many as fit the book's text column.
WINDOW = 22
#: The characters a line gives the match and the context after it together.
MATCH_ROOM = WINDOW + 18
#: The KWIC lines are set in a monospaced font, so that a match's width is known: this many pixels a character.
CHAR_PX = 6.6
FONT = "'DejaVu Sans Mono', Menlo, Consolas, monospace"
DEFAULT_QUERY = "preventive diplomacy"
#: The Vega parameters of the search box and the theme selector (also read by ``explorer_address.js``).
QUERY_PARAM = "query"
THEME_PARAM = "theme"


def search_text(text: str) -> str:
    """Lower-case text of the same length, with non-word characters (and a possessive 's) as spaces."""
    text = normalise_for_matching(text).lower()
    text = re.sub(r"'s(?![\w'-])", "  ", text)
    return re.sub(r"[^\w'-]", " ", text)


def search_data(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph with what the browser needs to search it."""
    docs = documents.reset_index(drop=True)
    order = {d: i for i, d in enumerate(docs.sort_values(["date", "doc_id"])["doc_id"])}
    info = docs.set_index("doc_id")
    data = paragraphs.assign(
        norm=paragraphs["text"].map(search_text),
        label=paragraphs["doc_id"].map(info["label"]),
        n_tokens=paragraphs["doc_id"].map(info["n_tokens"]),
        doc_order=paragraphs["doc_id"].map(order),
    )
    assert (data["norm"].str.len() == data["text"].str.len()).all(), "search text must keep positions"
    return data[["doc_id", "label", "doc_order", "n_tokens", "paragraph", "text", "norm"]]


def _query_expression() -> str:
    # Lower case, and every run of characters that cannot be part of a word becomes one space.
    return "trim(replace(lower(query), /[^0-9a-z\\u00c0-\\u024f'-]+/g, ' '))"


def search_chart(paragraphs: pd.DataFrame, documents: pd.DataFrame, query: str = DEFAULT_QUERY) -> alt.VConcatChart:
    """A search box, hits per 1,000 words per document, and every keyword-in-context line."""
    data = search_data(paragraphs, documents)
    doc_order = documents.sort_values(["date", "doc_id"])["label"].tolist()
    search = alt.param(name=QUERY_PARAM, value=query,
                       bind=alt.binding(input="search", name="Search the corpus for a word or phrase: ",
                                        placeholder="e.g. preventive diplomacy"))
    base = alt.Chart(data).transform_calculate(
        q=_query_expression(),
    ).transform_calculate(
        padded="' ' + datum.norm + ' '", sep="' ' + datum.q + ' '",
    ).transform_calculate(
        pieces="datum.q == '' ? [datum.padded] : split(datum.padded, datum.sep)",
    ).transform_calculate(
        hits="length(datum.pieces) - 1",
    )
    counts = base.transform_aggregate(
        hits="sum(hits)", n_tokens="max(n_tokens)", groupby=["label", "doc_order"],
    ).transform_calculate(
        per_1000="1000 * datum.hits / datum.n_tokens",
    )
    y = alt.Y("label:N", sort=doc_order, axis=None)
    # Wide enough for the longest label (sans-serif letters average narrower than the monospace),
    # so that the names do not spill left of the chart and push the lines below out of the column.
    names_width = int(documents["label"].str.len().max() * CHAR_PX)
    names = counts.mark_text(align="right", fontSize=11).encode(
        y=y, x=alt.value(names_width), text="label:N").properties(width=names_width)
    bars = counts.mark_bar(color=OKABE_ITO[0]).encode(
        x=alt.X("per_1000:Q", title="Hits per 1,000 words", scale=alt.Scale(domainMin=0)),
        y=y,
        tooltip=[alt.Tooltip("label:N", title="Document"), alt.Tooltip("hits:Q", title="Hits"),
                 alt.Tooltip("per_1000:Q", title="Per 1,000 words", format=".2f")],
    )
    # Each count is read out with its document (the theme turns other marks' ARIA labels off).
    bar_text = counts.mark_text(align="left", dx=4, color="#222222", aria=True).encode(
        x="per_1000:Q", y=y, text="hits:Q",
        description=alt.Description("label:N")).properties(name="explorer_counts")
    frequency = alt.hconcat(names, (bars + bar_text).properties(width=WIDTH - 140, height=alt.Step(22)),
                            spacing=6).resolve_scale(y="shared").properties(
        title=alt.Title(alt.expr("'Where “' + query + '” occurs'"),
                        subtitle=["Hits per 1,000 words in each document; the number is the count",
                                  *_marks(documents)]))

    lines = base.transform_filter("datum.hits > 0").transform_flatten(
        ["pieces"], as_=["piece"],
    ).transform_window(
        piece_index="row_number()", groupby=["doc_id", "paragraph"],
    ).transform_calculate(
        piece_length="length(datum.piece)",
    ).transform_window(
        through="sum(piece_length)", groupby=["doc_id", "paragraph"], frame=[None, 0],
    ).transform_filter(
        "datum.piece_index <= datum.hits",
    ).transform_calculate(
        start="datum.through + (datum.piece_index - 1) * length(datum.sep)",
    ).transform_calculate(
        end="datum.start + length(datum.q)",
    ).transform_calculate(
        left=f"(datum.start > {WINDOW} ? '…' : '') + substring(datum.text, max(0, datum.start - {WINDOW}), datum.start)",
        match="substring(datum.text, datum.start, datum.end)",
        right=f"substring(datum.text, datum.end, datum.end + {WINDOW}) + "
              f"(length(datum.text) - datum.end > {WINDOW} ? '…' : '')",
        where="datum.label + ' ¶' + datum.paragraph",
    ).transform_window(
        line="row_number()", sort=[alt.SortField("doc_order"), alt.SortField("paragraph"),
                                   alt.SortField("piece_index")],
    )
    context = kwic_lines(lines, tooltip=[alt.Tooltip("where:N", title="Where"),
                                         alt.Tooltip("text:N", title="Paragraph")], name="kwic",
                         where_width=where_chars(paragraphs, documents))
    return alt.vconcat(frequency, context.properties(
        title=alt.Title("Every occurrence in context",
                        subtitle=f"Document and paragraph, up to {WINDOW} characters either side; "
                                 "hover a line for its whole paragraph")),
        spacing=20,
    ).add_params(search).properties(
        description="Search box over the corpus: type a word or phrase to see its hits per 1,000 words in each "
                    "document and every occurrence in context with its document and paragraph.",
    )


def where_chars(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> int:
    """The characters of the longest "document ¶paragraph" label, so that its column is no wider."""
    return int(documents["label"].str.len().max()) + len(" ¶") + len(str(int(paragraphs["paragraph"].max())))


def kwic_lines(lines: alt.Chart, tooltip: list, name: str, where_width: int) -> alt.HConcatChart:
    """Keyword-in-context rows: where, left context (right-aligned), the match in bold, right context.

    ``lines`` must carry ``line`` (row number), ``where``, ``left``, ``match`` and ``right``;
    ``where_width`` is the longest ``where`` in characters. The right context is placed just after
    the match, whose width the monospaced font makes known; match and right context share
    ``MATCH_ROOM`` characters, so that a long match shortens the context after it (ending in "…")
    rather than pushing the line out of the text column.
    """
    y = alt.Y("line:O", axis=None)
    text = dict(fontSize=11, font=FONT)
    where = lines.mark_text(align="left", color="#444444", **text).encode(
        y=y, x=alt.value(0), text="where:N", tooltip=tooltip).properties(width=where_width * CHAR_PX,
                                                                         name=f"{name}_where")
    left_width = (WINDOW + 1) * CHAR_PX
    left = lines.mark_text(align="right", **text).encode(
        y=y, x=alt.value(left_width), text="left:N", tooltip=tooltip).properties(width=left_width,
                                                                                  name=f"{name}_left")
    room = MATCH_ROOM
    placed = lines.transform_calculate(
        shown_match=f"length(datum.match) > {room - 1} ? substring(datum.match, 0, {room - 2}) + '…' : datum.match",
    ).transform_calculate(
        shown_right=f"length(datum.shown_match) + 1 + length(datum.right) > {room} ? "
                    f"substring(datum.right, 0, max(0, {room - 2} - length(datum.shown_match))) + '…' : datum.right",
    ).transform_calculate(
        # SVG drops a text's leading space, so the right context moves one character on when it has one.
        right_x=f"(length(datum.shown_match) + (indexof(datum.shown_right, ' ') == 0 ? 1 : 0)) * {CHAR_PX}")
    matched = placed.mark_text(align="left", fontWeight="bold", color=OKABE_ITO[5], **text).encode(
        y=y, x=alt.value(0), text="shown_match:N", tooltip=tooltip).properties(name=f"{name}_match")
    right = placed.mark_text(align="left", **text).encode(
        y=y, x=alt.X("right_x:Q", scale=None, axis=None), text="shown_right:N", tooltip=tooltip).properties(
        name=f"{name}_right")
    return alt.hconcat(where, left, alt.layer(matched, right).properties(width=room * CHAR_PX),
                       spacing=6).resolve_scale(y="shared")


def theme_passages(hits: pd.DataFrame, paragraphs: pd.DataFrame, documents: pd.DataFrame,
                   codebook: pd.DataFrame) -> pd.DataFrame:
    """Every theme hit in context, with the theme's label and the document's label."""
    labels = documents.set_index("doc_id")["label"]
    order = {d: i for i, d in enumerate(documents.sort_values(["date", "doc_id"])["doc_id"])}
    frames = []
    for theme in codebook["theme"]:
        lines = evidence(hits, paragraphs, theme, n=len(hits), window=WINDOW)
        frames.append(lines.assign(theme=theme))
    out = pd.concat(frames, ignore_index=True)
    out["theme_label"] = out["theme"].map(codebook.set_index("theme")["label"])
    out["where"] = out["doc_id"].map(labels) + " ¶" + out["paragraph"].astype(str)
    out["doc_order"] = out["doc_id"].map(order)
    return out.sort_values(["theme", "doc_order", "paragraph"], kind="stable").reset_index(drop=True)


def _marks(documents: pd.DataFrame) -> list[str]:
    """The legend line of the certainty marks the documents' labels carry, if any."""
    return legend_lines(" ".join(documents["label"]))


def theme_chart(hits: pd.DataFrame, paragraphs: pd.DataFrame, documents: pd.DataFrame,
                codebook: pd.DataFrame) -> alt.HConcatChart:
    """A theme selector and, for the theme chosen, the first hit of every paragraph that carries it."""
    data = theme_passages(hits, paragraphs, documents, codebook)
    labels = codebook["label"].tolist()
    choice = alt.param(name=THEME_PARAM, value=labels[0],
                       bind=alt.binding_select(options=labels, name="Theme: "))
    base = alt.Chart(data).transform_filter("datum.theme_label == theme").transform_window(
        line="row_number()", sort=[alt.SortField("doc_order"), alt.SortField("paragraph")])
    lines = kwic_lines(base, tooltip=[alt.Tooltip("where:N", title="Where"), alt.Tooltip("match:N", title="Words")],
                       name="theme",
                       where_width=where_chars(paragraphs, documents))
    return lines.add_params(choice).properties(
        title=alt.Title(alt.expr("'Passages on: ' + theme"),
                        subtitle=["The first hit of each paragraph that carries the theme", *_marks(documents)]),
        description="Theme selector: choose a theme of the codebook to list the passages where it is found, "
                    "with their document and paragraph.",
    )
