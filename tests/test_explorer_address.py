"""The explorer's address script is configured with the charts' own parameter names and the codebook."""

from __future__ import annotations

import json
import re

from conftest import DATA
from unscspeech.book.explorer import search_chart, theme_chart
from unscspeech.book.explorer_address import PLACEHOLDER, address_config, address_script
from unscspeech.book.tables import read_tables


def _param_names(chart) -> set[str]:
    return {param["name"] for param in chart.to_dict().get("params", [])}


def test_the_script_names_the_charts_parameters_and_every_theme():
    tables = read_tables(DATA / "processed")
    codebook, paragraphs, documents = tables.codebook, tables.paragraphs, tables.documents
    config = address_config(codebook)
    assert config["querySignal"] in _param_names(search_chart(paragraphs, documents))
    assert config["themeSignal"] in _param_names(theme_chart(tables.theme_hits, paragraphs, documents,
                                                             codebook))
    assert config["themes"] == dict(zip(codebook["theme"], codebook["label"]))
    assert config["defaultTheme"] == codebook["label"].iloc[0]
    html = address_script(codebook)._repr_html_()
    assert PLACEHOLDER not in html
    inlined = re.search(r"\}\)\((\{.*\})\);\s*</script>$", html, re.DOTALL).group(1)
    assert json.loads(inlined) == config
