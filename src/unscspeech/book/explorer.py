"""The explorer: search the corpus and browse the themes in the static HTML book.

Everything runs in the reader's browser with Vega expressions over data embedded
in the page: no Python kernel and no network. Two Altair charts do the work:

* :func:`search_chart`: a search box; for the word or phrase typed, the hits per 1,000
  words in each document and every keyword-in-context line with its document and
  paragraph, matched as :func:`unscspeech.measures.kwic.kwic` matches (the whole-word rule of
  :mod:`unscspeech.measures.whole_words`, case-insensitive, a final ``*`` matching any ending,
  quotes and dashes evened out);
* :func:`theme_chart`: a theme selector and the passages where that theme is found.

Matching in the browser is a JavaScript regular expression made from the query as
:func:`unscspeech.measures.whole_words.term_regex` makes one, run on :func:`search_text`, a copy
of each paragraph of the same length, so that a match found there sits at the same place in the
display text. Corpus text is drawn as SVG text, never as markup.
"""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from unscspeech.book.certainty import legend_lines
from unscspeech.book.charts.style import OKABE_ITO, WIDTH
from unscspeech.measures.themes import evidence
from unscspeech.pipeline.tokens import NORMALISED_AWAY, normalise_for_matching

#: The characters of context either side of a match: as many as fit the book's text column.
WINDOW = 22
#: The characters a line gives the match and the context after it together.
MATCH_ROOM = WINDOW + 18
#: The KWIC lines are set in a monospaced font, so that a match's width is known: this many pixels a character.
CHAR_PX = 6.6
FONT = "'DejaVu Sans Mono', Menlo, Consolas, monospace"
DEFAULT_QUERY = "preventive diplomacy"
#: Pixels between the columns of a keyword-in-context line.
SPACING = 6
#: The characters that mark where a match starts and ends while the browser cuts the text
#: (control characters, which no paragraph holds: the corpus check refuses them).
MATCH_MARKS = ("\u0001", "\u0002")
#: The Vega parameters of the search box and the theme selector (also read by ``explorer_address.js``).
QUERY_PARAM = "query"
THEME_PARAM = "theme"


#: Marks a hyphen that joins a word to a capital (Secretary-General) in :func:`search_text`, so
#: that the browser's expression, which ignores case throughout, can tell it from a hyphen inside a
#: word (post-conflict). Matching never sees this character otherwise: the text's own are made
#: plain hyphens (:func:`normalise_for_matching`).
JOINING_HYPHEN = "\u2010"


def search_text(text: str) -> str:
    """The text as matching sees it (:func:`normalise_for_matching`), of the same length, with
    each hyphen between a word character and a capital written :data:`JOINING_HYPHEN`.

    >>> search_text("The Secretary‑General’s post-conflict work") == "The Secretary\u2010General's post-conflict work"
    True
    """
    return re.sub(r"(?<=\w)-(?=[A-Z])", JOINING_HYPHEN, normalise_for_matching(text))


#: Python's ``\w`` (a letter, a digit or ``_``) in a JavaScript expression with the ``u`` flag.
_WORD = r"\p{L}\p{N}_"
#: :data:`unscspeech.measures.whole_words.WORD_START` and ``WORD_END`` over :func:`search_text`: a
#: hyphen that may start a match is the joining one, and every hyphen of an end guard or a
#: wildcard is either kind. The start is no lookbehind, which browsers read only since 2023
#: (Safari 16.4), but the character before the match (or the text's start), taken with it as
#: ``$1`` and put back: a match that begins right where another ends, after nothing, is not
#: found, which only a query ending in punctuation, such as "(CICA)(CICA)", could meet.
BROWSER_WORD_START = rf"(^|[^{_WORD}'\-])"
_ANY_HYPHEN = rf"\-{JOINING_HYPHEN}"
BROWSER_WORD_END = rf"(?![{_WORD}{_ANY_HYPHEN}])(?!'(?!s(?![{_WORD}'{_ANY_HYPHEN}]))[{_WORD}'{_ANY_HYPHEN}])"
BROWSER_WILDCARD = rf"[{_WORD}'{_ANY_HYPHEN}]*"


