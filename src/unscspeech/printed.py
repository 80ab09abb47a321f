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
    """Each term as the texts print it: its most common lower-case form if they ever print it in
    lower case (a common word such as "security", capitalised in "Security Council" and at the start
    of a sentence), otherwise its most common form ("Central Asia", "CICA").

    The words of a term may be separated by spaces or hyphens in print; ties go to the form seen
    first. A term the texts never print (a stem, say) is given back as it is. The texts are searched
    once per term, so the cost grows with the number of terms asked for, not of the vocabulary.

    >>> p = pd.DataFrame({"text": ["Central Asia and CICA.", "CENTRAL Asia; Central Asia, cica", "Security Council",
    ...                            "Security and security.", "non-proliferation, non proliferation, non-proliferation"]})
    >>> printed_forms(p, ["central asia", "cica", "security", "sustain"])
    {'central asia': 'Central Asia', 'cica': 'cica', 'security': 'security', 'sustain': 'sustain'}
    >>> printed_forms(p, ["non proliferation"])
    {'non proliferation': 'non-proliferation'}
    """
    text = _joined(paragraphs)
    forms = {}
    for term in dict.fromkeys(terms):
        seen = _surface_forms(text, term)
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


def _surface_forms(text: str, term: str) -> Counter:
    """How often each surface form of ``term`` stands in ``text``, words apart by spaces or hyphens,
    in the order first seen (so that ties go to the first)."""
    pattern = r"(?<!\w)" + r"[\s\-]+".join(re.escape(w) for w in term.split()) + r"(?!\w)"
    return Counter(re.findall(pattern, text, flags=re.IGNORECASE))
