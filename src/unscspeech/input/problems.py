"""Problems found in a corpus, reported to people rather than raised as tracebacks.

Every check collects :class:`Problem` records instead of stopping at the first,
so that a researcher fixing a corpus sees all of them in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class CorpusError(Exception):
    """Raised when a corpus cannot be processed; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CorpusWarning(UserWarning):
    """Something in the input that is allowed but may be a mistake; shown as one line, never fatal."""


def warn(problem: Problem) -> None:
    """Tell the user of ``problem`` on stderr (as ``warning: FILE:LINE: message``) and go on."""
    import warnings

    warnings.warn(CorpusWarning(str(problem)), stacklevel=2)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when possible. A symbolic
    link is named as itself, not as the file it leads to."""
    path = Path(path)
    absolute = path.resolve() if path.name in ("", ".", "..") else path.parent.resolve() / path.name
    try:
        return str(absolute.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
