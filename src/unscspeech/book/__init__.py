"""Book: what the chapters read (the processed tables, the headline findings), the charts split
by chapter, the exported figures, the explorer page and the Sphinx extensions of the build."""
