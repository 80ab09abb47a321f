"""Skip a build whose inputs have not changed.

The processed tables are a pure function of the corpus folder (raw files, metadata, word
lists, codebook, gazetteer, stance markers, periods and known slips) and of the code that
computes them. :func:`inputs_digest` hashes all of these: every file of the corpus folder and
of its ``raw/``, by name and content, plus the source of every module of this package (its
version number alone would miss a change made between releases). ``build`` writes the digest
beside the tables as ``inputs.sha256``; when the digest is unchanged and every table is
there, the tables are up to date and nothing is rebuilt.

This module imports nothing heavy, so that the up-to-date check of ``make data`` is quick.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import unscspeech

STAMP = "inputs.sha256"
#: Every table ``build`` writes (as NAME.csv), which is what the chapters read.
TABLES = ("documents", "paragraphs", "sentences", "tokens", "cleaning_log", "periods", "known_typos",
          "frequencies", "keyness", "dispersion", "collocations", "lexdiv", "codebook", "theme_checks", "theme_hits", "themes",
          "theme_cooccurrence", "similarity", "shared_phrases", "topics", "topic_themes", "gazetteer", "actors",
          "actor_mentions", "actor_network", "acronyms", "stance", "stance_hits", "stance_markers", "robustness",
          "robustness_lists")


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def inputs_digest(corpus: Path | str) -> str:
    """One SHA-256 of the corpus folder's files, its raw texts and this package's source."""
    corpus = Path(corpus)
    digest = hashlib.sha256(f"unscspeech {unscspeech.__version__}\n".encode())
    package = Path(unscspeech.__file__).parent
    for label, files in (("corpus", _files(corpus)), ("raw", _files(corpus / "raw")),
                         ("package", sorted(package.glob("*.py")))):
        for path in files:
            digest.update(f"{label}/{path.name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def is_up_to_date(corpus: Path | str, out: Path | str, tables: tuple[str, ...] = TABLES) -> bool:
    """Whether ``out`` holds every table, built from exactly these inputs."""
    out = Path(out)
    stamp = out / STAMP
    if not stamp.is_file() or not all((out / f"{t}.csv").is_file() for t in tables):
        return False
    return stamp.read_text(encoding="utf-8").strip() == inputs_digest(corpus)
