"""Throughput of ``build`` on a synthetic corpus, side by side with scikit-learn's CountVectorizer.

The corpus is made by resampling the sentences of the book's own corpus into speeches in the
UN Security Council Debates layout (:mod:`unscspeech.synthetic`) and importing them, as a
researcher would import the real thing. For each size asked for, the script then runs, each in
a fresh process so that its peak memory is its own:

* ``python -m unscspeech build --force`` on the corpus folder (the whole pipeline: cleaning,
  sentences, lemmas, every processed table);
* ``CountVectorizer().fit_transform`` on the same raw texts (tokenising and counting only), as a
  floor for what any Python text pipeline must spend.

It reports word tokens per second, the time ratio build / CountVectorizer and the peak resident
memory of each, as a Markdown table (and, with ``--json``, as data). Usage::

    .venv/bin/python benchmarks/throughput.py                     # 5,000 documents
    .venv/bin/python benchmarks/throughput.py --docs 250 500 1000 # how time and memory grow

Nothing here is a test: the figures depend on the machine and are recorded in README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Run a module in this process and print its peak resident memory (KiB on Linux) last.
MEASURED = """
import resource, runpy, sys
sys.argv = {argv!r}
try:
    runpy.run_module({module!r}, run_name="__main__")
except SystemExit as end:
    if end.code not in (0, None):
        raise
print("maxrss_kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
print("children_maxrss_kib", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""

COUNT_VECTORIZER = """
import resource, sys, time
from pathlib import Path
from sklearn.feature_extraction.text import CountVectorizer
texts = [p.read_text(encoding="utf-8") for p in sorted(Path({raw!r}).iterdir())]
start = time.perf_counter()
matrix = CountVectorizer().fit_transform(texts)
print("seconds", time.perf_counter() - start, file=sys.stderr)
print("maxrss_kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _run(code: str) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    values = {}
    for line in result.stderr.splitlines():
        key, _, value = line.partition(" ")
        if key in ("maxrss_kib", "children_maxrss_kib", "seconds"):
            values[key] = float(value)
    return seconds, values


def make_corpus(n_docs: int, tokens_per_doc: int, work: Path) -> Path:
    """A synthetic corpus folder of ``n_docs`` speeches, imported from the UNSC Debates layout."""
    from unscspeech.build import build_tables
    from unscspeech.corpus import load_corpus
    from unscspeech.importer import import_unsc_debates
    from unscspeech.synthetic import write_debates

    tables = build_tables(load_corpus(ROOT / "data"))
    write_debates(tables["sentences.csv"], tables["documents.csv"], work / "unsc", n_docs,
                  tokens_per_speech=tokens_per_doc)
    import_unsc_debates(work / "unsc", "Kazakhstan", work / "corpus", template=ROOT / "data")
    return work / "corpus"


def measure(n_docs: int, tokens_per_doc: int, work: Path) -> dict[str, float]:
    corpus = make_corpus(n_docs, tokens_per_doc, work)
    out = work / "processed"
    build_seconds, build = _run(MEASURED.format(
        argv=["unscspeech", "build", "--corpus", str(corpus), "--out", str(out), "--force"], module="unscspeech"))
    _, vectorizer = _run(COUNT_VECTORIZER.format(raw=str(corpus / "raw")))
    import pandas as pd

    n_tokens = int(pd.read_csv(out / "documents.csv", usecols=["n_tokens"])["n_tokens"].sum())
    output_mib = sum(p.stat().st_size for p in out.glob("*.csv")) / 2**20
    return {
        "documents": n_docs, "tokens": n_tokens,
        "build_seconds": round(build_seconds, 1),
        "build_tokens_per_second": round(n_tokens / build_seconds),
        "build_peak_mib": round(build["maxrss_kib"] / 1024),
        # The largest peak of any one worker process (they share the main process's pages at
        # the start, copy-on-write, so this overstates what they add).
        "build_worker_peak_mib": round(build.get("children_maxrss_kib", 0) / 1024),
        "build_processes": _jobs(),
        "countvectorizer_seconds": round(vectorizer["seconds"], 2),
        "countvectorizer_tokens_per_second": round(n_tokens / vectorizer["seconds"]),
        "countvectorizer_peak_mib": round(vectorizer["maxrss_kib"] / 1024),
        "time_ratio": round(build_seconds / vectorizer["seconds"], 1),
        "output_tables_mib": round(output_mib, 1),
    }


def _jobs() -> int:
    from unscspeech.parallel import jobs
    return jobs()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[5000], help="corpus sizes, in documents")
    parser.add_argument("--tokens-per-doc", type=int, default=1200)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = []
    for n in args.docs:
        with tempfile.TemporaryDirectory(prefix="unscspeech-throughput-") as tmp:
            results.append(measure(n, args.tokens_per_doc, Path(tmp)))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| Documents | Word tokens | build (s) | processes | build tokens/s | build peak MiB | worker peak MiB "
          "| CountVectorizer (s) | CV tokens/s | CV peak MiB | Time ratio | Output tables MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['documents']:,} | {r['tokens']:,} | {r['build_seconds']} | {r['build_processes']} | "
              f"{r['build_tokens_per_second']:,} | {r['build_peak_mib']:,} | {r['build_worker_peak_mib']:,} | "
              f"{r['countvectorizer_seconds']} | {r['countvectorizer_tokens_per_second']:,} | "
              f"{r['countvectorizer_peak_mib']:,} | {r['time_ratio']}× | {r['output_tables_mib']} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
