"""Shared fixtures: a scratch copy of the real corpus, the CLI, the built book, a browser."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    """With pytest-xdist (`make test` runs on every core), the tests of the built book and of the
    browser share one worker: the book is built once, and never by two processes into one folder."""
    for item in items:
        if {"built_book", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group(name="book"))


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


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``python -m unscspeech`` as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "unscspeech", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


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


@pytest.fixture(scope="session")
def tables():
    """The processed tables of the real corpus, built in memory."""
    from unscspeech.pipeline.build import build_tables
    from unscspeech.input.corpus import load_corpus

    return build_tables(load_corpus(DATA))


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book strictly, once per session, exactly as `make book` does."""
    built = run_cli("build", cwd=ROOT)
    assert built.returncode == 0, built.stderr
    result = subprocess.run([str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"],
                            cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
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
