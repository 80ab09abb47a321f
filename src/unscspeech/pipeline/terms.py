"""From word tokens to the terms the vocabulary measures count.

A *term* is what the book counts: a lower-cased word grouped with its inflected
forms by its lemma (``organizations`` → ``organization``, while ``prevent``,
``prevention`` and ``preventive`` stay three terms), or a multiword unit that the
corpus uses as one name or concept (``united nations``, ``preventive diplomacy``).

Lemmas come from simplemma, which works offline from data in its own package
(no download), corrected by a short, documented override list. Stopwords,
phrases and overrides are data files of the corpus folder, so that every
choice can be read and changed without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import simplemma

from unscspeech.input.corpus import control_problems, decode_text, read_inside, read_rows
from unscspeech.input.problems import CorpusError, Problem, display_path

_NUMBER = re.compile(r"^[\d,.\-]+(st|nd|rd|th|s)?$")


@dataclass(frozen=True)
class Wordlists:
    """The normalisation choices: stopwords, multiword phrases and lemma corrections."""

    stopwords: frozenset[str]
    phrases: dict[tuple[str, ...], str]  # word sequence -> canonical phrase
    overrides: dict[str, str]            # lower-case word -> lemma

    @cached_property
    def longest_phrase(self) -> int:
        return max((len(p) for p in self.phrases), default=1)

    @cached_property
    def phrase_starts(self) -> frozenset[str]:
        """The words a phrase can begin with: a phrase is looked for only where one of them stands."""
        return frozenset(p[0] for p in self.phrases)

    @cached_property
    def _terms(self) -> dict[str, tuple[str, bool]]:
        return {}

    def term_of(self, lower: str) -> tuple[str, bool]:
        """The lemma of a lower-cased word and whether it is a stop token, worked out once per
        distinct word (:func:`lemma`, :func:`is_stop`) and remembered.

        >>> Wordlists(frozenset({"the"}), {}, {}).term_of("talks")
        ('talk', False)
        """
        known = self._terms.get(lower)
        if known is None:
            lem = lemma(lower, self)
            known = self._terms[lower] = (lem, is_stop(lower, lem, self))
        return known


def _lines(path: Path) -> tuple[list[tuple[int, str]], list[Problem]]:
    shown = display_path(path)
    if not path.is_file():
        return [], [Problem(shown, f"{path.name} is missing from the corpus folder")]
    data, problems = read_inside(path, path.parent)
    if data is None:
        return [], problems
    text, problems = decode_text(data, shown)
    if text is None:
        return [], problems
    lines = [(n, line.strip()) for n, line in enumerate(text.split("\n"), start=1)
             if line.strip() and not line.strip().startswith("#")]
    return lines, [p for n, line in lines for p in control_problems({"the line": line}, shown, n)]


def read_wordlists(folder: Path | str) -> Wordlists:
    """Read ``stopwords.txt``, ``phrases.txt`` and ``lemma_overrides.csv`` of a corpus folder."""
    folder = Path(folder)
    stop_lines, problems = _lines(folder / "stopwords.txt")
    phrase_lines, more = _lines(folder / "phrases.txt")
    problems += more
    phrases: dict[tuple[str, ...], str] = {}
    for n, line in phrase_lines:
        variant, _, canonical = line.partition("=")
        words = tuple(variant.lower().split())
        if len(words) < 2:
            problems.append(Problem(display_path(folder / "phrases.txt"),
                                    f"'{line}' is not a phrase of two or more words", n))
            continue
        phrases[words] = " ".join((canonical or variant).lower().split())
    overrides: dict[str, str] = {}
    rows, more = read_rows(folder / "lemma_overrides.csv", ("word", "lemma"), folder=folder, refuse_controls=True,
                           missing="lemma_overrides.csv is missing from the corpus folder")
    problems += more
    for _, row in rows:
        if row["word"] and row["lemma"]:
            overrides[row["word"].lower()] = row["lemma"].lower()
    if problems:
        raise CorpusError(problems)
    return Wordlists(frozenset(w.lower() for _, w in stop_lines), phrases, overrides)


def load_lemma_dictionary() -> None:
    """Load simplemma's English dictionary now, as the first lemma would (about 20 MiB).

    A build calls it before it forks its workers: forked after, each worker loads a copy of its
    own; forked before, they share this process's, and copy only the pages of the words they
    look up."""
    simplemma.lemmatize("peace", lang="en")


@lru_cache(maxsize=None)  # once per distinct word in each process
def _simplemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="en").lower()


def lemma(word: str, wordlists: Wordlists) -> str:
    """The lemma of one word: an override if listed, otherwise simplemma's, lower-cased.

    >>> lists = Wordlists(frozenset(), {}, {"data": "data"})
    >>> [lemma(w, lists) for w in ["Organizations", "decision-makers", "well-known", "data"]]
    ['organization', 'decision-maker', 'well-known', 'data']
    """
    lower = word.lower()
    if lower in wordlists.overrides:
        return wordlists.overrides[lower]
    if "-" in lower:
        # A hyphenated compound stays whole ("well-known", "three-pronged", "consensus-based"),
        # except that a plural noun at its end is made singular ("decision-makers").
        head, _, last = lower.rpartition("-")
        single = _simplemma(last)
        if last.endswith("s") and last.startswith(single) and len(last) - len(single) in (1, 2):
            return f"{head}-{single}"
        return lower
    return _simplemma(lower)


def is_stop(word: str, lemma_: str, wordlists: Wordlists) -> bool:
    """A stop token: a listed function word (as written or by its lemma) or a numeral.

    >>> lists = Wordlists(frozenset({"the"}), {}, {})
    >>> is_stop("The", "the", lists), is_stop("2018", "2018", lists), is_stop("peace", "peace", lists)
    (True, True, False)
    """
    lower = word.lower()
    return lower in wordlists.stopwords or lemma_ in wordlists.stopwords or bool(_NUMBER.match(lower))


def to_terms(words: list[str], wordlists: Wordlists) -> list[tuple[str, str, bool]]:
    """``(surface, term, is_stopword)`` for a run of words, phrases merged longest first.

    >>> lists = Wordlists(frozenset({"the"}), {("united", "nations"): "united nations"}, {})
    >>> to_terms(["The", "United", "Nations", "agreed"], lists)
    [('The', 'the', True), ('United Nations', 'united nations', False), ('agreed', 'agree', False)]
    """
    lower = [w.lower() for w in words]
    out: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(words):
        size = _phrase_at(lower, i, wordlists) if lower[i] in wordlists.phrase_starts else 0
        if size:
            out.append((" ".join(words[i:i + size]), wordlists.phrases[tuple(lower[i:i + size])], False))
            i += size
        else:
            out.append((words[i], *wordlists.term_of(lower[i])))
            i += 1
    return out


def _phrase_at(lower: list[str], i: int, wordlists: Wordlists) -> int:
    """The number of words of the longest listed phrase that starts at ``lower[i]``, or 0."""
    for size in range(min(wordlists.longest_phrase, len(lower) - i), 1, -1):
        if tuple(lower[i:i + size]) in wordlists.phrases:
            return size
    return 0
