"""Robustness: do the findings hold under other reasonable preprocessing choices?

Denny & Spirling (2018) show that text-as-data results can hang on choices a reader
never sees. Here the two findings most exposed to such choices, each document's **top
keywords** and the **ranking of themes**, are recomputed under every combination of

* ``stopwords``: ``removed`` or ``kept``. For keywords: whether function words may be
  key terms. For themes: whether rates are per 1,000 word tokens (``kept``) or per
  1,000 content words (``removed``).
* ``grouping``: ``lemma`` or ``stem``. For keywords: terms are lemmas (simplemma) or
  Snowball stems of the same words (multiword names stay whole either way). For themes:
  the codebook as written (its terms name lemmas and explicit wildcards) or the codebook
  with each term widened to every corpus word that shares its Snowball stem.
* ``min_count``: 1, 2 or 3. For keywords: the uses a term needs in the document to be
  listed. For themes: the hits a theme needs in a document to count there at all.

and compared with the book's own choice by the overlap of the top lists and Spearman's
rank correlation. A ranked list is compared over the union of the two top-k lists, an
item missing from one list taking the rank after its last (the usual treatment of
top-k lists); the theme ranking is compared over every theme. The top themes are those at
or above the k-th place's rate, every theme tied there included (:func:`top_with_ties`), so
that a tie at the cut is not settled by the themes' names.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import product
from typing import NamedTuple

import numpy as np
import pandas as pd
from nltk.stem.snowball import SnowballStemmer
from scipy.stats import rankdata

from unscspeech.input.user_patterns import compile_pattern
from unscspeech.measures.keyness import (ALPHA, MIN_COUNT, exact_p_value, g2, key_terms_by_document, keyness_table,
                                         p_value)
from unscspeech._engine.release_memory import release_freed_memory
from unscspeech._engine.worker_pool import map_documents
from unscspeech._engine.row_runs import run_starts
from unscspeech.measures.themes import Theme, find_hits
from unscspeech.pipeline.tokens import normalise_for_matching, numbered
from unscspeech.measures.vocabulary import ALL, document_term_counts
from unscspeech.measures.whole_words import WORD_END, WORD_START

KEYWORDS_K = 10
THEMES_K = 3
STOPWORDS = ("removed", "kept")
GROUPINGS = ("lemma", "stem")
MIN_COUNTS = (1, 2, 3)
#: The book's own choices.
BOOK = {"keywords": {"stopwords": "removed", "grouping": "lemma", "min_count": MIN_COUNT},
        "themes": {"stopwords": "kept", "grouping": "lemma", "min_count": 1}}
#: The keyness columns :func:`unscspeech.measures.keyness.key_terms_by_document` filters and ranks by.
CANDIDATE_COLUMNS = ["doc_id", "term", "target_count", "g2", "p_value", "log_ratio"]
_STEMMER = SnowballStemmer("english")


@dataclass(frozen=True)
class Variant:
    """One set of the choices the robustness appendix varies: stopwords ``removed`` or ``kept``, terms
    grouped by ``lemma`` or ``stem``, and the smallest count a term needs."""

    stopwords: str
    grouping: str
    min_count: int

    @property
    def id(self) -> str:
        return f"stopwords {self.stopwords}, {self.grouping}s, min {self.min_count}"

    def changed(self, analysis: str) -> str:
        """Which choices differ from the book's, e.g. ``grouping+min_count`` (``none`` for the book's)."""
        book = BOOK[analysis]
        diff = [k for k in ("stopwords", "grouping", "min_count") if getattr(self, k) != book[k]]
        return "+".join(diff) or "none"


def variants() -> list[Variant]:
    """Every combination of the three choices (2 × 2 × 3 = 12), so that each is tried with every other.

    >>> [v.id for v in variants()][:2]
    ['stopwords removed, lemmas, min 1', 'stopwords removed, lemmas, min 2']
    """
    return [Variant(s, g, m) for s, g, m in product(STOPWORDS, GROUPINGS, MIN_COUNTS)]


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    """The Snowball stem of a word (cached: a corpus repeats its words far more than it adds new ones).

    >>> stem("Organizations"), stem("organised")
    ('organ', 'organis')
    """
    return _STEMMER.stem(word.lower())


# ---- keywords ------------------------------------------------------------------------------

def plain_term_occurrences(tokens: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """The term occurrences under a grouping, by definition: one row per term occurrence with
    ``doc_id``, ``lemma_term`` (the book's term), ``term`` and ``is_stopword``. Under ``stem`` the
    term is the Snowball stems of its words: its lemma's words for a multiword name (which has a
    space), else its word tokens as written, joined.

    >>> tokens = pd.DataFrame({"doc_id": ["a"] * 3, "term_index": [1, 1, 2], "token": ["Peace", "keeping", "Nations"],
    ...                        "term": ["peacekeeping", "peacekeeping", "United Nations"], "is_stopword": False})
    >>> plain_term_occurrences(tokens, "stem")["term"].tolist()
    ['peac keep', 'unit nation']
    """
    if grouping not in GROUPINGS:
        raise ValueError(f"unknown grouping {grouping!r}")
    rows = []
    for (doc_id, _), group in tokens.groupby(["doc_id", "term_index"], sort=False, observed=True):
        lemma = str(group["term"].iloc[0])
        words = lemma if " " in lemma else " ".join(str(t) for t in group["token"])
        term = lemma if grouping == "lemma" else " ".join(stem(w) for w in words.split())
        rows.append((str(doc_id), lemma, term, bool(group["is_stopword"].iloc[0])))
    return pd.DataFrame(rows, columns=["doc_id", "lemma_term", "term", "is_stopword"])


def term_occurrences(tokens: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """The rows of :func:`plain_term_occurrences` (``doc_id`` as in ``tokens``, ``term`` a
    category), computed fast: a term's words are consecutive rows, and the stems are worked out
    once per distinct pair of lemma and words, not once per occurrence, and held as a category,
    so that a corpus of millions of words does not hold a string per occurrence.

    >>> tokens = pd.DataFrame({"doc_id": ["a"] * 3, "term_index": [1, 1, 2], "token": ["Peace", "keeping", "Nations"],
    ...                        "term": ["peacekeeping", "peacekeeping", "United Nations"], "is_stopword": False})
    >>> term_occurrences(tokens, "stem")["term"].tolist()
    ['peac keep', 'unit nation']
    """
    key = ["doc_id", "term_index"]
    starts = run_starts(tokens, key)  # the words of a term are consecutive rows
    grouped = (tokens[["doc_id", "term", "is_stopword"]].iloc[starts].reset_index(drop=True)
               .rename(columns={"term": "lemma_term"}))
    if grouping == "lemma":
        grouped["term"] = grouped["lemma_term"]
    elif grouping == "stem":
        grouped["term"] = _stemmed_terms(tokens, starts, grouped["lemma_term"])
    else:
        raise ValueError(f"unknown grouping {grouping!r}")
    return grouped[["doc_id", "lemma_term", "term", "is_stopword"]]


def _stemmed_terms(tokens: pd.DataFrame, starts: np.ndarray, lemma_term: pd.Series) -> pd.Categorical:
    """The stemmed term of each occurrence (see :func:`term_occurrences`), as a category."""
    # Every per-occurrence array is 32-bit, and each is let go as soon as it is used: on a corpus of
    # millions of words they are this function's memory.
    lemma_code, lemmas = numbered(lemma_term)
    word, distinct = numbered(tokens["token"])  # a number per token, not a string
    surface_code, firsts = pd.factorize(word[starts])
    surface_code = surface_code.astype(np.int32)
    surfaces = [distinct[w] for w in firsts.tolist()]
    lengths = np.diff(starts, append=len(tokens)).astype(np.int32)
    several = np.flatnonzero(lengths > 1)  # a term of several tokens: its words are the tokens joined
    if len(several):
        joined = [" ".join(distinct[w] for w in word[a:a + n].tolist())
                  for a, n in zip(starts[several].tolist(), lengths[several].tolist())]
        extra_code, extra = pd.factorize(np.array(joined, dtype=object))
        surface_code[several] = extra_code + len(surfaces)
        surfaces += extra.tolist()
    del word, lengths, several
    width = max(len(surfaces), 1)  # a pair (lemma, words) is numbered lemma * width + words
    key = lemma_code.astype(np.int64)
    del lemma_code
    key *= width
    key += surface_code
    del surface_code
    pair_code, pairs = pd.factorize(key)
    del key
    pair_code = pair_code.astype(np.int32)
    stems: dict[str, str] = {}
    stemmed = []
    for pair in pairs.tolist():
        lemma, surface = lemmas[pair // width], surfaces[pair % width]
        source = lemma if " " in lemma else surface
        if source not in stems:
            stems[source] = " ".join(stem(w) for w in source.split())
        stemmed.append(stems[source])
    stem_code, stem_values = pd.factorize(np.array(stemmed, dtype=object))
    return pd.Categorical.from_codes(stem_code.astype(np.int32)[pair_code], categories=pd.Index(stem_values, dtype=object))


@dataclass
class KeywordBasis:
    """What every keyword variant of one grouping shares: the keyness table, the stopword terms,
    and the map from the book's terms to the grouping's. Only the filters differ between variants,
    so this is computed once per grouping, not once per variant."""
    #: The rows of the keyness table that any variant could list (over-used, ``p < ALPHA``) and
    #: the columns its lists are chosen by: on a large corpus the whole table of both groupings
    #: would be the largest objects of the build.
    keyness: pd.DataFrame
    stopwords: frozenset[str]
    #: ``doc_id``, ``lemma_term`` (the book's term) and ``term``, the grouping's term it becomes there.
    forms: pd.DataFrame

    def in_variant(self, lists: dict[str, list[str]]) -> dict[str, list[str]]:
        """Each document's list of the book's terms as this grouping's terms (a term that two book
        terms become is listed once, where it first comes). Looked up for the listed terms only:
        a dictionary of every document and term would be the largest object of a large build."""
        wanted = pd.DataFrame([(doc_id, term) for doc_id, terms in lists.items() for term in terms],
                              columns=["doc_id", "lemma_term"], dtype=object)
        found = wanted.merge(self.forms.astype(object), on=["doc_id", "lemma_term"], how="left", validate="m:1")
        mapped: dict[str, list[str]] = {}
        for doc_id, term in zip(found["doc_id"].tolist(), found["term"].tolist()):
            mapped.setdefault(doc_id, []).append(term)
        return {doc_id: list(dict.fromkeys(terms)) for doc_id, terms in mapped.items()}


def keyword_basis(occurrences: pd.DataFrame, wanted: dict[str, list[str]] | None = None) -> KeywordBasis:
    """:class:`KeywordBasis` from :func:`term_occurrences`, with the forms of the ``wanted`` book
    terms of each document (of every book term when ``None``: see :func:`term_forms`): what the
    keyword variants of one grouping share, computed once for all of them.

    Below, "peace" and "peaceful" both stem to "peac", key in document ``a`` with 6 uses.

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> texts = {"a": "peace peaceful peace peaceful the the peace peaceful",
    ...          "b": "war the war the the war the war", "c": "we the we war the we war the"}
    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens(texts, {"the", "we"})
    >>> basis = keyword_basis(term_occurrences(tokens, "stem"))
    >>> basis.keyness[["doc_id", "term", "target_count"]].values.tolist(), sorted(basis.stopwords)
    ([['a', 'peac', 6], ['c', 'we', 3]], ['the', 'we'])
    >>> basis.forms[basis.forms["doc_id"] == "a"].values.tolist()
    [['a', 'peace', 'peac'], ['a', 'peaceful', 'peac'], ['a', 'the', 'the']]
    """
    occ = occurrences
    doc, term, count, _, doc_dtype, term_dtype = document_term_counts(occ)
    # In the order of documents and terms, not of first use: the lists are sorted when drawn.
    counts = pd.DataFrame({"doc_id": pd.Categorical.from_codes(doc, dtype=doc_dtype),
                           "term": pd.Categorical.from_codes(term, dtype=term_dtype), "count": count})
    del doc, term, count
    forms = term_forms(occ, wanted)
    # key_terms_by_document sorts what it lists
    keyness = keyness_table(counts, sort=False, key_only=True)[CANDIDATE_COLUMNS].reset_index(drop=True)
    return KeywordBasis(keyness=keyness, stopwords=_stopword_terms(occ), forms=forms)


def _stopword_terms(occurrences: pd.DataFrame) -> frozenset[str]:
    """The terms with an occurrence marked a stopword; through the categories' codes, where the
    column has them, rather than a copy of the stopword rows."""
    stop = occurrences["is_stopword"].to_numpy(dtype=bool)
    term = occurrences["term"]
    if isinstance(term.dtype, pd.CategoricalDtype):
        return frozenset(term.cat.categories[np.unique(term.cat.codes.to_numpy()[stop])].tolist())
    return frozenset(term.to_numpy(dtype=object)[stop].tolist())


def term_forms(occurrences: pd.DataFrame, wanted: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """``doc_id``, ``lemma_term``, ``term``: the term each book term most often becomes in each
    document (ties: the first seen), for each document's ``wanted`` terms only when given.

    Only the book's listed terms are ever looked up, a few per document; restricted to them, the
    grouping runs over their occurrences rather than over every occurrence of the corpus.

    >>> occurrences = pd.DataFrame({"doc_id": ["a"] * 3, "lemma_term": ["organization"] * 3,
    ...                             "term": ["organ", "organiz", "organiz"], "is_stopword": False})
    >>> term_forms(occurrences).values.tolist()
    [['a', 'organization', 'organiz']]
    """
    if wanted is None:
        occ = occurrences.assign(_seen=np.arange(len(occurrences)))
    else:
        doc, docs = numbered(occurrences["doc_id"])
        lemma, lemmas = numbered(occurrences["lemma_term"])
        doc_at, lemma_at = {d: i for i, d in enumerate(docs)}, {t: i for i, t in enumerate(lemmas)}
        keys = {doc_at[d] * len(lemmas) + lemma_at[t] for d, terms in wanted.items() for t in terms
                if d in doc_at and t in lemma_at}
        rows = np.zeros(0, dtype=np.int64)
        if keys:
            key = doc.astype(np.int64)
            key *= len(lemmas)
            key += lemma
            rows = np.flatnonzero(pd.Series(key, copy=False).isin(keys).to_numpy())
            del key
        del doc, lemma
        occ = occurrences.iloc[rows].assign(_seen=rows)
    forms = (occ.groupby(["doc_id", "lemma_term", "term"], sort=False, observed=True)["_seen"].agg(["size", "min"])
             .reset_index()
             .sort_values(["size", "min"], ascending=[False, True], kind="stable")
             .drop_duplicates(["doc_id", "lemma_term"]))
    return forms[["doc_id", "lemma_term", "term"]].reset_index(drop=True)


def keyword_lists(tokens: pd.DataFrame, variant: Variant, k: int = KEYWORDS_K,
                  basis: KeywordBasis | None = None) -> tuple[dict[str, list[str]], KeywordBasis]:
    """Each document's top-``k`` key terms under a variant, and the :class:`KeywordBasis` they came
    from (whose :meth:`KeywordBasis.in_variant` maps the book's terms to the variant's).

    ``basis`` is :func:`keyword_basis` for the variant's grouping, when the caller has it.

    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> texts = {"a": "peace peaceful peace peaceful the the peace peaceful",
    ...          "b": "war the war the the war the war", "c": "we the we war the we war the"}
    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens(texts, {"the", "we"})
    >>> for variant in (Variant("removed", "lemma", 3), Variant("removed", "stem", 3), Variant("kept", "lemma", 3)):
    ...     print(variant.id, keyword_lists(tokens, variant)[0])
    stopwords removed, lemmas, min 3 {'a': ['peace', 'peaceful']}
    stopwords removed, stems, min 3 {'a': ['peac']}
    stopwords kept, lemmas, min 3 {'a': ['peace', 'peaceful'], 'c': ['we']}
    """
    basis = basis or keyword_basis(term_occurrences(tokens, variant.grouping))
    exclude = basis.stopwords if variant.stopwords == "removed" else frozenset()
    lists = key_terms_by_document(basis.keyness, n=k, min_count=variant.min_count, exclude=exclude)
    return lists, basis


def spearman(a, b) -> float | None:
    """Spearman's rho of two short lists (``None`` if either is constant), by definition: Pearson's
    r of their average ranks. Written out rather than with SciPy, whose checks cost more than the
    sum itself when it runs once per document and variant; the tests check the two agree.

    >>> spearman([1, 2, 3, 4], [1, 3, 2, 4])
    0.8
    >>> spearman([1, 1, 1], [1, 2, 3]) is None
    True
    """
    if len(set(a)) < 2 or len(set(b)) < 2:
        return None
    return _pearson(_average_ranks(a), _average_ranks(b))


def _average_ranks(values) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _pearson(x: list[float], y: list[float]) -> float:
    mx, my = sum(x) / len(x), sum(y) / len(y)
    dx, dy = [v - mx for v in x], [v - my for v in y]
    return sum(a * b for a, b in zip(dx, dy)) / math.sqrt(sum(a * a for a in dx) * sum(b * b for b in dy))


def compare_lists(book: list[str], other: list[str],
                  shared: list[list[str]] = ()) -> tuple[float | None, float | None]:
    """Overlap (shared items over the longer list) and Spearman's rho over the union, missing ranked
    last: how far a variant's ranked list agrees with the book's. A list of two is compared too: the
    same two in the same order are a rho of 1, as a longer list unchanged is, not a gap in the means.
    Each group of ``shared`` (items of ``other`` equal in what ranks them) takes the mean of its
    places, rather than the order their names give them.

    >>> compare_lists(["peace", "security", "asia"], ["security", "peace", "water"])
    (0.6666666666666666, 0.6)
    >>> compare_lists(["culture", "protection"], ["culture", "protection"])
    (1.0, 1.0)
    >>> compare_lists(["a", "b"], ["x", "y", "a", "b"], shared=[["x", "y"]])[1] == spearman([1, 2, 3, 3], [3, 4, 1.5, 1.5])
    True
    """
    if not book and not other:
        return None, None
    union = list(dict.fromkeys(book + other))
    overlap = len(set(book) & set(other)) / max(len(book), len(other))
    if len(union) < 2:
        return overlap, None
    rank_a = [book.index(x) + 1 if x in book else len(book) + 1 for x in union]
    rank_b = [other.index(x) + 1 if x in other else len(other) + 1 for x in union]
    for group in shared:
        mean = sum(other.index(x) + 1 for x in group) / len(group)
        rank_b = [mean if x in group else r for x, r in zip(union, rank_b)]
    return overlap, spearman(rank_a, rank_b)


# ---- themes --------------------------------------------------------------------------------

def stemmed_codebook(codebook: list[Theme], vocabulary: set[str]) -> list[Theme]:
    """The codebook with each plain term widened to every corpus word sharing its Snowball stem
    (a term with a wildcard is left as written), to see whether the theme ranking hangs on how
    the codebook spells its words. The widened forms are whole words as the terms are
    (:data:`unscspeech.measures.whole_words.WORD_START` and ``WORD_END``): only the stemming differs.

    >>> import re
    >>> from unscspeech.measures.themes import find_hits, theme_expression
    >>> theme = Theme("prevention", "Prevention", "", "", terms=["prevention"])
    >>> theme.regex = compile_pattern(theme_expression([(True, "prevention")]), re.IGNORECASE)
    >>> widened = stemmed_codebook([theme], {"prevention", "preventive", "prevent", "diplomacy"})
    >>> paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1],
    ...                            "text": ["Prevention, preventive diplomacy and the will to prevent."]})
    >>> find_hits(widened, paragraphs)["match"].tolist()
    ['Prevention', 'preventive', 'prevent']
    """
    by_stem: dict[str, set[str]] = {}
    for word in vocabulary:
        by_stem.setdefault(stem(word), set()).add(word.lower())
    widened = []
    for theme in codebook:
        extra = []
        for term in theme.terms:
            words = normalise_for_matching(term).lower().split()
            if any(w.endswith("*") for w in words):
                continue
            forms = [sorted(by_stem.get(stem(w), set()) | {w}, key=lambda f: (-len(f), f)) for w in words]
            if all(len(f) == 1 for f in forms):
                continue
            extra.append(r"\s+".join("(?:" + "|".join(re.escape(f) for f in fs) + ")" for fs in forms))
        regex = theme.regex
        if extra:
            expression = (f"(?:{theme.regex.pattern})|" if theme.regex else "") + \
                WORD_START + "(?:" + "|".join(extra) + ")" + WORD_END
            regex = compile_pattern(expression, re.IGNORECASE)
        widened.append(replace(theme, regex=regex))
    return widened


def theme_rates(hits: pd.DataFrame, documents: pd.DataFrame, content_tokens: pd.Series, codebook: list[Theme],
                variant: Variant) -> pd.DataFrame:
    """Per document and theme (and ``ALL``: the mean over documents): ``hits`` and ``per_1000`` under a
    variant, per 1,000 word tokens (stopwords ``kept``) or content words (``removed``), a theme with
    fewer than ``min_count`` hits in a document counting none there.

    >>> from unscspeech.measures.themes import Theme
    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "n_tokens": [1000, 500]})
    >>> hits = pd.DataFrame({"doc_id": ["a", "a", "b"], "theme": ["peace", "peace", "asia"]})
    >>> codebook = [Theme("peace", "Peace", "", ""), Theme("asia", "Asia", "", "")]
    >>> content = pd.Series({"a": 400, "b": 200})
    >>> theme_rates(hits, documents, content, codebook, Variant("removed", "lemma", 2)).values.tolist()
    [['a', 'peace', 2, 5.0], ['a', 'asia', 0, 0.0], ['b', 'peace', 0, 0.0], ['b', 'asia', 0, 0.0], ['ALL', 'peace', 2, 2.5], ['ALL', 'asia', 0, 0.0]]
    """
    counts = hits.groupby(["doc_id", "theme"]).size()
    grid = pd.MultiIndex.from_product([documents["doc_id"], [t.id for t in codebook]], names=["doc_id", "theme"])
    n = counts.reindex(grid, fill_value=0).to_numpy()
    n = np.where(n >= variant.min_count, n, 0)
    sizes = (documents.set_index("doc_id")["n_tokens"] if variant.stopwords == "kept"
             else content_tokens.reindex(documents["doc_id"], fill_value=0))
    size = np.repeat(sizes.to_numpy(dtype=float), len(codebook))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(size > 0, 1000 * n / size, 0.0)
    table = pd.DataFrame({"doc_id": grid.get_level_values(0), "theme": grid.get_level_values(1),
                          "hits": n.astype(int), "per_1000": rate})
    overall = table.groupby("theme", sort=False).agg(hits=("hits", "sum"), per_1000=("per_1000", "mean")).reset_index()
    return pd.concat([table, overall.assign(doc_id=ALL)[table.columns]], ignore_index=True)


def _grid(rates: pd.DataFrame, scopes: list[str], themes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Rates and hits as scopes × themes matrices, so that every scope is compared at once."""
    frame = rates.set_index(["doc_id", "theme"])
    index = pd.MultiIndex.from_product([scopes, themes])
    shape = (len(scopes), len(themes))
    return (frame["per_1000"].reindex(index).to_numpy(dtype=float).reshape(shape),
            frame["hits"].reindex(index).to_numpy().reshape(shape))


