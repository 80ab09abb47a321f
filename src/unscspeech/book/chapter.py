"""Run one chapter of the book without building the book: ``python -m unscspeech.book.chapter NAME``.

``make chapter NAME=themes`` calls it. The chapter's MyST source (``chapters/NAME.md``, or
``intro.md`` for ``intro``) is read as a notebook with jupytext; the sections written for the other
kind of corpus are left out, as the book build leaves them out
(:func:`unscspeech.book.edition.select_sections`, decided from the processed ``documents`` table);
the notebook is executed with nbclient in the chapter's folder against the processed tables, and
written with its outputs as ``OUT/NAME.ipynb`` (by default ``_build/chapters/``). No Sphinx runs,
so one chapter takes seconds rather than the whole book's minutes. ``myst_nb.glue`` works in any
IPython kernel: the glued values are kept as outputs of their cells.

A name that is not a page of the book, or missing processed tables, is reported on one line with
exit code 2, and nothing is written; so is a cell that fails, with exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
import pandas as pd
import yaml

from unscspeech.book.locations import processed_dir, project_root
from unscspeech.book.edition import SectionError, is_edition, select_sections

EXIT_BAD_INPUT = 2
EXIT_CELL_FAILED = 1
DEFAULT_OUT = Path("_build") / "chapters"


class ChapterError(Exception):
    """A chapter that cannot be run as asked, with the one line that says why."""


def book_pages(root: Path) -> dict[str, Path]:
    """Every page of the book in ``_toc.yml`` order: its short name → its source file."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return {Path(f).name: root / f"{f}.md" for f in files}


def chapter_source(root: Path, name: str) -> Path:
    """The source of the page ``name``; :class:`ChapterError` listing the pages if there is none."""
    pages = book_pages(root)
    if name not in pages:
        raise ChapterError(f"NAME={name!r} is not a page of the book; choose one of: {', '.join(pages)}")
    return pages[name]


def is_edition_build(processed: Path) -> bool:
    """Whether the processed tables are the edition's, as the book build decides it."""
    path = processed / "documents.csv"
    if not path.is_file():
        raise ChapterError(f"{path}: missing; run `make data` first")
    return is_edition(pd.read_csv(path, dtype=str, keep_default_na=False))


def chapter_notebook(source: Path, edition: bool) -> nbformat.NotebookNode:
    """The chapter as a notebook, with only the sections for this kind of corpus."""
    import jupytext

    text = select_sections(source.read_text(encoding="utf-8"), edition, str(source))
    return jupytext.reads(text, fmt="md:myst")


def run_chapter(name: str, out: Path | str = DEFAULT_OUT, root: Path | None = None,
                timeout: int = 300) -> Path:
    """Execute the page ``name`` against the processed tables and write ``out/NAME.ipynb`` with its outputs."""
    from nbclient import NotebookClient

    try:
        root = root or project_root()
        source = chapter_source(root, name)
        notebook = chapter_notebook(source, is_edition_build(processed_dir()))
    except (FileNotFoundError, SectionError) as err:
        raise ChapterError(str(err)) from None
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(source.parent)}})
    client.execute()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.ipynb"
    handle, staging = tempfile.mkstemp(prefix=f".{name}-", suffix=".ipynb", dir=out)
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        nbformat.write(notebook, f)
    Path(staging).replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m unscspeech.book.chapter",
                                description="Execute one chapter against the processed tables and write "
                                            "its notebook with outputs.")
    p.add_argument("name", nargs="?", default="", help="the page, e.g. themes (see _toc.yml)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help=f"output folder (default: {DEFAULT_OUT})")
    args = p.parse_args(argv)
    from nbclient.exceptions import CellExecutionError

    try:
        target = run_chapter(args.name, args.out)
    except ChapterError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except CellExecutionError as err:
        print(f"error: {args.name}: a cell failed: {err.ename}: {err.evalue}; nothing was written",
              file=sys.stderr)
        return EXIT_CELL_FAILED
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
