"""The large tables counted, ranked and written by DuckDB, an in-process analytical engine.

DuckDB runs SQL over pandas frames in place (no copy), on ``UNSCSPEECH_JOBS`` threads within a
memory limit, and writes CSV and Parquet itself. Its CSV writer gives pandas' bytes for the
values these tables hold (Python's shortest float form, ``\\n`` line ends, quotes only where
needed) once booleans are spelled ``True``/``False`` and empty text is left unquoted; a text
cell with a carriage return or a leading ``#``, which DuckDB quotes and pandas does not, sends
the table to pandas' writer (:func:`engine_writes`). The tests compare both writers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from unscspeech._engine.row_runs import document_parts
from unscspeech._engine.worker_pool import jobs

#: DuckDB's own memory (its hash tables and buffers), beside the frames it reads in place.
MEMORY_LIMIT = "512MB"


def connect(spill: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection on ``UNSCSPEECH_JOBS`` threads within :data:`MEMORY_LIMIT`; it spills to
    ``spill`` (a folder inside the output's staging folder) or, without one, nowhere."""
    return duckdb.connect(":memory:", config={"threads": jobs(), "memory_limit": MEMORY_LIMIT,
                                              "temp_directory": str(spill) if spill else "",
                                              "preserve_insertion_order": True})


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c, dtype in frame.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)
            or dtype == object or pd.api.types.is_string_dtype(dtype)]


def engine_writes(frame: pd.DataFrame) -> bool:
    """Whether DuckDB's CSV of ``frame`` has pandas' bytes: every column a number, a boolean or
    text without a carriage return or a leading ``#`` (checked once per distinct value)."""
    text = set(_text_columns(frame))
    for column in frame.columns:
        values = frame[column]
        if column in text:
            distinct = (values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype)
                        else pd.unique(values.dropna()))
            if any(not isinstance(v, str) or "\r" in v or v.startswith("#") for v in distinct):
                return False
        elif not (pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype)):
            return False
    return True


def _csv_select(frame: pd.DataFrame) -> str:
    """The SELECT that spells each cell as pandas' ``to_csv`` does."""
    text = set(_text_columns(frame))
    parts = []
    for column in frame.columns:
        name = '"' + column.replace('"', '""') + '"'
        if pd.api.types.is_bool_dtype(frame[column].dtype):
            parts.append(f"CASE WHEN {name} THEN 'True' WHEN NOT {name} THEN 'False' END AS {name}")
        elif column in text:
            parts.append(f"NULLIF(CAST({name} AS VARCHAR), '') AS {name}")
        else:
            parts.append(name)
    return ", ".join(parts)


def write_csv(frame: pd.DataFrame, path: Path, con: duckdb.DuckDBPyConnection) -> None:
    """``frame.to_csv(path, index=False, lineterminator="\\n")``, written by DuckDB (see
    :func:`engine_writes` for when the bytes are the same). On one thread: on two, DuckDB holds
    about 170 MiB more to write the 6 million rows of a 5,000-speech token table in order, to save
    1.4 s."""
    _copy(f"(SELECT {_csv_select(frame)} FROM _table)", frame, path,
          "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n')", con)


def write_parquet(frame: pd.DataFrame, path: Path, con: duckdb.DuckDBPyConnection) -> None:
    """``frame`` as Parquet: typed columns (categories as dictionary-encoded text), zstd. On one
    thread, where the bytes are reproducible: on more, DuckDB compresses the same rows otherwise
    from run to run."""
    _copy("_table", frame, path, "(FORMAT parquet, COMPRESSION zstd)", con)


def _copy(source: str, frame: pd.DataFrame, path: Path, options: str, con: duckdb.DuckDBPyConnection) -> None:
    """``COPY source TO path options`` on one thread, ``frame`` read in place as ``_table``.

    The connection is set back to its threads afterwards, not left at one: the change of threads
    makes DuckDB hand back the memory the copy's thread held, which a connection kept at one
    thread keeps (about 140 MiB after the 49 MB of shared formulas of a 5,000-speech corpus)."""
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    con.register("_table", frame)
    try:
        con.execute("SET threads = 1")
        con.execute(f"COPY {source} TO '{_quoted(path)}' {options}")
    finally:
        con.execute(f"SET threads = {int(threads)}")
        con.unregister("_table")


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


class Writer:
    """DuckDB for the writing of one build's tables, spilling only into ``staging/.engine``,
    which is gone again once closed."""

    def __init__(self, staging: Path):
        self.spill = staging / ".engine"
        self.con = connect(self.spill)

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self.spill, ignore_errors=True)



