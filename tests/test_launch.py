"""Launch buttons open something: every link points at a file the repository provides, as a notebook."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from conftest import ROOT, toc_pages
from unscspeech.book.lab import JUPYTEXT_NOTEBOOK, overrides


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _provided_by_the_repository(path: str) -> bool:
    """Whether ``path`` is a file committed to the repository (what Binder and Colab fetch)."""
    if not (ROOT / path).is_file():
        return False
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return True  # not a git checkout (e.g. a release archive): every file there is the repository's
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", path], cwd=ROOT, capture_output=True)
    return tracked.returncode == 0


def _opens_as_notebook_on_binder(path: str) -> bool:
    """A notebook, or a Markdown file that Binder's JupyterLab shows as one (binder/ sets this up)."""
    if path.endswith(".ipynb"):
        return True
    viewers = overrides()["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    return (path.endswith(".md") and viewers.get("markdown") == JUPYTEXT_NOTEBOOK
            and "python -m unscspeech.book.lab" in post_build)


def _check(url: str) -> str:
    """What is wrong with a launch link, or '' if it opens a notebook the repository provides."""
    parts = urlsplit(url)
    if parts.netloc == "mybinder.org":
        urlpath = parse_qs(parts.query)["urlpath"][0]
        if not urlpath.startswith("lab/tree/"):
            return f"{url}: Binder should open JupyterLab (lab/tree/…), not {urlpath}"
        path = unquote(urlpath.removeprefix("lab/tree/"))
        if not _provided_by_the_repository(path):
            return f"{url}: {path} is not a file of the repository"
        if not _opens_as_notebook_on_binder(path):
            return f"{url}: {path} would open as a text file, not a notebook"
        return ""
    if parts.netloc == "colab.research.google.com":
        path = re.sub(r"^/github/[^/]+/[^/]+/blob/[^/]+/", "", parts.path)
        if not path.endswith(".ipynb"):
            return f"{url}: Colab opens only .ipynb files, not {path}"
        if not _provided_by_the_repository(path):
            return f"{url}: {path} is not a file of the repository"
        return ""
    return f"{url}: an unknown launch service"


def test_binder_installs_the_package_and_prepares_the_tables():
    requirements = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-r ../requirements.txt" in requirements
    assert "-e ." in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.stat().st_mode & 0o111, "repo2docker runs postBuild only if it is executable"
    assert "python -m unscspeech build" in post_build.read_text(encoding="utf-8")


def test_the_configured_launch_services_can_open_every_chapter():
    """The links the theme will make from _config.yml (sphinx-book-theme: {path_to_book}/{page}{suffix})."""
    config = _config()
    launch = config.get("launch_buttons", {})
    book = config["repository"].get("path_to_book", "").strip("/")
    pages = [page.removesuffix(".html") for page in toc_pages()]
    problems = []
    for page in pages:
        source = next(p for p in (ROOT / book / f"{page}.ipynb", ROOT / book / f"{page}.md") if p.exists())
        path = source.relative_to(ROOT).as_posix()
        if launch.get("binderhub_url"):
            problems.append(_check(f"https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/{path}"))
        if launch.get("colab_url"):
            problems.append(_check(f"https://colab.research.google.com/github/o/r/blob/main/{path}"))
    assert [p for p in problems if p] == []


@pytest.mark.book
def test_every_launch_link_in_the_built_pages_opens_a_notebook_of_the_repository(built_book):
    problems, linked = [], set()
    for page in toc_pages():
        html = (built_book / page).read_text(encoding="utf-8")
        for url in re.findall(r'href="(https://(?:mybinder\.org|colab\.research\.google\.com)/[^"]+)"', html):
            url = url.replace("&amp;", "&")
            linked.add(page)
            problems.append(_check(url))
    assert [p for p in problems if p] == []
    notebooks = {page for page in toc_pages()
                 if "kernelspec:" in (ROOT / page.replace(".html", ".md")).read_text(encoding="utf-8")}
    assert notebooks and notebooks <= linked, f"no launch link on {sorted(notebooks - linked)}"
