# Two commands for readers and CI: `make book` and `make test`. Each creates .venv on a fresh
# machine (Python 3.11), installs the pinned requirements and then does its job. For researchers:
# `make lab` (JupyterLab, the chapters opening as notebooks), `make chapter NAME=themes` and
# `make test-fast` (the tests without the book build and the browser).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make book CORPUS=DIR` builds the book on another corpus folder (e.g. one made by
# `python -m unscspeech import-unsc-debates`). Its tables replace those in data/processed, which
# the chapters and their download links read; `make book` alone rebuilds the edition's.
CORPUS ?= data
PROCESSED ?= data/processed
export UNSCSPEECH_PROCESSED := $(abspath $(PROCESSED))

LAB_STAMP := $(VENV)/.lab-installed
# The page `make chapter` runs (a name from _toc.yml, e.g. themes), and where its notebook goes.
NAME ?=
CHAPTERS_OUT ?= _build/chapters

.PHONY: book test test-fast data figures clean venv constraints lab chapter

venv: $(STAMP)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

data: $(STAMP)
	$(BIN)/python -m unscspeech build --corpus $(CORPUS) --out $(PROCESSED)

# The extension unscspeech.book.sphinx_offline writes _static/vega-bundle.js and switches the
# chapters to the offline chart renderer during the build.
book: data
	$(BIN)/jupyter-book build . -W -n --keep-going

# Every figure as PNG and SVG (the book build also does this when its inputs change).
figures: data
	$(BIN)/python -m unscspeech figures --processed $(PROCESSED) --out figures

# On every core (pytest-xdist): each test module runs on one worker, and the modules that need the
# built book or a browser all on the same one (tests/conftest.py: BOOK_MODULES), which builds the
# book once while the others run everything else. The docstring examples of src/unscspeech run too.
TEST_PARALLEL := -n auto --dist loadfile
test: data
	$(BIN)/python -m pytest $(TEST_PARALLEL)

# Everything but the book build, the browser and the full-size runs marked `slow` (each of which a
# quicker test also checks): the quick check while working. Its tests are handed out one at a time
# (worksteal), which balances the workers better than whole files; the book's tests, which share
# one build behind a lock, are not among them.
test-fast: data
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not book and not browser and not slow"

# One chapter executed against the processed tables, without Sphinx: its notebook, with outputs,
# in $(CHAPTERS_OUT)/NAME.ipynb. A NAME that is no page of the book lists the pages (exit 2).
chapter: data
	$(BIN)/python -m unscspeech.book.chapter "$(NAME)" --out $(CHAPTERS_OUT)

# JupyterLab from requirements-lab.txt, in the same .venv; the chapters open as notebooks
# (jupytext's view as the default for Markdown: `python -m unscspeech.book.lab`).
$(LAB_STAMP): $(STAMP) requirements-lab.txt
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	$(BIN)/python -m unscspeech.book.lab
	touch $@

# JupyterLab refuses to run as root (as in a container) unless told it may.
lab: $(LAB_STAMP) data
	$(BIN)/jupyter lab $$(test "$$(id -u)" = 0 && echo --allow-root)

constraints: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | sed '1i # The full transitive set, pinned (pip freeze of a working .venv). Regenerate with `make constraints`.' > constraints.txt

# Removes $(PROCESSED) only if a build wrote it (it holds inputs.sha256): `make clean PROCESSED=data`
# must not delete the corpus.
clean:
	@test ! -e "$(PROCESSED)" || test -f "$(PROCESSED)/inputs.sha256" || \
		{ echo "error: $(PROCESSED): not a folder of tables a build wrote (no inputs.sha256); not removed" >&2; exit 2; }
	rm -rf _build .jupyter_cache $(PROCESSED) _static/vega-bundle.js _static/figures figures .pytest_cache
