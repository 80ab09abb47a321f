"""DuckDB as the writer of the large tables: the same CSV bytes as pandas, a faithful Parquet copy,
and nothing left outside the output folder."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unscspeech.processed.schema import IN_PARQUET
from unscspeech._engine.duckdb_tables import Writer, connect, engine_writes, write_csv, write_parquet
from unscspeech.processed.build import write_tables
from unscspeech.processed.csv_formulas import restore_formulas

from conftest import DATA, examples, fresh_interpreter

# Words, numbers with thousands separators, quotes, commas, line ends, spaces, formulas, empties.
TEXT = st.text(alphabet=st.sampled_from(list("ab Zé-',\"\n=+@0123456789")), max_size=8)
FLOAT = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                  st.floats(min_value=-1e6, max_value=1e6).map(lambda x: round(x, 6)))


@st.composite
def frames(draw) -> pd.DataFrame:
    n = draw(st.integers(min_value=0, max_value=12))
    words = draw(st.lists(TEXT, min_size=n, max_size=n))
    return pd.DataFrame({
        "doc_id": pd.array(draw(st.lists(TEXT, min_size=n, max_size=n)), dtype="str"),
        "term": pd.Categorical(words, categories=sorted(set(words))),
        "count": np.array(draw(st.lists(st.integers(-2**40, 2**40), min_size=n, max_size=n)), dtype=np.int64),
        "position": np.array(draw(st.lists(st.integers(0, 2**31 - 1), min_size=n, max_size=n)), dtype=np.int32),
        "value": np.array(draw(st.lists(FLOAT, min_size=n, max_size=n)), dtype=float),
        "is_stopword": np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool),
        "rank": pd.array(draw(st.lists(st.one_of(st.none(), st.integers(1, 99)), min_size=n, max_size=n)),
                         dtype="Int64"),
    })


@pytest.fixture(scope="module")
def con():
    """One connection for every example, as a build writes all its tables through one."""
    connection = connect()
    yield connection
    connection.close()


@examples(150, quick=30)
def test_duckdb_writes_the_bytes_pandas_writes(tmp_path_factory, con, max_examples):
    @settings(max_examples=max_examples, deadline=None)
    @given(frames())
    def check(frame):
        folder = tmp_path_factory.mktemp("csv")
        frame.to_csv(folder / "pandas.csv", index=False, encoding="utf-8", lineterminator="\n")
        write_csv(frame, folder / "duckdb.csv", con)
        assert (folder / "duckdb.csv").read_bytes() == (folder / "pandas.csv").read_bytes()

    check()


def test_text_duckdb_would_quote_otherwise_goes_to_pandas():
    assert engine_writes(pd.DataFrame({"term": pd.Categorical(["peace", "130,000", 'a"b', ""]), "n": [1, 2, 3, 4]}))
    assert not engine_writes(pd.DataFrame({"term": pd.Categorical(["peace", "#tag"])}))
    assert not engine_writes(pd.DataFrame({"doc_id": ["a\rb"]}))
    assert not engine_writes(pd.DataFrame({"when": pd.to_datetime(["2020-01-01"])}))


def test_parquet_copy_is_typed_and_equal_to_the_table(tmp_path):
    frame = pd.DataFrame({"doc_id": pd.array(["b", "a"], dtype="str"), "term": pd.Categorical(["=x", "peace"]),
                          "count": np.array([3, 1], dtype=np.int32), "g2": [0.5, -1.25], "is_stopword": [True, False],
                          "key_rank": pd.array([1, None], dtype="Int64")})
    con = connect()
    write_parquet(frame, tmp_path / "t.parquet", con)
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM '{tmp_path / 't.parquet'}'").fetchall()}
    back = con.execute(f"SELECT * FROM '{tmp_path / 't.parquet'}'").df()
    con.close()
    assert types == {"doc_id": "VARCHAR", "term": "VARCHAR", "count": "INTEGER", "g2": "DOUBLE",
                     "is_stopword": "BOOLEAN", "key_rank": "BIGINT"}
    assert back["term"].tolist() == ["=x", "peace"]  # as made: the formula guard is for spreadsheets only
    assert back["doc_id"].tolist() == ["b", "a"] and back["key_rank"].isna().tolist() == [False, True]


def test_write_tables_lists_parquet_and_leaves_no_engine_files(tmp_path):
    tables = {"tokens.csv": pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "sentence": [1], "token_index": [1],
                                          "token": ["Peace"], "term_index": [1], "term": ["peace"],
                                          "is_stopword": [False]}),
              "periods.csv": pd.DataFrame(columns=["start", "end", "label", "evidence"])}
    write_tables(tables, tmp_path / "out")
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert names == {"tokens.csv", "tokens.parquet", "periods.csv", "datapackage.json"}
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    formats = {r["path"]: r["format"] for r in package["resources"]}
    assert formats == {"tokens.csv": "csv", "tokens.parquet": "parquet", "periods.csv": "csv"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_writer_spills_inside_the_staging_folder_only(tmp_path):
    writer = Writer(tmp_path)
    spill = writer.con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    writer.close()
    assert spill == str(tmp_path / ".engine") and not (tmp_path / ".engine").exists()


def test_processed_parquet_copies_hold_the_csv_tables():
    processed = DATA / "processed"
    con = duckdb.connect()
    for table in IN_PARQUET:
        name = table.file
        csv = restore_formulas(pd.read_csv(processed / name, keep_default_na=False, na_values=[""], dtype=str))
        # Every value as DuckDB spells it (floats as Python does; booleans in lower case).
        parquet = con.execute(f"SELECT COLUMNS(*)::VARCHAR FROM '{processed / table.parquet_file}'").df()
        assert list(parquet.columns) == list(csv.columns), name
        for column in csv.columns:
            shown = csv[column].fillna("").replace({"True": "true", "False": "false"})
            assert parquet[column].fillna("").tolist() == shown.tolist(), (name, column)
    con.close()


def test_parquet_bytes_do_not_depend_on_the_number_of_threads(tmp_path, monkeypatch):
    """A token table of 200,000 rows (words drawn by Zipf's law), which DuckDB on two threads
    compresses to bytes that vary from run to run: the copies run on one thread whatever number
    the connection has."""
    rng = np.random.default_rng(0)
    n = 200_000
    words = np.array([f"w{i}" for i in range(20000)], dtype=object)
    token = words[np.minimum(rng.zipf(1.3, n), len(words)) - 1]
    position = np.arange(n, dtype=np.int32)
    frame = pd.DataFrame({"doc_id": pd.Categorical(np.repeat([f"d{i:03d}" for i in range(100)], n // 100)),
                          "paragraph": position // 50 % 16, "sentence": position // 20 % 5,
                          "token_index": position % 2000, "token": pd.Categorical(token),
                          "term_index": position % 2000, "term": pd.Categorical([w.lower() for w in token]),
                          "is_stopword": rng.random(n) < 0.4})
    for jobs in ("1", "2"):
        monkeypatch.setenv("UNSCSPEECH_JOBS", jobs)
        con = connect()
        write_parquet(frame, tmp_path / f"{jobs}.parquet", con)
        con.close()
    assert (tmp_path / "1.parquet").read_bytes() == (tmp_path / "2.parquet").read_bytes()


def test_every_table_of_the_edition_is_written_with_the_bytes_of_pandas(tables, tmp_path):
    """DuckDB writes every table it can (not only the large ones): each CSV the build writes is
    the one pandas writes of the same table, and DuckDB wrote all of them."""
    from unscspeech.processed.build import _write_table
    from unscspeech.processed.csv_formulas import neutralise_formulas

    con = connect()
    by_engine = 0
    try:
        for name, frame in tables.items():
            _write_table(name, frame, tmp_path, con)
            shown = neutralise_formulas(frame)
            expected = shown.to_csv(index=False, encoding="utf-8", lineterminator="\n").encode("utf-8")
            assert (tmp_path / name).read_bytes() == expected, name
            by_engine += engine_writes(shown)
    finally:
        con.close()
    # A column whose values are not of its declared type (text beside numbers) sends its table to
    # pandas, several times slower on a large corpus: none of the edition's does.
    assert by_engine == len(tables), f"DuckDB wrote only {by_engine} of {len(tables)} tables"


#: Run in a fresh interpreter: a table of long texts (48 MB) written by DuckDB, and the resident
#: memory it leaves behind, through a connection as the build's writer makes it or (the control)
#: one kept at a single thread.
COPY_MEMORY = """
import json, sys
import duckdb
import pandas as pd
from pathlib import Path
from unscspeech._engine.duckdb_tables import connect, write_csv
from unscspeech._engine.release_memory import _resident_mib
frame = pd.DataFrame({"n": range(8000), "text": [f"{i}:" + "d" * 6000 for i in range(8000)]})
con = connect() if sys.argv[1] == "writer" else duckdb.connect(config={"threads": 1})
before = _resident_mib()
write_csv(frame, Path(sys.argv[2]), con)
print(json.dumps({"grown": _resident_mib() - before}))
"""


def test_a_copy_hands_back_the_memory_duckdb_held_for_it(tmp_path):
    if not Path("/proc/self/statm").exists():
        pytest.skip("resident memory is read from Linux's /proc")

    grown = {}
    for kind in ("writer", "one thread"):
        grown[kind] = fresh_interpreter(COPY_MEMORY, kind.split()[0], str(tmp_path / f"{kind}.csv"))["grown"]
    assert grown["writer"] < 30, grown
    assert grown["one thread"] > grown["writer"] + 30, grown  # the control: what the switch hands back
