"""The processed tables: their columns, their counts, and byte-identical rebuilds."""

from __future__ import annotations

import hashlib

import pytest

from conftest import DATA, ROOT, copy_build, run_cli, run_cli_in_process
from unscspeech.pipeline.tokens import words

from unscspeech.processed.schema import IN_PARQUET, TABLES

#: What build writes is exactly the declared tables (unscspeech.processed.schema.TABLES), the Parquet copies of
#: the large ones, and the descriptor.
EXPECTED = ({t.file for t in TABLES} | {"datapackage.json", "inputs.sha256"}
            | {t.parquet_file for t in IN_PARQUET})


@pytest.fixture(scope="module")
def scratch_build(edition_build):
    """The edition's tables, built once per test run into a scratch folder (conftest.edition_build),
    for this module's tests that only read them."""
    return edition_build


def another_hash_seed() -> str:
    """A ``PYTHONHASHSEED`` under which a process hashes a string otherwise than this one does."""
    import os
    import subprocess
    import sys

    def hashed_under(hash_seed: str) -> int:
        return int(subprocess.run([sys.executable, "-c", "print(hash('unscspeech'))"], capture_output=True,
                                  text=True, check=True, env={**os.environ, "PYTHONHASHSEED": hash_seed}).stdout)

    return next(s for s in map(str, range(1, 10)) if hashed_under(s) != hash("unscspeech"))


