"""The table of a row per word token, made document by document on every core.

Each document is split into sentences, word tokens and terms in a worker process
(:mod:`unscspeech._engine.worker_pool`). A worker sends back its words not as a Python tuple per token
(about a hundred bytes each, and the peak memory of a large build) but as a small vocabulary
and an array of codes into it; the codes of all documents are then merged into one table whose
repeated strings (``doc_id``, ``token``, ``term``) are categories, each distinct string held once,
in sorted order so that sorting and grouping order them as they would the strings.

The vocabularies and sentences travel :class:`Packed`, as one string per document and where each
piece ends, not as a Python string per piece: millions of small strings, unpickled in the main
process beside the sentences it keeps, would leave its small-object memory fragmented and held
long after they were freed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from unscspeech.pipeline.clean import CleanDocument
from unscspeech.pipeline.terms import Wordlists, to_terms
from unscspeech.pipeline.tokens import split_sentences, types, words

TOKEN_COLUMNS = ["doc_id", "paragraph", "sentence", "token_index", "token", "term_index", "term", "is_stopword"]
NUMBER_COLUMNS = ("paragraph", "sentence", "token_index", "term_index")
#: Positions within a document: 32 bits hold any document (two billion words) at half the
#: memory of 64, and these four columns are most of the token table's.
NUMBER_DTYPE = np.int32


@dataclass
class Packed:
    """A list of strings as their concatenation and the offset where each ends."""

    text: str
    ends: np.ndarray

    @classmethod
    def of(cls, strings: list[str]) -> Packed:
        return cls("".join(strings), np.cumsum([len(s) for s in strings], dtype=np.int64))

    def __len__(self) -> int:
        return len(self.ends)

    def __iter__(self) -> Iterator[str]:
        text, start = self.text, 0
        for end in self.ends.tolist():
            yield text[start:end]
            start = end


@dataclass
class Coded:
    """A column of strings as its distinct values (in order of first use) and a code per row."""

    values: Packed
    codes: np.ndarray

    @classmethod
    def of(cls, column: list[str]) -> Coded:
        index: dict[str, int] = {}
        codes = np.fromiter((index.setdefault(v, len(index)) for v in column), dtype=np.int32, count=len(column))
        return cls(Packed.of(list(index)), codes)


@dataclass
class Tokenised:
    """One document's sentences (with their paragraph and sentence numbers), its tokens (columns)
    and counts. Its paragraphs are the cleaned document's, which the main process holds already."""

    doc_id: str
    sentences: Packed
    sentence_numbers: dict[str, np.ndarray]
    numbers: dict[str, np.ndarray]
    is_stopword: np.ndarray
    token: Coded | None  # None once the token table has taken it
    term: Coded | None
    n_types: int

    @property
    def n_sentences(self) -> int:
        return len(self.sentence_numbers["sentence"])

    @property
    def n_tokens(self) -> int:
        return len(self.is_stopword)

    @property
    def n_terms(self) -> int:
        return int(self.numbers["term_index"][-1]) if self.n_tokens else 0


def tokenise_document(clean: CleanDocument, splitter: PunktSentenceTokenizer, wordlists: Wordlists) -> Tokenised:
    """Sentences, word tokens and terms of one cleaned document, in reading order.

    Every token gets its paragraph, sentence, token number and term number: a phrase term
    (``united nations``) gives each of its words the term's number, term and stop flag."""
    sentences: list[str] = []
    sentence_numbers: dict[str, list[int]] = {"paragraph": [], "sentence": []}
    tokens: list[str] = []
    sentence_sizes: list[int] = []  # tokens in each sentence
    terms, stops, term_sizes = [], [], []  # one per term; its number of tokens
    for number, text in enumerate(clean.paragraphs, start=1):
        for s_number, sentence in enumerate(split_sentences(splitter, text), start=1):
            sentences.append(sentence)
            sentence_numbers["paragraph"].append(number)
            sentence_numbers["sentence"].append(s_number)
            before = len(tokens)
            for surface, term, stop in to_terms(words(sentence), wordlists):
                parts = surface.split(" ")
                tokens.extend(parts)
                terms.append(term)
                stops.append(stop)
                term_sizes.append(len(parts))
            sentence_sizes.append(len(tokens) - before)
    per_sentence = {c: np.array(v, dtype=NUMBER_DTYPE) for c, v in sentence_numbers.items()}
    numbers = {
        "paragraph": np.repeat(per_sentence["paragraph"], sentence_sizes),
        "sentence": np.repeat(per_sentence["sentence"], sentence_sizes),
        "token_index": np.arange(1, len(tokens) + 1, dtype=NUMBER_DTYPE),
        "term_index": np.repeat(np.arange(1, len(terms) + 1, dtype=NUMBER_DTYPE), term_sizes),
    }
    term = Coded.of(terms)
    token = Coded.of(tokens)
    return Tokenised(clean.doc_id, Packed.of(sentences), per_sentence, numbers,
                     np.repeat(np.array(stops, dtype=bool), term_sizes),
                     token, Coded(term.values, np.repeat(term.codes, term_sizes)), len(types(token.values)))


