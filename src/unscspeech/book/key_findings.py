"""The values the key findings print, made once for the two pages that print them.

The introduction states the key findings and the conclusions weigh them; both print the same
counts, cosines and caveats, so both take them from here and cannot drift apart. Each page still
guards its own sentences with ``claim``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from unscspeech.book import certainty
from unscspeech.book.preamble import Text, and_list, cite, in_sentence, plural
from unscspeech.book.findings import (cica_mentions, headline, name_only_paragraphs, priorities,
                                      priorities_every_hit, ranked_pairs, weighed)
from unscspeech.book.selections import (council_term, dated_before, debates_on, document_labels, except_documents,
                                         of_documents, the_article, the_articles, the_statements)
from unscspeech.book.tables import Tables


#: The paragraph a reader judged to link security and development in other words, in the document
#: where the words themselves stand only in a name (the edition's; both pages quote it).
#: Passages the key findings quote: the statement silent on prevention's words asking for it in
#: others; CICA argued for, in 2007 and in 2018.
ROOT_CAUSES_PASSAGE = "thoroughly analysing the key causes of conflict"
CICA_BELIEF_PASSAGE = "We strongly believe that the CICA platform for dialogue will continue to play an effective role"
CICA_FOUNDATION_PASSAGE = "CICA could be the foundation for the future organization"
#: 2017† Abdrakhmanov's plain statement of the link between security and development, which the
#: codebook's words miss.
LINK_PASSAGE = "Since conflict, peace and development are interrelated"
HUB_PASSAGE = ("a United Nations regional hub for development and humanitarian assistance in Almaty, "
               "which could complement the work of the United Nations Regional Centre for Preventive Diplomacy")


@dataclass(frozen=True)
class Likeness:
    """Every pair of documents, most alike first, and the pair of statements at debates on prevention."""

    pairs: pd.DataFrame
    prevention_pair: pd.DataFrame  # one row, or none when the corpus has not two such statements
    unsure: pd.DataFrame  # the statements at debates on prevention whose agenda is a candidate or unknown

    @property
    def lead(self) -> float:
        """How far the most alike pair's cosine stands above the second's (NaN with fewer than two pairs)."""
        return float(self.pairs.iloc[0]["cosine"] - self.pairs.iloc[1]["cosine"]) if len(self.pairs) > 1 else float("nan")

    @property
    def spread(self) -> float:
        """How far the other pairs' cosines spread, from the second's to the lowest (NaN with fewer than two pairs)."""
        return float(self.pairs.iloc[1]["cosine"] - self.pairs["cosine"].min()) if len(self.pairs) > 1 else float("nan")

    @property
    def pair_caveat(self) -> Text:
        """What a sentence about the prevention pair must add while a statement's meeting is only a
        candidate: " (if the candidate meeting of 2017 Abdrakhmanov holds)", or nothing."""
        return Text(f" (if the candidate meeting of {and_list(self.unsure['label'])} holds)" if len(self.unsure) else "")


def likeness(tables: Tables) -> Likeness:
    """The ranked pairs, and the statements at debates on prevention (known by their agenda)."""
    docs = tables.documents
    prevention = debates_on(docs, "prevention")
    pairs = ranked_pairs(tables.similarity)
    pair = pairs[pairs["doc_a"].isin(prevention["doc_id"]) & pairs["doc_b"].isin(prevention["doc_id"])]
    return Likeness(pairs, pair, certainty.with_level(prevention, "agenda", ("candidate", "unknown")))


def headline_values(tables: Tables) -> dict[str, object]:
    """The values both pages print on any corpus, by glue name."""
    h = headline(tables)
    return {
        "n_docs": h.n_docs, "n_statements": h.n_statements,
        "first_year": Text(h.first_year), "last_year": Text(h.last_year),
        "cp_docs": h.prevention_docs, "cica_docs": h.cica_docs, "sd_docs": h.security_development_docs,
        "n_weak": len(h.weak_priorities), "n_priorities": h.n_priorities,
        "n_heavier": len(h.heavier_in_article),
        "weak_caveat": weak_line_caveat(tables),
        "weak_term_caveat": weak_term_caveat(tables),
        "heavier_caveat": heavier_caveat(tables),
        "best_pair": Text(" and ".join(h.most_alike)), "best_cos": h.most_alike_cosine,
    }


def weak_line_caveat(tables: Tables) -> Text:
    """Which priorities cross the line of the statements giving less than half the article's share
    of paragraphs when the words within names are counted too, and whose words move them: empty
    when the same priorities fall short either way. The priorities page and both key-findings
    pages print it after the number of priorities that fall short."""
    return _counted_caveat(*_crossings(tables, lambda statements, article: statements < article / 2))


def weak_term_caveat(tables: Tables) -> Text:
    """How many priorities the statements give less than half the article's share when only the
    statements of the Council term are counted, the statements from before it left out, printed
    after their number where it differs: empty without a term, without earlier statements, or
    where the number is the same."""
    docs = tables.documents
    if tables.periods.empty or the_articles(docs).empty:
        return Text("")
    before = dated_before(the_statements(docs), council_term(tables.periods))
    if before.empty:
        return Text("")
    coverage = priorities(tables, leave_out=of_documents(tables.paragraphs, before["doc_id"]))
    n_term = int((coverage["statement_share"] < coverage["article_share"] / 2).sum())
    if n_term == len(headline(tables).weak_priorities):
        return Text("")
    return Text(f" ({n_term} if only the statements of the term are counted, without "
                f"{and_list(before['label'])}, given before it)")


def heavier_caveat(tables: Tables) -> Text:
    """The same for the priorities that take a larger share of the article's paragraphs than of the
    statements': printed after their number."""
    return _counted_caveat(*_crossings(tables, lambda statements, article: statements < article))


