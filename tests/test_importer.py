"""Importing from the UN Security Council Debates layout: fixtures in that layout made here."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conftest import DATA, link_to_secret, run_cli, run_cli_in_process
from unscspeech.input.importer import CHOICE_FILES

SPEAKER_HEADER = ["filename", "speech", "speaker", "participanttype", "role_in_un", "country", "date", "spv",
                  "topic", "types", "tokens", "sentences"]
META_HEADER = ["basename", "date", "spv", "topic", "outcome"]
UMAROV = "000_b4f7bfe2873aecfa.txt"     # "Mr. Umarov (Kazakhstan): ..."
MUKHTAROV = "003_98f9f3623c312350.txt"  # "Mr. Mukhtarov (Kazakhstan) (spoke in Russian): ..."


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def debates(tmp_path: Path) -> Path:
    """A tiny corpus in the UNSC Debates layout: two Kazakh speeches and one Swedish one."""
    src = tmp_path / "unsc"
    (src / "speeches").mkdir(parents=True)
    shutil.copyfile(DATA / "raw" / UMAROV, src / "speeches" / "UNSC_2018_SPV.8414_spch012.txt")
    shutil.copyfile(DATA / "raw" / MUKHTAROV, src / "speeches" / "UNSC_2018_SPV.8218_spch020.txt")
    (src / "speeches" / "UNSC_2017_SPV.7857_spch003.txt").write_text(
        "Ms. Wallström (Sweden): Conflict prevention must be at the heart of our work.\n", encoding="utf-8")
    write_tsv(src / "speaker.tsv", SPEAKER_HEADER, [
        ["UNSC_2017_SPV.7857_spch003.txt", "3", "Ms. Wallström", "The President", "President", "Sweden",
         "2017-01-10", "7857", "Maintenance of international peace and security", "10", "12", "1"],
        ["UNSC_2018_SPV.8218_spch020.txt", "20", "Mr. Mukhtarov", "Mentioned participant", "Council member",
         "Kazakhstan", "2018-03-28", "8218", "United Nations peacekeeping operations", "400", "800", "30"],
        ["UNSC_2018_SPV.8414_spch012.txt", "12", "Mr. Umarov", "Mentioned participant", "Council member",
         "Kazakhstan", "2018-12-06", "8414", "Cooperation between the United Nations and regional and "
         "subregional organizations", "450", "900", "35"],
    ])
    write_tsv(src / "meta.tsv", META_HEADER, [
        ["UNSC_2017_SPV.7857", "2017-01-10", "7857", "Maintenance of international peace and security", "None"],
        ["UNSC_2018_SPV.8218", "2018-03-28", "8218", "United Nations peacekeeping operations", "PRST"],
        ["UNSC_2018_SPV.8414", "2018-12-06", "8414", "Cooperation between the United Nations and regional and "
                                                     "subregional organizations", "None"],
    ])
    return src


def import_(src: Path, into: Path, *extra: str):
    return run_cli("import-unsc-debates", str(src), "--country", "Kazakhstan", "--into", str(into),
                   "--template", str(DATA), *extra, cwd=src.parent)


def files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (by its path there) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rows(corpus: Path) -> list[dict[str, str]]:
    with open(corpus / "metadata.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_import_writes_a_corpus_that_validates_and_builds(debates, tmp_path, fewer_topic_fits):
    into = tmp_path / "kz"
    result = import_(debates, into)
    assert result.returncode == 0, result.stderr
    meta = rows(into)
    assert [m["doc_id"] for m in meta] == ["2018-03-28-mukhtarov", "2018-12-06-umarov"]
    assert [m["meeting"] for m in meta] == ["S/PV.8218", "S/PV.8414"]
    assert [m["delivery_language"] for m in meta] == ["Russian", "English"]
    assert meta[1]["agenda"].startswith("Cooperation between the United Nations")
    assert all(m["genre"] == "council_statement" and m["date_certainty"] == "stated" for m in meta)
    assert "speaker.tsv row 4" in meta[1]["evidence"] and "meta.tsv row 4" in meta[1]["evidence"]
    assert (into / "raw" / "UNSC_2018_SPV.8414_spch012.txt").read_bytes() == (DATA / "raw" / UMAROV).read_bytes()
    assert not (into / "raw" / "UNSC_2017_SPV.7857_spch003.txt").exists()
    assert run_cli_in_process("validate", str(into), cwd=tmp_path).returncode == 0
    built = run_cli_in_process("build", "--corpus", str(into), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "Mr. Mukhtarov (Kazakhstan) (spoke in Russian):" in (tmp_path / "out" / "documents.csv").read_text()


def test_years_select_the_speeches(debates, tmp_path):
    result = import_(debates, tmp_path / "kz", "--from", "2018", "--to", "2018")
    assert result.returncode == 0, result.stderr
    nothing = import_(debates, tmp_path / "none", "--to", "2016")
    assert nothing.returncode == 2
    assert "no speech of 'Kazakhstan' from the start to 2016 is listed" in nothing.stderr


def _break(debates: Path, table: str, row: int, column: str, value: str) -> None:
    path = debates / table
    with open(path, newline="", encoding="utf-8") as f:
        data = list(csv.reader(f, delimiter="\t"))
    data[row - 1][data[0].index(column)] = value
    write_tsv(path, data[0], data[1:])


@pytest.mark.parametrize("table, row, column, value, message", [
    ("speaker.tsv", 4, "spv", "8415", "speaker.tsv:4: speech 'UNSC_2018_SPV.8414_spch012.txt': spv '8415' "
                                      "contradicts the file name (S/PV.8414)"),
    ("speaker.tsv", 4, "date", "2018-12-07", "speaker.tsv:4: speech 'UNSC_2018_SPV.8414_spch012.txt': date "
                                             "2018-12-07 contradicts meta.tsv row 4 (2018-12-06)"),
    ("speaker.tsv", 3, "filename", "UNSC_2018_SPV.8218_spch099.txt", "speaker.tsv:3: speech "
                                    "'UNSC_2018_SPV.8218_spch099.txt': the file is missing from speeches/"),
    ("speaker.tsv", 3, "filename", "speech.txt", "speaker.tsv:3: speech 'speech.txt': file name is not "
                                                 "UNSC_YYYY_SPV.NNNN_spchNNN.txt"),
    ("meta.tsv", 4, "date", "2018-02-30", "meta.tsv:4: date '2018-02-30' is not a real day"),
    ("meta.tsv", 3, "spv", "9999", "speaker.tsv:3: speech 'UNSC_2018_SPV.8218_spch020.txt': meeting S/PV.8218 "
                                   "is not in meta.tsv"),
])
def test_inconsistent_rows_name_the_file_and_row(debates, tmp_path, table, row, column, value, message):
    _break(debates, table, row, column, value)
    into = tmp_path / "kz"
    result = import_(debates, into)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not into.exists() and not list(tmp_path.glob(".kz-*"))


def test_a_missing_table_or_column_is_a_clear_error(debates, tmp_path):
    (debates / "meta.tsv").unlink()
    write_tsv(debates / "speaker.tsv", ["filename", "speaker"], [["x", "y"]])
    result = import_(debates, tmp_path / "kz")
    assert result.returncode == 2
    assert "meta.tsv: meta.tsv is missing" in result.stderr
    assert "speaker.tsv:1: required column 'country' is missing" in result.stderr


def test_an_existing_folder_is_never_overwritten(debates, tmp_path):
    into = tmp_path / "kz"
    into.mkdir()
    (into / "notes.txt").write_text("mine", encoding="utf-8")
    result = import_(debates, into)
    assert result.returncode == 2
    assert "already exists and is not empty" in result.stderr
    assert [p.name for p in into.iterdir()] == ["notes.txt"]


def test_synthetic_speeches_are_deterministic_and_import_cleanly(tables, tmp_path, fewer_topic_fits):
    from unscspeech.input.importer import import_unsc_debates
    from unscspeech.input.synthetic import write_debates

    args = (tables["sentences.csv"], tables["documents.csv"])
    first = write_debates(*args, tmp_path / "one", n_speeches=12, tokens_per_speech=300, interpreted_every=4)
    second = write_debates(*args, tmp_path / "two", n_speeches=12, tokens_per_speech=300, interpreted_every=4)
    names = sorted(p.name for p in (first / "speeches").iterdir())
    assert len(names) == 12
    assert all((first / "speeches" / n).read_bytes() == (second / "speeches" / n).read_bytes() for n in names)
    rows = import_unsc_debates(first, "Kazakhstan", tmp_path / "corpus", template=DATA)
    assert len({r["doc_id"] for r in rows}) == 12
    assert [r["delivery_language"] for r in rows].count("Russian") == 3
    assert all(r["speaker"].startswith("Delegate ") for r in rows)
    built = run_cli_in_process("build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"),
                               cwd=tmp_path)
    assert built.returncode == 0, built.stderr


def _speaker_rows(debates: Path) -> list[list[str]]:
    with open(debates / "speaker.tsv", newline="", encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t"))


def test_an_exact_duplicate_row_is_imported_once_with_a_warning(debates, tmp_path):
    """The corpus is, byte for byte, the one imported without the repeated row: one that validates
    and builds (test_import_writes_a_corpus_that_validates_and_builds), so it is not built again."""
    assert import_(debates, tmp_path / "once").returncode == 0
    data = _speaker_rows(debates)
    write_tsv(debates / "speaker.tsv", data[0], data[1:] + [data[3]])
    into = tmp_path / "kz"
    result = import_(debates, into)
    assert result.returncode == 0, result.stderr
    assert "warning: unsc/speaker.tsv:5: speech 'UNSC_2018_SPV.8414_spch012.txt' repeats row 4 exactly" \
        in result.stderr
    assert len(rows(into)) == 2
    assert files(into) == files(tmp_path / "once")


def test_a_speech_listed_twice_with_different_values_is_refused_with_both_rows(debates, tmp_path):
    data = _speaker_rows(debates)
    changed = list(data[3])
    changed[data[0].index("speaker")] = "Mr. Abdrakhmanov"
    write_tsv(debates / "speaker.tsv", data[0], data[1:] + [changed])
    into = tmp_path / "kz"
    result = import_(debates, into)
    assert result.returncode == 2
    assert ("unsc/speaker.tsv:5: speech 'UNSC_2018_SPV.8414_spch012.txt' is listed twice, with different values "
            "(first on row 4)") in result.stderr
    assert not into.exists()


def test_speeches_at_a_resumed_meeting_get_ids_and_files_of_their_own(debates, tmp_path, fewer_topic_fits):
    """Two speeches at the resumption share a speech number with one at the meeting itself."""
    data = _speaker_rows(debates)
    speeches = debates / "speeches"
    for speech in ("003", "012"):
        name = f"UNSC_2018_SPV.8414Resumption1_spch{speech}.txt"
        shutil.copyfile(DATA / "raw" / UMAROV, speeches / name)
        row = list(data[3])
        row[data[0].index("filename")], row[data[0].index("speech")] = name, speech
        row[data[0].index("spv")] = "8414 (Resumption 1)"
        data.append(row)
    write_tsv(debates / "speaker.tsv", data[0], data[1:])
    into = tmp_path / "kz"
    result = import_(debates, into)
    assert result.returncode == 0, result.stderr
    meta = rows(into)
    assert len({m["doc_id"] for m in meta}) == len({m["file"] for m in meta}) == len(meta) == 4
    assert {m["meeting"] for m in meta} >= {"S/PV.8414", "S/PV.8414 (Resumption 1)"}
    validated = run_cli_in_process("validate", str(into), cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr


def test_a_link_out_of_the_speeches_folder_is_refused(debates, tmp_path):
    link_to_secret(debates / "speeches" / "UNSC_2018_SPV.8414_spch012.txt", tmp_path)
    into = tmp_path / "kz"
    result = import_(debates, into)
    assert result.returncode == 2
    assert "unsc/speeches/UNSC_2018_SPV.8414_spch012.txt: is a symbolic link to a file outside speeches/" \
        in result.stderr
    assert "Traceback" not in result.stderr
    assert not into.exists()


def test_a_field_longer_than_the_csv_limit_in_a_tsv_names_file_and_row(debates, tmp_path):
    data = _speaker_rows(debates)
    data[1][data[0].index("topic")] = "x" * 140_000
    write_tsv(debates / "speaker.tsv", data[0], data[1:])
    result = import_(debates, tmp_path / "kz")
    assert result.returncode == 2
    assert "unsc/speaker.tsv:2: a value is longer than the 131,072 characters a field may hold" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_default_template_is_the_editions_wherever_the_command_runs(debates, tmp_path):
    """Run from a folder that is not the repository's root, without --template: the edition's
    choices, and byte for byte the corpus that ``--template data`` gives, one that validates and
    builds (test_import_writes_a_corpus_that_validates_and_builds), so it is not built again."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("import-unsc-debates", str(debates), "--country", "Kazakhstan", "--into", "kz",
                     cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert f"from the edition, {DATA}" in result.stdout
    for name in CHOICE_FILES:
        assert (elsewhere / "kz" / name).read_bytes() == (DATA / name).read_bytes(), name
    assert import_(debates, tmp_path / "with-template").returncode == 0
    assert files(elsewhere / "kz") == files(tmp_path / "with-template")


def test_the_message_names_a_template_given(debates, tmp_path):
    template = tmp_path / "choices"
    template.mkdir()
    for name in CHOICE_FILES:
        shutil.copyfile(DATA / name, template / name)
    (template / "stopwords.txt").write_text("the\n", encoding="utf-8")
    result = run_cli("import-unsc-debates", str(debates), "--country", "Kazakhstan", "--into", "kz",
                     "--template", str(template), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"stance markers from {template};" in result.stdout
    assert (tmp_path / "kz" / "stopwords.txt").read_text(encoding="utf-8") == "the\n"
