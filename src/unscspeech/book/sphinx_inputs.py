"""A Sphinx extension that re-executes the chapters when what they read has changed.

Jupyter Book's execution cache is keyed on a notebook's own cells, so a chapter
whose text is unchanged keeps its old outputs even after the package that draws
its charts or the processed tables it reads have changed: the book would show
stale numbers. This extension hashes those inputs (the ``unscspeech`` sources, its
page scripts, and every processed table) at start-up; when the hash differs from the last build's,
it empties the execution cache, marks every document as outdated and exports the
figures again (PNG and SVG, into ``figures/``, which the captions link to).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import unscspeech
from unscspeech.book.locations import processed_dir
from unscspeech.book.figures import export_from

STAMP = ".unscspeech-inputs"
FIGURES = "figures"


def inputs_hash(processed: Path) -> str:
    """One hash of the package's source files and the processed tables."""
    digest = hashlib.sha256()
    package = Path(unscspeech.__file__).parent
    files = sorted(package.rglob("*.py")) + sorted(package.rglob("*.js")) + sorted(processed.glob("*.csv"))
    for path in files:
        digest.update(str(path.relative_to(package) if path.is_relative_to(package) else path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _check(app, config) -> None:
    build_root = Path(app.outdir).parent
    stamp = build_root / STAMP
    current = inputs_hash(processed_dir())
    previous = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else ""
    app.unscspeech_inputs_changed = current != previous
    if app.unscspeech_inputs_changed:
        cache = Path(config.nb_execution_cache_path or build_root / ".jupyter_cache")
        if cache.is_dir():
            shutil.rmtree(cache)
        build_root.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current + "\n", encoding="utf-8")
    figures = Path(app.srcdir) / FIGURES
    if app.unscspeech_inputs_changed or not any(figures.glob("*.png")):
        export_from(processed_dir(), figures)


def _outdated(app, env, added, changed, removed):
    if getattr(app, "unscspeech_inputs_changed", False):
        return sorted(env.found_docs - set(added) - set(changed))
    return []


def setup(app):
    app.connect("config-inited", _check)
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
