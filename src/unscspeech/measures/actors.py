"""Actors: the organizations, states, places and officials that the texts name.

Two sources, kept apart so that a reader can check each:

* a **gazetteer** (``actors.csv`` in the corpus folder), written by hand: each actor
  with its kind, its acronym and every name the texts use for it. Names match whole
  words, case-insensitively, except all-capital names (acronyms), which match only as
  written so that ``AU`` never matches a French ``au``. Where names overlap, the
  longest wins (``United Nations Regional Centre for Preventive Diplomacy for Central
  Asia`` is one mention of the Centre, not also of the United Nations and of Central Asia).
  A name followed by its acronym in parentheses is one mention.
* **acronym detection** in the text itself: a parenthesised capital acronym after a run
  of words, "Conference on Interaction and Confidence-building Measures in Asia (CICA)",
  is linked to the expansion that the text gives. Word initials are tried first
  (skipping function words, reading hyphenated compounds as two words); where they do not
  spell the acronym, the character matching of Schwartz & Hearst (2003) is used
  ("UN Security Council (UNSC)"). Every detected acronym is reported with the gazetteer
  actor it belongs to, so an acronym the gazetteer lacks shows up as unlinked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from unscspeech.input.corpus import read_rows
from unscspeech.measures.whole_words import NAME_START, name_regex
from unscspeech._engine.grouped_alternation import first_character_dispatch
from unscspeech._engine.worker_pool import map_documents
from unscspeech._engine.row_runs import runs
from unscspeech.input.problems import CorpusError, Problem, display_path
from unscspeech.pipeline.tokens import normalise_for_matching

#: The kinds of actor, in the order the book lists them.
KINDS = {
    "un_organ": "UN principal organ or its body",
    "un_office": "UN department, office, mission or programme",
    "un_official": "UN official",
    "regional_org": "Regional or subregional organization",
    "other_org": "Other organization, forum or initiative",
    "state": "State",
    "region": "Region or territory",
    "official": "Leader or official (national, regional or of an NGO)",
}
GAZETTEER_COLUMNS = ("actor", "kind", "acronym", "names", "note")
#: Words an acronym's expansion may contain without giving it a letter.
FUNCTION_WORDS = frozenset({"of", "for", "and", "in", "on", "the", "to", "de", "d", "et", "at", "by"})
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Actor:
    """One gazetteer entry."""

    actor: str
    kind: str
    acronym: str
    names: tuple[str, ...]
    note: str


def _named_branches(actors: list[Actor]) -> tuple[list[str], list[str], list[str]]:
    """Every name's expression as a named group, longest name first: the expressions, the actor of
    each, and the first character of each name (acronyms match as written, other names in any case)."""
    named = sorted(((n, a.actor) for a in actors for n in a.names), key=lambda p: (-len(p[0]), p[0]))
    parts = [f"(?P<n{i}>{name_regex(name)})" if _is_acronym(name) else f"(?P<n{i}>(?i:{name_regex(name)}))"
             for i, (name, _) in enumerate(named)]
    return parts, [actor for _, actor in named], [normalise_for_matching(name)[0] for name, _ in named]


def plain_matcher(actors: list[Actor]) -> tuple[re.Pattern[str], list[str]]:
    """What the gazetteer matches, by definition: one alternation of every name's whole-word
    expression, the longest name first, so that where names overlap the longest wins; and the
    actor of each group (``n0``, ``n1`` …).

    >>> gazetteer = [Actor("African Union", "regional_org", "AU", ("African Union", "AU"), ""),
    ...              Actor("Africa", "region", "", ("Africa",), "")]
    >>> regex, owners = plain_matcher(gazetteer)
    >>> [(m.group(), owners[int(m.lastgroup[1:])]) for m in regex.finditer("the African Union in Africa, au sein")]
    [('African Union', 'African Union'), ('Africa', 'Africa')]
    """
    parts, owners, _ = _named_branches(actors)
    return re.compile("|".join(parts)), owners


def matcher(actors: list[Actor]) -> tuple[re.Pattern[str], list[str]]:
    """An expression matching what :func:`plain_matcher` matches, with the same groups, for speed
    only: the names grouped by their first character
    (:func:`unscspeech._engine.grouped_alternation.first_character_dispatch`) behind one shared
    whole-word guard, which lets the engine skip the positions inside words without trying each name.

    >>> gazetteer = [Actor("African Union", "regional_org", "AU", ("African Union", "AU"), ""),
    ...              Actor("Africa", "region", "", ("Africa",), "")]
    >>> text = "the African Union in Africa, au sein"
    >>> [m.span() for m in matcher(gazetteer)[0].finditer(text)] == [m.span() for m in plain_matcher(gazetteer)[0].finditer(text)]
    True
    """
    parts, owners, firsts = _named_branches(actors)
    alternation = first_character_dispatch(list(zip(firsts, parts))) or "|".join(parts)
    return re.compile(NAME_START + "(?:" + alternation + ")"), owners


def find_mentions(actors: list[Actor], paragraphs: pd.DataFrame, plain: bool = False) -> pd.DataFrame:
    """Every mention of a gazetteer actor: ``doc_id``, ``paragraph``, ``actor``, ``start``, ``end``,
    ``match``. A name followed by its acronym in parentheses is one mention.

    The names are matched with :func:`matcher`, or with :func:`plain_matcher` (the definition,
    slower) when ``plain``; the mentions are the same.

    >>> gazetteer = [Actor("African Union", "regional_org", "AU", ("African Union", "AU"), "")]
    >>> paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1],
    ...                            "text": ["The African Union (AU) and the AU, au sein de l'Union."]})
    >>> find_mentions(gazetteer, paragraphs)[["actor", "start", "match"]].values.tolist()
    [['African Union', 4, 'African Union'], ['African Union', 31, 'AU']]
    """
    regex, owners = plain_matcher(actors) if plain else matcher(actors)
    rows = []
    for row in paragraphs.itertuples(index=False):
        text = normalise_for_matching(row.text)
        previous: tuple[str, int] | None = None  # the last mention's actor and end
        for m in regex.finditer(text):
            actor = owners[int(m.lastgroup[1:])]
            if previous and _defines_acronym(text, previous, actor, m):
                continue
            rows.append((row.doc_id, int(row.paragraph), actor, m.start(), m.end(),
                         row.text[m.start():m.end()]))
            previous = (actor, m.end())
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "actor", "start", "end", "match"])


def load_gazetteer(path: Path | str) -> list[Actor]:
    """Read and check ``actors.csv``; raise :class:`CorpusError` naming the line of each problem."""
    path = Path(path)
    shown = display_path(path)
    rows, problems = read_rows(path, GAZETTEER_COLUMNS, missing="the actor gazetteer is missing",
                               refuse_controls=True)
    if problems and not rows:
        raise CorpusError(problems)
    actors: list[Actor] = []
    owner: dict[str, tuple[str, int]] = {}
    for line, row in rows:
        values = {c: row[c] for c in GAZETTEER_COLUMNS}
        name = values["actor"]
        if not name:
            problems.append(Problem(shown, "column 'actor' is empty", line))
        if values["kind"] not in KINDS:
            problems.append(Problem(shown, f"actor '{name}': kind '{values['kind']}' is unknown; use one of: "
                                           + ", ".join(KINDS), line))
        names = tuple(n.strip() for n in values["names"].split(";") if n.strip())
        if values["acronym"] and values["acronym"] not in names:
            names += (values["acronym"],)
        if not names:
            problems.append(Problem(shown, f"actor '{name}': no names to match", line))
        for n in names:
            if not re.search(r"\w", n):
                problems.append(Problem(shown, f"actor '{name}': name {n!r} has no letters, so it can never match",
                                        line))
            key = _name_key(n)
            if key in owner and owner[key][0] != name:
                problems.append(Problem(shown, f"actor '{name}': name {n!r} is already a name of "
                                               f"'{owner[key][0]}' (line {owner[key][1]})", line))
            owner.setdefault(key, (name, line))
        if name in {a.actor for a in actors}:
            problems.append(Problem(shown, f"actor '{name}' is listed twice", line))
        actors.append(Actor(name, values["kind"], values["acronym"], names, values["note"]))
    if not actors and not problems:
        problems.append(Problem(shown, "the gazetteer lists no actors"))
    if problems:
        raise CorpusError(problems)
    return actors


def _name_key(name: str) -> str:
    name = normalise_for_matching(name)
    return name if _is_acronym(name) else name.casefold()


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in name.strip()


def _defines_acronym(text: str, previous: tuple[str, int], actor: str, m: re.Match[str]) -> bool:
    """Whether a match is an acronym in parentheses right after a name of the same actor, as in
    "Conference on Interaction and Confidence-building Measures in Asia (CICA)": the name and the
    acronym it defines are one mention, not two."""
    before_actor, before_end = previous
    return (before_actor == actor and re.fullmatch(r"\s*\(", text[before_end:m.start()]) is not None
            and text[m.end():m.end() + 1] == ")")


def _initials_expansion(acronym: str, words: list[tuple[int, str]]) -> int | None:
    """Index of the word where an expansion starts, if word initials spell the acronym."""
    letters = acronym.lower()
    parts: list[tuple[int, str]] = []  # (index of the whole word, part), hyphenated words split
    for index, word in words:
        parts += [(index, p) for p in re.split(r"[-'’]", word) if p]
    # Content words that give no letter ("Measures" in CICA) are allowed, a few, but only
    # between matched words: the last word must give the last letter.
    budget = max(1, len(letters) // 2)
    i, start = len(letters) - 1, None
    for index, part in reversed(parts):
        if i < 0:
            break
        if part[0].lower() == letters[i]:
            start, i = index, i - 1
        elif part.lower() in FUNCTION_WORDS:
            continue
        elif start is not None and budget > 0:
            budget -= 1
        else:
            return None
    return start if i < 0 else None


def _schwartz_hearst(acronym: str, text: str) -> int | None:
    """Schwartz & Hearst (2003): where the shortest long form ending before the acronym starts."""
    s, lower = acronym.lower(), text.lower()
    s_i, l_i = len(s) - 1, len(lower) - 1
    while s_i >= 0:
        char = s[s_i]
        if not char.isalnum():
            s_i -= 1
            continue
        while l_i >= 0 and (lower[l_i] != char or (s_i == 0 and l_i > 0 and lower[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return None
        s_i -= 1
        l_i -= 1
    return lower.rfind(" ", 0, l_i + 1) + 1


def _last_words(text: str, end: int, n: int) -> list[tuple[int, str]]:
    """The last ``n`` words of ``text[:end]`` (each with where it starts), as a scan of all of it
    finds them, but scanning back only as far as they reach: from anywhere inside a word the scan
    falls in step with the full one at the word's end, so once more than ``n`` words are found the
    last ``n`` are the same. Scanning from the start for each acronym would take time in the
    square of a paragraph's length."""
    reach = 64 * n
    while True:
        begin = max(0, end - reach)
        found = [(w.start(), w.group()) for w in _WORD.finditer(text, begin, end)]
        if begin == 0 or len(found) > n:
            return found[-n:]
        reach *= 4


