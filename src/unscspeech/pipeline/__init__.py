"""Pipeline: raw text → clean paragraphs (every line logged) → sentences and words → terms → the
token table, from which the measures are made."""
