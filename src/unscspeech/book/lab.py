"""JupyterLab opens the chapters as notebooks: ``python -m unscspeech.book.lab [PREFIX]``.

The chapters are MyST Markdown files that jupytext reads as notebooks, but JupyterLab opens a
``.md`` file in its Markdown editor unless told otherwise. :func:`write_overrides` tells it, for
one Python environment: it writes ``PREFIX/share/jupyter/lab/settings/overrides.d/unscspeech.json``
(PREFIX is the running interpreter's ``sys.prefix`` unless given), which makes jupytext's
"Jupytext Notebook" the default viewer of Markdown and MyST files there. ``make lab`` runs it for
``.venv``, and ``binder/postBuild`` for the Binder image, so that a chapter opened from a launch
link, from the file browser or by ``lab/tree/chapters/NAME.md`` is a notebook. A file of its own
in ``overrides.d`` leaves the environment's other settings, and the user's, as they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: JupyterLab's document manager, whose ``defaultViewers`` pick the view a file type opens in.
DOCMANAGER = "@jupyterlab/docmanager-extension:plugin"
#: jupytext's notebook view of text files (the factory its JupyterLab extension registers).
JUPYTEXT_NOTEBOOK = "Jupytext Notebook"
#: The file types of the chapters' sources: ``.md`` is "markdown"; "myst" is jupytext's own.
NOTEBOOK_FILE_TYPES = ("markdown", "myst")


def overrides() -> dict:
    """The settings that make the chapters open as notebooks."""
    return {DOCMANAGER: {"defaultViewers": {kind: JUPYTEXT_NOTEBOOK for kind in NOTEBOOK_FILE_TYPES}}}


def overrides_path(prefix: Path | str) -> Path:
    """Where JupyterLab in the environment at ``prefix`` reads this package's settings overrides."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "unscspeech.json"


def write_overrides(prefix: Path | str = sys.prefix) -> Path:
    """Write the overrides for the environment at ``prefix``; return the file written."""
    path = overrides_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(overrides(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = write_overrides(argv[0] if argv else sys.prefix)
    print(f"wrote {path}: JupyterLab opens the chapters (Markdown, MyST) as notebooks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
