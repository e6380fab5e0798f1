"""The attribution rule, in one place: who said it, and when it may go unsaid."""

from datetime import date

import pytest

from quizzes.generation import (
    attribution_for,
    attribution_may_be_dropped,
    extract_facts,
    is_casualty_or_money,
)
from quizzes.generation.types import SentenceText

PUBLISHED = date(2023, 11, 8)


@pytest.mark.parametrize(
    ("outlet", "voice", "expected"),
    [
        ("TRT", "news", "According to TRT"),
        ("TRT World", "news", "According to TRT World"),
        ("Caspian Post", "opinion", "According to an opinion piece in the Caspian Post"),
        ("The Guardian", "opinion", "According to an opinion piece in The Guardian"),
        ("Wikinews", "news", "According to Wikinews"),
        (
            "Ministry of Emergency Situations",
            "official",
            "According to an official statement published by the Ministry of Emergency Situations",
        ),
        ("  Caspian   Post ", "news", "According to the Caspian Post"),
        ("", "news", "According to an unnamed outlet"),
    ],
)
def test_attribution_for(outlet, voice, expected):
    assert attribution_for(outlet=outlet, voice=voice) == expected


def test_a_single_source_claim_is_always_attributed():
    assert not attribution_may_be_dropped(alignments=["azerbaijan"])
    assert not attribution_may_be_dropped(alignments=["azerbaijan", "azerbaijan"])
    assert not attribution_may_be_dropped(alignments=["azerbaijan", "unknown"])


def test_attribution_may_be_dropped_only_when_different_alignments_corroborate():
    assert attribution_may_be_dropped(alignments=["azerbaijan", "armenia"])
    assert attribution_may_be_dropped(alignments=["armenia", "third_party", "armenia"])


def test_casualty_and_money_figures_keep_their_attribution_whoever_corroborates():
    assert not attribution_may_be_dropped(
        alignments=["azerbaijan", "armenia", "third_party"], casualty_or_money=True
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the war, the army lost 2,908 martyrs.", True),
        ("Then 94 Azerbaijani civilians died as a result of the attacks.", True),
        ("Armenia counted 3,773 killed in the war.", True),
        ("Azerbaijan spent $7 billion on reconstruction.", True),
        ("The army liberated 286 villages.", False),
    ],
)
def test_is_casualty_or_money(text, expected):
    (fact,) = [
        f for f in extract_facts(SentenceText(0, text), published=PUBLISHED) if f.kind == "number"
    ]
    assert is_casualty_or_money(fact=fact, sentence=text) is expected
