"""Every sentence of the prose that generalises over the documents is checked by code.

A sentence such as "appreciation is the same courtesy in every statement" or "the longer the
document, the steadier its list" is a claim about every document; a careful reader can refute it
from the book's own tables, however green the build. The scan below finds such sentences in the
chapters' prose (a quantifier next to a word for the documents, or a superlative of order or
length) and requires, on a MyST comment line just above the paragraph, one of two marks:

* ``% checked: KEY; KEY…``: each KEY is a substring of the message of a ``claim(...)`` in the
  same chapter, so the build fails when the data stop supporting the sentence;
* ``% method: REASON``: the sentence describes what the method does to each document (e.g.
  "each document is compared with the rest"), not a finding about them.

The scan is deliberately broad; a mark costs one line, and it makes the writer say which.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([ROOT / "intro.md", *(ROOT / "chapters").glob("*.md")])

_DOCS = r"(?:statements?|documents?|texts?|debates?|speakers?|records?)"
_COMPARATIVE = (r"(?:more|less|fewer|longer|shorter|larger|smaller|later|earlier|higher|lower|greater|wider"
                r"|narrower|steadier|broader)")
GENERAL = re.compile(
    r"\b(?:every|each|all|none|no|only|always|never|neither|both)\b\W+(?:[\w-]+\W+){0,4}?" + _DOCS + r"\b"
    r"|\b(?:every|each|all|none|only)\s+(?:one|of them)\b"
    r"|\bthe\s+(?:last|latest|first|oldest|newest|longest|shortest)\s+(?:[\w-]+\s+){0,2}?" + _DOCS + r"\b"
    r"|\bthe\s+constant\b|\bthe\s+longer\b|\bsteadier\b|\balways\b|\bnever\b"
    # Forms the first scan missed: "each time", a maximum given per document ("at most 2 each"),
    # a superlative over the documents ("more than any statement", "the most of any document"),
    # and a comparative correlative ("the more …, the less …").
    r"|\b(?:each|every)\s+(?:time|case|occasion)\b|\beverywhere\b"
    r"|\bat\s+(?:most|least)\b[^.;]*\beach\b"
    r"|\b(?:more|fewer|less|higher|lower)\s+than\s+(?:any|every|all)\b"
    r"|\bthe\s+(?:most|least|fewest)\s+of\s+(?:any|all|every)\b"
    r"|\bthe\s+" + _COMPARATIVE + r"\b[^.;]*?,\s*the\s+" + _COMPARATIVE + r"\b",
    re.IGNORECASE)
MARK = re.compile(r"^%\s*(checked|method):\s*(.+)$")
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.S | re.M)


def prose_paragraphs(source: str) -> list[tuple[list[tuple[str, str]], str]]:
    """The prose paragraphs of a MyST notebook, each with the marks on the comment lines above it.

    Code cells, directive blocks (figures, admonitions) and front matter are left out; only
    plain paragraphs and list items are prose a reader takes as the book's own sentences.
    """
    lines = source.splitlines()
    out, marks, paragraph, fence = [], [], [], None
    in_front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        stripped = line.strip()
        if in_front:
            if number and stripped == "---":
                in_front = False
            continue
        if fence:
            if stripped.startswith(fence) and stripped.strip("`~") == "":
                fence = None
            continue
        opening = re.match(r"^(`{3,}|~{3,})", stripped)
        if opening:
            fence = opening.group(1)
            continue
        if stripped.startswith("%"):
            if paragraph:
                out.append((marks, " ".join(paragraph)))
                paragraph, marks = [], []
            found = MARK.match(stripped)
            if found:
                marks.append((found.group(1), found.group(2).strip()))
            continue
        if not stripped or stripped.startswith("#") or re.match(r"^\([\w-]+\)=$", stripped):
            # A blank line, heading or label ends a paragraph; a mark must sit right above its own.
            if paragraph:
                out.append((marks, " ".join(paragraph)))
                paragraph = []
            marks = []
            continue
        paragraph.append(stripped)
    if paragraph:
        out.append((marks, " ".join(paragraph)))
    return out


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*{])", paragraph) if s]


def general_sentences(paragraph: str) -> list[str]:
    # Glue roles and cross-references carry no words of the prose.
    plain = re.sub(r"\{[a-z:]+\}`[^`]*`", "X", paragraph)
    return [s for s in sentences(plain) if GENERAL.search(s)]


def claim_messages(source: str) -> list[str]:
    """The messages of every ``claim(condition, message)`` in the chapter's code cells."""
    messages = []
    for cell in CELL.findall(source):
        code = "\n".join(line for line in cell.splitlines() if not line.startswith((":", "%")))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "claim" and len(node.args) == 2:
                message = node.args[1]
                if isinstance(message, ast.Constant):
                    messages.append(str(message.value))
                elif isinstance(message, ast.JoinedStr):
                    messages.append("".join(v.value for v in message.values if isinstance(v, ast.Constant)))
    return messages


def unguarded(source: str) -> list[str]:
    """The generalising sentences of a chapter with no mark, or with a ``checked`` key no claim has."""
    messages = claim_messages(source)
    problems = []
    for marks, paragraph in prose_paragraphs(source):
        found = general_sentences(paragraph)
        if not found:
            continue
        if not marks:
            problems.extend(f"unmarked: {s}" for s in found)
            continue
        for kind, text in marks:
            if kind == "checked":
                for key in (k.strip() for k in text.split(";")):
                    if not any(key in m for m in messages):
                        problems.append(f"no claim says {key!r} (for: {found[0]})")
    return problems


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_generalising_sentence_is_checked_or_declared_a_method(path):
    assert unguarded(path.read_text(encoding="utf-8")) == []


CHAPTER = '''---
kernelspec:
  name: python3
---

# A chapter

```{code-cell} ipython3
:tags: [remove-cell]

claim(appreciation.min() > 0, "every statement has an appreciation marker")
```

%s
Appreciation is the same courtesy in every statement, thanks to the presidency.
'''


@pytest.mark.parametrize("mark, problems", [
    ("", 1),
    ("% checked: every statement has an appreciation marker", 0),
    ("% checked: every statement thanks the presidency", 1),
    ("% method: how markers are counted", 0),
])
def test_the_scan_finds_an_unguarded_generalisation(mark, problems):
    assert len(unguarded(CHAPTER % mark)) == problems


@pytest.mark.parametrize("sentence", [
    "The longer the document, the steadier its list.",
    "Only the peacekeeping statement is silent.",
    "The last statement of the term lists it among the causes.",
    "CICA is named in all but one of the documents.",
    "Prevention is the constant.",
    "The regional argument is made from experience: each time, the organizations cited are its own.",
    "The Council statements name almost no state but Kazakhstan itself: at most 2 each.",
    "It says our country 12 times, more than any statement.",
    "Its must (9 times, the most of any document) is the interpreters'.",
    "The more a statement speaks of prevention, the less it thanks the presidency.",
    "CICA is presented everywhere.",
])
def test_the_scan_knows_the_kinds_the_review_found(sentence):
    assert general_sentences(sentence) == [sentence]


def test_code_and_directives_are_not_prose():
    source = "```{glue:figure} x\nEvery document is shown.\n```\n\n```python\n# every statement\n```\n"
    assert prose_paragraphs(source) == []