def lighter_caveat(tables: Tables) -> Text:
    """The priorities that would join, or leave, those taking a larger share of the statements'
    paragraphs than of the article's, were the words within names counted too: printed after
    their list."""
    _, swings = _crossings(tables, lambda statements, article: statements > article)
    return Text("".join(f" ({label} {verb} them if the words within names are counted too: {why})"
                        for label, verb, why in swings))


def _agenda_caveat(documents: pd.DataFrame, labels: list[str]) -> Text:
    """For the documents of ``labels``, which of them stand where they do only by a candidate or
    unknown meeting: printed after their list."""
    unsure = certainty.with_level(documents[documents["label"].isin(labels)], "agenda", ("candidate", "unknown"))
    return Text(f"; {and_list(unsure['label'])} only if its candidate meeting holds" if len(unsure) else "")


def _counted_caveat(n_every: int, swings: list[tuple[str, str, str]]) -> Text:
    return Text(f" ({n_every} if the words within names are counted too: "
                + "; ".join(f"{label} {verb} them because {why}" for label, verb, why in swings)
                + ": the line is that close)" if swings else "")


#: Words (each in a name) a crossing quotes, with their paragraphs; the paragraphs of more are counted, not quoted.
PLACES_SHOWN = 2


def _crossings(tables: Tables, short) -> tuple[int, list[tuple[str, str, str]]]:
    """How many priorities are on the ``short(statement_share, article_share)`` side with every hit
    counted, and for each priority that crosses the line when the words within names are counted
    too: its label, whether it joins or leaves them, and whose share moves with which paragraphs
    (those that only words within names bring in, one word of each quoted)."""
    docs = tables.documents
    coverage = priorities(tables).set_index("theme")
    every = priorities_every_hit(tables).set_index("theme")
    before = set(coverage.index[short(coverage["statement_share"], coverage["article_share"])])
    after = set(every.index[short(every["statement_share"], every["article_share"])])
    labels, articles = document_labels(docs), the_articles(docs)
    sides = (("the statements'", "statement_share", the_statements(docs)["doc_id"]),
             ("the article's" if len(articles) == 1 else "the articles'", "article_share", articles["doc_id"]))
    swings = []
    for theme in [t for t in coverage.index if (t in before) != (t in after)]:
        brought = name_only_paragraphs(tables, theme)
        moved, still = [], []
        for side, share, ids in sides:
            was, now = float(coverage.loc[theme, share]), float(every.loc[theme, share])
            places = of_documents(brought, ids)
            quoted = _quoted_names(places, labels)
            if now != was:
                moved.append(f"{side} share goes from {was:.1%} to {now:.1%} with {and_list(quoted)}")
            else:
                still.append(f"{side} stays at {was:.1%}")
        swings.append((in_sentence(coverage.loc[theme, "label"], tables.paragraphs),
                       "joins" if theme in after else "leaves",
                       and_list(moved) + (f", while {and_list(still)}" if still else "")))
    return len(after), swings


