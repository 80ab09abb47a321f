"""Private speed code: what makes the build fast and small on a large corpus and nothing else.

The fast searches and counts (shared formulas, grouped alternations, DuckDB's n-gram counts and
table writer) each have a plain counterpart in the measures or in pandas, and the tests check
that they agree; the worker pool, the runs of consecutive rows and the memory release are
infrastructure, checked by the tests that the tables are the same whatever the number of workers."""
