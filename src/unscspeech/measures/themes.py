"""Themes: a codebook of what each theme means and which words signal it, and its counts.

The codebook (``themes.yml`` in the corpus folder) is data, checked when it is
loaded: unknown keys, empty themes and patterns that can never match are
reported with the theme's id, as input errors rather than tracebacks. A theme
is counted by matching its terms and patterns, whole words and case-insensitive,
in the cleaned paragraphs with quotes and dashes made plain; a hit inside one of
the theme's exclusions does not count. Within a theme the alternatives are tried
longest first, so that overlapping terms ("preventive diplomacy", "prevent*")
count once. Patterns and exclusions run on a bounded engine (:mod:`unscspeech.input.user_patterns`): one too
slow for a paragraph stops the build with its line in the codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import pandas as pd
import regex
import yaml

from unscspeech._engine.grouped_alternation import shared_guard_alternation
from unscspeech.input.user_patterns import TooSlow, compile_pattern, spans
from unscspeech.input.corpus import ARTICLE, STATEMENT, control_problems, decode_text, read_inside
from unscspeech.measures.whole_words import WORD_END, WORD_START, never_matches, term_body, term_regex
from unscspeech.measures.overlap import clear_of
from unscspeech.input.problems import CorpusError, Problem, display_path
from unscspeech.input.safe_yaml import load_yaml
from unscspeech.pipeline.tokens import normalise_for_matching

THEME_KEYS = {"id", "label", "source", "definition", "terms", "patterns", "exclude", "precision", "counts_names"}
REQUIRED_KEYS = ("id", "label", "source", "definition")
PRECISION_KEYS = {"checked", "relevant", "date"}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class Theme:
    """One codebook entry, with its compiled matcher."""

    id: str
    label: str
    source: str
    definition: str
    terms: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    precision: dict | None = None
    #: Whether the names of institutions are the theme's subject (regional organizations, CICA), so
    #: that a hit inside one counts; for every other theme it names the institution (:func:`inside_names`).
    counts_names: bool = False
    regex: regex.Pattern | None = None
    exclusion: regex.Pattern | None = None
    #: Where the theme is written: the codebook as shown to the user, the line of its entry, and
    #: the line of each of its patterns and exclusions, for reporting one that runs too slowly.
    path: str = ""
    line: int | None = None
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def is_priority(self) -> bool:
        """Whether the theme is one of the article's stated priorities (its source "article priority N")."""
        return self.source.startswith(PRIORITY_SOURCE)


#: How the codebook's ``source`` names a priority of the article: "article priority 3".
PRIORITY_SOURCE = "article priority"


def priority_numbers(codebook: pd.DataFrame) -> pd.Series:
    """The article's priorities among the codebook's themes (``codebook_table``), by theme: the
    number the article gives each, in the codebook's order.

    >>> codebook = pd.DataFrame({"theme": ["asia", "peace"], "source": ["article priority 2", "the statements"]})
    >>> priority_numbers(codebook).to_dict()
    {'asia': 2}
    """
    sources = codebook.set_index("theme")["source"]
    return sources[sources.str.startswith(PRIORITY_SOURCE)].str.split().str[-1].astype(int).rename("number")


def theme_expression(alternatives: list[tuple[bool, str]]) -> str:
    """What a theme matches, by definition: each of its terms (``(True, term)``) with its own
    whole-word guards and each of its patterns (``(False, pattern)``) in a group, in one
    alternation, the longest written first, so that overlapping alternatives ("preventive
    diplomacy", "prevent*") count once.

    >>> import re
    >>> expression = theme_expression([(True, "prevent*"), (True, "preventive diplomacy")])
    >>> [m.group() for m in re.finditer(expression, "preventive diplomacy prevents war", re.I)]
    ['preventive diplomacy', 'prevents']
    """
    written = [term_regex(text) if is_term else f"(?:{text})" for is_term, text in alternatives]
    return "|".join(sorted(written, key=len, reverse=True))


