"""The theme codebook, theme counting, document similarity, shared formulas and the NMF check."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA, finishes, run_cli_in_process
from unscspeech.input.problems import CorpusError
from unscspeech.measures.similarity import cosine_similarity_table
from unscspeech.measures.shared_formulas import shared_phrases
from unscspeech.measures.themes import cooccurrence, find_hits, load_codebook, sample_for_checking, theme_counts
from unscspeech.measures.topics import best_fits, emerging_by_topic, nmf_topics


def write(tmp_path, text: str):
    path = tmp_path / "themes.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """themes:
  - id: prevention
    label: Prevention
    source: statements
    definition: Preventing conflict.
    terms: [preventive diplomacy, prevent*]
    exclude: ['prevent and resolve']
  - id: africa
    label: Africa
    source: article priority 5
    definition: Africa.
    terms: [african union, africa*]
"""


def paragraphs(*texts, doc="d"):
    return pd.DataFrame({"doc_id": [doc] * len(texts), "paragraph": range(1, len(texts) + 1), "text": list(texts)})


# ---- the codebook loader -----------------------------------------------------------------

def test_the_real_codebook_loads_with_the_seven_priorities():
    themes = load_codebook(DATA / "themes.yml")
    priorities = [t for t in themes if t.is_priority]
    assert len(priorities) == 7
    assert sorted(int(t.source.split()[-1]) for t in priorities) == list(range(1, 8))
    assert all(t.precision for t in themes)


@pytest.mark.parametrize("entry, message", [
    ("    terms: [x]\n    colour: red\n", "theme 'bad': unknown key 'colour'"),
    ("    terms: []\n", "theme 'bad': empty theme, it has no terms and no patterns"),
    ("    patterns: ['(unclosed']\n", "theme 'bad': pattern '(unclosed' is not a valid regular expression"),
    ("    patterns: ['x*']\n", "theme 'bad': pattern 'x*' matches the empty string"),
    ("    patterns: ['Kazakhstan’s']\n", "theme 'bad': pattern 'Kazakhstan’s' contains '’', which matching never sees"),
    ("    terms: ['--']\n", "theme 'bad': term '--' has no letters or digits, so it can never match"),
    ("    terms: [x]\n    exclude: ['a–b']\n", "theme 'bad': exclusion 'a–b' contains '–'"),
])
def test_a_bad_codebook_is_reported_naming_the_theme(tmp_path, entry, message):
    path = write(tmp_path, GOOD + "  - id: bad\n    label: Bad\n    source: statements\n    definition: d.\n" + entry)
    with pytest.raises(CorpusError) as err:
        load_codebook(path)
    assert message in str(err.value)


def test_a_bad_codebook_stops_the_build_cleanly(corpus):
    (corpus / "themes.yml").write_text(GOOD + "  - id: empty\n    label: E\n    source: statements\n"
                                       "    definition: d.\n", encoding="utf-8")
    out = corpus.parent / "out"
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=corpus.parent)
    assert result.returncode == 2
    assert "corpus/themes.yml: theme 'empty': empty theme" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_yaml_syntax_errors_give_the_line(tmp_path):
    with pytest.raises(CorpusError) as err:
        load_codebook(write(tmp_path, "themes:\n  - id: x\n    terms: [a, b\n"))
    assert "not valid YAML" in str(err.value)


ALIAS_BOMB = """themes:
  - id: bomb
    label: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    source: statements
    definition: [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    terms: [bomb]
"""


@pytest.mark.parametrize("text, line", [
    (ALIAS_BOMB, 3),
    (GOOD.replace("label: Prevention", "label: &p Prevention").replace("label: Africa", "label: *p"), 3),
])
def test_anchors_and_aliases_are_refused_with_their_line(tmp_path, text, line):
    with pytest.raises(CorpusError) as err:
        load_codebook(write(tmp_path, text))
    assert f"themes.yml:{line}: not valid YAML (anchors and aliases" in str(err.value)


def test_an_alias_bomb_in_the_codebook_stops_the_build_at_once(corpus):
    # Nine levels of nine: 387 million strings if the aliases were expanded.
    levels = ["  a0: &a0 lol"] + [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (corpus / "themes.yml").write_text("bombs:\n" + "\n".join(levels) + "\n" + ALIAS_BOMB.replace(
        "definition: [*a, *a, *a, *a, *a, *a, *a, *a, *a]", "definition: *a9"), encoding="utf-8")
    out = corpus.parent / "out"
    result = run_cli_in_process("validate", str(corpus), cwd=corpus.parent)
    assert result.returncode == 2
    assert "corpus/themes.yml:2: not valid YAML (anchors and aliases" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


@pytest.mark.parametrize("text, message", [
    ("themes: " + "[" * 5000 + "]" * 5000 + "\n", "nest more than 50 levels deep"),
    # Deeper than libyaml's composer survives (it would end the process), within the size limit.
    ("themes: " + "[" * 400_000 + "]" * 400_000 + "\n", "nest more than 50 levels deep"),
    ("themes:\n" + "".join(" " * i + "-\n" for i in range(60)), "themes.yml:51: not valid YAML (its values nest"),
    ("themes:\n  - id: x\n    label: " + "9" * 5000 + "\n", "not valid YAML"),
    ("themes:\n  - id: x\n    label: '" + "x" * 1_000_001 + "'\n", "the limit is 1,000,000"),
])
def test_yaml_that_would_crash_or_grow_is_refused(tmp_path, text, message):
    with pytest.raises(CorpusError) as err:
        load_codebook(write(tmp_path, text))
    assert message in str(err.value)


def test_yaml_nested_as_deep_as_allowed_is_read():
    from unscspeech.input.safe_yaml import MAX_DEPTH, load_yaml

    # The mapping is one level, each list one more: one list fewer than the limit, then the limit passed.
    data, _ = load_yaml("themes: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", "themes.yml")
    depth, value = 2, data["themes"]
    while value:
        depth, value = depth + 1, value[0]
    assert depth == MAX_DEPTH
    with pytest.raises(CorpusError, match="nest more than"):
        load_yaml("themes: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", "themes.yml")


def test_libyaml_and_pyyaml_read_the_books_codebook_alike():
    """The loader in C (where PyYAML has it) gives the data and the lines the pure-Python one gives."""
    import yaml

    from unscspeech.input.safe_yaml import load_yaml

    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    text = (DATA / "themes.yml").read_text(encoding="utf-8")
    (c_data, c_node), (py_data, py_node) = (load_yaml(text, "themes.yml", loader)
                                            for loader in (yaml.CSafeLoader, yaml.SafeLoader))
    assert c_data == py_data and c_data["themes"]

    def lines(node):
        children = node.value if isinstance(node.value, list) else []
        flat = [v for child in children for v in (child if isinstance(child, tuple) else (child,))]
        return [(node.tag, node.start_mark.line, node.start_mark.column)] + [x for c in flat for x in lines(c)]

    assert lines(c_node) == lines(py_node)


# ---- counting ----------------------------------------------------------------------------

def test_counting_with_a_multiword_phrase_and_an_exclusion(tmp_path):
    themes = load_codebook(write(tmp_path, GOOD))
    paras = paragraphs("We support Preventive Diplomacy and the African Union in Africa.",
                       "Measures to prevent and resolve crises; prevention works.",
                       "Nothing here.")
    hits = find_hits(themes, paras)
    prevention = hits[hits.theme == "prevention"]
    assert prevention["match"].tolist() == ["Preventive Diplomacy", "prevention"]
    assert hits[hits.theme == "africa"]["match"].tolist() == ["African Union", "Africa"]
    docs = pd.DataFrame({"doc_id": ["d"], "n_tokens": [20], "n_paragraphs": [3]})
    counts = theme_counts(hits, docs, themes).set_index("theme")
    assert counts.loc["prevention", "hits"] == 2
    assert counts.loc["prevention", "per_1000"] == pytest.approx(100.0)
    assert counts.loc["prevention", "paragraph_share"] == pytest.approx(2 / 3, abs=1e-6)
    assert hits["position"].between(0, 1).all() and hits["position"].is_monotonic_increasing is not None


def test_curly_quotes_in_the_text_still_match(tmp_path):
    themes = load_codebook(write(tmp_path, GOOD.replace("[african union, africa*]", "[africa's partners]")))
    hits = find_hits(themes, paragraphs("Africa’s partners met."))
    assert hits["match"].tolist() == ["Africa’s partners"]


def test_cooccurrence_counts_shared_paragraphs_and_jaccard(tmp_path):
    themes = load_codebook(write(tmp_path, GOOD))
    hits = find_hits(themes, paragraphs("prevention in Africa", "prevention", "Africa", "neither"))
    row = cooccurrence(hits, themes).iloc[0]
    assert (row.paragraphs_a, row.paragraphs_b, row.paragraphs_both) == (2, 2, 1)
    assert row.jaccard == pytest.approx(1 / 3, abs=1e-6)


# ---- similarity and shared phrases --------------------------------------------------------

def token_table(docs: dict[str, list[str]], stop=("the", "of", "and")) -> pd.DataFrame:
    rows = []
    for doc, sentences in docs.items():
        index = 0
        for s, sentence in enumerate(sentences, start=1):
            for word in sentence.split():
                index += 1
                rows.append((doc, s, 1, index, word, index, word.lower(), word.lower() in stop))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "sentence", "token_index", "token", "term_index",
                                       "term", "is_stopword"])


@pytest.mark.parametrize("n_documents", [3, 5, 12])
def test_a_term_two_documents_share_weighs_in_their_cosine_as_the_squared_weight_ratio(n_documents):
    """In scikit-learn's TF-IDF vectors, as the similarity uses them: a term of the two documents
    only (x) against one of every document (y), each used once in both: each vector weighs x by the
    ratio of the idf weights, and the cosine's numerator takes x's product of the two weights, the
    ratio squared, whatever the normalisation."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfTransformer
    from unscspeech.measures.similarity import idf_weight, shared_term_weight

    counts = np.zeros((n_documents, 3))
    counts[:, 1] = 1          # y: every document
    counts[:2, 0] = 1         # x: the first two only
    counts[2:, 2] = 1         # z: the others, so that no vector is empty
    vectors = TfidfTransformer().fit_transform(counts).toarray()
    a, b = vectors[0], vectors[1]
    assert a[0] / a[1] == pytest.approx(idf_weight(n_documents, 2) / idf_weight(n_documents, n_documents))
    assert (a[0] * b[0]) / (a[1] * b[1]) == pytest.approx(shared_term_weight(n_documents, 2))
    assert shared_term_weight(n_documents, n_documents) == 1.0

def test_similarity_is_symmetric_with_ones_on_the_diagonal():
    tokens = token_table({"a": ["peace security council"], "b": ["peace security council"],
                          "c": ["nuclear weapons treaty"]})
    sim = cosine_similarity_table(tokens).pivot(index="doc_a", columns="doc_b", values="cosine")
    assert (sim.values == sim.values.T).all()
    assert list(sim.values.diagonal()) == [1.0, 1.0, 1.0]
    assert sim.loc["a", "b"] == pytest.approx(1.0) and sim.loc["a", "c"] == 0.0


def test_shared_phrases_are_maximal_and_located():
    tokens = token_table({
        "a": ["we support the role of regional organizations in Asia", "nothing else"],
        "b": ["the role of regional organizations is growing"],
        "c": ["of the and of the"]})
    table = shared_phrases(tokens, frozenset({"the", "of", "and", "in", "is", "we"}))
    assert table["ngram"].tolist() == ["role of regional organizations"]
    row = table.iloc[0]
    assert (row.n, row.n_docs, row.documents, row.paragraphs) == (4, 2, "a;b", "a:1;b:1")


# ---- the unsupervised check and the reading check -----------------------------------------

def test_nmf_is_deterministic_and_scores_every_theme(tables):
    themes = load_codebook(DATA / "themes.yml")
    hits = find_hits(themes, tables["paragraphs.csv"])
    first = nmf_topics(tables["tokens.csv"], hits, themes)
    second = nmf_topics(tables["tokens.csv"], hits, themes)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])
    fits = best_fits(first[1])
    assert set(fits.theme) == {t.id for t in themes}
    assert fits["r"].between(-1, 1).all()


