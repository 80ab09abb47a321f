"""Build the processed tables of a corpus and write them atomically.

``build_tables`` is pure (corpus in, data frames out) so tests and chapters can
call it; ``write_tables`` writes every CSV into a temporary folder and swaps it
into place only when all succeeded, so a failed build never leaves half a set
of tables behind. Output is deterministic: sorted rows, fixed column order,
UTF-8 and ``\\n`` line ends.
"""

from __future__ import annotations

import datetime as dt
import shutil
from functools import partial
from collections.abc import Generator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from unscspeech.processed.cache import STAMP, inputs_digest, is_up_to_date
from unscspeech.pipeline.clean import CleanDocument, clean_document
from unscspeech.processed import schema
from unscspeech.processed.datapackage import declared, write_descriptor
from unscspeech.input.corpus import ARTICLE, ISO_DATE, OPTIONAL_COLUMNS, Corpus, load_corpus, read_rows
from unscspeech.input.problems import CorpusError, Problem, display_path
from unscspeech.measures.collocations import MIN_COUNT as COLLOCATION_MIN_COUNT, collocation_table
from unscspeech.measures.keyness import key_ranks, keyness_table
from unscspeech._engine.duckdb_tables import Writer, engine_writes, write_csv, write_parquet
from unscspeech.processed.output_folder import check_output, make_staging, output_lock, remove_stale_staging, unmark
from unscspeech._engine.release_memory import map_large_blocks, release_freed_memory
from unscspeech._engine.worker_pool import map_documents, map_in_order, shared_workers
from unscspeech.measures.near_matches import CHECKS, near_matches, with_judgements
from unscspeech.measures.near_matches import read_checks as read_near_match_checks
from unscspeech.measures.recall import OUT_COLUMNS as RECALL_COLUMNS, read_judgements, recall_estimate
from unscspeech.measures.self_reports import OUT_COLUMNS as SELF_REPORT_COLUMNS, check_self_reports, read_self_reports
from unscspeech.measures.similarity import cosine_similarity_table
from unscspeech.measures.shared_formulas import shared_phrases
from unscspeech.processed.csv_formulas import neutralise_formulas
from unscspeech.measures.kwic import locate
from unscspeech.measures.theme_checks import check_table
from unscspeech.measures.theme_checks import read_checks as read_theme_checks
from unscspeech.measures.themes import Theme, codebook_table, cooccurrence, find_hits, load_codebook, theme_counts
from unscspeech.measures.topics import nmf_topics, topic_stability
from unscspeech.measures.actors import actor_tables, load_gazetteer
from unscspeech.measures.robustness import robustness_tables
from unscspeech.measures.stance import load_markers, stance_tables
from unscspeech.pipeline.terms import Wordlists, load_lemma_dictionary, read_wordlists
from unscspeech.measures.dispersion import dispersion
from unscspeech.measures.vocabulary import ALL, frequencies, lexical_diversity, stopword_terms, term_rows
from unscspeech.pipeline.token_table import Tokenised, sentence_table, token_table, tokenise_document
from unscspeech.pipeline.tokens import train_sentence_splitter, training_sample

COUNT_COLUMNS = ["speaker_header", "sha256", "n_paragraphs", "n_sentences", "n_tokens", "n_types", "n_terms"]
LOG_COLUMNS = ["doc_id", "line_start", "line_end", "action", "rule", "before", "after", "paragraph"]

#: Documents below which cleaning and tokenising run in one process (see :mod:`unscspeech._engine.worker_pool`).
MIN_PARALLEL_DOCUMENTS = 50


def clean_corpus(corpus: Corpus, n_jobs: int | None = None) -> list[CleanDocument]:
    """Clean every document; raise :class:`CorpusError` if any header contradicts the metadata."""
    cleaned = map_in_order(clean_document, corpus.documents, n_jobs, min_parallel=MIN_PARALLEL_DOCUMENTS)
    problems = [p for c in cleaned for p in c.problems]
    problems += [
        _empty_problem(doc) for doc, c in zip(corpus.documents, cleaned) if not c.paragraphs
    ]
    if problems:
        raise CorpusError(problems)
    return cleaned


def _empty_problem(doc) -> Problem:
    return Problem(display_path(doc.path), "no body text is left once the cleaning rules ran")


