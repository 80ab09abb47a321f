"""Per-document work on every core, with the same result as in one process.

The build's slow steps (cleaning, sentence splitting and lemmatising, the regular-expression
passes of themes, actors and stance) treat each document on its own. They are cut into
chunks of whole documents, run in a pool of processes and put back together *in the order they
were given*, so that the tables do not depend on how many processes ran or which finished first.

The number of processes is every core this process may use, or ``UNSCSPEECH_JOBS`` when set (1
runs everything in this process). Small inputs, such as the book's own five documents, run in
this process: starting a pool would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

import pandas as pd

from unscspeech._engine.release_memory import release_freed_memory
from unscspeech._engine.row_runs import document_parts

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items (documents or paragraphs) the work runs in this process.
MIN_PARALLEL = 400
#: Chunks per process: more than one, so that a process that drew short documents takes another.
CHUNKS_PER_JOB = 4
#: At most this many items (documents) in a chunk, and this many rows in a chunk of a table.
LARGEST_CHUNK = 25
LARGEST_CHUNK_ROWS = 1000


def jobs() -> int:
    """How many processes to use: ``UNSCSPEECH_JOBS`` if set, else every core available to us."""
    value = os.environ.get("UNSCSPEECH_JOBS", "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"UNSCSPEECH_JOBS must be a whole number of at least 1, not {value!r}")
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context():
    # fork: the workers inherit the loaded modules instead of importing them again.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _apply_to_chunk(func: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    results = [func(item) for item in chunk]
    # A worker lives for the whole build: what a chunk's work freed goes back to the system, so
    # that a worker holds one chunk's memory at most, not the most any chunk of the build left.
    release_freed_memory()
    return results


#: How often (seconds) a worker checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """A worker's first act: end when the build that started it ends, however it ends.

    A build killed outright (``SIGKILL``, the out-of-memory killer) cannot shut its pool down, and
    its workers would wait for work for ever. On Linux the kernel sends them ``SIGKILL`` when their
    parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a thread also watches the parent's id
    and ends the worker once it has changed (the worker has been handed to another parent)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request above was in place
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _start_pool(n_jobs: int) -> ProcessPoolExecutor:
    """A pool whose workers are all forked now, with this process's objects frozen for them.

    Forked workers share this process's pages until they write to them; a garbage collection in
    a worker walks every inherited object and so writes to (and copies) them all. Frozen, the
    inherited objects are left out of the workers' collections; this process gets its own
    collector back as soon as they are forked. (With ``fork``, the executor starts every worker
    at the first task.)"""
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(max_workers=n_jobs, mp_context=_context(),
                                   initializer=_die_with_parent, initargs=(os.getpid(),))
        pool.submit(int).result()
    finally:
        gc.unfreeze()
    return pool


#: The pool of the enclosing :func:`shared_workers`, once started, and its number of processes.
_shared: dict | None = None


@contextmanager
def shared_workers(n_jobs: int | None = None, start: bool = False) -> Iterator[None]:
    """Within this, every pool of ``n_jobs`` processes is one, forked now (``start``) or at its
    first use, and kept to the end; inside another of as many processes, that one.

    A build forks its workers before it reads the corpus. Forked later, workers share this
    process's pages as they are then (the raw texts, the token table), and every one of those
    pages this process writes to afterwards (as it hands out work and takes back results) is
    copied, the workers keeping the old one: memory that grows with the corpus. Forked first,
    they share little more than the loaded modules."""
    global _shared
    n_jobs = jobs() if n_jobs is None else n_jobs
    if _shared is not None and _shared["n_jobs"] == n_jobs:
        yield
        return
    outer, _shared = _shared, {"n_jobs": n_jobs, "pool": None}
    mine = _shared
    try:
        if start and n_jobs > 1:
            mine["pool"] = _start_pool(n_jobs)
        yield
    finally:
        _shared = outer
        if mine["pool"] is not None:
            mine["pool"].shutdown()


def map_in_order(func: Callable[[T], R], items: Sequence[T], n_jobs: int | None = None,
                 min_parallel: int = MIN_PARALLEL, largest_chunk: int = LARGEST_CHUNK) -> list[R]:
    """``[func(item) for item in items]``, on several processes when there are enough items.

    ``func`` must be picklable (a module-level function or a :func:`functools.partial` of one).
    Inside :func:`shared_workers` of as many processes, the shared pool does the work. A worker is
    given at most ``largest_chunk`` items at a time, so that its memory does not grow with the
    corpus.
    """
    n_jobs = jobs() if n_jobs is None else n_jobs
    if n_jobs <= 1 or len(items) < max(2, min_parallel):
        return [func(item) for item in items]
    size = max(1, min(largest_chunk, -(-len(items) // (n_jobs * CHUNKS_PER_JOB))))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    shared = _shared is not None and _shared["n_jobs"] == n_jobs
    if shared and _shared["pool"] is None:
        _shared["pool"] = _start_pool(n_jobs)
    pool = _shared["pool"] if shared else _start_pool(n_jobs)
    futures = [pool.submit(_apply_to_chunk, func, chunk) for chunk in chunks]
    try:
        return [result for future in futures for result in future.result()]
    except BaseException:
        # A chunk failed (a pattern too slow, an input error): the chunks not yet begun are
        # dropped, so that the error is reported now rather than after every chunk has run.
        for future in futures:
            future.cancel()
        raise
    finally:
        if not shared:
            pool.shutdown()


def map_documents(func: Callable[[pd.DataFrame], pd.DataFrame], frame: pd.DataFrame, n_jobs: int | None = None,
                  min_parallel: int = MIN_PARALLEL) -> pd.DataFrame:
    """``func(frame)`` for a function that treats each document's rows on their own, computed on
    chunks of whole documents on several processes and concatenated in the frame's order.

    ``frame`` must hold each document's rows together (as the processed tables do).
    """
    n_jobs = jobs() if n_jobs is None else n_jobs
    if n_jobs <= 1 or len(frame) < max(2, min_parallel):
        return func(frame)
    # Whole documents (never cut), in chunks of about equal numbers of rows.
    target = min(len(frame) // (n_jobs * CHUNKS_PER_JOB), LARGEST_CHUNK_ROWS)
    chunks = [frame.iloc[a:b] for a, b in document_parts(frame["doc_id"].to_numpy(dtype=object), max(1, target))]
    if len(chunks) == 1:
        return func(frame)
    return pd.concat(map_in_order(func, chunks, n_jobs, min_parallel=2, largest_chunk=1), ignore_index=True)
