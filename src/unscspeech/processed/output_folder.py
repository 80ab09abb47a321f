"""Where ``build`` may write, and one build at a time per output folder.

``build --out PATH`` replaces PATH as a whole, so it must never be pointed at anything but tables:
:func:`check_output` allows only a folder a build wrote (it holds ``inputs.sha256``), an empty
folder or a path that does not exist yet, and never the corpus folder, a folder that contains it or
the corpus's ``raw/``. :func:`output_lock` keeps a second build out of a folder one is writing, and
:func:`remove_stale_staging` clears the staging folders of builds that were killed before they
could clean up (each is marked as a build's own, so nothing else is ever removed).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from unscspeech.processed.cache import STAMP
from unscspeech.input.problems import CorpusError, Problem, display_path

#: The file in every staging folder a build makes; it holds the name of the output it is for.
STAGING_MARK = ".unscspeech-staging"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(corpus_dir: Path | str, out: Path | str) -> None:
    """Raise :class:`CorpusError` unless ``out`` is a folder ``build`` may replace.

    ``build`` moves ``out`` aside and deletes it once the new tables are in place, so only what a
    build wrote (or nothing) may stand there: a symbolic link, a file, a non-empty folder without
    ``inputs.sha256``, the corpus folder, any folder holding it, ``raw/``, and the working folder
    or any folder holding it (moving it aside would leave the user in a deleted folder) are refused."""
    out = Path(out)
    shown = display_path(out)
    if out.is_symlink():
        raise CorpusError([Problem(shown, "--out is a symbolic link; give the folder itself")])
    try:
        target, corpus = out.resolve(), Path(corpus_dir).resolve()
        if _inside(corpus, target):
            raise CorpusError([Problem(shown, "--out is the corpus folder or holds it; the build replaces "
                                              "--out as a whole, so choose a folder of its own "
                                              f"(e.g. {display_path(Path(corpus_dir) / 'processed')})")])
        if _inside(Path.cwd().resolve(), target):
            raise CorpusError([Problem(shown, "--out is the working folder or holds it; the build replaces "
                                              "--out as a whole, so choose a folder of its own")])
        if _inside(target, corpus / "raw"):
            raise CorpusError([Problem(shown, "--out lies inside the corpus's raw/ folder; choose a folder "
                                              "of its own")])
        if out.exists() and not out.is_dir():
            raise CorpusError([Problem(shown, "--out is a file, not a folder; the build will not replace it")])
        if out.is_dir() and not (out / STAMP).is_file() and any(out.iterdir()):
            raise CorpusError([Problem(shown, f"--out is a folder that a build did not write (it has no {STAMP}) "
                                              "and is not empty; the build replaces --out as a whole, so give "
                                              "an empty or new folder")])
    except OSError as err:
        raise CorpusError([Problem(shown, f"--out cannot be checked ({err.strerror or err})")]) from err


def lock_path(out: Path | str) -> Path:
    """The lock file of an output folder: hidden, beside it (the folder itself is replaced)."""
    out = Path(out).absolute()
    return out.parent / f".{out.name}.lock"


@contextlib.contextmanager
def output_lock(out: Path | str) -> Iterator[None]:
    """Hold the lock of ``out`` for the duration; :class:`CorpusError` at once if a build holds it.

    The lock file is removed (while still locked) when the build ends, and any folder made only
    to hold it, so that a failed build leaves nothing behind. A build that opened the file just
    before it was removed finds the lock it took no longer at the path, and tries again."""
    import fcntl

    path = lock_path(out)
    made = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = open(path, "a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise CorpusError([Problem(display_path(Path(out)), "another build is writing this folder "
                                                                 f"(it holds {display_path(path)}); wait for "
                                                                 "it to finish")]) from None
        try:
            if os.path.samestat(os.fstat(handle.fileno()), os.stat(path)):
                break
        except FileNotFoundError:
            pass
        handle.close()
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        handle.close()
        for folder in made:
            try:
                folder.rmdir()
            except OSError:
                break


def make_staging(out: Path, kind: str = "") -> Path:
    """A new hidden staging folder beside ``out`` (``.NAME-xxxx``, or ``.NAME-old-xxxx`` for the
    folder the old tables are moved into), marked as this build's for :func:`remove_stale_staging`."""
    prefix = f".{out.name}-{kind + '-' if kind else ''}"
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent))
    (staging / STAGING_MARK).write_text(out.name + "\n", encoding="utf-8")
    return staging


def remove_stale_staging(out: Path | str) -> list[Path]:
    """Delete the staging folders that builds into ``out`` made and left behind; return them.

    Call only while holding :func:`output_lock`, so that no running build's staging is taken. Only
    folders beside ``out`` marked by :func:`make_staging` for this very output are removed."""
    out = Path(out).absolute()
    removed = []
    if not out.parent.is_dir():
        return removed
    for path in sorted(out.parent.glob(f".{out.name}-*")):
        mark = path / STAGING_MARK
        if path.is_dir() and not path.is_symlink() and mark.is_file() \
                and mark.read_text(encoding="utf-8").strip() == out.name:
            shutil.rmtree(path)
            removed.append(path)
    return removed


def unmark(staging: Path) -> None:
    """Remove the staging mark from a folder about to become the output."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(staging / STAGING_MARK)
