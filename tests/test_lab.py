"""`make lab`: JupyterLab's default view of the chapters' Markdown is jupytext's notebook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from unscspeech.book.lab import DOCMANAGER, JUPYTEXT_NOTEBOOK, NOTEBOOK_FILE_TYPES, main, overrides_path


def _jupytext_extension() -> str:
    """The JavaScript of the JupyterLab extension that the pinned jupytext installs."""
    static = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyterlab-jupytext" / "static"
    return "".join(path.read_text(encoding="utf-8") for path in sorted(static.glob("*.js")))


def test_the_overrides_name_the_view_and_file_types_jupytext_registers():
    code = _jupytext_extension()
    assert f'FACTORY="{JUPYTEXT_NOTEBOOK}"' in code
    for kind in NOTEBOOK_FILE_TYPES:
        assert f'"{kind}"' in code


def test_the_overrides_are_written_where_jupyterlab_reads_them(tmp_path, capsys):
    assert main([str(tmp_path)]) == 0
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "unscspeech.json"
    assert overrides_path(tmp_path) == path and str(path) in capsys.readouterr().out
    viewers = json.loads(path.read_text(encoding="utf-8"))[DOCMANAGER]["defaultViewers"]
    assert viewers == {"markdown": JUPYTEXT_NOTEBOOK, "myst": JUPYTEXT_NOTEBOOK}


def test_jupyterlab_reads_the_overrides(tmp_path):
    """Where `make lab` has installed JupyterLab, its settings server finds the default viewers."""
    import pytest

    settings = pytest.importorskip("jupyterlab_server.settings_utils",
                                   reason="JupyterLab is installed by `make lab` only")
    main([str(tmp_path)])
    found, error = settings._get_overrides(str(tmp_path / "share" / "jupyter" / "lab" / "settings"))
    assert error == ""
    assert found[DOCMANAGER]["defaultViewers"]["markdown"] == JUPYTEXT_NOTEBOOK
