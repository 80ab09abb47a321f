"""The collocations' documents counted a part of the token table at a time are those counted at once."""

from __future__ import annotations

import pandas as pd
import pytest

from test_scaling import STOP, WORDS, random_tokens
from unscspeech._engine import duckdb_tables
from unscspeech.measures.collocations import collocation_table


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("tokens_at_once", [1, 40, 100])
def test_collocations_counted_in_parts_of_the_documents_equal_those_counted_at_once(seed, tokens_at_once, monkeypatch):
    tokens = random_tokens(seed, n_docs=8, words=WORDS + ["Peace", "SECURITY"])
    tokens = tokens.astype({"doc_id": "category", "token": "category"})
    whole = collocation_table(tokens, STOP, 2)
    monkeypatch.setattr(duckdb_tables, "TOKENS_AT_ONCE", tokens_at_once)
    parts = duckdb_tables._parts(tokens["doc_id"].cat.codes.to_numpy(), tokens_at_once)
    assert len(parts) > 1 and parts[0][0] == 0 and parts[-1][1] == len(tokens)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    in_parts = collocation_table(tokens, STOP, 2)
    assert len(whole) > 0 and (whole["n_docs"] > 1).any()
    pd.testing.assert_frame_equal(in_parts, whole)


def test_a_document_whose_rows_are_not_consecutive_is_counted_once(monkeypatch):
    tokens = random_tokens(1, n_docs=4, words=WORDS).astype({"doc_id": "category", "token": "category"})
    first = tokens["doc_id"] == tokens["doc_id"].iloc[0]
    # The first document's rows split in two, the others between them.
    half = first[first].index[len(first[first].index) // 2]
    interleaved = pd.concat([tokens.loc[first & (tokens.index < half)], tokens.loc[~first],
                             tokens.loc[first & (tokens.index >= half)]], ignore_index=True)
    assert duckdb_tables._parts(interleaved["doc_id"].cat.codes.to_numpy(), 1) == [(0, len(interleaved))]
    whole = collocation_table(interleaved, STOP, 2)
    monkeypatch.setattr(duckdb_tables, "TOKENS_AT_ONCE", 1)
    pd.testing.assert_frame_equal(collocation_table(interleaved, STOP, 2), whole)
