"""Skip a build whose inputs have not changed.

The processed tables are a pure function of the corpus folder (raw files, metadata, word
lists, codebook, gazetteer, stance markers, periods, known slips and reading checks) and of the code that
computes them. :func:`inputs_digest` hashes all of these: every file of the corpus folder the
build reads and every file of its ``raw/``, by name and content, plus the source of every module
of this package (its version number alone would miss a change made between releases) and the
versions of the installed packages that shape the tables (:data:`SHAPING_PACKAGES`). ``build`` writes the digest
beside the tables as ``inputs.sha256``; when the digest is unchanged and every table its
``datapackage.json`` lists is there, the tables are up to date and nothing is rebuilt.

This module imports nothing heavy, so that the up-to-date check of ``make data`` is quick.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import unscspeech
from unscspeech.input.corpus import CORPUS_FILES, raw_files

STAMP = "inputs.sha256"
#: The installed packages whose behaviour shapes the tables (tokenising, lemmas, statistics, reading
#: the codebook, pattern matching); a change of any version may change a table.
SHAPING_PACKAGES = ("nltk", "simplemma", "scikit-learn", "pandas", "numpy", "scipy", "PyYAML", "regex", "duckdb")


def package_versions(names: tuple[str, ...] = SHAPING_PACKAGES) -> dict[str, str]:
    """The installed version of each package (``"absent"`` where it is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for name in names:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "absent"
    return versions


def digest_files(corpus: Path | str) -> list[tuple[str, Path]]:
    """``(label, path)`` of every file the digest covers: those of the corpus folder the build reads
    (:data:`unscspeech.input.corpus.CORPUS_FILES` and every file of ``raw/``) and this package's source."""
    corpus = Path(corpus)
    package = Path(unscspeech.__file__).parent
    return ([("corpus", corpus / name) for name in CORPUS_FILES if (corpus / name).is_file()]
            + [("raw", path) for path in raw_files(corpus)]
            + [(_package_label(path.relative_to(package)), path) for path in sorted(package.rglob("*.py"))])


def _package_label(relative: Path) -> str:
    """``package`` and the subpackage a source file is in, so that files of one name in two subpackages differ."""
    return "/".join(("package", *relative.parent.parts))


def inputs_digest(corpus: Path | str) -> str:
    """One SHA-256 of the files the build reads, this package's source and the versions of the
    packages that shape the tables."""
    digest = hashlib.sha256(f"unscspeech {unscspeech.__version__}\n".encode())
    for name, installed in package_versions().items():
        digest.update(f"package {name}=={installed}\n".encode())
    for label, path in digest_files(corpus):
        digest.update(f"{label}/{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def is_up_to_date(corpus: Path | str, out: Path | str) -> bool:
    """Whether ``out`` holds every table, built from exactly these inputs.

    The tables are those its ``datapackage.json`` lists: the build that wrote the stamp wrote that
    descriptor from the declaration of the tables (:mod:`unscspeech.processed.schema`), and the
    digest covers this package's source, so an unchanged digest means an unchanged list of tables."""
    out = Path(out)
    stamp, descriptor = out / STAMP, out / "datapackage.json"
    if not stamp.is_file() or not descriptor.is_file():
        return False
    try:
        listed = [resource["path"] for resource in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]]
    except (ValueError, KeyError, TypeError):
        return False
    if not listed or not all((out / path).is_file() for path in listed):
        return False
    return stamp.read_text(encoding="utf-8").strip() == inputs_digest(corpus)
