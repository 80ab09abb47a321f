"""A Sphinx extension: the ``table-downloads`` directive lists every declared table as a download.

The Data page offers each processed table for download with what it holds. The list is made from
the tables' one declaration (:data:`unscspeech.processed.schema.TABLES`: file name and description,
in the declared order), so a table added to or removed from the build is added to or removed from
the page with it. Each link is Sphinx's own download reference, as the ``{download}`` role makes:
the file is copied into the built book and linked from there.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from unscspeech.processed.schema import TABLES


class TableDownloads(SphinxDirective):
    """A bullet list of every declared table: its CSV file as a download, then its description.

    The option ``folder`` is the path of the processed tables relative to the page
    (``../data/processed``)."""

    has_content = False
    option_spec = {"folder": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        folder = self.options.get("folder", "../data/processed").rstrip("/")
        items = nodes.bullet_list()
        for table in TABLES:
            reference = addnodes.download_reference(
                "", "", refdoc=self.env.docname, refdomain="", reftype="download", refexplicit=True,
                refwarn=False, reftarget=f"{folder}/{table.file}")
            reference += nodes.literal(table.file, table.file)
            paragraph = nodes.paragraph("", "", reference, nodes.Text(f": {table.description}"))
            items += nodes.list_item("", paragraph)
        return [items]


def setup(app):
    app.add_directive("table-downloads", TableDownloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
