"""The values the key findings print, made once for the two pages that print them.

The introduction states the key findings and the conclusions weigh them; both print the same
counts, cosines and caveats, so both take them from here and cannot drift apart. Each page still
guards its own sentences with ``claim``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from unscspeech.book import certainty
from unscspeech.book.preamble import Text, and_list, plural
from unscspeech.book.findings import cica_mentions, headline, ranked_pairs, weighed
from unscspeech.book.selections import the_statements
from unscspeech.book.tables import Tables


@dataclass(frozen=True)
class Likeness:
    """Every pair of documents, most alike first, and the pair of statements at debates on prevention."""

    pairs: pd.DataFrame
    prevention_pair: pd.DataFrame  # one row, or none when the corpus has not two such statements
    unsure: pd.DataFrame  # the statements at debates on prevention whose agenda is a candidate or unknown


def likeness(tables: Tables) -> Likeness:
    """The ranked pairs, and the statements at debates on prevention (known by their agenda)."""
    docs = tables.documents
    statements = the_statements(docs)
    prevention = statements[statements["agenda"].fillna("").str.contains("prevention", case=False)]
    pairs = ranked_pairs(tables.similarity)
    pair = pairs[pairs["doc_a"].isin(prevention["doc_id"]) & pairs["doc_b"].isin(prevention["doc_id"])]
    return Likeness(pairs, pair, certainty.with_level(prevention, "agenda", ("candidate", "unknown")))


def headline_values(tables: Tables) -> dict[str, object]:
    """The values both pages print on any corpus, by glue name."""
    h = headline(tables)
    return {
        "n_docs": h["n_docs"], "n_statements": h["n_statements"],
        "first_year": Text(h["first_year"]), "last_year": Text(h["last_year"]),
        "cp_docs": h["prevention_docs"], "cica_docs": h["cica_docs"], "sd_docs": h["security_development_docs"],
        "n_weak": len(h["weak_priorities"]), "n_priorities": h["n_priorities"],
        "n_heavier": len(h["heavier_in_article"]),
        "weak_caveat": Text("" if len(h["weak_priorities_every_hit"]) == len(h["weak_priorities"]) else
                            f" ({len(h['weak_priorities_every_hit'])} if the words within the names of institutions "
                            "are counted too: the line is that close)"),
        "best_pair": Text(" and ".join(h["most_alike"])), "best_cos": h["most_alike_cosine"],
    }


def edition_values(tables: Tables) -> dict[str, object]:
    """The values both pages print about the edition's documents, by glue name (the pages' claims
    say which of them the prose relies on)."""
    w = weighed(tables)
    like = likeness(tables)
    candidates = certainty.with_level(tables.documents, "date", "candidate")
    unsure = and_list(like.unsure["label"])
    docs = tables.documents
    statements = the_statements(docs)
    naming_cica = statements[statements["doc_id"].isin(cica_mentions(tables)["doc_id"])]
    elsewhere = naming_cica[~naming_cica["agenda"].fillna("").str.contains("regional", case=False)]
    elsewhere_unsure = certainty.with_level(elsewhere, "agenda", ("candidate", "unknown"))
    if len(elsewhere) and len(elsewhere_unsure) == len(elsewhere):
        cica_agendas = Text(f"across genres and, if the candidate meeting of {and_list(elsewhere_unsure['label'])} "
                            "holds, across agendas")
    else:
        cica_agendas = Text("across agendas and genres" if len(elsewhere) else "across genres")
    recall = tables.recall.set_index("theme")
    nexus_recall = recall.loc["security_development"] if "security_development" in recall.index else None
    return {
        "cica_agendas": cica_agendas,
        "sd_recall": float(nexus_recall["recall"]) if nexus_recall is not None else float("nan"),
        "sd_recall_low": float(nexus_recall["recall_low"]) if nexus_recall is not None else float("nan"),
        "sd_recall_high": float(nexus_recall["recall_high"]) if nexus_recall is not None else float("nan"),
        "cp_on_agenda": w["prevention_on_agenda"],
        "cp_off_agenda": and_list(w["prevention_off_agenda"]),
        "cp_silent": and_list(w["prevention_silent"]),
        "cica_paras": plural(w["cica_paragraphs"], "paragraph"),
        "sd_paras": plural(w["nexus_paragraphs"], "paragraph"),
        "nexus_docs": w["nexus_docs"],
        "pairing_name_only": Text(f"{and_list(w['pairing_name_only'])}, where the words “security and development” "
                                  "stand only in the name of a proposed organization" if w["pairing_name_only"] else ""),
        "second_cos": float(like.pairs.iloc[1]["cosine"]) if len(like.pairs) > 1 else float("nan"),
        "lowest_cos": float(like.pairs["cosine"].min()),
        "prevention_pair_cos": float(like.prevention_pair["cosine"].iloc[0]) if len(like.prevention_pair) else float("nan"),
        "candidate_labels": and_list(candidates["label"]),
        "prevention_caveat": Text(f" ({unsure} among them only if its candidate meeting holds)" if len(like.unsure) else ""),
        "prevention_pair_caveat": Text(f" (if the candidate meeting of {unsure} holds)" if len(like.unsure) else ""),
    }
