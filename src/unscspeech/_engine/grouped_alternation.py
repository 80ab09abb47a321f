"""Alternations of many words or names that the regular-expression engine tries faster.

Speed only. The plain definitions are one alternation of each term with its own whole-word
guards (:func:`unscspeech.measures.themes.theme_expression`) and one alternation of every name
(:func:`unscspeech.measures.actors.plain_matcher`); these two rewrite them so that they match the
same spans with the same branch in fewer steps, and the tests (``tests/test_scaling.py``) check it.
"""

from __future__ import annotations

import re


def shared_guard_alternation(alternatives: list[tuple[bool, str]], start: str, end: str) -> str:
    """One expression trying ``alternatives`` in order, each ``(is_term, expression)``.

    A term's expression is a :func:`unscspeech.measures.whole_words.term_body`; it gets the
    whole-word guards ``start`` and ``end``. Consecutive terms share one pair of guards, ``START(?:a|b)END``, which matches exactly what ``START a END|START b
    END`` matches, in the same order of preference (the engine backtracks into the group when
    the end guard fails), but lets the engine reject a position inside a word once, not once per
    term: on a long codebook, three times faster.
    """
    parts: list[str] = []
    run: list[str] = []
    for is_term, expression in [*alternatives, (False, None)]:
        if is_term:
            run.append(expression)
            continue
        if run:
            parts.append(start + "(?:" + "|".join(run) + ")" + end)
            run = []
        if expression is not None:
            parts.append(f"(?:{expression})")
    return "|".join(parts)


def first_character_dispatch(branches: list[tuple[str, str]]) -> str | None:
    """An alternation of ``branches`` (``(first character, expression)``, in order of preference)
    grouped by their first character, or ``None`` where grouping could change what matches.

    Python's engine tries every branch of an alternation at every position it reaches; a branch
    that is a named group is entered before its first character is compared. Grouped as
    ``(?=(?i:c))(?:…)``, one look at the character rules out every branch that starts with
    another: for the actor gazetteer's hundred and more names, five times fewer steps.

    Each expression must match only text that starts with its first character, compared with or
    without case. Grouping keeps the preference: two groups' first characters are different ASCII
    letters or digits, which no character matches both of, even without case, so at any position
    only one group can match, and its branches keep their order. A first character outside ASCII
    letters and digits (which may fold onto another, as ``ſ`` onto ``s``) returns ``None``."""
    if not all(c.isascii() and c.isalnum() for c, _ in branches):
        return None
    groups: dict[str, list[str]] = {}
    for first, expression in branches:
        groups.setdefault(first.lower(), []).append(expression)
    return "|".join(f"(?=(?i:{re.escape(c)}))(?:{'|'.join(group)})" for c, group in groups.items())
