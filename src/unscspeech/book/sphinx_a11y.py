"""A Sphinx extension that mends an accessibility fault of the generated HTML.

docutils writes a bibliography as ``<div role="list" class="citation-list">`` whose
children are not list items, which axe-core reports as a critical violation
(aria-required-children). The role adds nothing a screen reader needs here, so it
is dropped from every page body.
"""

from __future__ import annotations

FAULTS = {'<div role="list" class="citation-list">': '<div class="citation-list">'}


def _mend(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body:
        for fault, fix in FAULTS.items():
            body = body.replace(fault, fix)
        context["body"] = body


def setup(app):
    app.connect("html-page-context", _mend)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
