"""Bad input: one clear line per problem naming the file, exit code 2, nothing written."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_build, link_to_secret, read_metadata, run_cli, run_cli_in_process, write_metadata


@pytest.fixture
def topics_never_fit(monkeypatch):
    """The topic model, the first of the longer analyses after the readings are checked, fails the
    test if a build reaches it: a reading that cannot stand must stop the build before."""
    def reached(*args, **kwargs):
        raise AssertionError("the build reached the topic model before refusing the reading")

    for name in ("nmf_topics", "topic_stability"):
        monkeypatch.setattr(f"unscspeech.processed.build.{name}", reached)


def _build_fails(corpus, *expected: str) -> str:
    """Both ``validate`` and ``build`` refuse ``corpus`` with exit code 2 and the ``expected`` lines.
    They run in this process (tests/conftest.py: run_cli_in_process), as a new process would pay
    seconds of imports for each of these many cases; test_missing_corpus_folder spawns it."""
    out = corpus.parent / "out"
    for command in (["validate", str(corpus)], ["build", "--corpus", str(corpus), "--out", str(out)]):
        result = run_cli_in_process(*command, cwd=corpus.parent)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        for text in expected:
            assert text in result.stderr, (text, result.stderr)
        assert not out.exists(), "a failed build must write nothing"
        assert not list(corpus.parent.glob(".out-*")), "no staging folder may be left behind"
    return result.stderr


def test_missing_raw_file(corpus):
    (corpus / "raw" / "003_98f9f3623c312350.txt").unlink()
    err = _build_fails(corpus, "corpus/metadata.csv:5:", "'003_98f9f3623c312350.txt'", "missing from raw/")
    assert err.count("error:") == 1


def test_raw_file_not_listed(corpus):
    (corpus / "raw" / "005_extra.txt").write_text("Mr. X (Kazakhstan): Text.\n", encoding="utf-8")
    _build_fails(corpus, "corpus/raw/005_extra.txt: raw file is not listed in metadata.csv")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n\r\n"])
def test_empty_or_whitespace_file(corpus, content):
    (corpus / "raw" / "001_09c7f05abb924c58.txt").write_bytes(content)
    _build_fails(corpus, "corpus/raw/001_09c7f05abb924c58.txt: file is empty or holds only whitespace")


def test_bytes_that_are_not_utf8(corpus):
    path = corpus / "raw" / "002_129fec8e5b34501d.txt"
    path.write_bytes(path.read_bytes().replace(b"Kazakhstan fully", b"Kazakhstan f\xe9lly", 1))
    _build_fails(corpus, "corpus/raw/002_129fec8e5b34501d.txt:8:13: bytes are not valid UTF-8 (byte e9)")


def test_duplicate_doc_id(corpus):
    rows = read_metadata(corpus)
    rows[2]["doc_id"] = rows[0]["doc_id"]
    write_metadata(corpus, rows)
    _build_fails(corpus, "corpus/metadata.csv:4: duplicate doc_id '2018-12-06-umarov' (first on line 2)")


def test_missing_required_column(corpus):
    rows = read_metadata(corpus)
    write_metadata(corpus, rows, [c for c in rows[0] if c != "genre"])
    _build_fails(corpus, "corpus/metadata.csv:1: required column 'genre' is missing")


def test_missing_required_value(corpus):
    rows = read_metadata(corpus)
    rows[1]["speaker"] = ""
    write_metadata(corpus, rows)
    _build_fails(corpus, "corpus/metadata.csv:3: column 'speaker' is empty")


@pytest.mark.parametrize("date, message", [
    ("06/12/2018", "date '06/12/2018' is not an ISO 8601 date (YYYY-MM-DD)"),
    ("2018-02-30", "date '2018-02-30' is not a real day"),
])
def test_bad_date(corpus, date, message):
    rows = read_metadata(corpus)
    rows[0]["date"] = date
    write_metadata(corpus, rows)
    _build_fails(corpus, f"corpus/metadata.csv:2: {message}")


def test_unknown_genre(corpus):
    rows = read_metadata(corpus)
    rows[4]["genre"] = "speech"
    write_metadata(corpus, rows)
    _build_fails(corpus, "corpus/metadata.csv:6: genre 'speech' is unknown; use one of: council_statement, article")


@pytest.mark.parametrize("column, level", [
    ("meeting_certainty", "confirmed"), ("role_certainty", "likely"), ("language_certainty", "Stated"),
    ("surname_certainty", "probable"), ("forum_certainty", "guess"), ("presidency_certainty", "?"),
])
def test_unknown_certainty_level(corpus, column, level):
    rows = read_metadata(corpus)
    rows[1][column] = level
    write_metadata(corpus, rows)
    _build_fails(corpus, f"corpus/metadata.csv:3: {column} '{level}' is unknown; use one of: "
                         "stated, inferred, candidate, attributed, unknown")


@pytest.mark.parametrize("row, column, value, message", [
    (4, "forum", "Kazakhstanskaya Pravda",
     "metadata.csv:6: forum_certainty is 'unknown' but forum is 'Kazakhstanskaya Pravda'; leave it empty"),
    (0, "delivery_language", "",
     "metadata.csv:2: column 'delivery_language' is empty; leave it empty only with language_certainty 'unknown'"),
    (1, "evidence", "", "metadata.csv:3: column 'evidence' is empty although"),
], ids=["value shown although its level is unknown", "empty language needs the level unknown",
        "level below stated needs evidence"])
def test_a_value_and_its_level_must_agree(corpus, row, column, value, message):
    rows = read_metadata(corpus)
    rows[row][column] = value
    write_metadata(corpus, rows)
    _build_fails(corpus, f"corpus/{message}")


def test_speaker_header_contradicting_metadata(corpus):
    rows = read_metadata(corpus)
    rows[3]["delivery_language"] = "English"
    write_metadata(corpus, rows)
    _build_fails(corpus, "corpus/raw/003_98f9f3623c312350.txt:1: speaker header implies delivery language "
                         "'Russian' but metadata delivery_language is 'English'")


def test_every_problem_is_reported_at_once(corpus):
    rows = read_metadata(corpus)
    rows[0]["genre"], rows[1]["date"] = "speech", "2017-13-01"
    write_metadata(corpus, rows)
    (corpus / "raw" / "extra.txt").write_text("text", encoding="utf-8")
    err = _build_fails(corpus, "genre 'speech'", "date '2017-13-01'", "extra.txt")
    assert err.count("error:") == 3
    assert "3 problems found; nothing was written." in err


def test_failed_build_leaves_previous_output_untouched(small_corpus, small_build):
    corpus = small_corpus
    out = copy_build(small_build, corpus.parent / "out")  # what a build of this corpus wrote
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    sorted((corpus / "raw").iterdir())[0].write_bytes(b"")
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=corpus.parent)
    assert result.returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_byte_order_mark_and_crlf_are_accepted(corpus, tmp_path, edition_build, fewer_topic_fits):
    name = "000_b4f7bfe2873aecfa.txt"
    path = corpus / "raw" / name
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    meta = corpus / "metadata.csv"
    meta.write_bytes(b"\xef\xbb\xbf" + meta.read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "out"
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reference = copy_build(edition_build, tmp_path / "reference")  # the edition's, as `build` writes them
    assert (out / "paragraphs.csv").read_bytes() == (reference / "paragraphs.csv").read_bytes()
    docs = (out / "documents.csv").read_text(encoding="utf-8")
    assert hashlib.sha256(path.read_bytes()).hexdigest() in docs, "sha256 is of the raw bytes as stored"


def test_missing_corpus_folder(tmp_path):
    result = run_cli("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert "nowhere: corpus folder does not exist" in result.stderr


@pytest.mark.parametrize("text", ["— … ! ? ; « »", "\u200b \u200b\u200b ?"])
def test_a_document_with_no_words_names_its_file(corpus, text):
    path = corpus / "raw" / "000_b4f7bfe2873aecfa.txt"
    path.write_text(f"Mr. Umarov (Kazakhstan): {text}\n\n{text}\n", encoding="utf-8")
    _build_fails(corpus, "corpus/raw/000_b4f7bfe2873aecfa.txt: no word is left once the cleaning rules ran")


@pytest.mark.parametrize("name", ["actors.csv", "stance.csv", "lemma_overrides.csv", "periods.csv", "metadata.csv"])
def test_a_field_longer_than_the_csv_limit_names_file_and_line(corpus, name):
    """A value over 131,072 characters (a quote left open, or a pasted text) is one line, not `_csv.Error`."""
    path = corpus / name
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    lines.insert(first + 1, "x" * 140_000 + "," * lines[first].count(","))
    path.write_text("\n".join(lines), encoding="utf-8")
    _build_fails(corpus, f"corpus/{name}:{first + 2}: a value is longer than the 131,072 characters a field may hold")


def test_figures_from_a_missing_folder_is_one_line(tmp_path):
    result = run_cli_in_process("figures", "--processed", "nowhere", "--out", "figs", cwd=tmp_path)
    assert result.returncode == 2
    assert "error: nowhere: the folder does not exist; run `make data`" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unexpected_os_error_on_a_users_path_is_one_line(corpus):
    """An --out below a file cannot be made: the system's reason, with the path, not a traceback."""
    (corpus.parent / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", "notes.txt/out", cwd=corpus.parent)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("error:") == 1 and "error: notes.txt" in result.stderr, result.stderr
    assert (corpus.parent / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_future_dates_and_unknown_columns_are_warned_about(small_corpus, tmp_path, fewer_topic_fits):
    corpus = small_corpus
    rows = read_metadata(corpus)
    rows[0]["date"] = "2999-12-06"
    rows[0]["remarks"] = "checked twice"
    write_metadata(corpus, rows, list(rows[0]))
    for command in (["validate", str(corpus)], ["build", "--corpus", str(corpus), "--out", str(tmp_path / "out")]):
        result = run_cli_in_process(*command, cwd=corpus.parent)
        assert result.returncode == 0, result.stderr
        assert "warning: corpus/metadata.csv:2: date 2999-12-06 is in the future" in result.stderr
        assert "warning: corpus/metadata.csv:1: column 'remarks' is not a known metadata column" in result.stderr


def test_symbolic_link_out_of_the_corpus_folder_is_refused(corpus, tmp_path):
    link_to_secret(corpus / "raw" / "000_b4f7bfe2873aecfa.txt", tmp_path)
    err = _build_fails(corpus, "corpus/raw/000_b4f7bfe2873aecfa.txt: is a symbolic link that leads outside corpus")
    assert err.count("error:") == 1


@pytest.mark.parametrize("name", ["metadata.csv", "stance.csv", "themes.yml", "stopwords.txt",
                                  "lemma_overrides.csv", "theme_checks.csv", "near_match_checks.csv",
                                  "theme_recall.csv", "self_reports.csv"])
def test_every_corpus_file_read_through_a_link_out_of_the_folder_is_refused(corpus, tmp_path, name):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (corpus / name).rename(outside / name)
    (corpus / name).symlink_to(outside / name)
    _build_fails(corpus, f"corpus/{name}: is a symbolic link that leads outside corpus")


def test_symbolic_link_inside_the_corpus_folder_is_read(small_corpus, tmp_path):
    corpus = small_corpus
    raw = sorted((corpus / "raw").iterdir())[0]
    kept = corpus / "originals"
    kept.mkdir()
    raw.rename(kept / raw.name)
    raw.symlink_to(Path("..") / "originals" / raw.name)
    result = run_cli_in_process("validate", str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_control_character_in_metadata_is_refused(corpus):
    rows = read_metadata(corpus)
    rows[1]["title"] = "Statement\x00 by Kazakhstan\u202e"
    write_metadata(corpus, rows)
    err = _build_fails(corpus, "corpus/metadata.csv:3: column 'title' holds the control character U+0000")
    assert err.count("error:") == 1


@pytest.mark.parametrize("name, old, new, message", [
    ("actors.csv", "United Nations,un_organ,UN,", "United Nations,un_organ,UN\u202e,", "actors.csv:{line}: column 'acronym' "
                                                                                   "holds the control character U+202E"),
    ("periods.csv", "Kazakhstan on the Security", "Kazakhstan\x00 on the Security", "periods.csv:{line}: column 'label' "
                                                                                   "holds the control character U+0000"),
    ("themes.yml", "label: Central Asia and Afghanistan", 'label: "Central Asia\\u200b and Afghanistan"',
     "themes.yml:{line}: theme 'central_asia_afghanistan': 'label' holds the control character U+200B"),
])
def test_control_character_in_a_file_whose_values_reach_the_tables_is_refused(corpus, name, old, new, message):
    path = corpus / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    if name == "themes.yml":  # a theme's problems are located at the line that opens the theme
        line -= 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _build_fails(corpus, f"corpus/{message.format(line=line)}; remove it")


def _set_value(path: Path, column: str, value: str, note: bool = False) -> int:
    """Set ``column`` of the first row of a reading-check file to ``value`` (with ``note``, after a
    ``#`` line put above the row); the file line of that row."""
    lines = path.read_text(encoding="utf-8").split("\n")
    head = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    header = next(csv.reader([lines[head]]))
    row = next(csv.reader([lines[head + 1]]))
    row[header.index(column)] = value
    text = io.StringIO()
    csv.writer(text, lineterminator="").writerow(row)
    lines[head + 1:head + 2] = (["# a note among the rows"] if note else []) + [text.getvalue()]
    path.write_text("\n".join(lines), encoding="utf-8")
    return head + 2 + note


@pytest.mark.parametrize("name, column, value, message", [
    ("theme_checks.csv", "theme", "no_such_theme", "theme 'no_such_theme' is not a theme of themes.yml"),
    ("theme_checks.csv", "paragraph", "four", "paragraph 'four' must be a whole number from 1"),
    ("theme_checks.csv", "read_on", "2026-11-31", "read_on '2026-11-31' is not an ISO 8601 day"),
    ("near_match_checks.csv", "paraphrase", "perhaps", "paraphrase 'perhaps' must be yes or no"),
    ("near_match_checks.csv", "sentence_b", "2.5", "sentence_b '2.5' must be a whole number from 1"),
    ("near_match_checks.csv", "doc_b", "2099-01-01-nobody", "doc_b '2099-01-01-nobody' is not a doc_id of metadata.csv"),
    ("theme_recall.csv", "about_theme", "Yes", "about_theme 'Yes' must be yes or no"),
    ("theme_recall.csv", "paragraph", "", "paragraph '' must be a whole number from 1"),
    ("self_reports.csv", "statement_pattern", "(unclosed", "statement_pattern '(unclosed' is not a regular expression"),
    ("self_reports.csv", "passage", "Kazakhstan chaired every committee of the Council",
     "passage 'Kazakhstan chaired every committee of the Council' must stand in one paragraph of the article"),
])
def test_a_bad_value_in_a_reading_check_names_file_and_line(corpus, topics_never_fit, name, column, value,
                                                            message):
    """Each value the tables rely on is checked: one line with the file's own line number (its
    ``#`` notes counted), not a traceback from pandas, ``re`` or the passage finder."""
    line = _set_value(corpus / name, column, value, note=True)
    err = _build_fails(corpus, f"corpus/{name}:{line}: {message}")
    assert err.count("error:") == 1, err


def test_a_too_slow_statement_pattern_names_its_line(corpus, monkeypatch):
    from unscspeech.input import user_patterns
    from unscspeech.input.problems import CorpusError
    from unscspeech.measures.self_reports import check_self_reports, read_self_reports

    slow = r"(?:[\w\s]|\w)*\.[^\W\D]"
    line = _set_value(corpus / "self_reports.csv", "statement_pattern", slow)
    reports = read_self_reports(corpus / "self_reports.csv")
    monkeypatch.setattr(user_patterns, "SECONDS_PER_PARAGRAPH", 0.5)
    text = "We support the peace process in Afghanistan and the region of Central Asia as a whole."
    paragraphs = pd.DataFrame({"doc_id": ["s", "a"], "paragraph": [1, 1], "text": [text, reports["passage"].iloc[0]]})
    documents = pd.DataFrame({"doc_id": ["s", "a"], "genre": ["council_statement", "article"]})
    with pytest.raises(CorpusError) as err:
        check_self_reports(reports.head(1), paragraphs, documents, corpus / "self_reports.csv")
    assert str(err.value).endswith(f"self_reports.csv:{line}: statement_pattern {slow!r} takes longer than 0.5 s "
                                   "over paragraph 1 of 's'; rewrite it without repetitions that can match the "
                                   "same text in many ways")


def test_a_recall_judgement_of_a_matched_paragraph_names_its_line(corpus, tables, topics_never_fit):
    """A paragraph the theme matches cannot have been missed by it: a line, not a ValueError."""
    rows = [line for line in (corpus / "theme_recall.csv").read_text(encoding="utf-8").split("\n")
            if line and not line.startswith("#")]
    theme = next(csv.reader(rows[1:2]))[0]  # the theme of the first judgement, below the header
    hit = tables["theme_hits.csv"].query("theme == @theme").iloc[0]
    _set_value(corpus / "theme_recall.csv", "doc_id", hit["doc_id"])
    line = _set_value(corpus / "theme_recall.csv", "paragraph", str(hit["paragraph"]), note=True)
    err = _build_fails(corpus, f"corpus/theme_recall.csv:{line}: paragraph {hit['paragraph']} of '{hit['doc_id']}' "
                               f"is judged for recall but theme '{theme}' matches it")
    assert err.count("error:") == 1, err
