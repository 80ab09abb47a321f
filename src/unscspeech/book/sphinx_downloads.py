"""A Sphinx extension: the ``table-downloads`` directive lists every declared table as a download.

The Data page offers each processed table for download with what it holds. The list is made from
the tables' one declaration (:data:`unscspeech.processed.schema.TABLES`: file name and description,
in the declared order), so a table added to or removed from the build is added to or removed from
the page with it. A table also written as Parquet (``formats``) offers that copy too, so that every
file ``datapackage.json`` lists can be downloaded (:func:`offered_files`). Each link is Sphinx's own
download reference, as the ``{download}`` role makes: the file is copied into the built book and
linked from there.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from unscspeech.processed.schema import TABLES, Table


def table_files(table: Table) -> list[str]:
    """The files of a declared table the page offers: its CSV, then its Parquet copy if it has one.

    >>> from unscspeech.processed.schema import SCHEMA
    >>> table_files(SCHEMA["tokens"]), table_files(SCHEMA["periods"])
    (['tokens.csv', 'tokens.parquet'], ['periods.csv'])
    """
    return [table.file] + ([table.parquet_file] if "parquet" in table.formats else [])


def offered_files() -> list[str]:
    """Every file the directive offers, in the order of the page."""
    return [name for table in TABLES for name in table_files(table)]


class TableDownloads(SphinxDirective):
    """A bullet list of every declared table: its CSV file as a download, then its description,
    and, for a table also written as Parquet, that copy as a second download.

    The option ``folder`` is the path of the processed tables relative to the page
    (``../data/processed``)."""

    has_content = False
    option_spec = {"folder": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        folder = self.options.get("folder", "../data/processed").rstrip("/")
        items = nodes.bullet_list()
        for table in TABLES:
            csv, *copies = table_files(table)
            paragraph = nodes.paragraph("", "", self.download(folder, csv), nodes.Text(f": {table.description}"))
            for copy in copies:
                paragraph += [nodes.Text(" Also as "), self.download(folder, copy),
                              nodes.Text(", typed and compressed.")]
            items += nodes.list_item("", paragraph)
        return [items]

    def download(self, folder: str, name: str) -> addnodes.download_reference:
        """A download link to the file ``name`` of ``folder``, shown as the file's name."""
        reference = addnodes.download_reference(
            "", "", refdoc=self.env.docname, refdomain="", reftype="download", refexplicit=True,
            refwarn=False, reftarget=f"{folder}/{name}")
        reference += nodes.literal(name, name)
        return reference


def setup(app):
    app.add_directive("table-downloads", TableDownloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
