"""Read and validate a corpus folder: ``metadata.csv`` plus the raw texts in ``raw/``.

Validation collects every problem (see :mod:`unscspeech.input.problems`) so that
``validate`` and ``build`` can refuse bad input with one clear line per problem,
before anything is written. Raw files are read as bytes and never modified: a
UTF-8 byte-order mark and CRLF line ends are accepted and normalised in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from unscspeech.input.problems import CorpusError, Problem, display_path, warn

#: The edition's corpus folder: ``data/`` of the repository checkout that holds this package (``src/unscspeech``).
EDITION_CORPUS = Path(__file__).resolve().parents[3] / "data"

#: The genres a document may have: a statement in the Security Council, or an article.
STATEMENT, ARTICLE = "council_statement", "article"
GENRES = (STATEMENT, ARTICLE)
#: How sure a metadata value is, from surest to least sure (the corpus chapter's datasheet
#: defines each): the text says it; strong evidence outside the text establishes it; a plausible
#: match the text does not confirm; the source's context names it and the text does not; not known.
CERTAINTIES = ("stated", "inferred", "candidate", "attributed", "unknown")
#: Each value that has a level, and the column holding its level.
CERTAINTY_OF = {
    "surname": "surname_certainty", "speaker": "speaker_certainty", "speaker_role": "role_certainty",
    "date": "date_certainty", "meeting": "meeting_certainty", "agenda": "agenda_certainty",
    "presidency": "presidency_certainty", "delivery_language": "language_certainty",
    "forum": "forum_certainty",
}

#: Columns every metadata.csv must have (values may be empty where allowed).
REQUIRED_COLUMNS = (
    "doc_id", "file", "title", "speaker", "speaker_role", "country", "date",
    "date_certainty", "genre", "forum", "meeting", "agenda", "presidency",
    "delivery_language", "source", "evidence",
)
#: Columns that may be present; their values are checked when they are.
OPTIONAL_COLUMNS = ("speaker_certainty", "meeting_certainty", "translation", "surname_certainty",
                    "role_certainty", "agenda_certainty", "presidency_certainty", "language_certainty",
                    "forum_certainty")
#: Columns whose value may never be empty.
REQUIRED_VALUES = (
    "doc_id", "file", "title", "speaker", "country", "date_certainty", "genre", "source",
)
#: The files of a corpus folder that ``validate`` and ``build`` read, besides the texts in ``raw/``:
#: the metadata, the analysis choices and the optional context (:mod:`unscspeech.processed.cache` hashes them).
CORPUS_FILES = ("metadata.csv", "stopwords.txt", "phrases.txt", "lemma_overrides.csv", "themes.yml",
                "actors.csv", "stance.csv", "periods.csv", "known_typos.csv", "theme_checks.csv",
                "near_match_checks.csv", "theme_recall.csv", "self_reports.csv")
DOC_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Characters no text of the corpus needs and no table may carry: C0 controls but tab (line ends
#: are the lines' own), DEL, C1 controls; the bidirectional embeddings, overrides and isolates, which
#: reorder what a reader sees (the "Trojan Source" characters) and, left open, what follows in a
#: table; the zero-width space, word joiner and a byte-order mark inside the text, invisible
#: characters that would cut a word in two for counting. Zero-width (non-)joiners and the
#: left-to-right and right-to-left marks stay: they spell words in some scripts and reorder nothing.
#: A raw text's are removed by a logged cleaning rule (:mod:`unscspeech.pipeline.clean`); a metadata
#: value's are refused.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


@dataclass
class Document:
    """One corpus document: its metadata row and its raw text, split into lines."""

    meta: dict[str, str]
    path: Path
    sha256: str
    lines: list[str] = field(repr=False)

    @property
    def doc_id(self) -> str:
        return self.meta["doc_id"]

    @property
    def genre(self) -> str:
        return self.meta["genre"]


@dataclass
class Corpus:
    """A validated corpus: its folder, metadata column order and documents."""

    root: Path
    columns: list[str]
    documents: list[Document]


def decode_text(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 strictly (never guess another encoding), drop a BOM, normalise line ends."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        bad = data[err.start : err.end].hex(" ")
        return None, [Problem(shown, f"bytes are not valid UTF-8 (byte {bad}); "
                                     "save the file as UTF-8", line, column)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_inside(path: Path, folder: Path) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a file of a corpus folder, or a problem if a symbolic link takes it outside
    ``folder``: a link would otherwise publish the text of any file on the machine in the tables."""
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        return None, [Problem(display_path(path), f"is a symbolic link that leads outside {display_path(folder)}; "
                                                  "copy the file into the folder instead")]
    return path.read_bytes(), []


