"""Lines of speed-only code: every line of the private engine modules (``src/unscspeech/_engine/``)
plus, everywhere else in the package, each ``del`` statement and each call that hands memory back
(``release_freed_memory``, ``map_large_blocks``, ``malloc_trim``). Blank lines are not counted. Two counts: every
non-blank line, docstrings and comments included (``lines``), and the lines that hold code
(``code``: not a docstring, a comment or a blank). Usage::

    .venv/bin/python benchmarks/speed_lines.py [REVISION ...]   # default: the working tree

With revisions (e.g. ``main HEAD``), each is read from git. Nothing here is a test.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "src/unscspeech"
RELEASE = re.compile(r"^\s*del\s|release_freed_memory\(|map_large_blocks\(|malloc_trim")


def _files(revision: str | None) -> dict[str, str]:
    if revision is None:
        return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / PACKAGE).rglob("*.py")}
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", revision, PACKAGE], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    return {n: subprocess.run(["git", "show", f"{revision}:{n}"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout for n in names if n.endswith(".py")}


def _code_lines(text: str) -> set[int]:
    """The numbers of the lines that hold code: a token other than a comment, and not a docstring."""
    docstrings = set()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    code = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type not in skip:
            code.update(range(token.start[0], token.end[0] + 1))
    return code - docstrings


def count(revision: str | None = None) -> dict[str, int]:
    engine = release = engine_code = release_code = 0
    for name, text in _files(revision).items():
        lines = text.splitlines()
        code = _code_lines(text)
        if f"{PACKAGE}/_engine/" in name:
            engine += sum(1 for line in lines if line.strip())
            engine_code += len(code)
        else:
            found = [n for n, line in enumerate(lines, start=1)
                     if RELEASE.search(line) and not line.lstrip().startswith("#")]
            release += len(found)
            release_code += sum(1 for n in found if n in code)
    return {"engine modules (lines)": engine, "engine modules (code)": engine_code,
            "del/release lines elsewhere": release_code, "total (lines)": engine + release,
            "total (code)": engine_code + release_code}


if __name__ == "__main__":
    for revision in sys.argv[1:] or [None]:
        print(revision or "working tree", count(revision))
