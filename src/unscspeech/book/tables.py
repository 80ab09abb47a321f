"""Read the processed tables and derive the small summaries the chapters show.

Chapters never re-run the pipeline: they read what ``build`` wrote. The
functions here only reshape those tables (labels for documents, what happened
to each raw line, where a quoted phrase stands) so that every number a chapter
prints is computed by tested code.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pandas as pd

from unscspeech.book import certainty
from unscspeech.pipeline.clean import RULES
from unscspeech.pipeline.csv_formulas import restore_formulas
from unscspeech.pipeline.tokens import normalise_for_matching

from unscspeech.pipeline.cache import TABLES  # noqa: E402  (the tables build writes)
#: When one raw line has several log rows, the strongest action describes it.
ACTION_ORDER = ("removed", "changed", "joined", "kept")


def read_tables(processed: Path | str) -> dict[str, pd.DataFrame]:
    """The processed tables by name; text columns stay text (``keep_default_na=False``), number columns numbers,
    and text cells exactly as they were made (the quote that kept a spreadsheet formula inert removed,
    see :mod:`unscspeech.pipeline.csv_formulas`)."""
    processed = Path(processed)
    missing = [t for t in TABLES if not (processed / f"{t}.csv").is_file()]
    if missing:
        what = "the folder does not exist" if not processed.is_dir() else \
            f"missing {', '.join(m + '.csv' for m in missing)}"
        raise FileNotFoundError(errno.ENOENT, f"{what}; run `make data` (python -m unscspeech build) first",
                                str(processed))
    tables = {t: _with_numbers(t, restore_formulas(pd.read_csv(processed / f"{t}.csv", keep_default_na=False)))
              for t in TABLES}
    tables["documents"] = with_labels(tables["documents"])
    return tables


def _with_numbers(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Columns the data dictionary types as numbers, as numbers: an empty cell (a statistic that is
    undefined, such as a rank correlation of a constant list, or the rank of a term that is not
    key) reads as missing, not as text, and whole numbers stay whole."""
    from unscspeech.pipeline.datapackage import DICTIONARY

    columns = DICTIONARY.get(table, ("", "", {}))[2]
    numeric = [c for c, (kind, _, _) in columns.items() if kind in ("number", "integer") and c in frame
               and not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.assign(**{c: pd.to_numeric(frame[c].replace("", None)).astype(
        "Int64" if columns[c][0] == "integer" else float) for c in numeric})


def with_labels(documents: pd.DataFrame) -> pd.DataFrame:
    """Add ``year``, ``surname``, a short ``label`` ("2007 Aitimova", marked where the date or the
    surname is a candidate or attributed: "2019 Atamkulov†") and ``how_sure`` (the values that are
    not stated, by level) for charts and tables."""
    out = documents.copy()
    out["year"] = out["date"].str[:4]
    out["surname"] = out["speaker"].str.split().str[-1]
    rows = out.to_dict("records")
    out["label"] = [certainty.label(r) for r in rows]
    out["how_sure"] = [certainty.summary(r) for r in rows]
    return out


def line_dispositions(log: pd.DataFrame) -> pd.DataFrame:
    """One row per raw line: what finally happened to it (removed > changed > joined > kept)."""
    rows = []
    for row in log.itertuples(index=False):
        for line in range(int(row.line_start), int(row.line_end) + 1):
            rows.append((row.doc_id, line, row.action, row.rule))
    lines = pd.DataFrame(rows, columns=["doc_id", "line", "action", "rule"])
    rank = {a: i for i, a in enumerate(ACTION_ORDER)}
    lines["rank"] = lines["action"].map(rank)
    first = lines.sort_values(["doc_id", "line", "rank"], kind="stable").drop_duplicates(["doc_id", "line"])
    return first.drop(columns="rank").reset_index(drop=True)


def disposition_counts(log: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Raw lines per document and final action, with every action present (zeros kept)."""
    lines = line_dispositions(log)
    counts = lines.groupby(["doc_id", "action"]).size().rename("lines")
    index = pd.MultiIndex.from_product([documents["doc_id"], list(ACTION_ORDER)], names=["doc_id", "action"])
    out = counts.reindex(index, fill_value=0).reset_index()
    return out.merge(documents[["doc_id", "label", "how_sure"]], on="doc_id")


def rule_summary(log: pd.DataFrame) -> pd.DataFrame:
    """Each cleaning rule with its action, how often it fired, in how many documents, and what it does."""
    summary = (log.groupby(["rule", "action"])
                  .agg(times=("doc_id", "size"), documents=("doc_id", "nunique"))
                  .reset_index())
    summary["What it does"] = summary["rule"].map(RULES)
    order = {a: i for i, a in enumerate(ACTION_ORDER)}
    summary["_o"] = summary["action"].map(order)
    return summary.sort_values(["_o", "times", "rule"], ascending=[True, False, True]).drop(columns="_o").reset_index(drop=True)


def locate(paragraphs: pd.DataFrame, doc_id: str, phrase: str) -> int:
    """The paragraph of ``doc_id`` that contains ``phrase`` (quotes and dashes evened out).

    Raises ``LookupError`` when the phrase is not there or is ambiguous, so that a
    chapter can never cite a passage the corpus does not hold.
    """
    needle = re.sub(r"\s+", " ", normalise_for_matching(phrase)).strip()
    rows = paragraphs[paragraphs["doc_id"] == doc_id]
    hits = [int(r.paragraph) for r in rows.itertuples()
            if needle in re.sub(r"\s+", " ", normalise_for_matching(r.text))]
    if len(hits) != 1:
        found = "nowhere" if not hits else f"in paragraphs {hits}"
        raise LookupError(f"{doc_id}: phrase {phrase!r} found {found}")
    return hits[0]



def lines_by_action(log: pd.DataFrame) -> dict[str, int]:
    """How many raw lines (all documents) ended as each action, every action present."""
    counts = line_dispositions(log)["action"].value_counts()
    return {a: int(counts.get(a, 0)) for a in ACTION_ORDER}


def removed_by_rule(log: pd.DataFrame) -> dict[str, int]:
    """How many raw lines each removing rule took out."""
    removed = line_dispositions(log).query("action == 'removed'")
    return {str(k): int(v) for k, v in removed["rule"].value_counts().sort_index().items()}


def rule_example(log: pd.DataFrame, rule: str) -> pd.Series:
    """The first log row of a rule (document order), to show a reader what it did."""
    rows = log[log["rule"] == rule]
    if rows.empty:
        raise LookupError(f"the rule {rule!r} never fired")
    return rows.iloc[0]


def relative_to_period(documents: pd.DataFrame, period: pd.Series) -> dict[str, int]:
    """How many dated documents fall before, during and after a period (ISO dates compare as text)."""
    dates = documents.loc[documents["date"] != "", "date"]
    return {"before": int((dates < period["start"]).sum()),
            "during": int(((dates >= period["start"]) & (dates <= period["end"])).sum()),
            "after": int((dates > period["end"]).sum())}


def interpreted_statements(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents whose English is the UN's interpretation: those spoken in a known language
    other than English (a document whose language is unknown is not among them)."""
    language = documents["delivery_language"]
    return documents[(language != "") & (language != "English")]