def test_two_builds_are_byte_identical(scratch_build, tmp_path):
    """The shared build (the edition's tables made by ``build_tables`` and written by
    ``write_tables`` in a test process: conftest.edition_build) and one by ``python -m unscspeech
    build`` in a process of its own, under a hash seed that is not the test process's: Python
    randomises the order of sets of strings per process, and no table may depend on it."""
    import os

    result = run_cli("build", "--out", str(tmp_path / "b"), cwd=ROOT,
                     env={**os.environ, "PYTHONHASHSEED": another_hash_seed()})
    assert result.returncode == 0, result.stderr
    a = {p.name: p.read_bytes() for p in scratch_build.iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert set(a) == EXPECTED
    assert a == b


def _case_twins(folder) -> list[str]:
    """The ``forms`` of ``actors.csv`` that hold two spellings differing only in case."""
    import pandas as pd

    forms = pd.read_csv(folder / "actors.csv", keep_default_na=False)["forms"]
    return [f for f in forms if len({x.casefold() for x in f.split("; ")}) < len(f.split("; "))]


@pytest.mark.parametrize("n_speeches, tokens_per_speech, seed", [
    pytest.param(3, 900, 34, marks=pytest.mark.slow),
    pytest.param(30, 900, 0, marks=pytest.mark.slow),
], ids=["three-speeches", "thirty-speeches"])
def test_builds_under_other_hash_seeds_are_byte_identical_on_a_larger_corpus(synthetic_corpus, tmp_path,
                                                                            n_speeches, tokens_per_speech, seed):
    """Python randomises the order of sets of strings per process; no table may depend on it.
    A synthetic corpus meets cases the five documents do not (an actor named in two spellings that
    differ only in case, in one document): three speeches drawn with seed 34 are a small such
    corpus; thirty give more of every kind of case. One build runs in this process, the other in
    ``python -m unscspeech build`` under a hash seed that is not this process's. Both are ``slow``
    (in `make test`): `test_two_builds_are_byte_identical` builds the edition under another hash
    seed, and `test_actors.py` checks the order of two spellings differing in case under two seeds."""
    import os
    import subprocess
    import sys

    from unscspeech.processed.build import build

    corpus = synthetic_corpus(n_speeches, tokens_per_speech, seed=seed)
    hash_seed = another_hash_seed()
    build(corpus, tmp_path / "here")
    result = subprocess.run([sys.executable, "-m", "unscspeech", "build", "--corpus", str(corpus),
                             "--out", str(tmp_path / "there")], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": hash_seed}, timeout=600)
    assert result.returncode == 0, result.stderr
    built = {where: {p.name: p.read_bytes() for p in (tmp_path / where).iterdir()} for where in ("here", "there")}
    assert _case_twins(tmp_path / "there"), "the corpus no longer names an actor in two spellings differing in case"
    assert built["here"] == built["there"]


def test_tables_are_utf8_with_unix_line_ends(scratch_build):
    for path in scratch_build.iterdir():
        if path.suffix == ".parquet":  # binary; read back in test_engine.py
            continue
        data = path.read_bytes()
        data.decode("utf-8")
        assert b"\r\n" not in data.replace(b'"\r\n', b"")
        assert not data.startswith(b"\xef\xbb\xbf")


def test_documents_table_has_metadata_hash_and_counts(tables):
    docs = tables["documents.csv"]
    for col in ("doc_id", "file", "title", "speaker", "date", "date_certainty", "genre", "sha256",
                "n_paragraphs", "n_sentences", "n_tokens", "n_types"):
        assert col in docs.columns
    for row in docs.itertuples():
        assert row.sha256 == hashlib.sha256((DATA / "raw" / row.file).read_bytes()).hexdigest()
    assert list(docs["date"]) == sorted(docs["date"])


def test_counts_agree_with_the_text_tables(tables):
    docs = tables["documents.csv"].set_index("doc_id")
    paragraphs, sentences = tables["paragraphs.csv"], tables["sentences.csv"]
    for doc_id, row in docs.iterrows():
        mine = paragraphs[paragraphs.doc_id == doc_id]
        assert row.n_paragraphs == len(mine) == mine.paragraph.max()
        assert list(mine.paragraph) == list(range(1, len(mine) + 1))
        assert row.n_sentences == (sentences.doc_id == doc_id).sum()
        tokens = [w for text in mine.text for w in words(text)]
        assert row.n_tokens == len(tokens)
        assert row.n_types == len({t.casefold() for t in tokens})
        assert 0 < row.n_types < row.n_tokens


def test_validate_reports_the_real_corpus_clean(fewer_topic_fits):
    result = run_cli_in_process("validate", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "5 documents" in result.stdout and "no problems found" in result.stdout


def test_an_unchanged_corpus_is_not_rebuilt_and_a_changed_one_is(small_corpus, small_build, tmp_path):
    corpus = small_corpus
    out = copy_build(small_build, tmp_path / "out")  # what a build of this corpus wrote
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = run_cli("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert again.returncode == 0 and "is up to date" in again.stdout
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    stop = corpus / "stopwords.txt"
    stop.write_text(stop.read_text(encoding="utf-8") + "council\n", encoding="utf-8")
    changed = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert changed.returncode == 0 and "wrote" in changed.stdout
    forced = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), "--force", cwd=tmp_path)
    assert "wrote" in forced.stdout


def test_the_digest_covers_raw_texts_choices_and_code(corpus, tmp_path, monkeypatch):
    from unscspeech.processed import cache

    base = cache.inputs_digest(corpus)
    raw = sorted((corpus / "raw").iterdir())[0]
    raw.write_bytes(raw.read_bytes() + b"\n")
    after_raw = cache.inputs_digest(corpus)
    assert after_raw != base
    (corpus / "themes.yml").write_text((corpus / "themes.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_codebook = cache.inputs_digest(corpus)
    assert after_codebook != after_raw
    monkeypatch.setattr("unscspeech.__version__", "99.0")
    assert cache.inputs_digest(corpus) != after_codebook


def test_tables_written_as_they_come_are_all_written_or_none(tmp_path):
    """`build` writes each table as it is made; a failure after the first leaves nothing behind."""
    import pandas as pd
    import pytest

    from unscspeech.processed.build import write_tables

    def tables_then_failure():
        yield "documents.csv", pd.DataFrame({"doc_id": ["a"]})
        raise RuntimeError("the third table failed")

    with pytest.raises(RuntimeError, match="third table"):
        write_tables(tables_then_failure(), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []

    rows = write_tables(iter([("periods.csv", pd.DataFrame({"start": ["2017-01-01", "2018-01-01"], "end": ["x", "y"],
                                                            "label": ["t", "u"], "evidence": ["", ""]}))]),
                        tmp_path / "out")
    assert rows == {"periods.csv": 2}
    assert (tmp_path / "out" / "periods.csv").read_text(encoding="utf-8").count("\n") == 3
    assert (tmp_path / "out" / "datapackage.json").is_file()


def test_a_written_table_is_let_go_before_the_next_is_made(tmp_path):
    """Only the column names of a written table are kept (for the descriptor), not its arrays:
    a build holds one output table at a time, whatever the number of tables."""
    import gc
    import weakref

    import numpy as np
    import pandas as pd

    from unscspeech.processed.build import write_tables

    seen: list[weakref.ref] = []

    def tables():
        for name, column in (("lexdiv.csv", "doc_id"), ("documents.csv", "doc_id")):
            values = np.array([f"d{i}" for i in range(1000)], dtype=object)
            frame = pd.DataFrame({column: values}, copy=False)
            assert np.shares_memory(frame[column].to_numpy(), values)  # the frame holds this very array
            seen.append(weakref.ref(values))
            del values
            yield name, frame
            del frame
            gc.collect()
            assert all(ref() is None for ref in seen), "a written table's data is still held"

    assert write_tables(tables(), tmp_path / "out") == {"documents.csv": 1000, "lexdiv.csv": 1000}


def test_the_frequencies_are_let_go_before_keyness_is_made(tables, monkeypatch):
    """The two largest vocabulary tables are never held at once: once the frequencies are handed
    over and written (here: dropped), nothing keeps them while keyness is computed."""
    import gc
    import weakref

    from unscspeech.processed import build
    from unscspeech.pipeline.terms import read_wordlists

    from conftest import DATA

    handed: dict[str, weakref.ref] = {}
    alive_during_keyness: list[bool] = []
    real_keyness = build.keyness_table

    def keyness_watched(*args, **kwargs):
        gc.collect()
        alive_during_keyness.append(handed["frequencies.csv"]() is not None)
        return real_keyness(*args, **kwargs)

    monkeypatch.setattr(build, "keyness_table", keyness_watched)
    in_order = lambda frame, keys: frame.sort_values(["doc_id", *keys], kind="stable").reset_index(drop=True)  # noqa: E731
    names = []
    for name, table in build.vocabulary_tables(tables["tokens.csv"], read_wordlists(DATA), in_order):
        handed[name] = weakref.ref(table)
        names.append(name)
        del table
    assert alive_during_keyness == [False]
    assert sorted(names) == ["collocations.csv", "dispersion.csv", "frequencies.csv", "keyness.csv", "lexdiv.csv"]


def test_the_raw_texts_are_let_go_once_the_documents_tables_are_made(small_corpus, fewer_topic_fits):
    """The corpus (its documents' raw lines) is held until the documents' tables are made, not
    while the sentences, the token table and the analyses after them are made."""
    import gc
    import weakref

    from unscspeech.input.corpus import load_corpus
    from unscspeech.processed.build import iter_tables

    corpus = load_corpus(small_corpus)
    held = weakref.ref(corpus)
    tables = iter_tables(corpus, n_jobs=1)
    del corpus
    alive = {}
    for name, table in tables:
        gc.collect()
        alive[name] = held() is not None
        if name == "keyness.csv":
            break
    tables.close()
    assert alive["documents.csv"] and alive["cleaning_log.csv"]
    assert not any(alive[name] for name in ("sentences.csv", "tokens.csv", "lexdiv.csv", "keyness.csv"))


def _hide_a_raw_file(corpus):
    """Rename the first raw text to a hidden name and list it so in metadata.csv."""
    from conftest import read_metadata, write_metadata

    rows = read_metadata(corpus)
    hidden = "." + rows[0]["file"]
    (corpus / "raw" / rows[0]["file"]).rename(corpus / "raw" / hidden)
    rows[0]["file"] = hidden
    write_metadata(corpus, rows)
    return corpus / "raw" / hidden


def test_a_hidden_raw_file_the_build_reads_is_in_the_digest(corpus):
    from unscspeech.processed import cache

    hidden = _hide_a_raw_file(corpus)
    before = cache.inputs_digest(corpus)
    hidden.write_bytes(hidden.read_bytes() + b"\nOne more paragraph.\n")
    assert cache.inputs_digest(corpus) != before


def test_the_digest_covers_every_file_the_build_reads(corpus, fewer_topic_fits, monkeypatch):
    """Every file a build opens in the corpus folder is among those the digest hashes."""
    import builtins
    from pathlib import Path

    from unscspeech.processed import cache
    from unscspeech.processed.build import build_tables
    from unscspeech.input.corpus import load_corpus

    _hide_a_raw_file(corpus)
    read: set[Path] = set()
    real_open, real_read_bytes = builtins.open, Path.read_bytes

    def recording_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)):
            read.add(Path(file).resolve())
        return real_open(file, *args, **kwargs)

    def recording_read_bytes(self):
        read.add(self.resolve())
        return real_read_bytes(self)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(Path, "read_bytes", recording_read_bytes)
    build_tables(load_corpus(corpus), n_jobs=1)
    monkeypatch.undo()
    in_corpus = {p for p in read if corpus.resolve() in p.parents}
    assert len(in_corpus) > 10
    assert in_corpus <= {p.resolve() for _, p in cache.digest_files(corpus)}


def test_the_digest_covers_the_versions_of_the_packages_that_shape_the_tables(corpus, monkeypatch):
    import importlib.metadata

    from unscspeech.processed import cache

    base = cache.inputs_digest(corpus)
    real = importlib.metadata.version
    for package in ("nltk", "simplemma", "scikit-learn", "pandas", "numpy", "scipy", "PyYAML"):
        monkeypatch.setattr(importlib.metadata, "version",
                            lambda name, package=package: "0.0.0" if name == package else real(name))
        assert cache.inputs_digest(corpus) != base, package
    monkeypatch.setattr(importlib.metadata, "version", real)
    assert cache.inputs_digest(corpus) == base


@pytest.mark.parametrize("name", ["theme_checks.csv", "near_match_checks.csv", "theme_recall.csv", "self_reports.csv"])
def test_the_digest_covers_the_reading_checks(corpus, name):
    from unscspeech.processed import cache

    before = cache.inputs_digest(corpus)
    path = corpus / name
    path.write_bytes(path.read_bytes() + b"\n")
    assert cache.inputs_digest(corpus) != before


def test_an_edited_reading_check_is_rebuilt(corpus, tmp_path, edition_build, fewer_topic_fits):
    """The edition's tables as a build of this copy of its corpus writes them (a copy of the shared
    build: the same inputs), then the reading check edited."""
    from unscspeech.processed.cache import is_up_to_date

    out = copy_build(edition_build, tmp_path / "out")
    assert is_up_to_date(corpus, out)
    path = corpus / "theme_checks.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",yes,", ",no,", 1), encoding="utf-8")
    assert not is_up_to_date(corpus, out)
    again = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert again.returncode == 0 and "wrote" in again.stdout, again.stdout
