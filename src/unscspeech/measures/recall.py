"""How much of each theme the codebook misses: a reading check of the paragraphs it did not match.

Precision (``data/theme_checks.csv``) says how many of a theme's matches are about the theme;
it cannot say how many paragraphs about the theme the codebook never matched. For that, the
paragraphs with no hit of a theme are sampled (:func:`recall_sample`, seeded) and read, and
each judgement (``yes``: the paragraph is about the theme, so the codebook missed it) is kept
in ``data/theme_recall.csv``. :func:`recall_estimate` turns the judgements into an estimate:
the share of sampled paragraphs missed, scaled to all the theme's unmatched paragraphs, against
the matched paragraphs that the precision check says are about the theme.

With a few paragraphs read per theme the estimate is coarse; the table keeps the counts it
rests on so that a reader can weigh it.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd

from unscspeech.input import judgements
from unscspeech.input.problems import CorpusError, Problem, display_path

COLUMNS = ["theme", "doc_id", "paragraph", "about_theme", "note"]
OUT_COLUMNS = ["theme", "matched", "unmatched", "read", "missed", "estimated_missed", "precision", "recall",
               "recall_low", "recall_high"]
#: The judgements' file in the corpus folder (optional).
FILE = "theme_recall.csv"
#: z of the two-sided 95% Wilson interval on the share missed.
Z = 1.959964


def wilson(k: int, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n (95% by default), which stays inside 0–1
    and is not empty at k = 0, as the reading of a few paragraphs needs.

    >>> [round(x, 3) for x in wilson(0, 4)]
    [0.0, 0.49]
    """
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def recall_sample(paragraphs: pd.DataFrame, hits: pd.DataFrame, theme: str, n: int = 4, seed: int = 0) -> pd.DataFrame:
    """The paragraphs without a hit of ``theme`` drawn for reading (``doc_id``, ``paragraph``), seeded.

    >>> paras = pd.DataFrame({"doc_id": ["a"] * 4, "paragraph": [1, 2, 3, 4]})
    >>> hits = pd.DataFrame({"doc_id": ["a"], "paragraph": [2], "theme": ["t"]})
    >>> sorted(recall_sample(paras, hits, "t", n=5)["paragraph"])
    [1, 3, 4]
    """
    matched = set(map(tuple, hits.loc[hits["theme"] == theme, ["doc_id", "paragraph"]].itertuples(index=False)))
    unmatched = paragraphs[[(d, p) not in matched for d, p in zip(paragraphs["doc_id"], paragraphs["paragraph"])]]
    sample = unmatched[["doc_id", "paragraph"]].sample(n=min(n, len(unmatched)), random_state=seed)
    return sample.sort_values(["doc_id", "paragraph"]).reset_index(drop=True)


def read_judgements(path: Path | str, folder: Path | None = None, themes: Collection[str] | None = None,
                    doc_ids: Collection[str] | None = None) -> pd.DataFrame:
    """The recall judgements (``theme``, ``doc_id``, ``paragraph``, ``about_theme``, ``note``); empty
    when the file is absent. ``#`` lines are notes; ``about_theme`` must be yes or no, ``paragraph``
    a number and, where given, ``theme`` among ``themes`` and ``doc_id`` among ``doc_ids``. The
    rows are indexed by their file line, which :func:`recall_estimate` names in a problem."""
    return judgements.read_judgements(Path(path), COLUMNS, folder, yes_no=("about_theme",), numbers=("paragraph",),
                                      themes=themes, doc_ids=doc_ids)


def recall_estimate(judgements: pd.DataFrame, paragraphs: pd.DataFrame, hits: pd.DataFrame,
                    codebook: pd.DataFrame, source: Path | str = FILE) -> pd.DataFrame:
    """Per theme read: paragraphs matched and unmatched, how many unmatched were read and how
    many of those the codebook missed, the missed paragraphs that implies, and the recall.

    ``recall`` = relevant matched / (relevant matched + estimated missed), where relevant
    matched is matched paragraphs × the theme's precision (1 when it has none); ``recall_low``
    and ``recall_high`` put the ends of the share missed's 95% Wilson interval in its place.
    A judged paragraph the theme matches is refused, naming ``source`` and the judgement's line
    (the index :func:`read_judgements` gives).

    >>> paras = pd.DataFrame({"doc_id": ["a"] * 5, "paragraph": [1, 2, 3, 4, 5]})
    >>> hits = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "theme": ["t"]})
    >>> book = pd.DataFrame({"theme": ["t"], "precision_checked": [1], "precision_relevant": [1]})
    >>> j = pd.DataFrame({"theme": ["t", "t"], "doc_id": ["a", "a"], "paragraph": [2, 3],
    ...                   "about_theme": ["yes", "no"], "note": ["", ""]})
    >>> recall_estimate(j, paras, hits, book)[["matched", "unmatched", "estimated_missed", "recall"]].to_dict("records")
    [{'matched': 1, 'unmatched': 4, 'estimated_missed': 2.0, 'recall': 0.333333}]
    """
    rows, problems = [], []
    book = codebook.set_index("theme")
    for theme, read in judgements.groupby("theme", sort=False):
        matched = hits.loc[hits["theme"] == theme, ["doc_id", "paragraph"]].drop_duplicates()
        keys = set(zip(matched["doc_id"], matched["paragraph"]))
        problems += [Problem(display_path(Path(source)), f"paragraph {p} of '{d}' is judged for recall but theme "
                                                         f"'{theme}' matches it; judge only unmatched paragraphs", int(line))
                     for line, d, p in zip(read.index, read["doc_id"], read["paragraph"]) if (d, p) in keys]
        if problems:
            continue
        unmatched = len(paragraphs) - len(matched)
        missed = int((read["about_theme"] == "yes").sum())
        estimated = missed / len(read) * unmatched
        checked = book.loc[theme, "precision_checked"] if theme in book.index else 0
        precision = float(book.loc[theme, "precision_relevant"] / checked) if checked else 1.0
        relevant = len(matched) * precision
        def recall_at(missed_share: float) -> float:
            lost = missed_share * unmatched
            return relevant / (relevant + lost) if relevant + lost else float("nan")
        low_share, high_share = wilson(missed, len(read))
        rows.append((theme, len(matched), unmatched, len(read), missed, round(estimated, 6), round(precision, 6),
                     round(recall_at(missed / len(read)), 6), round(recall_at(high_share), 6),
                     round(recall_at(low_share), 6)))
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(rows, columns=OUT_COLUMNS)
