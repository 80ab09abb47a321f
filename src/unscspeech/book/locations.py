"""Where the book is and where its processed tables are, found without importing the charts.

The chapter command and the Sphinx extensions need only these two answers; the preamble, which
the chapters import, reads the tables from :func:`processed_dir`.
"""

from __future__ import annotations

import os
from pathlib import Path

PROCESSED_ENV = "UNSCSPEECH_PROCESSED"


def project_root(start: Path | None = None) -> Path:
    """The book's root: the nearest folder above ``start`` that holds ``_config.yml``.

    >>> (project_root() / "_toc.yml").is_file()
    True
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file():
            return folder
    raise FileNotFoundError(f"no _config.yml above {here}: run the chapters from inside the book")


def processed_dir() -> Path:
    """Where the processed tables are: ``$UNSCSPEECH_PROCESSED`` or ``data/processed``."""
    return Path(os.environ.get(PROCESSED_ENV) or project_root() / "data" / "processed")
