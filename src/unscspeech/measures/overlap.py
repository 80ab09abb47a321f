"""Which spans of text overlap others, in time linear in their number.

Theme hits inside an exclusion do not count, and a stance marker's match inside another of its
category does not count twice. Both lists of spans come sorted, as ``finditer`` gives them; a
sweep through the two together replaces a search of every taken span for every new one, which
took time in the square of the matches in a paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def clear_of(candidates: Iterable[tuple[int, int]], taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``candidates`` that overlap no span of ``taken``: ``(start, end)`` pairs, each list
    sorted and free of overlaps itself. Two spans overlap where each starts before the other ends.

    Sorted so, the ends of ``taken`` rise with their starts, so that the last span starting before
    a candidate ends is the only one that can reach into it."""
    clear, i = [], 0
    for start, end in candidates:
        while i < len(taken) and taken[i][0] < end:
            i += 1
        if i == 0 or taken[i - 1][1] <= start:
            clear.append((start, end))
    return clear
