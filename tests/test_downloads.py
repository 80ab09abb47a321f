"""The Data page's downloads: every file the downloadable datapackage.json lists can be downloaded.

A reader who downloads ``datapackage.json`` and the tables beside it must be able to validate them
with it, so every resource the package names (the CSVs and the Parquet copies) must be offered.
The ``table-downloads`` directive is built here in a small Sphinx project of its own, on the
processed tables, without building the whole book.
"""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest

from conftest import DATA
from unscspeech.book.sphinx_downloads import offered_files, table_files
from unscspeech.processed.datapackage import descriptor
from unscspeech.processed.schema import TABLES

PAGE = """Data
====

:download:`datapackage.json <processed/datapackage.json>`

.. table-downloads::
   :folder: processed
"""


def build_page(tmp_path, processed):
    """Build one page with the directive over the folder ``processed``; its HTML and output folder."""
    from sphinx.application import Sphinx

    source = tmp_path / "src"
    source.mkdir()
    shutil.copytree(processed, source / "processed")
    (source / "conf.py").write_text("extensions = ['unscspeech.book.sphinx_downloads']\n", encoding="utf-8")
    (source / "index.rst").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "html"
    warnings = io.StringIO()
    # Not warnings as errors: a second Sphinx in one process warns that docutils' nodes are
    # registered again. A download that cannot be copied is caught by the bytes compared below.
    app = Sphinx(str(source), str(source), str(out), str(tmp_path / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=True)
    app.build()
    assert "not readable" not in warnings.getvalue(), warnings.getvalue()
    return (out / "index.html").read_text(encoding="utf-8"), out


def offered(html: str) -> dict[str, str]:
    """The files the page links as downloads, by name: the link's path in the built book."""
    return {m.group(2): m.group(1) for m in re.finditer(r'href="(_downloads/[0-9a-f]+/([^"/]+))"', html)}


def test_the_directive_offers_each_table_and_each_parquet_copy_the_declaration_names():
    for table in TABLES:
        files = table_files(table)
        assert files[0] == table.file
        assert (table.parquet_file in files) == ("parquet" in table.formats)
    assert len(offered_files()) == len(set(offered_files())) == len(TABLES) + sum(
        "parquet" in t.formats for t in TABLES)


def test_every_resource_of_the_downloadable_package_is_downloadable(tmp_path):
    processed = DATA / "processed"
    if not (processed / "datapackage.json").is_file():
        pytest.skip("no processed tables: run make data")
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    html, out = build_page(tmp_path, processed)
    links = offered(html)
    resources = {r["path"] for r in package["resources"]}
    assert resources, "the package lists no resource"
    missing = sorted(resources - set(links))
    assert not missing, f"datapackage.json lists files the page does not offer: {missing}"
    assert "datapackage.json" in links
    for name in resources | {"datapackage.json"}:
        assert (out / links[name]).read_bytes() == (processed / name).read_bytes(), name


def test_a_package_resource_the_page_would_not_offer_is_caught(tmp_path):
    """The check above can fail: a package that lists a file the directive does not offer."""
    processed = DATA / "processed"
    if not (processed / "datapackage.json").is_file():
        pytest.skip("no processed tables: run make data")
    copy = tmp_path / "processed"
    shutil.copytree(processed, copy)
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"].append({**package["resources"][0], "path": "extra.parquet"})
    (copy / "extra.parquet").write_bytes(b"")
    html, _ = build_page(tmp_path, copy)
    assert "extra.parquet" not in offered(html)


def test_the_package_descriptor_lists_only_files_the_directive_offers():
    """Whatever tables a build writes, the descriptor's resources are among the offered files."""
    import pandas as pd

    tables = {t.file: pd.DataFrame(columns=list(t.column_names)) for t in TABLES}
    paths = {r["path"] for r in descriptor(tables)["resources"]}
    assert paths <= set(offered_files())
    assert {t.parquet_file for t in TABLES if "parquet" in t.formats} <= paths
