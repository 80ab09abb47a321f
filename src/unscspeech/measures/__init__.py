"""Measures: what the book computes from the token table and the paragraphs: vocabulary and
dispersion, keyness, collocations, similarity and shared formulas, themes, actors, stance,
topics and the robustness checks. Each module opens with its measure's plain definition."""