def find_acronyms(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Each ``Long Form (ACRONYM)`` the texts define: ``doc_id``, ``paragraph``, ``acronym``,
    ``expansion``, so that an acronym the gazetteer lacks can be found.

    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "a"], "paragraph": [1, 2], "text": [
    ...     "The Conference on Interaction and Confidence-building Measures in Asia (CICA) met.",
    ...     "The UN Security Council (UNSC) met."]})
    >>> find_acronyms(paragraphs)[["acronym", "expansion"]].values.tolist()
    [['CICA', 'Conference on Interaction and Confidence-building Measures in Asia'], ['UNSC', 'UN Security Council']]
    """
    rows = []
    for row in paragraphs.itertuples(index=False):
        text = normalise_for_matching(row.text)
        for m in _ACRONYM.finditer(text):
            acronym = m.group(1)
            if sum(c.isupper() for c in acronym) < 2:
                continue
            end = m.start()  # the end of the text before it, without its trailing spaces
            while end > 0 and text[end - 1].isspace():
                end -= 1
            window = len(acronym) + 5
            words = _last_words(text, end, min(window, 2 * len(acronym)))
            if not words:
                continue
            start = _initials_expansion(acronym, words)
            if start is None:
                offset = words[0][0]
                found = _schwartz_hearst(acronym, text[offset:end])
                start = None if found is None else offset + found
            if start is None:
                continue
            expansion = row.text[start:end].strip(" -–—,")
            rows.append((row.doc_id, int(row.paragraph), acronym, expansion))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "acronym", "expansion"])


def link_acronyms(acronyms: pd.DataFrame, actors: list[Actor]) -> pd.DataFrame:
    """Detected acronyms with the gazetteer ``actor`` they name (empty when none), and whether its
    names hold the expansion (``expansion_listed``), so that a missing actor or name shows.

    >>> gazetteer = [Actor("Security Council", "un_organ", "UNSC", ("Security Council", "UNSC"), "")]
    >>> found = pd.DataFrame({"doc_id": ["a", "a"], "paragraph": [1, 2], "acronym": ["UNSC", "SCO"],
    ...                       "expansion": ["UN Security Council", "Shanghai Cooperation Organisation"]})
    >>> link_acronyms(found, gazetteer)[["acronym", "actor", "expansion_listed"]].values.tolist()
    [['UNSC', 'Security Council', False], ['SCO', '', False]]
    """
    by_acronym = {a.acronym: a for a in actors if a.acronym}
    linked = acronyms.copy()
    linked["actor"] = [by_acronym[a].actor if a in by_acronym else "" for a in linked["acronym"]]
    linked["expansion_listed"] = [
        a in by_acronym and _name_key(e) in {_name_key(n) for n in by_acronym[a].names}
        for a, e in zip(linked["acronym"], linked["expansion"])]
    return linked


def actor_counts(mentions: pd.DataFrame, actors: list[Actor], documents: pd.DataFrame) -> pd.DataFrame:
    """Per document and actor named there: ``actor``, ``acronym``, ``kind``, ``mentions`` and the
    ``forms`` the names take, most mentioned first in each document.

    >>> gazetteer = [Actor("African Union", "regional_org", "AU", ("African Union", "AU"), "")]
    >>> mentions = pd.DataFrame({"doc_id": ["a", "a"], "actor": ["African Union"] * 2, "match": ["AU", "African Union"]})
    >>> actor_counts(mentions, gazetteer, pd.DataFrame({"doc_id": ["a"]})).values.tolist()
    [['a', 'African Union', 'AU', 'regional_org', 2, 'African Union; AU']]
    """
    info = {a.actor: a for a in actors}
    order = {d: i for i, d in enumerate(documents["doc_id"].tolist())}
    forms: dict[tuple[str, str], set[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for doc_id, actor, match in zip(mentions["doc_id"].tolist(), mentions["actor"].tolist(),
                                    mentions["match"].tolist()):
        forms.setdefault((doc_id, actor), set()).add(normalise_for_matching(match))
        counts[(doc_id, actor)] = counts.get((doc_id, actor), 0) + 1
    rows = [(doc_id, actor, info[actor].acronym, info[actor].kind, counts[(doc_id, actor)],
             "; ".join(sorted(found, key=lambda f: (f.casefold(), f))))  # ties by case: no set order
            for (doc_id, actor), found in forms.items()]
    table = pd.DataFrame(rows, columns=["doc_id", "actor", "acronym", "kind", "mentions", "forms"])
    table["_o"] = table["doc_id"].map(order)
    return table.sort_values(["_o", "mentions", "actor"], ascending=[True, False, True]).drop(
        columns="_o").reset_index(drop=True)


#: The kinds whose names are an institution's: a theme word inside one names the body, not the subject.
INSTITUTION_KINDS = ("un_organ", "un_office", "regional_org", "other_org")


def institution_names(mentions: pd.DataFrame, actors: pd.DataFrame,
                      paragraphs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The mentions (``actor_mentions.csv``) of institutions, by the kind ``actors.csv`` gives them.

    A region ("Central Asia region") or a State is named for what it is; an office such as "the
    United Nations Regional Centre for Preventive Diplomacy for Central Asia" carries other words in
    its name (:func:`unscspeech.measures.themes.inside_names`). Given the ``paragraphs``, a mention followed
    by its acronym in brackets, "Economic Community of West African States (ECOWAS)", reaches over
    the acronym too: the two are one mention.

    >>> mentions = pd.DataFrame({"doc_id": ["a", "a"], "paragraph": [1, 1], "actor": ["African Union", "Africa"],
    ...                          "start": [4, 22], "end": [17, 28]})
    >>> actors = pd.DataFrame({"actor": ["African Union", "Africa"], "kind": ["regional_org", "region"],
    ...                        "acronym": ["AU", ""]})
    >>> paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "text": ["The African Union (AU) in Africa."]})
    >>> institution_names(mentions, actors, paragraphs)[["actor", "start", "end"]].values.tolist()
    [['African Union', 4, 22]]
    """
    info = actors.drop_duplicates("actor").set_index("actor")
    mine = mentions[mentions["actor"].map(info["kind"]).isin(INSTITUTION_KINDS)]
    if paragraphs is None or mine.empty:
        return mine
    texts = paragraphs.set_index(["doc_id", "paragraph"])["text"]
    acronyms = info["acronym"].fillna("").astype(str)
    ends = []
    for d, p, actor, end in zip(mine["doc_id"], mine["paragraph"], mine["actor"], mine["end"]):
        bracket = f" ({acronyms[actor]})" if acronyms[actor] else None
        reaches = bracket is not None and texts[(d, p)][end:end + len(bracket)] == bracket
        ends.append(end + len(bracket) if reaches else end)
    return mine.assign(end=ends)


