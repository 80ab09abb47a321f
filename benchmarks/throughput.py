"""Throughput of ``build`` on a synthetic corpus, side by side with scikit-learn's CountVectorizer.

The corpus is made by resampling the sentences of the book's own corpus into speeches in the
UN Security Council Debates layout (:mod:`unscspeech.input.synthetic`) and importing them, as a
researcher would import the real thing. For each size asked for, the script then runs, each in
a fresh process so that its peak memory is its own:

* ``python -m unscspeech build --force`` on the corpus folder (the whole pipeline: cleaning,
  sentences, lemmas, every processed table);
* ``CountVectorizer().fit_transform`` on the same raw texts (tokenising and counting only), as a
  floor for what any Python text pipeline must spend;
* the steps the book's method requires before any table (cleaning, training Punkt on the corpus,
  splitting sentences, word tokens and lemmas), timed on their own: what no faster table code
  could save.

It reports word tokens per second, the time ratio build / CountVectorizer and the peak memory:
the main process's peak resident memory, and the largest total of all the build's processes at
any moment (their proportional set sizes, sampled), as Markdown tables (and, with ``--json``, as
data). Usage::

    .venv/bin/python benchmarks/throughput.py                     # 5,000 documents
    .venv/bin/python benchmarks/throughput.py --docs 250 500 1000 # how time and memory grow

Nothing here is a test: the figures depend on the machine and are recorded in README.md.
"""

from __future__ import annotations

import argparse
import csv
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


#: The steps that the book's method requires before any table is made, timed on their own on all
#: cores as ``build`` runs them: cleaning, training Punkt on the corpus, splitting sentences with it
#: (alone, and then with the word tokens and lemmas, as ``build`` does).
FIRST_STEPS = """
import sys, time
from functools import partial
from pathlib import Path
from unscspeech.processed.build import MIN_PARALLEL_DOCUMENTS, clean_corpus, load_choices
from unscspeech.input.corpus import load_corpus
from unscspeech._engine.worker_pool import map_in_order
from unscspeech.pipeline.token_table import tokenise_document
from unscspeech.pipeline.tokens import split_sentences, train_sentence_splitter, training_sample

def sentences_of(clean, splitter):
    return sum(len(split_sentences(splitter, p)) for p in clean.paragraphs)

corpus = load_corpus(Path({corpus!r}))
wordlists = load_choices(corpus.root)[0]
start = time.perf_counter()
cleaned = clean_corpus(corpus)
print("clean_seconds", time.perf_counter() - start, file=sys.stderr)
start = time.perf_counter()
splitter = train_sentence_splitter(training_sample([p for c in cleaned for p in c.paragraphs]))
print("punkt_train_seconds", time.perf_counter() - start, file=sys.stderr)
start = time.perf_counter()
map_in_order(partial(sentences_of, splitter=splitter), cleaned, min_parallel=MIN_PARALLEL_DOCUMENTS)
print("punkt_split_seconds", time.perf_counter() - start, file=sys.stderr)
start = time.perf_counter()
map_in_order(partial(tokenise_document, splitter=splitter, wordlists=wordlists), cleaned,
             min_parallel=MIN_PARALLEL_DOCUMENTS)
print("tokenise_seconds", time.perf_counter() - start, file=sys.stderr)
"""
FIRST_STEP_KEYS = ("clean_seconds", "punkt_train_seconds", "punkt_split_seconds", "tokenise_seconds")

#: How often the memory of a build's processes is sampled.
SAMPLE_SECONDS = 0.05


def _run(code: str) -> tuple[float, dict[str, float]]:
    """Run ``code`` in a fresh Python; its wall time and what it reported, with ``tree_pss_kib``:
    the largest total memory of it and its worker processes at any moment (see :func:`tree_pss_kib`)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=err, text=True,
                                   cwd=ROOT)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_pss_kib(process.pid) or 0)
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read()
    if process.returncode != 0:
        raise SystemExit(stderr[-3000:])
    values = {"tree_pss_kib": float(peak)} if peak else {}
    for line in stderr.splitlines():
        key, _, value = line.partition(" ")
        if key in ("maxrss_kib", "children_maxrss_kib", "seconds", "jobs", *FIRST_STEP_KEYS):
            values[key] = float(value)
    return seconds, values


def tree_pss_kib(pid: int) -> int | None:
    """The proportional set size (KiB) of a process and all its descendants, summed: the memory
    they use together, each page shared between them (the forked workers share the main process's
    pages until they write to them) counted once. ``None`` where Linux's ``/proc`` does not say."""
    total, todo, seen = 0, [pid], False
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    seen = True
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):  # gone meanwhile, or no such file on this system
            continue
    return total if seen else None


#: Make the corpus in a process of its own (see :func:`measure`).
MAKE_CORPUS = """
import sys
sys.path.insert(0, {benchmarks!r})
from throughput import make_corpus
from pathlib import Path
make_corpus({n_docs!r}, {tokens_per_doc!r}, Path({work!r}))
"""

#: The number of worker processes ``build`` uses here.
JOBS = """
import sys
from unscspeech._engine.worker_pool import jobs
print("jobs", jobs(), file=sys.stderr)
"""


