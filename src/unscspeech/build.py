"""Build the processed tables of a corpus and write them atomically.

``build_tables`` is pure (corpus in, data frames out) so tests and chapters can
call it; ``write_tables`` writes every CSV into a temporary folder and swaps it
into place only when all succeeded, so a failed build never leaves half a set
of tables behind. Output is deterministic: sorted rows, fixed column order,
UTF-8 and ``\\n`` line ends.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from unscspeech.clean import CleanDocument, clean_document
from unscspeech.corpus import Corpus, load_corpus
from unscspeech.problems import CorpusError, Problem, display_path
from unscspeech.tokens import split_sentences, train_sentence_splitter, types, words

COUNT_COLUMNS = ["speaker_header", "sha256", "n_paragraphs", "n_sentences", "n_tokens", "n_types"]
LOG_COLUMNS = ["doc_id", "line_start", "line_end", "action", "rule", "before", "after", "paragraph"]


def clean_corpus(corpus: Corpus) -> list[CleanDocument]:
    """Clean every document; raise :class:`CorpusError` if any header contradicts the metadata."""
    cleaned = [clean_document(doc) for doc in corpus.documents]
    problems = [p for c in cleaned for p in c.problems]
    problems += [
        _empty_problem(doc) for doc, c in zip(corpus.documents, cleaned) if not c.paragraphs
    ]
    if problems:
        raise CorpusError(problems)
    return cleaned


def _empty_problem(doc) -> Problem:
    return Problem(display_path(doc.path), "no body text is left once the cleaning rules ran")


def build_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """All processed tables of a validated corpus, keyed by file name."""
    cleaned = clean_corpus(corpus)
    splitter = train_sentence_splitter(p for c in cleaned for p in c.paragraphs)
    doc_rows, para_rows, sent_rows, log_rows = [], [], [], []
    for doc, clean in zip(corpus.documents, cleaned):
        doc_tokens: list[str] = []
        n_sentences = 0
        for number, text in enumerate(clean.paragraphs, start=1):
            para_rows.append({"doc_id": doc.doc_id, "paragraph": number, "text": text})
            for s_number, sentence in enumerate(split_sentences(splitter, text), start=1):
                sent_rows.append({"doc_id": doc.doc_id, "paragraph": number,
                                  "sentence": s_number, "text": sentence})
                n_sentences += 1
            doc_tokens += words(text)
        doc_rows.append({
            **{col: doc.meta.get(col, "") for col in corpus.columns},
            "speaker_header": clean.speaker_header,
            "sha256": doc.sha256,
            "n_paragraphs": len(clean.paragraphs),
            "n_sentences": n_sentences,
            "n_tokens": len(doc_tokens),
            "n_types": len(types(doc_tokens)),
        })
        log_rows += clean.log
    documents = pd.DataFrame(doc_rows, columns=list(corpus.columns) + COUNT_COLUMNS)
    documents = documents.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
    order = {d: i for i, d in enumerate(documents["doc_id"])}

    def in_doc_order(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        frame = frame.assign(_order=frame["doc_id"].map(order))
        return frame.sort_values(["_order", *keys], kind="stable").drop(columns="_order").reset_index(drop=True)

    return {
        "documents.csv": documents,
        "paragraphs.csv": in_doc_order(pd.DataFrame(para_rows, columns=["doc_id", "paragraph", "text"]),
                                       ["paragraph"]),
        "sentences.csv": in_doc_order(pd.DataFrame(sent_rows, columns=["doc_id", "paragraph", "sentence", "text"]),
                                      ["paragraph", "sentence"]),
        "cleaning_log.csv": in_doc_order(pd.DataFrame(log_rows, columns=LOG_COLUMNS), []),
    }


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Write every table to ``out`` at once: all of them, or (on any failure) none."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for name, frame in sorted(tables.items()):
            frame.to_csv(staging / name, index=False, encoding="utf-8", lineterminator="\n")
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            out.rename(retired / out.name)
            staging.rename(out)
            shutil.rmtree(retired)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def build(corpus_dir: Path | str, out: Path | str) -> dict[str, pd.DataFrame]:
    """Validate, clean and tokenise a corpus folder, then write its tables to ``out``."""
    tables = build_tables(load_corpus(corpus_dir))
    write_tables(tables, Path(out))
    return tables