def comention_network(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same paragraph: ``paragraphs`` and ``documents`` they share,
    which says who the texts place together.

    >>> mentions = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "paragraph": [1, 1, 2, 1],
    ...                          "actor": ["CICA", "UN", "CICA", "UN"]})
    >>> comention_network(mentions).values.tolist()
    [['CICA', 'UN', 1, 1]]
    """
    touched = mentions.drop_duplicates(["doc_id", "paragraph", "actor"])
    pairs: dict[tuple[str, str], set[tuple[str, int]]] = {}
    for (doc_id, paragraph), named in zip(*runs(touched, ["doc_id", "paragraph"], "actor")):
        for a, b in combinations(sorted(set(named)), 2):
            pairs.setdefault((a, b), set()).add((doc_id, int(paragraph)))
    rows = [(a, b, len(places), len({d for d, _ in places})) for (a, b), places in pairs.items()]
    table = pd.DataFrame(rows, columns=["actor_a", "actor_b", "paragraphs", "documents"])
    return table.sort_values(["paragraphs", "actor_a", "actor_b"], ascending=[False, True, True]).reset_index(drop=True)


def named_together(mentions: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The paragraphs (``doc_id``, ``paragraph``) that name both actors: where a pair of
    :func:`comention_network` stands.

    >>> mentions = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "paragraph": [1, 1, 2, 1],
    ...                          "actor": ["CICA", "UN", "CICA", "UN"]})
    >>> named_together(mentions, "CICA", "UN").values.tolist()
    [['a', 1]]
    """
    def places(actor: str) -> pd.DataFrame:
        return mentions.loc[mentions["actor"] == actor, ["doc_id", "paragraph"]].drop_duplicates()

    return places(a).merge(places(b)).reset_index(drop=True)


