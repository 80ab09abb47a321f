"""The readings behind the book's checks: recall of the codebook, the repeated NMF check, the
article's self-reported record, and what the key findings count as argument."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA
from unscspeech.book.findings import weighed
from unscspeech.measures.actors import institution_names
from unscspeech.measures.themes import names_counted, outside_names
from unscspeech.input.problems import CorpusError
from unscspeech.measures.recall import read_judgements, recall_estimate, recall_sample, wilson
from unscspeech.measures.self_reports import check_self_reports, read_self_reports
from unscspeech.book.tables import as_tables
from unscspeech.measures.topics import EMERGES_AT, N_TOPICS, SEEDS, TOPIC_COUNTS, best_fits


def test_the_recall_reading_is_exactly_the_seeded_sample_of_unmatched_paragraphs(tables):
    judged = read_judgements(DATA / "theme_recall.csv")
    paragraphs, hits = tables["paragraphs.csv"], tables["theme_hits.csv"]
    for theme, read in judged.groupby("theme"):
        drawn = recall_sample(paragraphs, hits, theme, n=len(read), seed=0)
        assert list(zip(read["doc_id"], read["paragraph"])) == list(zip(drawn["doc_id"], drawn["paragraph"])), theme
    assert set(judged["theme"]) == set(tables["codebook.csv"]["theme"]), "every theme is read for recall"


def test_recall_refuses_a_matched_paragraph_judged_as_unmatched(tables):
    hits = tables["theme_hits.csv"]
    matched = hits[hits["theme"] == "peacekeeping"].iloc[0]
    judged = pd.DataFrame([["peacekeeping", matched["doc_id"], matched["paragraph"], "no", ""]],
                          columns=["theme", "doc_id", "paragraph", "about_theme", "note"])
    with pytest.raises(CorpusError, match="theme_recall.csv:0: paragraph .* is judged for recall but theme 'peacekeeping' matches it"):
        recall_estimate(judged, tables["paragraphs.csv"], hits, tables["codebook.csv"])


def test_recall_interval_brackets_the_estimate(tables):
    recall = tables["recall.csv"]
    assert len(recall) == len(tables["codebook.csv"])
    assert ((recall["recall_low"] <= recall["recall"]) & (recall["recall"] <= recall["recall_high"])).all()
    low, high = wilson(0, 4)
    assert low == 0 and 0.4 < high < 0.6, "no miss in four readings does not mean no miss"


def test_the_repeated_nmf_check_contains_the_books_run(tables):
    stability = tables["topic_stability.csv"]
    book = stability[(stability["n_topics"] == N_TOPICS) & (stability["init"] == "nndsvd")].set_index("theme")
    fits = best_fits(tables["topic_themes.csv"]).set_index("theme")
    assert book["r"].round(6).to_dict() == fits["r"].round(6).to_dict()
    runs = stability.groupby("theme").size()
    assert (runs == len(TOPIC_COUNTS) * (1 + len(SEEDS))).all()
    assert (stability["emerges"] == (stability["r"] >= EMERGES_AT)).all()
    # The seeded starts are not all the same solution: the check is really repeated.
    assert stability.groupby(["n_topics", "init", "seed"])["r"].apply(tuple).nunique() > len(TOPIC_COUNTS)


def test_every_self_report_is_quoted_from_the_article_and_searched_in_every_statement(tables):
    reports = read_self_reports(DATA / "self_reports.csv")
    checked = check_self_reports(reports, tables["paragraphs.csv"], tables["documents.csv"])
    assert (checked["article_paragraph"] > 0).all()
    silent = checked[checked["n_statements"] == 0]
    assert len(silent) >= 3, "the committees, the code of conduct and more are in no statement"
    bad = reports.assign(passage="Kazakhstan chaired every committee of the Council")
    with pytest.raises(CorpusError, match="self_reports.csv:2: passage .* must stand in one paragraph"):
        check_self_reports(bad.head(1), tables["paragraphs.csv"], tables["documents.csv"])


def test_a_name_that_contains_the_words_is_a_mention_not_an_argument(tables):
    hits, mentions = tables["theme_hits.csv"], tables["actor_mentions.csv"]
    prevention = hits[hits["theme"] == "conflict_prevention"]
    argued = outside_names(prevention, institution_names(mentions, tables["actors.csv"], tables["paragraphs.csv"]))
    paragraphs = tables["paragraphs.csv"].set_index(["doc_id", "paragraph"])["text"]
    dropped = prevention.drop(argued.index)
    assert len(dropped) > 0
    for hit in dropped.itertuples():
        around = paragraphs[(hit.doc_id, hit.paragraph)][max(0, hit.start - 40):hit.end + 20]
        assert "Regional Cent" in around, around
    assert weighed(as_tables(tables)).prevention_name_hits == len(dropped[dropped["doc_id"] != "2019-03-02-atamkulov"])


def test_only_an_institutions_name_holds_a_themes_words_and_its_acronym_goes_with_it(tables):
    """"Central Asia" in "the Central Asia region" and "Afghanistan" are the subjects themselves;
    "ECOWAS" after "Economic Community of West African States" is the same mention, set aside with
    it; and for the themes whose subject is institutions (regional organizations) names count."""
    hits, mentions = tables["theme_hits.csv"], tables["actor_mentions.csv"]
    names = institution_names(mentions, tables["actors.csv"], tables["paragraphs.csv"])
    counted = names_counted(tables["codebook.csv"])
    assert counted == {"regional_organizations", "confidence_building"}
    kept = outside_names(hits, names, counted)
    paragraphs = tables["paragraphs.csv"].set_index(["doc_id", "paragraph"])["text"]
    after = [paragraphs[(h.doc_id, h.paragraph)][h.end:h.end + 7] for h in kept.itertuples()]
    assert any(m == "Central Asia" and a == " region" for m, a in zip(kept["match"], after))
    assert (kept["match"] == "Afghanistan").sum() == (hits["match"] == "Afghanistan").sum() > 0
    before = [paragraphs[(h.doc_id, h.paragraph)][max(0, h.start - 2):h.start] for h in hits.itertuples()]
    bracketed = hits[(hits["match"] == "ECOWAS").to_numpy() & [b == " (" for b in before]]
    assert len(bracketed) > 0 and not bracketed.index.isin(kept.index).any()
    regional = hits[hits["theme"] == "regional_organizations"]
    assert regional.index.isin(kept.index).all() and regional["match"].str.contains("Union").any()
    dropped = hits.drop(kept.index)
    assert set(dropped["match"]) & {"Central Asia", "Africa", "African"}, "words inside the centre's and offices' names"
