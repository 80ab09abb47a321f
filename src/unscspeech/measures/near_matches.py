"""Sentences of different documents that say nearly the same thing in other words.

Exact n-grams (:func:`unscspeech.measures.shared_formulas.shared_phrases`) find a formula only where it is
repeated word for word. A formula that travels in paraphrase ("a comprehensive, three-pronged
approach", "an innovative three-pronged strategy", "the comprehensive threefold strategy") shares
fragments of words rather than whole sequences. :func:`near_matches` represents every sentence by
the TF-IDF weights of the character n-grams of its content words (3 to 5 characters, within word
boundaries; case and quotation marks evened out, function words left out so that "of the" and
"-tion" of the Chamber's grammar do not make sentences alike) and keeps each pair of sentences
*from different documents* whose cosine is at least :data:`THRESHOLD`.

The threshold is a reading choice, not a law: the pairs above it were read and judged
(``data/near_match_checks.csv``), and the book reports the share judged to be true paraphrases
(:func:`precision`). Character n-grams also reward shared names and courtesy formulas, so a pair
above the threshold is a candidate for reading, not a finding in itself.

The comparison is of every sentence with every other, which grows with the square of the
corpus; beyond :data:`MAX_SENTENCES` sentences it is not made and the table is empty (the
README says so beside the other choices that change with the size of the corpus).

:func:`plain_near_matches` is that definition in plain Python, pair by pair: the n-grams as
scikit-learn's ``char_wb`` takes them, TF-IDF as its ``TfidfVectorizer`` weighs them (sublinear
term frequency, smoothed IDF, unit length), the cosine of every pair. :func:`near_matches` computes
it with scikit-learn and sparse matrix products, a block of rows at a time; it compares every pair
too (nothing is skipped), so the two tables hold the same pairs, except that floating-point sums
in another order may decide a pair whose cosine is the threshold to within rounding error the
other way (the tests allow 1e-9), and a score may differ in its last (sixth) decimal.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from unscspeech.input.judgements import read_judgements

#: Cosine of character n-gram TF-IDF vectors at or above which a pair is kept: set low enough to
#: keep the candidates worth reading and high enough that every pair kept in the edition was read.
THRESHOLD = 0.33
#: Sentences shorter than this many words are left out (courtesies, headings, "I thank you").
MIN_WORDS = 8
#: Above this many sentences the all-pairs comparison is not made.
MAX_SENTENCES = 20_000
#: Rows compared with all others at a time: bounds the memory of the comparison.
BLOCK = 1_000

KEYS = ["doc_a", "paragraph_a", "sentence_a", "doc_b", "paragraph_b", "sentence_b"]
COLUMNS = [*KEYS, "score", "text_a", "text_b"]
#: The reading check of the pairs, in the corpus folder (optional).
CHECKS = "near_match_checks.csv"

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _content(stopwords: frozenset[str]):
    def words(text: str) -> str:
        return " ".join(w for w in re.findall(r"[\w'-]+", text.translate(_QUOTES).lower()) if w not in stopwords)
    return words


def _char_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """The character n-grams of each word padded with a space either side, for ``n`` from ``low`` to
    ``high``; a padded word no longer than ``n`` is taken whole, once (scikit-learn's ``char_wb``).

    >>> _char_ngrams("un peace")
    [' un', 'un ', ' un ', ' pe', 'pea', 'eac', 'ace', 'ce ', ' pea', 'peac', 'eace', 'ace ', ' peac', 'peace', 'eace ']
    """
    grams = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:
                grams.append(padded)
                break
            grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return grams


def plain_near_matches(sentences: pd.DataFrame, stopwords: frozenset[str] | set[str] = frozenset(),
                       threshold: float = THRESHOLD, min_words: int = MIN_WORDS,
                       max_sentences: int = MAX_SENTENCES) -> pd.DataFrame:
    """The table of :func:`near_matches` by its definition, one pair at a time.

    The sentences of at least ``min_words`` words are kept (none when there are more than
    ``max_sentences``). Each becomes its content words (lower case, quotes evened out, ``stopwords``
    left out) and their character n-grams (:func:`_char_ngrams`); an n-gram used ``k`` times in a
    sentence weighs ``(1 + ln k) × (1 + ln((1 + N) / (1 + df)))``, with ``N`` sentences kept and
    ``df`` of them using it, and each sentence's weights are scaled to unit length. Every pair of
    sentences from different documents (the document seen first in ``sentences`` as ``doc_a``)
    whose cosine, the sum of the products of their weights, is at least ``threshold`` is kept.

    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 2, 1], "sentence": [1, 1, 1],
    ...     "text": ["We need a comprehensive three-pronged approach to security and development.",
    ...              "The weather in the capital was mild and sunny for most of the week.",
    ...              "Kazakhstan will promote the comprehensive threefold approach to security and development."]})
    >>> found = plain_near_matches(s, threshold=0.3, min_words=5)
    >>> found[["doc_a", "paragraph_a", "doc_b", "paragraph_b", "score"]].values.tolist()
    [['a', 1, 'b', 1, 0.573186]]
    """
    content = _content(frozenset(stopwords))
    kept = [row for row in sentences.itertuples(index=False) if len(re.findall(r"\w+", row.text)) >= min_words]
    documents = list(dict.fromkeys(row.doc_id for row in kept))
    if len(documents) < 2 or len(kept) > max_sentences:
        return pd.DataFrame(columns=COLUMNS)
    counts = [Counter(_char_ngrams(content(row.text))) for row in kept]
    df = Counter(gram for c in counts for gram in c)
    n = len(kept)
    vectors = []
    for c in counts:
        weights = {g: (1 + math.log(k)) * (1 + math.log((1 + n) / (1 + df[g]))) for g, k in c.items()}
        length = math.sqrt(sum(w * w for w in weights.values()))
        vectors.append({g: w / length for g, w in weights.items()} if length else {})
    rank = {d: i for i, d in enumerate(documents)}
    rows = []
    for i, a in enumerate(kept):
        for j, b in enumerate(kept):
            if rank[a.doc_id] < rank[b.doc_id]:
                score = sum(w * vectors[j].get(g, 0.0) for g, w in vectors[i].items())
                if score >= threshold:
                    rows.append((a.doc_id, a.paragraph, a.sentence, b.doc_id, b.paragraph, b.sentence,
                                 round(score, 6), a.text, b.text))
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["score", *KEYS], ascending=[False] + [True] * len(KEYS), kind="stable"
                             ).reset_index(drop=True)


def near_matches(sentences: pd.DataFrame, stopwords: frozenset[str] | set[str] = frozenset(),
                 threshold: float = THRESHOLD, min_words: int = MIN_WORDS,
                 max_sentences: int = MAX_SENTENCES) -> pd.DataFrame:
    """Pairs of sentences from different documents whose character n-gram TF-IDF cosine is at
    least ``threshold``, most alike first (``doc_a`` is the earlier document in the table's order):
    the table of :func:`plain_near_matches`, computed with scikit-learn and sparse matrix products.

    ``sentences`` is the sentence table (``doc_id``, ``paragraph``, ``sentence``, ``text``);
    ``stopwords`` are left out of each sentence before its n-grams are taken.

    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 2, 1], "sentence": [1, 1, 1],
    ...     "text": ["We need a comprehensive three-pronged approach to security and development.",
    ...              "The weather in the capital was mild and sunny for most of the week.",
    ...              "Kazakhstan will promote the comprehensive threefold approach to security and development."]})
    >>> m = near_matches(s, threshold=0.3, min_words=5)
    >>> m[["doc_a", "paragraph_a", "doc_b", "paragraph_b", "score"]].values.tolist()
    [['a', 1, 'b', 1, 0.573186]]
    """
    from sklearn.feature_extraction.text import TfidfVectorizer  # here, not on import (see topics)
    words = sentences["text"].str.count(r"\w+")
    kept = sentences[words >= min_words].reset_index(drop=True)
    if kept["doc_id"].nunique() < 2 or len(kept) > max_sentences:
        return pd.DataFrame(columns=COLUMNS)
    content = _content(frozenset(stopwords))
    if any(content(text) for text in kept["text"]):
        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=content,
                                  sublinear_tf=True).fit_transform(kept["text"])
    else:  # stopwords only: no n-gram at all, every cosine 0 (scikit-learn refuses an empty vocabulary)
        vectors = sparse.csr_matrix((len(kept), 0))
    order = {d: i for i, d in enumerate(pd.unique(kept["doc_id"]))}
    doc_index = kept["doc_id"].map(order).to_numpy()
    found = []
    for start in range(0, len(kept), BLOCK):
        block = (vectors[start:start + BLOCK] @ vectors.T).toarray()
        rows, cols = np.nonzero(block >= threshold)
        a = rows + start
        # Each unordered pair once, from different documents, the earlier document first.
        keep = doc_index[a] < doc_index[cols]
        found.extend(zip(a[keep], cols[keep], block[rows[keep], cols[keep]]))
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    a, b, score = (np.array(x) for x in zip(*found))
    left, right = kept.iloc[a].reset_index(drop=True), kept.iloc[b].reset_index(drop=True)
    table = pd.DataFrame({
        "doc_a": left["doc_id"], "paragraph_a": left["paragraph"], "sentence_a": left["sentence"],
        "doc_b": right["doc_id"], "paragraph_b": right["paragraph"], "sentence_b": right["sentence"],
        "score": np.round(score.astype(float), 6), "text_a": left["text"], "text_b": right["text"]})
    return table.sort_values(["score", "doc_a", "paragraph_a", "sentence_a", "doc_b", "paragraph_b", "sentence_b"],
                             ascending=[False, True, True, True, True, True, True], kind="stable"
                             ).reset_index(drop=True)[COLUMNS]


def precision(matches: pd.DataFrame, checks: pd.DataFrame) -> dict[str, object]:
    """How many of the pairs above the threshold were read, and the share judged paraphrases.

    ``checks`` has ``doc_a``, ``paragraph_a``, ``sentence_a``, ``doc_b``, ``paragraph_b``,
    ``sentence_b`` and ``paraphrase`` (``yes`` or ``no``). Pairs not judged are counted as unread.

    >>> m = pd.DataFrame({"doc_a": ["a", "a"], "paragraph_a": [1, 2], "sentence_a": [1, 1],
    ...                   "doc_b": ["b", "b"], "paragraph_b": [1, 3], "sentence_b": [1, 1]})
    >>> c = m.assign(paraphrase=["yes", "no"])
    >>> precision(m, c)["precision"]
    0.5
    """
    judged = matches[KEYS].merge(checks[KEYS + ["paraphrase"]], on=KEYS, how="left")
    read = judged["paraphrase"].isin(["yes", "no"])
    yes = int((judged["paraphrase"] == "yes").sum())
    return {"pairs": len(matches), "read": int(read.sum()), "paraphrases": yes,
            "precision": yes / int(read.sum()) if read.any() else float("nan")}


def read_checks(path: Path | str, folder: Path | None = None, doc_ids: Collection[str] | None = None) -> pd.DataFrame:
    """The reading check (``KEYS``, ``paraphrase`` yes or no, ``note``); empty when the file is absent.
    ``#`` lines are notes; paragraphs and sentences must be numbers and, where ``doc_ids`` is given,
    both documents among them (:mod:`unscspeech.input.judgements`)."""
    return read_judgements(Path(path), [*KEYS, "paraphrase", "note"], folder, yes_no=("paraphrase",),
                           numbers=tuple(k for k in KEYS if not k.startswith("doc")), doc_ids=doc_ids,
                           doc_columns=("doc_a", "doc_b")).reset_index(drop=True)


def with_judgements(matches: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """The pairs with the reading's verdict in ``paraphrase`` (``yes``, ``no``, or empty if unread).

    >>> m = pd.DataFrame({"doc_a": ["a", "a"], "paragraph_a": [1, 2], "sentence_a": [1, 1],
    ...                   "doc_b": ["b", "b"], "paragraph_b": [1, 3], "sentence_b": [1, 1]})
    >>> with_judgements(m, m.iloc[:1].assign(paraphrase="yes"))["paraphrase"].tolist()
    ['yes', '']
    """
    verdicts = checks[KEYS + ["paraphrase"]].astype({k: matches[k].dtype for k in KEYS}) if len(matches) else checks
    out = matches.merge(verdicts[KEYS + ["paraphrase"]], on=KEYS, how="left") if len(matches) else \
        matches.assign(paraphrase=pd.Series(dtype=str))
    return out.assign(paraphrase=out["paraphrase"].fillna(""))
