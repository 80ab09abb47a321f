"""The tables' declaration is what the build writes, what datapackage.json says and what the book reads."""

from __future__ import annotations

import dataclasses
import doctest
import json
import shutil

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.book.tables import Tables, as_tables, read_tables, typed
from unscspeech.processed import cache, schema
from unscspeech.processed.datapackage import descriptor, dictionary_table
from unscspeech.processed.schema import DTYPES, DTYPES_WITH_MISSING, LEXDIV, PERIODS, SCHEMA, TABLES

PROCESSED = DATA / "processed"


def test_every_table_the_build_writes_is_declared_with_exactly_its_columns_in_order(tables):
    assert sorted(tables) == sorted(t.file for t in TABLES)
    for table in TABLES:
        assert list(tables[table.file].columns) == list(table.column_names), table.file


def test_each_declared_key_identifies_one_row_of_its_table(tables):
    keyed = [t for t in TABLES if t.key]
    assert len(keyed) > len(TABLES) / 2
    for table in keyed:
        frame = tables[table.file]
        assert not frame.duplicated(list(table.key)).any(), (table.file, table.key)


def test_the_book_reads_every_declared_table_by_its_name_in_the_declared_order():
    assert [f.name for f in dataclasses.fields(Tables)] == [t.name for t in TABLES]
    assert list(SCHEMA) == [t.name for t in TABLES] and len(SCHEMA) == len(TABLES)


def test_every_column_is_read_back_as_its_declared_type(tables):
    for built in (as_tables(tables), read_tables(PROCESSED)):
        for table in TABLES:
            frame = getattr(built, table.name)
            for column in table.columns:
                allowed = {column.dtype, DTYPES_WITH_MISSING.get(column.type, column.dtype)}
                assert str(frame[column.name].dtype) in allowed, (table.file, column.name, frame[column.name].dtype)


def test_a_whole_number_column_with_an_empty_cell_stays_whole_and_a_number_column_becomes_float():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "tokens": ["3", ""], "types": [2, 2], "ttr": [1, 1],
                          "mtld": ["", "4.5"]})
    out = typed(LEXDIV, frame)
    assert str(out["tokens"].dtype) == "Int64" and out["tokens"].isna().tolist() == [False, True]
    assert str(out["ttr"].dtype) == DTYPES["number"] and out["ttr"].tolist() == [1.0, 1.0]
    assert out["mtld"].isna().tolist() == [True, False]


def test_the_data_package_is_generated_from_the_declaration():
    written = json.loads((PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    headers = {t.file: pd.DataFrame(columns=list(t.column_names)) for t in TABLES}
    assert written["resources"] == descriptor(headers)["resources"]
    for resource in written["resources"]:
        table = SCHEMA[resource["name"].removesuffix("-parquet")]
        path = table.parquet_file if resource["format"] == "parquet" else table.file
        assert (resource["path"], resource["title"], resource["description"]) == (path, table.title,
                                                                                  table.description)
        assert [(f["name"], f["type"], f["description"], f.get("unit", "")) for f in resource["schema"]["fields"]] \
            == [(c.name, c.type, c.meaning, c.unit) for c in table.columns]
        assert resource["schema"].get("primaryKey", []) == list(table.key)
    assert len(dictionary_table()) == sum(len(t.columns) for t in TABLES)
    in_parquet = sorted(r["path"] for r in written["resources"] if r["format"] == "parquet")
    assert in_parquet == sorted(t.parquet_file for t in TABLES if "parquet" in t.formats) and in_parquet


def test_a_repeated_key_fails_the_data_packages_validation(processed_copy):
    from frictionless import Resource

    path = processed_copy / LEXDIV.file
    frame = pd.read_csv(path, keep_default_na=False)
    descriptor_ = json.loads((processed_copy / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor_["resources"] if r["name"] == LEXDIV.name)
    assert Resource(resource, basepath=str(processed_copy)).validate().valid
    pd.concat([frame, frame.head(1)]).to_csv(path, index=False)
    report = Resource(resource, basepath=str(processed_copy)).validate()
    assert not report.valid and "primary-key" in {e.type for e in report.tasks[0].errors}


def test_an_undeclared_table_or_column_is_refused_by_the_descriptor():
    with pytest.raises(KeyError, match="notes.csv is not declared"):
        descriptor({"notes.csv": pd.DataFrame(columns=["x"])})
    with pytest.raises(KeyError, match="periods.csv: column 'colour' is not declared"):
        descriptor({"periods.csv": pd.DataFrame(columns=[*PERIODS.column_names, "colour"])})


def test_a_further_metadata_column_is_described_as_such():
    documents = SCHEMA["documents"]
    fields = descriptor({documents.file: pd.DataFrame(columns=[*documents.column_names, "region"])})[
        "resources"][0]["schema"]["fields"]
    assert fields[-1] == {"name": "region", "type": "string", "description": documents.further_columns}


@pytest.fixture
def processed_copy(tmp_path):
    target = tmp_path / "processed"
    shutil.copytree(PROCESSED, target)
    return target


def test_a_table_missing_a_column_is_an_error_naming_the_file_and_the_column(processed_copy):
    path = processed_copy / PERIODS.file
    pd.read_csv(path, keep_default_na=False).drop(columns="evidence").to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"processed/periods\.csv: missing evidence"):
        read_tables(processed_copy)


def test_columns_in_another_order_or_undeclared_are_errors_naming_the_file(processed_copy):
    path = processed_copy / LEXDIV.file
    frame = pd.read_csv(path, keep_default_na=False)
    frame[list(reversed(frame.columns))].to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"lexdiv\.csv: columns in another order than declared"):
        read_tables(processed_copy)
    frame.assign(extra=1).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"lexdiv\.csv: not declared: extra"):
        read_tables(processed_copy)


def test_a_cell_of_the_wrong_type_is_an_error_naming_the_file_the_column_and_the_value(processed_copy):
    path = processed_copy / LEXDIV.file
    frame = pd.read_csv(path, keep_default_na=False)
    frame.astype({"ttr": object}).assign(ttr=["high", *frame["ttr"].iloc[1:]]).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"lexdiv\.csv: column 'ttr' is declared number but holds 'high'"):
        read_tables(processed_copy)


def test_the_tables_are_up_to_date_while_every_table_the_descriptor_lists_is_there(processed_copy):
    (processed_copy / cache.STAMP).write_text(cache.inputs_digest(DATA) + "\n", encoding="utf-8")
    assert cache.is_up_to_date(DATA, processed_copy)
    (processed_copy / LEXDIV.file).unlink()
    assert not cache.is_up_to_date(DATA, processed_copy)
    shutil.copy2(PROCESSED / LEXDIV.file, processed_copy / LEXDIV.file)
    (processed_copy / "datapackage.json").unlink()
    assert not cache.is_up_to_date(DATA, processed_copy)


def test_the_declarations_examples_hold():
    assert doctest.testmod(schema).failed == 0
