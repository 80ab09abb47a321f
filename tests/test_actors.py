"""Actors: the gazetteer matcher, acronym detection, the co-mention network, and bad gazetteers."""

from __future__ import annotations

import contextlib
import io

import pandas as pd
import pytest

from unscspeech.measures.actors import (Actor, actor_counts, comention_network, find_acronyms, find_mentions, load_gazetteer,
                               link_acronyms)
from unscspeech.input.problems import CorpusError

from conftest import DATA, run_cli_in_process


def paragraphs(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    return pd.DataFrame({"doc_id": doc_id, "paragraph": range(1, len(texts) + 1), "text": list(texts)})


def actor(name, kind, names, acronym=""):
    return Actor(name, kind, acronym, tuple(names) + ((acronym,) if acronym else ()), "")


GAZ = [
    actor("United Nations", "un_organ", ["United Nations"], "UN"),
    actor("Centre", "un_office", ["United Nations Regional Centre for Preventive Diplomacy for Central Asia"]),
    actor("Central Asia", "region", ["Central Asia"]),
    actor("Sudan", "state", ["Sudan"]),
    actor("South Sudan", "state", ["South Sudan"]),
    actor("African Union", "regional_org", ["African Union"], "AU"),
    actor("Kazakhstan", "state", ["Kazakhstan"]),
]


def test_the_longest_name_wins_and_counts_once():
    text = ("The United Nations Regional Centre for Preventive Diplomacy for Central Asia works in Central Asia; "
            "the United Nations supports it.")
    found = find_mentions(GAZ, paragraphs(text))
    assert found["actor"].tolist() == ["Centre", "Central Asia", "United Nations"]


def test_a_hyphen_before_a_capital_joins_two_names_and_a_lower_case_one_joins_a_word():
    found = find_mentions(GAZ, paragraphs("the United Nations-African Union partnership, a United Nations-led "
                                          "effort and a pro-Kazakhstan vote"))
    assert found["actor"].tolist() == ["United Nations", "African Union", "Kazakhstan"]


def test_states_whose_names_nest_are_told_apart():
    found = find_mentions(GAZ, paragraphs("Sudan and South Sudan, and Kazakhstan's partners."))
    assert found["actor"].tolist() == ["Sudan", "South Sudan", "Kazakhstan"]
    assert found["match"].tolist() == ["Sudan", "South Sudan", "Kazakhstan"]


def test_acronyms_match_only_as_written():
    found = find_mentions(GAZ, paragraphs("The AU met; au revoir, said the Au pair, and the UN listened."))
    assert found["match"].tolist() == ["AU", "UN"]


def test_acronyms_are_linked_to_the_expansion_the_text_gives():
    text = ("Kazakhstan initiated the Conference on Interaction and Confidence-building Measures in Asia (CICA). "
            "It sat on the UN Security Council (UNSC), spoke with the Economic Community of West African States "
            "(ECOWAS) and with the Organization for Security and Cooperation in Europe (OSCE).")
    found = find_acronyms(paragraphs(text)).set_index("acronym")["expansion"].to_dict()
    assert found == {
        "CICA": "Conference on Interaction and Confidence-building Measures in Asia",
        "UNSC": "UN Security Council",
        "ECOWAS": "Economic Community of West African States",
        "OSCE": "Organization for Security and Cooperation in Europe",
    }


def test_a_parenthesis_that_is_not_a_definition_gives_nothing():
    text = "This is a forum that we support (CICA), and a year (2018) and a note (see above)."
    assert find_acronyms(paragraphs(text)).empty


def test_linking_reports_an_acronym_the_gazetteer_lacks():
    acronyms = pd.DataFrame({"doc_id": ["d", "d"], "paragraph": [1, 1], "acronym": ["AU", "XYZ"],
                             "expansion": ["African Union", "Xeno Yacht Zone"]})
    linked = link_acronyms(acronyms, GAZ)
    assert linked["actor"].tolist() == ["African Union", ""]
    assert linked["expansion_listed"].tolist() == [True, False]


def test_counts_and_network_on_a_small_text():
    paras = paragraphs("The African Union and the United Nations.", "The AU, the AU and Kazakhstan.",
                       "Kazakhstan and the United Nations.")
    mentions = find_mentions(GAZ, paras)
    docs = pd.DataFrame({"doc_id": ["d"]})
    counts = actor_counts(mentions, GAZ, docs).set_index("actor")
    assert counts.loc["African Union", "mentions"] == 3
    assert counts.loc["African Union", "forms"] == "African Union; AU"
    network = comention_network(mentions).set_index(["actor_a", "actor_b"])["paragraphs"].to_dict()
    assert network == {("African Union", "United Nations"): 1, ("African Union", "Kazakhstan"): 1,
                       ("Kazakhstan", "United Nations"): 1}


def test_every_acronym_the_corpus_defines_is_in_the_gazetteer(tables):
    acronyms = tables["acronyms.csv"]
    assert len(acronyms) > 0
    assert (acronyms["actor"] != "").all(), acronyms[acronyms["actor"] == ""]
    assert acronyms["expansion_listed"].all(), acronyms[~acronyms["expansion_listed"]]


def test_actor_counts_add_up_to_the_mentions(tables):
    actors, mentions = tables["actors.csv"], tables["actor_mentions.csv"]
    assert actors["mentions"].sum() == len(mentions)
    assert set(actors["kind"]) <= {"un_organ", "un_office", "un_official", "regional_org", "other_org", "state",
                                   "region", "official"}
    paragraphs_ = tables["paragraphs.csv"].set_index(["doc_id", "paragraph"])["text"]
    for m in mentions.itertuples():
        assert paragraphs_[(m.doc_id, m.paragraph)][m.start:m.end] == m.match


@pytest.mark.parametrize("row, message", [
    ("Nowhere,planet,,Nowhere,", "kind 'planet' is unknown"),
    ("UN again,un_organ,,United Nations,", "name 'United Nations' is already a name of 'United Nations'"),
    ("Empty,state,,,", "no names to match"),
    ("Dashes,state,,--,", "has no letters"),
])
def test_a_bad_gazetteer_is_reported_with_its_line(tmp_path, row, message):
    path = tmp_path / "actors.csv"
    path.write_text("actor,kind,acronym,names,note\nUnited Nations,un_organ,UN,United Nations,\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_gazetteer(path)
    assert any(message in str(p) and str(p).endswith(f":3: {p.message}") or (message in p.message and p.line == 3)
               for p in err.value.problems), err.value.problems


def test_a_bad_gazetteer_stops_the_build_cleanly(corpus):
    (corpus / "actors.csv").write_text("actor,kind,names\nX,state,X\n", encoding="utf-8")
    out = corpus.parent / "out"
    result = run_cli_in_process("build", "--corpus", str(corpus), "--out", str(out), cwd=corpus.parent)
    assert result.returncode == 2
    assert "actors.csv:1: required column 'acronym' is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_forms_that_differ_only_in_case_are_listed_in_one_order():
    """Spellings that differ only in case tie when sorted case-blind; the order of a set of strings
    changes with Python's per-process hash seed, so each seed must still give the same list.

    ``actor_counts`` runs here and in a process under a hash seed that puts the two spellings in
    the other order in a set made as ``actor_counts`` makes it (found by a quick probe, and checked
    by that process itself): a sort that left their tie to the set would list them differently."""
    import os
    import subprocess
    import sys

    from unscspeech.pipeline.tokens import normalise_for_matching

    cica = "Conference on Interaction and Confidence-Building Measures in Asia"
    other = "Conference on Interaction and Confidence-building Measures in Asia"
    matches = [other, cica, "CICA"]
    assert [normalise_for_matching(m) for m in matches] == matches  # the set holds these very strings
    in_set_order = (
        f"raw = set()\nfor m in {matches!r}:\n    raw.add(m)\n"
        f"print([f for f in raw if f != 'CICA'] == {[cica, other]!r})\n")
    code = (
        "import pandas as pd\n"
        "from unscspeech.measures.actors import Actor, actor_counts\n"
        f"cica, other = {cica!r}, {other!r}\n"
        "actors = [Actor(actor=cica, kind='regional_org', acronym='CICA', names=(cica, other), note='')]\n"
        "docs = pd.DataFrame({'doc_id': ['d']})\n"
        f"mentions = pd.DataFrame({{'doc_id': 'd', 'actor': cica, 'match': {matches!r}}})\n"
        + in_set_order +
        "print(actor_counts(mentions, actors, docs)['forms'].iloc[0])\n")

    def run(source: str, seed: str) -> list[str]:
        return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout.split("\n")

    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as here:
        exec(in_set_order, namespace)
    seed = next((s for s in map(str, range(1, 40)) if run(in_set_order, s)[0] != here.getvalue().strip()), None)
    assert seed is not None, "no hash seed tried puts the two spellings in the other order in a set"
    there = run(code, seed)
    assert there[0] != here.getvalue().strip()
    expected = ("CICA; Conference on Interaction and Confidence-Building Measures in Asia; "
                "Conference on Interaction and Confidence-building Measures in Asia")
    assert there[1].strip() == expected
    docs = pd.DataFrame({"doc_id": ["d"]})
    mentions = pd.DataFrame({"doc_id": "d", "actor": cica, "match": matches})
    gazetteer = [Actor(actor=cica, kind="regional_org", acronym="CICA", names=(cica, other), note="")]
    assert actor_counts(mentions, gazetteer, docs)["forms"].iloc[0] == expected


def test_acronym_detection_takes_time_linear_in_a_paragraph():
    from conftest import finishes

    # Each acronym's expansion was sought in all the text before it: time in the square of its length.
    text = "The Conference on Interaction and Confidence-building Measures in Asia (CICA) met. " * 20_000
    paras = pd.DataFrame({"doc_id": ["d"], "paragraph": [1], "text": [text]})
    found = finishes(lambda: find_acronyms(paras))
    assert len(found) == 20_000
    assert set(found["expansion"]) == {"Conference on Interaction and Confidence-building Measures in Asia"}
