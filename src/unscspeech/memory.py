"""Give memory that the build has freed back to the operating system.

Python frees the per-token objects of the tokenising stage (the worker processes' results, row
lists) once the token table is made, but the C allocator keeps most of the freed pages for reuse,
so the process's resident memory stays as high as if they were still held, and the analyses that
follow add to that. ``malloc_trim`` (GNU C library) hands the free pages back. Elsewhere (macOS,
musl) there is no such call and this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
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