class ActorTables(NamedTuple):
    """The actor measure's tables, each field named as the table is declared."""

    actors: pd.DataFrame
    actor_mentions: pd.DataFrame
    actor_network: pd.DataFrame
    acronyms: pd.DataFrame
    gazetteer: pd.DataFrame


def actor_tables(actors: list[Actor], paragraphs: pd.DataFrame, documents: pd.DataFrame,
                 n_jobs: int | None = None) -> ActorTables:
    """Actors per document, every mention, co-mentions, the acronyms the texts define, and the gazetteer.

    The paragraphs are matched on ``n_jobs`` processes (:mod:`unscspeech._engine.worker_pool`).

    >>> gazetteer = [Actor("African Union", "regional_org", "AU", ("African Union", "AU"), ""),
    ...              Actor("Kazakhstan", "state", "", ("Kazakhstan",), "")]
    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 1],
    ...                            "text": ["Kazakhstan and the African Union (AU).", "Kazakhstan."]})
    >>> tables = actor_tables(gazetteer, paragraphs, pd.DataFrame({"doc_id": ["a", "b"]}), n_jobs=1)
    >>> tables.actors[["doc_id", "actor", "mentions"]].values.tolist()
    [['a', 'African Union', 1], ['a', 'Kazakhstan', 1], ['b', 'Kazakhstan', 1]]
    >>> tables.actor_network.values.tolist()
    [['African Union', 'Kazakhstan', 1, 1]]
    """
    mentions = map_documents(partial(find_mentions, actors), paragraphs, n_jobs)
    return ActorTables(
        actors=actor_counts(mentions, actors, documents),
        actor_mentions=mentions,
        actor_network=comention_network(mentions),
        acronyms=link_acronyms(map_documents(find_acronyms, paragraphs, n_jobs), actors),
        gazetteer=pd.DataFrame([(a.actor, a.kind, a.acronym, "; ".join(a.names), a.note) for a in actors],
                               columns=list(GAZETTEER_COLUMNS)),
    )


