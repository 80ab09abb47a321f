"""The readings of stance hits that the stance chapter counts and quotes (measures/stance_readings.py),
on hits found by the stance markers themselves, as the build finds them."""

from __future__ import annotations

import pandas as pd

from conftest import DATA
from unscspeech.measures.stance import find_stance, load_markers
from unscspeech.measures.stance_readings import causal_thanks, conditional_should, thanks_the_chair_or_a_briefer

MARKERS = load_markers(DATA / "stance.csv")


def paragraphs(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "d", "paragraph": range(1, len(texts) + 1), "text": list(texts)})


def hits_of(frame: pd.DataFrame) -> pd.DataFrame:
    return find_stance(MARKERS, frame)


def test_thanks_to_is_causal_only_where_no_courtesy_word_comes_before_it():
    frame = paragraphs("Thanks to the mediators, the talks resumed.",
                       "We express our thanks to the Secretary-General.",
                       "She sent a letter of thanks to the President.",
                       "The delegation expressed thanks to the briefers.",
                       "Many thanks for the briefing.",
                       "Thanking to excess is a courtesy of its own.")
    hits = hits_of(frame)
    assert 6 in set(hits["paragraph"])  # the marker counts "Thanking"; only "thanks" can be the preposition
    found = causal_thanks(hits, frame)
    assert found["paragraph"].tolist() == [1]
    # None found: an empty table with the hits' columns, which a chapter can still read.
    none = causal_thanks(hits[hits["marker"] != "thanks"], frame)
    assert none.empty and list(none.columns) == list(hits.columns)


def test_should_is_conditional_only_with_its_subject_after_it():
    frame = paragraphs("Should they be deployed jointly, their roles must stay apart.",
                       "We should ensure closer cooperation.",
                       "Missions should there be a ceasefire will follow.")
    found = conditional_should(hits_of(frame), frame)
    assert sorted(found["paragraph"]) == [1, 3]
    no_should = hits_of(frame)[lambda h: h["marker"] != "should"]
    assert list(conditional_should(no_should, frame).columns) == list(found.columns)


def test_thanks_reach_the_chair_or_a_briefer_only_before_their_reason_or_the_sentence_end():
    frame = paragraphs("I thank you, Mr. President, for convening this debate.",
                       "I thank Ms. Smith. Mr. President, the debate matters.",
                       "I am grateful to Indonesia for its presidency of the Council.",
                       "We are grateful to the Secretary-General Guterres for his briefing.",
                       "We are grateful to Kazakhstan for its role.",
                       "We thank Kazakhstan for the presidency's work.",
                       "I thank Ms. Bachelet, the envoy, for the briefing.")
    hits = hits_of(frame)
    thanking = hits[hits["category"] == "appreciation"]
    thanking = thanking.set_axis(range(100, 100 + len(thanking)))  # labels, not positions, tie a hit to its answer
    named = [(3, "Indonesia", "Indonesia"), (4, "Guterres", "António Guterres"), (5, "Kazakhstan", "Kazakhstan"),
             (6, "Kazakhstan", "Kazakhstan"), (7, "Bachelet", "Michelle Bachelet")]
    mentions = pd.DataFrame([("d", p, frame["text"][p - 1].index(word), actor) for p, word, actor in named],
                            columns=["doc_id", "paragraph", "start", "actor"])
    gazetteer = pd.DataFrame({"actor": ["Indonesia", "António Guterres", "Kazakhstan", "Michelle Bachelet"],
                              "kind": ["state", "un_official", "state", "official"]})
    documents = pd.DataFrame({"doc_id": ["d"], "presidency": ["Indonesia"]})
    addressed = thanks_the_chair_or_a_briefer(thanking, frame, mentions, gazetteer, documents)
    assert addressed.index.equals(thanking.index)
    by_paragraph = {thanking.loc[label, "paragraph"]: value for label, value in addressed.items()}
    # 1: the President before the reason; 2: "Mr. President" only after the sentence's end;
    # 3: the presiding state; 4: an official; 5: a state that does not preside; 6: "presidency"
    # only in the reason, after "for"; 7: an official after "Ms.", whose full stop ends no sentence.
    assert by_paragraph == {1: True, 2: False, 3: True, 4: True, 5: False, 6: False, 7: True}
    # Without a presidency, the presiding state is no addressee.
    no_chair = documents.assign(presidency=[None])
    assert not thanks_the_chair_or_a_briefer(thanking[thanking["paragraph"] == 3], frame, mentions, gazetteer,
                                             no_chair).any()
