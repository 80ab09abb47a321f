"""The book's one Altair theme, and what every chart shares.

The theme gives every chart readable type, a quiet grid and the colour-blind-safe Okabe–Ito
colours; Vega's automatic ARIA labels for each mark are switched off in it: they read the raw fields
("genre: council_statement", "23.480663"), one bar at a time, so that a chart's ``description`` is
what a screen reader hears. The sizes here fit the book's text column; the helpers order documents,
colour genres and print terms alike in every chapter's charts."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

import altair as alt
import pandas as pd

from unscspeech.book.certainty import legend_lines
from unscspeech.input.corpus import ARTICLE, STATEMENT
from unscspeech.book.printed import printed_forms


#: Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GENRE_COLOURS = {STATEMENT: "#0072B2", ARTICLE: "#E69F00"}
#: The colours for anything but genre: the genres' blue and orange mean a genre in every chart, so
#: that a reader who has learnt "orange is the article" never meets orange meaning something else.
OTHER_COLOURS = [c for c in OKABE_ITO if c not in GENRE_COLOURS.values()]
#: Eight colours apart from the genres' for the kinds of actor: Paul Tol's "muted" scheme, made to
#: be told apart with the common colour-vision deficiencies (Tol 2021, SRON/EPS/TN/09-002).
MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
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
HOW_SURE = alt.Tooltip("how_sure:N", title="How sure")


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
            "range": {"category": OTHER_COLOURS},
            "bar": {"discreteBandSize": {"band": 0.7}},
        }
    }


def _lines(labels: Iterable[str], width: int) -> dict[str, list[str]]:
    return {label: textwrap.wrap(label, width) for label in sorted(set(labels)) if len(label) > width}


def wrapped(labels: Iterable[str], width: int) -> str:
    """A Vega label expression that sets each of ``labels`` longer than ``width`` characters on
    lines of at most ``width``, for a header or a legend.

    Vega draws an array of strings as lines; a label limit instead cuts a long theme or
    organization name to "…", and the reader loses its end.

    >>> wrapped(["Peacekeeping", "Women, peace and security"], 16)
    '{"Women, peace and security": ["Women, peace and", "security"]}[datum.value] || datum.value'
    """
    return json.dumps(_lines(labels, width), ensure_ascii=False) + "[datum.value] || datum.value"


def wrapped_axis(labels: Iterable[str], width: int, font_size: int = 12, **axis) -> alt.Axis:
    """An axis whose long ``labels`` are set on lines (:func:`wrapped`), each block of lines
    centred on its tick as a one-line label is: Vega puts a block's first line there, so a block
    of ``n`` lines is moved up by ``n - 1`` half lines (a line being the font size and 2 pixels).

    >>> wrapped_axis(["Peacekeeping", "Women, peace and security"], 16).labelOffset["condition"]
    [{'test': 'indexof(["Women, peace and security"], datum.value) >= 0', 'value': -7.0}]
    """
    by_count: dict[int, list[str]] = {}
    for label, lines in _lines(labels, width).items():
        by_count.setdefault(len(lines), []).append(label)
    conditions = [{"test": f"indexof({json.dumps(names, ensure_ascii=False)}, datum.value) >= 0",
                   "value": -(n - 1) * (font_size + 2) / 2} for n, names in sorted(by_count.items())]
    return alt.Axis(labelExpr=wrapped(labels, width), labelFontSize=font_size,
                    labelOffset={"condition": conditions, "value": 0}, **axis)


def genre_scale(genres: pd.Series) -> alt.Scale:
    """The genres' colours: the statements' and the article's fixed, any other genre's from the palette."""
    present = [g for g in GENRE_COLOURS if g in set(genres)]
    others = sorted(set(genres) - set(present))
    domain = present + others
    extra = [c for c in OKABE_ITO if c not in GENRE_COLOURS.values()]
    return alt.Scale(domain=domain, range=[GENRE_COLOURS.get(g) or extra[i % len(extra)]
                                          for i, g in enumerate(domain)])


#: The genres as a reader names them, for legends (the tables keep the codes).
GENRE_NAMES = {STATEMENT: "Council statement", ARTICLE: "Article"}


#: A tooltip line of the genre under its name (the data needs :func:`with_genre_names`).
GENRE_TOOLTIP = alt.Tooltip("genre_name:N", title="Genre")


def with_genre_names(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``genre_name``: each row's genre as a reader names it, for tooltips."""
    return frame.assign(genre_name=frame["genre"].map(lambda g: GENRE_NAMES.get(g, g)))


def genre_legend() -> alt.Legend:
    """A legend of the genres under their names ("Council statement"), not their codes."""
    expression = " : ".join(f"datum.label === {json.dumps(code)} ? {json.dumps(name)}" for code, name in GENRE_NAMES.items())
    return alt.Legend(labelExpr=f"{expression} : datum.label")


def text_colour_on(fill: str, dark: str = "#111111") -> str:
    """White or ``dark`` for text on a ``fill`` colour (``#rrggbb``), whichever reads better: white
    where the fill's relative luminance (WCAG 2) is below 0.28.

    >>> text_colour_on("#332288"), text_colour_on("#DDCC77")
    ('white', '#111111')
    """
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return "white" if luminance < 0.28 else dark


def readable_on(field: str, top: float, dark: str = "#222222") -> dict:
    """The colour of a heat map's numbers: white on the darker half of its scale (above ``top / 2``,
    ``top`` being the scale's highest value), ``dark`` elsewhere, so that every number reads."""
    return alt.condition(getattr(alt.datum, field) > top / 2, alt.value("white"), alt.value(dark))


def band_width(n: int, room: float, widest: int, narrowest: int = MIN_BAND) -> int:
    """The width of each of ``n`` bands sharing ``room`` pixels, kept within ``narrowest``–``widest``.

    Heatmaps and small multiples have one band per document or theme; a fixed band would push a
    larger corpus out of the text column, so the band narrows with the count, down to the width
    its numbers need.
    """
    return int(max(narrowest, min(widest, room // max(n, 1))))


def document_order(documents: pd.DataFrame) -> list[str]:
    """The documents' labels, oldest first (then by id): the order every chart lists them in."""
    return documents.sort_values(["date", "doc_id"])["label"].tolist()


#: Two columns of term bars: each panel's plot and its term labels (room for the edition's longest
#: term, "peacekeeping operations"; a longer one would end in "…", whole in the tooltip), so that
#: two panels side by side fit ``COLUMN``.
FACET_WIDTH = 115
FACET_LABELS = 160


def as_printed(terms: pd.Series, paragraphs: pd.DataFrame | None) -> pd.Series:
    """The terms as the texts print them ("CICA" for the lemma "cica"), or as they are without texts."""
    if paragraphs is None:
        return terms
    return terms.map(printed_forms(paragraphs, terms.tolist()))


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
