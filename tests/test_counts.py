"""Every count column the book prints, recounted plainly from the cleaned paragraphs.

Each test counts with a simple whole-word regular expression over ``paragraphs.csv`` (curly quotes
and dashes evened out, as every matcher of the package sees them) and compares with the table the
chapters print: a column named for what it counts must count exactly that.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.book.preamble import kwic_table
from unscspeech.book.tables import read_tables
from unscspeech.pipeline.tokens import normalise_for_matching


@pytest.fixture(scope="module")
def book():
    return read_tables(DATA / "processed")


def _texts(book) -> list[tuple[str, int, str]]:
    return [(r.doc_id, int(r.paragraph), normalise_for_matching(r.text)) for r in book.paragraphs.itertuples()]


def _phrase(words: list[str]) -> re.Pattern[str]:
    """Words in order, whole, with anything but a letter or digit between them (a final * on a
    word: any ending)."""
    return re.compile(r"(?<![\w'-])" + r"[^\w]+".join(re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*")
                                                     else re.escape(w) for w in words) + r"(?![\w-])", re.IGNORECASE)


def test_shared_formulas_uses_and_paragraphs_are_plain_counts(book):
    texts = _texts(book)
    for row in book.shared_phrases.itertuples():
        pattern = _phrase(row.ngram.split())
        found = [(d, p, len(pattern.findall(t))) for d, p, t in texts]
        assert row.uses == sum(n for _, _, n in found), row.ngram
        assert row.n_paragraphs == sum(1 for _, _, n in found if n), row.ngram
        assert row.n_docs == len({d for d, _, n in found if n}), row.ngram


def test_the_formula_in_every_document_is_counted_alike_in_vocabulary_and_echoes(book):
    """Vocabulary glues the collocation count of the triple in every document, Echoes prints its uses."""
    colloc = book.collocations
    shared = book.shared_phrases.set_index("ngram")
    everywhere = colloc[(colloc["n"] == 3) & (colloc["n_docs"] == len(book.documents))]
    assert len(everywhere)
    for row in everywhere.itertuples():
        assert row.count == shared.loc[row.ngram, "uses"], row.ngram
    for ngram in ("security and development", "preventive diplomacy", "security-development nexus"):
        pattern = _phrase(re.split(r"\s+", ngram))
        plain = sum(len(pattern.findall(t)) for _, _, t in _texts(book))
        assert int(colloc.loc[colloc["ngram"] == ngram, "count"].iloc[0]) == plain, ngram


def _gazetteer() -> list[tuple[str, str]]:
    with open(DATA / "actors.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = []
    for row in rows:
        own = [n.strip() for n in row["names"].split(";") if n.strip()]
        if row["acronym"] and row["acronym"] not in own:
            own.append(row["acronym"])
        names += [(normalise_for_matching(n), row["actor"]) for n in own]
    return names


def _stands_whole(text: str, start: int, end: int) -> bool:
    """No letter, digit, underscore, apostrophe or hyphen touches the name, but a hyphen that joins
    it to another capitalised name ("United Nations-African Union")."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and (before.isalnum() or before in "_'"):
        return False
    if before == "-" and not (start >= 2 and text[start - 2].isalnum() and text[start].isupper()):
        return False
    if after and (after.isalnum() or after == "_"):
        return False
    return not (after == "-" and not text[end + 1:end + 2].isupper())


def plain_mentions(book) -> pd.DataFrame:
    """Every name of the gazetteer found whole in every paragraph, the longest claiming its words first;
    an acronym in parentheses right after a name of the same actor is that name's, not a second mention."""
    names = sorted(_gazetteer(), key=lambda p: -len(p[0]))
    rows = []
    for doc, paragraph, text in _texts(book):
        taken: list[tuple[int, int, str]] = []
        for name, actor in names:
            acronym = name.isupper() and " " not in name
            flags = 0 if acronym else re.IGNORECASE
            for m in re.finditer(re.escape(name), text, flags):
                if _stands_whole(text, m.start(), m.end()) and not any(m.start() < e and m.end() > s for s, e, _ in taken):
                    taken.append((m.start(), m.end(), actor))
        taken.sort()
        kept = [t for i, t in enumerate(taken)
                if not (i and taken[i - 1][2] == t[2] and re.fullmatch(r"\s*\(", text[taken[i - 1][1]:t[0]])
                        and text[t[1]:t[1] + 1] == ")")]
        rows += [(doc, paragraph, actor) for _, _, actor in kept]
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "actor"])


def test_actor_mentions_are_plain_counts(book):
    plain = plain_mentions(book).groupby(["doc_id", "actor"]).size()
    table = book.actors.set_index(["doc_id", "actor"])["mentions"]
    assert table.sort_index().to_dict() == plain.sort_index().to_dict()


def test_a_name_and_its_acronym_in_parentheses_are_one_mention(book):
    cica = book.actors
    row = cica[(cica["doc_id"] == "2017-01-10-abdrakhmanov") & (cica["actor"].str.startswith("Conference on"))]
    text = " ".join(book.paragraphs.loc[book.paragraphs["doc_id"] == "2017-01-10-abdrakhmanov", "text"])
    defined = len(re.findall(r"Measures in Asia \(CICA\)", text))
    assert defined == 1
    assert int(row["mentions"].iloc[0]) == text.count("CICA")  # the name with its acronym, and one "CICA" alone


