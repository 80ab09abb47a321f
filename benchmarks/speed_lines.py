"""Lines of speed-only code: every line of the private engine modules (``src/unscspeech/_engine/``)
plus, everywhere else in the package, each ``del`` statement and each call that hands memory back
(``release_freed_memory``, ``malloc_trim``). Blank lines are not counted; docstrings and comments
are. Usage::

    .venv/bin/python benchmarks/speed_lines.py [REVISION ...]   # default: the working tree

With revisions (e.g. ``main HEAD``), each is read from git. Nothing here is a test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "src/unscspeech"
RELEASE = re.compile(r"^\s*del\s|release_freed_memory\(|malloc_trim")


def _files(revision: str | None) -> dict[str, str]:
    if revision is None:
        return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / PACKAGE).rglob("*.py")}
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", revision, PACKAGE], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    return {n: subprocess.run(["git", "show", f"{revision}:{n}"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout for n in names if n.endswith(".py")}


def count(revision: str | None = None) -> dict[str, int]:
    engine = release = 0
    for name, text in _files(revision).items():
        lines = [line for line in text.splitlines() if line.strip()]
        if f"{PACKAGE}/_engine/" in name:
            engine += len(lines)
        else:
            release += sum(1 for line in lines if RELEASE.search(line) and not line.lstrip().startswith("#"))
    return {"engine modules": engine, "del/release lines elsewhere": release, "total": engine + release}


if __name__ == "__main__":
    for revision in sys.argv[1:] or [None]:
        print(revision or "working tree", count(revision))
