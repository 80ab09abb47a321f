"""The article's accounts of its own record that the statements can neither confirm nor contradict.

The 2019 article reports what Kazakhstan did on the Council: a presidential statement, a
briefing, committees chaired, a code of conduct adopted. Most of that work happened outside the
open debates this corpus holds, so the statements cannot bear witness to it. Each such account is
listed in ``data/self_reports.csv`` with the article's own words and a regular expression for
what a statement would say if it spoke of the same thing; :func:`check_self_reports` quotes the
passage (refusing one the article lacks) and searches every statement for the expression, so
that a reader sees which accounts the corpus echoes and which it is silent on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from unscspeech.tables import locate

COLUMNS = ["claim", "passage", "statement_pattern", "note"]


def read_self_reports(path: Path | str) -> pd.DataFrame:
    """The list of the article's accounts (``claim``, ``passage``, ``statement_pattern``, ``note``)."""
    table = pd.read_csv(path, keep_default_na=False, dtype=str)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    return table[COLUMNS]


def check_self_reports(reports: pd.DataFrame, paragraphs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Each account with the article's paragraph and the statement paragraphs that speak of it.

    Adds ``article_paragraph`` (where the passage stands in the article) and ``statement_paragraphs``
    (``doc_id:paragraph`` of each statement paragraph the pattern matches, case ignored, ``;``-joined,
    empty when none does), and ``n_statements`` (how many statements those are).

    >>> docs = pd.DataFrame({"doc_id": ["s", "a"], "genre": ["council_statement", "article"]})
    >>> paras = pd.DataFrame({"doc_id": ["s", "a"], "paragraph": [1, 1],
    ...                       "text": ["We thank the briefers.", "We chaired the committee on Somalia."]})
    >>> r = pd.DataFrame([["chaired", "chaired the committee on Somalia", "Somalia", ""]], columns=COLUMNS)
    >>> check_self_reports(r, paras, docs)[["article_paragraph", "n_statements"]].values.tolist()
    [[1, 0]]
    """
    article = documents.loc[documents["genre"] == "article", "doc_id"]
    if len(article) != 1:
        raise ValueError("the accounts are checked against exactly one article")
    article = article.iloc[0]
    statements = paragraphs[paragraphs["doc_id"].isin(documents.loc[documents["genre"] == "council_statement",
                                                                     "doc_id"])]
    rows = []
    for report in reports.itertuples(index=False):
        found = statements[statements["text"].str.contains(report.statement_pattern, flags=re.IGNORECASE, regex=True)]
        rows.append({**report._asdict(), "article_paragraph": locate(paragraphs, article, report.passage),
                     "statement_paragraphs": ";".join(f"{d}:{p}" for d, p in zip(found["doc_id"], found["paragraph"])),
                     "n_statements": int(found["doc_id"].nunique())})
    return pd.DataFrame(rows)
