"""Stance: how the speakers position themselves, counted from a list of markers.

The markers are data (``stance.csv`` in the corpus folder): each has a category
(``framing``: first-person-plural and self-referring framings such as *we support*,
*my delegation*; ``modality``: *must*, *should*, *need to*, *will*; ``appreciation``:
thanks, gratitude, appreciation), a name and a regular expression, matched
case-insensitively on whole words in the cleaned paragraphs with quotes and dashes
made plain. Stance is counted on every word token (modal verbs and pronouns are
stopwords for the keyword lists, not here). A span of text counts once per
category: where two markers of one category overlap, the one listed first wins. The patterns run
on a bounded engine (:mod:`unscspeech.input.user_patterns`): one too slow for a paragraph stops the build with
its line in ``stance.csv``.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import regex

from unscspeech.input.user_patterns import TooSlow, compile_pattern, spans

from unscspeech.input.corpus import read_rows
from unscspeech.measures.whole_words import WORD_END, never_matches
from unscspeech._engine.worker_pool import map_documents
from unscspeech.measures.overlap import clear_of
from unscspeech.input.problems import CorpusError, Problem, display_path
from unscspeech.pipeline.tokens import normalise_for_matching

CATEGORIES = {
    "framing": "First-person-plural and self-referring framings (we support, we believe, my delegation…)",
    "modality": "Modal verbs of obligation, necessity and intention (must, should, need to, will)",
    "appreciation": "Thanks, gratitude and appreciation",
}
MARKER_COLUMNS = ("category", "marker", "pattern", "note")


def marker_expression(pattern: str) -> str:
    """What a marker matches, by definition: its pattern on whole words (no word character, hyphen
    or apostrophe may touch it, except a possessive 's after it, which ends it as the book's other
    words end: :data:`unscspeech.measures.whole_words.WORD_END`; case is ignored when it is
    compiled). A marker is a phrase of speech, never part of a name, so it does not take the
    names' one exception at its start (a hyphen before a capital).

    >>> import re
    >>> [m.group() for m in re.finditer(marker_expression(r"needs?( to)?"), "we need to act; needless needs", re.I)]
    ['need to', 'needs']
    >>> [m.group() for m in re.finditer(marker_expression("our country"), "our country's aim; our country'd")]
    ['our country']
    """
    return rf"(?<![\w'-])(?:{pattern})" + WORD_END


@dataclass(frozen=True)
class Marker:
    """One stance marker of ``stance.csv``: its category, the marker as a reader sees it, the
    expression that finds it and a note on what it signals."""

    category: str
    marker: str
    pattern: str
    note: str
    regex: regex.Pattern
    #: Where the marker is written (``stance.csv`` as shown to the user, and its line).
    path: str = ""
    line: int | None = None


def load_markers(path: Path | str) -> list[Marker]:
    """Read and check ``stance.csv``; raise :class:`CorpusError` naming the line of each problem."""
    path = Path(path)
    shown = display_path(path)
    rows, problems = read_rows(path, MARKER_COLUMNS, missing="the stance marker list is missing",
                               refuse_controls=True)
    if problems and not rows:
        raise CorpusError(problems)
    markers: list[Marker] = []
    seen: set[tuple[str, str]] = set()
    for line, row in rows:
        v = {c: row[c] for c in MARKER_COLUMNS}
        where = f"marker '{v['marker']}'"
        if v["category"] not in CATEGORIES:
            problems.append(Problem(shown, f"{where}: category '{v['category']}' is unknown; use one of: "
                                           + ", ".join(CATEGORIES), line))
        if not v["marker"]:
            problems.append(Problem(shown, "column 'marker' is empty", line))
        if (v["category"], v["marker"]) in seen:
            problems.append(Problem(shown, f"{where} is listed twice in '{v['category']}'", line))
        seen.add((v["category"], v["marker"]))
        why = never_matches(v["pattern"])
        compiled = None
        if why:
            problems.append(Problem(shown, f"{where}: pattern {v['pattern']!r} {why}", line))
        else:
            compiled = compile_pattern(marker_expression(v["pattern"]), re.IGNORECASE)
        if compiled is not None:
            markers.append(Marker(v["category"], v["marker"], v["pattern"], v["note"], compiled, shown, line))
    if not markers and not problems:
        problems.append(Problem(shown, "the stance marker list is empty"))
    if problems:
        raise CorpusError(problems)
    return markers


def find_stance(markers: list[Marker], paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Every marker hit: ``doc_id``, ``paragraph``, ``category``, ``marker``, ``start``, ``end``,
    ``match``. A span counts once per category: a marker's match overlapping an earlier listed
    marker's of the same category is left out.

    >>> def marker(category, name, pattern):
    ...     return Marker(category, name, pattern, "", compile_pattern(marker_expression(pattern), re.IGNORECASE))
    >>> markers = [marker("modality", "need to", "needs? to"), marker("modality", "need", "needs?"),
    ...            marker("framing", "we support", "we support")]
    >>> paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1],
    ...                            "text": ["We support the needs of Asia; we need to act."]})
    >>> find_stance(markers, paragraphs)[["category", "marker", "match"]].values.tolist()
    [['framing', 'we support', 'We support'], ['modality', 'need', 'needs'], ['modality', 'need to', 'need to']]
    """
    rows = []
    for row in paragraphs.itertuples(index=False):
        text = normalise_for_matching(row.text)
        taken: dict[str, list[tuple[int, int]]] = {}  # per category, sorted
        for marker in markers:
            earlier = taken.get(marker.category, [])
            found = clear_of(_bounded(marker, text, row.doc_id, row.paragraph), earlier)
            taken[marker.category] = list(heapq.merge(earlier, found))
            for start, end in found:
                rows.append((row.doc_id, int(row.paragraph), marker.category, marker.marker, start, end,
                             row.text[start:end]))
    return _sorted(pd.DataFrame(rows, columns=["doc_id", "paragraph", "category", "marker", "start", "end", "match"]))


