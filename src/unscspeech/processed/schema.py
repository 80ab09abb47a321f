"""The processed tables, declared once: each table's name, title, description and columns with their types.

``build`` writes these tables (as NAME.csv), ``datapackage.json`` is generated from this declaration
(:mod:`unscspeech.processed.datapackage`), the book's reader :func:`unscspeech.book.tables.read_tables`
checks each file against it and gives every column the pandas type declared here, and the chapters
read the tables as attributes named after them (``tables.documents``), never by a string key.

>>> DOCUMENTS.file, DOCUMENTS.column("n_tokens").type, DOCUMENTS.column("n_tokens").dtype
('documents.csv', 'integer', 'int64')
>>> SCHEMA["keyness"].column("key_rank").unit
'rank'
"""

from __future__ import annotations

from dataclasses import dataclass

from unscspeech.measures.collocations import MIN_COUNT as COLLOCATION_MIN_COUNT
from unscspeech.measures.keyness import ALPHA, MIN_COUNT
from unscspeech.measures.near_matches import MAX_SENTENCES as NEAR_MAX_SENTENCES, MIN_WORDS as NEAR_MIN_WORDS, THRESHOLD as NEAR_THRESHOLD
from unscspeech.measures.shared_formulas import MIN_N as SHARED_MIN_N
from unscspeech.measures.similarity import ALL_PAIRS_UP_TO, NEIGHBOURS
from unscspeech.measures.topics import EMERGES_AT, STABILITY_PARAGRAPHS

#: The pandas dtype a column of each Frictionless type is read back as: text stays text (an empty
#: cell is the empty string) and dates stay ISO text, which compare in order.
DTYPES = {"string": "str", "date": "str", "integer": "int64", "number": "float64", "boolean": "bool"}
#: The dtype of a column with an empty cell, where that differs: a whole number that may be missing
#: (the rank of a term that is not key) stays whole.
DTYPES_WITH_MISSING = {"integer": "Int64"}


@dataclass(frozen=True)
class Column:
    """A column of a table: its name, its Frictionless type, what it means and its unit."""

    name: str
    type: str
    meaning: str
    unit: str = ""

    @property
    def dtype(self) -> str:
        """The pandas dtype the column is read back as when no cell is empty."""
        return DTYPES[self.type]


