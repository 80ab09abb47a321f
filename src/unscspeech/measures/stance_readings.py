"""Readings of stance hits: the uses of a marker that do not carry its stance.

A marker is a pattern, and a pattern cannot tell a preposition from the noun of a courtesy, or a
condition from an obligation. These functions find such uses in the hits table
(:func:`unscspeech.measures.stance.find_stance`), so that the stance chapter counts and quotes
them rather than asserting them: the causal *thanks to*, the conditional *should*, and thanks
addressed to the Council's presidency or a briefer rather than to a state or a cause. They read
the hits; the counts in ``stance.csv`` stay what the markers match.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: Words that make the following *thanks* the noun of a courtesy: a possessive, an article, *of*
#: ("a letter of thanks to") or a verb of thanking ("expresses thanks to").
COURTESY_BEFORE_THANKS = r"(?i)\b(?:our|my|its|their|his|her|the|a|of|express(?:es|ed)?|extend(?:s|ed)?)"
#: A subject right after *should*: the clause is a condition ("should they be deployed").
SUBJECT_AFTER_SHOULD = r"(?i)\s+(?:they|we|it|he|she|you|there|this|that|these|those|I)\b"
#: Where the addressee of a thanks ends: its reason ("for …") or the end of its sentence (a full
#: stop that is not the one of *Mr.* or *Ms.*).
END_OF_ADDRESSEE = r"\sfor\s|\.(?:\s|$)(?<!Mr\.\s)(?<!Ms\.\s)"
#: The gazetteer's kinds of actor that are officials (a Secretary-General, an envoy, a minister).
OFFICIAL_KINDS = ("un_official", "official")


def followed_by(text: str, end: int, pattern: str) -> bool:
    """Whether ``pattern`` matches ``text`` right at position ``end`` (the end of a hit).

    >>> followed_by("thanks to you", 6, r"\\s+to\\b")
    True
    """
    return re.match(pattern, text[end:]) is not None


def preceded_by(text: str, start: int, pattern: str) -> bool:
    """Whether the text before position ``start`` (the start of a hit) ends with ``pattern`` and
    then only white space.

    >>> preceded_by("our thanks to you", 4, r"\\bour"), preceded_by("four thanks", 5, r"\\bour")
    (True, False)
    """
    return re.search(pattern + r"\s+$", text[:start]) is not None


def _texts(paragraphs: pd.DataFrame) -> pd.Series:
    return paragraphs.set_index(["doc_id", "paragraph"])["text"]


def causal_thanks(hits: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The hits of the marker ``thanks`` that are the preposition *thanks to* ("thanks to the role
    of …"): *thanks* followed by *to*, not after a word that makes it the noun of a courtesy
    (:data:`COURTESY_BEFORE_THANKS`: "our thanks to", "a letter of thanks to").

    >>> paragraphs = pd.DataFrame({"doc_id": ["d"], "paragraph": [1],
    ...                            "text": ["Our thanks to you. It ended thanks to them."]})
    >>> hits = pd.DataFrame({"doc_id": ["d", "d"], "paragraph": [1, 1], "marker": ["thanks", "thanks"],
    ...                      "start": [4, 28], "end": [10, 34], "match": ["thanks", "thanks"]})
    >>> causal_thanks(hits, paragraphs)["start"].tolist()
    [28]
    """
    texts = _texts(paragraphs)
    candidates = hits[hits["marker"] == "thanks"]
    keep = [h.match.lower() == "thanks"
            and followed_by(texts[(h.doc_id, h.paragraph)], h.end, r"\s+to\b")
            and not preceded_by(texts[(h.doc_id, h.paragraph)], h.start, COURTESY_BEFORE_THANKS)
            for h in candidates.itertuples()]
    return candidates[np.array(keep, dtype=bool)]


def conditional_should(hits: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The hits of the marker ``should`` followed by their subject (:data:`SUBJECT_AFTER_SHOULD`):
    a condition ("should they be deployed"), not an obligation.

    >>> paragraphs = pd.DataFrame({"doc_id": ["d"], "paragraph": [1],
    ...                            "text": ["We should act, should they be deployed."]})
    >>> hits = pd.DataFrame({"doc_id": ["d", "d"], "paragraph": [1, 1], "marker": ["should", "should"],
    ...                      "start": [3, 15], "end": [9, 21], "match": ["should", "should"]})
    >>> conditional_should(hits, paragraphs)["start"].tolist()
    [15]
    """
    texts = _texts(paragraphs)
    candidates = hits[hits["marker"] == "should"]
    keep = [followed_by(texts[(h.doc_id, h.paragraph)], h.end, SUBJECT_AFTER_SHOULD) for h in candidates.itertuples()]
    return candidates[np.array(keep, dtype=bool)]


def thanks_the_chair_or_a_briefer(hits: pd.DataFrame, paragraphs: pd.DataFrame, mentions: pd.DataFrame,
                                  gazetteer: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """For each hit, whether it thanks the presidency or a briefer: the words after it, up to the
    thanks' reason ("for …") or its sentence's end (:data:`END_OF_ADDRESSEE`), say *Mr. President*
    (its full stop optional) or *presidency* in lower case, or name (in ``mentions``, the actor table) an official or the state that
    presides over the meeting (``documents``' ``presidency``).

    >>> paragraphs = pd.DataFrame({"doc_id": ["d"] * 2, "paragraph": [1, 2], "text": [
    ...     "I thank Mr. President for this debate.", "We thank Kazakhstan for its help."]})
    >>> hits = pd.DataFrame({"doc_id": ["d"] * 2, "paragraph": [1, 2], "start": [2, 3], "end": [7, 8]})
    >>> mentions = pd.DataFrame({"doc_id": ["d"], "paragraph": [2], "actor": ["Kazakhstan"], "start": [9]})
    >>> gazetteer = pd.DataFrame({"actor": ["Kazakhstan"], "kind": ["state"]})
    >>> documents = pd.DataFrame({"doc_id": ["d"], "presidency": ["Indonesia"]})
    >>> thanks_the_chair_or_a_briefer(hits, paragraphs, mentions, gazetteer, documents).tolist()
    [True, False]
    """
    texts = _texts(paragraphs)
    officials = set(gazetteer.loc[gazetteer["kind"].isin(OFFICIAL_KINDS), "actor"])
    presidency = documents.set_index("doc_id")["presidency"].fillna("")

    def addressed(hit) -> bool:
        text = texts[(hit.doc_id, hit.paragraph)]
        stop = re.search(END_OF_ADDRESSEE, text[hit.end:])
        end = hit.end + (stop.start() if stop else len(text) - hit.end)
        if re.search(r"\bMr\.? President\b|\bpresidency\b", text[hit.end:end]):
            return True
        named = mentions.loc[(mentions["doc_id"] == hit.doc_id) & (mentions["paragraph"] == hit.paragraph)
                             & (mentions["start"] >= hit.end) & (mentions["start"] < end), "actor"]
        return bool(set(named) & (officials | {presidency[hit.doc_id]} - {""}))

    return pd.Series([addressed(h) for h in hits.itertuples()], index=hits.index, dtype=bool)
