"""Which corpus the book's readings are about, and how marked sections are kept or dropped."""

from __future__ import annotations

import pandas as pd
import pytest

from unscspeech.book.edition import EDITION, SectionError, is_edition, select_sections

TEXT = """intro
% edition-only
about the five
% end edition-only
% other-corpus-only
about another corpus
% end other-corpus-only
outro"""


def test_the_real_corpus_is_the_edition(tables):
    assert is_edition(tables["documents.csv"])
    assert set(tables["documents.csv"]["doc_id"]) == set(EDITION)


def test_a_changed_added_or_missing_document_is_not_the_edition(tables):
    docs = tables["documents.csv"]
    changed = docs.copy()
    changed.loc[0, "sha256"] = "0" * 64
    assert not is_edition(changed)
    assert not is_edition(docs.iloc[1:])
    extra = docs.iloc[[0]].assign(doc_id="2020-01-01-someone")
    assert not is_edition(pd.concat([docs, extra]))


def test_each_corpus_keeps_its_own_sections_and_loses_the_markers():
    assert select_sections(TEXT, edition=True) == "intro\nabout the five\noutro"
    assert select_sections(TEXT, edition=False) == "intro\nabout another corpus\noutro"


def test_a_marked_sentence_continues_its_paragraph():
    text = "First sentence.\n% edition-only\nSecond sentence.\n% end edition-only\nThird."
    assert select_sections(text, edition=True) == "First sentence.\nSecond sentence.\nThird."
    assert select_sections(text, edition=False) == "First sentence.\nThird."


@pytest.mark.parametrize("text, message", [
    ("% edition-only\nopen", "chapter.md:1: the 'edition-only' section is never closed"),
    ("% end edition-only", "chapter.md:1: '% end edition-only' closes no open 'edition-only' section"),
    ("% edition-only\n% other-corpus-only", "chapter.md:2: 'other-corpus-only' opens inside the 'edition-only' "
                                           "section opened on line 1"),
    ("% edition-only\n% end other-corpus-only", "chapter.md:2: '% end other-corpus-only' closes no open"),
    ("% draft-only", "chapter.md:1: unknown section marker '% draft-only'"),
])
def test_bad_markers_are_reported_with_file_and_line(text, message):
    with pytest.raises(SectionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        select_sections(text, edition=True, source="chapter.md")


def test_every_chapter_source_has_balanced_markers():
    from conftest import ROOT

    for path in [ROOT / "intro.md", *sorted((ROOT / "chapters").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for edition in (True, False):
            select_sections(text, edition, str(path))