def test_themes_that_emerge_through_one_topic_are_counted_as_one_pattern():
    """Two themes followed by the same topic are one word pattern: the grouping says so, closest first."""
    fits = pd.DataFrame({"topic": [6, 4, 6, 7, 2], "theme": ["cica", "pk", "regional", "world", "asia"],
                         "r": [0.78, 0.72, 0.50, 0.59, 0.39], "emerges": [True, True, True, True, False]})
    grouped = emerging_by_topic(fits)
    assert grouped["topic"].tolist() == [6, 4, 7]
    assert grouped["themes"].tolist() == [["cica", "regional"], ["pk"], ["world"]]
    assert emerging_by_topic(fits.assign(emerges=False)).empty


def test_codebook_precision_is_the_recorded_reading_check(tables):
    """The precision in the codebook is the reading of the sample the current hits draw: every
    paragraph of it read, by its latest reading."""
    themes = load_codebook(DATA / "themes.yml")
    hits = find_hits(themes, tables["paragraphs.csv"])
    checks = pd.read_csv(DATA / "theme_checks.csv", comment="#", keep_default_na=False)
    assert set(checks.relevant) <= {"yes", "no"}
    assert checks.loc[checks.relevant == "no", "note"].str.len().gt(0).all()
    latest = checks.sort_values("read_on").drop_duplicates(["theme", "doc_id", "paragraph"], keep="last")
    for theme in themes:
        drawn = sample_for_checking(hits, theme.id)
        judged = drawn.merge(latest[latest.theme == theme.id], on=["doc_id", "paragraph"], how="left")
        assert judged["relevant"].notna().all(), \
            f"{theme.id}: paragraphs of the current sample were never read; read them and record them"
        assert theme.precision["checked"] == len(judged)
        assert theme.precision["relevant"] == (judged.relevant == "yes").sum()
        assert str(theme.precision["date"]) == judged["read_on"].max()


