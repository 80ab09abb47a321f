"""Import one member's statements from the UN Security Council Debates corpus (Schoenfeld et al. 2019).

That corpus ships a folder ``speeches/`` of files named ``UNSC_YYYY_SPV.NNNN_spchNNN.txt``,
``speaker.tsv`` (a row per speech: ``filename``, ``speech``, ``speaker``, ``participanttype``,
``role_in_un``, ``country``, ``date``, ``spv``, ``topic``, ``types``, ``tokens``, ``sentences``)
and ``meta.tsv`` (a row per meeting: ``basename``, ``date``, ``spv``, ``topic``, ``outcome``).

:func:`import_unsc_debates` selects a country's speeches (optionally between two years) and
writes a corpus folder that ``validate`` and ``build`` accept: the speech files copied byte
for byte into ``raw/``, a ``metadata.csv`` row for each (meeting as ``S/PV.NNNN``, the date and
agenda from ``meta.tsv``, the delivery language from the text's own "(spoke in …)" note, and in
``evidence`` the rows each value came from), and the analysis choices (word lists, codebook,
gazetteer, stance markers) copied from a template corpus folder: by default the edition's,
:data:`unscspeech.input.corpus.EDITION_CORPUS`, wherever the command runs. Every inconsistency is
reported with its file and row, and nothing is written unless all is well.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from unscspeech.input.corpus import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, decode_text, read_rows
from unscspeech.input.corpus import EDITION_CORPUS, STATEMENT
from unscspeech.input.problems import CorpusError, Problem, display_path, warn

SPEAKER_COLUMNS = ("filename", "speech", "speaker", "participanttype", "role_in_un", "country", "date", "spv",
                   "topic", "types", "tokens", "sentences")
META_COLUMNS = ("basename", "date", "spv", "topic", "outcome")
#: The analysis choices a corpus folder needs, copied from the template folder.
CHOICE_FILES = ("stopwords.txt", "phrases.txt", "lemma_overrides.csv", "themes.yml", "actors.csv", "stance.csv")
FILENAME = re.compile(r"^UNSC_(?P<year>\d{4})_SPV\.(?P<number>\d+)(?P<suffix>[A-Za-z0-9.()_-]*?)_spch(?P<speech>\d+)\.txt$")
_SPV = re.compile(r"^(?:S/PV\.|SPV\.|S/PV|PV\.)?\s*(?P<number>\d+)(?P<rest>.*)$", re.IGNORECASE)
_SPOKE_IN = re.compile(r"^[^\n:]{0,200}?\(spoke in (?P<language>[A-Za-z ]+)\)\s*:", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Sheikh|Prince|Princess|Archbishop|Baroness|Baron|"
                        r"Count)\.?\s+", re.IGNORECASE)
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y")


@dataclass
class Speech:
    row: int
    values: dict[str, str]
    path: Path
    meeting: str
    date: str
    agenda: str
    language: str
    meta_row: int


def _read_tsv(path: Path, columns: tuple[str, ...], problems: list[Problem]) -> list[tuple[int, dict[str, str]]]:
    rows, more = read_rows(path, columns, delimiter="	", missing=f"{path.name} is missing")
    problems += more
    return rows


def parse_date(value: str) -> str | None:
    """An ISO 8601 day from the corpus's date, or ``None`` if it is not a real day."""
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def meeting_symbol(spv: str) -> str | None:
    """``S/PV.NNNN`` (with any resumption suffix) from ``NNNN``, ``SPV.NNNN`` or ``S/PV.NNNN``."""
    match = _SPV.match(spv.strip())
    if not match:
        return None
    rest = match.group("rest").strip()
    return f"S/PV.{int(match.group('number'))}" + (f" {rest}" if rest else "")


def delivery_language(text: str) -> str:
    """The language the speaker used: the record's "(spoke in …)" note, English where there is none."""
    match = _SPOKE_IN.match(text.lstrip("\ufeff").lstrip())
    return match.group("language").strip().title() if match else "English"


def speaker_name(name: str) -> str:
    """The speaker as the corpus names them, without an honorific ("Mr. Umarov" → "Umarov")."""
    return _HONORIFIC.sub("", name.strip()).strip()


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "speaker"


