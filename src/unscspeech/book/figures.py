"""Every figure of the book, by name: drawn the same way in the chapters and by ``make figures``.

A chapter glues ``draw(name, tables)``; ``python -m unscspeech figures`` writes each
figure as PNG and SVG (with vl-convert, no browser) for print and slides, into the
folder the captions link to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import altair as alt

from unscspeech.book.charts import actors, corpus, distinctive, echoes, robustness, stance, themes, vocabulary
from unscspeech.book.charts import priorities as priority_charts
from unscspeech.book.charts.style import with_certainty_legend
from unscspeech.book.tables import Tables, read_tables
from unscspeech.book.findings import priorities
from unscspeech.measures.vocabulary import stopword_terms

#: How many terms per document the frequency small multiples show.
TOP_TERMS_N = 10
#: The minimum corpus count of a term in the frequency-dispersion chart.
DISPERSION_MIN_COUNT = 5
#: The corpus mentions an actor needs to be drawn in the co-mention network.
NETWORK_MIN_MENTIONS = 2


FIGURES: dict[str, Callable[[Tables], alt.TopLevelMixin]] = {
    "timeline": lambda t: corpus.timeline(t.documents, t.periods),
    "lengths": lambda t: corpus.document_lengths(t.documents),
    "cleaning": lambda t: corpus.cleaning_summary(t.cleaning_log, t.documents),
    "top-terms": lambda t: vocabulary.top_terms(t.frequencies, t.documents, n=TOP_TERMS_N,
                                                paragraphs=t.paragraphs),
    "dispersion": lambda t: vocabulary.frequency_dispersion(t.dispersion, t.frequencies,
                                                       min_count=DISPERSION_MIN_COUNT, paragraphs=t.paragraphs),
    "collocations": lambda t: vocabulary.collocation_bars(t.collocations, paragraphs=t.paragraphs),
    "lexdiv": lambda t: vocabulary.lexical_diversity_chart(t.lexdiv, t.documents),
    "keyness": lambda t: distinctive.keyness_bars(t.keyness, t.documents, stopword_terms(t.frequencies),
                                                paragraphs=t.paragraphs),
    "theme-heatmap": lambda t: themes.theme_heatmap(t.themes, t.documents, t.codebook,
                                                    paragraphs=t.paragraphs),
    "themes-time": lambda t: themes.themes_over_time(t.themes, t.documents, t.codebook),
    "xray": lambda t: themes.theme_xray(t.theme_hits, t.documents, t.codebook),
    "cooccurrence": lambda t: themes.cooccurrence_heatmap(t.theme_cooccurrence, t.codebook,
                                                          paragraphs=t.paragraphs),
    "similarity": lambda t: echoes.similarity_heatmap(t.similarity, t.documents),
    "priorities": lambda t: priority_charts.priorities_bars(priorities(t), paragraphs=t.paragraphs),
    "actors": lambda t: actors.actor_heatmap(t.actors, t.documents),
    "actor-network": lambda t: actors.actor_network_chart(t.actor_network, t.actors,
                                                              min_mentions=NETWORK_MIN_MENTIONS),
    "stance": lambda t: stance.stance_by_document(t.stance, t.documents),
    "stance-markers": lambda t: stance.stance_markers_heatmap(t.stance, t.documents),
    "robustness": lambda t: robustness.robustness_chart(t.robustness, t.documents),
}


def draw(name: str, tables: Tables) -> alt.TopLevelMixin:
    """The figure ``name`` drawn from the processed tables, with the legend of any certainty mark it prints."""
    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; the figures are: {', '.join(FIGURES)}")
    return with_certainty_legend(FIGURES[name](tables))


def export(tables: Tables, out: Path, scale: float = 2.0) -> list[Path]:
    """Write every figure as ``NAME.png`` and ``NAME.svg`` into ``out``; return the paths."""
    import vl_convert as vlc

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIGURES:
        spec = draw(name, tables).to_dict()
        svg = out / f"{name}.svg"
        svg.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
        png = out / f"{name}.png"
        png.write_bytes(vlc.vegalite_to_png(spec, scale=scale))
        written += [png, svg]
    return written


def export_from(processed: Path, out: Path) -> list[Path]:
    """``export`` for the tables in a processed folder."""
    return export(read_tables(processed), out)
