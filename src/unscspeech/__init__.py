"""unscspeech: a small, tested toolkit for studying UN Security Council speeches.

The package is generic (any member state, any corpus folder holding
``metadata.csv`` and ``raw/``); the book in this repository applies it to
Kazakhstan. Modules each do one job:

- :mod:`unscspeech.corpus`  reads and validates a corpus folder;
- :mod:`unscspeech.clean`   turns raw lines into paragraphs, logging every rule;
- :mod:`unscspeech.tokens`  splits sentences and words with NLTK tools that need no downloads;
- :mod:`unscspeech.build`   writes the processed tables atomically;
- :mod:`unscspeech.charts`  draws the book's charts in one colour-blind-safe theme;
- :mod:`unscspeech.offline` makes those charts render with no network;
- :mod:`unscspeech.book`    is the preamble the chapters import;
- :mod:`unscspeech.cli`     is the command line (``python -m unscspeech``).
"""

__version__ = "0.1.0"
