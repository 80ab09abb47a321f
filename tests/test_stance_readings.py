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
                       "Many thanks for the briefing.")
    found = causal_thanks(hits_of(frame), frame)
    assert found["paragraph"].tolist() == [1]


def test_should_is_conditional_only_with_its_subject_after_it():
    frame = paragraphs("Should they be deployed jointly, their roles must stay apart.",
                       "We should ensure closer cooperation.",
                       "Missions should there be a ceasefire will follow.")
    found = conditional_should(hits_of(frame), frame)
    assert sorted(found["paragraph"]) == [1, 3]


def test_thanks_reach_the_chair_or_a_briefer_only_before_their_reason_or_the_sentence_end():
    frame = paragraphs("I thank you, Mr. President, for convening this debate.",
                       "I thank Ms. Smith. Mr. President, the debate matters.",
                       "I am grateful to Indonesia for its presidency of the Council.",
                       "We are grateful to the Secretary-General Guterres for his briefing.",
                       "We are grateful to Kazakhstan for its role.")
    hits = hits_of(frame)
    thanking = hits[hits["category"] == "appreciation"]
    mentions = pd.DataFrame({"doc_id": "d", "paragraph": [3, 4, 5], "start": [
        frame["text"][2].index("Indonesia"), frame["text"][3].index("Guterres"), frame["text"][4].index("Kazakhstan")],
        "actor": ["Indonesia", "António Guterres", "Kazakhstan"]})
    gazetteer = pd.DataFrame({"actor": ["Indonesia", "António Guterres", "Kazakhstan"],
                              "kind": ["state", "un_official", "state"]})
    documents = pd.DataFrame({"doc_id": ["d"], "presidency": ["Indonesia"]})
    addressed = thanks_the_chair_or_a_briefer(thanking, frame, mentions, gazetteer, documents)
    by_paragraph = dict(zip(thanking["paragraph"], addressed))
    # 1: the President before the reason; 2: "Mr. President" only after the sentence's end;
    # 3: the presiding state; 4: an official; 5: a state that does not preside.
    assert by_paragraph == {1: True, 2: False, 3: True, 4: True, 5: False}
    # Without a presidency, the presiding state is no addressee.
    no_chair = documents.assign(presidency=[None])
    assert not thanks_the_chair_or_a_briefer(thanking[thanking["paragraph"] == 3], frame, mentions, gazetteer,
                                             no_chair).any()
