"""The parts of the corpus the chapters speak of, by name: the statements, the article, the term, a theme.

Each filter is named once, so that a chapter cell reads as a sentence of the analysis
(``statements = the_statements(docs)``) and every page means the same rows by "the statements"
or "during the term".

>>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "genre": ["council_statement", "article", "council_statement"],
...                      "date": ["2016-05-01", "2019-03-02", "2018-12-06"]})
>>> the_statements(docs)["doc_id"].tolist(), the_article(docs)["doc_id"]
(['a', 'c'], 'b')
>>> term = pd.Series({"start": "2017-01-01", "end": "2018-12-31", "label": "the term"})
>>> dated_within(docs, term)["doc_id"].tolist(), dated_before(docs, term)["doc_id"].tolist(), period_years(term)
(['c'], ['a'], '2017–2018')
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from unscspeech.input.corpus import ARTICLE, STATEMENT


def the_statements(documents: pd.DataFrame) -> pd.DataFrame:
    """The Security Council statements among ``documents`` (genre ``council_statement``), in their order."""
    return documents[documents["genre"] == STATEMENT]


def the_articles(documents: pd.DataFrame) -> pd.DataFrame:
    """The articles among ``documents`` (genre ``article``), in their order."""
    return documents[documents["genre"] == ARTICLE]


def the_article(documents: pd.DataFrame) -> pd.Series:
    """The article the chapters read (the first, in a corpus with several); a ``LookupError`` if there is none."""
    articles = the_articles(documents)
    if articles.empty:
        raise LookupError("the corpus has no article")
    return articles.iloc[0]


def interpreted_statements(documents: pd.DataFrame) -> pd.DataFrame:
    """The statements whose English is the UN's interpretation: those delivered in a known language
    other than English (a statement whose language is unknown is not among them, nor an article).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "genre": [STATEMENT, STATEMENT, ARTICLE],
    ...                      "delivery_language": ["Russian", "English", ""]})
    >>> interpreted_statements(docs)["doc_id"].tolist()
    ['a']
    """
    statements = the_statements(documents)
    language = statements["delivery_language"].fillna("").str.strip()
    return statements[(language != "") & (language.str.lower() != "english")]


def english_by_inference(documents: pd.DataFrame) -> pd.DataFrame:
    """The statements taken to have been given in English without the text saying so: delivery
    language English at a level other than ``stated`` (a record with no "(spoke in …)" note is
    read as English, which the datasheet marks inferred).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "genre": [STATEMENT, STATEMENT, STATEMENT, ARTICLE],
    ...                      "delivery_language": ["English", "English", "Russian", "English"],
    ...                      "language_certainty": ["inferred", "stated", "stated", "inferred"]})
    >>> english_by_inference(docs)["doc_id"].tolist()
    ['a']
    """
    statements = the_statements(documents)
    language = statements["delivery_language"].fillna("").str.strip().str.lower()
    how_sure = (statements["language_certainty"].fillna("").str.strip() if "language_certainty" in statements
                else pd.Series("", index=statements.index))
    return statements[(language == "english") & (how_sure != "stated")]


def possible_translations(documents: pd.DataFrame) -> pd.DataFrame:
    """The articles that may be translations: a note in ``translation`` while the language they were
    written in is unknown, so that whether the English is the original is open.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "genre": [ARTICLE, ARTICLE, STATEMENT],
    ...                      "delivery_language": ["", "English", ""], "language_certainty": ["unknown", "stated", "unknown"],
    ...                      "translation": ["Possibly a translation", "", "Possibly a translation"]})
    >>> possible_translations(docs)["doc_id"].tolist()
    ['a']
    """
    articles = the_articles(documents)
    if "translation" not in articles or "language_certainty" not in articles:
        return articles.iloc[0:0]
    return articles[(articles["translation"].fillna("").str.strip() != "")
                    & (articles["language_certainty"].fillna("").str.strip() == "unknown")]


def priority_headings(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The articles' paragraphs that head a priority ("Priority 3: …", "Priorities 6 and 7: …"):
    each is a paragraph, and a hit of its priority, without being an argument.

    >>> docs = pd.DataFrame({"doc_id": ["a", "s"], "genre": [ARTICLE, STATEMENT]})
    >>> paras = pd.DataFrame({"doc_id": ["a", "a", "s"], "paragraph": [1, 2, 1],
    ...                       "text": ["Priorities 6 and 7: UN Reform", "Our priorities were", "Priority 1: x"]})
    >>> priority_headings(paras, docs)["paragraph"].tolist()
    [1]
    """
    mine = paragraphs[paragraphs["doc_id"].isin(the_articles(documents)["doc_id"])]
    return mine[mine["text"].str.match(r"Priorit(?:y|ies) \d")]