def _bounded(marker: Marker, text: str, doc_id: str, number: int) -> list[tuple[int, int]]:
    """The spans of a marker in one paragraph, or a :class:`CorpusError` naming its line if its
    pattern takes too long."""
    try:
        return spans(marker.regex, text)
    except TooSlow as slow:
        raise CorpusError([Problem(
            marker.path, f"marker '{marker.marker}': pattern {marker.pattern!r} takes longer than "
                         f"{slow.seconds:g} s over paragraph {number} of '{doc_id}' ({len(text):,} "
                         "characters); rewrite it without repetitions that can match the same text in many ways",
            marker.line)]) from None


def _sorted(hits: pd.DataFrame) -> pd.DataFrame:
    # Stable, so that the hits of documents matched in separate chunks sort as they would together.
    return hits.sort_values(["doc_id", "paragraph", "start", "category"], kind="stable").reset_index(drop=True)


def stance_counts(hits: pd.DataFrame, markers: list[Marker], documents: pd.DataFrame) -> pd.DataFrame:
    """Every document × marker (zeros kept): ``doc_id``, ``category``, ``marker``, ``count``,
    ``per_1000`` word tokens, so that documents of different lengths compare.

    >>> markers = [Marker("modality", "must", "must", "", None), Marker("framing", "we support", "we support", "", None)]
    >>> hits = pd.DataFrame({"doc_id": ["a", "a", "b"], "category": ["modality", "modality", "framing"],
    ...                      "marker": ["must", "must", "we support"]})
    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "n_tokens": [400, 250]})
    >>> stance_counts(hits, markers, documents).values.tolist()
    [['a', 'modality', 'must', 2, 5.0], ['a', 'framing', 'we support', 0, 0.0], ['b', 'modality', 'must', 0, 0.0], ['b', 'framing', 'we support', 1, 4.0]]
    """
    counts = hits.groupby(["doc_id", "category", "marker"]).size()
    keys = [(d, m.category, m.marker) for d in documents["doc_id"].tolist() for m in markers]
    n = counts.reindex(pd.MultiIndex.from_tuples(keys), fill_value=0).tolist() if keys else []
    size = [t for t in documents["n_tokens"].tolist() for _ in markers]
    return pd.DataFrame({"doc_id": [k[0] for k in keys], "category": [k[1] for k in keys],
                         "marker": [k[2] for k in keys], "count": n,
                         # Python's round (correctly rounded), not NumPy's.
                         "per_1000": [round(1000 * c / t, 6) for c, t in zip(n, size)]},
                        columns=["doc_id", "category", "marker", "count", "per_1000"])


