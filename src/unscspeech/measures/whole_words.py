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
#: possessive 's may follow it ("Kazakhstan" matches in "Kazakhstan's") and a hyphen before a
#: capital may precede it, which joins two names, not the parts of one word: "African Union"
#: stands in "the United Nations-African Union partnership", "conflict" not in "post-conflict".
#: The start, as its two cases: nothing of a word before it, or a word and a hyphen before a capital.
WORD_START_CASES = r"(?:(?<![\w'-])|(?<=\w-)(?-i:(?=[A-Z])))"
#: The same positions as :data:`WORD_START_CASES`, written as three conditions that must all hold
#: (no word character or apostrophe before; no hyphen without a word character before it; no hyphen
#: before anything but a capital): an alternation in front of every term makes the bounded engine
#: try both branches wherever a match could start, three times slower (benchmarks/README.md); a
#: property test in tests/test_scaling.py holds the two to the same positions.
WORD_START = r"(?<![\w'])(?<!(?<!\w)-)(?<!-(?-i:(?![A-Z])))"
WORD_END = r"(?![\w-])(?!'(?!s(?![\w'-]))[\w'-])"
#: Names, as the gazetteer lists them, start as words do, and a hyphen before a capital may also
#: follow one: "United Nations-African Union" names both ("United Nations-led" names one).
NAME_START = WORD_START
NAME_END = r"(?!\w)(?!-(?-i:(?![A-Z])))(?!'(?!s(?![\w'-]))[\w'-])"


def term_body(term: str) -> str:
    r"""The expression of a word or phrase without its whole-word guards (see :func:`term_regex`):
    its words, escaped, apart by any space, a final ``*`` matching any ending. A term with no
    letter or digit is refused, as the codebook and the explorer refuse it: ``*`` alone would
    stand for every word.

    >>> print(term_body("regional organi*"))
    regional\s+organi[\w'-]*
    >>> term_body(" * ")
    Traceback (most recent call last):
    ValueError: the query ' * ' has no letter or digit to look for
    """
    words = normalise_for_matching(term).split()
    if not re.search(r"\w", term):
        raise ValueError(f"the query {term!r} has no letter or digit to look for")
    return r"\s+".join(re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*") else re.escape(w) for w in words)


def term_regex(term: str) -> str:
    """A whole-word expression for a word or phrase; a final ``*`` on a word matches any ending.

    >>> import re
    >>> [m.group() for m in re.finditer(term_regex("organi*"), "organizations, organised; reorganise", re.I)]
    ['organizations', 'organised']
    >>> [m.group() for m in re.finditer(term_regex("Kazakhstan"), "Kazakhstan's role, not Kazakhstan-led")]
    ['Kazakhstan']
    >>> [m.group() for m in re.finditer(term_regex("conflict*"), "post-conflict, the United Nations-Conflict office", re.I)]
    ['Conflict']
    """
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


def never_matches(expression: str) -> str | None:
    """Why a regular expression written by hand (a codebook pattern, a stance marker) can never
    match normalised text usefully, or ``None`` if it can.

    >>> never_matches(r"peace(ful)?") is None
    True
    >>> never_matches(r"(war)?")
    'matches the empty string, so it would match everywhere'
    """
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
