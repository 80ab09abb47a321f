"""Which spans of text overlap others: theme hits inside an exclusion do not count, and a stance
marker's match inside another of its category does not count twice.

:func:`plain_clear_of` is the definition, a candidate kept unless some taken span overlaps it;
:func:`clear_of`, which the measures use, gives the same spans in time linear in their number,
by a sweep through the two sorted lists together rather than a search of every taken span for
every candidate (which grows with the square of the matches in a paragraph).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def plain_clear_of(candidates: Iterable[tuple[int, int]], taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``candidates`` that overlap no span of ``taken``, by definition: ``(start, end)`` pairs,
    two of which overlap where each starts before the other ends.

    >>> plain_clear_of([(0, 5), (6, 9), (12, 15)], [(4, 7), (9, 12)])
    [(12, 15)]
    """
    return [(start, end) for start, end in candidates
            if not any(s < end and start < e for s, e in taken)]


def clear_of(candidates: Iterable[tuple[int, int]], taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of :func:`plain_clear_of`, found in one sweep; each list sorted and free of
    overlaps itself, as ``finditer`` gives them.

    Sorted so, the ends of ``taken`` rise with their starts, so that the last span starting before
    a candidate ends is the only one that can reach into it.

    >>> clear_of([(0, 5), (6, 9), (12, 15)], [(4, 7), (9, 12)])
    [(12, 15)]
    """
    clear, i = [], 0
    for start, end in candidates:
        while i < len(taken) and taken[i][0] < end:
            i += 1
        if i == 0 or taken[i - 1][1] <= start:
            clear.append((start, end))
    return clear