def debates_on(documents: pd.DataFrame, subject: str) -> pd.DataFrame:
    """The statements given at a debate whose agenda names ``subject`` (case ignored), in their order:
    "the statements at debates on regional organizations" is ``debates_on(docs, "regional")``.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "genre": [STATEMENT, STATEMENT, ARTICLE],
    ...                      "agenda": ["Regional organizations", "Peacekeeping", ""]})
    >>> debates_on(docs, "regional")["doc_id"].tolist()
    ['a']
    """
    statements = the_statements(documents)
    return statements[statements["agenda"].fillna("").str.contains(subject, case=False, regex=False)]


def council_term(periods: pd.DataFrame) -> pd.Series:
    """The first period of ``periods.csv``: in the edition, Kazakhstan's term on the Council; a
    ``LookupError`` if the corpus folder names none."""
    if periods.empty:
        raise LookupError("periods.csv names no period")
    return periods.iloc[0]


def dated_within(documents: pd.DataFrame, period: pd.Series) -> pd.DataFrame:
    """The documents dated from the period's first day to its last, both included (ISO dates compare as text)."""
    return documents[(documents["date"] >= period["start"]) & (documents["date"] <= period["end"])]


def dated_before(documents: pd.DataFrame, period: pd.Series) -> pd.DataFrame:
    """The documents dated before the period's first day."""
    return documents[documents["date"] < period["start"]]


def period_years(period: pd.Series) -> str:
    """The years a period spans, as printed: "2017–2018"."""
    return f"{period['start'][:4]}–{period['end'][:4]}"


def of_documents(frame: pd.DataFrame, documents: pd.DataFrame | Iterable[str]) -> pd.DataFrame:
    """The rows of ``frame`` (any table with a ``doc_id``) that belong to ``documents`` (a table of
    documents, or their ids).

    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "b", "a"], "paragraph": [1, 1, 2]})
    >>> of_documents(paragraphs, ["a"])["paragraph"].tolist()
    [1, 2]
    """
    return frame[_in(frame, documents)]


def except_documents(frame: pd.DataFrame, documents: pd.DataFrame | Iterable[str]) -> pd.DataFrame:
    """The rows of ``frame`` that do not belong to ``documents``: the rest of :func:`of_documents`.

    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "b", "a"], "paragraph": [1, 1, 2]})
    >>> except_documents(paragraphs, ["a"])["doc_id"].tolist()
    ['b']
    """
    return frame[~_in(frame, documents)]


def _in(frame: pd.DataFrame, documents: pd.DataFrame | Iterable[str]) -> pd.Series:
    ids = documents["doc_id"] if isinstance(documents, pd.DataFrame) else documents
    return frame["doc_id"].isin(ids)


def of_theme(hits: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The rows of ``hits`` (``theme_hits``, ``themes`` or any table with a ``theme``) of one theme."""
    return hits[hits["theme"] == theme]


def document_labels(documents: pd.DataFrame) -> pd.Series:
    """Each document's label ("2007 Aitimova") by its id, for naming documents in tables and prose."""
    return documents.set_index("doc_id")["label"]


def relative_to_period(documents: pd.DataFrame, period: pd.Series) -> dict[str, int]:
    """How many dated documents fall before, during and after a period (ISO dates compare as text)."""
    dates = documents.loc[documents["date"] != "", "date"]
    return {"before": int((dates < period["start"]).sum()),
            "during": int(((dates >= period["start"]) & (dates <= period["end"])).sum()),
            "after": int((dates > period["end"]).sum())}
