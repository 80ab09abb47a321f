"""What cleaning did to the raw lines, summarised from the cleaning log for the corpus chapter.

Every raw line is in the log as kept, changed, joined or removed (:mod:`unscspeech.pipeline.clean`);
these count the lines by what finally happened to each and by the rule that did it.
"""

from __future__ import annotations

import pandas as pd

from unscspeech.pipeline.clean import RULES

#: When one raw line has several log rows, the strongest action describes it.
ACTION_ORDER = ("removed", "changed", "joined", "kept")


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


def lines_by_action(log: pd.DataFrame) -> dict[str, int]:
    """How many raw lines (all documents) ended as each action, every action present."""
    counts = line_dispositions(log)["action"].value_counts()
    return {a: int(counts.get(a, 0)) for a in ACTION_ORDER}


def removed_by_rule(log: pd.DataFrame) -> dict[str, int]:
    """How many raw lines each removing rule took out."""
    removed = line_dispositions(log).query("action == 'removed'")
    return {str(k): int(v) for k, v in removed["rule"].value_counts().sort_index().items()}


def blank_lines_inside_sentences(log: pd.DataFrame) -> int:
    """How many removed blank lines stood inside a sentence: within the lines a mended mid-sentence
    break joined, rather than between two paragraphs.

    >>> log = pd.DataFrame({"doc_id": ["a"] * 3, "line_start": [6, 5, 9], "line_end": [6, 7, 9],
    ...                     "rule": ["blank_line", "mid_sentence_break", "blank_line"]})
    >>> blank_lines_inside_sentences(log)  # the blank line 6 stands inside the break of lines 5-7
    1
    """
    blanks = log[log["rule"] == "blank_line"]
    breaks = log[log["rule"] == "mid_sentence_break"]
    return sum(bool(((breaks["doc_id"] == doc) & (breaks["line_start"] < line) & (line < breaks["line_end"])).any())
               for doc, line in zip(blanks["doc_id"], blanks["line_start"]))


def rule_example(log: pd.DataFrame, rule: str) -> pd.Series:
    """The first log row of a rule (document order), to show a reader what it did."""
    rows = log[log["rule"] == rule]
    if rows.empty:
        raise LookupError(f"the rule {rule!r} never fired")
    return rows.iloc[0]