def select_speeches(src: Path, country: str, year_from: int | None = None,
                    year_to: int | None = None) -> list[Speech]:
    """The country's speeches in ``src``, checked against ``meta.tsv``; :class:`CorpusError` on any problem."""
    src = Path(src)
    problems: list[Problem] = []
    if not src.is_dir():
        raise CorpusError([Problem(display_path(src), "the UN Security Council Debates folder does not exist")])
    speeches_dir = src / "speeches"
    if not speeches_dir.is_dir():
        problems.append(Problem(display_path(speeches_dir), "speeches/ folder is missing"))
    speaker_rows = _read_tsv(src / "speaker.tsv", SPEAKER_COLUMNS, problems)
    meta_rows = _read_tsv(src / "meta.tsv", META_COLUMNS, problems)
    speaker_shown, meta_shown = display_path(src / "speaker.tsv"), display_path(src / "meta.tsv")

    meetings: dict[str, tuple[int, dict[str, str], str]] = {}
    for line, row in meta_rows:
        symbol = meeting_symbol(row["spv"])
        date = parse_date(row["date"])
        if symbol is None:
            problems.append(Problem(meta_shown, f"spv '{row['spv']}' is not a meeting number", line))
            continue
        if date is None:
            problems.append(Problem(meta_shown, f"date '{row['date']}' is not a real day", line))
            continue
        if symbol in meetings and row == meetings[symbol][1]:
            warn(Problem(meta_shown, f"meeting {symbol} repeats row {meetings[symbol][0]} exactly; read once", line))
            continue
        if symbol in meetings:
            problems.append(Problem(meta_shown, f"meeting {symbol} is listed twice (first on row "
                                                f"{meetings[symbol][0]})", line))
            continue
        meetings[symbol] = (line, row, date)

    selected: list[Speech] = []
    wanted = country.strip().casefold()
    listed: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in speaker_rows:
        if row["country"].casefold() != wanted:
            continue
        where = f"speech '{row['filename']}'"
        if row["filename"] in listed:
            first, first_row = listed[row["filename"]]
            if row == first_row:
                warn(Problem(speaker_shown, f"{where} repeats row {first} exactly; imported once", line))
            else:
                problems.append(Problem(speaker_shown, f"{where} is listed twice, with different values "
                                                       f"(first on row {first}); keep one of the rows", line))
            continue
        listed[row["filename"]] = (line, row)
        name = FILENAME.match(row["filename"])
        if not name:
            problems.append(Problem(speaker_shown, f"{where}: file name is not UNSC_YYYY_SPV.NNNN_spchNNN.txt", line))
            continue
        year = int(name.group("year"))
        if (year_from and year < year_from) or (year_to and year > year_to):
            continue
        symbol = meeting_symbol(row["spv"])
        if symbol is None:
            problems.append(Problem(speaker_shown, f"{where}: spv '{row['spv']}' is not a meeting number", line))
            continue
        if symbol.split()[0] != f"S/PV.{int(name.group('number'))}":
            problems.append(Problem(speaker_shown, f"{where}: spv '{row['spv']}' contradicts the file name "
                                                   f"(S/PV.{int(name.group('number'))})", line))
            continue
        if not speaker_name(row["speaker"]):
            problems.append(Problem(speaker_shown, f"{where}: column 'speaker' is empty", line))
            continue
        meeting = meetings.get(symbol) or meetings.get(symbol.split()[0])
        if meeting is None:
            problems.append(Problem(speaker_shown, f"{where}: meeting {symbol} is not in meta.tsv", line))
            continue
        meta_line, meta, date = meeting
        own_date = parse_date(row["date"]) if row["date"] else date
        if own_date is None:
            problems.append(Problem(speaker_shown, f"{where}: date '{row['date']}' is not a real day", line))
            continue
        if own_date != date:
            problems.append(Problem(speaker_shown, f"{where}: date {own_date} contradicts meta.tsv row "
                                                   f"{meta_line} ({date})", line))
            continue
        if int(date[:4]) != year:
            problems.append(Problem(speaker_shown, f"{where}: the file name's year {year} contradicts the "
                                                   f"meeting's date {date}", line))
            continue
        path = speeches_dir / row["filename"]
        if not path.is_file():
            problems.append(Problem(speaker_shown, f"{where}: the file is missing from speeches/", line))
            continue
        if speeches_dir.resolve() not in path.resolve().parents:
            # The link's own name (display_path would show where it leads).
            problems.append(Problem(str(Path(display_path(speeches_dir)) / path.name),
                                    "is a symbolic link to a file outside speeches/; "
                                    "only the corpus's own files are imported"))
            continue
        text, more = decode_text(path.read_bytes(), display_path(path))
        problems += more
        if text is None:
            continue
        if not text.strip():
            problems.append(Problem(display_path(path), "file is empty or holds only whitespace"))
            continue
        selected.append(Speech(line, row, path, symbol, date, meta["topic"] or row["topic"],
                               delivery_language(text), meta_line))
    if problems:
        raise CorpusError(problems)
    if not selected:
        span = f" from {year_from or 'the start'} to {year_to or 'the end'}" if (year_from or year_to) else ""
        raise CorpusError([Problem(speaker_shown, f"no speech of '{country}'{span} is listed")])
    return sorted(selected, key=lambda s: (s.date, s.values["filename"]))