def build_tables(corpus: Corpus, n_jobs: int | None = None) -> dict[str, pd.DataFrame]:
    """All processed tables of a validated corpus, keyed by file name.

    ``n_jobs`` processes share the per-document work (default: :func:`unscspeech._engine.worker_pool.jobs`);
    the tables are the same whatever the number."""
    return dict(iter_tables(corpus, n_jobs))


def iter_tables(corpus: Corpus, n_jobs: int | None = None) -> Iterator[tuple[str, pd.DataFrame]]:
    """The processed tables as ``(file name, table)``, each as soon as it is made.

    A caller that writes each table and lets it go (:func:`build`) holds in memory only the
    tables the later ones are made from (documents, paragraphs, tokens, theme hits), not all 30,
    nor the corpus's raw texts once the documents' tables are made. Every step that runs on
    several processes shares one pool (:func:`unscspeech._engine.worker_pool.shared_workers`):
    :func:`build`'s, forked before the corpus was read, or else one forked as cleaning begins."""
    # Only the generator of the documents' tables holds the corpus: it lets it go when it ends.
    return _in_pool(_document_tables(corpus, n_jobs), n_jobs)


def _in_pool(document_tables: Generator[tuple[str, pd.DataFrame], None, Texts],
             n_jobs: int | None) -> Iterator[tuple[str, pd.DataFrame]]:
    """The tables in three steps, each a generator that ends with what the next is made from: the
    steps' results are handed on, not held here, so that each is let go once the next is done
    with it (the cleaned documents with the documents' tables, their words with the token table)."""
    with shared_workers(n_jobs):
        analysed = yield from _word_tables(*(yield from document_tables))
        yield from _analysis_tables(analysed, n_jobs)


class Texts(NamedTuple):
    """What the tables of words are made from: the documents tokenised (:class:`Tokenised`),
    beside the corpus's folder and analysis choices and the documents' and paragraphs' tables."""

    root: Path
    choices: tuple
    readings: dict[str, pd.DataFrame]
    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    tokenised: list[Tokenised]


class Analysed(NamedTuple):
    """What the analyses are made from: the :class:`Texts` with the token table for the documents' words."""

    root: Path
    choices: tuple
    readings: dict[str, pd.DataFrame]
    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    tokens: pd.DataFrame


def _document_tables(corpus: Corpus, n_jobs: int | None) -> Generator[tuple[str, pd.DataFrame], None, Texts]:
    """The corpus cleaned and tokenised, and the tables of its documents (documents, paragraphs,
    cleaning log, with the periods and known typos of its folder)."""
    choices = load_choices(corpus.root)
    wordlists, codebook = choices[:2]
    readings = read_readings(corpus, codebook)
    cleaned = clean_corpus(corpus, n_jobs)
    splitter = train_sentence_splitter(training_sample([p for c in cleaned for p in c.paragraphs]))
    # Documents in the tables' order (date, then id) from the start, so that no table of a row per
    # token needs sorting afterwards.
    order = sorted(range(len(corpus.documents)),
                   key=lambda i: (corpus.documents[i].meta.get("date", ""), corpus.documents[i].doc_id))
    tokenised = map_in_order(partial(tokenise_document, splitter=splitter, wordlists=wordlists),
                             [cleaned[i] for i in order], n_jobs, min_parallel=MIN_PARALLEL_DOCUMENTS)
    wordless = [Problem(display_path(corpus.documents[i].path), "no word is left once the cleaning rules ran "
                                                                 "(only punctuation, symbols or invisible characters)")
                for i, done in zip(order, tokenised) if done.n_tokens == 0]
    if wordless:
        raise CorpusError(wordless)
    documents = document_table(corpus, [(i, cleaned[i], done) for i, done in zip(order, tokenised)])
    paragraphs = paragraph_table([cleaned[i] for i in order])
    yield schema.PERIODS.file, read_periods(corpus.root)
    yield schema.KNOWN_TYPOS.file, read_known_typos(corpus.root, paragraphs)
    yield schema.DOCUMENTS.file, documents
    yield schema.PARAGRAPHS.file, paragraphs
    yield schema.CLEANING_LOG.file, log_table([row for i in order for row in cleaned[i].log])
    return Texts(corpus.root, choices, readings, documents, paragraphs, tokenised)