def split_lines(text: str) -> list[str]:
    """Lines of a text without their line ends; a final newline adds no empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def control_problems(values: dict[str, str], shown: str, line: int | None) -> list[Problem]:
    """A problem for each value (keyed by how to name it) that holds one of the
    :data:`CONTROL_CHARACTERS`, naming the first."""
    problems = []
    for name, value in values.items():
        found = CONTROL_CHARACTERS.search(value or "")
        if found:
            problems.append(Problem(shown, f"{name} holds the control character U+{ord(found.group()):04X}; "
                                           "remove it", line))
    return problems


def _check_row(row: dict[str, str], line: int, shown: str, columns: list[str]) -> list[Problem]:
    problems = control_problems({f"column '{c}'": v for c, v in row.items()}, shown, line)
    for col in REQUIRED_VALUES:
        if col in columns and not row.get(col, "").strip():
            problems.append(Problem(shown, f"column '{col}' is empty", line))
    doc_id = row.get("doc_id", "").strip()
    if doc_id and not DOC_ID_PATTERN.match(doc_id):
        problems.append(Problem(shown, f"doc_id '{doc_id}' must be lower-case letters, "
                                       "digits and hyphens (e.g. 2018-12-06-umarov)", line))
    genre = row.get("genre", "").strip()
    if genre and genre not in GENRES:
        problems.append(Problem(shown, f"genre '{genre}' is unknown; use one of: "
                                       + ", ".join(GENRES), line))
    problems += _check_certainties(row, line, shown)
    date = row.get("date", "").strip()
    if date:
        if not ISO_DATE.match(date):
            problems.append(Problem(shown, f"date '{date}' is not an ISO 8601 date (YYYY-MM-DD)", line))
        else:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                problems.append(Problem(shown, f"date '{date}' is not a real day", line))
    elif "date" in columns and row.get("date_certainty", "").strip() != "unknown":
        problems.append(Problem(shown, "column 'date' is empty; leave it empty only "
                                       "with date_certainty 'unknown'", line))
    if "delivery_language" in columns and not row.get("delivery_language", "").strip() \
            and row.get("language_certainty", "").strip() != "unknown":
        problems.append(Problem(shown, "column 'delivery_language' is empty; leave it empty only "
                                       "with language_certainty 'unknown'", line))
    uncertain = [c for c in CERTAINTY_OF.values() if row.get(c, "").strip() not in ("", "stated")]
    if uncertain and "evidence" in columns and not row.get("evidence", "").strip():
        problems.append(Problem(shown, "column 'evidence' is empty although "
                                       + ", ".join(uncertain) + " is not 'stated'", line))
    return problems


def _check_certainties(row: dict[str, str], line: int, shown: str) -> list[Problem]:
    """Each level is one of :data:`CERTAINTIES`; a value that is shown but unknown is a contradiction."""
    problems = []
    for value_column, col in CERTAINTY_OF.items():
        level = row.get(col, "").strip()
        if level and level not in CERTAINTIES:
            problems.append(Problem(shown, f"{col} '{level}' is unknown; use one of: "
                                           + ", ".join(CERTAINTIES), line))
        elif level == "unknown" and row.get(value_column, "").strip() and value_column not in ("surname", "speaker"):
            problems.append(Problem(shown, f"{col} is 'unknown' but {value_column} is "
                                           f"'{row[value_column].strip()}'; leave it empty", line))
    return problems


def raw_files(root: Path) -> list[Path]:
    """Every file in the corpus's ``raw/``, hidden ones too, by name: those the build may read
    (whichever ``metadata.csv`` lists) and those it reports as unlisted."""
    raw_dir = Path(root) / "raw"
    if not raw_dir.is_dir():
        return []
    return sorted((p for p in raw_dir.iterdir() if p.is_file()), key=lambda p: p.name)


def read_metadata(root: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[Problem]]:
    """Rows of ``metadata.csv`` with the file line each starts on, plus the problems found."""
    path = root / "metadata.csv"
    shown = display_path(path)
    if not path.is_file():
        return [], [], [Problem(shown, "metadata.csv is missing")]
    data, problems = read_inside(path, root)
    if data is None:
        return [], [], problems
    text, problems = decode_text(data, shown)
    if text is None:
        return [], [], problems
    if not text.strip():
        return [], [], [Problem(shown, "metadata.csv is empty")]
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = [c.strip() for c in (reader.fieldnames or [])]
    except csv.Error as err:
        return [], [], problems + [csv_problem(err, shown, 1)]
    reader.fieldnames = columns
    for col in REQUIRED_COLUMNS:
        if col not in columns:
            problems.append(Problem(shown, f"required column '{col}' is missing", 1))
    rows: list[tuple[int, dict[str, str]]] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if None in row:
                problems.append(Problem(shown, "row has more values than the header has columns", start))
                row.pop(None)
            clean = {k: (v or "").strip() for k, v in row.items()}
            if any(clean.values()):
                rows.append((start, clean))
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(csv_problem(err, shown, start))
    return columns, rows, problems


def csv_problem(err: csv.Error, shown: str, line: int) -> Problem:
    """The problem a CSV or TSV reader stopped at, located at the row it was reading."""
    if "field larger than field limit" in str(err):
        return Problem(shown, f"a value is longer than the {csv.field_size_limit():,} characters a field may "
                              "hold (is a quote left open?)", line)
    return Problem(shown, f"not a readable CSV file ({err})", line)


def metadata_doubts(columns: list[str], rows: list[tuple[int, dict[str, str]]], shown: str,
                    today: dt.date | None = None) -> list[Problem]:
    """What in ``metadata.csv`` is allowed but likely a slip, to be shown as warnings: a column
    no check knows (it is carried into ``documents.csv`` as it is), a date after ``today``."""
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    doubts = [Problem(shown, f"column '{c}' is not a known metadata column; it is carried into "
                             "documents.csv unchecked", 1) for c in columns if c and c not in known]
    today = today or dt.date.today()
    for line, row in rows:
        date = row.get("date", "")
        if ISO_DATE.match(date):
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                continue  # reported as an error
            if day > today:
                doubts.append(Problem(shown, f"date {date} is in the future", line))
    return doubts


def load_corpus(root: Path | str) -> Corpus:
    """Read and validate a corpus folder; raise :class:`CorpusError` listing every problem."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError([Problem(display_path(root), "corpus folder does not exist")])
    columns, rows, problems = read_metadata(root)
    meta_shown = display_path(root / "metadata.csv")
    for doubt in metadata_doubts(columns, rows, meta_shown):
        warn(doubt)
    raw_dir = root / "raw"
    if not raw_dir.is_dir():
        problems.append(Problem(display_path(raw_dir), "raw/ folder is missing"))

    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    documents = []
    for line, row in rows:
        problems += _check_row(row, line, meta_shown, columns)
        doc_id, name = row.get("doc_id", ""), row.get("file", "")
        if doc_id in seen_ids:
            problems.append(Problem(meta_shown, f"duplicate doc_id '{doc_id}' "
                                                f"(first on line {seen_ids[doc_id]})", line))
        elif doc_id:
            seen_ids[doc_id] = line
        if name in seen_files:
            problems.append(Problem(meta_shown, f"file '{name}' is listed twice "
                                                f"(first on line {seen_files[name]})", line))
            continue
        if not name:
            continue
        seen_files[name] = line
        if Path(name).name != name:
            problems.append(Problem(meta_shown, f"file '{name}' must be a plain file name inside raw/", line))
            continue
        path = raw_dir / name
        shown = display_path(path)
        if not path.is_file():
            problems.append(Problem(meta_shown, f"raw file '{name}' for doc_id '{doc_id}' "
                                                "is missing from raw/", line))
            continue
        data, link_problems = read_inside(path, root)
        problems += link_problems
        if data is None:
            continue
        text, decode_problems = decode_text(data, shown)
        problems += decode_problems
        if text is None:
            continue
        if not text.strip():
            problems.append(Problem(shown, "file is empty or holds only whitespace"))
            continue
        documents.append(Document(meta=row, path=path, sha256=hashlib.sha256(data).hexdigest(),
                                  lines=split_lines(text)))
    if raw_dir.is_dir():
        for path in raw_files(root):
            if not path.name.startswith(".") and path.name not in seen_files:
                problems.append(Problem(display_path(path), "raw file is not listed in metadata.csv"))
    if not rows and not problems:
        problems.append(Problem(meta_shown, "metadata.csv lists no documents"))
    if problems:
        raise CorpusError(problems)
    return Corpus(root=root, columns=columns, documents=documents)


