"""unscspeech: a small, tested toolkit for studying UN Security Council speeches.

The package is generic (any member state, any corpus folder holding ``metadata.csv`` and
``raw/``); the book in this repository applies it to Kazakhstan. Its subpackages follow the flow:

- :mod:`unscspeech.input`     reads and validates a corpus folder, and imports other corpora;
- :mod:`unscspeech.pipeline`  cleans the raw text and makes sentences, words, terms and the token table;
- :mod:`unscspeech.measures`  computes what the book reports, each measure's plain definition beside any fast path;
- :mod:`unscspeech.processed` declares the processed tables and builds and writes them atomically;
- :mod:`unscspeech.book`      is what the chapters import: the typed tables, the charts, the figures;
- :mod:`unscspeech._engine`   is private speed code (DuckDB writer and counts, worker pool, fast searches);
- :mod:`unscspeech.cli`       is the command line (``python -m unscspeech``).
"""

__version__ = "0.1.0"
