"""Sentences and words, with NLTK tools that need no downloaded data.

``nltk.download('punkt')`` would need the network and would tie results to
whatever model the download served that day. Instead the Punkt sentence
splitter is *trained on the corpus itself* (an unsupervised, deterministic
procedure) and seeded with the abbreviations of diplomatic English; words come
from a regular-expression tokenizer. Both are fully reproducible offline.

NLTK runs every regular expression under a wall-clock limit (``nltk.redos``, 5 s), a defence
against patterns a caller supplies. Here the patterns are NLTK's own and :data:`WORD_PATTERN`,
whose time is linear in a paragraph that cleaning bounds
(:data:`unscspeech.pipeline.clean.MAX_PARAGRAPH_CHARACTERS`); the limit is lifted for them, so that
whether a build passes never depends on how fast the machine is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
from nltk import redos
from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

#: Abbreviations (lower case, without the final period) that never end a sentence here.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "no", "nos", "vol", "art", "arts", "para",
    "paras", "e.g", "i.e", "etc", "vs", "cf", "al", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.n", "u.s", "u.k", "h.e", "amb", "gen", "lt",
    "col", "sr", "jr", "corp", "inc", "ltd", "co",
})

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u00a0": " ",
})

#: A word: letters or digits, with inner hyphens (``capacity-building``, ``2013-2022``) or an
#: inner apostrophe (``d'étude``), or a number with thousands separators (``130,000``).
#: A possessive or contracted ``'s`` is a separate token, dropped from word counts.
WORD_PATTERN = r"\d{1,3}(?:,\d{3})+|[^\W_]+(?:-[^\W_]+)*(?:'(?!s\b)[^\W_]+)*|'s\b"
#: :data:`WORD_PATTERN` on the engine and flags of NLTK's ``RegexpTokenizer``, without its clock.
_WORDS = redos.compile(WORD_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL, timeout=None)


#: Characters that matching never sees, because :func:`normalise_for_matching` replaces them.
NORMALISED_AWAY = frozenset(chr(c) for c in _QUOTES)


def normalise_for_matching(text: str) -> str:
    """Curly quotes, primes and dashes made plain, for counting and matching only.

    The display text in the processed tables keeps the source's own characters.

    >>> print(normalise_for_matching("Kazakhstan\u2019s \u201cnuclear\u2011free\u201d world \u2014 now"))
    Kazakhstan's "nuclear-free" world - now
    """
    return text.translate(_QUOTES)


#: Punkt learns abbreviations, collocations and sentence starters from at most this many
#: characters (about 170,000 words); a larger corpus teaches it from an even sample of its
#: paragraphs. Training takes time in proportion to its text, and on a corpus of millions of
#: words would take minutes; the book's own corpus is far below the limit and trains on all.
TRAINING_CHARACTERS = 1_000_000


def training_sample(paragraphs: list[str], limit: int = TRAINING_CHARACTERS) -> list[str]:
    """The paragraphs Punkt trains on: all, or every k-th (the smallest k that fits ``limit``; at
    most one paragraph for each, the first, if none fits, which cleaning's bound on a paragraph's
    length rules out).

    >>> training_sample(["aaaa", "bbbb", "cccc", "dddd"], limit=12)  # each counts 4 + 2 characters
    ['aaaa', 'cccc']
    """
    total = sum(len(p) + 2 for p in paragraphs)
    if total <= limit:
        return list(paragraphs)
    step = -(-total // limit)
    while step < len(paragraphs) and sum(len(p) + 2 for p in paragraphs[::step]) > limit:
        step += 1
    return list(paragraphs[::step])


@contextmanager
def _unclocked() -> Iterator[None]:
    """NLTK's regular expressions without their wall-clock limit, for the span of a call."""
    saved = redos.DEFAULT_TIMEOUT
    redos.DEFAULT_TIMEOUT = None
    try:
        yield
    finally:
        redos.DEFAULT_TIMEOUT = saved


