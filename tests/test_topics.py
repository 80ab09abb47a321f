"""The repeated NMF check: its factorisations give the same table whether run one after another
or side by side on several processes."""

from __future__ import annotations

import pandas as pd
import pytest

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


def test_beyond_the_cap_every_run_fits_the_same_seeded_sample_of_paragraphs(tables):
    themes = load_codebook(DATA / "themes.yml")
    hits = find_hits(themes, tables["paragraphs.csv"])
    keys, _, matrix = topics._paragraph_matrix(tables["tokens.csv"])
    per_paragraph = topics._hits_per_paragraph(hits, keys, themes)
    cap = matrix.shape[0] // 3
    capped = topics.topic_stability(tables["tokens.csv"], hits, themes, topic_counts=(4,), seeds=(1,),
                                    n_jobs=1, max_paragraphs=cap)
    assert topics.stability_sample(capped) == (cap, matrix.shape[0])
    rows = topics.sample_rows(matrix.shape[0], cap)
    for run in [(4, "nndsvd", 0), (4, "random", 1)]:
        by_hand = topics._best_correlations(run, matrix[rows], per_paragraph.iloc[rows], themes)
        run_rows = capped[(capped["init"] == run[1]) & (capped["seed"] == run[2])].set_index("theme")["r"]
        assert run_rows.to_dict() == by_hand
    # The same sample on every call, and a cap at or above the paragraphs fits them all.
    again = topics.topic_stability(tables["tokens.csv"], hits, themes, topic_counts=(4,), seeds=(1,),
                                   n_jobs=1, max_paragraphs=cap)
    pd.testing.assert_frame_equal(again, capped)
    whole = topics.topic_stability(tables["tokens.csv"], hits, themes, topic_counts=(4,), seeds=(1,),
                                   n_jobs=1, max_paragraphs=matrix.shape[0])
    assert topics.stability_sample(whole) == (matrix.shape[0], matrix.shape[0])
    assert not whole["r"].equals(capped["r"])


def test_a_table_whose_runs_fitted_different_paragraphs_is_refused():
    stability = pd.DataFrame({"paragraphs": [10, 12], "of_paragraphs": [12, 12]})
    with pytest.raises(ValueError, match="different paragraphs"):
        topics.stability_sample(stability)