def _quoted_names(places: pd.DataFrame, labels: pd.Series) -> list[str]:
    """The words within names that ``places`` (hits with ``match``, ``actor``, ``doc_id``, ``paragraph``)
    bring in, each word and name quoted once with every paragraph where it stands, the first
    :data:`PLACES_SHOWN` of them; the paragraphs of the rest are counted."""
    where: dict[tuple[str, str], dict[str, list[int]]] = {}
    for m, a, d, p in zip(places["match"], places["actor"], places["doc_id"], places["paragraph"]):
        paragraphs = where.setdefault((m, a), {}).setdefault(labels[d], [])
        if p not in paragraphs:
            paragraphs.append(p)
    shown, rest = list(where.items())[:PLACES_SHOWN], list(where.values())[PLACES_SHOWN:]
    def where_text(docs_of: dict[str, list[int]]) -> str:
        return "; ".join(f"{label} {and_list('¶' + str(p) for p in ps)}" for label, ps in docs_of.items())

    quoted = [f"“{m}” in the {a} ({where_text(docs_of)})" for (m, a), docs_of in shown]
    in_shown = {(label, p) for _, docs_of in shown for label, ps in docs_of.items() for p in ps}
    more = {(label, p) for docs_of in rest for label, ps in docs_of.items() for p in ps} - in_shown
    if rest:
        words = f"{len(rest)} more word{'s' if len(rest) > 1 else ''} within names"
        quoted.append(words + (f" ({len(more)} of them in other paragraph{'s' if len(more) > 1 else ''})"
                               if more else " in the same paragraphs"))
    return quoted


@dataclass(frozen=True)
class ArticleStanding:
    """What separates the one article from the statements besides its genre, for the pages that
    must not read its differences as a change of policy: whether it alone is dated after the term,
    how sure its author is, and what its metadata say of its language."""

    alone_after_term: bool
    speaker_level: str
    translation: str

    def values(self, speaker: str) -> dict[str, Text]:
        """The glue values the pages print: the author with the mark of his level."""
        return {"article_speaker": Text(certainty.mark(speaker, self.speaker_level)),
                "article_speaker_level": Text(self.speaker_level),
                "article_translation": Text(self.translation),
                "article_translation_short": Text(self.translation.split(":")[0].lower())}


