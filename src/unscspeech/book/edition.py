"""The edition: the five documents this book's prose was written about, and how to leave that prose out.

The chapters measure any corpus, but some of their prose reads particular documents of
the edition (quoting them, naming their speakers, saying which of them stands out). On
another corpus that prose would be wrong, so it is marked in the chapter sources by
comment lines, which MyST does not render::

    % edition-only
    …prose and code cells about the five documents…
    % end edition-only

    % other-corpus-only
    …what to say instead on any other corpus…
    % end other-corpus-only

:func:`select_sections` keeps one kind and drops the other, with the marker lines
themselves, so that a marked sentence can continue or end a paragraph without breaking it;
:mod:`unscspeech.book.sphinx_edition` applies it
to every chapter before the notebook is parsed and executed. The edition is recognised by
its documents' ids and the SHA-256 of their raw files, so adding, removing or changing a
document, or building an imported corpus, switches the edition's readings off.
"""

from __future__ import annotations

import re

import pandas as pd

#: doc_id → SHA-256 of the raw file, for the five documents the book's readings are about.
EDITION: dict[str, str] = {
    "2007-11-06-aitimova": "f046966fae2224e46a34df64560d344ea266dc357a7b706c4bb8dcd1d0c9675c",
    "2017-01-10-abdrakhmanov": "11305a354c555d917406cc2231dfcddb5b3222b4395be1bb130989c13d48e548",
    "2018-03-28-mukhtarov": "ab073d49160360ca6f8947fa44d080dcc20b213743275a097433dea4e186302e",
    "2018-12-06-umarov": "7ffb3b4546315c14f082eff955d33e5a65bf332fd7931c2111cad24348045665",
    "2019-03-02-atamkulov": "977f3d7ed8599ea5f149dae7b06a57f76e24c221362e6138c845a1b9013e05f4",
}
KINDS = ("edition-only", "other-corpus-only")
_MARKER = re.compile(r"^%\s*(?P<end>end\s+)?(?P<kind>[a-z-]+-only)\s*$")


class SectionError(ValueError):
    """Unbalanced or unknown section markers in a chapter source."""


def is_edition(documents: pd.DataFrame) -> bool:
    """Whether the processed ``documents`` table holds exactly the edition's five documents."""
    found = dict(zip(documents["doc_id"].astype(str), documents["sha256"].astype(str)))
    return found == EDITION


def select_sections(text: str, edition: bool, source: str = "<chapter>") -> str:
    """``text`` without the marker lines and without the sections for the other kind of corpus."""
    keep = "edition-only" if edition else "other-corpus-only"
    kept: list[str] = []
    open_kind, open_line = None, 0
    for number, line in enumerate(text.split("\n"), start=1):
        match = _MARKER.match(line.strip())
        if not match:
            if open_kind is None or open_kind == keep:
                kept.append(line)
            continue
        kind = match.group("kind")
        if kind not in KINDS:
            raise SectionError(f"{source}:{number}: unknown section marker '{line.strip()}' "
                               f"(known: {', '.join(KINDS)})")
        if match.group("end"):
            if open_kind != kind:
                raise SectionError(f"{source}:{number}: '{line.strip()}' closes no open '{kind}' section")
            open_kind = None
        else:
            if open_kind is not None:
                raise SectionError(f"{source}:{number}: '{kind}' opens inside the '{open_kind}' section "
                                   f"opened on line {open_line}")
            open_kind, open_line = kind, number
    if open_kind is not None:
        raise SectionError(f"{source}:{open_line}: the '{open_kind}' section is never closed")
    return "\n".join(kept)