def _ranked(rate: np.ndarray, hits: np.ndarray, themes: list[str]) -> list[str]:
    """The themes of one row of :func:`_grid` with any hit, highest rate first (ties by id)."""
    return [themes[j] for j in sorted((j for j in range(len(themes)) if hits[j] > 0),
                                      key=lambda j: (-rate[j], themes[j]))]


def top_with_ties(items: list[str], values: list[float], k: int) -> list[str]:
    """The top ``k`` of a ranked list (``values`` from the highest down), with every later item level
    with the ``k``-th: where the cut falls inside a tie, the tie is kept whole rather than settled
    by how the items are named.

    >>> top_with_ties(["a", "b", "c", "d", "e"], [9.0, 5.0, 4.0, 4.0, 1.0], 3)
    ['a', 'b', 'c', 'd']
    >>> top_with_ties(["a", "b"], [9.0, 5.0], 3)
    ['a', 'b']
    """
    if len(items) <= k:
        return list(items)
    cut = values[k - 1]
    n = k
    while n < len(items) and math.isclose(values[n], cut, rel_tol=1e-9, abs_tol=1e-12):
        n += 1
    return list(items[:n])


def _top(rate: np.ndarray, hits: np.ndarray, themes: list[str], k: int) -> list[str]:
    """The top ``k`` themes of one row of :func:`_grid`, ties at the cut included (:func:`top_with_ties`)."""
    order = _ranked(rate, hits, themes)
    at = {t: j for j, t in enumerate(themes)}
    return top_with_ties(order, [float(rate[at[t]]) for t in order], k)


