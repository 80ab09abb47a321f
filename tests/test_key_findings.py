"""The introduction and the conclusions print the key findings from one source, so they cannot drift."""

from __future__ import annotations

import ast
import re

import pytest

from conftest import DATA, ROOT

CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.S | re.M)


def glued_by_hand(path) -> set[str]:
    """The names a page glues with its own ``glue("name", …)`` call (not through a loop over values)."""
    names = set()
    for cell in CELL.findall(path.read_text(encoding="utf-8")):
        code = "\n".join(line for line in cell.splitlines() if not line.startswith((":", "%")))
        for node in ast.walk(ast.parse(code)):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "glue" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                names.add(node.args[0].value)
    return names


def test_no_value_is_computed_twice_by_the_two_pages_that_print_the_key_findings():
    both = glued_by_hand(ROOT / "intro.md") & glued_by_hand(ROOT / "chapters" / "conclusions.md")
    assert both == set(), f"glued by both pages: {sorted(both)}; make it once in unscspeech.book.key_findings"


def test_the_shared_values_are_the_findings_own():
    from unscspeech.book.findings import headline, weighed
    from unscspeech.book.key_findings import edition_values, headline_values, likeness
    from unscspeech.book.tables import read_tables

    tables = read_tables(DATA / "processed")
    h, w = headline(tables), weighed(tables)
    shared = headline_values(tables) | edition_values(tables)
    assert shared["cp_docs"] == h.prevention_docs and shared["nexus_docs"] == w.nexus_docs
    assert str(shared["sd_paras"]) == f"{w.nexus_paragraphs} paragraphs"
    like = likeness(tables)
    assert list(like.pairs["cosine"]) == sorted(like.pairs["cosine"], reverse=True)
    assert shared["second_cos"] == pytest.approx(like.pairs["cosine"].iloc[1])
    pair = set(like.prevention_pair.iloc[0][["doc_a", "doc_b"]])
    agendas = tables.documents.set_index("doc_id")["agenda"]
    assert all("prevention" in agendas[d].lower() for d in pair)


@pytest.mark.parametrize("caveat, short, counted", [
    ("weak_line_caveat", lambda statements, article: statements < article / 2, True),
    ("heavier_caveat", lambda statements, article: statements < article, True),
    ("lighter_caveat", lambda statements, article: statements > article, False),
])
def test_a_line_caveat_names_each_priority_that_crosses_it_and_no_other(caveat, short, counted):
    """Counted with the words within names, the priorities on the short side of a line: the caveat
    gives their number and names exactly the priorities whose side changes."""
    from unscspeech.book import key_findings
    from unscspeech.book.findings import priorities
    from unscspeech.book.preamble import in_sentence
    from unscspeech.book.tables import read_tables
    from unscspeech.measures.themes import priority_coverage

    tables = read_tables(DATA / "processed")
    named_apart = priorities(tables).set_index("theme")
    every = priority_coverage(tables.documents, tables.theme_hits, tables.codebook,
                              tables.actor_mentions.iloc[:0]).set_index("theme")
    side_apart = short(named_apart["statement_share"], named_apart["article_share"])
    side_every = short(every["statement_share"], every["article_share"]).reindex(side_apart.index)
    text = getattr(key_findings, caveat)(tables)
    crossing = side_apart.index[side_apart != side_every]
    if not len(crossing):
        assert text == ""
        return
    if counted:
        assert text.startswith(f" ({int(side_every.sum())} if the words within names are counted too: ")
    for theme, label in named_apart["label"].items():
        assert (in_sentence(label, tables.paragraphs) + (" joins them" if side_every[theme] else " leaves them")
                in text) == (theme in crossing), theme


def test_the_nexus_paragraphs_drawn_again_are_the_ones_read_for_recall():
    """``link_read_for_recall`` draws the recall sample again: it must be the sample the reader read
    (data/theme_recall.csv), or what it says was read or not read is wrong."""
    import pandas as pd

    from unscspeech.book.key_findings import HUB_PASSAGE, LINK_PASSAGE, link_read_for_recall
    from unscspeech.book.tables import read_tables
    from unscspeech.measures.kwic import locate
    from unscspeech.measures.recall import recall_sample

    tables = read_tables(DATA / "processed")
    recorded = pd.read_csv(DATA / "theme_recall.csv", comment="#")
    recorded = recorded[recorded["theme"] == "security_development"]
    drawn = recall_sample(tables.paragraphs, tables.theme_hits, "security_development", n=len(recorded))
    assert set(zip(drawn["doc_id"], drawn["paragraph"])) == set(zip(recorded["doc_id"], recorded["paragraph"]))
    doc = "2017-01-10-abdrakhmanov"
    read = set(zip(recorded["doc_id"], recorded["paragraph"]))
    assert link_read_for_recall(tables, doc) == ((doc, locate(tables.paragraphs, doc, HUB_PASSAGE)) in read,
                                                 (doc, locate(tables.paragraphs, doc, LINK_PASSAGE)) in read)


def test_self_reference_counts_the_phrases_and_the_name():
    """'my delegation' recounted in the texts; the name's part of the rate is the gazetteer's
    mentions of Kazakhstan over each document's length."""
    import re

    from unscspeech.book.findings import self_reference
    from unscspeech.book.tables import read_tables

    tables = read_tables(DATA / "processed")
    own = self_reference(tables)
    texts = tables.paragraphs.groupby("doc_id")["text"].apply(" ".join)
    for doc_id, text in texts.items():
        assert own.loc[doc_id, "delegation"] == len(re.findall(r"\bmy delegation\b", text, re.IGNORECASE))
    named = tables.actor_mentions[tables.actor_mentions["actor"] == "Kazakhstan"]["doc_id"].value_counts()
    tokens = tables.documents.set_index("doc_id")["n_tokens"]
    by_name = (own["with_name_rate"] - own["phrases_rate"]) * tokens / 1000
    assert by_name.round(6).tolist() == named.reindex(own.index, fill_value=0).astype(float).tolist()
    assert (own["phrases_rate"] == own["country_rate"] + own["delegation_rate"]).all()
