"""The book's charts, one module per chapter, in one colour-blind-safe Altair theme (:mod:`.theme`).

Every chart has a title, axis titles, tooltips and a ``description``, read out as the chart's
alternative text by the offline renderer. Functions take the processed tables and return an
``alt.Chart``; they compute nothing the tables do not already hold beyond reshaping, and they name
nothing by hand, so the same code draws any corpus. Importing this package registers and enables
the theme.
"""

from unscspeech.book.charts import style as _style  # noqa: F401  (registers and enables the theme)
