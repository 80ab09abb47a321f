"""Shared fixtures: a scratch copy of the real corpus, the CLI, the built book, a browser."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest

# pytest-xdist runs a worker on every core (`-n auto`); a worker's BLAS (NumPy's OpenBLAS, under
# scikit-learn's NMF) starting a thread on every core as well would put two busy threads on each,
# which spin while they wait for each other. One BLAS thread per process, in the workers and in the
# processes they start (unless the caller set another number): the tables do not depend on it (a build
# of the edition with one BLAS thread writes the bytes of one with two), its CPU time does (15% less).
# Set before NumPy is first imported, when OpenBLAS reads it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


#: The test modules that read the built book or drive the browser. `make test` runs them all on one
#: xdist worker (see ``pytest_xdist_make_scheduler``), so that the book is built once while the other
#: workers run everything else; a test that needs the book elsewhere is refused at collection.
BOOK_MODULES = frozenset({"test_book.py", "test_browser.py", "test_certainty.py", "test_explorer.py",
                          "test_launch.py", "test_quality.py", "test_seams.py"})
BOOK_FIXTURES = {"built_book": "book", "browser": "browser"}


def pytest_collection_modifyitems(config, items):
    """Mark every test that uses the built book or the browser (so that ``-m "not book and not
    browser"`` leaves all of them out), and check that it lives in one of :data:`BOOK_MODULES`."""
    misplaced = []
    for item in items:
        needs = {BOOK_FIXTURES[name] for name in getattr(item, "fixturenames", ()) if name in BOOK_FIXTURES}
        for marker in sorted(needs):
            item.add_marker(marker)
        if needs and item.path.name not in BOOK_MODULES:
            misplaced.append(item.nodeid)
    if misplaced:
        raise pytest.UsageError("these tests use the built book or the browser but their module is not in "
                                "conftest.BOOK_MODULES: " + ", ".join(misplaced))


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``, with the modules of :data:`BOOK_MODULES` as one file: each module runs on
    one worker (a module's fixtures are made once), and the book's tests all on the same one.

    pytest-xdist's own ``--dist loadgroup`` silently stopped grouping with pytest 9.2 (it renames
    the tests' node ids, which pytest no longer reads back: pytest-xdist issue 1386), so that two
    workers built the book into the same folder at once."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BookAsOneFile(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return "book" if module.rsplit("/", 1)[-1] in BOOK_MODULES else module

    return BookAsOneFile(config, log)


def toc_pages() -> list[str]:
    """Every page of the book, as HTML paths relative to _build/html, read from _toc.yml."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            for part in entry.get("chapters", []) if "chapters" in entry else []:
                walk([part])

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return [f"{f}.html" for f in files]


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m unscspeech`` as a user would (in ``env``, else this process's environment),
    capturing its output."""
    return subprocess.run([sys.executable, "-m", "unscspeech", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env=env)


def fresh_interpreter(code: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """What ``code``, run in a new Python with ``args`` as ``sys.argv[1:]``, prints as JSON: for the
    measures of a process's memory, which a long-lived test process would blur with its own."""
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def run_cli_in_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """What :func:`run_cli` returns, from the same ``main`` called in this process: its exit code
    and its output, in ``cwd``, its warning settings undone afterwards. For the many tests of one
    command line's answers, which would each pay seconds of imports in a new process; the tests
    that spawn ``python -m unscspeech`` show that the process gives the same."""
    from unscspeech.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), warnings.catch_warnings(), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = stop.code
    return subprocess.CompletedProcess(["python", "-m", "unscspeech", *args], code, out.getvalue(), err.getvalue())


def examples(total: int, quick: int):
    """Run a Hypothesis property test on ``total`` examples in two parts: ``quick`` of them in the
    test's ``[quick]`` case, which `make test-fast` runs, and the rest in its ``[rest]`` case, marked
    ``slow``, which `make test` adds: as many examples in all as one run of ``total``. The test takes
    the number as its argument ``max_examples`` and runs its ``@given`` check with it::

        @examples(300, quick=60)
        def test_something(max_examples):
            @settings(max_examples=max_examples, deadline=None)
            @given(...)
            def check(...): ...

            check()
    """
    return pytest.mark.parametrize("max_examples", [
        pytest.param(quick, id="quick"), pytest.param(total - quick, id="rest", marks=pytest.mark.slow)])


def finishes(func, seconds: float = 120):
    """``func()``'s result, failing the test if it has not returned after ``seconds`` (a generous
    bound that proves it does not hang, not a measure of speed)."""
    result = []
    worker = threading.Thread(target=lambda: result.append(func()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    return result[0]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A scratch copy of the real corpus folder that a test may break."""
    target = tmp_path / "corpus"
    (target / "raw").mkdir(parents=True)
    for path in DATA.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)
    for path in (DATA / "raw").iterdir():
        shutil.copy2(path, target / "raw" / path.name)
    return target


@pytest.fixture
def small_corpus(synthetic_corpus, tmp_path: Path) -> Path:
    """A scratch copy (``tmp_path/corpus``) of a corpus of three short synthetic speeches, imported
    with the edition as template, that a test may change: for tests of what the command line does
    with its folders and caches rather than of what the tables say. It builds in about a second,
    the edition's five documents in about four."""
    return Path(shutil.copytree(synthetic_corpus(3, 200), tmp_path / "corpus", symlinks=True))


@pytest.fixture(scope="session")
def small_build(synthetic_corpus, tmp_path_factory) -> Path:
    """The folder ``build`` writes for the corpus :func:`small_corpus` copies (the same inputs, so a
    copy of it is up to date for that copy), built once per test run: for the tests that need a
    built folder before the step they test. Read it, or change a copy (:func:`copy_build`)."""
    def make(path: Path) -> None:
        from unscspeech.processed.build import build

        build(synthetic_corpus(3, 200), path)

    return made_once(tmp_path_factory, f"small-build-{edition_key()}", make)


def link_to_secret(path: Path, outside: Path) -> None:
    """Replace ``path`` by a symbolic link to a private note in ``outside``, a folder beyond the corpus."""
    secret = outside / "secret.txt"
    secret.write_text("Mr. Umarov (Kazakhstan): A private note that must never be published.\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(secret)


def read_metadata(corpus: Path) -> list[dict[str, str]]:
    with open(corpus / "metadata.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_metadata(corpus: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    with open(corpus / "metadata.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def made_once(tmp_path_factory, name: str, make) -> Path:
    """``name`` in a folder that this test run's workers share, made by ``make(path)`` the first
    time any of them asks for it and only read afterwards. ``name`` must say what goes in (a digest
    of the inputs, the parameters): a lock keeps a second worker waiting while the first makes it,
    and ``make`` writes to a scratch path renamed into place when complete, so that a failure
    leaves nothing a later test would take for finished."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's basetemp is popen-gwN of the run's
        base = base.parent
    shared = base / "made-once"
    shared.mkdir(exist_ok=True)
    target = shared / name
    with open(shared / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            scratch = shared / f"{name}.partial"
            shutil.rmtree(scratch, ignore_errors=True)
            if scratch.exists():
                scratch.unlink()
            make(scratch)
            scratch.rename(target)
    return target


def edition_key() -> str:
    """The digest of everything a build of the edition reads (its corpus, this package's source,
    the versions of the packages that shape the tables): the name of what is made of it."""
    from unscspeech.processed.cache import inputs_digest

    return inputs_digest(DATA)[:16]


@pytest.fixture(scope="session")
def tables(tmp_path_factory):
    """The processed tables of the real corpus, built in memory (by ``build_tables``, once per test
    run: the first worker to need them pickles them for the others, dtypes and all)."""
    import pickle

    def make(path: Path) -> None:
        from unscspeech.processed.build import build_tables
        from unscspeech.input.corpus import load_corpus

        path.write_bytes(pickle.dumps(build_tables(load_corpus(DATA)), protocol=pickle.HIGHEST_PROTOCOL))

    return pickle.loads(made_once(tmp_path_factory, f"tables-{edition_key()}.pickle", make).read_bytes())


@pytest.fixture(scope="session")
def edition_build(tables, tmp_path_factory) -> Path:
    """The folder ``build`` writes for the edition's corpus (``python -m unscspeech build --out``),
    made once per test run: the tables of :func:`tables` (the edition's, by ``build_tables``) written
    by ``write_tables`` with the digest of their inputs, the two steps ``build`` takes, so that a
    test run computes the edition's tables once, not twice. Read it; a test that changes a folder
    of tables works on a copy (:func:`copy_build`). test_build.py's test_two_builds_are_byte_identical
    checks that ``python -m unscspeech build`` in a process of its own writes the same bytes."""
    def make(path: Path) -> None:
        from unscspeech.processed.build import write_tables
        from unscspeech.processed.cache import inputs_digest

        write_tables(tables, path, stamp=inputs_digest(DATA))

    return made_once(tmp_path_factory, f"edition-{edition_key()}", make)


@pytest.fixture
def fewer_topic_fits(monkeypatch):
    """``build`` and ``validate`` in this process run the repeated topic check
    (:func:`unscspeech.measures.topics.topic_stability`) with two factorisations instead of 24
    (``TOPIC_COUNTS`` x ``SEEDS``): for the tests that assert nothing it could change (a refusal
    that comes after it, which files a build opens, that an edited input is rebuilt, what a build
    lets go, the tables other than the topic check's), in which it takes about half of each build
    of the edition (1.0 of 2.2 s). Every other step runs as always. The tests of the tables
    themselves (``tables``, test_readings.py, test_topics.py, test_two_builds_are_byte_identical)
    run it in full."""
    from functools import partial

    from unscspeech.measures import topics

    monkeypatch.setattr("unscspeech.processed.build.topic_stability",
                        partial(topics.topic_stability, topic_counts=(topics.N_TOPICS,), seeds=(0,)))


def copy_build(built: Path, out: Path) -> Path:
    """A copy of a built folder of tables at ``out``, files and modification times as written."""
    shutil.copytree(built, out)
    return out


@pytest.fixture(scope="session")
def synthetic_corpus(tables, tmp_path_factory):
    """``synthetic_corpus(n_speeches, tokens_per_speech, **options)``: a corpus folder imported from
    that many synthetic speeches (``unscspeech.input.synthetic.write_debates`` resampling the
    edition's sentences, then ``import_unsc_debates`` with the edition as template), made once per
    test run for each set of arguments. Build from it, never write into it."""
    from unscspeech.input.importer import import_unsc_debates
    from unscspeech.input.synthetic import write_debates

    def corpus(n_speeches: int, tokens_per_speech: int, **options) -> Path:
        def make(path: Path) -> None:
            path.mkdir()
            write_debates(tables["sentences.csv"], tables["documents.csv"], path / "unsc", n_speeches=n_speeches,
                          tokens_per_speech=tokens_per_speech, **options)
            import_unsc_debates(path / "unsc", "Kazakhstan", path / "corpus", template=DATA)

        extra = "".join(f"-{k}{v}" for k, v in sorted(options.items()))
        return made_once(tmp_path_factory, f"synthetic-{n_speeches}x{tokens_per_speech}{extra}-{edition_key()}",
                         make) / "corpus"

    return corpus


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book strictly, exactly as `make book` does: once per session, and once per test
    run when pytest-xdist's workers each have a session. A lock on ``_build/.tests-book.lock`` keeps
    a second worker (or a second test run) from building into the same folders meanwhile; it waits,
    and uses the book the first one built in this run."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    build_dir = ROOT / "_build"
    build_dir.mkdir(exist_ok=True)
    done = build_dir / ".tests-book-built"
    with open(build_dir / ".tests-book.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (run and done.is_file() and done.read_text(encoding="utf-8") == run):
            done.unlink(missing_ok=True)
            built = run_cli("build", cwd=ROOT)
            assert built.returncode == 0, built.stderr
            result = subprocess.run([str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"],
                                    cwd=ROOT, capture_output=True, text=True, timeout=1800)
            assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
            done.write_text(run, encoding="utf-8")
    return ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped where missing, except under CI=true."""
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail("CI=true but /usr/bin/chromium is missing: .ci/run must install it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


class PageVisit:
    """A page opened with every non-file request aborted, and what it tried and logged."""

    def __init__(self, browser, url: str, wait_ms: int = 0, width: int = 1280):
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.route("**/*", self._route)
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        if wait_ms:
            self.page.wait_for_timeout(wait_ms)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser):
    opened: list[PageVisit] = []

    def _visit(url: str, wait_ms: int = 0, width: int = 1280) -> PageVisit:
        v = PageVisit(browser, url, wait_ms, width)
        opened.append(v)
        return v

    yield _visit
    for v in opened:
        v.close()
