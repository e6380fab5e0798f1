"""The shape of a question's choices a blind guesser reads: the key's rank over many draws, its
roundness against the wrong choices', constant ladders and ratio families around it."""

from collections import Counter
from datetime import date

import pytest

from quizzes.generation.display import number_of
from quizzes.generation.distractors import (
    FAMILY_RATIOS,
    distractor_pool,
    is_simple_ratio,
    make_choices,
)
from quizzes.generation.distractors.ranks import (
    constant_ladder,
    derived_from_key,
    roundness,
    roundness_matched,
)
from quizzes.generation.extraction import extract_facts
from quizzes.generation.types import LibraryContext, SentenceText

PUBLISHED = date(2024, 11, 8)


def pool_of(*texts, published=PUBLISHED):
    sentences = tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts))
    facts = tuple(f for s in sentences for f in extract_facts(s, published=published))
    pool = distractor_pool(facts=facts, context=LibraryContext(), published=published,
                           sentences=sentences)  # fmt: skip
    return pool, facts


@pytest.mark.parametrize(
    ("choice", "kind", "expected"),
    [
        ("10 November 2020", "date", 1),
        ("8 November", "date", 0),
        ("20–21 February 2023", "date", 1),
        ("July 2013", "date", 0),
        ("2020", "date", 1),
        ("2000", "date", 3),
        ("04:30", "date", 1),
        ("22:00", "date", 2),
        ("06:15", "date", 0),
        ("640 houses", "number", 1),
        ("2,000 households", "number", 3),
        ("286 villages", "number", 0),
        ("2.45 km", "number", -2),
        ("thirty years", "number", 1),
    ],
)
def test_roundness_reads_a_choice_as_a_blind_guesser_does(choice, kind, expected):
    assert roundness(choice, kind=kind) == expected


def test_a_set_is_matched_when_the_key_is_neither_the_lone_roundest_nor_the_lone_odd_one():
    assert roundness_matched(1, [0, 0, 1])  # 10 November with 1 November: a tie
    assert not roundness_matched(1, [0, 0, 0])  # 10 November among 8, 16, 27
    assert roundness_matched(0, [0, 1, 0])  # 286 with 300: the key is not the roundest
    assert not roundness_matched(0, [1, 1, 2])  # 45 among 40, 50, 100: the lone odd figure
    assert roundness_matched(-1, [-1, -1, -1])  # 2.4 with 1.5, 2.0, 2.1


def test_a_constant_ladder_is_told_from_irregular_steps():
    assert constant_ladder(30.0, [10.0, 20.0, 40.0])
    assert constant_ladder(205.0, [225.0, 245.0, 265.0])
    assert not constant_ladder(30.0, [10.0, 25.0, 40.0])
    assert not constant_ladder("2020-11-10", ["2020-09-27", "2020-11-08", "2020-11-15"])


def test_a_round_day_is_not_the_roundest_of_its_choices():
    texts = (
        "The Trilateral Statement was signed on 10 November 2020.",
        "The army entered Shusha on 8 November 2020.",
        "The fighting began on 27 September 2020.",
    )
    pool, facts = pool_of(*texts)
    key = next(f for f in facts if f.value == "2020-11-10")
    for seed in "abcdef":
        for rank in range(4):
            choices = make_choices(fact=key, answer="10 November 2020", seed=seed, rank=rank,
                                   pool=pool, sentence=texts[0], sentence_facts=(key,))  # fmt: skip
            assert len(choices) == 4
            wrong = [roundness(c, kind="date") for c in choices if c != "10 November 2020"]
            assert max(wrong) >= 1, choices  # another round day: 1, 15, 20 or 30


def test_a_round_year_is_not_the_roundest_of_its_choices():
    text = "Violent clashes took place in the region in 2020."
    pool, facts = pool_of(text, published=date(2023, 11, 8))
    key = next(f for f in facts if f.value == "2020")
    for seed in "abcdef":
        for rank in range(4):
            choices = make_choices(fact=key, answer="2020", seed=seed, rank=rank, pool=pool,
                                   sentence=text, sentence_facts=(key,))  # fmt: skip
            wrong = [roundness(c, kind="date") for c in choices if c != "2020"]
            assert wrong and max(wrong) >= 1, choices