def kind_summary(actors: pd.DataFrame) -> pd.DataFrame:
    """Per kind: how many distinct actors are named, their mentions and in how many documents.

    >>> table = pd.DataFrame({"doc_id": ["a", "b", "b"], "actor": ["UN", "UN", "Kazakhstan"],
    ...                       "kind": ["un_organ", "un_organ", "state"], "mentions": [3, 1, 2]})
    >>> kind_summary(table)[["kind", "actors", "mentions", "documents"]].values.tolist()
    [['un_organ', 1, 4, 2], ['state', 1, 2, 1]]
    """
    rows = []
    for kind, label in KINDS.items():
        mine = actors[actors["kind"] == kind]
        if len(mine):
            rows.append((kind, label, mine["actor"].nunique(), int(mine["mentions"].sum()), mine["doc_id"].nunique()))
    return pd.DataFrame(rows, columns=["kind", "label", "actors", "mentions", "documents"])


def mentions_within(mentions: pd.DataFrame, paragraphs: pd.DataFrame, doc_id: str, phrase: str) -> pd.DataFrame:
    """The actor mentions that overlap ``phrase`` where it stands in ``doc_id`` (in one paragraph:
    :func:`unscspeech.measures.kwic.locate`); none when the phrase names no actor of the gazetteer.

    >>> paragraphs = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "text": ["The Kazakh delegation thanks Kazakhstan."]})
    >>> mentions = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "actor": ["Kazakhstan"], "start": [29], "end": [39]})
    >>> [len(mentions_within(mentions, paragraphs, "a", p)) for p in ("The Kazakh delegation", "thanks Kazakhstan")]
    [0, 1]
    """
    from unscspeech.measures.kwic import locate

    paragraph = locate(paragraphs, doc_id, phrase)
    text = normalise_for_matching(paragraphs.set_index(["doc_id", "paragraph"]).loc[(doc_id, paragraph), "text"])
    place = re.search(r"\s+".join(map(re.escape, normalise_for_matching(phrase).split())), text)
    mine = mentions[(mentions["doc_id"] == doc_id) & (mentions["paragraph"] == paragraph)]
    return mine[(mine["start"] < place.end()) & (mine["end"] > place.start())]


