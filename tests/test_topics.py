"""The repeated NMF check: its factorisations give the same table whether run one after another
or side by side on several processes."""

from __future__ import annotations

import pandas as pd

from conftest import DATA
from unscspeech.measures import topics
from unscspeech.measures.themes import find_hits, load_codebook


def test_topic_stability_on_several_processes_equals_the_serial_run(tables, monkeypatch):
    themes = load_codebook(DATA / "themes.yml")
    hits = find_hits(themes, tables["paragraphs.csv"])
    serial = topics.topic_stability(tables["tokens.csv"], hits, themes, topic_counts=(4, 6), seeds=(0, 1), n_jobs=1)
    # The book's corpus is below the size where the runs go parallel: lower the bar to send them.
    monkeypatch.setattr(topics, "PARALLEL_FROM_NONZEROS", 0)
    asked: list[int | None] = []
    spread = topics.map_in_order

    def recording(func, items, n_jobs=None, **kwargs):
        asked.append(n_jobs)
        return spread(func, items, n_jobs=n_jobs, **kwargs)

    monkeypatch.setattr(topics, "map_in_order", recording)
    parallel = topics.topic_stability(tables["tokens.csv"], hits, themes, topic_counts=(4, 6), seeds=(0, 1), n_jobs=2)
    pd.testing.assert_frame_equal(parallel, serial)
    assert len(serial) == 2 * 3 * len(themes)
    assert asked == [2]
