"""Work shared between processes gives the tables one process gives, in the same order."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from unscspeech._engine import worker_pool
from unscspeech.pipeline.terms import Wordlists
from unscspeech.processed.build import MIN_PARALLEL_DOCUMENTS, build_tables
from unscspeech.input.corpus import load_corpus

from conftest import fresh_interpreter


def _square(x: int) -> int:
    return x * x


def _documents_seen(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": frame["doc_id"].unique(), "pid": os.getpid(), "rows": len(frame),
                         "chunk": int(frame["paragraph"].iloc[0])})


def test_map_in_order_keeps_the_order_on_several_processes():
    items = list(range(103))
    assert worker_pool.map_in_order(_square, items, n_jobs=3, min_parallel=0) == [x * x for x in items]


def test_map_documents_gives_each_worker_whole_documents_in_order():
    frame = pd.DataFrame({"doc_id": [f"d{i // 7:02d}" for i in range(7 * 40)], "paragraph": range(7 * 40)})
    seen = worker_pool.map_documents(_documents_seen, frame, n_jobs=2, min_parallel=0)
    # Every document went to exactly one chunk, whole, and the chunks came back in the frame's order.
    assert seen["doc_id"].tolist() == frame["doc_id"].unique().tolist()
    assert seen["chunk"].nunique() > 1
    assert (seen.groupby("chunk")["rows"].first() % 7 == 0).all()
    assert os.getpid() not in set(seen["pid"])


def test_small_inputs_stay_in_this_process():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 1]})
    assert set(worker_pool.map_documents(_documents_seen, frame, n_jobs=4)["pid"]) == {os.getpid()}


def test_the_number_of_processes_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("UNSCSPEECH_JOBS", "3")
    assert worker_pool.jobs() == 3
    monkeypatch.delenv("UNSCSPEECH_JOBS")
    assert worker_pool.jobs() >= 1
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("UNSCSPEECH_JOBS", bad)
        with pytest.raises(ValueError, match="UNSCSPEECH_JOBS"):
            worker_pool.jobs()


def _equal_builds(corpus) -> dict:
    one = build_tables(load_corpus(corpus), n_jobs=1)
    two = build_tables(load_corpus(corpus), n_jobs=2)
    assert set(one) == set(two)
    for name in one:
        assert one[name].to_csv(index=False) == two[name].to_csv(index=False), name
    return one


def test_a_build_on_two_processes_equals_a_build_on_one(synthetic_corpus, monkeypatch):
    """Every step that goes to the pool (cleaning, tokenising, every matcher), on a corpus of
    eight short speeches: the numbers of documents and paragraphs from which the build shares its work
    are lowered for this test, so that each step is cut into chunks of whole documents on two
    processes. The same at the full size, where the build's own thresholds send the work to the
    pool: :func:`test_a_build_on_two_processes_equals_a_build_on_one_at_full_size`."""
    from unscspeech.processed import build

    assert worker_pool.map_documents.__defaults__ == (None, worker_pool.MIN_PARALLEL)
    monkeypatch.setattr(build, "MIN_PARALLEL_DOCUMENTS", 2)
    monkeypatch.setattr(worker_pool, "MIN_PARALLEL", 8)
    monkeypatch.setattr(worker_pool.map_documents, "__defaults__", (None, 8))
    corpus = synthetic_corpus(8, 200)
    one = _equal_builds(corpus)
    assert len(one["documents.csv"]) >= 3 * build.MIN_PARALLEL_DOCUMENTS
    assert len(one["paragraphs.csv"]) >= 3 * worker_pool.MIN_PARALLEL


@pytest.mark.slow
def test_a_build_on_two_processes_equals_a_build_on_one_at_full_size(synthetic_corpus):
    """A corpus large enough that cleaning, tokenising and every matcher go to the pool."""
    one = _equal_builds(synthetic_corpus(MIN_PARALLEL_DOCUMENTS + 10, 500))
    assert len(one["paragraphs.csv"]) >= worker_pool.MIN_PARALLEL


#: Run in a fresh interpreter: in a long-lived test process (a pytest-xdist worker) the heap already
#: holds freed pages that the blocks reuse, so they would not grow the resident size to start with.
FREED_MEMORY = """
import json
from unscspeech._engine.release_memory import _resident_mib, release_freed_memory
before = _resident_mib()
blocks = [bytearray(4000) for _ in range(40_000)]  # 150 MiB from the C allocator's heap
kept = blocks[::50]  # one block in fifty stays, so the heap cannot simply shrink from its top
del blocks
grown = _resident_mib()
trimmed = release_freed_memory(min_resident_mib=0)
print(json.dumps({"before": before, "grown": grown, "after": _resident_mib(), "trimmed": trimmed, "kept": len(kept)}))
"""


def test_freed_memory_goes_back_to_the_system_where_the_c_library_allows():
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is a GNU C library call")
    m = fresh_interpreter(FREED_MEMORY)
    assert m["grown"] - m["before"] > 100  # freed, but still resident
    assert m["trimmed"] is True
    assert m["after"] < m["grown"] - 100
    assert m["kept"] == 800


#: Run in a fresh interpreter, as FREED_MEMORY. A 24 MiB array is mapped and freed, which makes glibc
#: raise its threshold to 24 MiB; a 16 MiB array then comes from the heap, unless the threshold is fixed.
LARGE_BLOCKS = """
import json, sys
import numpy as np
from unscspeech._engine.release_memory import _resident_mib, map_large_blocks
fixed = map_large_blocks() if sys.argv[1] == "fixed" else None
first = np.ones(24 << 20, dtype=np.uint8)
del first
before = _resident_mib()
second = np.ones(16 << 20, dtype=np.uint8)
grown = _resident_mib()
del second
print(json.dumps({"fixed": fixed, "before": before, "grown": grown, "after": _resident_mib()}))
"""


@pytest.mark.parametrize("setting", ["fixed", "glibc's own"])
def test_with_large_blocks_mapped_a_freed_array_goes_back_to_the_system_at_once(setting):
    """The control (glibc's own threshold) keeps the freed array's pages, which shows the fixed
    threshold is what hands them back."""
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt's threshold is a GNU C library setting")
    # Without the allocator's own settings from the environment, which would fix the threshold too.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    m = fresh_interpreter(LARGE_BLOCKS, setting.split()[0], env=env)
    assert m["grown"] - m["before"] >= 15
    if setting == "fixed":
        assert m["fixed"] is True
        assert m["after"] <= m["before"] + 1
    else:
        assert m["after"] >= m["grown"] - 1


def test_a_small_process_skips_the_collection_that_would_cost_more_than_it_frees(monkeypatch):
    import gc

    from unscspeech._engine import release_memory

    collected = []
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1))
    assert release_memory.release_freed_memory(min_resident_mib=1 << 20) is False
    assert collected == []
    release_memory.release_freed_memory(min_resident_mib=0)
    assert collected == [1]


def _resident_mib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    raise AssertionError("no VmRSS")


def _frozen_in_worker(_item) -> int:
    import gc

    return gc.get_freeze_count()


def test_workers_inherit_frozen_objects_and_this_process_gets_its_collector_back():
    """A worker's garbage collection leaves the inherited objects (and so their shared pages) alone."""
    import gc

    from unscspeech._engine.worker_pool import map_in_order

    assert gc.get_freeze_count() == 0
    in_workers = map_in_order(_frozen_in_worker, list(range(8)), n_jobs=2, min_parallel=2)
    assert min(in_workers) > 0
    assert gc.get_freeze_count() == 0


#: Set in this process after a shared pool's workers were forked: they must not see it.
_SET_AFTER_FORK: dict[str, bool] = {}


def _pid_and_what_it_sees(_item) -> tuple[int, bool]:
    return os.getpid(), _SET_AFTER_FORK.get("late", False)


def test_steps_in_shared_workers_use_one_pool_forked_at_its_start():
    """Every step of a build goes to the workers forked when it began (before the corpus was read),
    not to workers forked later, which would share, and copy, what this process holds by then."""
    with worker_pool.shared_workers(2, start=True):
        _SET_AFTER_FORK["late"] = True
        try:
            first = worker_pool.map_in_order(_pid_and_what_it_sees, list(range(16)), n_jobs=2, min_parallel=2)
            second = worker_pool.map_in_order(_pid_and_what_it_sees, list(range(16)), n_jobs=2, min_parallel=2)
            with worker_pool.shared_workers(2):  # nested, as iter_tables is inside build: the same pool
                third = worker_pool.map_in_order(_pid_and_what_it_sees, list(range(16)), n_jobs=2, min_parallel=2)
        finally:
            del _SET_AFTER_FORK["late"]
    # The same two workers did all three steps (which of them took which chunk is up to them).
    pids = {pid for pid, _ in first + second + third}
    assert os.getpid() not in pids and len(pids) <= 2
    assert not any(seen for _, seen in first + second + third)
    for pid in pids:  # shut down with the block
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    # Without a shared pool, a step forks its own workers, which see this process as it is then.
    _SET_AFTER_FORK["late"] = True
    try:
        assert all(seen for _, seen in worker_pool.map_in_order(_pid_and_what_it_sees, list(range(4)), n_jobs=2,
                                                             min_parallel=2))
    finally:
        del _SET_AFTER_FORK["late"]


def test_chunks_are_bounded_whatever_the_size_of_the_corpus(monkeypatch):
    """A worker is given a bounded piece of work, so that its memory does not grow with the corpus."""
    monkeypatch.setattr(worker_pool, "LARGEST_CHUNK_ROWS", 20)
    frame = pd.DataFrame({"doc_id": [f"d{i // 7:02d}" for i in range(7 * 40)], "paragraph": range(7 * 40)})
    seen = worker_pool.map_documents(_documents_seen, frame, n_jobs=2, min_parallel=0)
    assert seen["rows"].max() <= 20 and seen["chunk"].nunique() >= 280 // 20
    assert seen["doc_id"].tolist() == frame["doc_id"].unique().tolist()


def test_a_build_large_enough_for_workers_loads_the_lemma_dictionary_before_forking_them(small_corpus, tmp_path,
                                                                                        monkeypatch):
    """The workers share the lemma dictionary only if it is loaded before they are forked: the build
    loads it first, and only when it starts workers (a small corpus, run in this process, loads it
    on its first lemma as before). Before either, every build has large blocks mapped on their own
    (:func:`map_large_blocks`), a setting its workers inherit."""
    from contextlib import contextmanager

    from unscspeech.processed import build

    events = []
    real_workers = build.shared_workers

    @contextmanager
    def recorded_workers(n_jobs=None, start=False):
        events.append(("workers", start))
        with real_workers(n_jobs, start=start):
            yield

    monkeypatch.setattr(build, "map_large_blocks", lambda: events.append(("large blocks", None)))
    monkeypatch.setattr(build, "load_lemma_dictionary", lambda: events.append(("lemmas", None)))
    monkeypatch.setattr(build, "shared_workers", recorded_workers)
    monkeypatch.setattr(build, "topic_stability", lambda *args, **kwargs: pd.DataFrame())  # not the subject
    monkeypatch.setattr(build, "write_tables", lambda tables, out, stamp: None)
    build.build(small_corpus, tmp_path / "small")
    assert events[:2] == [("large blocks", None), ("workers", False)] and ("lemmas", None) not in events
    events.clear()
    monkeypatch.setattr(build, "MIN_PARALLEL_DOCUMENTS", 2)
    build.build(small_corpus, tmp_path / "large")
    assert events[:3] == [("large blocks", None), ("lemmas", None), ("workers", True)]


def test_after_the_lemma_dictionary_is_loaded_no_lemma_reads_it_again(monkeypatch):
    """What the workers share is what the lemmas use: once loaded, the lemmas come from memory (a
    read of simplemma's data from disk here fails)."""
    import simplemma.lemmatizer
    import simplemma.strategies.dictionaries.dictionary_factory as factory

    from unscspeech.pipeline import terms

    # Forget every dictionary and lemma this process has (simplemma's and ours), as a fresh one would.
    simplemma.lemmatizer._legacy_lemmatizer_for.cache_clear()
    factory.DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_clear()
    terms._simplemma.cache_clear()
    terms.load_lemma_dictionary()

    def no_disk(lang):
        raise AssertionError(f"simplemma read its {lang} dictionary again")

    monkeypatch.setattr(factory, "_load_dictionary_from_disk", no_disk)
    words = Wordlists(frozenset(), {}, {})
    assert [terms.lemma(w, words) for w in ("peacekeepers", "Nations", "decision-makers")] == \
        ["peacekeeper", "nation", "decision-maker"]
