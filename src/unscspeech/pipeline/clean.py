"""Turn a document's raw lines into paragraphs, logging every rule that touched a line.

The raw files are never edited: every correction happens here, and each one is
written to the cleaning log with the raw line numbers it concerns, so that a
reader can see that nothing was silently lost. Every raw line ends up in the log
as ``kept``, ``changed``, ``joined`` or ``removed``.

The rules, in the order they run:

0. control characters (NUL, the other C0 and C1 controls, bidirectional overrides, zero-width
   spaces) are taken out of every line, so that none reaches a table;
1. line rules decide whether a line is body text at all (blank lines, page text
   of the site an article was scraped from, form markers, a title line, the
   speaker header of a verbatim record);
2. in-line rules repair text extraction damage in body lines (words run
   together, mangled or stripped diacritics) and never touch the authors' own
   wording or typos;
3. assembly rules join hard-wrapped lines into paragraphs (keeping line-end
   hyphens that belong to compounds) and mend paragraph breaks inserted in the
   middle of a sentence.

Quotes and apostrophes are left as the source has them: display text stays
faithful, and :func:`unscspeech.pipeline.tokens.normalise_for_matching` evens them out
only for counting and matching.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from unscspeech.input.corpus import CONTROL_CHARACTERS, Document
from unscspeech.input.problems import Problem, display_path

#: What each rule does, for the log's readers (the book shows this table).
RULES: dict[str, str] = {
    "unchanged": "A line that is a paragraph by itself, kept exactly as it is.",
    "control_characters": "Control characters (NUL and the other C0 and C1 controls but tab, "
                          "bidirectional embeddings, overrides and isolates, zero-width spaces) "
                          "removed; one that stands for a space or break becomes a space. The log "
                          "shows each as <U+XXXX>.",
    "blank_line": "An empty line: it separates paragraphs, or, inside a sentence, stands in a break "
                  "that the mid-sentence rule mends.",
    "form_marker": "A web-form marker ('Top of form', 'Конец формы') left by the page the text "
                   "was scraped from, removed wherever it stands.",
    "page_text": "Interface text and notices of the document-sharing site (in Russian), "
                 "not part of the document.",
    "title_to_metadata": "The document's title line; it is kept in the metadata, not in the body.",
    "speaker_header": "The verbatim record's speaker header, e.g. 'Mr. Mukhtarov (Kazakhstan) "
                      "(spoke in Russian):'; checked against, and kept in, the metadata.",
    "run_together": "Two words that text extraction ran together ('ofthe'), split again.",
    "mangled_diacritic": "An accent that text extraction turned into an apostrophe "
                         "after the letter ('Anto'nio'), restored ('António').",
    "stripped_diacritic": "A name or foreign word that lost its accent in extraction, "
                          "restored from a short documented list.",
    "whitespace": "Spaces at the start or end of a line, removed.",
    "hard_wrap": "Lines of one paragraph that the record wrapped at a fixed width, joined.",
    "line_end_hyphen": "A hyphen at the end of a wrapped line that belongs to a compound "
                       "('capacity-' + 'building'), kept while the lines are joined.",
    "line_end_hyphen_removed": "A hyphen at the end of a wrapped line that only split a word "
                               "the document spells elsewhere without one, removed.",
    "mid_sentence_break": "A paragraph break inserted in the middle of a sentence, mended.",
    "form_marker_split": "A sentence cut in two by a form marker, joined again.",
    "repeated_words": "Words the form marker caused to repeat ('Our work, our work'), "
                      "kept once.",
}

#: Markers that web forms leave in scraped text, in English and Russian.
FORM_MARKERS = ("Top of form", "Bottom of form", "Начало формы", "Конец формы")
_FORM_MARKER = re.compile("|".join(re.escape(m) for m in FORM_MARKERS), re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

#: Honorifics that open a speaker header in UN verbatim records.
_HEADER = re.compile(
    r"^(?P<header>(?P<honorific>Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Sheikh|Prince|Princess|"
    r"Archbishop|Baroness|Baron|Count)\.?\s+(?P<name>[^():]+?)\s+\((?P<country>[^()]+)\)"
    r"(?:\s+\(spoke in (?P<language>[A-Za-z ]+)\))?\s*:)\s*"
)

#: Words that text extraction ran together; only these exact lower-case forms are split,
#: so that real words (``into``, ``often``) can never be touched.
_RUN_TOGETHER_FIRST = ("of", "in", "to", "on", "by", "for", "and", "at", "from", "with")
_RUN_TOGETHER_SECOND = ("the", "its", "their", "this", "that", "these", "those", "our")
RUN_TOGETHER = {f + s: f"{f} {s}" for f in _RUN_TOGETHER_FIRST for s in _RUN_TOGETHER_SECOND}
_RUN_TOGETHER = re.compile(r"\b(" + "|".join(sorted(RUN_TOGETHER)) + r")\b")

#: An acute accent extracted as an apostrophe after its vowel: ``Anto'nio``. English
#: contractions (``'s``, ``'re``, ``'ve``, ``'ll``, ``'d``, ``'t``, ``'m``) never match.
_MANGLED = re.compile(r"\b([A-Za-z]*[aeiouAEIOU])'(?!(?:re|ve|ll)\b)([a-z]{2,})\b")

#: Accents lost in extraction, restored only for these exact forms. Each entry is a
#: proper name or a foreign-language word whose spelling is not in doubt.
STRIPPED_DIACRITICS = {
    "Toure": "Touré",        # Fatimata Touré, Director of GREFFA (Mali)
    "d'etude": "d'étude",    # "Groupe de recherche, d'étude et de formation femme-action"
}
_STRIPPED = re.compile(r"(?<![\w'])(" + "|".join(re.escape(k) for k in STRIPPED_DIACRITICS) + r")\b")

#: Lines longer than this are not hard-wrapped: each is a paragraph of its own.
WRAP_WIDTH = 80
_TERMINAL = tuple('.!?:;"”’)')
_LETTER = re.compile(r"[^\W\d_]")

#: The longest paragraph accepted, in characters: seventy times the longest of the book's corpus,
#: and more than a whole Council statement. A longer one is refused with its file, line and length:
#: it is not a paragraph but a text whose line ends were lost, and every later step (sentence
#: splitting, the patterns of themes and stance) takes time in proportion to a paragraph's length.
MAX_PARAGRAPH_CHARACTERS = 100_000
#: At most this many breaks are mended (``mid_sentence_break``) into one paragraph; the book's
#: corpus has at most three. A longer run stays as the paragraphs it is: the log shows each mended
#: paragraph whole, so that an unbounded run would make a log that grows with its square.
MAX_MENDED_BREAKS = 10
#: A speaker header is sought only in this many first characters of a line.
HEADER_CHARACTERS = 500


@dataclass
class Line:
    number: int
    raw: str
    text: str
    removed: bool = False
    continues: bool = False  # a form marker cut the sentence at this line's end


@dataclass
class Paragraph:
    lines: list[int]
    text: str
    wrapped: bool  # made of short, fixed-width lines (verbatim-record layout)
    mended: int = 0  # breaks mended inside it (mid_sentence_break)


@dataclass
class CleanDocument:
    """The result of cleaning one document."""

    doc_id: str
    paragraphs: list[str]
    paragraph_lines: list[list[int]]
    log: list[dict[str, object]]
    speaker_header: str = ""
    problems: list[Problem] = field(default_factory=list)


def _comparable(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


class _Cleaner:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lines = [Line(i, raw, raw) for i, raw in enumerate(doc.lines, start=1)]
        self.log: list[dict[str, object]] = []
        self.changed: set[int] = set()
        self.removed_by: dict[int, str] = {}  # line number -> the rule that removed it
        self.problems: list[Problem] = []
        self.header = ""

    # ---- logging -------------------------------------------------------------------
    def record(self, start: int, end: int, action: str, rule: str, before: str, after: str) -> None:
        self.log.append(dict(line_start=start, line_end=end, action=action, rule=rule,
                             before=before, after=after))

    def remove(self, line: Line, rule: str) -> None:
        line.removed = True
        self.removed_by[line.number] = rule
        self.record(line.number, line.number, "removed", rule, line.text, "")

    def change(self, line: Line, rule: str, new: str) -> None:
        if new != line.text:
            self.record(line.number, line.number, "changed", rule, line.text, new)
            line.text = new
            self.changed.add(line.number)

    def body(self) -> list[Line]:
        return [line for line in self.lines if not line.removed]

    # ---- 0. control characters ----------------------------------------------------
    def control_characters(self) -> None:
        for line in self.lines:
            if CONTROL_CHARACTERS.search(line.text):
                new = CONTROL_CHARACTERS.sub(lambda m: " " if m.group().isspace() else "", line.text)
                self.record(line.number, line.number, "changed", "control_characters",
                            show_controls(line.text), new)
                line.text = new
                self.changed.add(line.number)

    # ---- 1. line rules -------------------------------------------------------------
    def line_rules(self) -> None:
        for line in self.lines:
            if not line.text.strip():
                self.remove(line, "blank_line")
            elif _FORM_MARKER.fullmatch(line.text.strip()):
                self.remove(line, "form_marker")
            elif _CYRILLIC.search(_FORM_MARKER.sub("", line.text)):
                self.remove(line, "page_text")
            elif _FORM_MARKER.search(line.text):
                stripped = _FORM_MARKER.sub("", line.text)
                line.continues = not stripped.rstrip().endswith(_TERMINAL)
                self.change(line, "form_marker", re.sub(r"\s{2,}", " ", stripped).strip())
        self.title_line()
        self.speaker_header()

    def title_line(self) -> None:
        body = self.body()
        title = self.doc.meta.get("title", "")
        if body and title and _comparable(body[0].text) == _comparable(title):
            self.remove(body[0], "title_to_metadata")

    def speaker_header(self) -> None:
        body = self.body()
        if not body:
            return
        first = body[0]
        match = _HEADER.match(first.text.strip()[:HEADER_CHARACTERS])
        if not match:
            return
        self.header = match.group("header")
        self.check_header(first.number, match)
        rest = first.text.strip()[match.end():]
        if rest:
            self.change(first, "speaker_header", rest)
        else:
            self.remove(first, "speaker_header")

    def check_header(self, number: int, match: re.Match[str]) -> None:
        """The header is evidence about the metadata: disagreement is an input error."""
        meta = self.doc.meta
        shown = display_path(self.doc.path)
        name, country = match.group("name").strip(), match.group("country").strip()
        language = (match.group("language") or "English").strip()
        surname = name.split()[-1].casefold()
        if meta.get("speaker") and surname not in meta["speaker"].casefold().split():
            self.problems.append(Problem(shown, f"speaker header names '{name}' but metadata "
                                                f"speaker is '{meta['speaker']}'", number))
        if meta.get("country") and country.casefold() != meta["country"].casefold():
            self.problems.append(Problem(shown, f"speaker header gives country '{country}' but "
                                                f"metadata country is '{meta['country']}'", number))
        if meta.get("delivery_language") and language.casefold() != meta["delivery_language"].casefold():
            self.problems.append(Problem(shown, f"speaker header implies delivery language "
                                                f"'{language}' but metadata delivery_language is "
                                                f"'{meta['delivery_language']}'", number))

    # ---- 2. in-line rules ----------------------------------------------------------
    def inline_rules(self) -> None:
        for line in self.body():
            self.change(line, "whitespace", line.text.strip())
            self.change(line, "run_together", _RUN_TOGETHER.sub(lambda m: RUN_TOGETHER[m.group(1)], line.text))
            self.change(line, "mangled_diacritic", _MANGLED.sub(_restore_acute, line.text))
            self.change(line, "stripped_diacritic",
                        _STRIPPED.sub(lambda m: STRIPPED_DIACRITICS[m.group(1)], line.text))

    # ---- 3. assembly ---------------------------------------------------------------
    def blocks(self) -> list[tuple[list[Line], bool]]:
        """Runs of body lines, each with whether only blank lines came before it."""
        blocks: list[tuple[list[Line], bool]] = []
        current: list[Line] = []
        after_blank_only = True
        for line in self.lines:
            if line.removed:
                if current:
                    blocks.append((current, after_blank_only))
                    current, after_blank_only = [], True
                if self.removed_by.get(line.number) != "blank_line":
                    after_blank_only = False
            else:
                current.append(line)
        if current:
            blocks.append((current, after_blank_only))
        return blocks

    def join_lines(self, lines: list[Line], words: set[str]) -> str:
        """The lines joined, in time linear in their length: the text is kept as the pieces it is
        made of, only its end is looked at, and it is put together once."""
        parts = [lines[0].text]
        for prev, line in zip(lines, lines[1:]):
            end = parts[-1]
            head = ""
            if end.endswith("-") and _LETTER.match(line.text):
                parts[-1] = end[:-1]
                head = _letters_at_end(parts)
                if not head:
                    parts[-1] = end
            if head:
                tail = re.match(r"[^\W\d_]+", line.text).group(0)
                if (head + tail).casefold() in words and f"{head}-{tail}".casefold() not in words:
                    parts.append(line.text)
                    self.record(prev.number, line.number, "joined", "line_end_hyphen_removed",
                                f"{head}-\n{tail}", head + tail)
                else:
                    parts += ["-", line.text]
                    self.record(prev.number, line.number, "joined", "line_end_hyphen",
                                f"{head}-\n{tail}", f"{head}-{tail}")
            else:
                parts += [" ", line.text]
        return "".join(parts)

    def assemble(self) -> list[Paragraph]:
        words = {w.casefold() for line in self.body() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line.text)}
        paragraphs: list[Paragraph] = []
        for lines, after_blank_only in self.blocks():
            wrapped = all(len(line.text) <= WRAP_WIDTH for line in lines)
            if wrapped and len(lines) > 1:
                text = self.join_lines(lines, words)
                self.record(lines[0].number, lines[-1].number, "joined", "hard_wrap",
                            "\n".join(line.text for line in lines), text)
                new = [Paragraph([line.number for line in lines], text, True)]
            elif wrapped or len(lines) == 1:
                new = [Paragraph([lines[0].number], lines[0].text, wrapped)]
            else:
                new = self.line_paragraphs(lines)
            if (paragraphs and new and after_blank_only and paragraphs[-1].wrapped and new[0].wrapped
                    and paragraphs[-1].mended < MAX_MENDED_BREAKS
                    and _breaks_mid_sentence(paragraphs[-1].text, new[0].text)):
                prev, first = paragraphs.pop(), new.pop(0)
                text = f"{prev.text} {first.text}"
                self.record(prev.lines[-1], first.lines[0], "joined", "mid_sentence_break",
                            f"{prev.text}\n\n{first.text}", text)
                new.insert(0, Paragraph(prev.lines + first.lines, text, True, prev.mended + 1))
            paragraphs.extend(new)
        return paragraphs

    def line_paragraphs(self, lines: list[Line]) -> list[Paragraph]:
        """Long-line layout: one line, one paragraph, unless a form marker cut a sentence."""
        out: list[Paragraph] = []
        pending: Line | None = None
        for line in lines:
            if pending is None:
                out.append(Paragraph([line.number], line.text, False))
            else:
                prev = out[-1]
                text, repeated = _drop_repeated_words(prev.text, line.text)
                self.record(pending.number, line.number, "joined", "form_marker_split",
                            f"{prev.text}\n{line.text}", f"{prev.text} {line.text}")
                if repeated:
                    self.record(line.number, line.number, "changed", "repeated_words",
                                line.text, text[len(prev.text) + 1:])
                prev.lines.append(line.number)
                prev.text = text
            pending = line if line.continues else None
        return out

    # ---- all -----------------------------------------------------------------------
    def too_long(self, paragraphs: list[Paragraph]) -> None:
        """A problem for each paragraph over :data:`MAX_PARAGRAPH_CHARACTERS`, at its first line."""
        shown = display_path(self.doc.path)
        for number, p in enumerate(paragraphs, start=1):
            if len(p.text) > MAX_PARAGRAPH_CHARACTERS:
                lines = f"line {p.lines[0]}" if len(p.lines) == 1 else f"lines {p.lines[0]}-{p.lines[-1]}"
                self.problems.append(Problem(shown, f"paragraph {number} ({lines}) is {len(p.text):,} characters "
                                                    f"long; the limit is {MAX_PARAGRAPH_CHARACTERS:,}: separate its "
                                                    "paragraphs with line breaks", p.lines[0]))

    def run(self) -> CleanDocument:
        self.control_characters()
        self.line_rules()
        self.inline_rules()
        paragraphs = self.assemble()
        self.too_long(paragraphs)
        where = {n: i for i, p in enumerate(paragraphs, start=1) for n in p.lines}
        accounted = {int(r["line_start"]) for r in self.log} | {
            n for r in self.log if r["action"] == "joined"
            for n in range(int(r["line_start"]), int(r["line_end"]) + 1)}
        for p in paragraphs:
            if len(p.lines) == 1 and p.lines[0] not in accounted and p.lines[0] not in self.changed:
                n = p.lines[0]
                self.record(n, n, "kept", "unchanged", p.text, p.text)
        for row in self.log:
            row["paragraph"] = where.get(int(row["line_start"]), "") if row["action"] != "removed" else ""
        order = {"removed": 0, "changed": 1, "kept": 1, "joined": 2}
        self.log.sort(key=lambda r: (r["line_start"], order[str(r["action"])], r["line_end"]))
        return CleanDocument(
            doc_id=self.doc.doc_id,
            paragraphs=[p.text for p in paragraphs],
            paragraph_lines=[p.lines for p in paragraphs],
            log=[{"doc_id": self.doc.doc_id, **row} for row in self.log],
            speaker_header=self.header,
            problems=self.problems,
        )


def show_controls(text: str) -> str:
    """The text with each :data:`CONTROL_CHARACTERS` character written out as ``<U+XXXX>``, so that
    the log can show what was removed without carrying it.

    >>> show_controls("peace\\u200bful\\x00")
    'peace<U+200B>ful<U+0000>'
    """
    return CONTROL_CHARACTERS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _letters_at_end(parts: list[str]) -> str:
    """The run of letters at the end of ``"".join(parts)``, found by walking back from its end."""
    found = []
    for part in reversed(parts):
        start = len(part)
        while start > 0 and _LETTER.match(part[start - 1]):
            start -= 1
        found.append(part[start:])
        if start > 0:
            break
    return "".join(reversed(found))


def _restore_acute(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    return unicodedata.normalize("NFC", head + "\u0301") + tail


def _breaks_mid_sentence(prev: str, nxt: str) -> bool:
    """A paragraph that ends on a word, or on a comma before a lower-case word, goes on."""
    prev = prev.rstrip()
    if not prev or prev.endswith(_TERMINAL):
        return False
    if prev[-1].isalnum():
        return True
    return prev.endswith(",") and nxt[:1].islower()


def _drop_repeated_words(prev: str, nxt: str) -> tuple[str, bool]:
    """Join two halves of a sentence; drop a phrase of 1–4 words said twice at the seam.

    ``"Our work, our work was guided"`` keeps the second, lower-case copy, which
    is the one that reads on from the first half of the sentence.
    """
    match = re.match(r"((?:[^\W\d_]+\s+){0,3}[^\W\d_]+),?\s+(\1)\b", nxt, re.IGNORECASE)
    if match:
        return f"{prev} {nxt[match.start(2):]}", True
    return f"{prev} {nxt}", False


def clean_document(doc: Document) -> CleanDocument:
    """Clean one document; problems found in its header are returned, not raised. Every raw line
    is in the log, with what was done to it and by which rule.

    >>> from pathlib import Path
    >>> raw = ["The Council met", "today in New York.", "", "It agreed."]
    >>> clean = clean_document(Document({"doc_id": "d1", "genre": "article"}, Path("d1.txt"), "0" * 64, raw))
    >>> clean.paragraphs, clean.paragraph_lines
    (['The Council met today in New York.', 'It agreed.'], [[1, 2], [4]])
    >>> [(entry["line_start"], entry["line_end"], entry["action"], entry["rule"]) for entry in clean.log]
    [(1, 2, 'joined', 'hard_wrap'), (3, 3, 'removed', 'blank_line'), (4, 4, 'kept', 'unchanged')]
    """
    return _Cleaner(doc).run()