def test_a_one_digit_key_gets_no_constant_ladder_when_another_set_exists():
    text = "The provinces were under occupation for nearly 30 years."
    pool, facts = pool_of(text)
    key = next(f for f in facts if f.text.startswith("nearly 30"))
    for seed in "abcd":
        for rank in range(4):
            choices = make_choices(fact=key, answer="nearly 30 years", seed=seed, rank=rank,
                                   pool=pool, sentence=text, sentence_facts=(key,))  # fmt: skip
            assert len(choices) == 4
            values = sorted(number_of(c) for c in choices)
            assert not constant_ladder(values[0], values[1:]), choices


def test_over_many_draws_the_keys_rank_is_spread_and_no_choice_is_a_family_ratio():
    """Over many figures, each drawn with its own seed and no rank asked for, the key is at each
    rank of the sorted choices 20-30% of the time, is the lone roundest at most about a quarter
    of the time, and no wrong choice is a family ratio (×0.5, ×1.5, ×2 ...) of it."""
    ranks, roundest, counted = Counter(), 0, 0
    for n in range(37, 837, 2):
        text = f"Shelling damaged {n} houses in the district."
        pool, facts = pool_of(text)
        key = next(f for f in facts if f.unit == "houses")
        answer = f"{n} houses"
        choices = make_choices(fact=key, answer=answer, seed=f"spread-{n}", pool=pool,
                               sentence=text, sentence_facts=(key,))  # fmt: skip
        assert len(choices) == 4, (n, choices)
        values = [number_of(c) for c in choices]
        assert values == sorted(values)
        ranks[choices.index(answer)] += 1
        counted += 1
        wrong = [v for c, v in zip(choices, values, strict=True) if c != answer]
        assert not any(is_simple_ratio(v, n, ratios=FAMILY_RATIOS) for v in wrong), choices
        key_round = roundness(answer, kind="number")
        if key_round > max(roundness(c, kind="number") for c in choices if c != answer):
            roundest += 1
    assert all(0.2 <= ranks[r] / counted <= 0.3 for r in range(4)), ranks
    assert roundest / counted <= 0.1


def test_a_key_of_ten_gets_choices_of_its_own_scale_one_as_round_as_it():
    # Not 30 / 40 / 60 feet for a crest of 10: within a few times the key, one of them as round
    # as it (30). Above 2, 3 and 7 a "10" would be the lone roundest: it never tops its set.
    text = "The tsunami reached a height of 10 meters in the port."
    pool, facts = pool_of(text)
    key = next(f for f in facts if f.kind == "number")
    for seed in "abcdef":
        for rank in range(4):
            choices = make_choices(fact=key, answer="10 meters", seed=seed, rank=rank, pool=pool,
                                   sentence=text, sentence_facts=(key,))  # fmt: skip
            assert len(choices) == 4 and choices.index("10 meters") == min(rank, 2)
            values = [number_of(c) for c in choices]
            assert max(values) <= 35, choices
            assert any(v % 10 == 0 and v != 10 for v in values), choices


def test_a_key_the_other_figures_are_simple_steps_from_is_told():
    # 143 / 286 / 429 / 572: x0.5, x1.5, x2 of the key.
    assert derived_from_key(286.0, "286 villages", [(143.0, "143"), (429.0, "429"), (572.0, "572")])
    # 4,500 three hundreds from 4,200 and 4,900 at 7/6 of it; 5,900 from nothing.
    assert derived_from_key(4200.0, "4,200", [(4500.0, "4,500"), (4900.0, "4,900"),
                                              (5900.0, "5,900")])  # fmt: skip
    # 154 / 286 / 302 / 368: no figure the others step from more than from another.
    assert not derived_from_key(286.0, "286", [(154.0, "154"), (302.0, "302"), (368.0, "368")])