def test_kinds_and_network_tables_are_plain_counts(book):
    from unscspeech.measures.actors import KINDS, kind_summary

    plain = plain_mentions(book)
    kinds = dict(zip(book.gazetteer["actor"], book.gazetteer["kind"]))
    plain["kind"] = plain["actor"].map(kinds)
    summary = kind_summary(book.actors).set_index("kind")
    for kind in summary.index:
        mine = plain[plain["kind"] == kind]
        assert summary.loc[kind, "mentions"] == len(mine), KINDS[kind]
        assert summary.loc[kind, "actors"] == mine["actor"].nunique(), KINDS[kind]
        assert summary.loc[kind, "documents"] == mine["doc_id"].nunique(), KINDS[kind]
    from unscspeech.measures.actors import named_by_document

    for kind in ("regional_org", "state"):  # the per-document lists of the Actors chapter
        listed = named_by_document(book.actors, book.documents, kind).set_index("doc_id")["n"]
        mine = plain[plain["kind"] == kind].groupby("doc_id")["actor"].nunique()
        assert listed.to_dict() == {d: int(mine.get(d, 0)) for d in listed.index}, kind
    together, documents = Counter(), {}
    for (doc, _), named in plain.groupby(["doc_id", "paragraph"])["actor"]:
        actors = sorted(set(named))
        pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]
        together.update(pairs)
        for pair in pairs:
            documents.setdefault(pair, set()).add(doc)
    network = book.actor_network
    pairs = list(zip(network["actor_a"], network["actor_b"]))
    assert dict(zip(pairs, network["paragraphs"])) == dict(together)
    assert dict(zip(pairs, network["documents"])) == {pair: len(d) for pair, d in documents.items()}


def test_document_sizes_are_plain_counts(book):
    """Word tokens: runs of letters or digits (hyphens and inner apostrophes kept), the possessive 's not."""
    word = re.compile(r"\d{1,3}(?:,\d{3})+|[^\W_]+(?:-[^\W_]+)*(?:'(?!s\b)[^\W_]+)*|'s\b")
    texts = _texts(book)
    for doc in book.documents.itertuples():
        mine = [t for d, _, t in texts if d == doc.doc_id]
        assert doc.n_paragraphs == len(mine)
        assert doc.n_tokens == sum(sum(w != "'s" for w in word.findall(t)) for t in mine), doc.doc_id


#: Every keyword-in-context table the chapters print: the query and the document it is limited to.
KWIC_SHOWN = [("CICA", None), ("prevention", "2018-12-06-umarov"), ("Afghanistan", "2019-03-02-atamkulov"),
              ("regional arrangements", None), ("culture*", "2017-01-10-abdrakhmanov"),
              ("approach*", "2018-03-28-mukhtarov"), ("subregional", None),
              ("regional and subregional organizations", None), ("security and development", None),
              ("protection of civilians", None)]


def test_every_literal_kwic_query_of_the_chapters_is_recounted():
    """A chapter's kwic_table with a query written out is in KWIC_SHOWN (queries held in a variable,
    the Vocabulary chapter's most concentrated term and the Echoes formulas, are listed by hand)."""
    from conftest import ROOT

    written = set()
    for path in [ROOT / "intro.md", *(ROOT / "chapters").glob("*.md")]:
        written |= set(re.findall(r"kwic_table\(tables,\s*\"([^\"]+)\"", path.read_text(encoding="utf-8")))
    assert written and written <= {q for q, _ in KWIC_SHOWN}


@pytest.mark.parametrize("query, doc_id", KWIC_SHOWN)
def test_kwic_captions_count_plainly_and_name_their_document(book, query, doc_id):
    texts = [(d, t) for d, _, t in _texts(book) if doc_id in (None, d)]
    plain = sum(len(_phrase(query.split()).findall(t)) for _, t in texts)
    caption = re.search(r"<caption>(.*?)</caption>", kwic_table(book, query, doc_id=doc_id)._repr_html_()).group(1)
    standing = {d for d, t in texts if _phrase(query.split()).search(t)}
    where = (book.documents.set_index("doc_id")["label"][doc_id] if doc_id
             else f"{len(standing)} of the {len(book.documents)} documents")
    assert caption.startswith(f"“{query}” in {where}: {plain} occurrence")


def test_priority_table_counts_are_the_theme_hits(book):
    from unscspeech.book.findings import priorities

    cov = priorities(book)
    hits, docs = book.theme_hits, book.documents
    statements = set(docs.loc[docs["genre"] == "council_statement", "doc_id"])
    texts = {(d, p): t for d, p, t in _texts(book)}
    for h in hits.itertuples():  # every hit stands in its paragraph as matched
        assert texts[(h.doc_id, h.paragraph)][h.start:h.end].casefold() == normalise_for_matching(h.match).casefold()
    for row in cov.itertuples():
        mine = hits[(hits["theme"] == row.theme) & hits["doc_id"].isin(statements)]
        assert row.statement_hits + row.statement_name_hits == len(mine)
        assert row.statement_docs <= mine["doc_id"].nunique()
