"""unscspeech: a small, tested toolkit for studying UN Security Council speeches.

The package is generic (any member state, any corpus folder holding ``metadata.csv`` and
``raw/``); the book in this repository applies it to Kazakhstan. Its subpackages follow the flow:

- :mod:`unscspeech.input`     reads and validates a corpus folder, and imports other corpora;
- :mod:`unscspeech.pipeline`  cleans, tokenises and writes the processed tables atomically;
- :mod:`unscspeech.measures`  computes what the book reports, each measure defined plainly first;
- :mod:`unscspeech.book`      is what the chapters import: the tables, the charts, the figures;
- :mod:`unscspeech._engine`   is private speed code (worker pool, row runs, memory release);
- :mod:`unscspeech.cli`       is the command line (``python -m unscspeech``).
"""

__version__ = "0.1.0"
