"""The data dictionary of every processed table, and a Frictionless ``datapackage.json``.

Both come from the tables' declaration (:mod:`unscspeech.processed.schema`), which says, for
each column, its type, what it means and its unit; the book's Data page shows the dictionary and
``build`` writes the descriptor as a Frictionless Data Package
(https://specs.frictionlessdata.io/data-package/) beside the CSVs, so that the tables can be
validated and loaded by other tools with their schema, each table's key as its ``primaryKey`` (which
a validator checks is unique). A column the declaration does not describe is an error, so the
declaration cannot fall behind the code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from unscspeech import __version__
from unscspeech.processed.schema import SCHEMA, TABLES, Table


def dictionary_table() -> pd.DataFrame:
    """The data dictionary as one table: file, column, type, meaning, unit."""
    rows = [(table.file, c.name, c.type, c.meaning, c.unit) for table in TABLES for c in table.columns]
    return pd.DataFrame(rows, columns=["file", "column", "type", "meaning", "unit"])


def declared(name: str) -> Table:
    """The declaration of the table written as ``name`` (``documents.csv``); a ``KeyError`` if there is none."""
    table = SCHEMA.get(name.removesuffix(".csv"))
    if table is None or name != table.file:
        raise KeyError(f"{name} is not declared in unscspeech.processed.schema")
    return table


def field(table: Table, column: str) -> dict:
    """The Frictionless field of a column: a declared one, or a further column of a table that allows them."""
    if column in table.column_names:
        spec = table.column(column)
        kind, meaning, unit = spec.type, spec.meaning, spec.unit
    elif table.further_columns:
        kind, meaning, unit = "string", table.further_columns, ""
    else:
        raise KeyError(f"{table.file}: column {column!r} is not declared in unscspeech.processed.schema")
    out = {"name": column, "type": kind, "description": meaning}
    if unit:
        out["unit"] = unit
    return out


def descriptor(tables: dict[str, pd.DataFrame]) -> dict:
    """A Frictionless Data Package descriptor for the tables as they are (columns in file order)."""
    resources = []
    for name in sorted(tables):
        table = declared(name)
        schema = {"fields": [field(table, c) for c in tables[name].columns], "missingValues": [""]}
        if table.key:
            schema["primaryKey"] = list(table.key)
        resources.append({"name": table.name, "path": name, "title": table.title, "description": table.description,
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    resources += parquet_copies(resources)
    return {
        "name": "unscspeech-processed",
        "title": "UN Security Council statements: processed tables",
        "description": "Tables built by unscspeech from a corpus of UN Security Council statements.",
        "version": __version__,
        "licenses": [{"name": "CC-BY-4.0",
                      "title": "Creative Commons Attribution 4.0, for the tables and annotations made by this "
                               "project; the document texts they contain remain under the terms of their "
                               "sources (see the datasheet)",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def parquet_copies(resources: list[dict]) -> list[dict]:
    """The Parquet copy of each CSV resource whose table declares that format
    (``tokens.csv`` → ``tokens.parquet``), a resource of its own with the same schema."""
    copies = []
    for resource in resources:
        table = declared(resource["path"])
        if "parquet" in table.formats:
            copy = {k: v for k, v in resource.items() if k not in ("encoding", "mediatype")}
            copies.append({**copy, "name": table.name + "-parquet", "path": table.parquet_file,
                           "format": "parquet", "mediatype": "application/vnd.apache.parquet"})
    return copies


def write_descriptor(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    """Write ``datapackage.json`` (sorted keys, stable bytes) beside the CSVs and their Parquet copies."""
    path = Path(folder) / "datapackage.json"
    package = descriptor(tables)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path