def _row_spearman(a: np.ndarray, b: np.ndarray) -> list[float | None]:
    """Spearman's rho of each row of ``a`` with the same row of ``b`` (``None`` where a row is constant),
    as :func:`spearman` gives it, for speed only: Pearson's r of the average ranks."""
    ra, rb = rankdata(a, axis=1), rankdata(b, axis=1)
    ra, rb = ra - ra.mean(axis=1, keepdims=True), rb - rb.mean(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (ra * rb).sum(axis=1) / np.sqrt((ra ** 2).sum(axis=1) * (rb ** 2).sum(axis=1))
    constant = (np.ptp(a, axis=1) == 0) | (np.ptp(b, axis=1) == 0)
    return [None if c else float(r) for c, r in zip(constant, rho)]


# ---- all -----------------------------------------------------------------------------------

def stemmed_hits(codebook: list[Theme], paragraphs: pd.DataFrame, vocabulary: set[str], hits: pd.DataFrame,
                 n_jobs: int | None = None) -> pd.DataFrame:
    """The hits of :func:`stemmed_codebook` (in no particular order), given the book codebook's ``hits``:
    the theme hits of the ``stem`` variants.

    Only the themes that stemming widens are matched again; the others' hits are the book's.

    >>> import re
    >>> from unscspeech.measures.themes import theme_expression
    >>> theme = Theme("prevention", "Prevention", "", "", terms=["prevention"])
    >>> theme.regex = compile_pattern(theme_expression([(True, "prevention")]), re.IGNORECASE)
    >>> paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1],
    ...                            "text": ["Prevention, preventive diplomacy and the will to prevent."]})
    >>> hits = find_hits([theme], paragraphs)
    >>> vocabulary = {"prevention", "preventive", "prevent", "diplomacy"}
    >>> hits["match"].tolist(), sorted(stemmed_hits([theme], paragraphs, vocabulary, hits, n_jobs=1)["match"])
    (['Prevention'], ['Prevention', 'prevent', 'preventive'])
    """
    stemmed = stemmed_codebook(codebook, vocabulary)
    widened = [w for t, w in zip(codebook, stemmed) if w.regex is not t.regex]
    kept = hits[~hits["theme"].isin([w.id for w in widened])]
    if not widened:
        return kept
    return pd.concat([kept, map_documents(partial(find_hits, widened), paragraphs, n_jobs)], ignore_index=True)


class _Lists:
    """The rows of ``robustness_lists.csv``, gathered as one list per column: a tuple per row would
    take twice the memory, on a large corpus hundreds of thousands of them."""

    COLUMNS = ("analysis", "scope", "variant", "rank", "item", "per_1000")

    def __init__(self) -> None:
        self.columns: dict[str, list] = {c: [] for c in self.COLUMNS}

    def add(self, analysis: str, scope: str, variant: str, items: list[str], values: list) -> None:
        """One ranked list: its ``items`` from rank 1, with their ``values`` (``per_1000``)."""
        n = len(items)
        for column, values_of_column in zip(self.COLUMNS, ([analysis] * n, [scope] * n, [variant] * n,
                                                           range(1, n + 1), items, values)):
            self.columns[column].extend(values_of_column)

    def table(self) -> pd.DataFrame:
        """The rows as a table, ``per_1000`` a number column (empty where a list has no rate)."""
        return pd.DataFrame(self.columns, columns=list(self.COLUMNS)).astype({"per_1000": float})


class RobustnessTables(NamedTuple):
    """The robustness appendix's tables, each field named as the table is declared."""

    robustness: pd.DataFrame
    robustness_lists: pd.DataFrame


def robustness_tables(tokens: pd.DataFrame, paragraphs: pd.DataFrame, documents: pd.DataFrame,
                      codebook: list[Theme], hits: pd.DataFrame | None = None,
                      n_jobs: int | None = None) -> RobustnessTables:
    """Each variant against the book's choice (``robustness``) and the ranked lists it gives (``robustness_lists``).

    ``hits`` are the book codebook's (:func:`unscspeech.measures.themes.find_hits`), when the caller has them;
    the paragraphs are matched on ``n_jobs`` processes (:mod:`unscspeech._engine.worker_pool`).

    Below, document ``a``'s keywords "peace" and "peaceful" become one stem, and its theme rate
    doubles under stems (3, then 6, hits in 8 words) as the codebook's "peace" widens to "peaceful".

    >>> import re
    >>> from unscspeech.measures.themes import theme_expression
    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> texts = {"a": "peace peaceful peace peaceful the the peace peaceful",
    ...          "b": "war the war the the war the war", "c": "we the we war the we war the"}
    >>> from unscspeech.pipeline.token_table import example_tokens
    >>> tokens = example_tokens(texts, {"the", "we"})
    >>> paragraphs = tokens.groupby("doc_id", as_index=False).agg(text=("token", " ".join)).assign(paragraph=1)
    >>> documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_tokens": [8, 8, 8]})
    >>> peace = Theme("peace", "Peace", "", "", terms=["peace"])
    >>> peace.regex = compile_pattern(theme_expression([(True, "peace")]), re.IGNORECASE)
    >>> tables = robustness_tables(tokens, paragraphs, documents, [peace], n_jobs=1)
    >>> lists = tables.robustness_lists.set_index(["analysis", "scope", "variant"])
    >>> lists.loc[[("keywords", "a", "stopwords removed, lemmas, min 3")], "item"].tolist()
    ['peace', 'peaceful']
    >>> lists.loc[[("keywords", "a", "stopwords removed, stems, min 3")], "item"].tolist()
    ['peac']
    >>> [lists.loc[[("themes", "a", f"stopwords kept, {g}, min 1")], "per_1000"].tolist() for g in ("lemmas", "stems")]
    [[375.0], [750.0]]
    >>> len(tables.robustness)  # 12 variants × (3 documents for keywords, and ALL too for themes)
    84
    """
    results, listed = [], _Lists()
    docs = documents["doc_id"].tolist()

    book_kw = Variant(**BOOK["keywords"])
    # The book's grouping first: its lists say which terms' forms every grouping needs.
    bases: dict[str, KeywordBasis] = {}
    for grouping in sorted(GROUPINGS, key=lambda g: g != book_kw.grouping):
        occurrences = term_occurrences(tokens, grouping)
        basis = keyword_basis(occurrences, wanted={})  # its forms follow, once the book's lists are known
        if grouping == book_kw.grouping:
            book_lists, _ = keyword_lists(tokens, book_kw, basis=basis)
        bases[grouping] = replace(basis, forms=term_forms(occurrences, book_lists))
        del occurrences, basis
        release_freed_memory()  # before the next grouping's occurrences are made beside the freed ones
    book_in = {g: basis.in_variant(book_lists) for g, basis in bases.items()}
    for variant in variants():
        mine, _ = keyword_lists(tokens, variant, basis=bases[variant.grouping])
        for doc_id in docs:
            mapped = book_in[variant.grouping].get(doc_id, [])
            overlap, rho = compare_lists(mapped, mine.get(doc_id, []))
            results.append(("keywords", doc_id, variant, KEYWORDS_K, len(mapped), len(mine.get(doc_id, [])),
                            overlap, rho))
            terms = mine.get(doc_id, [])
            listed.add("keywords", doc_id, variant.id, terms, [float("nan")] * len(terms))  # no rate: empty

    content = tokens[~tokens["is_stopword"]].groupby("doc_id").size()
    vocabulary = {w.lower() for w in tokens["token"].unique().tolist()}
    if hits is None:
        hits = map_documents(partial(find_hits, codebook), paragraphs, n_jobs)
    hits = {"lemma": hits, "stem": stemmed_hits(codebook, paragraphs, vocabulary, hits, n_jobs)}
    book_th = Variant(**BOOK["themes"])
    scopes, themes = docs + [ALL], [t.id for t in codebook]
    book_rate, book_hits = _grid(theme_rates(hits["lemma"], documents, content, codebook, book_th), scopes, themes)
    book_top = [_top(r, h, themes, THEMES_K) for r, h in zip(book_rate, book_hits)]
    for variant in variants():
        rate, n_hits = _grid(theme_rates(hits[variant.grouping], documents, content, codebook, variant), scopes, themes)
        rhos = _row_spearman(book_rate, rate)
        for i, scope in enumerate(scopes):
            top_a, top_b = book_top[i], _top(rate[i], n_hits[i], themes, THEMES_K)
            overlap, _ = compare_lists(top_a, top_b)
            results.append(("themes", scope, variant, THEMES_K, len(top_a), len(top_b), overlap, rhos[i]))
            by_rate = sorted(range(len(themes)), key=lambda j: (-rate[i, j], themes[j]))
            shown = [j for j in by_rate if rate[i, j] > 0]
            listed.add("themes", scope, variant.id, [themes[j] for j in shown],
                       [round(float(rate[i, j]), 6) for j in shown])

    table = pd.DataFrame(
        [(analysis, scope, v.id, v.stopwords, v.grouping, v.min_count, v.changed(analysis), k, n_book, n_variant,
          None if overlap is None else round(overlap, 6), None if rho is None else round(rho, 6))
         for analysis, scope, v, k, n_book, n_variant, overlap, rho in results],
        columns=["analysis", "scope", "variant", "stopwords", "grouping", "min_count", "changed", "k",
                 "n_book", "n_variant", "overlap", "spearman"])
    table["overlap"] = table["overlap"].astype("Float64")
    table["spearman"] = table["spearman"].astype("Float64")
    listing = listed.table()
    return RobustnessTables(robustness=table, robustness_lists=listing)


def summary(robustness: pd.DataFrame) -> pd.DataFrame:
    """Per analysis and changed choice: mean overlap and mean, minimum Spearman over documents, the
    book's own choice first, then the variants changing one choice, two, three.

    >>> r = pd.DataFrame({"analysis": ["themes"] * 4, "scope": ["a", "b", "a", "b"], "variant": ["v0", "v0", "v1", "v1"],
    ...                   "changed": ["none", "none", "grouping", "grouping"], "overlap": [1.0, 1.0, 0.5, 1.0],
    ...                   "spearman": [1.0, 1.0, 0.4, 0.8]})
    >>> summary(r).values.tolist()
    [['themes', 'none', 1, 1.0, 1.0, 1.0], ['themes', 'grouping', 1, 0.75, 0.6, 0.4]]
    """
    per_doc = robustness[robustness["scope"] != ALL]
    table = (per_doc.groupby(["analysis", "changed"], sort=False)
             .agg(variants=("variant", "nunique"), mean_overlap=("overlap", "mean"),
                  mean_spearman=("spearman", "mean"), min_spearman=("spearman", "min"))
             .round(6).reset_index())
    # The book's own row first, then one change, two, three; within each, in the choices' order.
    order = {c: i for i, c in enumerate(("stopwords", "grouping", "min_count"))}
    key = table["changed"].map(lambda c: f"{0 if c == 'none' else c.count('+') + 1}:"
                                         + "".join(str(order.get(p, 9)) for p in c.split("+")))
    return table.assign(_k=key).sort_values(["analysis", "_k"], kind="stable").drop(columns="_k").reset_index(drop=True)


def lowest_rho(robustness: pd.DataFrame, analysis: str) -> float:
    """The lowest Spearman's rho of any document under any variant that changes a choice.

    >>> r = pd.DataFrame({"analysis": ["themes"] * 3, "scope": ["a", "a", ALL], "changed": ["none", "grouping", "grouping"],
    ...                   "spearman": [1.0, 0.4, 0.1]})
    >>> lowest_rho(r, "themes")
    0.4
    """
    rows = robustness[(robustness["analysis"] == analysis) & (robustness["changed"] != "none")
                      & (robustness["scope"] != ALL)]
    return float(rows["spearman"].min())


def stability_by_document(robustness: pd.DataFrame, analysis: str, changed: str | tuple[str, ...]) -> pd.DataFrame:
    """Per document: mean overlap and Spearman's rho of the variants that change exactly ``changed``
    (or exactly one of several such sets, e.g. ``("stopwords", "grouping", "stopwords+grouping")``).

    >>> r = pd.DataFrame({"analysis": ["themes"] * 4, "scope": ["a", "b", "a", "a"],
    ...                   "changed": ["grouping"] * 3 + ["stopwords"],
    ...                   "overlap": [0.5, 1.0, 1.0, 0.0], "spearman": [0.4, 0.8, 0.6, 0.2]})
    >>> stability_by_document(r, "themes", "grouping").values.tolist()
    [['a', 0.75, 0.5], ['b', 1.0, 0.8]]
    >>> stability_by_document(r, "themes", ("grouping", "stopwords")).values.tolist()
    [['a', 0.5, 0.4], ['b', 1.0, 0.8]]
    """
    wanted = [changed] if isinstance(changed, str) else list(changed)
    rows = robustness[(robustness["analysis"] == analysis) & robustness["changed"].isin(wanted)
                      & (robustness["scope"] != ALL)]
    return (rows.groupby("scope", sort=False).agg(overlap=("overlap", "mean"), spearman=("spearman", "mean"))
            .round(6).reset_index().rename(columns={"scope": "doc_id"}))


def repeated_variants(lists: pd.DataFrame, analysis: str) -> dict[str, str]:
    """The variants whose ranked lists are, in every document, those of a variant before them (in
    the order of :func:`variants`), each with that variant: where two settings give the same lists
    on a corpus, they are one result, not two.

    >>> one, two, three = (v.id for v in variants()[:3])
    >>> lists = pd.DataFrame({"analysis": ["keywords"] * 6, "scope": ["a", "a", "a", "b", "b", "b"],
    ...                       "variant": [one, two, three] * 2, "rank": [1] * 6,
    ...                       "item": ["x", "x", "y", "z", "z", "z"], "per_1000": [1.0] * 6})
    >>> repeated_variants(lists, "keywords")
    {'stopwords removed, lemmas, min 2': 'stopwords removed, lemmas, min 1'}
    """
    mine = lists[(lists["analysis"] == analysis) & (lists["scope"] != ALL)]
    first_with: dict[tuple, str] = {}
    repeated = {}
    listed = set(mine["variant"])
    for variant in (v for v in variants() if v.id in listed):
        rows = mine[mine["variant"] == variant.id].sort_values(["scope", "rank"])
        result = tuple(zip(rows["scope"], rows["item"]))
        if result in first_with:
            repeated[variant.id] = first_with[result]
        else:
            first_with[result] = variant.id
    return repeated


def variant_list(lists: pd.DataFrame, analysis: str, scope: str, variant: Variant) -> list[str]:
    """The ranked list one variant gives for one document (or ``ALL``).

    >>> book = Variant(**BOOK["themes"])
    >>> lists = pd.DataFrame({"analysis": ["themes"] * 2, "scope": ["a"] * 2, "variant": [book.id] * 2,
    ...                       "rank": [2, 1], "item": ["asia", "peace"], "per_1000": [1.0, 2.0]})
    >>> variant_list(lists, "themes", "a", book)
    ['peace', 'asia']
    """
    mine = lists[(lists["analysis"] == analysis) & (lists["scope"] == scope) & (lists["variant"] == variant.id)]
    return mine.sort_values("rank")["item"].tolist()


def distinct_rankings(lists: pd.DataFrame, analysis: str) -> pd.Series:
    """Per scope (each document, and ``ALL`` where the lists have it, in the table's order): how many
    different rankings the variants of :func:`variants` give. Items of equal ``per_1000`` share a
    place, so that two rankings that differ only in how a tie is printed (by the items' names) are
    one; a list with no values (keywords) is taken as printed, and a variant with no list is the
    empty ranking.

    Below, ``a``'s rates per content word are twice its rates per word token: one ranking, not two;
    in ``b`` the tie between y and z is printed in two orders, and is still one ranking.

    >>> one, two = Variant("kept", "lemma", 1).id, Variant("removed", "lemma", 1).id
    >>> lists = pd.DataFrame({"analysis": ["themes"] * 8, "scope": ["a"] * 4 + ["b"] * 4,
    ...                       "variant": [one, one, two, two] * 2, "rank": [1, 2] * 4,
    ...                       "item": ["x", "y", "x", "y", "y", "z", "z", "y"],
    ...                       "per_1000": [4.0, 2.0, 8.0, 4.0, 3.0, 3.0, 6.0, 6.0]})
    >>> distinct_rankings(lists, "themes").to_dict()  # and the other ten variants: no list, the empty ranking
    {'a': 2, 'b': 2}
    """
    mine = lists[lists["analysis"] == analysis]
    ids = [v.id for v in variants()]
    counts = {}
    for scope, rows in mine.groupby("scope", sort=False):
        by_variant = {v: r.sort_values("rank") for v, r in rows.groupby("variant", sort=False)}
        counts[scope] = len({_places(by_variant[v]) if v in by_variant else () for v in ids})
    return pd.Series(counts, name="rankings", dtype=int)


def _places(rows: pd.DataFrame) -> tuple[frozenset[str], ...]:
    """A ranked list as its places, each the set of items that share it (equal ``per_1000``)."""
    places: list[set[str]] = []
    last = None
    for item, value in zip(rows["item"].tolist(), rows["per_1000"].tolist()):
        if places and last is not None and not pd.isna(value) and math.isclose(value, last, rel_tol=1e-9):
            places[-1].add(item)
        else:
            places.append({item})
        last = None if pd.isna(value) else value
    return tuple(frozenset(p) for p in places)


def cut_from_bottom(book: list[str], other: list[str]) -> bool:
    """Whether ``other`` is ``book`` with items taken from its end only: the same items above, in
    the same order.

    >>> cut_from_bottom(["a", "b", "c"], ["a", "b"]), cut_from_bottom(["a", "b", "c"], ["a", "c"])
    (True, False)
    """
    return list(other) == list(book[:len(other)])


def first_difference(book: list[str], other: list[str]) -> int | None:
    """The first rank (from 1) at which two ranked lists differ, ``None`` where they are the same.

    >>> first_difference(["a", "b", "c"], ["a", "c", "b"]), first_difference(["a"], ["a"])
    (2, None)
    >>> first_difference(["a", "b"], ["a"])
    2
    """
    for rank, (x, y) in enumerate(zip(book, other), start=1):
        if x != y:
            return rank
    return None if len(book) == len(other) else min(len(book), len(other)) + 1


def in_order_within(book: list[str], other: list[str]) -> bool:
    """Whether every item of ``book`` stands in ``other``, in the same order (other items may come
    before, between or after them).

    >>> in_order_within(["a", "b"], ["x", "a", "y", "b"]), in_order_within(["a", "b"], ["b", "a"])
    (True, False)
    """
    rest = iter(other)
    return all(any(x == y for y in rest) for x in book)


def uses_needed(target_size: int, reference_size: int, alpha: float = ALPHA, exact: bool = False) -> int:
    """The fewest uses a term needs in a document of ``target_size`` terms, and none in a reference
    of ``reference_size``, to pass ``p < alpha``: by G²'s χ² approximation (the book's test), or by
    the exact binomial test it approximates (``exact``, :func:`unscspeech.measures.keyness.exact_p_value`).
    The longer the reference is against the document, the fewer uses it takes.

    >>> uses_needed(2760, 3018), uses_needed(2760, 3018, exact=True)
    (5, 7)
    >>> uses_needed(700, 5000)
    2
    """
    for a in range(1, 10_000):
        p = (exact_p_value(a, 0, target_size, reference_size) if exact
             else p_value(g2(a, 0, target_size, reference_size)))
        if p < alpha:
            return a
    raise ValueError("no count of uses reaches the threshold")


def exact_test_failures(keyness: pd.DataFrame, doc_id: str, terms: list[str], alpha: float = ALPHA) -> list[str]:
    """The ``terms`` of one document (in their order) that the exact binomial test would not pass at
    ``p < alpha`` (:func:`unscspeech.measures.keyness.exact_p_value`), from the counts of its keyness table.

    >>> k = pd.DataFrame({"doc_id": ["a", "a"], "term": ["x", "y"], "target_count": [5, 40],
    ...                   "reference_count": [0, 2], "target_size": [2760, 2760], "reference_size": [3018, 3018]})
    >>> exact_test_failures(k, "a", ["y", "x"])
    ['x']
    """
    rows = keyness[keyness["doc_id"] == doc_id].set_index("term")
    failing = []
    for term in terms:
        row = rows.loc[term]
        p = exact_p_value(int(row["target_count"]), int(row["reference_count"]), int(row["target_size"]),
                          int(row["reference_size"]))
        if not p < alpha:
            failing.append(term)
    return failing
