"""How alike the documents are, and the formulas that travel from one to another.

* :func:`cosine_similarity_table`: cosine similarity of the documents' TF-IDF vectors over
  their normalised content terms (lemmas and multiword names, stopwords left out), so that
  two speeches are alike when they share the vocabulary that is not everywhere.
* :func:`shared_phrases`: word sequences of three or more words that stand in two or more
  documents, the stock formulas of a delegation. Only maximal sequences are kept (a shorter
  one inside a longer one with the same documents is dropped), and none may begin or end
  with a stopword, so that "the" and "of" do not make a formula.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

MIN_N = 3
MAX_N = 12


def cosine_similarity_table(tokens: pd.DataFrame) -> pd.DataFrame:
    """``doc_a``, ``doc_b``, ``cosine`` for every ordered pair, 1 on the diagonal."""
    terms = tokens[~tokens["is_stopword"]].drop_duplicates(["doc_id", "term_index"])
    docs = list(dict.fromkeys(tokens["doc_id"]))
    bags = [terms.loc[terms["doc_id"] == d, "term"].tolist() for d in docs]
    vectorizer = TfidfVectorizer(analyzer=lambda bag: bag, lowercase=False)
    matrix = np.round(cosine_similarity(vectorizer.fit_transform(bags)), 6)
    np.fill_diagonal(matrix, 1.0)
    # Built column by column (not as a list of row tuples): the table has documents² rows, and
    # each Python tuple would cost several times its share of the columns.
    names = np.array(docs, dtype=object)
    return pd.DataFrame({"doc_a": np.repeat(names, len(docs)), "doc_b": np.tile(names, len(docs)),
                         "cosine": matrix.ravel()})


def _sentences(tokens: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    # One lower-cased string per distinct word, shared by all its uses, rather than one per token.
    lower = {w: w.lower() for w in tokens["token"].unique()}
    words = tokens["token"].map(lower)
    keys = ["doc_id", "paragraph", "sentence"]
    return [(doc_id, int(paragraph), group.tolist())
            for (doc_id, paragraph, _), group in words.groupby([tokens[k] for k in keys], sort=False)]


def _shared_grams(sentences, n: int, candidates: set[tuple[str, ...]] | None) -> dict:
    """Sequences of ``n`` words found in two or more documents, with where they stand.

    ``candidates`` are the shared sequences of ``n - 1`` words: a longer sequence can be shared
    only if both of its shorter parts are, so only those are collected (the Apriori principle),
    which keeps memory in proportion to what is shared rather than to every sequence of the corpus.
    """
    first_doc: dict[tuple[str, ...], str | None] = {}
    for doc_id, _, words in sentences:           # pass 1: which sequences stand in two documents
        for i in range(len(words) - n + 1):
            gram = tuple(words[i:i + n])
            if candidates is not None and (gram[:-1] not in candidates or gram[1:] not in candidates):
                continue
            seen = first_doc.get(gram, doc_id)
            first_doc[gram] = doc_id if seen == doc_id else None
    shared = {g for g, d in first_doc.items() if d is None}
    del first_doc
    where: dict[tuple[str, ...], set[tuple[str, int]]] = defaultdict(set)
    for doc_id, paragraph, words in sentences:   # pass 2: where the shared ones stand
        for i in range(len(words) - n + 1):
            gram = tuple(words[i:i + n])
            if gram in shared:
                where[gram].add((doc_id, paragraph))
    return where


def shared_phrases(tokens: pd.DataFrame, stopwords: frozenset[str] | set[str],
                   min_n: int = MIN_N, max_n: int = MAX_N) -> pd.DataFrame:
    """Maximal word sequences (``min_n`` to ``max_n`` words) found in two or more documents."""
    sentences = _sentences(tokens)
    shared: dict[tuple[str, ...], set[tuple[str, int]]] = {}
    candidates = None
    for n in range(min_n, max_n + 1):
        level = _shared_grams(sentences, n, candidates)
        if not level:
            break
        shared.update(level)
        candidates = set(level)
    shared = {g: locs for g, locs in shared.items()
              if not (g[0] in stopwords or g[-1] in stopwords or g[0].isdigit() or g[-1].isdigit())}
    docs_of = {g: frozenset(d for d, _ in locs) for g, locs in shared.items()}
    # A sequence is not maximal if a longer shared one with the same documents contains it. Each
    # longer sequence marks its own sub-sequences (at most a few dozen), so that this takes time in
    # proportion to the number of shared sequences, not to its square.
    contained: set[tuple[str, ...]] = set()
    for longer, docs in docs_of.items():
        for size in range(min_n, len(longer)):
            for i in range(len(longer) - size + 1):
                inner = longer[i:i + size]
                if inner not in contained and docs_of.get(inner) == docs:
                    contained.add(inner)
    maximal = [g for g in shared if g not in contained]
    rows = []
    for gram in maximal:
        locs = sorted(shared[gram])
        docs = sorted({d for d, _ in locs})
        rows.append((" ".join(gram), len(gram), len(docs), len(locs), ";".join(docs),
                     ";".join(f"{d}:{p}" for d, p in locs)))
    table = pd.DataFrame(rows, columns=["ngram", "n", "n_docs", "occurrences", "documents", "paragraphs"])
    return table.sort_values(["n_docs", "n", "ngram"], ascending=[False, False, True]).reset_index(drop=True)
