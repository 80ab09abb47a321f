"""Processed tables: declared once (:mod:`~unscspeech.processed.schema`), built from the measures
(:mod:`~unscspeech.processed.build`) and written atomically with their data package, into an output
folder that only a build may replace; a build is skipped when its inputs have not changed."""