def _categorical(documents: list[Tokenised], column: str) -> pd.Categorical:
    """One categorical column of the documents' coded ``column`` (``token`` or ``term``), its
    categories sorted; each document's codes are let go once mapped.

    Each document's vocabulary is unpacked in turn and mapped to codes of first use across the
    corpus, so that only the distinct strings outlive the loop; the codes are then renumbered
    in the categories' sorted order."""
    index: dict[str, int] = {}
    joined = np.empty(sum(len(getattr(d, column).codes) for d in documents), dtype=np.int32)
    at = 0
    for d in documents:
        part = getattr(d, column)
        local = np.fromiter((index.setdefault(v, len(index)) for v in part.values), dtype=np.int32,
                            count=len(part.values))
        joined[at:at + len(part.codes)] = local[part.codes]
        at += len(part.codes)
        setattr(d, column, None)
    firsts = list(index)
    order = sorted(range(len(firsts)), key=firsts.__getitem__)
    rank = np.empty(len(firsts), dtype=np.int32)
    rank[order] = np.arange(len(firsts), dtype=np.int32)
    categorical = pd.Categorical.from_codes(rank[joined], dtype=pd.CategoricalDtype([firsts[i] for i in order]))
    return categorical


def sentence_table(documents: list[Tokenised]) -> pd.DataFrame:
    """The sentences of the documents (``doc_id``, ``paragraph``, ``sentence``, ``text``), in order;
    each document's packed sentences are let go once read."""
    text = []
    for d in documents:
        text.extend(d.sentences)
        d.sentences = Packed("", np.zeros(0, dtype=np.int64))
    numbers = {c: np.concatenate([d.sentence_numbers[c] for d in documents]).astype(np.int64) if documents
               else np.zeros(0, dtype=np.int64) for c in ("paragraph", "sentence")}
    doc_ids = [d.doc_id for d in documents for _ in range(d.n_sentences)]
    return pd.DataFrame({"doc_id": doc_ids, **numbers, "text": text},
                        columns=["doc_id", "paragraph", "sentence", "text"])


def token_table(documents: list[Tokenised]) -> pd.DataFrame:
    """The token table (``TOKEN_COLUMNS``) of the documents, in the order given.

    It consumes the documents' position arrays and codes (their counts must be read before),
    copying each document's into a column made to size and letting it go, and the table takes the
    columns as they are (pandas would otherwise copy the four 32-bit columns into one block), so
    that no column is ever held twice."""
    doc_ids = sorted({d.doc_id for d in documents})
    at = {d: i for i, d in enumerate(doc_ids)}
    doc_codes = np.repeat(np.array([at[d.doc_id] for d in documents], dtype=np.int32),
                          [d.n_tokens for d in documents])
    numbers = {}
    for c in NUMBER_COLUMNS:
        numbers[c] = _joined([d.numbers for d in documents], c, NUMBER_DTYPE)
    data = {
        "doc_id": pd.Categorical.from_codes(doc_codes, dtype=pd.CategoricalDtype(doc_ids)),
        **numbers,
        "token": _categorical(documents, "token"),
        "term": _categorical(documents, "term"),
        "is_stopword": np.concatenate([d.is_stopword for d in documents]) if documents else np.zeros(0, dtype=bool),
    }
    return pd.DataFrame(data, columns=TOKEN_COLUMNS, copy=False)


def _joined(parts: list[dict[str, np.ndarray]], column: str, dtype) -> np.ndarray:
    """One column of every part's arrays, each part's array removed from it once copied."""
    joined = np.empty(sum(len(part[column]) for part in parts), dtype=dtype)
    at = 0
    for part in parts:
        values = part.pop(column)
        joined[at:at + len(values)] = values
        at += len(values)
    return joined


def example_tokens(texts: dict, stopwords: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """A token table (``TOKEN_COLUMNS``) of short texts, one sentence each, a word a term (lower-cased):
    the docstring examples' input. ``texts`` is keyed by ``doc_id`` (paragraph 1) or by
    ``(doc_id, paragraph)``.

    >>> tokens = example_tokens({"a": "Peace and security", ("b", 2): "Water"}, {"and"})
    >>> tokens[["doc_id", "paragraph", "term", "is_stopword"]].values.tolist()
    [['a', 1, 'peace', False], ['a', 1, 'and', True], ['a', 1, 'security', False], ['b', 2, 'water', False]]
    """
    rows = [(*(key if isinstance(key, tuple) else (key, 1)), word)
            for key, text in texts.items() for word in text.split()]
    return pd.DataFrame({"doc_id": [r[0] for r in rows], "paragraph": [r[1] for r in rows], "sentence": 1,
                         "token_index": range(1, len(rows) + 1), "token": [r[2] for r in rows],
                         "term_index": range(1, len(rows) + 1), "term": [r[2].lower() for r in rows],
                         "is_stopword": [r[2].lower() in stopwords for r in rows]}, columns=TOKEN_COLUMNS)