def unique_doc_id(base: str, name: re.Match, taken: set[str]) -> str:
    """``base`` (date and surname), or, when that is taken, ``base`` with the speech number (and the
    resumption of the meeting, such as ``resumption1``, when the file name has one), or failing all
    of these the first free ``-2``, ``-3``… after it: every speech gets an id of its own."""
    suffix = slug(name.group("suffix")) if re.search(r"[A-Za-z0-9]", name.group("suffix")) else ""
    numbered = f"{base}-{suffix}-{int(name.group('speech'))}" if suffix else f"{base}-{int(name.group('speech'))}"
    for candidate in (base, numbered):
        if candidate not in taken:
            return candidate
    n = 2
    while f"{numbered}-{n}" in taken:
        n += 1
    return f"{numbered}-{n}"


def metadata_rows(speeches: list[Speech]) -> list[dict[str, str]]:
    """A ``metadata.csv`` row per speech, with a stable, readable, unique ``doc_id``."""
    rows, taken = [], set()
    for s in speeches:
        name = speaker_name(s.values["speaker"])
        doc_id = unique_doc_id(f"{s.date}-{slug(name.split()[-1])}", FILENAME.match(s.values["filename"]), taken)
        taken.add(doc_id)
        rows.append({
            "doc_id": doc_id, "file": s.values["filename"],
            "title": f"Statement at {s.meeting}: {s.agenda}" if s.agenda else f"Statement at {s.meeting}",
            "speaker": name, "speaker_role": s.values["role_in_un"], "speaker_certainty": "stated",
            "surname_certainty": "stated", "role_certainty": "inferred",
            "country": s.values["country"], "date": s.date, "date_certainty": "stated",
            "genre": STATEMENT, "forum": "UN Security Council", "forum_certainty": "stated",
            "meeting": s.meeting, "meeting_certainty": "stated", "agenda": s.agenda,
            "agenda_certainty": "stated", "presidency": "", "delivery_language": s.language,
            "language_certainty": "stated" if s.language != "English" else "inferred",
            "translation": (f"The English text is the United Nations' interpretation from {s.language}, "
                            "not the speaker's own words." if s.language != "English" else ""),
            "source": f"UN Security Council Debates corpus (Schoenfeld et al. 2019): speeches/{s.values['filename']}",
            "evidence": (f"Speaker and country, stated, and role, inferred, from speaker.tsv row {s.row}; meeting, "
                         f"date and agenda, stated by the record's cover page, from meta.tsv row {s.meta_row}; "
                         "delivery language from the text's "
                         + ("'(spoke in …)' note" if s.language != "English" else "header, which notes no "
                            "interpretation") + ". Presidency not in the source."),
        })
    return rows


def import_unsc_debates(src: Path | str, country: str, into: Path | str, template: Path | str | None = None,
                        year_from: int | None = None, year_to: int | None = None) -> list[dict[str, str]]:
    """Write a corpus folder of ``country``'s speeches; all of it, or (on any problem) nothing.

    ``template`` is the corpus folder whose analysis choices are copied; ``None`` means the edition's.
    """
    src, into = Path(src), Path(into)
    if template is None and not EDITION_CORPUS.is_dir():
        raise CorpusError([Problem(str(EDITION_CORPUS), "the edition's corpus folder is not beside the package "
                                                        "(installed outside its repository?); pass --template")])
    template = Path(template) if template is not None else EDITION_CORPUS
    problems = [Problem(display_path(template / f), "missing from the template corpus folder (--template)")
                for f in CHOICE_FILES if not (template / f).is_file()]
    if into.exists() and (not into.is_dir() or any(into.iterdir())):
        problems.append(Problem(display_path(into), "already exists and is not empty; choose a new folder"))
    if problems:
        raise CorpusError(problems)
    speeches = select_speeches(src, country, year_from, year_to)
    rows = metadata_rows(speeches)
    into.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{into.name}-", dir=into.parent))
    try:
        (staging / "raw").mkdir()
        for s in speeches:
            shutil.copyfile(s.path, staging / "raw" / s.path.name)
        for name in CHOICE_FILES:
            shutil.copyfile(template / name, staging / name)
        with open(staging / "metadata.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS),
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        if into.exists():
            into.rmdir()
        staging.rename(into)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return rows