#: Word n-grams within sentences, each word a number (its lower-cased form's): how often each
#: pair, pair one word apart and triple is seen. Only those seen ``$least`` times can be
#: collocations, and every part of such a triple is seen as often.
_NGRAMS = """
SELECT {words}, count(*) AS count FROM grams WHERE {present} GROUP BY ALL HAVING count(*) >= $least
"""
#: In how many documents each of those n-grams stands, over one part of the rows.
_DOCUMENTS = """
SELECT {words}, count(DISTINCT doc) AS n_docs FROM part JOIN frequent USING ({words}) GROUP BY ALL
"""
#: Word tokens whose documents are counted at a time: the distinct (n-gram, document) pairs that
#: ``count(DISTINCT doc)`` holds grow with them, to hundreds of megabytes over a whole large corpus.
TOKENS_AT_ONCE = 500_000


def _parts(doc: np.ndarray, tokens_at_once: int) -> list[tuple[int, int]]:
    """:func:`document_parts` of at most ``tokens_at_once`` rows, or one range of all the rows where
    a document's rows are not consecutive (its documents would be counted in two parts).

    >>> _parts(np.array([0, 0, 1, 1, 0]), 2)
    [(0, 5)]
    """
    if len(np.flatnonzero(doc[1:] != doc[:-1])) + 1 != len(np.unique(doc)):
        return [(0, len(doc))]
    return document_parts(doc, tokens_at_once)


def _documents(con: duckdb.DuckDBPyConnection, grams: pd.DataFrame, frequent: pd.DataFrame,
               columns: list[str]) -> pd.Series:
    """In how many documents each n-gram of ``frequent`` stands (``n_docs``, indexed by its
    ``columns``), counted a part of ``grams`` at a time: a document is in one part only, so the
    parts' counts add up."""
    words = ", ".join(columns)
    con.register("frequent", frequent)
    parts = []
    for start, end in _parts(grams["doc"].to_numpy(), TOKENS_AT_ONCE):
        con.register("part", grams.iloc[start:end])
        parts.append(con.execute(_DOCUMENTS.format(words=words)).df())
        con.unregister("part")
    con.unregister("frequent")
    if not parts:
        return pd.Series(dtype="int64", name="n_docs")
    return pd.concat(parts).groupby(columns, sort=False)["n_docs"].sum()


def ngram_counts(tokens: pd.DataFrame, min_count: int) -> tuple[dict, dict, dict, dict, dict]:
    """The counts NLTK's collocation finders hold, for the token table's sentences (lower-cased
    words): every word, and the pairs, pairs one word apart and triples seen at least ``min_count``
    times within a sentence; with the number of documents of each such pair and triple, keyed by
    its words joined by spaces. Counted by DuckDB (the documents a part at a time, see
    :data:`TOKENS_AT_ONCE`); :func:`unscspeech.measures.collocations.collocation_table` scores them.
    The token table's rows are in document order, each document's rows consecutive."""
    from unscspeech._engine.row_runs import run_starts
    from unscspeech.pipeline.tokens import numbered

    word, vocabulary = numbered(tokens["token"], lower=True)
    names = np.array(vocabulary, dtype=object)
    # 32-bit columns, taken by the frame as they are: the frame is most of this function's memory.
    sentence = np.zeros(len(tokens), dtype=np.int32)
    sentence[run_starts(tokens, ["doc_id", "paragraph", "sentence"])] = 1
    sentence = np.cumsum(sentence, dtype=np.int32)

    def ahead(k: int) -> np.ndarray:  # the word k places on in the same sentence, or -1
        out = np.full(len(word), -1, dtype=np.int32)
        same = sentence[k:] == sentence[:len(sentence) - k]
        out[:len(word) - k][same] = word[k:][same]
        return out

    grams = pd.DataFrame({"doc": tokens["doc_id"].cat.codes.to_numpy().astype(np.int32), "w1": word,
                          "w2": ahead(1), "w3": ahead(2)}, copy=False)
    del sentence
    con = connect()
    try:
        con.register("grams", grams)
        found = {}
        for key, words, present in (("pairs", "w1, w2", "w2 >= 0"), ("gapped", "w1, w3", "w3 >= 0"),
                                    ("triples", "w1, w2, w3", "w3 >= 0")):
            found[key] = con.execute(_NGRAMS.format(words=words, present=present), {"least": min_count}).df()
            if key != "gapped":  # the finders need no documents of the pairs one word apart
                found[key] = found[key].join(_documents(con, grams, found[key], words.split(", ")),
                                             on=words.split(", "))
    finally:
        con.close()
    counts = np.bincount(word, minlength=len(names))

    def as_dict(frame: pd.DataFrame, columns: list[str]) -> dict:
        return dict(zip(zip(*(names[frame[c].to_numpy()] for c in columns)), frame["count"].tolist()))

    n_docs = {" ".join(names[r[:-1]]): r[-1] for key, cols in (("pairs", ["w1", "w2"]), ("triples", ["w1", "w2", "w3"]))
              for r in found[key][cols + ["n_docs"]].to_numpy().tolist()}
    return ({w: c for w, c in zip(vocabulary, counts.tolist()) if c}, as_dict(found["pairs"], ["w1", "w2"]),
            as_dict(found["gapped"], ["w1", "w3"]), as_dict(found["triples"], ["w1", "w2", "w3"]), n_docs)
