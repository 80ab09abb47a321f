"""Collocations: word pairs and triples that occur together more than chance predicts.

NLTK's collocation finders (which need no downloaded data) count bigrams and
trigrams within sentences, never across a sentence or document boundary, on
lower-cased word tokens: phrases are *not* merged here, so that this step can
find the multiword units by itself and check the phrase list. Two association
measures are given: the log-likelihood ratio (reliable for the small counts of a
small corpus) and pointwise mutual information (which favours rare, exclusive pairs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd
from nltk.probability import FreqDist
from nltk.collocations import (BigramAssocMeasures, BigramCollocationFinder, TrigramAssocMeasures,
                               TrigramCollocationFinder)

from unscspeech._engine.duckdb_tables import ngram_counts

MIN_COUNT = 3


def collocations(sentences: Iterable[list[str]], stopwords: Iterable[str] | frozenset[str],
                 min_count: int = MIN_COUNT) -> pd.DataFrame:
    """Bigrams and trigrams seen at least ``min_count`` times, neither starting nor ending on a
    stopword or a number (a number inside a triple stays: "resolution 1540 committee").

    ``sentences`` are lists of word tokens. Returns ``ngram``, ``n``, ``count``, ``llr``, ``pmi``.

    >>> collocations([["United", "Nations", "support"]] * 3, {"the"})[["ngram", "n", "count"]].values.tolist()
    [['nations support', 2, 3], ['united nations', 2, 3], ['united nations support', 3, 3]]
    """
    lower: dict[str, str] = {}  # one lower-case string per distinct word, not one per token
    sentences = [[lower[w] if w in lower else lower.setdefault(w, w.lower()) for w in s] for s in sentences]
    return scored(_finders(sentences), stopwords, min_count)


def scored(finders: dict[int, BigramCollocationFinder | TrigramCollocationFinder],
           stopwords: Iterable[str] | frozenset[str], min_count: int = MIN_COUNT) -> pd.DataFrame:
    """The table of :func:`collocations` from NLTK's finders holding the counts (of lower-cased words):
    the pairs and triples seen ``min_count`` times, without a stopword or a number at either end, scored.
    Below, the counts of the sentences "the united nations" (twice) and "united nations".

    >>> words, pairs = {"the": 2, "united": 3, "nations": 3}, {("the", "united"): 2, ("united", "nations"): 3}
    >>> finders = finders_of_counts(words, pairs, {("the", "nations"): 2}, {("the", "united", "nations"): 2})
    >>> scored(finders, {"the"}, min_count=2)[["ngram", "n", "count"]].values.tolist()  # the others start with "the"
    [['united nations', 2, 3]]
    """
    stop = set(stopwords)

    def edge_is_stop(*words: str) -> bool:
        return words[0] in stop or words[-1] in stop or words[0].isdigit() or words[-1].isdigit()

    rows = []
    for n, measures in ((2, BigramAssocMeasures), (3, TrigramAssocMeasures)):
        finder = finders[n]
        finder.apply_freq_filter(min_count)
        finder.apply_ngram_filter(edge_is_stop)
        llr = dict(finder.score_ngrams(measures.likelihood_ratio))
        pmi = dict(finder.score_ngrams(measures.pmi))
        for gram, score in llr.items():
            rows.append((" ".join(gram), n, int(finder.ngram_fd[gram]), round(score, 6), round(pmi[gram], 6)))
    table = pd.DataFrame(rows, columns=["ngram", "n", "count", "llr", "pmi"])
    return table.sort_values(["n", "llr", "ngram"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def collocation_table(tokens: pd.DataFrame, stopwords: Iterable[str] | frozenset[str],
                      min_count: int = MIN_COUNT) -> pd.DataFrame:
    """The collocations of a token table's sentences with ``n_docs``, the documents using each:
    :func:`collocations` of the sentences and :func:`documents_with`, as the build writes them.
    The words, pairs and triples are counted by DuckDB (speed only), then scored by NLTK as above.

    >>> tokens = pd.DataFrame({"doc_id": pd.Categorical(["a"] * 3 + ["b"] * 3), "paragraph": 1, "sentence": 1,
    ...                        "token": ["United", "Nations", "support"] * 2})
    >>> collocation_table(tokens, {"the"}, min_count=2)[["ngram", "count", "n_docs"]].values.tolist()
    [['nations support', 2, 2], ['united nations', 2, 2], ['united nations support', 2, 2]]
    """
    words, pairs, gapped, triples, n_docs = ngram_counts(tokens, min_count)
    table = scored(finders_of_counts(words, pairs, gapped, triples), stopwords, min_count)
    return table.assign(n_docs=table["ngram"].map(n_docs).astype("int64"))


def finders_of_counts(words: dict, pairs: dict, gapped: dict, triples: dict
                      ) -> dict[int, BigramCollocationFinder | TrigramCollocationFinder]:
    """NLTK's bigram and trigram finders from counts of words, pairs, pairs one word apart and triples,
    so that the counts can come from anywhere (DuckDB for the book) and NLTK still does the scoring.

    >>> finders = finders_of_counts({"united": 2, "nations": 2}, {("united", "nations"): 2}, {}, {})
    >>> finders[2].ngram_fd[("united", "nations")], finders[2].word_fd["nations"], finders[3].ngram_fd.N()
    (2, 2, 0)
    """
    return {2: BigramCollocationFinder(FreqDist(words), FreqDist(pairs)),
            3: TrigramCollocationFinder(FreqDist(words), FreqDist(pairs), FreqDist(gapped), FreqDist(triples))}


def _finders(sentences: list[list[str]]) -> dict[int, BigramCollocationFinder | TrigramCollocationFinder]:
    """NLTK's bigram and trigram finders with the counts that their ``from_documents`` would make
    (every word; pairs, triples and pairs one word apart within a sentence)."""
    words, pairs, triples, gapped = Counter(), Counter(), Counter(), Counter()
    for s in sentences:
        words.update(s)
        pairs.update(zip(s, s[1:]))
        triples.update(zip(s, s[1:], s[2:]))
        gapped.update(zip(s, s[2:]))
    return finders_of_counts(words, pairs, gapped, triples)


def documents_with(table: pd.DataFrame, sentences_by_doc: dict[str, list[list[str]]]) -> pd.Series:
    """For each n-gram of ``table``, how many documents use it within a sentence (case ignored):
    a pair one speech repeats differs from a pair that many speeches share.

    >>> table = pd.DataFrame({"ngram": ["united nations", "nations support", "united nations support"]})
    >>> documents_with(table, {"a": [["United", "Nations", "support"]], "b": [["the", "United", "Nations"]],
    ...                        "c": [["Nations"], ["support"]]}).tolist()
    [2, 1, 1]
    """
    wanted = set(table["ngram"])
    n_docs: Counter[str] = Counter()
    for sents in sentences_by_doc.values():
        found = set()
        for s in sents:
            lower = [w.lower() for w in s]
            for n in (2, 3):
                found.update(g for g in (" ".join(lower[i:i + n]) for i in range(len(lower) - n + 1)) if g in wanted)
        n_docs.update(found)
    return table["ngram"].map(lambda g: n_docs.get(g, 0))
