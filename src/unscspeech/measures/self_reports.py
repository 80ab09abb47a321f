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

from unscspeech.input.user_patterns import TooSlow, compile_pattern, invalid, spans
from unscspeech.input.judgements import read_judgements
from unscspeech.input.corpus import ARTICLE, STATEMENT
from unscspeech.input.problems import CorpusError, Problem, display_path
from unscspeech.measures.kwic import locate

COLUMNS = ["claim", "passage", "statement_pattern", "note"]
OUT_COLUMNS = [*COLUMNS, "article_paragraph", "statement_paragraphs", "n_statements"]
FILE = "self_reports.csv"


def read_self_reports(path: Path | str, folder: Path | None = None) -> pd.DataFrame:
    """The list of the article's accounts (``claim``, ``passage``, ``statement_pattern``, ``note``),
    indexed by the file line of each (empty when the file is absent; ``#`` lines are notes).
    A passage or pattern left empty, and a pattern neither ``re`` nor the bounded engine reads,
    is refused with its line."""
    path = Path(path)
    reports = read_judgements(path, COLUMNS, folder)
    shown = display_path(path)
    problems = []
    for line, report in reports.iterrows():
        problems += [Problem(shown, f"column '{c}' is empty", line) for c in ("passage", "statement_pattern")
                     if not report[c]]
        why = report["statement_pattern"] and invalid(report["statement_pattern"], re.IGNORECASE)
        if why:
            problems.append(Problem(shown, f"statement_pattern {report['statement_pattern']!r} is not a "
                                           f"regular expression ({why})", line))
    if problems:
        raise CorpusError(problems)
    return reports


def check_self_reports(reports: pd.DataFrame, paragraphs: pd.DataFrame, documents: pd.DataFrame,
                       source: Path | str = FILE) -> pd.DataFrame:
    """Each account with the article's paragraph and the statement paragraphs that speak of it.

    Adds ``article_paragraph`` (where the passage stands in the article) and ``statement_paragraphs``
    (``doc_id:paragraph`` of each statement paragraph the pattern matches, case ignored, ``;``-joined,
    empty when none does), and ``n_statements`` (how many statements those are).

    A passage the article does not hold once, a pattern too slow for a paragraph
    (:mod:`unscspeech.input.user_patterns`) and a corpus without exactly one article are refused as problems
    naming ``source`` and the line of the account (the index :func:`read_self_reports` gives).

    >>> docs = pd.DataFrame({"doc_id": ["s", "a"], "genre": ["council_statement", "article"]})
    >>> paras = pd.DataFrame({"doc_id": ["s", "a"], "paragraph": [1, 1],
    ...                       "text": ["We thank the briefers.", "We chaired the committee on Somalia."]})
    >>> r = pd.DataFrame([["chaired", "chaired the committee on Somalia", "Somalia", ""]], columns=COLUMNS)
    >>> check_self_reports(r, paras, docs)[["article_paragraph", "n_statements"]].values.tolist()
    [[1, 0]]
    """
    shown = display_path(Path(source))
    article = documents.loc[documents["genre"] == ARTICLE, "doc_id"]
    if len(article) != 1:
        raise CorpusError([Problem(shown, f"the accounts are checked against exactly one article; "
                                          f"the corpus has {len(article)}")])
    article = article.iloc[0]
    statements = paragraphs[paragraphs["doc_id"].isin(documents.loc[documents["genre"] == STATEMENT,
                                                                     "doc_id"])]
    rows, problems = [], []
    for line, report in zip(reports.index, reports.itertuples(index=False)):
        line = int(line)
        try:
            where = locate(paragraphs, article, report.passage)
        except LookupError as err:
            problems.append(Problem(shown, f"passage {report.passage!r} must stand in one paragraph of the "
                                           f"article '{article}'; found {str(err).rsplit(' found ', 1)[-1]}", line))
            continue
        try:
            found = _matching(report.statement_pattern, statements)
        except _TooSlowIn as slow:
            problems.append(Problem(shown, f"statement_pattern {report.statement_pattern!r} takes longer than "
                                           f"{slow.seconds:g} s over paragraph {slow.paragraph} of '{slow.doc_id}'; "
                                           "rewrite it without repetitions that can match the same text in many "
                                           "ways", line))
            continue
        rows.append({**report._asdict(), "article_paragraph": where,
                     "statement_paragraphs": ";".join(f"{d}:{p}" for d, p in zip(found["doc_id"], found["paragraph"])),
                     "n_statements": int(found["doc_id"].nunique())})
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(rows, columns=OUT_COLUMNS)


class _TooSlowIn(TooSlow):
    """:class:`TooSlow` over one statement paragraph, which it names."""

    def __init__(self, seconds: float, doc_id: str, paragraph: int):
        super().__init__(seconds)
        self.doc_id, self.paragraph = doc_id, paragraph


def _matching(pattern: str, statements: pd.DataFrame) -> pd.DataFrame:
    """The statement paragraphs ``pattern`` (case ignored) matches, searched on the bounded engine."""
    compiled = compile_pattern(pattern, re.IGNORECASE)
    matched = []
    for doc_id, paragraph, text in zip(statements["doc_id"], statements["paragraph"], statements["text"]):
        try:
            matched.append(bool(spans(compiled, text)))
        except TooSlow as slow:
            raise _TooSlowIn(slow.seconds, doc_id, int(paragraph)) from None
    return statements[pd.Series(matched, index=statements.index, dtype=bool)]
