"""Pipeline: raw text → clean paragraphs (every line logged) → sentences and words → terms → the
token table, and the build that writes every processed table atomically with its data package."""