def _word_tables(root: Path, choices: tuple, readings: dict[str, pd.DataFrame], documents: pd.DataFrame,
                 paragraphs: pd.DataFrame, tokenised: list[Tokenised]
                 ) -> Generator[tuple[str, pd.DataFrame], None, Analysed]:
    """The sentences, their near matches and the token table of the tokenised documents."""
    yield from _sentence_tables(tokenised, choices[0], readings[CHECKS])
    # What the sentence tables freed goes back to the system before the token table is made beside
    # the documents' words; and once it has taken them over, the words and the raw texts go back
    # before the table is written and the analyses are made (on a large corpus: see
    # release_freed_memory). At 5,000 speeches, the first lowers the main process's peak by about
    # 120 MiB, the second its resident memory by about 400.
    release_freed_memory()
    tokens, tokenised = token_table(tokenised), None
    release_freed_memory()
    yield schema.TOKENS.file, tokens
    return Analysed(root, choices, readings, documents, paragraphs, tokens)


def log_table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """``cleaning_log.csv`` from the cleaning's log rows: ``paragraph`` a whole number, empty (missing)
    for a line that was removed, as the table declares it.

    >>> log_table([{"doc_id": "a", "line_start": 1, "line_end": 1, "action": "removed", "rule": "page_header",
    ...             "before": "S/PV.1", "after": "", "paragraph": ""},
    ...            {"doc_id": "a", "line_start": 2, "line_end": 2, "action": "kept", "rule": "unchanged",
    ...             "before": "Peace.", "after": "Peace.", "paragraph": 1}])["paragraph"].tolist()
    [<NA>, 1]
    """
    log = pd.DataFrame(rows, columns=LOG_COLUMNS)
    log["paragraph"] = pd.array([pd.NA if p == "" else p for p in log["paragraph"]], dtype="Int64")
    return log


def document_table(corpus: Corpus, done: list[tuple[int, CleanDocument, Tokenised]]) -> pd.DataFrame:
    """``documents.csv``: each document's metadata and counts, for ``(index in the corpus, cleaned
    document, tokenised document)`` in the tables' order. Optional metadata columns are always in
    the table (empty where a corpus lacks them), so that chapters and readers of documents.csv
    find one schema whatever the corpus."""
    meta_columns = list(corpus.columns) + [c for c in OPTIONAL_COLUMNS if c not in corpus.columns]
    rows = []
    for i, clean, tokenised in done:
        doc = corpus.documents[i]
        rows.append({
            **{col: doc.meta.get(col, "") for col in meta_columns},
            "speaker_header": clean.speaker_header,
            "sha256": doc.sha256,
            "n_paragraphs": len(clean.paragraphs),
            "n_sentences": tokenised.n_sentences,
            "n_tokens": tokenised.n_tokens,
            "n_types": tokenised.n_types,
            "n_terms": tokenised.n_terms,
        })
    return pd.DataFrame(rows, columns=meta_columns + COUNT_COLUMNS)


