"""How the texts print a term: the tables hold lemmas in lower case, a reader expects "CICA".

Terms in the tables are lower case, their words joined by spaces ("central asia", "cica"); prose,
chart labels and chart descriptions show them as the texts print them ("Central Asia", "CICA").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd


def printed_forms(paragraphs: pd.DataFrame, terms: Iterable[str]) -> dict[str, str]:
    """Each term as the texts print it: in lower case if they ever print it so (a common word such
    as "security", capitalised in "Security Council" and at the start of a sentence; the commonest
    lower-case form, so that "non proliferation" reads "non-proliferation"), otherwise its most
    common surface form ("Central Asia", "CICA").

    The words of a term may be separated by spaces or hyphens in print; ties go to the form seen
    first. A term printed only with other marks between its words within a sentence (a shared
    formula counted on words, "… Measures in Asia (CICA)", "preventive diplomacy, conflict") is
    shown with its words as printed, apart by spaces. A term the texts never print (a stem, say) is
    given back as it is. The texts are searched once per term (twice for a term found only across
    marks), so the cost grows with the number of terms asked for, not of the vocabulary.

    >>> p = pd.DataFrame({"text": ["Central Asia and CICA.", "CENTRAL Asia; Central Asia, cica", "Security Council",
    ...                            "Security and security.", "Measures in Asia (CICA).",
    ...                            "non-proliferation, non proliferation, non-proliferation"]})
    >>> printed_forms(p, ["central asia", "cica", "security", "sustain"])
    {'central asia': 'Central Asia', 'cica': 'cica', 'security': 'security', 'sustain': 'sustain'}
    >>> printed_forms(p, ["in asia cica", "non proliferation"])
    {'in asia cica': 'in Asia CICA', 'non proliferation': 'non-proliferation'}
    """
    text = _joined(paragraphs)
    forms = {}
    for term in dict.fromkeys(terms):
        seen = _surface_forms(text, term) or _surface_forms(text, term, apart=ACROSS_MARKS)
        lower = Counter({form: n for form, n in seen.items() if form == form.lower()})
        forms[term] = (lower or seen).most_common(1)[0][0] if seen else term
    return forms


def in_sentence(label: str, paragraphs: pd.DataFrame | None = None) -> str:
    """A label as it stands inside a sentence: a leading article is lower-cased, and, given the
    corpus's paragraphs, a first word the texts mostly print in lower case too.

    Theme labels are written to head a line ("The security-development nexus", "Peacekeeping");
    placed after other words they must read "the security-development nexus", "peacekeeping".
    A first word the texts mostly capitalise ("Central Asia and Afghanistan") keeps its capital.

    >>> in_sentence("The security-development nexus")
    'the security-development nexus'
    >>> p = pd.DataFrame({"text": ["peacekeeping in Central Asia", "Central Africa, a central role"]})
    >>> in_sentence("Peacekeeping", p), in_sentence("Central Asia and Afghanistan", p)
    ('peacekeeping', 'Central Asia and Afghanistan')
    """
    for article in ("The ", "A ", "An "):
        if label.startswith(article):
            return article.lower() + label[len(article):]
    first = label.split(" ", 1)[0]
    if paragraphs is not None and first[:1].isupper() and first[1:2].islower():
        seen = _surface_forms(_joined(paragraphs), first.lower())
        if seen and seen.most_common(1)[0][0] == first.lower():
            return label[:1].lower() + label[1:]
    return label


def _joined(paragraphs: pd.DataFrame) -> str:
    return "\n".join(paragraphs["text"].astype(str))


#: What may stand between the words of a term: spaces and hyphens, as a term is printed.
APART = r"[\s\-]+"
#: Also any other mark within a sentence (a bracket, a comma), for a formula counted on words alone.
ACROSS_MARKS = r"[^\w.;:!?\n]+"


def _surface_forms(text: str, term: str, apart: str = APART) -> Counter:
    """How often each surface form of ``term`` stands in ``text``, in the order first seen (so that
    ties go to the first). Words are ``apart`` by spaces or hyphens, kept as printed; with any other
    ``apart``, the form is the printed words joined by spaces."""
    words = term.split()
    if apart == APART:
        pattern = r"(?<!\w)" + apart.join(re.escape(w) for w in words) + r"(?!\w)"
        return Counter(re.findall(pattern, text, flags=re.IGNORECASE))
    pattern = r"(?<!\w)" + apart.join(f"({re.escape(w)})" for w in words) + r"(?!\w)"
    found = re.findall(pattern, text, flags=re.IGNORECASE)
    return Counter(" ".join(f) if isinstance(f, tuple) else f for f in found)
