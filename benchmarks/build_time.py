"""Time a cold and a warm `make book` (issue: a warm rebuild with nothing changed under 10 s).

Cold: `make clean` first (no tables, no execution cache, no HTML; the .venv stays).
Warm: `make book` again with nothing changed: the tables are up to date (inputs.sha256), the
chapters' execution cache is valid, and Sphinx finds no outdated page.

Run from the repository root:  .venv/bin/python benchmarks/build_time.py [--warm-only]
Prints one line per run; the figures recorded in benchmarks/README.md come from it.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(*command: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-only", action="store_true", help="skip the cold build")
    parser.add_argument("--repeat", type=int, default=3, help="warm builds to time (default 3)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if not args.warm_only:
        timed("make", "clean")
        print(f"cold make book: {timed('make', 'book'):.1f} s")
    else:
        timed("make", "book")
    warm = [timed("make", "book") for _ in range(args.repeat)]
    print("warm make book: " + ", ".join(f"{t:.1f} s" for t in warm) + f" (best {min(warm):.1f} s)")


if __name__ == "__main__":
    main()