def _analysis_tables(analysed: Analysed, n_jobs: int | None) -> Iterator[tuple[str, pd.DataFrame]]:
    root, readings, documents, paragraphs, tokens = (analysed.root, analysed.readings, analysed.documents,
                                                     analysed.paragraphs, analysed.tokens)
    wordlists, codebook, actors, markers = analysed.choices
    position = {d: i for i, d in enumerate(documents["doc_id"])}

    def in_doc_order(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        frame = frame.assign(_order=frame["doc_id"].map(position))
        return frame.sort_values(["_order", *keys], kind="stable").drop(columns="_order").reset_index(drop=True)

    yield from vocabulary_tables(tokens, wordlists, in_doc_order)
    hits = map_documents(partial(find_hits, codebook), paragraphs, n_jobs)
    yield schema.THEME_CHECKS.file, check_table(readings["theme_checks.csv"], hits)
    # The readings are checked against the paragraphs and the hits as soon as these are made: a
    # judgement or a passage that cannot stand stops the build before the longer analyses.
    yield from reading_checks(readings, root, documents, paragraphs, codebook, hits)
    yield from theme_tables(documents, paragraphs, tokens, codebook, wordlists, hits, n_jobs)
    yield from _declared(actor_tables(actors, paragraphs, documents, n_jobs))
    yield from _declared(stance_tables(markers, paragraphs, documents, n_jobs))
    yield from _declared(robustness_tables(tokens, paragraphs, documents, codebook, hits, n_jobs))


def _declared(tables: tuple) -> Iterator[tuple[str, pd.DataFrame]]:
    """A measure's named tables (a named tuple whose fields are declared table names), each under
    its declared file name."""
    for name, frame in tables._asdict().items():
        yield schema.SCHEMA[name].file, frame


def _sentence_tables(tokenised, wordlists: Wordlists, checks: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """The sentences and their near matches (the sentences are let go once this is done)."""
    sentences = sentence_table(tokenised)
    yield schema.SENTENCES.file, sentences
    yield schema.NEAR_MATCHES.file, with_judgements(near_matches(sentences, wordlists.stopwords), checks)


def paragraph_table(cleaned: list[CleanDocument]) -> pd.DataFrame:
    """The paragraphs of the cleaned documents (``doc_id``, ``paragraph``, ``text``), in the order given."""
    return pd.DataFrame({
        "doc_id": [c.doc_id for c in cleaned for _ in c.paragraphs],
        "paragraph": [n for c in cleaned for n in range(1, len(c.paragraphs) + 1)],
        "text": [p for c in cleaned for p in c.paragraphs],
    }, columns=["doc_id", "paragraph", "text"])


def load_choices(root: Path) -> tuple:
    """The corpus folder's analysis choices: word lists, theme codebook, actor gazetteer, stance
    markers. Every problem in any of them is reported in one go."""
    loaded, problems = [], []
    for loader, arg in ((read_wordlists, root), (load_codebook, root / "themes.yml"),
                        (load_gazetteer, root / "actors.csv"), (load_markers, root / "stance.csv")):
        try:
            loaded.append(loader(arg))
        except CorpusError as err:
            problems += err.problems
    if problems:
        raise CorpusError(problems)
    return tuple(loaded)


def theme_tables(documents: pd.DataFrame, paragraphs: pd.DataFrame, tokens: pd.DataFrame,
                 codebook: list[Theme], wordlists: Wordlists, hits: pd.DataFrame,
                 n_jobs: int | None = None) -> Iterator[tuple[str, pd.DataFrame]]:
    """Theme counts, co-occurrence, document similarity, shared formulas and NMF topics, from the
    codebook's ``hits`` (:func:`unscspeech.measures.themes.find_hits`), each handed over as it is made."""
    yield schema.CODEBOOK.file, codebook_table(codebook)
    yield schema.THEME_HITS.file, hits
    yield schema.THEMES.file, theme_counts(hits, documents, codebook)
    yield schema.THEME_COOCCURRENCE.file, cooccurrence(hits, codebook)
    topics, topic_fit = nmf_topics(tokens, hits, codebook)
    yield schema.TOPICS.file, topics
    yield schema.TOPIC_THEMES.file, topic_fit
    yield schema.TOPIC_STABILITY.file, topic_stability(tokens, hits, codebook, n_jobs=n_jobs)
    yield schema.SIMILARITY.file, cosine_similarity_table(tokens)
    yield schema.SHARED_PHRASES.file, shared_phrases(tokens, wordlists.stopwords)


def read_readings(corpus: Corpus, codebook: list[Theme]) -> dict[str, pd.DataFrame]:
    """The four optional reading checks of the corpus folder, keyed by file name, each checked
    against the codebook's themes and the corpus's documents before anything is computed; every
    problem in any of them is reported in one go."""
    root, themes = corpus.root, {t.id for t in codebook}
    doc_ids = {d.doc_id for d in corpus.documents}
    readers = {"theme_checks.csv": lambda: read_theme_checks(root, themes, doc_ids),
               CHECKS: lambda: read_near_match_checks(root / CHECKS, root, doc_ids),
               "theme_recall.csv": lambda: read_judgements(root / "theme_recall.csv", root, themes, doc_ids),
               "self_reports.csv": lambda: read_self_reports(root / "self_reports.csv", root)}
    readings, problems = {}, []
    for name, read in readers.items():
        try:
            readings[name] = read()
        except CorpusError as err:
            problems += err.problems
    if problems:
        raise CorpusError(problems)
    return readings


def reading_checks(readings: dict[str, pd.DataFrame], root: Path, documents: pd.DataFrame, paragraphs: pd.DataFrame,
                   codebook: list[Theme], hits: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """Two optional readings of the corpus folder (:func:`read_readings`), as tables: the codebook's
    recall (``theme_recall.csv``: :mod:`unscspeech.measures.recall`) and the article's accounts of its own
    record checked against the statements (``self_reports.csv``: :mod:`unscspeech.measures.self_reports`).
    Each is empty where the corpus folder lacks its file (or, for the second, has no single article)."""
    judged = readings["theme_recall.csv"]
    yield schema.RECALL.file, (recall_estimate(judged, paragraphs, hits, codebook_table(codebook), root / "theme_recall.csv")
                         if (root / "theme_recall.csv").is_file() else pd.DataFrame(columns=RECALL_COLUMNS))
    reports = readings["self_reports.csv"]
    one_article = (documents["genre"] == ARTICLE).sum() == 1
    yield schema.SELF_REPORTS.file, (check_self_reports(reports, paragraphs, documents, root / "self_reports.csv")
                               if (root / "self_reports.csv").is_file() and one_article else
                               pd.DataFrame(columns=SELF_REPORT_COLUMNS))


def vocabulary_tables(tokens: pd.DataFrame, wordlists: Wordlists, in_doc_order) -> Iterator[tuple[str, pd.DataFrame]]:
    """Frequencies, keyness, dispersion, collocations and lexical diversity from the token table,
    each handed over (as ``(file name, table)``) as soon as it is made."""
    yield schema.LEXDIV.file, in_doc_order(lexical_diversity(tokens), [])
    yield schema.COLLOCATIONS.file, collocation_table(tokens, wordlists.stopwords, COLLOCATION_MIN_COUNT)
    # The two largest tables are never held at once: the frequencies are let go once handed over,
    # and the counts keyness is made from once it is made.
    yield schema.KEYNESS.file, _keyness(*(yield from _frequency_tables(tokens, in_doc_order)))


def _keyness(counts: pd.DataFrame, stop: frozenset[str]) -> pd.DataFrame:
    """``keyness.csv`` from each document's term counts, ranked on the terms not in ``stop``."""
    keyness = round_floats(keyness_table(counts, sort=False))
    keyness["key_rank"] = key_ranks(keyness, stop)
    return keyness


def _frequency_tables(tokens: pd.DataFrame, in_doc_order
                      ) -> Generator[tuple[str, pd.DataFrame], None, tuple[pd.DataFrame, frozenset[str]]]:
    """Dispersion and frequencies, ending with what keyness needs of them: each document's term
    counts, and the terms that are not the book's content terms (what the token table marks a
    stopword: the list, numerals, symbols)."""
    freq = frequencies(term_rows(tokens))
    yield schema.DISPERSION.file, dispersion(freq)
    counts = in_doc_order(freq.loc[freq["doc_id"] != ALL, ["doc_id", "term", "count"]], ["term"])
    stop = stopword_terms(freq)
    yield schema.FREQUENCIES.file, freq
    return counts, stop


def round_floats(frame: pd.DataFrame, digits: int = 6) -> pd.DataFrame:
    """Round float columns so that CSVs do not carry platform-dependent last digits."""
    floats = frame.select_dtypes("float").columns
    return frame.assign(**{c: frame[c].round(digits) for c in floats})


def _read_optional_csv(path: Path, columns: list[str]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Rows (with their file line) of an optional context file of the corpus folder."""
    rows, problems = read_rows(path, columns, refuse_controls=True)
    return [(line, {c: row[c] for c in columns}) for line, row in rows], problems


def read_periods(root: Path) -> pd.DataFrame:
    """``periods.csv`` (optional): spans of time the charts shade, e.g. a Council term."""
    columns = ["start", "end", "label", "evidence"]
    path = root / "periods.csv"
    rows, problems = _read_optional_csv(path, columns)
    for line, row in rows:
        for col in ("start", "end"):
            if not ISO_DATE.match(row[col]) or not _is_day(row[col]):
                problems.append(Problem(display_path(path), f"{col} '{row[col]}' is not an ISO 8601 day", line))
        if not row["label"]:
            problems.append(Problem(display_path(path), "column 'label' is empty", line))
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame([r for _, r in rows], columns=columns)


def read_known_typos(root: Path, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """``known_typos.csv`` (optional): slips that stand in the texts as the sources give them (the
    authors', the record's or the scraping's), kept and located in the text."""
    path = root / "known_typos.csv"
    rows, problems = _read_optional_csv(path, ["doc_id", "text", "note"])
    located = []
    for line, row in rows:
        try:
            located.append({"doc_id": row["doc_id"], "paragraph": locate(paragraphs, row["doc_id"], row["text"]),
                            "text": row["text"], "note": row["note"]})
        except LookupError as err:
            problems.append(Problem(display_path(path), f"{err}: a known typo must stand, "
                                                        "unchanged, in exactly one cleaned paragraph", line))
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(located, columns=["doc_id", "paragraph", "text", "note"])


def _is_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def write_tables(tables: Mapping[str, pd.DataFrame] | Iterable[tuple[str, pd.DataFrame]], out: Path,
                 stamp: str | None = None) -> dict[str, int]:
    """Write every table to ``out`` at once: all of them, or (on any failure) none. Returns the
    number of rows of each.

    ``tables`` is a dict or pairs ``(file name, table)`` such as :func:`iter_tables` gives; each
    table is written to a staging folder as it comes and let go, by :func:`_write_table`: DuckDB
    writes each CSV with pandas' bytes, and the large tables (those declared also in Parquet,
    :data:`unscspeech.processed.schema.IN_PARQUET`) also as Parquet. ``stamp``, the digest of the inputs (see
    :mod:`unscspeech.processed.cache`), is written beside them."""
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = make_staging(out)
    pairs = iter(tables.items()) if isinstance(tables, Mapping) else iter(tables)
    headers: dict[str, pd.DataFrame] = {}  # each table's columns, for the descriptor
    rows: dict[str, int] = {}
    writer = Writer(staging)
    try:
        # Each table is let go once written, before the next is made: this loop holds only its name,
        # columns and length (a slice of it would keep its arrays alive).
        for name, columns, length in map(partial(_write_pair, folder=staging, con=writer.con), pairs):
            headers[name], rows[name] = pd.DataFrame(columns=columns), length
        writer.close()
        write_descriptor(headers, staging)
        if stamp:
            (staging / STAMP).write_text(stamp + "\n", encoding="utf-8")
        unmark(staging)
        if out.exists():
            retired = make_staging(out, "old")
            out.rename(retired / out.name)
            staging.rename(out)
            shutil.rmtree(retired)
        else:
            staging.rename(out)
    finally:
        writer.close()
        if staging.exists():
            shutil.rmtree(staging)
    return dict(sorted(rows.items()))


def _write_pair(pair: tuple[str, pd.DataFrame], folder: Path, con) -> tuple[str, pd.Index, int]:
    """Write one ``(file name, table)`` (:func:`_write_table`); its name, columns and number of rows."""
    name, frame = pair
    _write_table(name, frame, folder, con)
    return name, frame.columns, len(frame)


def _write_table(name: str, frame: pd.DataFrame, folder: Path, con) -> None:
    """One table as CSV (spreadsheet formulas made inert), and a large one also as Parquet. DuckDB
    writes the CSV wherever it gives pandas' bytes (:func:`engine_writes`), pandas elsewhere."""
    shown = neutralise_formulas(frame)
    table = declared(name)
    if engine_writes(shown):
        write_csv(shown, folder / name, con)
    else:
        shown.to_csv(folder / name, index=False, encoding="utf-8", lineterminator="\n")
    if "parquet" in table.formats:
        write_parquet(frame, folder / table.parquet_file, con)


def build(corpus_dir: Path | str, out: Path | str, force: bool = False) -> dict[str, int] | None:
    """Validate, clean and tokenise a corpus folder, then write its tables to ``out``, each as
    soon as it is made (:func:`iter_tables`). Returns the number of rows of each table.

    Returns ``None`` without writing anything when ``out`` already holds the tables of exactly
    these inputs (unless ``force``). ``out`` must be a folder a build may replace
    (:func:`unscspeech.processed.output_folder.check_output`), and no other build may be writing it."""
    check_output(corpus_dir, out)
    with output_lock(out):
        remove_stale_staging(out)
        digest = inputs_digest(corpus_dir)
        if not force and is_up_to_date(corpus_dir, out):
            return None
        map_large_blocks()  # before the workers are forked: they inherit it
        # A corpus large enough for the pool gets its workers before it is read (see shared_workers),
        # and after the lemma dictionary they all use is loaded, so that they share it.
        large = _documents_in(corpus_dir) >= MIN_PARALLEL_DOCUMENTS
        if large:
            load_lemma_dictionary()
        with shared_workers(start=large):
            return write_tables(iter_tables(load_corpus(corpus_dir)), Path(out), stamp=digest)


def _documents_in(corpus_dir: Path | str) -> int:
    """The number of raw texts, before the corpus is read (0 if there is no ``raw/``: reading it
    will say so)."""
    try:
        return sum(1 for _ in (Path(corpus_dir) / "raw").iterdir())
    except OSError:
        return 0
