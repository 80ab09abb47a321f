"""Shared formulas: word sequences that stand in two or more documents, a delegation's stock phrases.

A shared formula is a sequence of ``MIN_N`` to ``MAX_N`` words within one sentence (case
ignored) that stands in two or more documents and neither begins nor ends with a stopword or a
number, so that "the" and "of" do not make a formula. Only maximal ones are listed: a sequence
inside a longer listed one with the same documents is that one's part, not a formula of its own.

:func:`plain_shared_phrases` is the definition, in plain Python. :func:`shared_phrases`, which
the build uses, returns the same table from numbered sequences
(:mod:`unscspeech._engine.shared_formulas_fast`, speed only), whose time and memory grow with
the corpus rather than with the places a formula stands; the tests check that the two agree.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from unscspeech._engine.shared_formulas_fast import shared_phrases_fast

#: The shortest and the longest formula, in words.
MIN_N = 3
MAX_N = 12
COLUMNS = ["ngram", "n", "n_docs", "uses", "n_paragraphs", "documents", "paragraphs"]


def plain_shared_phrases(tokens: pd.DataFrame, stopwords: frozenset[str] | set[str],
                         min_n: int = MIN_N, max_n: int = MAX_N) -> pd.DataFrame:
    """The shared formulas by their definition: every sequence of every sentence held in a
    dictionary with the paragraphs it stands in, then the maximal ones of those in two or more
    documents. The table is that of :func:`shared_phrases`.

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens({"a": "we support the regional organizations of Asia",
    ...                          "b": "and we support the regional organizations"})
    >>> plain_shared_phrases(tokens, {"the", "of", "and"})[["ngram", "n_docs", "paragraphs"]].values.tolist()
    [['we support the regional organizations', 2, 'a:1;b:1']]
    """
    where: dict[tuple[str, ...], set[tuple[str, int]]] = defaultdict(set)  # (document, paragraph)s
    uses: dict[tuple[str, ...], int] = defaultdict(int)
    for (doc, paragraph, _), sentence in tokens.groupby(["doc_id", "paragraph", "sentence"], sort=False,
                                                        observed=True):
        words = [str(w).lower() for w in sentence["token"]]
        for n in range(min_n, max_n + 1):
            for i in range(len(words) - n + 1):
                where[tuple(words[i:i + n])].add((str(doc), int(paragraph)))
                uses[tuple(words[i:i + n])] += 1
    shared = {g: places for g, places in where.items() if len({d for d, _ in places}) >= 2
              and not (g[0] in stopwords or g[-1] in stopwords or g[0].isdigit() or g[-1].isdigit())}
    docs_of = {g: {d for d, _ in places} for g, places in shared.items()}
    maximal = [g for g in shared if not any(len(h) > len(g) and docs_of[h] == docs_of[g] and
                                            any(h[i:i + len(g)] == g for i in range(len(h) - len(g) + 1))
                                            for h in shared)]
    rows = []
    for g in maximal:
        places = sorted(shared[g])
        docs = sorted(docs_of[g])
        rows.append((" ".join(g), len(g), len(docs), uses[g], len(places), ";".join(docs),
                     ";".join(f"{d}:{p}" for d, p in places)))
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["n_docs", "n", "ngram"], ascending=[False, False, True]).reset_index(drop=True)


def shared_phrases(tokens: pd.DataFrame, stopwords: frozenset[str] | set[str],
                   min_n: int = MIN_N, max_n: int = MAX_N) -> pd.DataFrame:
    """The maximal word sequences (``min_n`` to ``max_n`` words) found in two or more documents,
    most widely shared first: the formulas a delegation repeats from one speech to another.

    Returns ``ngram``, ``n``, ``n_docs``, ``uses`` (every place it stands, also inside a longer
    sequence), ``n_paragraphs`` (paragraphs holding it), ``documents`` and ``paragraphs``
    (``doc:paragraph``, sorted): the table of :func:`plain_shared_phrases`, computed fast.

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens({"a": "we support the regional organizations of Asia",
    ...                          "b": "and we support the regional organizations",
    ...                          "c": "regional organizations of Asia"})
    >>> shared_phrases(tokens, {"the", "of", "and"})[["ngram", "n_docs", "uses", "documents"]].values.tolist()
    [['we support the regional organizations', 2, 2, 'a;b'], ['regional organizations of asia', 2, 2, 'a;c']]
    """
    return shared_phrases_fast(tokens, stopwords, min_n, max_n)
