"""`make chapter NAME=…`: one chapter executed against the processed tables, without Sphinx."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pandas as pd

from conftest import DATA, ROOT
from unscspeech.book.chapter import run_chapter
from unscspeech.book.edition import is_edition


def _first_line_of_sections(source: str, kind: str) -> str:
    """The first line of prose inside the first ``% kind`` section of a chapter source."""
    inside = source.split(f"\n% {kind}\n", 1)[1].split(f"\n% end {kind}\n", 1)[0]
    return next(line for line in inside.splitlines() if line.strip() and not line.startswith(("```", ":")))


def test_a_chapter_runs_alone_and_writes_its_notebook_with_outputs(tmp_path):
    target = run_chapter("themes", tmp_path / "out", root=ROOT)
    assert target == tmp_path / "out" / "themes.ipynb"
    notebook = nbformat.read(target, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    glued = {o.metadata["scrapbook"]["name"]: o.data for cell in code for o in cell.outputs
             if "scrapbook" in o.get("metadata", {})}
    codebook = pd.read_csv(DATA / "processed" / "codebook.csv", keep_default_na=False)
    assert glued["n_themes"]["application/papermill.record/text/plain"] == str(len(codebook))
    # As in the book, only the sections for this kind of corpus are kept, without their markers.
    documents = pd.read_csv(DATA / "processed" / "documents.csv", dtype=str, keep_default_na=False)
    dropped = "other-corpus-only" if is_edition(documents) else "edition-only"
    source = (ROOT / "chapters" / "themes.md").read_text(encoding="utf-8")
    text = "\n".join(cell.source for cell in notebook.cells)
    assert _first_line_of_sections(source, dropped) not in text
    assert not re.search(r"^%\s*(end\s+)?[a-z-]+-only", text, re.MULTILINE)


def test_a_name_that_is_no_page_lists_the_pages_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "unscspeech.book.chapter", "theme", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "'theme' is not a page of the book" in result.stderr
    assert all(name in result.stderr for name in ("intro", "themes", "explorer", "references"))
    assert not out.exists()


def test_missing_tables_are_a_one_line_error(tmp_path, monkeypatch, capsys):
    """The command's main in this process (the test above runs it as a program)."""
    from unscspeech.book.chapter import main

    empty = tmp_path / "processed"
    empty.mkdir()
    out = tmp_path / "out"
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("UNSCSPEECH_PROCESSED", str(empty))
    assert main(["themes", "--out", str(out)]) == 2
    result = capsys.readouterr()
    assert result.err == f"error: {empty / 'documents.csv'}: missing; run `make data` first\n"
    assert result.out == ""
    assert not out.exists()