def make_corpus(n_docs: int, tokens_per_doc: int, work: Path) -> Path:
    """A synthetic corpus folder of ``n_docs`` speeches, imported from the UNSC Debates layout."""
    from unscspeech.processed.build import build_tables
    from unscspeech.input.corpus import load_corpus
    from unscspeech.input.importer import import_unsc_debates
    from unscspeech.input.synthetic import write_debates

    tables = build_tables(load_corpus(ROOT / "data"))
    write_debates(tables["sentences.csv"], tables["documents.csv"], work / "unsc", n_docs,
                  tokens_per_speech=tokens_per_doc)
    import_unsc_debates(work / "unsc", "Kazakhstan", work / "corpus", template=ROOT / "data")
    return work / "corpus"


def measure(n_docs: int, tokens_per_doc: int, work: Path) -> dict[str, float]:
    """Every figure for one size. This process imports none of the libraries the build uses (the
    corpus is made, and everything else is counted, in processes of their own): a process that maps
    the same shared libraries takes a share of their pages, and the build's proportional set sizes
    would read lower than on their own (about 40 MiB at 1,000 and at 5,000 documents)."""
    _run(MAKE_CORPUS.format(benchmarks=str(ROOT / "benchmarks"), n_docs=n_docs, tokens_per_doc=tokens_per_doc,
                            work=str(work)))
    corpus = work / "corpus"
    out = work / "processed"
    build_seconds, build = _run(MEASURED.format(
        argv=["unscspeech", "build", "--corpus", str(corpus), "--out", str(out), "--force"], module="unscspeech"))
    _, vectorizer = _run(COUNT_VECTORIZER.format(raw=str(corpus / "raw")))
    _, first = _run(FIRST_STEPS.format(corpus=str(corpus)))
    cv = vectorizer["seconds"]
    with open(out / "documents.csv", newline="", encoding="utf-8") as documents:
        n_tokens = sum(int(row["n_tokens"]) for row in csv.DictReader(documents))
    output_mib = sum(p.stat().st_size for p in out.glob("*.csv")) / 2**20
    # The large tables' two forms, MiB: CSV for readers, Parquet (typed, zstd) for programs.
    sizes = {f"{p.name}_mib": round(p.stat().st_size / 2**20, 1)
             for p in sorted(out.iterdir()) if p.suffix == ".parquet" or p.with_suffix(".parquet").exists()}
    return {
        "documents": n_docs, "tokens": n_tokens,
        "build_seconds": round(build_seconds, 1),
        "build_tokens_per_second": round(n_tokens / build_seconds),
        "build_peak_mib": round(build["maxrss_kib"] / 1024),
        # All processes together, sampled every SAMPLE_SECONDS: the memory the build needs.
        "build_all_processes_peak_mib": round(build["tree_pss_kib"] / 1024) if "tree_pss_kib" in build else None,
        # The largest peak of any one worker process (they share the main process's pages at
        # the start, copy-on-write, so this overstates what they add).
        "build_worker_peak_mib": round(build.get("children_maxrss_kib", 0) / 1024),
        "build_processes": _jobs(),
        "countvectorizer_seconds": round(vectorizer["seconds"], 2),
        "countvectorizer_tokens_per_second": round(n_tokens / vectorizer["seconds"]),
        "countvectorizer_peak_mib": round(vectorizer["maxrss_kib"] / 1024),
        "time_ratio": round(build_seconds / cv, 1),
        "output_tables_mib": round(output_mib, 1),
        "parquet_mib": round(sum(p.stat().st_size for p in out.glob("*.parquet")) / 2**20, 1),
        **sizes,
        # What the method requires before any table, against CountVectorizer: a floor for the ratio.
        **{key: round(first[key], 2) for key in FIRST_STEP_KEYS},
        "punkt_ratio": round((first["punkt_train_seconds"] + first["punkt_split_seconds"]) / cv, 1),
        "first_steps_ratio": round((first["clean_seconds"] + first["punkt_train_seconds"]
                                    + first["tokenise_seconds"]) / cv, 1),
    }


def _jobs() -> int:
    return int(_run(JOBS)[1]["jobs"])


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
    print("| Documents | Word tokens | build (s) | processes | build tokens/s | build peak MiB (main process) "
          "| all processes MiB | CountVectorizer (s) | CV tokens/s | CV peak MiB | Time ratio | Output tables MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['documents']:,} | {r['tokens']:,} | {r['build_seconds']} | {r['build_processes']} | "
              f"{r['build_tokens_per_second']:,} | {r['build_peak_mib']:,} | {r['build_all_processes_peak_mib']} | "
              f"{r['countvectorizer_seconds']} | {r['countvectorizer_tokens_per_second']:,} | "
              f"{r['countvectorizer_peak_mib']:,} | {r['time_ratio']}× | {r['output_tables_mib']} |")
    print("\nThe steps the method requires before any table (all cores), against CountVectorizer:\n")
    print("| Documents | clean (s) | Punkt training (s) | Punkt splitting (s) | sentences, words, lemmas (s) "
          "| Punkt / CV | clean + train + tokenise / CV |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['documents']:,} | {r['clean_seconds']} | {r['punkt_train_seconds']} | {r['punkt_split_seconds']} | "
              f"{r['tokenise_seconds']} | {r['punkt_ratio']}× | {r['first_steps_ratio']}× |")
    print("\nThe large tables as CSV and as Parquet (MiB):\n")
    for r in results:
        print(f"- {r['documents']:,} documents: " + ", ".join(f"{k.removesuffix('_mib')} {v}" for k, v in r.items()
                                                           if k.endswith((".csv_mib", ".parquet_mib"))))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