def named_by_document(actors: pd.DataFrame, documents: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Per document (date order): the actors of one kind it names, most mentioned first, as short names.

    >>> actors = pd.DataFrame({"doc_id": ["a", "a"], "actor": ["African Union", "Kazakhstan"],
    ...                        "acronym": ["AU", ""], "kind": ["regional_org", "state"]})
    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2018-02-01", "2018-01-01"]})
    >>> named_by_document(actors, documents, "regional_org").values.tolist()
    [['b', 0, ''], ['a', 1, 'AU']]
    """
    rows = []
    for doc in documents.sort_values(["date", "doc_id"]).itertuples():
        mine = actors[(actors["doc_id"] == doc.doc_id) & (actors["kind"] == kind)]
        names = [a or n for n, a in zip(mine["actor"], mine["acronym"])]
        rows.append((doc.doc_id, len(names), "; ".join(names)))
    return pd.DataFrame(rows, columns=["doc_id", "n", "names"])


def documents_naming(actors: pd.DataFrame, actor: str) -> list[str]:
    """The documents that name an actor, in table order.

    >>> documents_naming(pd.DataFrame({"doc_id": ["b", "a", "b"], "actor": ["UN", "UN", "AU"]}), "UN")
    ['b', 'a']
    """
    return actors.loc[actors["actor"] == actor, "doc_id"].drop_duplicates().tolist()
