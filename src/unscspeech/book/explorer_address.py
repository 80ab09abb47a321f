"""The explorer's search and theme in the page's address (``?search=…&theme=…``), restored on load.

:func:`address_script` returns the ``<script>`` that the explorer page shows after its charts:
``explorer_address.js`` (beside this module) with the names of the charts' Vega parameters, the
codebook's themes (their ids stand in the address, their labels in the selector) and the defaults.
It needs no network and works from ``file://``: it only reads and writes ``location.search``
through the History API, so that a search can be cited as a link and Back and Forward move
between searches. The search is not ``?q=…``, which Sphinx's own site search reads on every page.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from unscspeech.book.explorer import DEFAULT_QUERY, QUERY_PARAM, THEME_PARAM
from unscspeech.book.offline import script_safe_json

SCRIPT = Path(__file__).with_name("explorer_address.js")
PLACEHOLDER = "CONFIG_PLACEHOLDER"


class Script:
    """Rich-display wrapper: notebooks and the book show the script as HTML."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return "<script: the explorer's address>"


def address_config(codebook: pd.DataFrame) -> dict:
    """What the script needs: parameter names, theme id → label, and the defaults."""
    themes = dict(zip(codebook["theme"].astype(str), codebook["label"].astype(str)))
    return {"querySignal": QUERY_PARAM, "themeSignal": THEME_PARAM, "themes": themes,
            "defaultQuery": DEFAULT_QUERY, "defaultTheme": codebook["label"].iloc[0]}


def address_script(codebook: pd.DataFrame) -> Script:
    """The explorer's address-keeping script, configured for this codebook."""
    source = SCRIPT.read_text(encoding="utf-8")
    assert source.count(PLACEHOLDER) == 1, f"{SCRIPT.name} must hold {PLACEHOLDER} once"
    code = source.replace(PLACEHOLDER, script_safe_json(address_config(codebook)))
    return Script(f'<script type="text/javascript">\n{code}</script>')
