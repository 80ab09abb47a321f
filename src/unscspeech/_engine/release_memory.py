"""Give memory that the build has freed back to the operating system.

Python frees the per-token objects of the tokenising stage (the worker processes' results, row
lists) once the token table is made, but the C allocator keeps most of the freed pages for reuse,
so the process's resident memory stays as high as if they were still held, and the analyses that
follow add to that. ``malloc_trim`` (GNU C library) hands the free pages back
(:func:`release_freed_memory`), and large blocks mapped on their own go back as soon as they are
freed (:func:`map_large_blocks`). Elsewhere (macOS, musl) there are no such calls and these do
nothing.
"""

from __future__ import annotations

import ctypes
import gc
from functools import lru_cache


@lru_cache(maxsize=None)
def _c_function(name: str):
    # The running process's own symbols, C library included: ``ctypes.util.find_library`` would
    # run ``ldconfig`` in a forked copy of this process, as large as the process at that moment.
    # (On Windows, CDLL(None) is a TypeError.)
    try:
        return getattr(ctypes.CDLL(None), name, None)
    except (OSError, TypeError):
        return None


#: Below this resident size there is too little to give back for a full garbage collection to pay:
#: on the book's own corpus a build would spend more time collecting than computing.
MIN_RESIDENT_MIB = 512


#: The size (bytes) from which the C library gives a block a mapping of its own: its starting value.
MMAP_THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)


def map_large_blocks(threshold: int = MMAP_THRESHOLD) -> bool:
    """Have every block of at least ``threshold`` bytes (a NumPy array, a pandas column) mapped on
    its own, so that it goes back to the system the moment it is freed, for the rest of this
    process and the processes it forks; ``True`` if the GNU C library's ``mallopt`` accepted it.

    Left to itself, glibc raises this threshold to the size of a mapped block freed above it (up
    to 32 MiB on 64-bit systems), and the heap's trim threshold to twice that: the arrays made
    afterwards come from the heap, whose freed pages the process keeps, so that each step of a
    build would stand on the memory the steps before it freed. Fixed, it costs a mapping per
    large block."""
    mallopt = _c_function("mallopt")
    if mallopt is None:
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)  # a threshold beyond a C int is an error, not garbage
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold))


def release_freed_memory(min_resident_mib: int = MIN_RESIDENT_MIB) -> bool:
    """Collect garbage and return free heap pages to the system, if the process holds at least
    ``min_resident_mib``; ``True`` if pages were handed back (the call exists here and was made)."""
    if _resident_mib() < min_resident_mib:
        return False
    gc.collect()
    trim = _c_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True


def _resident_mib() -> int:
    """The process's resident memory in MiB (unbounded where ``/proc`` cannot tell, so that the work goes ahead)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 1 << 30
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)
