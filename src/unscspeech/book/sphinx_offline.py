"""A Sphinx extension that keeps the built book free of network loads.

Listed under ``sphinx.extra_extensions`` in ``_config.yml``, so that a plain
``jupyter-book build .`` behaves like ``make book``:

* at start-up it writes ``_static/vega-bundle.js`` from the pinned
  ``vl-convert-python`` (never committed) and sets ``UNSCSPEECH_BOOK=1``, which the
  kernels that execute the chapters inherit, so Altair uses the offline renderer;
* on every page it drops the scripts of ``sphinx-thebe`` (which Jupyter Book 1
  always loads): live code needs a remote kernel anyway, its configuration names a
  CDN, and Jupyter Book adds it twice, which raises a console error on every page.
"""

from __future__ import annotations

import os
from pathlib import Path

from unscspeech.book.offline import BOOK_ENV, write_vega_bundle

BUNDLE = "vega-bundle.js"


def _prepare(app, config) -> None:
    os.environ[BOOK_ENV] = "1"
    target = Path(app.srcdir) / "_static" / BUNDLE
    write_vega_bundle(target)
    if BUNDLE not in [f if isinstance(f, str) else f[0] for f in config.html_js_files]:
        config.html_js_files.append(BUNDLE)


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", script) or ""
    body = (getattr(script, "attributes", {}) or {}).get("body", "")
    return "sphinx-thebe" in str(filename) or "THEBE_JS_URL" in body


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]


def setup(app):
    app.connect("config-inited", _prepare)
    app.connect("html-page-context", _drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
