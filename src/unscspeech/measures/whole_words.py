"""Whole-word matching, shared by keyword in context, themes, actors and stance.

A term matches case-insensitively on whole words, after quotes and dashes are evened out
(see :func:`unscspeech.pipeline.tokens.normalise_for_matching`); a trailing ``*`` matches any
ending (``organi*``). Names follow a rule of their own (:func:`name_regex`).
"""

from __future__ import annotations

import re

from unscspeech.input.user_patterns import invalid
from unscspeech.pipeline.tokens import NORMALISED_AWAY, normalise_for_matching


#: Whole words: no word character, hyphen or apostrophe may touch a match, except that a
#: possessive 's may follow it ("Kazakhstan" matches in "Kazakhstan's").
WORD_START = r"(?<![\w'-])"
WORD_END = r"(?![\w-])(?!'(?!s(?![\w'-]))[\w'-])"
#: Names, as the gazetteer lists them, are whole words too, but a hyphen before a capital joins two
#: names, not the parts of one word: "United Nations-African Union" names both ("United
#: Nations-led" names one).
NAME_START = r"(?:(?<![\w'-])|(?<=\w-)(?-i:(?=[A-Z])))"
NAME_END = r"(?!\w)(?!-(?-i:(?![A-Z])))(?!'(?!s(?![\w'-]))[\w'-])"


def term_body(term: str) -> str:
    """The expression of a word or phrase without its whole-word guards (see :func:`term_regex`)."""
    words = normalise_for_matching(term).split()
    if not words:
        raise ValueError("empty query")
    return r"\s+".join(re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*") else re.escape(w) for w in words)


def term_regex(term: str) -> str:
    """A whole-word expression for a word or phrase; a final ``*`` on a word matches any ending."""
    return WORD_START + term_body(term) + WORD_END


def name_regex(name: str) -> str:
    """A whole-word expression for a name, which a hyphen before a capital may join to another name.

    >>> import re
    >>> [m.group() for m in re.finditer(name_regex("African Union"), "the United Nations-African Union mission")]
    ['African Union']
    >>> re.search(name_regex("United Nations"), "a United Nations-led mission") is None
    True
    """
    return NAME_START + term_body(name) + NAME_END


def whole_word_alternation(alternatives: list[tuple[bool, str]]) -> str:
    """One expression trying ``alternatives`` in order, each ``(is_term, expression)``.

    A term's expression is a :func:`term_body`; it gets the whole-word guards. Consecutive terms
    share one pair of guards, ``START(?:a|b)END``, which matches exactly what ``START a END|START b
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
            parts.append(WORD_START + "(?:" + "|".join(run) + ")" + WORD_END)
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


def never_matches(expression: str) -> str | None:
    """Why a regular expression written by hand (a codebook pattern, a stance marker) can never
    match normalised text usefully, or ``None`` if it can."""
    why = invalid(expression, re.IGNORECASE)
    if why:
        return f"is not a valid regular expression ({why})"
    compiled = re.compile(expression, re.IGNORECASE)
    if compiled.fullmatch(""):
        return "matches the empty string, so it would match everywhere"
    bad = sorted({c for c in expression if c in NORMALISED_AWAY})
    if bad:
        return (f"contains {''.join(bad)!r}, which matching never sees (curly quotes and "
                "dashes are made plain first); use straight quotes and hyphens")
    return None
