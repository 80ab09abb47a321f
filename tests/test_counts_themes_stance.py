"""The theme and stance counts the book prints, recounted plainly from the cleaned paragraphs.

The package matches a theme's terms and patterns as one alternation on a bounded engine, in an
order of its own, and drops hits inside an exclusion with a sweep; stance markers claim their
spans category by category. Here each count is made again from ``paragraphs.csv``, ``themes.yml``
and ``stance.csv`` with Python's ``re`` and plain loops, from the definitions the codebook and the
marker list state:

* a theme: its terms whole words (a final ``*`` any ending of the word), case-insensitive, its
  patterns as written; where matches overlap, the leftmost counts, and of those starting at the
  same place the longest ("within a theme, overlapping terms count once, longest first"); a hit
  that overlaps a match of one of the theme's exclusions does not count;
* a stance marker: its pattern as a whole word, case-insensitive; a match that overlaps a match of
  a marker listed earlier in its category does not count.

Every count column and glued count built on them is compared: ``themes.csv`` (hits, share of
paragraphs), the hits of ``theme_hits.csv`` per paragraph, ``theme_cooccurrence.csv``, the
paragraphs each theme matched in ``recall.csv``, the findings of the introduction and conclusions,
and ``stance.csv`` with its sums per category.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

import pandas as pd
import pytest
import yaml

from conftest import DATA
from unscspeech.book.tables import read_tables
from unscspeech.pipeline.tokens import normalise_for_matching

WORD = r"[\w'-]"


@pytest.fixture(scope="module")
def book():
    return read_tables(DATA / "processed")


def _texts(book) -> list[tuple[str, int, str]]:
    return [(r.doc_id, int(r.paragraph), normalise_for_matching(r.text)) for r in book.paragraphs.itertuples()]


def _whole(text: str, start: int, end: int) -> bool:
    """No letter, digit, hyphen or apostrophe touches the span, but a possessive 's after it and a
    hyphen between a word and a capital before it, which joins two names ("United Nations-African Union")."""
    joined = start >= 2 and text[start - 1] == "-" and re.match(r"\w", text[start - 2]) and "A" <= text[start] <= "Z"
    if start and re.match(WORD, text[start - 1]) and not joined:
        return False
    after = text[end:end + 1]
    if re.match(r"[\w-]", after):
        return False
    if after == "'" and re.match(WORD, text[end + 1:end + 2]):
        return text[end + 1] == "s" and not re.match(WORD, text[end + 2:end + 3])
    return True


def _term(term: str) -> re.Pattern[str]:
    words = normalise_for_matching(term).split()
    body = r"\s+".join(re.escape(w[:-1]) + WORD + "*" if w.endswith("*") else re.escape(w) for w in words)
    return re.compile(f"(?=({body}))", re.IGNORECASE)


def _every_start(expression: re.Pattern[str], text: str, term: bool) -> dict[int, int]:
    """Where a lookahead-wrapped expression matches: start → end, at every start."""
    found = {}
    for m in expression.finditer(text):
        start, end = m.span(1)
        if end > start and (not term or _whole(text, start, end)):
            found[start] = end
    return found


def _codebook() -> list[dict]:
    return yaml.safe_load((DATA / "themes.yml").read_text(encoding="utf-8"))["themes"]


def plain_theme_hits(book) -> pd.DataFrame:
    """Every theme hit, counted as the codebook defines it: ``doc_id``, ``paragraph``, ``theme``,
    ``start``, ``end``."""
    themes = []
    for t in _codebook():
        alternatives = [(_term(str(x)), True) for x in t.get("terms") or []]
        alternatives += [(re.compile(f"(?=({p}))", re.IGNORECASE), False) for p in t.get("patterns") or []]
        exclusions = [re.compile(e, re.IGNORECASE) for e in t.get("exclude") or []]
        themes.append((t["id"], alternatives, exclusions))
    rows = []
    for doc, paragraph, text in _texts(book):
        for theme, alternatives, exclusions in themes:
            longest: dict[int, int] = {}
            for expression, term in alternatives:
                for start, end in _every_start(expression, text, term).items():
                    longest[start] = max(end, longest.get(start, end))
            excluded = [m.span() for e in exclusions for m in e.finditer(text)]
            reached = 0
            for start in sorted(longest):
                if start < reached:
                    continue
                end = reached = longest[start]
                if not any(start < xe and xs < end for xs, xe in excluded):
                    rows.append((doc, paragraph, theme, start, end))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "theme", "start", "end"])


@pytest.fixture(scope="module")
def plain_hits(book):
    return plain_theme_hits(book)


def check_theme_hits(book, plain):
    """Per paragraph, the hits of ``theme_hits.csv``; per document, ``themes.csv``."""
    table = book.theme_hits.groupby(["doc_id", "paragraph", "theme"]).size()
    mine = plain.groupby(["doc_id", "paragraph", "theme"]).size()
    assert table.sort_index().to_dict() == mine.sort_index().to_dict()
    docs = book.documents.set_index("doc_id")
    per_doc = Counter(zip(plain["doc_id"], plain["theme"]))
    touched = plain.drop_duplicates(["doc_id", "paragraph", "theme"]).groupby(["doc_id", "theme"]).size()
    themes = book.themes
    assert len(themes) == len(docs) * len(_codebook())  # every document × theme, zeros kept
    for row in themes.itertuples():
        n = per_doc.get((row.doc_id, row.theme), 0)
        assert row.hits == n, (row.doc_id, row.theme)
        assert row.per_1000 == pytest.approx(1000 * n / docs.loc[row.doc_id, "n_tokens"], abs=1e-6)
        share = touched.get((row.doc_id, row.theme), 0) / docs.loc[row.doc_id, "n_paragraphs"]
        assert row.paragraph_share == pytest.approx(share, abs=1e-6), (row.doc_id, row.theme)


def test_theme_hits_are_plain_counts(book, plain_hits):
    check_theme_hits(book, plain_hits)


def check_cooccurrence(book, plain):
    """The paragraphs touching each theme of a pair and both (printed as the closest pairs)."""
    touched = {t: set(zip(f["doc_id"], f["paragraph"])) for t, f in plain.groupby("theme")}
    for row in book.theme_cooccurrence.itertuples():
        a, b = touched.get(row.theme_a, set()), touched.get(row.theme_b, set())
        assert (row.paragraphs_a, row.paragraphs_b, row.paragraphs_both) == (len(a), len(b), len(a & b)), \
            (row.theme_a, row.theme_b)
        assert row.jaccard == pytest.approx(len(a & b) / len(a | b) if a | b else 0.0, abs=1e-6)


def test_theme_cooccurrence_counts_plain_paragraphs(book, plain_hits):
    check_cooccurrence(book, plain_hits)


def test_the_recall_table_counts_the_paragraphs_each_theme_matched(book, plain_hits):
    """The Themes chapter prints the paragraphs each theme matched and did not."""
    recall = book.recall
    if not len(recall) or not {"matched", "unmatched"} <= set(recall.columns):
        pytest.skip("no recall reading in this corpus")
    n = len(book.paragraphs)
    for row in recall.itertuples():
        matched = len(plain_hits.loc[plain_hits["theme"] == row.theme, ["doc_id", "paragraph"]].drop_duplicates())
        assert (row.matched, row.unmatched) == (matched, n - matched), row.theme


def _names_counted() -> set[str]:
    """The themes whose subject is institutions (``counts_names: true`` in the codebook)."""
    return {t["id"] for t in _codebook() if t.get("counts_names") is True}


def _gazetteer_spans(book) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Where each institution's name in the gazetteer stands whole in each paragraph (for hits
    inside a name): organs, offices and organizations, not regions, States or people."""
    with open(DATA / "actors.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] in ("un_organ", "un_office", "regional_org", "other_org")]
    names = [normalise_for_matching(n.strip()) for r in rows for n in r["names"].split(";") if n.strip()]
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for doc, paragraph, text in _texts(book):
        for name in names:
            for m in re.finditer(re.escape(name), text, re.IGNORECASE):
                if _whole_name(text, *m.span()):
                    spans.setdefault((doc, paragraph), []).append(m.span())
    return spans


def _whole_name(text: str, start: int, end: int) -> bool:
    """A name stands whole: as a word does, or joined to another name by a hyphen before a capital,
    on either side ("United Nations-African Union")."""
    joined_before = start >= 2 and text[start - 1] == "-" and re.match(r"\w", text[start - 2]) and "A" <= text[start] <= "Z"
    if start and re.match(WORD, text[start - 1]) and not joined_before:
        return False
    after = text[end:end + 1]
    return not re.match(r"\w", after) and (after != "-" or "A" <= text[end + 1:end + 2] <= "Z")


def test_the_key_findings_count_plainly(book):
    """The counts the introduction and conclusions glue: prevention argued outside names, the
    regional paragraphs on and off their agenda, the nexus paragraphs."""
    from unscspeech.book.findings import headline, weighed

    w, h = weighed(book), headline(book)
    docs = book.documents
    statements = docs[docs["genre"] == "council_statement"]
    agenda = statements.set_index("doc_id")["agenda"].fillna("").str.lower()
    names = _gazetteer_spans(book)
    # Spans, to tell a hit inside a name from an argument.
    hits = book.theme_hits

    def argued(theme: str) -> pd.DataFrame:
        mine = hits[hits["theme"] == theme]
        if theme in _names_counted():
            return mine
        inside = [any(s <= a and b <= e for s, e in names.get((d, p), ()))
                  for d, p, a, b in zip(mine["doc_id"], mine["paragraph"], mine["start"], mine["end"])]
        return mine[[not x for x in inside]]

    prevention = argued("conflict_prevention")
    prevention = prevention[prevention["doc_id"].isin(statements["doc_id"])]
    assert w.prevention_docs == h.prevention_docs == prevention["doc_id"].nunique()
    assert w.prevention_paragraphs == len(prevention[["doc_id", "paragraph"]].drop_duplicates())
    all_prevention = hits[(hits["theme"] == "conflict_prevention") & hits["doc_id"].isin(statements["doc_id"])]
    assert w.prevention_name_hits == len(all_prevention) - len(prevention)
    assert h.prevention_hits == len(prevention)
    on_agenda = {d for d in prevention["doc_id"] if "prevent" in agenda[d]}
    assert w.prevention_on_agenda == len(on_agenda)
    where = Counter(("prevent" in agenda[d], "regional" in agenda[d])
                    for d in prevention[["doc_id", "paragraph"]].drop_duplicates()["doc_id"])
    assert w.prevention_paragraphs_both == where[(True, True)]
    assert w.prevention_paragraphs_prevention_only == where[(True, False)]
    assert w.prevention_paragraphs_elsewhere == where[(False, True)] + where[(False, False)]
    regional = argued("regional_organizations")[["doc_id", "paragraph"]].drop_duplicates()
    assert w.regional_paragraphs == len(regional)
    assert w.regional_on_agenda_paragraphs == sum("regional" in agenda.get(d, "") for d in regional["doc_id"])
    nexus = argued("security_development")[["doc_id", "paragraph"]].drop_duplicates()
    assert w.nexus_paragraphs == len(nexus)
    assert w.nexus_docs == nexus["doc_id"].nunique()


# ---- stance ------------------------------------------------------------------------------------

def _markers() -> list[dict[str, str]]:
    with open(DATA / "stance.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def plain_stance(book) -> Counter:
    """(doc, category, marker) → matches, a later marker of a category never counting a span an
    earlier one took."""
    # Whole words, written plainly: nothing of a word before; after, no word character or hyphen,
    # and no apostrophe followed by a word character unless that is a possessive 's.
    markers = [(m["category"], m["marker"], re.compile(rf"(?<![\w'-])(?:{m['pattern']})(?![\w-])(?!'(?!s\b)\w)",
                                                       re.IGNORECASE))
               for m in _markers()]
    counts: Counter = Counter()
    for doc, _, text in _texts(book):
        taken: dict[str, list[tuple[int, int]]] = {}
        for category, marker, pattern in markers:
            earlier = list(taken.get(category, []))
            for m in pattern.finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in earlier):
                    counts[(doc, category, marker)] += 1
                    taken.setdefault(category, []).append(m.span())
    return counts


def check_stance(book, plain: Counter):
    stance = book.stance
    docs = book.documents.set_index("doc_id")
    assert len(stance) == len(docs) * len(_markers())  # every document × marker, zeros kept
    for row in stance.itertuples():
        n = plain.get((row.doc_id, row.category, row.marker), 0)
        assert row.count == n, (row.doc_id, row.marker)
        assert row.per_1000 == pytest.approx(1000 * n / docs.loc[row.doc_id, "n_tokens"], abs=1e-6)
    hits = book.stance_hits.groupby(["doc_id", "category", "marker"]).size()
    assert hits.to_dict() == {k: v for k, v in plain.items() if v}


def test_stance_counts_are_plain_counts(book):
    check_stance(book, plain_stance(book))


def test_stance_sums_by_category_are_the_plain_sums(book):
    from unscspeech.measures.stance import category_rates

    plain = plain_stance(book)
    rates = category_rates(book.stance)
    for row in rates.itertuples():
        assert row.count == sum(n for (d, c, _), n in plain.items() if (d, c) == (row.doc_id, row.category))


def check_priority_coverage(book, plain):
    """The Stated priorities table and chart: statements and hits per priority, and the share of
    the statements' and the article's paragraphs that touch it, words inside a longer name of an
    institution set aside and counted apart."""
    from unscspeech.book.findings import priorities

    docs = book.documents
    genre = docs.set_index("doc_id")["genre"]
    paragraphs = docs.groupby("genre")["n_paragraphs"].sum()
    coverage = priorities(book)
    assert len(coverage) == sum(str(t["source"]).startswith("article priority") for t in _codebook())
    names, counted = _gazetteer_spans(book), _names_counted()
    inside = [t not in counted and any(s <= a and b <= e for s, e in names.get((d, p), ()))
              for d, p, t, a, b in zip(plain["doc_id"], plain["paragraph"], plain["theme"], plain["start"], plain["end"])]
    set_aside, plain = plain[inside], plain[[not x for x in inside]]
    for row in coverage.itertuples():
        mine = plain[plain["theme"] == row.theme]
        assert row.statement_name_hits == (set_aside[set_aside["theme"] == row.theme]["doc_id"].map(genre)
                                           == "council_statement").sum(), row.theme
        in_statements = mine[mine["doc_id"].map(genre) == "council_statement"]
        in_article = mine[mine["doc_id"].map(genre) == "article"]
        assert row.statement_hits == len(in_statements), row.theme
        assert row.statement_docs == in_statements["doc_id"].nunique(), row.theme
        touched = len(in_statements.drop_duplicates(["doc_id", "paragraph"]))
        assert row.statement_share == pytest.approx(touched / paragraphs["council_statement"], abs=1e-6), row.theme
        touched = len(in_article.drop_duplicates(["doc_id", "paragraph"]))
        assert row.article_share == pytest.approx(touched / paragraphs.get("article", 1), abs=1e-6), row.theme


def test_priority_coverage_is_a_plain_count(book, plain_hits):
    check_priority_coverage(book, plain_hits)