def _js(text: str) -> str:
    """A Vega expression string literal of ``text``."""
    return json.dumps(text)


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


def _query_body() -> str:
    """The Vega expression of the query's regular expression without its guards, as
    :func:`unscspeech.measures.whole_words.term_body` writes it: quotes and dashes made plain,
    every special character escaped, a hyphen of either kind, a ``*`` that ends a word any ending,
    and the words apart by any space."""
    plain = "trim(query)"
    # The characters matching evens out, grouped by what they become (pipeline.tokens).
    evened: dict[str, list[str]] = {}
    for character in sorted(NORMALISED_AWAY):
        evened.setdefault(normalise_for_matching(character), []).append(character)
    for replacement, characters in evened.items():
        plain = f"replace({plain}, regexp({_js('[' + ''.join(characters) + ']')}, 'g'), {_js(replacement)})"
    specials = _js(r"[.*+?^${}()|[\]\\]")
    escaped = f"replace({plain}, regexp({specials}, 'g'), {_js(chr(92) + '$&')})"
    hyphens = f"replace({escaped}, regexp('-', 'g'), {_js('[-' + JOINING_HYPHEN + ']')})"
    final_star = _js(r"\\\*(?=\s|$)")
    wildcards = f"replace({hyphens}, regexp({final_star}, 'g'), {_js(BROWSER_WILDCARD)})"
    spaces = _js(r"\s+")
    return f"replace({wildcards}, regexp({spaces}, 'g'), {spaces})"


def search_chart(paragraphs: pd.DataFrame, documents: pd.DataFrame, query: str = DEFAULT_QUERY) -> alt.VConcatChart:
    """A search box, hits per 1,000 words per document, and every keyword-in-context line."""
    data = search_data(paragraphs, documents)
    doc_order = documents.sort_values(["date", "doc_id"])["label"].tolist()
    search = alt.param(name=QUERY_PARAM, value=query,
                       bind=alt.binding(input="search", name="Search the corpus for a word or phrase: ",
                                        placeholder="e.g. preventive diplomacy"))
    # Each match is marked \u0001 before and \u0002 after, and the text cut at the first marks: the
    # pieces after the first each start with a match. A query without a letter or digit ("*", "-")
    # is none, as kwic refuses it (whole_words.term_body).
    base = alt.Chart(data).transform_calculate(
        body=_query_body(), searched=f"test(regexp({_js('[' + _WORD + ']')}, 'u'), query)",
    ).transform_calculate(
        marked=f"datum.searched ? replace(datum.norm, regexp({_js(BROWSER_WORD_START + '(')} + datum.body + "
               f"{_js(')' + BROWSER_WORD_END)}, 'giu'), {_js('$1' + MATCH_MARKS[0] + '$2' + MATCH_MARKS[1])}) : datum.norm",
    ).transform_calculate(
        pieces=f"split(datum.marked, {_js(MATCH_MARKS[0])})",
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
        # A piece's length in the text: without the mark after its match (the one before is cut away).
        piece_length="length(datum.piece) - (datum.piece_index > 1 ? 1 : 0)",
    ).transform_window(
        through="sum(piece_length)", groupby=["doc_id", "paragraph"], frame=[None, 0],
    ).transform_filter(
        "datum.piece_index > 1",
    ).transform_calculate(
        start="datum.through - datum.piece_length",
    ).transform_calculate(
        end=f"datum.start + indexof(datum.piece, {_js(MATCH_MARKS[1])})",
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
    # The columns' spacing reads as the space before a match; a left context that ends without one
    # (Secretary- before General) is moved up against its match. The columns are laid out by their
    # widths ("flush"), so that text moved into the spacing does not push the match's column on.
    left = lines.transform_calculate(
        left_x=f"{left_width} + (test(/\\s$/, datum.left) ? 0 : {SPACING})",
    ).mark_text(align="right", **text).encode(
        y=y, x=alt.X("left_x:Q", scale=None, axis=None), text="left:N", tooltip=tooltip).properties(
        width=left_width, name=f"{name}_left")
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
                       spacing=SPACING, bounds="flush").resolve_scale(y="shared")


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
