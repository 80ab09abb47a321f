"""Each cleaning rule on its real case in the corpus, and every raw line accounted for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from conftest import DATA, finishes
from unscspeech.pipeline.clean import RULES, clean_document
from unscspeech.input.corpus import Document, load_corpus, split_lines
from unscspeech.pipeline.tokens import words


def paragraph(tables, doc_id: str, number: int) -> str:
    p = tables["paragraphs.csv"]
    return p[(p.doc_id == doc_id) & (p.paragraph == number)]["text"].item()


def paragraphs_of(tables, doc_id: str) -> list[str]:
    p = tables["paragraphs.csv"]
    return p[p.doc_id == doc_id]["text"].tolist()


def all_text(tables) -> str:
    return "\n".join(tables["paragraphs.csv"]["text"])


def fake(text: str, **meta: str) -> Document:
    base = {"doc_id": "t", "title": "A title", "speaker": "Kairat Umarov", "country": "Kazakhstan",
            "delivery_language": "English", "genre": "council_statement"}
    return Document(meta={**base, **meta}, path=Path("raw/t.txt"), sha256="", lines=split_lines(text))


# ---- every line accounted for -------------------------------------------------------------

def test_every_raw_line_is_in_the_log(tables):
    log = tables["cleaning_log.csv"]
    for doc in load_corpus(DATA).documents:
        rows = log[log.doc_id == doc.doc_id]
        covered = {n for r in rows.itertuples() for n in range(r.line_start, r.line_end + 1)}
        assert covered == set(range(1, len(doc.lines) + 1)), doc.doc_id


def test_log_uses_only_known_actions_and_rules(tables):
    log = tables["cleaning_log.csv"]
    assert set(log.action) == {"kept", "changed", "joined", "removed"}
    assert set(log.rule) <= set(RULES)


def test_each_removed_line_is_removed_once_and_said_why(tables):
    log = tables["cleaning_log.csv"]
    removed = log[log.action == "removed"]
    assert not removed.duplicated(["doc_id", "line_start"]).any()
    assert (removed.line_start == removed.line_end).all()


def test_kept_lines_reach_the_paragraphs_verbatim(tables):
    log = tables["cleaning_log.csv"]
    kept = log[log.action == "kept"]
    paragraphs = tables["paragraphs.csv"].set_index(["doc_id", "paragraph"])["text"]
    for row in kept.itertuples():
        assert row.before == row.after
        assert paragraphs[(row.doc_id, int(row.paragraph))] == row.before


def test_words_are_lost_only_through_logged_changes(tables):
    """Every word of a body line reaches the paragraphs, unless a logged change took it out."""
    log = tables["cleaning_log.csv"]
    removed = {(r.doc_id, r.line_start) for r in log[log.action == "removed"].itertuples()}
    for doc in load_corpus(DATA).documents:
        raw = Counter(w for n, line in enumerate(doc.lines, start=1)
                      if (doc.doc_id, n) not in removed for w in words(line))
        lost = raw - Counter(w for text in paragraphs_of(tables, doc.doc_id) for w in words(text))
        changes = log[(log.doc_id == doc.doc_id) & log.action.isin(["changed", "joined"])]
        for word in lost:
            assert any(word in words(r.before) for r in changes.itertuples()), (doc.doc_id, word)
        assert sum(lost.values()) <= 12, (doc.doc_id, lost)


# ---- line rules ---------------------------------------------------------------------------

def test_site_page_text_and_form_markers_are_removed(tables):
    text = all_text(tables)
    for fragment in ("Формат документа", "Сообщить о нарушении", "Конец формы", "Top of form", "docx"):
        assert fragment not in text
    log = tables["cleaning_log.csv"]
    article = log[log.doc_id == "2019-03-02-atamkulov"]
    assert set(article[article.line_start <= 10].action) == {"removed"}


def test_form_marker_inside_a_sentence_and_the_words_it_repeated(tables):
    assert paragraph(tables, "2019-03-02-atamkulov", 3).startswith(
        "Throughout our time on the UNSC our work was guided by 7 priorities")
    assert "Our work, our work" not in all_text(tables)


def test_article_title_goes_to_metadata_not_body(tables):
    assert paragraph(tables, "2019-03-02-atamkulov", 1).startswith("March 2nd marks 27 years")
    title = tables["documents.csv"].set_index("doc_id").loc["2019-03-02-atamkulov", "title"]
    assert title not in all_text(tables)


def test_speaker_headers_become_metadata(tables):
    docs = tables["documents.csv"].set_index("doc_id")
    assert docs.loc["2018-03-28-mukhtarov", "speaker_header"] == "Mr. Mukhtarov (Kazakhstan) (spoke in Russian):"
    assert docs.loc["2018-12-06-umarov", "speaker_header"] == "Mr. Umarov (Kazakhstan):"
    assert paragraph(tables, "2018-12-06-umarov", 1).startswith("Let me start by welcoming you")
    assert paragraph(tables, "2018-03-28-mukhtarov", 1).startswith("I would like to thank the presidency")
    assert "(Kazakhstan)" not in all_text(tables)


def test_a_header_is_only_taken_from_the_first_line():
    doc = fake("Mr. Umarov (Kazakhstan): We agree.\n\nMr. Smith (Narnia): said this.\n")
    cleaned = clean_document(doc)
    assert cleaned.paragraphs == ["We agree.", "Mr. Smith (Narnia): said this."]
    assert cleaned.problems == []


# ---- in-line rules ------------------------------------------------------------------------

def test_words_run_together_are_split(tables):
    assert "the Chairperson of the AU and President of ECOWAS" in paragraph(tables, "2018-12-06-umarov", 8)
    assert "continued strengthening of its capacity" in paragraph(tables, "2007-11-06-aitimova", 8)
    assert "ofthe" not in all_text(tables) and "ofits" not in all_text(tables)


def test_run_together_rule_leaves_real_words_alone():
    doc = fake("We look into often forthcoming ontology and onto within.\n")
    assert clean_document(doc).paragraphs == ["We look into often forthcoming ontology and onto within."]


def test_mangled_diacritic_is_restored(tables):
    assert "Secretary-General, Mr. António Guterres" in paragraph(tables, "2018-03-28-mukhtarov", 1)
    assert "Anto'nio" not in all_text(tables)


def test_mangled_diacritic_rule_leaves_contractions_alone():
    doc = fake("Today's debate: they're here, we've come, it'll work, don't go, O'Brien spoke.\n")
    assert clean_document(doc).paragraphs[0] == doc.lines[0]


def test_stripped_diacritics_are_restored(tables):
    text = paragraph(tables, "2018-03-28-mukhtarov", 1)
    assert "Ms. Fatimata Touré, the Director of Groupe de recherche, d'étude et de formation" in text


# ---- assembly -----------------------------------------------------------------------------

def test_hard_wraps_are_joined_into_paragraphs(tables):
    first = paragraph(tables, "2017-01-10-abdrakhmanov", 1)
    assert "\n" not in first
    assert first.startswith("We believe that we need to strengthen the efforts of the United Nations in order")
    assert first.endswith("reconstruction, rehabilitation and development.")


def test_line_end_hyphens_of_compounds_are_kept(tables):
    assert "capacity-building to handle" in paragraph(tables, "2017-01-10-abdrakhmanov", 5)
    assert "narrow, country-specific approach" in paragraph(tables, "2018-03-28-mukhtarov", 4)


def test_a_line_end_hyphen_that_only_splits_a_word_is_removed():
    doc = fake("Prevention is key, and we need pre-\nvention now and more\nprevention later.\n")
    cleaned = clean_document(doc)
    assert cleaned.paragraphs == ["Prevention is key, and we need prevention now and more prevention later."]
    assert any(r["rule"] == "line_end_hyphen_removed" for r in cleaned.log)


def test_paragraph_breaks_inside_a_sentence_are_mended(tables):
    p6 = paragraph(tables, "2007-11-06-aitimova", 6)
    assert p6 == ("We welcome the growing role of the United Nations in the maintenance of international "
                  "peace and security and an enhanced international cooperation, while supporting the "
                  "principle of multilateralism in addressing burning international issues.")
    assert "Kazakhstan has requested the General Assembly to grant observer status" in paragraph(
        tables, "2007-11-06-aitimova", 11)
    assert "rapid responses in combating asymmetrical challenges" in paragraph(tables, "2018-03-28-mukhtarov", 7)


def test_a_real_paragraph_break_before_a_quotation_stays(tables):
    assert paragraph(tables, "2018-12-06-umarov", 3).endswith("with the Secretary-General's observation that,")
    assert paragraph(tables, "2018-12-06-umarov", 4).startswith('"Instead of responding to crises')


def test_article_keeps_one_paragraph_per_line_and_its_headings(tables):
    paras = paragraphs_of(tables, "2019-03-02-atamkulov")
    assert "Priority 1: Disarmament and Non-proliferation" in paras
    assert "Priorities 6 and 7: Security-Development Nexus, UN Reform" in paras


# ---- what must not change -----------------------------------------------------------------

def test_authors_typos_are_kept(tables):
    typos = tables["known_typos.csv"]
    assert len(typos) >= 4
    for row in typos.itertuples():
        assert row.text in paragraph(tables, row.doc_id, row.paragraph)


def test_quotes_and_apostrophes_stay_as_printed(tables):
    text = all_text(tables)
    assert "Kazakhstan’s achievements" in text and "Astana's message" in text
    assert "“bloc thinking”" in text


def test_raw_files_are_the_seeds_byte_for_byte():
    seeds = DATA.parent.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for seed in seeds.iterdir():
        assert (DATA / "raw" / seed.name).read_bytes() == seed.read_bytes()
    assert sorted(p.name for p in (DATA / "raw").iterdir()) == sorted(p.name for p in seeds.iterdir())


def test_sentences_rebuild_their_paragraphs(tables):
    sentences = tables["sentences.csv"]
    joined = sentences.groupby(["doc_id", "paragraph"], sort=False)["text"].apply(" ".join)
    paragraphs = tables["paragraphs.csv"].set_index(["doc_id", "paragraph"])["text"]
    for key, text in paragraphs.items():
        assert " ".join(text.split()) == " ".join(joined[key].split())
    umarov = sentences[sentences.doc_id == "2018-12-06-umarov"]["text"]
    assert not any(s.endswith("Mr.") for s in umarov), "abbreviations do not end sentences"
    assert isinstance(sentences, pd.DataFrame)


# ---- control characters ---------------------------------------------------------------------

def test_control_characters_are_removed_and_logged_with_their_rule():
    raw = ("Mr. Umarov (Kazakhstan): We \x00support the\x0cpeace process\u202e in Afgha\u200bnistan.\n"
           "\x07\n"
           "Kazakhstan\x85calls for dialogue\x1b.\n")
    clean = clean_document(fake(raw))
    text = "\n".join(clean.paragraphs)
    assert clean.paragraphs == ["We support the peace process in Afghanistan.", "Kazakhstan calls for dialogue."]
    assert "Afghanistan" in words(text)
    rows = [r for r in clean.log if r["rule"] == "control_characters"]
    assert [(r["line_start"], r["action"]) for r in rows] == [(1, "changed"), (2, "changed"), (3, "changed")]
    assert "<U+0000>" in rows[0]["before"] and "<U+202E>" in rows[0]["before"] and "\x00" not in rows[0]["before"]
    assert all(not any(c in str(v) for c in "\x00\x07\x0c\x1b\x85\u200b\u202e") for r in clean.log for v in r.values())
    covered = {n for r in clean.log for n in range(r["line_start"], r["line_end"] + 1)}
    assert covered == {1, 2, 3}


def test_a_line_of_control_characters_only_is_removed_as_blank():
    clean = clean_document(fake("First paragraph here.\n\x00\x01\n\nSecond paragraph here.\n"))
    assert clean.paragraphs == ["First paragraph here.", "Second paragraph here."]
    assert {(r["line_start"], r["rule"]) for r in clean.log if r["line_start"] == 2} == {
        (2, "control_characters"), (2, "blank_line")}


def test_no_control_character_of_a_raw_text_reaches_the_tables(small_corpus, tmp_path, fewer_topic_fits):
    from conftest import run_cli_in_process

    corpus = small_corpus
    path = sorted((corpus / "raw").iterdir())[0]
    text = path.read_bytes()
    assert b"Kazakhstan to the" in text
    path.write_bytes(text.replace(b"Kazakhstan to the", b"Kazakh\x00stan\xc2\x9b to the", 1))
    out = tmp_path / "out"
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for table in out.glob("*.csv"):
        data = table.read_text(encoding="utf-8")
        assert "\x00" not in data and "\x9b" not in data, table.name
    log = pd.read_csv(out / "cleaning_log.csv", keep_default_na=False)
    befores = log.loc[log.rule == "control_characters", "before"].tolist()
    assert len(befores) == 1 and "Kazakh<U+0000>stan<U+009B> to the" in befores[0]


# ---- very long paragraphs and documents -------------------------------------------------------

def test_a_paragraph_over_the_limit_is_refused_with_its_file_line_and_length(corpus):
    from conftest import run_cli_in_process
    from unscspeech.pipeline.clean import MAX_PARAGRAPH_CHARACTERS

    path = corpus / "raw" / "004_008792de542f5122.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    long_line = ("Kazakhstan supports the peace process in Afghanistan. " * 2000)[:MAX_PARAGRAPH_CHARACTERS + 1]
    path.write_text("\n".join(lines[:3] + [long_line] + lines[3:]), encoding="utf-8")
    result = run_cli_in_process("validate", str(corpus), cwd=corpus.parent)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("error:") == 1
    assert "corpus/raw/004_008792de542f5122.txt:4: paragraph" in result.stderr
    assert "(line 4) is 100,001 characters long; the limit is 100,000" in result.stderr


def test_joining_a_hard_wrapped_paragraph_takes_time_linear_in_its_lines():
    # 100,000 wrapped lines (4 million characters): joined again and again, as each line came, this
    # took time in the square of the length.
    text = "We support the peace process in Afgh-\nanistan and the region of Central Asia.\n" * 50_000
    clean = finishes(lambda: clean_document(fake(text)))
    assert [p.line for p in clean.problems] == [1]
    assert "paragraph 1 (lines 1-100000) is 3,849,999 characters long" in str(clean.problems[0])


def test_many_blank_lines_take_time_linear_in_their_number():
    clean = finishes(lambda: clean_document(fake("First paragraph.\n" + "\n" * 100_000 + "Second paragraph.\n")),
                     seconds=60)
    assert clean.paragraphs == ["First paragraph.", "Second paragraph."]
    assert sum(r["rule"] == "blank_line" for r in clean.log) == 100_000


def test_a_run_of_breaks_mid_sentence_is_mended_only_up_to_the_limit():
    from unscspeech.pipeline.clean import MAX_MENDED_BREAKS

    pieces = [f"piece {i} of a sentence cut by a page break and" for i in range(3 * MAX_MENDED_BREAKS)]
    clean = clean_document(fake("\n\n".join(pieces) + " ends here.\n"))
    assert [p.count("piece") for p in clean.paragraphs] == [MAX_MENDED_BREAKS + 1] * 2 + [MAX_MENDED_BREAKS - 2]
    assert sum(r["rule"] == "mid_sentence_break" for r in clean.log) == 3 * MAX_MENDED_BREAKS - 3
    covered = {n for r in clean.log for n in range(r["line_start"], r["line_end"] + 1)}
    assert covered == set(range(1, 2 * len(pieces)))
