"""Collocations: word pairs and triples that occur together more than chance predicts.

NLTK's collocation finders (which need no downloaded data) count bigrams and
trigrams within sentences, never across a sentence or document boundary, on
lower-cased word tokens: phrases are *not* merged here, so that this step can
find the multiword units by itself and check the phrase list. Two association
measures are given: the log-likelihood ratio (reliable for the small counts of a
small corpus) and pointwise mutual information (which favours rare, exclusive pairs).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from nltk.collocations import (BigramAssocMeasures, BigramCollocationFinder, TrigramAssocMeasures,
                               TrigramCollocationFinder)

MIN_COUNT = 3


def collocations(sentences: Iterable[list[str]], stopwords: Iterable[str] | frozenset[str],
                 min_count: int = MIN_COUNT) -> pd.DataFrame:
    """Bigrams and trigrams seen at least ``min_count`` times, neither starting nor ending on a stopword.

    ``sentences`` are lists of word tokens. Returns ``ngram``, ``n``, ``count``, ``llr``, ``pmi``.
    """
    sentences = [[w.lower() for w in s] for s in sentences]
    stop = set(stopwords)

    def edge_is_stop(*words: str) -> bool:
        return words[0] in stop or words[-1] in stop or any(w.isdigit() for w in words)

    rows = []
    for n, finder_class, measures in ((2, BigramCollocationFinder, BigramAssocMeasures),
                                      (3, TrigramCollocationFinder, TrigramAssocMeasures)):
        finder = finder_class.from_documents(sentences)
        finder.apply_freq_filter(min_count)
        finder.apply_ngram_filter(edge_is_stop)
        llr = dict(finder.score_ngrams(measures.likelihood_ratio))
        pmi = dict(finder.score_ngrams(measures.pmi))
        for gram, score in llr.items():
            rows.append((" ".join(gram), n, int(finder.ngram_fd[gram]), round(score, 6), round(pmi[gram], 6)))
    table = pd.DataFrame(rows, columns=["ngram", "n", "count", "llr", "pmi"])
    return table.sort_values(["n", "llr", "ngram"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def documents_with(table: pd.DataFrame, sentences_by_doc: dict[str, list[list[str]]]) -> pd.Series:
    """For each n-gram, how many documents use it."""
    grams = {doc: {" ".join(s[i:i + n]).lower() for s in sents for n in (2, 3) for i in range(len(s) - n + 1)}
             for doc, sents in sentences_by_doc.items()}
    return table["ngram"].map(lambda g: sum(g in found for found in grams.values()))
