"""What `build --out` may replace, one build per folder at a time, and nothing left behind."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, run_cli_in_process


def _refused(corpus: Path, out: str, cwd: Path, *expected: str) -> None:
    """`build --out OUT` fails with one line and touches nothing in ``cwd``'s tree."""
    before = _snapshot(cwd)
    result = run_cli("build", "--corpus", str(corpus), "--out", out, cwd=cwd)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.count("error:") == 1, result.stderr
    for text in expected:
        assert text in result.stderr, (text, result.stderr)
    assert _snapshot(cwd) == before, "a refused build must touch nothing"


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def test_the_corpus_folder_is_never_replaced(corpus):
    _refused(corpus, str(corpus), corpus.parent, "corpus: --out is the corpus folder or holds it")
    _refused(corpus, ".", corpus, ".: --out is the corpus folder or holds it")


def test_a_folder_holding_the_corpus_is_never_replaced(corpus):
    _refused(corpus, str(corpus.parent), corpus.parent, "--out is the corpus folder or holds it")


def test_the_raw_folder_is_never_replaced(corpus):
    _refused(corpus, str(corpus / "raw"), corpus.parent, "corpus/raw: --out lies inside the corpus's raw/ folder")


def test_a_file_is_never_replaced(corpus):
    (corpus.parent / "notes.txt").write_text("mine", encoding="utf-8")
    _refused(corpus, "notes.txt", corpus.parent, "notes.txt: --out is a file")


def test_a_folder_a_build_did_not_write_is_never_replaced(corpus):
    (corpus.parent / "thesis").mkdir()
    (corpus.parent / "thesis" / "chapter1.md").write_text("mine", encoding="utf-8")
    _refused(corpus, "thesis", corpus.parent, "thesis: --out is a folder that a build did not write")


def test_make_data_into_the_corpus_is_refused(corpus):
    """`make data PROCESSED=data`, with the corpus as CORPUS: the Makefile's own command is refused."""
    before = _snapshot(corpus)
    result = subprocess.run(["make", "-s", "data", f"CORPUS={corpus}", f"PROCESSED={corpus}", "STAMP=",
                             f"BIN={Path(sys.executable).parent}"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    assert "--out is the corpus folder or holds it" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(corpus) == before


def test_an_empty_folder_and_a_built_one_are_replaced(small_corpus, tmp_path, fewer_topic_fits):
    corpus, out = small_corpus, tmp_path / "out"
    out.mkdir()
    first = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), "--force", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (out / "inputs.sha256").is_file()


def test_a_second_build_into_a_locked_folder_is_told_so(corpus, tmp_path):
    from unscspeech.processed.output_folder import lock_path

    out = tmp_path / "out"
    with open(lock_path(out), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # flock: a second open of the lock file conflicts, in this process as in another.
        result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert "out: another build is writing this folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_stale_staging_of_this_output_is_cleared_and_nothing_else(small_corpus, tmp_path):
    from unscspeech.processed.output_folder import make_staging

    corpus = small_corpus

    out = tmp_path / "out"
    stale = [make_staging(out), make_staging(out, "old")]
    (stale[0] / "tokens.csv").write_text("half a table", encoding="utf-8")
    other_output = make_staging(tmp_path / "out-old")  # another output whose name starts alike
    not_a_build = tmp_path / ".out-mine"
    not_a_build.mkdir()
    (not_a_build / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not any(p.exists() for p in stale)
    assert other_output.is_dir() and (not_a_build / "keep.txt").is_file()
    assert not (out / ".unscspeech-staging").exists()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_of_a_killed_build_end_with_it(synthetic_corpus, tmp_path):
    corpus = synthetic_corpus(60, 300)  # enough documents for the build to start its workers
    build = subprocess.Popen([sys.executable, "-m", "unscspeech", "build", "--corpus", str(corpus),
                              "--out", str(tmp_path / "out")], cwd=tmp_path, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "UNSCSPEECH_JOBS": "2"})
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
            workers = _children(build.pid)
            time.sleep(0.05)
        assert len(workers) == 2, "the build did not start its two workers"
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 60
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their build"
    finally:
        if build.poll() is None:
            build.kill()
        for worker in workers:
            if _alive(worker):
                os.kill(worker, signal.SIGKILL)


def test_a_failed_build_leaves_no_lock_and_no_folder_behind(corpus, tmp_path):
    (corpus / "raw" / "000_b4f7bfe2873aecfa.txt").write_bytes(b"")
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(tmp_path / "new" / "out"),
                                cwd=tmp_path)
    assert result.returncode == 2
    assert not (tmp_path / "new").exists()


def test_the_working_folder_is_never_replaced_even_when_empty(corpus, tmp_path):
    here = tmp_path / "work" / "empty"
    here.mkdir(parents=True)
    _refused(corpus, ".", here, ".: --out is the working folder or holds it")
    _refused(corpus, "..", here, "..: --out is the working folder or holds it")


def test_make_clean_removes_only_a_folder_of_tables(corpus):
    """`make clean PROCESSED=DIR` removes DIR only if a build wrote it: never the corpus."""
    tmp = corpus.parent
    before = _snapshot(corpus)
    make = ["make", "-s", "-C", str(tmp), "-f", str(ROOT / "Makefile"), "clean"]
    refused = subprocess.run([*make, "PROCESSED=corpus"], capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "error: corpus: not a folder of tables a build wrote" in refused.stderr
    assert _snapshot(corpus) == before
    (tmp / "tables").mkdir()
    (tmp / "tables" / "inputs.sha256").write_text("0" * 64 + "\n", encoding="utf-8")
    done = subprocess.run([*make, "PROCESSED=tables"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not (tmp / "tables").exists() and _snapshot(corpus) == before
