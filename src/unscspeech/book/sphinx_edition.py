"""A Sphinx extension that keeps the edition's readings for the edition and leaves them out elsewhere.

At start-up it reads the processed ``documents`` table and decides whether the book is
being built on the edition's five documents (:func:`unscspeech.book.edition.is_edition`). Each
chapter's source then passes through :func:`unscspeech.book.edition.select_sections` before
MyST-NB parses and executes it, so that code cells about particular documents neither
run nor leave glue keys behind on another corpus. The decision is also exposed as the
Sphinx tag ``edition`` for ``{only}`` directives.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sphinx.errors import ExtensionError

from unscspeech.book.locations import processed_dir
from unscspeech.book.edition import SectionError, is_edition, select_sections


def _decide(app, config) -> None:
    path = processed_dir() / "documents.csv"
    if not path.is_file():
        raise ExtensionError(f"{path}: missing; run `make data` first")
    documents = pd.read_csv(path, dtype=str, keep_default_na=False)
    app.unscspeech_edition = is_edition(documents)
    if app.unscspeech_edition:
        app.tags.add("edition")


def _select(app, docname: str, source: list[str]) -> None:
    try:
        source[0] = select_sections(source[0], app.unscspeech_edition, str(Path(app.env.doc2path(docname))))
    except SectionError as error:
        raise ExtensionError(str(error)) from None


def setup(app):
    app.connect("config-inited", _decide)
    app.connect("source-read", _select)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