def _fast_theme_expression(alternatives: list[tuple[bool, str]]) -> str:
    """An expression matching what :func:`theme_expression` matches, for speed only: in the same
    order, consecutive terms share one pair of whole-word guards
    (:func:`unscspeech._engine.grouped_alternation.shared_guard_alternation`)."""
    def written(alternative: tuple[bool, str]) -> str:
        is_term, text = alternative
        return term_regex(text) if is_term else f"(?:{text})"

    ordered = sorted(alternatives, key=lambda a: len(written(a)), reverse=True)
    return shared_guard_alternation([(is_term, term_body(text) if is_term else text) for is_term, text in ordered],
                                    WORD_START, WORD_END)


def _as_list(value, theme_id: str, key: str, problems: list[Problem], shown: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        problems.append(Problem(shown, f"theme '{theme_id}': '{key}' must be a list of strings"))
        return []
    return [str(v) for v in value]


def load_codebook(path: Path | str) -> list[Theme]:
    """Read and check a codebook; raise :class:`CorpusError` naming the theme of each problem."""
    path = Path(path)
    shown = display_path(path)
    if not path.is_file():
        raise CorpusError([Problem(shown, "the theme codebook is missing")])
    data, problems = read_inside(path, path.parent)
    if data is None:
        raise CorpusError(problems)
    text, problems = decode_text(data, shown)
    if text is None:
        raise CorpusError(problems)
    data, node = load_yaml(text, shown)
    places = _entry_lines(node)
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list) or not data["themes"]:
        raise CorpusError([Problem(shown, "the codebook needs a non-empty list under 'themes:'")])
    themes: list[Theme] = []
    seen: set[str] = set()
    for number, entry in enumerate(data["themes"], start=1):
        if not isinstance(entry, dict):
            problems.append(Problem(shown, f"theme {number} is not a mapping of keys to values"))
            continue
        theme_id = str(entry.get("id") or f"#{number}")
        for key in sorted(set(entry) - THEME_KEYS):
            problems.append(Problem(shown, f"theme '{theme_id}': unknown key '{key}' "
                                           f"(allowed: {', '.join(sorted(THEME_KEYS))})"))
        for key in REQUIRED_KEYS:
            if not str(entry.get(key) or "").strip():
                problems.append(Problem(shown, f"theme '{theme_id}': '{key}' is missing or empty"))
        if entry.get("id") and not ID_PATTERN.match(theme_id):
            problems.append(Problem(shown, f"theme '{theme_id}': id must be lower case letters, digits, underscores"))
        if theme_id in seen:
            problems.append(Problem(shown, f"theme '{theme_id}': duplicate id"))
        seen.add(theme_id)
        terms = _as_list(entry.get("terms"), theme_id, "terms", problems, shown)
        patterns = _as_list(entry.get("patterns"), theme_id, "patterns", problems, shown)
        exclude = _as_list(entry.get("exclude"), theme_id, "exclude", problems, shown)
        if not terms and not patterns:
            problems.append(Problem(shown, f"theme '{theme_id}': empty theme, it has no terms and no patterns"))
        alternatives = []
        for term in terms:
            if not re.search(r"\w", term):
                problems.append(Problem(shown, f"theme '{theme_id}': term {term!r} has no letters or digits, "
                                               "so it can never match"))
                continue
            alternatives.append((True, term))
        for kind, expressions in (("pattern", patterns), ("exclusion", exclude)):
            for expression in expressions:
                why = never_matches(expression)
                if why:
                    problems.append(Problem(shown, f"theme '{theme_id}': {kind} {expression!r} {why}"))
        alternatives += [(False, p) for p in patterns if not never_matches(p)]
        texts = {f"theme '{theme_id}': '{k}'": str(entry.get(k) or "") for k in ("id", "label", "source", "definition")}
        texts.update({f"theme '{theme_id}': {kind} {value!r}": value
                      for kind, values in (("term", terms), ("pattern", patterns), ("exclusion", exclude))
                      for value in values})
        problems += control_problems(texts, shown, places[number - 1][0] if number <= len(places) else None)
        precision = entry.get("precision")
        if precision is not None and (not isinstance(precision, dict) or set(precision) != PRECISION_KEYS):
            problems.append(Problem(shown, f"theme '{theme_id}': precision must give checked, relevant and date"))
            precision = None
        counts_names = entry.get("counts_names", False)
        if not isinstance(counts_names, bool):
            problems.append(Problem(shown, f"theme '{theme_id}': counts_names must be true or false"))
            counts_names = False
        line, lines = places[number - 1] if number <= len(places) else (None, {})
        theme = Theme(id=theme_id, label=str(entry.get("label", "")), source=str(entry.get("source", "")),
                      definition=str(entry.get("definition", "")), terms=terms, patterns=patterns,
                      exclude=exclude, precision=precision, counts_names=counts_names, path=shown, line=line,
                      lines=lines)
        if alternatives:
            theme.regex = compile_pattern(_fast_theme_expression(alternatives), re.IGNORECASE)
        good_exclusions = [e for e in exclude if not never_matches(e)]
        if good_exclusions:
            theme.exclusion = compile_pattern("|".join(f"(?:{e})" for e in good_exclusions), re.IGNORECASE)
        themes.append(theme)
    if problems:
        raise CorpusError(problems)
    return themes


