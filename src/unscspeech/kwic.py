"""Keyword in context: every passage where a word or phrase occurs, with its document and paragraph.

Matching is case-insensitive, on whole words, with quotes and dashes evened out
(see :func:`unscspeech.tokens.normalise_for_matching`); a trailing ``*`` matches any
ending (``organi*``). Context is cut at word boundaries and returned as plain text.
"""

from __future__ import annotations

import re

import pandas as pd

from unscspeech.tokens import NORMALISED_AWAY, normalise_for_matching


def term_regex(term: str) -> str:
    """A whole-word expression for a word or phrase; a final ``*`` on a word matches any ending."""
    words = normalise_for_matching(term).split()
    if not words:
        raise ValueError("empty query")
    parts = [re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*") else re.escape(w) for w in words]
    # Whole words: no word character, hyphen or apostrophe may touch the match, except that a
    # possessive 's may follow it ("Kazakhstan" matches in "Kazakhstan's").
    return r"(?<![\w'-])" + r"\s+".join(parts) + r"(?![\w-])(?!'(?!s(?![\w'-]))[\w'-])"


def never_matches(expression: str) -> str | None:
    """Why a regular expression written by hand (a codebook pattern, a stance marker) can never
    match normalised text usefully, or ``None`` if it can."""
    try:
        compiled = re.compile(expression, re.IGNORECASE)
    except re.error as err:
        return f"is not a valid regular expression ({err})"
    if compiled.fullmatch(""):
        return "matches the empty string, so it would match everywhere"
    bad = sorted({c for c in expression if c in NORMALISED_AWAY})
    if bad:
        return (f"contains {''.join(bad)!r}, which matching never sees (curly quotes and "
                "dashes are made plain first); use straight quotes and hyphens")
    return None


def pattern(query: str) -> re.Pattern[str]:
    """The compiled, case-insensitive :func:`term_regex` of a query."""
    return re.compile(term_regex(query), re.IGNORECASE)


def kwic(paragraphs: pd.DataFrame, query: str, window: int = 60) -> pd.DataFrame:
    """Matches of ``query`` with ``doc_id``, ``paragraph``, ``left``, ``match``, ``right``."""
    regex = pattern(query)
    rows = []
    for row in paragraphs.itertuples(index=False):
        text = row.text
        for m in regex.finditer(normalise_for_matching(text)):
            left = text[max(0, m.start() - window):m.start()]
            right = text[m.end():m.end() + window]
            if m.start() > window:
                left = "…" + left.split(" ", 1)[-1] if " " in left else left
            if len(text) - m.end() > window:
                right = right.rsplit(" ", 1)[0] + "…" if " " in right else right
            rows.append((row.doc_id, int(row.paragraph), left, text[m.start():m.end()], right))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "left", "match", "right"])