def train_sentence_splitter(paragraphs: Iterable[str]) -> PunktSentenceTokenizer:
    """A Punkt sentence splitter trained on the corpus, with our known abbreviations.

    The caller passes the whole corpus or, for a large one, :func:`training_sample` of it.

    >>> splitter = train_sentence_splitter(["Mr. Abdrakhmanov spoke. The Council agreed."])
    >>> split_sentences(splitter, "Mr. Abdrakhmanov spoke. The Council agreed.")
    ['Mr. Abdrakhmanov spoke.', 'The Council agreed.']
    """
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    with _unclocked():
        trainer.train("\n\n".join(normalise_for_matching(p) for p in paragraphs), finalize=True)
    params = trainer.get_params()
    params.abbrev_types.update(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def split_sentences(splitter: PunktSentenceTokenizer, paragraph: str) -> list[str]:
    """Sentences of one paragraph, as spans of the original (display) text: curly quotes and
    dashes are made plain for the splitter only (:func:`normalise_for_matching`).

    >>> splitter = train_sentence_splitter(["He spoke. They agreed."])
    >>> split_sentences(splitter, "\u201cPeace.\u201d They agreed.")
    ['\u201cPeace.\u201d', 'They agreed.']
    """
    matchable = normalise_for_matching(paragraph)
    with _unclocked():
        spans = list(splitter.span_tokenize(matchable))
    return [paragraph[start:end] for start, end in spans]


def words(text: str) -> list[str]:
    """Word tokens of a text, case kept; punctuation and the clitic ``'s`` left out.

    >>> words("Kazakhstan's capacity-building, 130,000 troops in 2013-2022; d'\u00e9tude.")
    ['Kazakhstan', 'capacity-building', '130,000', 'troops', 'in', '2013-2022', "d'\u00e9tude"]
    """
    return [w for w in _WORDS.findall(normalise_for_matching(text)) if w != "'s"]


def lower_words(words: pd.Series) -> pd.Series:
    """The words lower-cased, with one string per distinct word shared by all its uses (rather
    than a new string per token, which on a large corpus is hundreds of megabytes).

    >>> lower_words(pd.Series(["Peace", "peace", "PEACE"])).tolist()
    ['peace', 'peace', 'peace']
    """
    if isinstance(words.dtype, pd.CategoricalDtype):  # the token table's: one array take, no lists
        lowered = np.array([w.lower() for w in words.cat.categories.tolist()] + [None], dtype=object)
        return pd.Series(lowered[words.cat.codes.to_numpy()], index=words.index, dtype=object)
    lower = {w: w.lower() for w in words.unique().tolist()}
    return pd.Series([lower[w] for w in words.tolist()], index=words.index, dtype=object)


def numbered(column: pd.Series, lower: bool = False) -> tuple[np.ndarray, list[str]]:
    """Each row's number among the column's distinct values (lower-cased if ``lower``), and those
    values. A categorical column (the token table's) is numbered through its categories, without
    an object per row. Numbers stand in for the words wherever only their equality counts.

    >>> at, values = numbered(pd.Series(["Peace", "war", "peace"]), lower=True)
    >>> at.tolist(), values
    ([0, 1, 0], ['peace', 'war'])
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = column.cat.categories.tolist()
        at, distinct = pd.factorize(np.array([v.lower() for v in values] if lower else values, dtype=object))
        return at.astype(np.int32)[column.cat.codes.to_numpy()], distinct.tolist()
    at, distinct = pd.factorize((lower_words(column) if lower else column).to_numpy(dtype=object))
    return at.astype(np.int32), distinct.tolist()


def sorted_codes(column: pd.Series) -> tuple[np.ndarray, pd.CategoricalDtype]:
    """Each row's code among the column's values in their sorted order, and that categorical type.

    The token table's columns are categories in sorted order already (their codes are taken as
    they are); any other column is made one, so that codes order as the values do.

    >>> codes, dtype = sorted_codes(pd.Series(["war", "peace", "war"]))
    >>> codes.tolist(), dtype.categories.tolist()
    ([1, 0, 1], ['peace', 'war'])
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        if column.cat.categories.is_monotonic_increasing:
            return column.cat.codes.to_numpy(), column.dtype
        categories = column.cat.categories.tolist()
        order = sorted(range(len(categories)), key=categories.__getitem__)
        rank = np.empty(len(categories), dtype=np.int32)
        rank[order] = np.arange(len(categories), dtype=np.int32)
        return rank[column.cat.codes.to_numpy()], pd.CategoricalDtype([categories[i] for i in order])
    values = pd.Categorical(column.to_numpy(dtype=object))
    dtype = pd.CategoricalDtype(sorted(values.categories.tolist()))
    return pd.Categorical(column.to_numpy(dtype=object), dtype=dtype).codes, dtype


def types(tokens: Iterable[str]) -> set[str]:
    """Distinct word forms, ignoring case.

    >>> sorted(types(["Peace", "peace", "War"]))
    ['peace', 'war']
    """
    return {t.casefold() for t in tokens}

