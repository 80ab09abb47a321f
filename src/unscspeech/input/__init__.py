"""Input: a corpus folder read and validated (metadata, raw texts, the analysis choices beside
them), the UN Security Council Debates importer, and problems reported to people, not tracebacks."""