def article_standing(tables: Tables) -> tuple[ArticleStanding, dict[str, Text]]:
    """:class:`ArticleStanding` of the corpus's one article, and the glue values it gives."""
    docs = tables.documents
    article = the_article(docs)
    term = council_term(tables.periods)
    others = docs[docs["doc_id"] != article["doc_id"]]
    standing = ArticleStanding(alone_after_term=bool(article["date"] > term["end"] and (others["date"] <= term["end"]).all()),
                               speaker_level=certainty.level(article, "speaker"),
                               translation=str(article["translation"]))
    return standing, standing.values(str(article["speaker"]))


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
    elsewhere = except_documents(naming_cica, debates_on(docs, "regional"))
    elsewhere_unsure = certainty.with_level(elsewhere, "agenda", ("candidate", "unknown"))
    if len(elsewhere) and len(elsewhere_unsure) == len(elsewhere):
        cica_agendas = Text(f"across genres and, if the candidate meeting of {and_list(elsewhere_unsure['label'])} "
                            "holds, across agendas")
    else:
        cica_agendas = Text("across agendas and genres" if len(elsewhere) else "across genres")
    hub_docs = [d for d, label in document_labels(docs).items() if label in w.pairing_name_only]
    silent_ids = [d for d, label in document_labels(docs).items() if label in w.prevention_silent]
    recall = tables.recall.set_index("theme")
    nexus_recall = recall.loc["security_development"] if "security_development" in recall.index else None
    return {
        "cica_agendas": cica_agendas,
        "sd_recall": float(nexus_recall["recall"]) if nexus_recall is not None else float("nan"),
        "sd_recall_low": float(nexus_recall["recall_low"]) if nexus_recall is not None else float("nan"),
        "sd_recall_high": float(nexus_recall["recall_high"]) if nexus_recall is not None else float("nan"),
        "cp_on_agenda": w.prevention_on_agenda,
        "cp_off_agenda": and_list(w.prevention_off_agenda),
        "cp_silent": and_list(w.prevention_silent),
        "cica_paras": plural(w.cica_paragraphs, "paragraph"),
        "sd_paras": plural(w.nexus_paragraphs, "paragraph"),
        "ro_elsewhere": plural(w.regional_elsewhere_paragraphs, "paragraph"),
        "ro_elsewhere_docs": and_list(w.regional_elsewhere),
        "ro_elsewhere_caveat": _agenda_caveat(docs, w.regional_elsewhere),
        "ro_elsewhere_n": w.regional_elsewhere_paragraphs,
        "ro_article_n": w.regional_article_paragraphs,
        "cp_both": and_list(w.both_agendas),
        "nexus_docs": w.nexus_docs,
        "q_hub": (cite(tables, hub_docs[0], HUB_PASSAGE) if hub_docs else Text("")),
        "pairing_name_only": Text(f"{and_list(w.pairing_name_only)}, where the words “security and development” "
                                  "stand only in the name of a proposed organization" if w.pairing_name_only else ""),
        "second_cos": float(like.pairs.iloc[1]["cosine"]) if len(like.pairs) > 1 else float("nan"),
        "lowest_cos": float(like.pairs["cosine"].min()),
        "n_pairs": len(like.pairs),
        "cos_lead": like.lead,
        "cos_spread": like.spread,
        "sd_recall_read": int(nexus_recall["read"]) if nexus_recall is not None else 0,
        "prevention_pair_cos": float(like.prevention_pair["cosine"].iloc[0]) if len(like.prevention_pair) else float("nan"),
        "candidate_labels": and_list(candidates["label"]),
        "prevention_caveat": Text(f" ({unsure} among them only if its candidate meeting holds)" if len(like.unsure) else ""),
        "prevention_pair_caveat": like.pair_caveat,
        "cp_paras_both": w.prevention_paragraphs_both,
        "cp_paras_prevention_only": w.prevention_paragraphs_prevention_only,
        "cp_paras_elsewhere": w.prevention_paragraphs_elsewhere,
        "cp_only_caveat": Text(f" ({unsure}, if its candidate meeting holds)" if len(like.unsure) else ""),
        "q_root_causes": (cite(tables, silent_ids[0], ROOT_CAUSES_PASSAGE) if silent_ids else Text("")),
        "q_cica_believe": cite(tables, "2007-11-06-aitimova", CICA_BELIEF_PASSAGE),
        "q_cica_foundation": cite(tables, "2018-12-06-umarov", CICA_FOUNDATION_PASSAGE),
        "q_interrelated": cite(tables, "2017-01-10-abdrakhmanov", LINK_PASSAGE),
    }


def link_read_for_recall(tables: Tables, doc_id: str = "2017-01-10-abdrakhmanov") -> tuple[bool, bool]:
    """Whether the paragraphs drawn for the nexus theme's recall reading include the hub paragraph
    (:data:`HUB_PASSAGE`) and the paragraph that states the link (:data:`LINK_PASSAGE`) of ``doc_id``:
    the sample is drawn again as it was (:func:`unscspeech.measures.recall.recall_sample`)."""
    from unscspeech.measures.kwic import locate
    from unscspeech.measures.recall import recall_sample

    read = tables.recall.set_index("theme").loc["security_development", "read"]
    sample = recall_sample(tables.paragraphs, tables.theme_hits, "security_development", n=int(read))
    drawn = set(zip(sample["doc_id"], sample["paragraph"]))
    return ((doc_id, locate(tables.paragraphs, doc_id, HUB_PASSAGE)) in drawn,
            (doc_id, locate(tables.paragraphs, doc_id, LINK_PASSAGE)) in drawn)