def category_rates(stance: pd.DataFrame) -> pd.DataFrame:
    """Per document and category: ``count`` and ``per_1000`` summed over the markers.

    >>> stance = pd.DataFrame({"doc_id": ["a", "a"], "category": ["modality"] * 2, "marker": ["must", "should"],
    ...                        "count": [2, 1], "per_1000": [5.0, 2.5]})
    >>> category_rates(stance).values.tolist()
    [['a', 'modality', 3, 7.5]]
    """
    return (stance.groupby(["doc_id", "category"], sort=False)[["count", "per_1000"]].sum()
            .round(6).reset_index())


def rates_by_document(stance: pd.DataFrame) -> pd.DataFrame:
    """Markers per 1,000 words: a row per document, a column per category.

    >>> stance = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "category": ["modality", "framing"] * 2,
    ...                        "marker": ["must", "we"] * 2, "count": [2, 1, 0, 0], "per_1000": [5.0, 2.5, 0.0, 0.0]})
    >>> rates_by_document(stance).to_dict("index")
    {'a': {'framing': 2.5, 'modality': 5.0}, 'b': {'framing': 0.0, 'modality': 0.0}}
    """
    return category_rates(stance).pivot(index="doc_id", columns="category", values="per_1000")


class StanceTables(NamedTuple):
    """The stance measure's tables, each field named as the table is declared."""

    stance: pd.DataFrame
    stance_hits: pd.DataFrame
    stance_markers: pd.DataFrame


def stance_tables(markers: list[Marker], paragraphs: pd.DataFrame, documents: pd.DataFrame,
                  n_jobs: int | None = None) -> StanceTables:
    """The counts per document and marker (:func:`stance_counts`), every hit (:func:`find_stance`) and
    the list of markers itself: the stance tables as the build writes them, so that a
    reader can check every count against its hits and the marker that found them.

    The paragraphs are matched on ``n_jobs`` processes (:mod:`unscspeech._engine.worker_pool`).

    >>> markers = [Marker("modality", "must", "must", "obligation", compile_pattern(marker_expression("must"), re.I))]
    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 2, 1],
    ...                            "text": ["We must act.", "Peace must come; it must.", "We hope."]})
    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "n_tokens": [8, 2]})
    >>> tables = stance_tables(markers, paragraphs, documents, n_jobs=1)
    >>> tables.stance.values.tolist()
    [['a', 'modality', 'must', 3, 375.0], ['b', 'modality', 'must', 0, 0.0]]
    >>> tables.stance_hits[["doc_id", "paragraph", "match"]].values.tolist()
    [['a', 1, 'must'], ['a', 2, 'must'], ['a', 2, 'must']]
    >>> tables.stance_markers.values.tolist()
    [['modality', 'must', 'must', 'obligation']]
    """
    hits = _sorted(map_documents(partial(find_stance, markers), paragraphs, n_jobs))
    listed = pd.DataFrame([(m.category, m.marker, m.pattern, m.note) for m in markers], columns=list(MARKER_COLUMNS))
    return StanceTables(stance=stance_counts(hits, markers, documents), stance_hits=hits, stance_markers=listed)