def _entry_lines(node) -> list[tuple[int, dict[str, int]]]:
    """For each entry under ``themes:`` in a codebook's YAML node tree: the line it starts on, and
    the line of each string of its ``patterns`` and ``exclude`` lists."""
    if not isinstance(node, yaml.MappingNode):
        return []
    entries = next((v for k, v in node.value if isinstance(v, yaml.SequenceNode) and k.value == "themes"), None)
    places = []
    for entry in entries.value if entries is not None else []:
        lines: dict[str, int] = {}
        for key, value in entry.value if isinstance(entry, yaml.MappingNode) else []:
            if key.value in ("patterns", "exclude") and isinstance(value, yaml.SequenceNode):
                lines.update({item.value: item.start_mark.line + 1 for item in value.value
                              if isinstance(item, yaml.ScalarNode)})
        places.append((entry.start_mark.line + 1, lines))
    return places


def find_hits(themes: list[Theme], paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Every theme hit: ``doc_id``, ``paragraph``, ``theme``, ``start``, ``end``, ``match``, ``position``:
    each match of a theme's expression, in the paragraphs with quotes and dashes made plain, that
    does not overlap one of its exclusions.

    ``position`` is where the hit falls in its document, from 0 (start) to 1 (end), by characters.

    >>> peace = Theme("peace", "Peace", "example", "making and keeping peace", terms=["peace*"])
    >>> peace.regex = compile_pattern(theme_expression([(True, "peace*")]), re.IGNORECASE)
    >>> peace.exclusion = compile_pattern("peace palace", re.IGNORECASE)
    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 2, 1], "text": [
    ...     "Peacekeeping builds peace.", "At the Peace Palace in The Hague.", "We want peace."]})
    >>> find_hits([peace], paragraphs)[["doc_id", "paragraph", "match", "position"]].values.tolist()
    [['a', 1, 'Peacekeeping', 0.0], ['a', 1, 'peace', 0.327869], ['b', 1, 'peace', 0.533333]]
    """
    rows = []
    for doc_id, group in paragraphs.groupby("doc_id", sort=False):
        texts = [normalise_for_matching(t) for t in group["text"]]
        total = sum(len(t) + 1 for t in texts)
        offset = 0
        for number, original, text in zip(group["paragraph"], group["text"], texts):
            for theme in themes:
                if theme.regex is None:
                    continue
                excluded = _bounded(theme, "exclusion", text, doc_id, number) if theme.exclusion else []
                for start, end in clear_of(_bounded(theme, "pattern", text, doc_id, number), excluded):
                    rows.append((doc_id, int(number), theme.id, start, end, original[start:end],
                                 round((offset + start) / total, 6)))
            offset += len(text) + 1
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "theme", "start", "end", "match", "position"])


def _bounded(theme: Theme, kind: str, text: str, doc_id: str, number: int) -> list[tuple[int, int]]:
    """The spans of a theme's matcher (``kind`` "pattern") or exclusions in one paragraph; a
    :class:`CorpusError` naming the codebook line of the pattern that takes too long."""
    try:
        return spans(theme.regex if kind == "pattern" else theme.exclusion, text)
    except TooSlow as slow:
        seconds = slow.seconds
    # The terms are literal words; the culprit is among the patterns written as regular expressions.
    suspects = theme.patterns if kind == "pattern" else theme.exclude
    culprit = suspects[0] if len(suspects) == 1 else next(
        (e for e in suspects if _too_slow(compile_pattern(f"(?:{e})", re.IGNORECASE), text)), None)
    what = f"{kind} {culprit!r}" if culprit is not None else f"{kind}s {suspects!r} together"
    raise CorpusError([Problem(
        theme.path, f"theme '{theme.id}': {what} takes longer than {seconds:g} s over paragraph "
                    f"{number} of '{doc_id}' ({len(text):,} characters); rewrite it without repetitions "
                    "that can match the same text in many ways", theme.lines.get(culprit, theme.line))])


def _too_slow(pattern: regex.Pattern, text: str) -> bool:
    try:
        spans(pattern, text)
    except TooSlow:
        return True
    return False


def theme_counts(hits: pd.DataFrame, documents: pd.DataFrame, themes: list[Theme]) -> pd.DataFrame:
    """Per document and theme: ``hits``, ``per_1000`` word tokens and ``paragraph_share`` (the share
    of the document's paragraphs with a hit), so that documents of different lengths compare.

    >>> hits = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 1, 1], "theme": ["peace"] * 3})
    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "n_tokens": [400, 100], "n_paragraphs": [2, 1]})
    >>> theme_counts(hits, documents, [Theme("peace", "Peace", "", "")]).values.tolist()
    [['a', 'peace', 2, 5.0, 0.5], ['b', 'peace', 1, 10.0, 1.0]]
    """
    grid = pd.MultiIndex.from_product([documents["doc_id"], [t.id for t in themes]], names=["doc_id", "theme"])
    by = hits.groupby(["doc_id", "theme"])
    n_hits = by.size().reindex(grid, fill_value=0).tolist()
    n_paragraphs = by["paragraph"].nunique().reindex(grid, fill_value=0).tolist()
    size = [n for n in documents["n_tokens"].tolist() for _ in themes]
    paras = [n for n in documents["n_paragraphs"].tolist() for _ in themes]
    # Python's round (correctly rounded), not NumPy's.
    return pd.DataFrame({
        "doc_id": grid.get_level_values(0).tolist(), "theme": grid.get_level_values(1).tolist(),
        "hits": n_hits, "per_1000": [round(1000 * h / n, 6) for h, n in zip(n_hits, size)],
        "paragraph_share": [round(p / n, 6) for p, n in zip(n_paragraphs, paras)]})


def strongest_themes(counts: pd.DataFrame) -> pd.DataFrame:
    """Each document's strongest theme: the row of :func:`theme_counts` with the most hits per
    1,000 words (a tie goes to the theme first by id), indexed by ``doc_id``, the strongest first.

    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "theme": ["asia", "peace", "asia", "peace"],
    ...                        "hits": [1, 3, 2, 2], "per_1000": [2.5, 7.5, 20.0, 20.0]})
    >>> strongest_themes(counts)["theme"].to_dict()
    {'b': 'asia', 'a': 'peace'}
    """
    return counts.sort_values(["per_1000", "theme"], ascending=[False, True]).groupby("doc_id").head(1).set_index("doc_id")


def cooccurrence(hits: pd.DataFrame, themes: list[Theme]) -> pd.DataFrame:
    """Pairs of themes: paragraphs touching each, both, and their Jaccard index, which says how
    often two themes are argued together.

    >>> hits = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "paragraph": [1, 2, 2, 1],
    ...                      "theme": ["peace", "peace", "asia", "asia"]})
    >>> cooccurrence(hits, [Theme("peace", "Peace", "", ""), Theme("asia", "Asia", "", "")]).values.tolist()
    [['peace', 'asia', 2, 2, 1, 0.333333]]
    """
    touched = {t.id: set(map(tuple, hits.loc[hits["theme"] == t.id, ["doc_id", "paragraph"]].values.tolist()))
               for t in themes}
    rows = []
    for a, b in combinations([t.id for t in themes], 2):
        both, either = touched[a] & touched[b], touched[a] | touched[b]
        rows.append((a, b, len(touched[a]), len(touched[b]), len(both),
                     round(len(both) / len(either), 6) if either else 0.0))
    return pd.DataFrame(rows, columns=["theme_a", "theme_b", "paragraphs_a", "paragraphs_b", "paragraphs_both",
                                       "jaccard"])


def codebook_table(themes: list[Theme]) -> pd.DataFrame:
    """The codebook as a table, for the book and for download.

    >>> codebook_table([Theme("peace", "Peace", "article", "keeping peace", terms=["peace*"])]).iloc[0, :5].tolist()
    ['peace', 'Peace', 'article', 'keeping peace', 'peace*']
    """
    rows = []
    for t in themes:
        p = t.precision or {}
        rows.append((t.id, t.label, t.source, t.definition, "; ".join(t.terms), "; ".join(t.patterns),
                     "; ".join(t.exclude), t.counts_names, p.get("checked", ""), p.get("relevant", ""),
                     str(p.get("date", ""))))
    return pd.DataFrame(rows, columns=["theme", "label", "source", "definition", "terms", "patterns", "exclude",
                                       "counts_names", "precision_checked", "precision_relevant", "precision_date"])


def sample_for_checking(hits: pd.DataFrame, theme: str, n: int = 10, seed: int = 0) -> pd.DataFrame:
    """The paragraphs of a theme drawn for the reading check (``doc_id``, ``paragraph``), seeded, so
    that the same paragraphs are drawn again until the hits change.

    >>> hits = pd.DataFrame({"doc_id": ["a", "a", "b"], "paragraph": [1, 2, 1], "theme": ["peace"] * 3})
    >>> sample_for_checking(hits, "peace", n=2).values.tolist()
    [['a', 2], ['b', 1]]
    """
    paragraphs = hits.loc[hits["theme"] == theme, ["doc_id", "paragraph"]].drop_duplicates()
    sample = paragraphs.sample(n=min(n, len(paragraphs)), random_state=seed)
    return sample.sort_values(["doc_id", "paragraph"]).reset_index(drop=True)


def evidence(hits: pd.DataFrame, paragraphs: pd.DataFrame, theme: str, n: int = 3,
             window: int = 70) -> pd.DataFrame:
    """Keyword-in-context lines for a theme: its first hit in each of up to ``n`` paragraphs,
    spread over as many documents as possible (first the first paragraph of each document).

    >>> paragraphs = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 1],
    ...                            "text": ["Peacekeeping and preventive diplomacy.", "We want peace."]})
    >>> hits = pd.DataFrame({"doc_id": ["a", "b"], "paragraph": [1, 1], "theme": ["peace"] * 2,
    ...                      "start": [0, 8], "end": [12, 13], "position": [0.0, 0.53]})
    >>> evidence(hits, paragraphs, "peace", window=10).values.tolist()
    [['a', 1, '', 'Peacekeeping', ' and…'], ['b', 1, 'We want ', 'peace', '.']]
    """
    mine = hits[hits["theme"] == theme].drop_duplicates(["doc_id", "paragraph"])
    mine = mine.assign(_rank=mine.groupby("doc_id").cumcount()).sort_values(["_rank", "position"], kind="stable")
    texts = paragraphs.set_index(["doc_id", "paragraph"])["text"]
    rows = []
    for hit in mine.head(n).itertuples():
        text = texts[(hit.doc_id, hit.paragraph)]
        left = text[max(0, hit.start - window):hit.start]
        right = text[hit.end:hit.end + window]
        if hit.start > window and " " in left:
            left = "…" + left.split(" ", 1)[1]
        if len(text) - hit.end > window and " " in right:
            right = right.rsplit(" ", 1)[0] + "…"
        rows.append((hit.doc_id, int(hit.paragraph), left, text[hit.start:hit.end], right))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "left", "match", "right"])


def inside_names(hits: pd.DataFrame, names: pd.DataFrame, counts_names: frozenset[str] | set[str] = frozenset()
                 ) -> pd.DataFrame:
    """The theme hits that stand within the name of an institution, with that institution (``actor``).

    "Preventive Diplomacy" in "the United Nations Regional Centre for Preventive Diplomacy for
    Central Asia" names an office, and "ECOWAS" names an organization: a mention, not an argument
    for prevention or about Africa. A hit whose characters lie within those of an institution's
    name or acronym in the same paragraph (``names``: the actor mentions
    :func:`unscspeech.measures.actors.institution_names` keeps) is one of them, unless its theme is one whose
    subject is the institutions themselves (``counts_names``: regional organizations, CICA; the
    codebook's ``counts_names: true``). Regions and States are named for themselves and never hold a hit.

    >>> hits = pd.DataFrame({"doc_id": ["a"] * 3, "paragraph": [1] * 3, "theme": ["t", "t", "orgs"],
    ...                      "start": [0, 40, 40], "end": [10, 60, 60]})
    >>> names = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "actor": ["Centre"], "start": [20], "end": [70]})
    >>> inside_names(hits, names, counts_names={"orgs"})[["start", "theme", "actor"]].values.tolist()
    [[40, 't', 'Centre']]
    """
    spans: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for d, p, s, e, actor in zip(names["doc_id"], names["paragraph"], names["start"], names["end"], names["actor"]):
        spans.setdefault((d, p), []).append((s, e, actor))
    holder = [None if theme in counts_names else
              next((actor for s, e, actor in spans.get((d, p), ()) if s <= start and end <= e), None)
              for d, p, theme, start, end in zip(hits["doc_id"], hits["paragraph"], hits["theme"], hits["start"],
                                                 hits["end"])]
    inside = [h is not None for h in holder]
    return hits[inside].assign(actor=[h for h in holder if h is not None])


def outside_names(hits: pd.DataFrame, names: pd.DataFrame, counts_names: frozenset[str] | set[str] = frozenset()
                  ) -> pd.DataFrame:
    """The theme hits that do not stand within the name of an institution (:func:`inside_names`),
    so that a finding about what the texts argue rests on what they argue.

    >>> hits = pd.DataFrame({"doc_id": ["a"] * 2, "paragraph": [1] * 2, "theme": ["t"] * 2, "start": [0, 40], "end": [10, 60]})
    >>> names = pd.DataFrame({"doc_id": ["a"], "paragraph": [1], "actor": ["Centre"], "start": [20], "end": [70]})
    >>> outside_names(hits, names)["start"].tolist()
    [0]
    """
    return hits.drop(inside_names(hits, names, counts_names).index)


def names_counted(codebook: pd.DataFrame) -> frozenset[str]:
    """The themes whose subject is institutions, whose names therefore count (``codebook.csv``).

    >>> names_counted(pd.DataFrame({"theme": ["cica", "peace"], "counts_names": ["True", "False"]}))
    frozenset({'cica'})
    """
    flags = codebook["counts_names"].astype(str).str.lower().eq("true") if "counts_names" in codebook else []
    return frozenset(codebook.loc[flags, "theme"]) if len(flags) else frozenset()


def priority_coverage(documents: pd.DataFrame, hits: pd.DataFrame, codebook: pd.DataFrame,
                      names: pd.DataFrame) -> pd.DataFrame:
    """For each article priority: how the Council statements and the article(s) argue it.

    A hit within the name of an institution (``names``, as :func:`inside_names` reads them) names
    the institution rather than arguing the priority, so every count but ``statement_name_hits``
    leaves it out, in the statements and in the article alike. ``statement_docs``: statements with
    at least one hit; ``statement_hits``: their hits; ``statement_name_hits`` and
    ``article_name_hits``: the hits set aside as within a name; ``statement_share``: share of all
    statement paragraphs with a hit; ``article_share``: the same for the article(s), of whose
    ``article_paragraphs_all`` paragraphs ``article_paragraphs`` have one of its ``article_hits``.

    >>> docs = pd.DataFrame({"doc_id": ["s", "a"], "genre": ["council_statement", "article"], "n_paragraphs": [2, 4]})
    >>> codebook = pd.DataFrame({"theme": ["asia"], "label": ["Central Asia"], "source": ["article priority 3"]})
    >>> hits = pd.DataFrame({"doc_id": ["s", "s", "a"], "paragraph": [1, 2, 1], "theme": ["asia"] * 3,
    ...                      "start": [0, 30, 0], "end": [12, 42, 12]})
    >>> centre = pd.DataFrame({"doc_id": ["s"], "paragraph": [2], "actor": ["UNRCCA"], "start": [0], "end": [60]})
    >>> row = priority_coverage(docs, hits, codebook, centre).iloc[0]
    >>> int(row["statement_hits"]), int(row["statement_name_hits"]), float(row["statement_share"])
    (1, 1, 0.5)
    >>> int(row["article_hits"]), int(row["article_paragraphs"]), int(row["article_paragraphs_all"])
    (1, 1, 4)
    """
    numbers = priority_numbers(codebook)
    priorities = codebook[codebook["theme"].isin(numbers.index)].assign(number=lambda c: c["theme"].map(numbers))
    genre = documents.set_index("doc_id")["genre"]
    n_par = documents.groupby("genre")["n_paragraphs"].sum()
    argued = outside_names(hits, names, names_counted(codebook))
    rows = []
    for p in priorities.sort_values("number").itertuples():
        mine = argued[argued["theme"] == p.theme]
        in_statements = mine[mine["doc_id"].map(genre).eq(STATEMENT)]
        in_articles = mine[mine["doc_id"].map(genre).eq(ARTICLE)]
        every = hits[hits["theme"] == p.theme]["doc_id"].map(genre).value_counts()
        found = mine["doc_id"].map(genre).value_counts()
        by_genre = mine.drop_duplicates(["doc_id", "paragraph"])["doc_id"].map(genre).value_counts()
        rows.append((p.number, p.theme, p.label, in_statements["doc_id"].nunique(), len(in_statements),
                     int(every.get(STATEMENT, 0) - found.get(STATEMENT, 0)),
                     int(every.get(ARTICLE, 0) - found.get(ARTICLE, 0)),
                     round(by_genre.get(STATEMENT, 0) / n_par.get(STATEMENT, 1), 6),
                     round(by_genre.get(ARTICLE, 0) / n_par.get(ARTICLE, 1), 6),
                     len(in_articles), int(by_genre.get(ARTICLE, 0)), int(n_par.get(ARTICLE, 0))))
    return pd.DataFrame(rows, columns=["number", "theme", "label", "statement_docs", "statement_hits",
                                       "statement_name_hits", "article_name_hits", "statement_share", "article_share",
                                       "article_hits", "article_paragraphs", "article_paragraphs_all"])
