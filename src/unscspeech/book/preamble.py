"""The preamble every chapter imports in a hidden cell.

It finds the processed tables, switches Altair to the offline renderer when the
book is being built, and offers the few helpers chapters need to show results
safely: ``cite`` (a quoted passage, checked against the corpus, with its
document and paragraph), ``Text`` (a string that ``{glue:text}`` prints as is)
and ``html_table`` (a table whose cells are always escaped, so text that
contains markup shows as text and never runs).
"""

from __future__ import annotations

import html

import pandas as pd

from unscspeech.book import charts  # noqa: F401  (registers and enables the theme)
from unscspeech.book.certainty import legend_for
from unscspeech.book.locations import processed_dir
from unscspeech.book.offline import enable_book_renderer
from unscspeech.book.tables import Tables, read_tables
from unscspeech.measures.kwic import locate

class Text(str):
    """A string that glue prints without quotes (its repr is itself)."""

    def __repr__(self) -> str:
        return str(self)


def setup() -> Tables:
    """Everything a chapter needs first: the renderer for the book and the tables."""
    enable_book_renderer()
    return read_tables(processed_dir())


def cite(tables: Tables, doc_id: str, phrase: str) -> Text:
    """A quoted passage with its document and paragraph; fails if the corpus lacks it."""
    paragraph = locate(tables.paragraphs, doc_id, phrase)
    label = tables.documents.set_index("doc_id").loc[doc_id, "label"]
    return Text(f"“{phrase}” ({label}, paragraph {paragraph})")


def and_list(items, conjunction: str = "and") -> Text:
    """Items as prose: "A", "A and B", "A, B and C" (``conjunction`` may be "or").

    >>> and_list(["a", "b", "c"])
    a, b and c
    >>> and_list(["a", "b", "c"], "or")
    a, b or c
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return Text("".join(items) or "none")
    return Text(", ".join(items[:-1]) + f" {conjunction} " + items[-1])


def plural(n: int, noun: str, many: str | None = None) -> Text:
    """A count with its noun in the right number: "1 document", "3 documents".

    >>> plural(1, "document")
    1 document
    >>> plural(2, "analysis", "analyses")
    2 analyses
    """
    return Text(f"{n:,} {noun if n == 1 else (many or noun + 's')}")


def in_sentence(label: str, paragraphs: pd.DataFrame | None = None) -> Text:
    """A label as it stands inside a sentence (:func:`unscspeech.book.printed.in_sentence`).

    >>> in_sentence("The security-development nexus")
    the security-development nexus
    """
    from unscspeech.book.printed import in_sentence as placed

    return Text(placed(label, paragraphs))


def sentence_start(text: str) -> Text:
    """Text placed at the start of a sentence: its first letter capitalised, the rest untouched.

    >>> sentence_start("the security-development nexus")
    The security-development nexus
    """
    return Text(text[:1].upper() + text[1:])


def printed_form(paragraphs: pd.DataFrame, term: str) -> Text:
    """How the texts print a lower-case term, for a sentence (:func:`unscspeech.book.printed.printed_forms`).

    >>> printed_form(pd.DataFrame({"text": ["Central Asia and CICA."]}), "central asia")
    Central Asia
    """
    from unscspeech.book.printed import printed_forms

    return Text(printed_forms(paragraphs, [term])[term])


def claim(condition: bool, message: str) -> None:
    """Guard a sentence of the prose: the build fails if the data stop supporting it."""
    if not condition:
        raise AssertionError(f"the prose no longer holds: {message}")


def kwic_table(tables: Tables, query: str, doc_id: str | None = None,
               limit: int = 8, window: int = 70, note: str = "") -> "HTMLTable":
    """Keyword-in-context lines of ``query`` (in one document or all), as an escaped table; ``note``
    is added to the caption's count (what the count takes in that a term's count does not)."""
    from unscspeech.measures.kwic import kwic

    paragraphs = tables.paragraphs
    if doc_id is not None:
        paragraphs = paragraphs[paragraphs["doc_id"] == doc_id]
    hits = kwic(paragraphs, query, window=window)
    if hits.empty:
        raise LookupError(f"{query!r} does not occur" + (f" in {doc_id}" if doc_id else ""))
    labels = tables.documents.set_index("doc_id")["label"]
    shown = hits.head(limit).assign(document=lambda h: h["doc_id"].map(labels))
    where = (f" in {labels[doc_id]}" if doc_id is not None
             else f" in {hits['doc_id'].nunique()} of the {len(tables.documents)} documents")
    caption = (f"“{query}”{where}: {len(hits)} occurrence{'s' if len(hits) != 1 else ''}"
               + note + (f", the first {limit} shown" if len(hits) > limit else ""))
    return html_table(shown[["document", "paragraph", "left", "match", "right"]].rename(
        columns={"document": "Document", "paragraph": "¶", "left": "", "match": "", "right": ""}),
        caption=caption, kwic=True)


class HTMLTable:
    """Rich-display wrapper: notebooks and the book show the escaped HTML table."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return "<table>"


def html_table(frame: pd.DataFrame, caption: str | None = None, kwic: bool = False) -> HTMLTable:
    """An HTML table with every cell and header escaped (corpus text is never markup).

    A table that prints a certainty mark (a candidate or attributed value, see
    :mod:`unscspeech.book.certainty`) says what its marks mean, at the end of its caption."""
    cells = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
    legend = legend_for(" ".join(str(c) for c in frame.columns) + " " + " ".join(" ".join(r) for r in cells))
    if legend:
        caption = (f"{caption}{'' if caption.rstrip()[-1:] in '.:;!?' else '.'} " if caption else "") + f"{legend}."
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    css = "table unscspeech-table" + (" kwic" if kwic else "")
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in cells)
    return HTMLTable(f'<table class="{css}">{cap}<thead><tr>{head}</tr></thead>'
                     f"<tbody>{rows}</tbody></table>")


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


#: The passages :func:`evidence_table` shows of a theme, at most.
EVIDENCE_PASSAGES = 3


def evidence_table(tables: Tables, theme: str, n: int = EVIDENCE_PASSAGES,
                   hits: pd.DataFrame | None = None, caption: str = "evidence") -> HTMLTable:
    """Keyword-in-context evidence for a theme, as an escaped table with document labels, drawn from
    ``hits`` (every hit of ``theme_hits.csv`` unless a page counts fewer, such as those outside
    names, which its ``caption`` then says), captioned "<theme's label>: <caption>"."""
    from unscspeech.measures.themes import evidence

    lines = evidence(tables.theme_hits if hits is None else hits, tables.paragraphs, theme, n=n)
    labels = tables.documents.set_index("doc_id")["label"]
    label = tables.codebook.set_index("theme").loc[theme, "label"]
    shown = lines.assign(document=lines["doc_id"].map(labels))
    return html_table(shown[["document", "paragraph", "left", "match", "right"]].rename(
        columns={"document": "Document", "paragraph": "¶", "left": "", "match": "", "right": ""}),
        caption=f"{label}: {caption}", kwic=True)


#: The packages whose versions the Reproducibility page reports.
REPORTED_PACKAGES = ("jupyter-book", "sphinx", "myst-nb", "pandas", "numpy", "scipy", "duckdb", "altair",
                     "vl-convert-python", "nltk", "simplemma", "scikit-learn", "regex", "PyYAML", "jupytext",
                     "sphinxcontrib-bibtex", "playwright", "pytest", "hypothesis")


def package_versions() -> pd.DataFrame:
    """Python's and the key packages' versions, as installed in the running environment."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    rows = [("Python", platform.python_version())]
    for name in REPORTED_PACKAGES:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["package", "version"])
