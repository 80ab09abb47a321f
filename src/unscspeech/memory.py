"""Give memory that the build has freed back to the operating system.

Python frees the per-token objects of the tokenising stage (the worker processes' results, row
lists) once the token table is made, but the C allocator keeps most of the freed pages for reuse,
so the process's resident memory stays as high as if they were still held, and the analyses that
follow add to that. ``malloc_trim`` (GNU C library) hands the free pages back. Elsewhere (macOS,
musl) there is no such call and this does nothing.
"""

from __future__ import annotations

import ctypes
import gc
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    # The running process's own symbols, C library included: ``ctypes.util.find_library`` would
    # run ``ldconfig`` in a forked copy of this process, as large as the process at that moment.
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None


def release_freed_memory() -> bool:
    """Collect garbage and return free heap pages to the system; ``True`` if the call exists here."""
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
