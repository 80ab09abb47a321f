"""Keyword in context: every passage where a word or phrase occurs, with its document and paragraph,
and the one paragraph that holds a quoted phrase.

Matching is that of :mod:`unscspeech.measures.whole_words`. Context is cut at word boundaries
and returned as plain text.
"""

from __future__ import annotations

import re

import pandas as pd

from unscspeech.measures.whole_words import term_regex
from unscspeech.pipeline.tokens import normalise_for_matching


def pattern(query: str) -> re.Pattern[str]:
    """The compiled, case-insensitive :func:`term_regex` of a query.

    >>> pattern("regional organi*").search("Kazakhstan and the Regional Organizations").group()
    'Regional Organizations'
    """
    return re.compile(term_regex(query), re.IGNORECASE)


def kwic(paragraphs: pd.DataFrame, query: str, window: int = 60) -> pd.DataFrame:
    """Matches of ``query`` with ``doc_id``, ``paragraph``, ``left``, ``match``, ``right``: each
    place a word or phrase is used, with up to ``window`` characters of its context on either side,
    so that a reader sees how it is used.

    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 3], "text": [
    ...     "Kazakhstan supports the regional organizations of Central Asia.",
    ...     "Reorganization aside, we thank the organizers."]})
    >>> kwic(paragraphs, "organi*", window=20).values.tolist()
    [['a', 1, '…the regional ', 'organizations', ' of Central Asia.'], ['b', 3, '…we thank the ', 'organizers', '.']]
    """
    rows = []
    docs, numbers, texts = (paragraphs[c].tolist() for c in ("doc_id", "paragraph", "text"))
    for at, start, end in _uses(paragraphs, query):
        text = texts[at]
        left = text[max(0, start - window):start]
        right = text[end:end + window]
        if start > window:
            left = "…" + left.split(" ", 1)[-1] if " " in left else left
        if len(text) - end > window:
            right = right.rsplit(" ", 1)[0] + "…" if " " in right else right
        rows.append((docs[at], int(numbers[at]), left, text[start:end], right))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "left", "match", "right"])


def _uses(paragraphs: pd.DataFrame, query: str):
    """Each use of ``query``: the position of its paragraph's row and the use's start and end in the text."""
    regex = pattern(query)
    for number, text in enumerate(paragraphs["text"]):
        for m in regex.finditer(normalise_for_matching(text)):
            yield number, m.start(), m.end()


def within(paragraphs: pd.DataFrame, query: str, container: str) -> pd.Series:
    """For each use of ``query``, in the order of :func:`kwic`'s rows, whether it lies within a
    use of ``container``: a longer phrase that holds it, such as a name that a count of the words
    should set apart.

    >>> paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "text": [
    ...     "Preventive diplomacy works: ask the Regional Centre for Preventive Diplomacy."]})
    >>> within(paragraphs, "preventive diplomacy", "Regional Cent* for Preventive Diplomacy").tolist()
    [False, True]
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for number, start, end in _uses(paragraphs, container):
        spans.setdefault(number, []).append((start, end))
    return pd.Series([any(a <= start and end <= b for a, b in spans.get(number, []))
                      for number, start, end in _uses(paragraphs, query)], dtype=bool)


def locate(paragraphs: pd.DataFrame, doc_id: str, phrase: str) -> int:
    """The paragraph of ``doc_id`` that contains ``phrase`` (quotes and dashes evened out).

    Raises ``LookupError`` when the phrase is not there or is ambiguous, so that a
    chapter can never cite a passage the corpus does not hold.

    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 2, 1], "text": [
    ...     "We thank the President.", "The “zone free of nuclear weapons” in Central Asia.", "We thank the President."]})
    >>> locate(paragraphs, "a", 'zone free of nuclear weapons" in')
    2
    >>> locate(paragraphs, "a", "nuclear-weapon-free zone")
    Traceback (most recent call last):
    LookupError: a: phrase 'nuclear-weapon-free zone' found nowhere
    """
    needle = re.sub(r"\s+", " ", normalise_for_matching(phrase)).strip()
    rows = paragraphs[paragraphs["doc_id"] == doc_id]
    hits = [int(r.paragraph) for r in rows.itertuples()
            if needle in re.sub(r"\s+", " ", normalise_for_matching(r.text))]
    if len(hits) != 1:
        found = "nowhere" if not hits else f"in paragraphs {hits}"
        raise LookupError(f"{doc_id}: phrase {phrase!r} found {found}")
    return hits[0]
