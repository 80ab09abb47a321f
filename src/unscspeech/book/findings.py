"""The book's headline numbers, computed once for the landing page and the conclusions.

Each value is derived from the processed tables by the same functions the chapters
use; the prose that states a finding guards it with ``claim`` where it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from unscspeech.book.selections import (debates_on, except_documents, interpreted_statements, of_documents,
                                         the_articles, the_statements)
from unscspeech.book.tables import Tables
from unscspeech.measures.actors import institution_names
from unscspeech.measures.keyness import key_terms
from unscspeech.measures.vocabulary import stopword_terms
from unscspeech.measures.themes import (Theme, inside_names, names_counted, outside_names, priority_coverage,
                                        theme_counts)


@dataclass(frozen=True)
class Headline:
    """The numbers and labels behind the key findings, on any corpus (the article's ``None`` without one)."""

    n_docs: int
    n_statements: int
    first_year: int
    last_year: int
    n_tokens: int
    prevention_docs: int  # statements that argue for prevention (hits within names set aside)
    prevention_hits: int
    prevention_silent: list[str]  # labels of the statements that do not
    cica_docs: int  # documents that name CICA, as the actor tables count it
    security_development_docs: int  # documents of the collocation "security and development"
    weak_priorities: list[str]  # priorities whose share in the statements is under half the article's
    heavier_in_article: list[str]  # priorities whose share in the statements is under the article's
    n_priorities: int
    most_alike: tuple[str, str]  # labels of the most alike pair of documents
    most_alike_cosine: float
    article_label: str | None
    article_key_terms: list[str] | None  # the article's first five key terms, stopwords apart


@dataclass(frozen=True)
class Weighed:
    """The evidence behind each key finding, for weighing it: which documents and paragraphs carry
    it, and how the debates' agendas, genre and translation line up with it (labels, not ids)."""

    prevention_docs: int
    prevention_paragraphs: int
    prevention_name_hits: int  # prevention hits in the statements that stand within a name
    prevention_on_agenda: int  # statements arguing for prevention at a debate whose agenda names it
    prevention_off_agenda: list[str]
    prevention_silent: list[str]
    prevention_silent_agendas: list[str]
    # The statements' prevention paragraphs by where they were spoken: at a debate on prevention and
    # regional organizations alike, at a debate on prevention only, at a debate on neither.
    prevention_paragraphs_both: int
    prevention_paragraphs_prevention_only: int
    prevention_paragraphs_elsewhere: int
    regional_docs: int
    regional_paragraphs: int
    regional_on_agenda_paragraphs: int  # in the statements at debates on regional organizations
    regional_agenda_statements: int
    regional_elsewhere_paragraphs: int  # in the statements at debates on other subjects
    regional_elsewhere: list[str]
    regional_article_paragraphs: int  # in the articles
    both_agendas: list[str]  # statements at a debate on regional organizations and on prevention alike
    cica_paragraphs: int
    nexus_docs: int
    regional_name_paragraphs: int  # regional paragraphs whose only hits stand within a name
    pairing_words_docs: int  # documents where the words "security and development" stand
    pairing_name_only: list[str]  # of those, the ones where they stand only in a name
    nexus_paragraphs: int
    interpreted: list[str]  # statements whose English is the UN's interpretation
    n_articles: int


def headline(tables: Tables) -> Headline:
    """Numbers and labels behind the key findings, on any corpus (article values ``None`` without one)."""
    docs = tables.documents
    labels = docs.set_index("doc_id")["label"]
    statements = the_statements(docs)
    articles = the_articles(docs)
    article = articles.iloc[0] if len(articles) else None
    # Prevention as argued: hits inside a name (the Regional Centre for Preventive Diplomacy) are mentions.
    argued = argued_hits(tables)
    argued = argued[argued["theme"] == "conflict_prevention"]
    prevention = (argued.groupby("doc_id").size().reindex(statements["doc_id"], fill_value=0)
                  .rename("hits").reset_index())
    # Naming is what the actor tables count (a list of bodies chaired names CICA without arguing for it,
    # so the theme's hits leave it out): the same number as the Actors chapter's.
    cica = cica_mentions(tables)
    colloc = tables.collocations.set_index("ngram")
    coverage = priorities(tables)
    weak = coverage[coverage["statement_share"] < coverage["article_share"] / 2]
    heavier = coverage[coverage["statement_share"] < coverage["article_share"]]
    pairs = ranked_pairs(tables.similarity)
    freq = tables.frequencies
    stop = stopword_terms(freq)
    return Headline(
        n_docs=len(docs),
        n_statements=len(statements),
        first_year=docs["year"].min(),
        last_year=docs["year"].max(),
        n_tokens=int(docs["n_tokens"].sum()),
        prevention_docs=int((prevention["hits"] > 0).sum()),
        prevention_hits=int(prevention["hits"].sum()),
        prevention_silent=[labels[d] for d in prevention.loc[prevention["hits"] == 0, "doc_id"]],
        cica_docs=int(cica["doc_id"].nunique()),
        security_development_docs=int(colloc.loc["security and development", "n_docs"])
        if "security and development" in colloc.index else 0,
        weak_priorities=weak["label"].tolist(),
        heavier_in_article=heavier["label"].tolist(),
        n_priorities=len(coverage),
        most_alike=(labels[pairs.iloc[0]["doc_a"]], labels[pairs.iloc[0]["doc_b"]]),
        most_alike_cosine=float(pairs.iloc[0]["cosine"]),
        article_label=None if article is None else article["label"],
        article_key_terms=None if article is None else
        key_terms(tables.keyness, article["doc_id"], n=5, exclude=stop)["term"].tolist(),
    )


def argued_hits(tables: Tables) -> pd.DataFrame:
    """The theme hits that argue their theme: those within an institution's name set aside
    (:func:`unscspeech.measures.themes.outside_names`), as the key findings and the stated priorities count them."""
    return outside_names(tables.theme_hits, institution_names(tables.actor_mentions, tables.actors,
                                                                 tables.paragraphs),
                         names_counted(tables.codebook))


def named_hits(tables: Tables) -> pd.DataFrame:
    """The theme hits :func:`argued_hits` sets aside: those within an institution's name or acronym,
    with the ``actor`` named (:func:`unscspeech.measures.themes.inside_names`)."""
    return inside_names(tables.theme_hits, institution_names(tables.actor_mentions, tables.actors,
                                                            tables.paragraphs),
                        names_counted(tables.codebook))


def name_only_paragraphs(tables: Tables, theme: str) -> pd.DataFrame:
    """The hits of ``theme`` within names (:func:`named_hits`), one per paragraph, in the paragraphs
    where the theme has no hit outside a name: those that only counting the words within names
    brings into the theme."""
    hits = tables.theme_hits[tables.theme_hits["theme"] == theme]
    named = named_hits(tables)
    named = named[named["theme"] == theme]
    argued = set(zip(*hits.drop(named.index, errors="ignore")[["doc_id", "paragraph"]].values.T))
    brought = named[[k not in argued for k in zip(named["doc_id"], named["paragraph"])]]
    return brought.drop_duplicates(["doc_id", "paragraph"])


def argued_theme_counts(tables: Tables) -> pd.DataFrame:
    """The ``themes`` table (:func:`unscspeech.measures.themes.theme_counts`) counted from
    :func:`argued_hits`: each theme's hits per document with the words within names set aside."""
    themes = [Theme(theme, "", "", "") for theme in tables.codebook["theme"]]
    return theme_counts(argued_hits(tables), tables.documents, themes)


def priorities_every_hit(tables: Tables) -> pd.DataFrame:
    """The table of :func:`priorities` with every hit counted, the words within names too: how far
    the book's figures hang on setting those aside."""
    return priority_coverage(tables.documents, tables.theme_hits, tables.codebook, tables.actor_mentions.iloc[:0])


def priorities(tables: Tables, leave_out: pd.DataFrame | None = None) -> pd.DataFrame:
    """The stated priorities in the statements and the article, as the book prints them: hits inside
    the name or acronym of an institution set aside (:func:`unscspeech.measures.themes.priority_coverage`).
    With ``leave_out`` (rows of ``doc_id`` and ``paragraph``), those paragraphs are not counted at
    all, neither their hits nor among the paragraphs a share is taken of."""
    documents, hits = tables.documents, tables.theme_hits
    if leave_out is not None and len(leave_out):
        dropped = leave_out[["doc_id", "paragraph"]].drop_duplicates()
        fewer = dropped["doc_id"].value_counts()
        documents = documents.assign(n_paragraphs=documents["n_paragraphs"]
                                     - documents["doc_id"].map(fewer).fillna(0).astype(int))
        keys = pd.MultiIndex.from_frame(dropped)
        hits = hits[~pd.MultiIndex.from_frame(hits[["doc_id", "paragraph"]]).isin(keys)]
    return priority_coverage(documents, hits, tables.codebook,
                             institution_names(tables.actor_mentions, tables.actors, tables.paragraphs))


def self_reference(tables: Tables, country: str = "Kazakhstan") -> pd.DataFrame:
    """How each document refers to its own side, per document (indexed by ``doc_id``): the counts and
    rates per 1,000 words of the stance markers *our country / my country* (``country``, ``country_rate``)
    and *my delegation* (``delegation``, ``delegation_rate``), the two rates together (``phrases_rate``),
    and those with the gazetteer's mentions of ``country`` by name (``with_name_rate``): the phrases alone
    would miss a text that names its country rather than saying *my country*."""
    docs = tables.documents.set_index("doc_id")
    marker = tables.stance.set_index(["marker", "doc_id"])

    def of(name: str, column: str) -> pd.Series:
        return marker.loc[name, column].reindex(docs.index, fill_value=0) if name in marker.index else \
            pd.Series(0, index=docs.index)

    named = tables.actor_mentions.loc[tables.actor_mentions["actor"] == country, "doc_id"].value_counts()
    frame = pd.DataFrame({"country": of("our country / my country", "count"),
                          "country_rate": of("our country / my country", "per_1000"),
                          "delegation": of("my delegation", "count"),
                          "delegation_rate": of("my delegation", "per_1000")})
    frame["phrases_rate"] = frame["country_rate"] + frame["delegation_rate"]
    frame["with_name_rate"] = frame["phrases_rate"] + named.reindex(docs.index, fill_value=0) * 1000 / docs["n_tokens"]
    return frame


def ranked_pairs(similarity: pd.DataFrame) -> pd.DataFrame:
    """Each pair of documents once (``doc_a`` before ``doc_b``), most alike first, numbered from 0.

    >>> sim = pd.DataFrame({"doc_a": ["a", "b", "a", "c"], "doc_b": ["b", "a", "c", "a"], "cosine": [0.2, 0.2, 0.5, 0.5]})
    >>> ranked_pairs(sim)[["doc_a", "doc_b"]].values.tolist()
    [['a', 'c'], ['a', 'b']]
    """
    pairs = similarity[similarity["doc_a"] < similarity["doc_b"]]
    return pairs.sort_values(["cosine", "doc_a"], ascending=[False, True]).reset_index(drop=True)


def cica_mentions(tables: Tables) -> pd.DataFrame:
    """The actor mentions of CICA (by name or acronym), as the Actors chapter counts them."""
    actors = tables.actors
    names = set(actors.loc[actors["acronym"] == "CICA", "actor"])
    mentions = tables.actor_mentions
    return mentions[mentions["actor"].isin(names)]


def weighed(tables: Tables) -> Weighed:
    """The evidence behind each key finding, for weighing it: documents and paragraphs, and how
    the debates' agendas, genre and translation line up with it (edition and other corpora alike).

    Theme hits within the name or acronym of an institution are not counted (:func:`outside_names`).
    """
    docs, hits = tables.documents, tables.theme_hits
    labels = docs.set_index("doc_id")["label"]
    statements = the_statements(docs)
    agenda = statements.set_index("doc_id")["agenda"].fillna("").str.lower()
    argued = argued_hits(tables)
    in_statements = argued[argued["doc_id"].isin(statements["doc_id"])]

    def theme(name: str, frame: pd.DataFrame = in_statements) -> pd.DataFrame:
        return frame[frame["theme"] == name]

    prevention = theme("conflict_prevention")
    prevention_docs = list(dict.fromkeys(prevention["doc_id"]))
    on_prevention_agenda = set(debates_on(docs, "prevent")["doc_id"])
    off_agenda = [d for d in prevention_docs if d not in on_prevention_agenda]
    silent = [d for d in statements["doc_id"] if d not in prevention_docs]
    names_only = len(hits[(hits["theme"] == "conflict_prevention") & hits["doc_id"].isin(statements["doc_id"])]) \
        - len(prevention)
    regional = theme("regional_organizations", argued)
    regional_paragraphs = regional[["doc_id", "paragraph"]].drop_duplicates()
    on_regional_agenda = debates_on(docs, "regional")["doc_id"].tolist()
    prevention_paragraphs = prevention[["doc_id", "paragraph"]].drop_duplicates()
    spoken_at_prevention = prevention_paragraphs["doc_id"].isin(on_prevention_agenda)
    spoken_at_both = spoken_at_prevention & prevention_paragraphs["doc_id"].isin(on_regional_agenda)
    regional_elsewhere = of_documents(regional_paragraphs, except_documents(statements, on_regional_agenda))
    nexus = theme("security_development", argued)[["doc_id", "paragraph"]].drop_duplicates()
    regional_all = hits[hits["theme"] == "regional_organizations"][["doc_id", "paragraph"]].drop_duplicates()
    # Where the words "security and development" stand but the theme does not count them (a name).
    paragraphs = tables.paragraphs
    worded = list(dict.fromkeys(
        paragraphs.loc[paragraphs["text"].str.contains("security and development", case=False), "doc_id"]))
    name_only = [d for d in worded if d not in set(nexus["doc_id"])]
    interpreted = interpreted_statements(docs)["doc_id"].tolist()
    cica = cica_mentions(tables)
    return Weighed(
        prevention_docs=len(prevention_docs),
        prevention_paragraphs=len(prevention_paragraphs),
        prevention_name_hits=int(names_only),
        prevention_on_agenda=len(prevention_docs) - len(off_agenda),
        prevention_off_agenda=[labels[d] for d in off_agenda],
        prevention_silent=[labels[d] for d in silent],
        prevention_silent_agendas=[agenda[d] for d in silent],
        prevention_paragraphs_both=int(spoken_at_both.sum()),
        prevention_paragraphs_prevention_only=int((spoken_at_prevention & ~spoken_at_both).sum()),
        prevention_paragraphs_elsewhere=int((~spoken_at_prevention).sum()),
        regional_docs=int(regional["doc_id"].nunique()),
        regional_paragraphs=len(regional_paragraphs),
        regional_on_agenda_paragraphs=int(regional_paragraphs["doc_id"].isin(on_regional_agenda).sum()),
        regional_agenda_statements=len(on_regional_agenda),
        regional_elsewhere_paragraphs=len(regional_elsewhere),
        regional_elsewhere=[labels[d] for d in dict.fromkeys(regional_elsewhere["doc_id"])],
        regional_article_paragraphs=int(regional_paragraphs["doc_id"].isin(the_articles(docs)["doc_id"]).sum()),
        both_agendas=[labels[d] for d in on_regional_agenda if d in on_prevention_agenda],
        cica_paragraphs=int(len(cica[["doc_id", "paragraph"]].drop_duplicates())),
        nexus_docs=int(nexus["doc_id"].nunique()),
        regional_name_paragraphs=len(regional_all) - len(regional_paragraphs),
        pairing_words_docs=len(worded),
        pairing_name_only=[labels[d] for d in name_only],
        nexus_paragraphs=len(nexus),
        interpreted=[labels[d] for d in interpreted],
        n_articles=len(the_articles(docs)),
    )