def test_no_paragraph_judged_off_theme_counts_for_its_theme(tables):
    """Every paragraph the reading check judged not to be about its theme has no hit of that theme:
    the codebook's exclusions keep it out."""
    hits = find_hits(load_codebook(DATA / "themes.yml"), tables["paragraphs.csv"])
    checks = pd.read_csv(DATA / "theme_checks.csv", comment="#", keep_default_na=False)
    off = checks[checks.relevant == "no"]
    assert len(off) > 0
    counted = set(zip(hits.theme, hits.doc_id, hits.paragraph))
    still = [k for k in zip(off.theme, off.doc_id, off.paragraph) if k in counted]
    assert not still, f"judged off-theme but still counted: {still}"


def test_the_check_table_says_which_judgements_still_count(tables):
    from unscspeech.measures.theme_checks import check_table, read_checks
    hits = find_hits(load_codebook(DATA / "themes.yml"), tables["paragraphs.csv"])
    table = check_table(read_checks(DATA), hits)
    plain = [((hits.theme == t) & (hits.doc_id == d) & (hits.paragraph == p)).any()
             for t, d, p in zip(table.theme, table.doc_id, table.paragraph)]
    assert table["counts_now"].tolist() == plain
    assert not table.loc[table.relevant == "no", "counts_now"].any()



