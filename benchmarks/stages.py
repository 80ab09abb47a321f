"""Time and memory of each table of ``build``: how long it took to make, how long to write, and the
main process's resident memory then.

``throughput.py`` measures the whole build; this says where its time and memory go. It runs the
build's own table generator (:func:`unscspeech.processed.build.iter_tables`, with its pool of workers) on a
corpus folder, writes each table as ``build`` does (with its own writer: DuckDB wherever it gives
pandas' bytes, the large tables also as Parquet) and prints, per table, the seconds spent making
it (everything since the previous table was written), the seconds spent writing it, and the
resident and peak resident memory (MiB, from Linux's ``/proc``; the peak is reset after each
table). The last line sums the making and the writing. Usage::

    .venv/bin/python benchmarks/stages.py CORPUS_DIR [--out DIR]

Nothing here is a test: the figures depend on the machine and are recorded in README.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unscspeech.processed.build import _documents_in, _write_table, iter_tables, MIN_PARALLEL_DOCUMENTS  # noqa: E402
from unscspeech._engine.duckdb_tables import Writer  # noqa: E402
from unscspeech._engine.release_memory import map_large_blocks  # noqa: E402
from unscspeech.input.corpus import load_corpus  # noqa: E402
from unscspeech._engine.worker_pool import shared_workers  # noqa: E402


def _memory_mib() -> tuple[int, int]:
    """Resident and peak resident memory of this process since the last reset, in MiB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0]) // 1024
    return values["VmRSS"], values["VmHWM"]


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, help="where to write the tables (default: a temporary folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="stages-"))
    out.mkdir(parents=True, exist_ok=True)
    print("| table | rows | make (s) | write (s) | resident MiB | peak MiB while made |")
    print("|---|---:|---:|---:|---:|---:|")
    made = written = 0.0
    map_large_blocks()  # as build does
    writer = Writer(out)
    try:
        with shared_workers(start=_documents_in(args.corpus) >= MIN_PARALLEL_DOCUMENTS):
            _reset_peak()
            last = time.perf_counter()
            for name, table in iter_tables(load_corpus(args.corpus)):
                ready = time.perf_counter()
                resident, peak = _memory_mib()
                _write_table(name, table, out, writer.con)
                done = time.perf_counter()
                print(f"| {name} | {len(table):,} | {ready - last:.1f} | {done - ready:.1f} | {resident:,} | "
                      f"{peak:,} |", flush=True)
                made, written = made + ready - last, written + done - ready
                del table
                _reset_peak()
                last = time.perf_counter()
    finally:
        writer.close()  # its spill folder goes with it
    print(f"| **all** | | {made:.1f} | {written:.1f} | | |")


if __name__ == "__main__":
    main()
