"""How sure each metadata value is, shown wherever the value is.

``metadata.csv`` gives every value that the book shows (speaker, role, date, meeting, agenda,
presidency, language, forum) a level from :data:`unscspeech.input.corpus.CERTAINTIES`. A value that is
only a candidate or only attributed must never read as a fact, so it is printed with a mark
(:data:`MARKS`), and every table or chart that prints a mark also prints its legend
(:func:`legend_for`). Document labels carry the marks of the values they are made of: the year
(the date) and the surname.
"""

from __future__ import annotations

import pandas as pd

from unscspeech.input.corpus import CERTAINTIES, CERTAINTY_OF

#: The mark printed after a value of each level; stated and inferred values carry none.
MARKS = {"candidate": "†", "attributed": "‡"}
#: What each level means, as the datasheet and the legends say it.
MEANINGS = {
    "stated": "the text says it",
    "inferred": "the text does not say it, but strong evidence establishes it (the header, the agenda, "
                "dated references)",
    "candidate": "a plausible match that the text does not confirm",
    "attributed": "named by the source's context, not by the text",
    "unknown": "not known",
}
#: How the book names each value that has a level, in the order it lists them.
VALUE_NAMES = {
    "surname": "surname", "speaker": "full name", "speaker_role": "role", "date": "date",
    "meeting": "meeting", "agenda": "agenda", "presidency": "presidency",
    "delivery_language": "language", "forum": "forum",
}
assert set(MEANINGS) == set(CERTAINTIES) and set(VALUE_NAMES) == set(CERTAINTY_OF)


def level(row: pd.Series | dict, value: str) -> str:
    """The level of one value of a document's row ("" where the corpus gives none)."""
    return str(row.get(CERTAINTY_OF[value], "") or "")


def mark(text: str, how_sure: str) -> str:
    """``text`` with the mark of its level (nothing for stated, inferred or no level)."""
    return f"{text}{MARKS.get(how_sure, '')}" if text else text


def shown(documents: pd.DataFrame, value: str) -> pd.Series:
    """A metadata column as the book prints it: marked by its level, "unknown" where it is not known."""
    column = CERTAINTY_OF[value]
    levels = documents[column] if column in documents else pd.Series("", index=documents.index)
    out = [mark(str(v), str(lv)) if str(v) else ("unknown" if lv == "unknown" else "")
           for v, lv in zip(documents[value], levels)]
    return pd.Series(out, index=documents.index, name=value)


def titled(documents: pd.DataFrame) -> pd.Series:
    """Each document's title as the book prints it, with the mark of its agenda's level.

    A statement's title names its debate ("… in a Security Council debate on conflict prevention"),
    so it is no surer than the agenda it names: where that is only a candidate, so is the title.

    >>> docs = pd.DataFrame({"title": ["Statement on prevention", "An article"], "agenda": ["Prevention", ""],
    ...                      "agenda_certainty": ["candidate", ""]})
    >>> titled(docs).tolist()
    ['Statement on prevention†', 'An article']
    """
    return shown(documents.assign(agenda=documents["title"]), "agenda").rename("title")


def label(row: pd.Series | dict) -> str:
    """A document's short label, "2007 Aitimova": the year and the surname, each with its mark."""
    year = str(row.get("date", ""))[:4]
    surname = str(row.get("speaker", "")).split()[-1] if str(row.get("speaker", "")).split() else ""
    return f"{mark(year, level(row, 'date')) if year else 'n.d.'} {mark(surname, level(row, 'surname'))}"


def summary(row: pd.Series | dict) -> str:
    """The values of a document that are not stated, grouped by level: for tooltips and tables."""
    groups: dict[str, list[str]] = {}
    for value, name in VALUE_NAMES.items():
        how_sure = level(row, value)
        if how_sure and how_sure != "stated":
            groups.setdefault(how_sure, []).append(name)
    parts = [f"{_join(groups[lv])} {lv}" for lv in CERTAINTIES if lv in groups]
    return "; ".join(parts) if parts else "all stated"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def legend_lines(text: str) -> list[str]:
    """One legend line for each mark that ``text`` contains, e.g. "† candidate: …"."""
    return [f"{MARKS[lv]} {lv}: {MEANINGS[lv]}" for lv, m in MARKS.items() if m in text]


def legend_for(text: str) -> str:
    """The legend of the marks that ``text`` contains, in one line, or "" if none."""
    return "; ".join(legend_lines(text))


def levels(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document (its ``label``) and one column per value: the value's level, "" where the
    value does not apply (an article has no meeting)."""
    rows = documents.to_dict("records")
    table = pd.DataFrame({name: [level(r, value) for r in rows] for value, name in VALUE_NAMES.items()},
                         index=documents.index)
    return table.assign(label=documents["label"])[["label", *VALUE_NAMES.values()]]


def with_level(documents: pd.DataFrame, value: str, wanted: tuple[str, ...] | str) -> pd.DataFrame:
    """The documents whose ``value`` has one of the ``wanted`` levels."""
    wanted = (wanted,) if isinstance(wanted, str) else wanted
    column = CERTAINTY_OF[value]
    if column not in documents:
        return documents.iloc[0:0]
    return documents[documents[column].isin(wanted)]


def vocabulary() -> pd.DataFrame:
    """The levels, surest first, with their meaning and the mark the book prints after such a value."""
    return pd.DataFrame([(lv, MEANINGS[lv], MARKS.get(lv, "")) for lv in CERTAINTIES],
                        columns=["level", "meaning", "mark"])