def test_precision_report_gives_the_first_reading_before_the_correction_and_the_current_sample_after():
    """A paragraph judged off its theme counts against the first reading, with the recall check's
    Wilson interval; once an exclusion removes it, the current sample no longer holds it, so the
    second figure rises: it is measured after the correction, not independently of it."""
    from unscspeech.measures.recall import wilson
    from unscspeech.measures.theme_checks import check_table, precision_report

    read = [("peace", "a", p, "no" if p in (2, 5) else "yes", "2024-01-01") for p in range(1, 9)]
    checks = pd.DataFrame(read + [("peace", "b", 1, "yes", "2024-02-01")],
                          columns=["theme", "doc_id", "paragraph", "relevant", "read_on"]).assign(note="")
    # The exclusions written after the first reading: paragraphs 2 and 5 no longer carry the theme.
    hits = checks[checks["relevant"] == "yes"][["theme", "doc_id", "paragraph"]]
    report = precision_report(check_table(checks, hits))
    assert (report.readings, report.first_date, report.first_checked, report.first_off) == (9, "2024-01-01", 8, 2)
    assert report.first_precision == 6 / 8
    assert (report.first_low, report.first_high) == wilson(6, 8)
    assert report.first_low < report.first_precision < report.first_high
    assert (report.now_checked, report.now_relevant, report.now_precision) == (7, 7, 1.0)
    assert report.off_still_counting == 0
    # Without the correction the off-theme paragraphs still count, and the report says so.
    uncorrected = precision_report(check_table(checks, checks[["theme", "doc_id", "paragraph"]]))
    assert uncorrected.off_still_counting == 2
    assert (uncorrected.now_checked, uncorrected.now_relevant) == (9, 7)


