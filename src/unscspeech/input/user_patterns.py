"""Regular expressions written by users, run with a bound on the time they may take.

A pattern from a corpus folder (a theme's patterns and exclusions in ``themes.yml``, a stance
marker in ``stance.csv``) can backtrack catastrophically: ``(?:[\\w\\s]|\\w)*\\.\\d`` tries
exponentially many ways through every sentence, and Python's ``re`` cannot be interrupted. These
patterns are therefore compiled with the ``regex`` package, in its ``re``-compatible ``VERSION0``
(same syntax, flags and case-insensitive matching for the patterns of this project; its optimiser
also defuses many nested repetitions, ``(a+)+$`` among them), and every search of one pattern in
one paragraph stops after :data:`SECONDS_PER_PARAGRAPH`, raising :class:`TooSlow`, which the
caller reports with the file, line and pattern.

The bound is a clock, so it is set far above anything a usable pattern needs: over a paragraph
of the longest length accepted (:data:`unscspeech.pipeline.clean.MAX_PARAGRAPH_CHARACTERS`, seventy times
the book's longest), the slowest expression of the book's codebook and stance list (a theme's
terms and patterns, compiled as one) takes about 0.1 s, all of them together 0.8 s, on a shared
machine; over the book's own paragraphs, a few milliseconds. A pattern that reaches the bound is
one to rewrite, not one that was unlucky.
"""

from __future__ import annotations

import re
import time

import regex

#: Wall-clock seconds one pattern may take over one paragraph: a hundred times what the slowest
#: of the book's own takes over a paragraph of the longest length accepted.
SECONDS_PER_PARAGRAPH = 10.0


class TooSlow(Exception):
    """A pattern took longer than :data:`SECONDS_PER_PARAGRAPH` (``seconds``) over one text."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


def compile_pattern(expression: str, flags: int = 0) -> regex.Pattern:
    """``expression`` compiled by the bounded engine (``re`` flags are accepted as they are)."""
    return regex.compile(expression, flags | regex.VERSION0)


def spans(pattern: regex.Pattern, text: str) -> list[tuple[int, int]]:
    """Every match of ``pattern`` in ``text`` as ``(start, end)``, as ``finditer`` gives them.

    Raises :class:`TooSlow` once the whole search has taken :data:`SECONDS_PER_PARAGRAPH`."""
    limit = SECONDS_PER_PARAGRAPH
    deadline = time.monotonic() + limit
    found = []
    try:
        for match in pattern.finditer(text, timeout=limit):
            found.append(match.span())
            if time.monotonic() > deadline:
                raise TooSlow(limit)
    except TimeoutError:
        raise TooSlow(limit) from None
    return found


def invalid(expression: str, flags: int = 0) -> str | None:
    """Why ``expression`` is not a regular expression both ``re`` and the bounded engine read,
    or ``None``. Patterns are written in Python's ``re`` syntax; the bounded engine runs them."""
    try:
        re.compile(expression, flags)
        compile_pattern(expression, flags)
    except (re.error, regex.error) as err:
        return str(err)
    return None