def read_rows(path: Path, columns: tuple[str, ...] | list[str], delimiter: str = ",",
              missing: str | None = None, folder: Path | None = None, refuse_controls: bool = False,
              comments: bool = False) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """Rows of a CSV (or TSV) file of a corpus folder, each with the file line it starts on.

    Values are stripped; every column of the header is kept. Problems (file missing, bytes not
    UTF-8, a required column missing, a row longer than the header) are returned, not raised, so
    that a caller can report all of them at once. ``missing`` is the message for an absent file;
    ``None`` means the file is optional and its absence is no problem. A symbolic link leading
    outside ``folder`` (by default the file's own folder) is refused (:func:`read_inside`), and so,
    with ``refuse_controls``, is a value holding a control character (it would reach a table).
    With ``comments``, a line starting with ``#`` is a note, not a row, and is skipped (so no
    quoted value may run on to a line starting with ``#``); every line number stays the file's.
    """
    shown = display_path(path)
    if not path.is_file():
        return [], ([Problem(shown, missing)] if missing else [])
    data, problems = read_inside(path, path.parent if folder is None else folder)
    if data is None:
        return [], problems
    text, problems = decode_text(data, shown)
    if text is None:
        return [], problems
    skipped = 0
    if comments:
        # A comment becomes an empty line, which the reader skips but counts; the lines above the
        # header are left out and added back to every line number.
        lines = ["" if line.startswith("#") else line for line in text.split("\n")]
        while skipped < len(lines) and not lines[skipped].strip():
            skipped += 1
        text = "\n".join(lines[skipped:])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [c.strip() for c in next(reader, [])]
    except csv.Error as err:
        return [], problems + [csv_problem(err, shown, skipped + 1)]
    absent = [c for c in columns if c not in header]
    if absent:
        return [], problems + [Problem(shown, f"required column '{c}' is missing", skipped + 1) for c in absent]
    rows, line = [], skipped + reader.line_num + 1
    try:
        for values in reader:
            if values:  # an empty line (or a comment) holds no row
                if len(values) > len(header):
                    problems.append(Problem(shown, "row has more values than the header has columns", line))
                row = dict(zip(header, (v.strip() for v in values)))
                rows.append((line, {c: row.get(c, "") for c in header}))
                if refuse_controls:
                    problems += control_problems({f"column '{c}'": v for c, v in rows[-1][1].items()}, shown, line)
            line = skipped + reader.line_num + 1
    except csv.Error as err:
        problems.append(csv_problem(err, shown, line))
    return rows, problems