def test_the_recorded_first_reading_is_counted_before_its_exclusions(tables):
    """On the corpus's own record: the first reading's off-theme paragraphs are counted in its
    precision, though the exclusions written since keep them out of the current samples."""
    from unscspeech.measures.theme_checks import check_table, precision_report, read_checks
    hits = find_hits(load_codebook(DATA / "themes.yml"), tables["paragraphs.csv"])
    checks = read_checks(DATA)
    report = precision_report(check_table(checks, hits))
    first = checks[checks.read_on == checks.read_on.min()]
    assert report.first_checked == len(first) and report.first_off == (first.relevant == "no").sum()
    assert report.readings == len(checks)
    assert report.off_still_counting == 0
    if report.first_off:
        assert report.first_precision < report.now_precision

# ---- patterns bounded in time -------------------------------------------------------------

#: A pattern that backtracks exponentially on every sentence, in ``re`` and in ``regex`` alike.
CATASTROPHIC = r"(?:[\w\s]|\w)*\.[^\W\D]"


def test_a_nested_repetition_that_hung_the_build_now_finishes(small_corpus):
    corpus = small_corpus
    raw = sorted((corpus / "raw").iterdir())[0]
    raw.write_text(raw.read_text(encoding="utf-8") + "\n" + "a" * 60 + "!\n", encoding="utf-8")
    text = (corpus / "themes.yml").read_text(encoding="utf-8")
    (corpus / "themes.yml").write_text(text.replace("    terms: [central asia,", "    patterns: ['(a+)+$']\n"
                                                    "    terms: [central asia,", 1), encoding="utf-8")
    result = finishes(lambda: run_cli_in_process("validate", str(corpus), cwd=corpus.parent), 300)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("key, kind", [("patterns", "pattern"), ("exclude", "exclusion")])
def test_a_pattern_too_slow_for_a_paragraph_is_reported_with_its_line(tmp_path, monkeypatch, key, kind):
    from unscspeech.input import user_patterns

    monkeypatch.setattr(user_patterns, "SECONDS_PER_PARAGRAPH", 0.5)
    codebook = GOOD + ("  - id: slow\n    label: Slow\n    source: statements\n    definition: d.\n"
                       "    terms: [peace]\n"
                       f"    {key}:\n      - 'peace process'\n      - '{CATASTROPHIC}'\n")
    themes = load_codebook(write(tmp_path, codebook))
    text = "We support the peace process in Afghanistan and the region of Central Asia as a whole."
    with pytest.raises(CorpusError) as err:
        find_hits(themes, paragraphs("Nothing here.", text, doc="doc-1"))
    line = codebook.splitlines().index(f"      - '{CATASTROPHIC}'") + 1
    assert str(err.value).endswith(
        f"themes.yml:{line}: theme 'slow': {kind} {CATASTROPHIC!r} takes longer than 0.5 s over paragraph 2 of "
        f"'doc-1' ({len(text)} characters); rewrite it without repetitions that can match the same text in many ways")


def test_counting_takes_time_linear_in_a_paragraph(tmp_path):
    from conftest import finishes

    # Each hit was compared with every exclusion of its paragraph: time in the square of their number.
    themes = load_codebook(write(tmp_path, GOOD))
    text = "We prevent and resolve crises and prevent wars. " * 100_000
    hits = finishes(lambda: find_hits(themes, paragraphs(text)))
    assert (hits["match"] == "prevent").sum() == 100_000
