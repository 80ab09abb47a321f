"""The built pages read as written prose, with no seams where generated text was glued in.

Glued values are computed, so their grammar is too: a count must agree with its noun ("1
documents"), a label that heads a line must lose its capital inside a sentence ("Only The
security-development nexus"), a list must end with "and", a term shown in prose must look as the
texts print it ("Central Asia", "CICA", not the lemmas "central asia", "cica"), and a quotation
must open with an opening mark. The scan reads the prose of every built page: paragraphs, list
items and the charts' text descriptions, not tables, code or keyword-in-context lines, where lemmas
and raw text belong.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from conftest import DATA, ROOT, toc_pages

#: Not prose: tables and code. A chart's text fallback (<noscript>) is its description, read by
#: whoever cannot see the chart, so it is scanned as prose.
SKIP = {"table", "pre", "code", "script", "style", "svg", "math"}


class Prose(HTMLParser):
    """The text of every <p> and <li> of the page's article, outside tables and code."""

    def __init__(self):
        super().__init__()
        self.article = 0
        self.skipping = 0
        self.blocks: list[str] = []
        self.current: list[str] | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.article += 1
        elif tag in SKIP:
            self.skipping += 1
        elif tag in ("p", "li") and self.article and not self.skipping:
            if self.current is None:
                self.current, self.depth = [], 1
            else:
                self.depth += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        elif tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("p", "li") and self.current is not None:
            self.depth -= 1
            if self.depth == 0:
                self.blocks.append(re.sub(r"\s+", " ", "".join(self.current)).strip())
                self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.skipping:
            self.current.append(data)


def prose(html: str) -> list[str]:
    parser = Prose()
    parser.feed(html)
    return [b for b in parser.blocks if b]


NOUNS = r"(?:documents|statements|articles|paragraphs|pairs|themes|uses|times|hits|words|terms|markers|actors|topics)"


def seams(blocks: list[str], labels: list[str], lemmas: dict[str, str]) -> list[str]:
    """Every seam in the prose blocks: (kind, the words around it)."""
    found = []
    for block in blocks:
        for m in re.finditer(r"(?<![\d.,])\b1 " + NOUNS + r"\b", block):
            found.append(f"number: {block[max(0, m.start() - 40):m.end() + 20]}")
        for label in labels:
            for m in re.finditer(r"(?<=[a-z,;:] )" + re.escape(label), block):
                found.append(f"capital mid-sentence: {block[max(0, m.start() - 30):m.end()]}")
        for m in re.finditer(r"(?:^|[\s(])”(?=\w)|“(?=[\s,.;)]|$)", block):
            found.append(f"quotation mark: {block[max(0, m.start() - 30):m.end() + 30]}")
        for lower, printed in lemmas.items():
            for m in re.finditer(r"(?<![\w/.-])" + re.escape(lower) + r"(?![\w/-])", block):
                found.append(f"lemma for {printed!r}: {block[max(0, m.start() - 30):m.end() + 30]}")
        for m in re.finditer(r"(?:\b\d{4} [A-Z][a-z]+, ){1,}\d{4} [A-Z][a-z]+(?=[.;:)])", block):
            found.append(f"list without 'and': {m.group(0)}")
    return found


def printed_names() -> dict[str, str]:
    """Lower-case forms of the names and acronyms the gazetteer lists with capitals."""
    gazetteer = pd.read_csv(DATA / "actors.csv", keep_default_na=False, comment="#")
    names = {}
    listed = [*gazetteer["acronym"], *gazetteer["actor"], *(n for ns in gazetteer["names"] for n in ns.split(";"))]
    for name in listed:
        if name and name != name.lower() and len(name) > 2:
            names[name.lower()] = name
    return names


def test_the_scan_finds_each_kind_of_seam():
    blocks = ["It is named in 1 documents.", "Only The security-development nexus weighs more.",
              "He said ”we believe” twice.", "Its key terms are central asia, asia cica.",
              "The most alike are 2007 Aitimova, 2018 Umarov."]
    found = seams(blocks, ["The security-development nexus"], {"central asia": "Central Asia", "cica": "CICA"})
    kinds = {f.split(":")[0] for f in found}
    assert kinds == {"number", "capital mid-sentence", "quotation mark", "lemma for 'Central Asia'",
                     "lemma for 'CICA'", "list without 'and'"}
    assert seams(["It is named in 1 document and 11 documents.", "The security-development nexus leads.",
                  "He said “we believe” in Central Asia, with CICA.", "2007 Aitimova and 2018 Umarov."],
                 ["The security-development nexus"], {"central asia": "Central Asia", "cica": "CICA"}) == []


@pytest.mark.book
def test_no_page_has_a_seam(built_book):
    codebook = pd.read_csv(ROOT / "data" / "processed" / "codebook.csv", keep_default_na=False)
    labels = [label for label in codebook["label"] if label.startswith("The ")]
    lemmas = printed_names()
    problems = []
    for page in toc_pages():
        path = built_book / page
        for seam in seams(prose(path.read_text(encoding="utf-8")), labels, lemmas):
            problems.append(f"{page}: {seam}")
    assert problems == []