@dataclass(frozen=True)
class Table:
    """A processed table: its name (the file's stem), a title and one-line description for the
    Data page and ``datapackage.json``, its columns in file order, the columns that identify a row
    (``key``; none where a row may repeat: a text may define one acronym twice in a paragraph, and the
    corpus folder's own lists of periods, slips, readings and accounts are not refused for a repeated
    row), and the formats it is written in.

    ``further_columns``, where not empty, says what any column beyond the declared ones is (the
    documents table carries every further column of a corpus's ``metadata.csv``, in that file's order)."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    further_columns: str = ""
    formats: tuple[str, ...] = ("csv",)

    @property
    def file(self) -> str:
        """The CSV file's name, ``NAME.csv``."""
        return f"{self.name}.csv"

    @property
    def parquet_file(self) -> str:
        """The Parquet copy's name, ``NAME.parquet`` (written only where ``formats`` has it)."""
        return f"{self.name}.parquet"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """The declared column ``name``; a ``KeyError`` naming the file if there is none."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.file}: no column {name!r} is declared")

    def check_columns(self, columns) -> None:
        """Refuse columns that are not exactly the declared ones in order (a table with
        ``further_columns`` may hold more, in its corpus's order): a ``ValueError`` naming the file
        and the columns.

        >>> PERIODS.check_columns(["start", "end", "label"])
        Traceback (most recent call last):
        ValueError: periods.csv: missing evidence
        """
        columns, declared = list(columns), list(self.column_names)
        missing = [c for c in declared if c not in columns]
        if self.further_columns:
            if missing:
                raise ValueError(f"{self.file}: missing {', '.join(missing)}")
            return
        if columns != declared:
            extra = [c for c in columns if c not in declared]
            what = "; ".join(filter(None, [missing and f"missing {', '.join(missing)}",
                                           extra and f"not declared: {', '.join(extra)}"]))
            raise ValueError(f"{self.file}: {what or 'columns in another order than declared: ' + ', '.join(declared)}")


def table(name: str, title: str, description: str, columns: dict[str, tuple[str, str, str]],
          **options) -> Table:
    """A :class:`Table` from ``{column: (type, meaning, unit)}``, the compact form the declarations use."""
    return Table(name, title, description, tuple(Column(c, *spec) for c, spec in columns.items()), **options)


S, I, N, B, D = "string", "integer", "number", "boolean", "date"
#: The large tables, a row per token or per document and term: written also as Parquet (typed,
#: compressed), for readers who load them into an analytical engine.
LARGE = ("csv", "parquet")
DOC = ("string", "Document id (see documents.csv)", "")
PAR = ("integer", "Paragraph number within the document, from 1", "")


DOCUMENTS = table("documents", "Documents", "One row per document: its metadata, the checksum of its raw file and its sizes.", {
        "doc_id": (S, "Short, stable document id", ""),
        "file": (S, "Raw file name in data/raw/", ""),
        "title": (S, "Title of the statement or article", ""),
        "speaker": (S, "Speaker or author", ""),
        "surname_certainty": (S, "How sure the speaker's surname is: stated, inferred, candidate, attributed or unknown (see the datasheet)", ""),
        "speaker_certainty": (S, "How sure the speaker's full name is: stated, inferred, candidate, attributed or unknown (see the datasheet)", ""),
        "speaker_role": (S, "Speaker's office at the time", ""),
        "role_certainty": (S, "How sure the speaker's office is: stated, inferred, candidate, attributed or unknown (see the datasheet)", ""),
        "country": (S, "Member state the speaker represents", ""),
        "date": (D, "Date of delivery or publication (ISO 8601)", ""),
        "date_certainty": (S, "How sure the date is: stated, inferred, candidate, attributed or unknown (see the datasheet)", ""),
        "genre": (S, "council_statement or article", ""),
        "forum": (S, "Where it was delivered or first published (empty if unknown)", ""),
        "forum_certainty": (S, "How sure the forum is: stated, inferred, candidate, attributed or unknown (see the datasheet)", ""),
        "meeting": (S, "Security Council meeting symbol (S/PV.NNNN); empty for an article, where it does not apply", ""),
        "meeting_certainty": (S, "How sure the meeting is: stated, inferred, candidate, attributed or unknown (see the datasheet); empty where the meeting does not apply", ""),
        "agenda": (S, "Agenda item of the debate; empty for an article", ""),
        "agenda_certainty": (S, "How sure the agenda item is: stated, inferred, candidate, attributed or unknown (see the datasheet); empty where it does not apply", ""),
        "presidency": (S, "Member state holding the Council presidency that month; empty for an article", ""),
        "presidency_certainty": (S, "How sure the presidency is: stated, inferred, candidate, attributed or unknown (see the datasheet); empty where it does not apply", ""),
        "delivery_language": (S, "Language the speaker used or the author wrote in (empty if unknown)", ""),
        "language_certainty": (S, "How sure that language is: stated, inferred, candidate, attributed or unknown (see the datasheet)", ""),
        "translation": (S, "Whether and how the English text is a translation", ""),
        "source": (S, "Where the text comes from", ""),
        "evidence": (S, "Why each value has its level of certainty", ""),
        "speaker_header": (S, "The verbatim record's speaker header, moved out of the body", ""),
        "sha256": (S, "SHA-256 of the raw file's bytes", "hex digest"),
        "n_paragraphs": (I, "Paragraphs after cleaning", "paragraphs"),
        "n_sentences": (I, "Sentences (Punkt trained on the corpus)", "sentences"),
        "n_tokens": (I, "Word tokens (letters or digits; punctuation and possessive 's not counted)", "tokens"),
        "n_types": (I, "Distinct word tokens, ignoring case", "types"),
        "n_terms": (I, "Terms: word tokens, with each multiword name counted once", "terms"),
    }, further_columns="A further column of metadata.csv", key=("doc_id",))

PARAGRAPHS = table("paragraphs", "Paragraphs", "The cleaned text, one row per paragraph.", {
        "doc_id": DOC, "paragraph": PAR, "text": (S, "Paragraph text as printed (quotes kept as in the source)", "")},
    key=("doc_id", "paragraph"))

SENTENCES = table("sentences", "Sentences", "The sentences of each paragraph.", {
        "doc_id": DOC, "paragraph": PAR, "sentence": (I, "Sentence number within the paragraph, from 1", ""),
        "text": (S, "Sentence text", "")}, key=("doc_id", "paragraph", "sentence"))

TOKENS = table("tokens", "Tokens", "One row per word token, with the term it belongs to.", {
        "doc_id": DOC, "paragraph": PAR, "sentence": (I, "Sentence number within the paragraph", ""),
        "token_index": (I, "Position of the token in the document, from 1", ""),
        "token": (S, "The word as written", ""),
        "term_index": (I, "Position of the term in the document; the words of a multiword name share it", ""),
        "term": (S, "The term: lower-case lemma, or a multiword name from phrases.txt", ""),
        "is_stopword": (B, "Whether the term is a stop token (stopwords.txt or a numeral)", "")},
    key=("doc_id", "token_index"), formats=LARGE)

CLEANING_LOG = table("cleaning_log", "Cleaning log", "What each cleaning rule did to which raw lines; every raw line is covered.", {
        "doc_id": DOC, "line_start": (I, "First raw line concerned, from 1", "line"),
        "line_end": (I, "Last raw line concerned", "line"),
        "action": (S, "kept, changed, joined or removed", ""), "rule": (S, "The rule (see the corpus chapter)", ""),
        "before": (S, "Text before the rule", ""), "after": (S, "Text after the rule (empty if removed)", ""),
        "paragraph": (I, "Paragraph the line ended up in (empty if removed)", "")})

PERIODS = table("periods", "Periods", "Spans of time shaded in the charts.", {
        "start": (D, "First day", ""), "end": (D, "Last day", ""), "label": (S, "What the period is", ""),
        "evidence": (S, "Why", "")})

KNOWN_TYPOS = table("known_typos", "Known slips", "Slips that stand in the texts as the sources give them, kept, not "
                    "corrected, and located in the cleaned text: a speaker's or author's, the record's, the scraping's, "
                    "or a spelling at odds with the other documents (the note says which).", {
        "doc_id": DOC, "paragraph": PAR, "text": (S, "The slip as printed", ""), "note": (S, "What it is", "")})

FREQUENCIES = table("frequencies", "Frequencies", "Counts of each term per document, and for the corpus (doc_id ALL).", {
        "doc_id": (S, "Document id, or ALL for the corpus", ""), "term": (S, "Term", ""),
        "count": (I, "Occurrences", "terms"), "per_1000": (N, "Occurrences per 1,000 terms of the document", "per 1,000 terms"),
        "is_stopword": (B, "Whether the term is a stop token", "")}, key=("doc_id", "term"), formats=LARGE)

KEYNESS = table("keyness", "Keyness", "Each document against the rest of the corpus, a row per document and term it uses.", {
        "doc_id": DOC, "term": (S, "Term", ""), "target_count": (I, "Uses in the document (a)", "terms"),
        "reference_count": (I, "Uses in the rest of the corpus (b)", "terms"),
        "target_size": (I, "Terms in the document (c)", "terms"),
        "reference_size": (I, "Terms in the rest of the corpus (d)", "terms"),
        "g2": (N, "Dunning's log-likelihood, negative where the term is under-used", "G²"),
        "p_value": (N, "p of G² (chi-squared, 1 degree of freedom)", "probability"),
        "log_ratio": (N, "Hardie's log ratio (0.5 for a zero count)", "log2 of a ratio"),
        "log_odds_z": (N, "Monroe et al.'s log-odds ratio with informative Dirichlet prior", "z-score"),
        "key_rank": (I, "Place in the document's list of key terms as the book prints it (content terms over-used "
                        f"with p < {ALPHA:g} and at least {MIN_COUNT} uses, by log ratio, then G², then the term in "
                        "alphabetical order, which alone orders terms of the same counts); empty if not key",
                     "rank")}, key=("doc_id", "term"), formats=LARGE)

DISPERSION = table("dispersion", "Dispersion", "How evenly each term is spread over the documents.", {
        "term": (S, "Term", ""), "count": (I, "Occurrences in the corpus", "terms"),
        "n_docs": (I, "Documents using it", "documents"),
        "dp": (N, "Gries's deviation of proportions", "0 to 1"),
        "dp_norm": (N, "DP divided by its maximum for these document sizes", "0 to 1")}, key=("term",))

COLLOCATIONS = table("collocations", "Collocations", f"Word pairs and triples seen together within sentences at least {COLLOCATION_MIN_COUNT} times.", {
        "ngram": (S, "The words, lower case", ""), "n": (I, "Number of words (2 or 3)", "words"),
        "count": (I, "Occurrences", ""), "llr": (N, "Log-likelihood ratio of association", ""),
        "pmi": (N, "Pointwise mutual information", "bits"), "n_docs": (I, "Documents using it", "documents")},
    key=("ngram",))

LEXDIV = table("lexdiv", "Lexical diversity", "Per document: size and diversity of the vocabulary.", {
        "doc_id": DOC, "tokens": (I, "Word tokens", "tokens"), "types": (I, "Distinct lower-case word tokens", "types"),
        "ttr": (N, "Type-token ratio", "ratio"), "mtld": (N, "MTLD (threshold 0.72, forward and backward averaged)", "tokens")},
    key=("doc_id",))

CODEBOOK = table("codebook", "Theme codebook", "The themes, their signals and the precision found on reading a sample.", {
        "theme": (S, "Theme id", ""), "label": (S, "Theme name", ""),
        "source": (S, "article priority N, or statements", ""), "definition": (S, "What counts as the theme", ""),
        "terms": (S, "Terms that signal it, separated by ;", ""), "patterns": (S, "Regular expressions, separated by ;", ""),
        "exclude": (S, "Exclusions, separated by ;", ""),
        "counts_names": (B, "Whether institutions are the theme's subject, so that a hit within an institution's name "
                            "counts where the key findings and the stated priorities count what is argued", ""),
        "precision_checked": (I, "Matched paragraphs read", "paragraphs"),
        "precision_relevant": (I, "Of those, about the theme", "paragraphs"),
        "precision_date": (D, "Day of the reading check", "")}, key=("theme",))

THEME_CHECKS = table("theme_checks", "Reading check", "Each paragraph read to check a theme of the codebook, and the judgement.", {
        "theme": (S, "Theme id (see codebook.csv)", ""), "doc_id": DOC, "paragraph": PAR,
        "relevant": (S, "yes if the paragraph is about the theme, else no", ""),
        "note": (S, "The reader's note: why not, for a no; what decided it, for some yeses", ""), "read_on": (D, "Day it was read", ""),
        "counts_now": (B, "Whether the paragraph still has a hit of the theme", ""),
        "in_sample": (B, "Whether it is in the sample the current hits draw for the theme", "")})

THEME_HITS = table("theme_hits", "Theme hits", "Every match of a theme's signals.", {
        "doc_id": DOC, "paragraph": PAR, "theme": (S, "Theme id", ""),
        "start": (I, "First character of the match in the paragraph, from 0", "characters"),
        "end": (I, "Character after the match", "characters"), "match": (S, "The words matched, as printed", ""),
        "position": (N, "Where the match falls in the document", "0 (start) to 1 (end)")},
    key=("doc_id", "paragraph", "theme", "start", "end"))

THEMES = table("themes", "Themes per document", "How much of each document each theme carries.", {
        "doc_id": DOC, "theme": (S, "Theme id", ""), "hits": (I, "Matches", "hits"),
        "per_1000": (N, "Matches per 1,000 word tokens", "per 1,000 words"),
        "paragraph_share": (N, "Share of the document's paragraphs with a match", "0 to 1")}, key=("doc_id", "theme"))

THEME_COOCCURRENCE = table("theme_cooccurrence", "Theme co-occurrence", "Pairs of themes and the paragraphs they share.", {
        "theme_a": (S, "Theme id", ""), "theme_b": (S, "Theme id", ""),
        "paragraphs_a": (I, "Paragraphs touching theme a", "paragraphs"),
        "paragraphs_b": (I, "Paragraphs touching theme b", "paragraphs"),
        "paragraphs_both": (I, "Paragraphs touching both", "paragraphs"),
        "jaccard": (N, "Both over either", "0 to 1")}, key=("theme_a", "theme_b"))

SIMILARITY = table("similarity", "Document similarity", "Cosine similarity over TF-IDF of content terms: every ordered pair of "
                   f"documents in a corpus of up to {ALL_PAIRS_UP_TO}; in a larger one, each document with itself "
                   f"and its {NEIGHBOURS} most and {NEIGHBOURS} least similar others.", {
        "doc_a": DOC, "doc_b": DOC, "cosine": (N, "Cosine similarity", "0 to 1")}, key=("doc_a", "doc_b"))

SHARED_PHRASES = table("shared_phrases", "Shared formulas", f"Word sequences of {SHARED_MIN_N} or more words found in 2 or more documents.", {
        "ngram": (S, "The words, lower case", ""), "n": (I, "Number of words", "words"),
        "n_docs": (I, "Documents using it", "documents"), "uses": (I, "Times it stands in the corpus, also inside a longer sequence", "uses"),
        "n_paragraphs": (I, "Paragraphs holding it", "paragraphs"),
        "documents": (S, "Document ids, separated by ;", ""),
        "paragraphs": (S, "doc_id:paragraph of each paragraph holding it, separated by ;", "")}, key=("ngram",))

NEAR_MATCHES = table("near_matches", "Near matches", "Pairs of sentences from different documents whose character n-gram TF-IDF "
                     f"cosine is at least {NEAR_THRESHOLD} (sentences of {NEAR_MIN_WORDS}+ words; none beyond "
                     f"{NEAR_MAX_SENTENCES:,} sentences).", {
        "doc_a": DOC, "paragraph_a": PAR, "sentence_a": (I, "Sentence number within the paragraph", ""),
        "doc_b": DOC, "paragraph_b": PAR, "sentence_b": (I, "Sentence number within the paragraph", ""),
        "score": (N, "Cosine of the two sentences' character 3-5-gram TF-IDF vectors", "0 to 1"),
        "text_a": (S, "Sentence of doc_a", ""), "text_b": (S, "Sentence of doc_b", ""),
        "paraphrase": (S, "The reading check's verdict (near_match_checks.csv): yes, no, or empty if unread", "")},
    key=("doc_a", "paragraph_a", "sentence_a", "doc_b", "paragraph_b", "sentence_b"))

TOPICS = table("topics", "NMF topics", "The top terms of each topic of the unsupervised check.", {
        "topic": (I, "Topic number", ""), "rank": (I, "Rank of the term in the topic", ""),
        "term": (S, "Term", ""), "weight": (N, "Weight of the term in the topic", "")}, key=("topic", "rank"))

TOPIC_THEMES = table("topic_themes", "Topics against themes", "How closely each NMF topic follows each theme over paragraphs.", {
        "topic": (I, "Topic number", ""), "theme": (S, "Theme id", ""),
        "r": (N, "Pearson correlation over paragraphs of topic weight and theme hits", "-1 to 1")},
    key=("topic", "theme"))

TOPIC_STABILITY = table("topic_stability", "Topic check, repeated", "The NMF check under other numbers of topics and random starts: "
                        "each theme's best correlation with any topic, per run.", {
        "n_topics": (I, "Number of topics", "topics"), "init": (S, "Start: nndsvd (the book's) or random", ""),
        "seed": (I, "Random seed of the start (0 for nndsvd)", ""), "theme": (S, "Theme id", ""),
        "r": (N, "Best Pearson correlation over paragraphs of a topic's weight and the theme's hits", "-1 to 1"),
        "emerges": (B, f"Whether r is at least {EMERGES_AT}", ""),
        "paragraphs": (I, f"Paragraphs the run fitted: all, or the same seeded random sample of {STABILITY_PARAGRAPHS:,} "
                          "in every run when there are more", "paragraphs"),
        "of_paragraphs": (I, "Paragraphs in the matrix (those with a content term)", "paragraphs")},
    key=("n_topics", "init", "seed", "theme"))

RECALL = table("recall", "Codebook recall", "Per theme read for recall (theme_recall.csv): paragraphs matched and not, "
               "unmatched paragraphs read and judged about the theme, and the recall they imply.", {
        "theme": (S, "Theme id", ""), "matched": (I, "Paragraphs with a hit", "paragraphs"),
        "unmatched": (I, "Paragraphs without a hit", "paragraphs"),
        "read": (I, "Unmatched paragraphs sampled (seeded) and read", "paragraphs"),
        "missed": (I, "Of those, judged about the theme", "paragraphs"),
        "estimated_missed": (N, "missed / read x unmatched", "paragraphs"),
        "precision": (N, "The theme's precision from its reading check (1 if none)", "0 to 1"),
        "recall": (N, "matched x precision / (that + estimated_missed)", "0 to 1"),
        "recall_low": (N, "recall with the upper end of the 95% Wilson interval of the share missed", "0 to 1"),
        "recall_high": (N, "recall with the lower end of that interval", "0 to 1")}, key=("theme",))

SELF_REPORTS = table("self_reports", "The article's own record", "Accounts the article gives of Kazakhstan's work on the Council "
                     "(self_reports.csv), with the statement paragraphs that speak of the same thing.", {
        "claim": (S, "The account, in the book's words", ""), "passage": (S, "The article's words", ""),
        "statement_pattern": (S, "Regular expression searched in the statements (case ignored)", ""),
        "note": (S, "What the check finds and why", ""),
        "article_paragraph": (I, "Paragraph of the article holding the passage", ""),
        "statement_paragraphs": (S, "doc_id:paragraph of each statement paragraph matching, separated by ;", ""),
        "n_statements": (I, "Statements with such a paragraph", "documents")})

GAZETTEER = table("gazetteer", "Actor gazetteer", "The actors the book looks for, with every name matched (from actors.csv).", {
        "actor": (S, "Actor", ""), "kind": (S, "Kind of actor (un_organ, regional_org, state, region…)", ""),
        "acronym": (S, "Acronym, where it has one", ""), "names": (S, "Names matched, separated by ;", ""),
        "note": (S, "Choices and context", "")}, key=("actor",))

ACTORS = table("actors", "Actors per document", "Which organizations, states, places and officials each document names.", {
        "doc_id": DOC, "actor": (S, "Actor (see gazetteer.csv)", ""), "acronym": (S, "Its acronym", ""),
        "kind": (S, "Kind of actor", ""), "mentions": (I, "Mentions by any of its names", "mentions"),
        "forms": (S, "The names used, separated by ;", "")}, key=("doc_id", "actor"))

ACTOR_MENTIONS = table("actor_mentions", "Actor mentions", "Every mention of an actor.", {
        "doc_id": DOC, "paragraph": PAR, "actor": (S, "Actor", ""),
        "start": (I, "First character of the mention in the paragraph, from 0", "characters"),
        "end": (I, "Character after the mention", "characters"), "match": (S, "The name as printed", "")},
    key=("doc_id", "paragraph", "start", "end"))

ACTOR_NETWORK = table("actor_network", "Actor co-mentions", "Pairs of actors named in the same paragraph.", {
        "actor_a": (S, "Actor", ""), "actor_b": (S, "Actor", ""),
        "paragraphs": (I, "Paragraphs naming both", "paragraphs"),
        "documents": (I, "Documents with such a paragraph", "documents")}, key=("actor_a", "actor_b"))

ACRONYMS = table("acronyms", "Acronyms", "Acronyms the texts define, linked to the expansion the text gives.", {
        "doc_id": DOC, "paragraph": PAR, "acronym": (S, "The acronym", ""),
        "expansion": (S, "The long form before it, as printed", ""),
        "actor": (S, "The gazetteer actor with this acronym (empty if none)", ""),
        "expansion_listed": (B, "Whether the gazetteer lists this expansion among the actor's names", "")})

STANCE = table("stance", "Stance markers", "Per document and stance marker (zeros kept).", {
        "doc_id": DOC, "category": (S, "framing, modality or appreciation", ""), "marker": (S, "The marker", ""),
        "count": (I, "Matches", "matches"), "per_1000": (N, "Matches per 1,000 word tokens", "per 1,000 words")},
    key=("doc_id", "category", "marker"))

STANCE_HITS = table("stance_hits", "Stance hits", "Every match of a stance marker.", {
        "doc_id": DOC, "paragraph": PAR, "category": (S, "Category", ""), "marker": (S, "Marker", ""),
        "start": (I, "First character of the match in the paragraph, from 0", "characters"),
        "end": (I, "Character after the match", "characters"), "match": (S, "The words matched, as printed", "")},
    key=("doc_id", "paragraph", "marker", "start", "end"))

STANCE_MARKERS = table("stance_markers", "Stance marker list", "The stance markers counted (from stance.csv).", {
        "category": (S, "framing, modality or appreciation", ""), "marker": (S, "The marker", ""),
        "pattern": (S, "Regular expression, matched case-insensitively on whole words", ""),
        "note": (S, "What it includes and leaves out", "")}, key=("category", "marker"))

ROBUSTNESS = table("robustness", "Robustness", "Top keywords and theme rankings under each preprocessing variant, "
                                 "against the book's choice.", {
        "analysis": (S, "keywords or themes", ""), "scope": (S, "Document id, or ALL (themes: mean over documents)", ""),
        "variant": (S, "The variant's three choices", ""), "stopwords": (S, "removed or kept", ""),
        "grouping": (S, "lemma or stem", ""), "min_count": (I, "Minimum uses (keywords) or hits (themes)", ""),
        "changed": (S, "Choices that differ from the book's, joined by +; none for the book's own", ""),
        "k": (I, "Length of the top lists compared (themes: a tie at the k-th place is kept whole, every theme "
                 "of that place's rate counted, so that a top list may be longer: n_book, n_variant)", "items"),
        "n_book": (I, "Items in the book's top list", "items"), "n_variant": (I, "Items in the variant's top list", "items"),
        "overlap": (N, "Items in both top lists over the longer list", "0 to 1"),
        "spearman": (N, "Spearman's rank correlation with the book's ranking", "-1 to 1")},
    key=("analysis", "scope", "variant"))

ROBUSTNESS_LISTS = table("robustness_lists", "Robustness lists", "The ranked lists each variant gives.", {
        "analysis": (S, "keywords or themes", ""), "scope": (S, "Document id, or ALL", ""),
        "variant": (S, "The variant's three choices", ""), "rank": (I, "Rank in the list, from 1", ""),
        "item": (S, "Key term, or theme id", ""),
        "per_1000": (N, "Themes: the theme's hits under the variant per 1,000 word tokens where stopwords are kept, per "
                        "1,000 content words (stop tokens left out) where they are removed; for ALL, the mean over the "
                        "documents; empty for keywords", "per 1,000 words or content words")},
    key=("analysis", "scope", "variant", "rank"))


#: Every table ``build`` writes, in the order the Data page lists them.
TABLES: tuple[Table, ...] = (
    DOCUMENTS, PARAGRAPHS, SENTENCES, TOKENS, CLEANING_LOG, PERIODS, KNOWN_TYPOS, FREQUENCIES, KEYNESS,
    DISPERSION, COLLOCATIONS, LEXDIV, CODEBOOK, THEME_CHECKS, THEME_HITS, THEMES, THEME_COOCCURRENCE,
    SIMILARITY, SHARED_PHRASES, NEAR_MATCHES, TOPICS, TOPIC_THEMES, TOPIC_STABILITY, RECALL, SELF_REPORTS,
    GAZETTEER, ACTORS, ACTOR_MENTIONS, ACTOR_NETWORK, ACRONYMS, STANCE, STANCE_HITS, STANCE_MARKERS,
    ROBUSTNESS, ROBUSTNESS_LISTS,
)
#: The declarations by table name.
SCHEMA: dict[str, Table] = {t.name: t for t in TABLES}
#: The tables also written as Parquet.
IN_PARQUET: tuple[Table, ...] = tuple(t for t in TABLES if "parquet" in t.formats)
