"""The table of a row per word token, made document by document on every core.

Each document is split into sentences, word tokens and terms in a worker process
(:mod:`unscspeech.parallel`). A worker sends back its words not as a Python tuple per token
(about a hundred bytes each, and the peak memory of a large build) but as a small vocabulary
and an array of codes into it; the codes of all documents are then merged into one table whose
repeated strings (``doc_id``, ``token``, ``term``) are categories, each distinct string held once,
in sorted order so that sorting and grouping order them as they would the strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from unscspeech.clean import CleanDocument
from unscspeech.terms import Wordlists, to_terms
from unscspeech.tokens import split_sentences, types, words

TOKEN_COLUMNS = ["doc_id", "paragraph", "sentence", "token_index", "token", "term_index", "term", "is_stopword"]
NUMBER_COLUMNS = ("paragraph", "sentence", "token_index", "term_index")
#: Positions within a document: 32 bits hold any document (two billion words) at half the
#: memory of 64, and these four columns are most of the token table's.
NUMBER_DTYPE = np.int32


@dataclass
class Coded:
    """A column of strings as its distinct values (in order of first use) and a code per row."""

    values: list[str]
    codes: np.ndarray

    @classmethod
    def of(cls, column: list[str]) -> Coded:
        index: dict[str, int] = {}
        codes = np.fromiter((index.setdefault(v, len(index)) for v in column), dtype=np.int32, count=len(column))
        return cls(list(index), codes)


@dataclass
class Tokenised:
    """One document's paragraphs and sentences (table rows), its tokens (columns) and counts."""

    doc_id: str
    paragraphs: list[tuple]
    sentences: list[tuple]
    numbers: dict[str, np.ndarray]
    is_stopword: np.ndarray
    token: Coded
    term: Coded
    n_types: int

    @property
    def n_tokens(self) -> int:
        return len(self.is_stopword)

    @property
    def n_terms(self) -> int:
        return int(self.numbers["term_index"][-1]) if self.n_tokens else 0


def tokenise_document(clean: CleanDocument, splitter: PunktSentenceTokenizer, wordlists: Wordlists) -> Tokenised:
    """Sentences, word tokens and terms of one cleaned document, in reading order."""
    doc_id = clean.doc_id
    para_rows, sent_rows = [], []
    numbers: dict[str, list[int]] = {c: [] for c in NUMBER_COLUMNS}
    tokens, terms, stops = [], [], []
    token_index = term_index = 0
    for number, text in enumerate(clean.paragraphs, start=1):
        para_rows.append((doc_id, number, text))
        for s_number, sentence in enumerate(split_sentences(splitter, text), start=1):
            sent_rows.append((doc_id, number, s_number, sentence))
            for surface, term, stop in to_terms(words(sentence), wordlists):
                term_index += 1
                for token in surface.split(" "):
                    token_index += 1
                    for column, value in zip(NUMBER_COLUMNS, (number, s_number, token_index, term_index)):
                        numbers[column].append(value)
                    tokens.append(token)
                    terms.append(term)
                    stops.append(stop)
    return Tokenised(doc_id, para_rows, sent_rows, {c: np.array(v, dtype=NUMBER_DTYPE) for c, v in numbers.items()},
                     np.array(stops, dtype=bool), Coded.of(tokens), Coded.of(terms), len(types(tokens)))


def _categorical(parts: list[Coded]) -> pd.Categorical:
    categories = sorted(set().union(*(p.values for p in parts)))
    at = {value: i for i, value in enumerate(categories)}
    codes = [np.array([at[v] for v in p.values], dtype=np.int32)[p.codes] for p in parts]
    return pd.Categorical.from_codes(np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32),
                                     dtype=pd.CategoricalDtype(categories))


def token_table(documents: list[Tokenised]) -> pd.DataFrame:
    """The token table (``TOKEN_COLUMNS``) of the documents, in the order given."""
    doc_ids = sorted({d.doc_id for d in documents})
    at = {d: i for i, d in enumerate(doc_ids)}
    doc_codes = np.repeat(np.array([at[d.doc_id] for d in documents], dtype=np.int32),
                          [d.n_tokens for d in documents])
    data = {
        "doc_id": pd.Categorical.from_codes(doc_codes, dtype=pd.CategoricalDtype(doc_ids)),
        **{c: np.concatenate([d.numbers[c] for d in documents]) if documents else np.zeros(0, dtype=NUMBER_DTYPE)
           for c in NUMBER_COLUMNS},
        "token": _categorical([d.token for d in documents]),
        "term": _categorical([d.term for d in documents]),
        "is_stopword": np.concatenate([d.is_stopword for d in documents]) if documents else np.zeros(0, dtype=bool),
    }
    return pd.DataFrame(data, columns=TOKEN_COLUMNS)
