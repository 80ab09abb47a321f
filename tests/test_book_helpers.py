"""The chapter preamble's helpers: quotes are checked, claims guarded, text escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.book.preamble import Text, cite, claim, html_table, kwic_table
from unscspeech.book.tables import as_tables


@pytest.fixture(scope="module")
def book_tables(tables):
    return as_tables(tables)


def test_cite_quotes_with_document_and_paragraph(book_tables):
    quote = cite(book_tables, "2007-11-06-aitimova", "Kazakhstan fully aligns itself")
    assert quote == "“Kazakhstan fully aligns itself” (2007 Aitimova, paragraph 2)"
    assert repr(quote) == str(quote), "glue prints it without quotes"


def test_cite_refuses_a_passage_the_corpus_lacks(book_tables):
    with pytest.raises(LookupError, match="found nowhere"):
        cite(book_tables, "2007-11-06-aitimova", "Kazakhstan rejects regional arrangements")
    with pytest.raises(LookupError, match="in paragraphs"):
        cite(book_tables, "2007-11-06-aitimova", "regional")


def test_claim_fails_the_build_when_the_data_disagree():
    claim(True, "fine")
    with pytest.raises(AssertionError, match="the prose no longer holds: x"):
        claim(False, "x")


def test_kwic_table_lists_every_match_escaped(book_tables):
    markup = html_table(pd.DataFrame({"a": ["<b>bold</b>"]}))._repr_html_()
    assert "&lt;b&gt;bold&lt;/b&gt;" in markup and "<b>" not in markup
    raw = (DATA / "raw" / "002_129fec8e5b34501d.txt").read_text(encoding="utf-8")
    expected = raw.count("CICA")
    table = kwic_table(book_tables, "CICA", doc_id="2007-11-06-aitimova", limit=50)._repr_html_()
    assert f"“CICA” in 2007 Aitimova: {expected} occurrences" in table, "the caption names the one document"
    assert table.count("<tr>") == 1 + expected
    everywhere = kwic_table(book_tables, "CICA", limit=50)._repr_html_()
    raws = [path.read_text(encoding="utf-8") for path in (DATA / "raw").glob("*.txt")]
    naming = sum("CICA" in text for text in raws)
    assert f"“CICA” in {naming} of the {len(raws)} documents:" in everywhere, "the caption counts the documents it stands in"
    with pytest.raises(LookupError):
        kwic_table(book_tables, "Narnia")


def test_text_is_a_plain_string():
    assert isinstance(Text("x"), str) and repr(Text("a b")) == "a b"


@pytest.mark.parametrize("n, noun, many, expected", [
    (1, "document", None, "1 document"), (0, "document", None, "0 documents"),
    (5, "document", None, "5 documents"), (1, "analysis", "analyses", "1 analysis"),
    (2, "analysis", "analyses", "2 analyses"), (1200, "word", None, "1,200 words")])
def test_plural_agrees_with_its_number(n, noun, many, expected):
    from unscspeech.book.preamble import plural

    assert plural(n, noun, many) == expected


@pytest.mark.parametrize("label, inside", [
    ("The security-development nexus", "the security-development nexus"),
    ("A world free of conflict by 2045", "a world free of conflict by 2045"),
    ("Central Asia and Afghanistan", "Central Asia and Afghanistan"),
    ("Theory of change", "Theory of change")])
def test_a_label_inside_a_sentence_lowers_only_its_article(label, inside):
    from unscspeech.book.preamble import in_sentence, sentence_start

    assert in_sentence(label) == inside
    assert sentence_start(in_sentence(label)) == label


def test_and_list_joins_the_last_item_with_its_conjunction():
    from unscspeech.book.preamble import and_list

    assert and_list(["a", "b"]) == "a and b"
    assert and_list(["a", "b", "c"], "or") == "a, b or c"


@pytest.mark.parametrize("term, printed", [("central asia", "Central Asia"), ("cica", "CICA"),
                                           ("united nations", "United Nations"), ("ecowas", "ECOWAS"),
                                           ("moussa faki mahamat", "Moussa Faki Mahamat"),
                                           ("conference on interaction and confidence-building measures in asia cica",
                                            "Conference on Interaction and Confidence-building Measures in Asia CICA"),
                                           ("preventive diplomacy conflict", "preventive diplomacy conflict")])
def test_printed_form_is_how_the_texts_print_a_term(book_tables, term, printed):
    from unscspeech.book.preamble import printed_form

    assert printed_form(book_tables.paragraphs, term) == printed


def test_printed_form_takes_the_commonest_and_keeps_an_unprinted_term():
    from unscspeech.book.preamble import printed_form

    paragraphs = pd.DataFrame({"text": ["non-proliferation and Non-Proliferation", "non proliferation"]})
    assert printed_form(paragraphs, "non-proliferation") == "non-proliferation"
    assert printed_form(paragraphs, "non proliferation") == "non-proliferation"
    assert printed_form(paragraphs, "disarmament") == "disarmament"


def test_a_formula_counted_across_marks_is_shown_with_its_printed_words_but_not_across_sentences():
    from unscspeech.book.preamble import printed_form

    paragraphs = pd.DataFrame({"text": ["Measures in Asia (CICA) matter.", "Peace in Asia. Security Council."]})
    assert printed_form(paragraphs, "in asia cica") == "in Asia CICA"
    assert printed_form(paragraphs, "asia security council") == "asia security council"


def test_the_selections_name_the_same_rows_on_every_page(book_tables):
    from unscspeech.book import selections
    from unscspeech.book.selections import relative_to_period

    docs = book_tables.documents
    statements, articles = selections.the_statements(docs), selections.the_articles(docs)
    assert set(statements["genre"]) == {"council_statement"} and set(articles["genre"]) == {"article"}
    assert len(statements) + len(articles) == len(docs)
    assert selections.the_article(docs)["doc_id"] == articles["doc_id"].iloc[0]
    term = selections.council_term(book_tables.periods)
    assert term.equals(book_tables.periods.iloc[0])
    counts = relative_to_period(docs, term)
    assert len(selections.dated_before(docs, term)) == counts["before"]
    assert len(selections.dated_within(docs, term)) == counts["during"]
    assert selections.period_years(term) == f"{term['start'][:4]}–{term['end'][:4]}"
    paragraphs = selections.of_documents(book_tables.paragraphs, statements)
    assert set(paragraphs["doc_id"]) == set(statements["doc_id"])
    assert len(paragraphs) + len(selections.of_documents(book_tables.paragraphs, articles)) == len(book_tables.paragraphs)
    hits = selections.of_theme(book_tables.theme_hits, "conflict_prevention")
    assert len(hits) > 0 and set(hits["theme"]) == {"conflict_prevention"}
    assert selections.document_labels(docs)["2007-11-06-aitimova"] == "2007 Aitimova"


def test_a_corpus_without_an_article_or_a_period_says_so():
    from unscspeech.book import selections

    with pytest.raises(LookupError, match="no article"):
        selections.the_article(pd.DataFrame({"doc_id": ["a"], "genre": ["council_statement"]}))
    with pytest.raises(LookupError, match="names no period"):
        selections.council_term(pd.DataFrame(columns=["start", "end", "label", "evidence"]))


def test_the_selections_examples_hold():
    import doctest

    from unscspeech.book import selections

    assert doctest.testmod(selections).failed == 0


def test_the_reproducibility_page_reports_every_package_that_shapes_the_tables():
    from unscspeech.book.preamble import REPORTED_PACKAGES
    from unscspeech.processed.cache import SHAPING_PACKAGES

    assert set(SHAPING_PACKAGES) <= set(REPORTED_PACKAGES)
