"""What keeps auto-published questions publishable: relative time rewritten or kept out of
publication, one question per fact but one per event, no question giving another away, no
vague subject."""

import re
from datetime import date

import pytest

from quizzes.generation import generate_drafts
from quizzes.generation.stems import has_relative_expression, has_relative_time, rewrite_relative
from quizzes.generation.types import ArticleText, LibraryContext, SentenceText

PUBLISHED = date(2023, 11, 8)
THRESHOLD = 0.6  # what `make run` publishes above


def drafts_of(*texts, outlet="TRT", voice="news"):
    article = ArticleText(
        slug="an-article",
        title="A headline",
        outlet=outlet,
        published=PUBLISHED,
        sentences=tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts)),
        voice=voice,
    )
    return generate_drafts(article, context=LibraryContext())


def only(drafts, answer):
    (draft,) = [d for d in drafts if d.answer == answer]
    return draft


# -- relative time ----------------------------------------------------------------------------


def test_in_n_years_in_a_past_report_is_rewritten_against_the_published_date():
    draft = only(
        drafts_of(
            "Azerbaijan spent $7 billion for the reconstruction and reconstruction of the "
            "region in 3 years."
        ),
        "$7 billion",
    )
    assert draft.stem == (  # the source's doubled word is said once
        "According to TRT, how much did Azerbaijan spend for the reconstruction of the region "
        "between 2020 and 2023?"
    )
    assert draft.quality >= THRESHOLD


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("The state built 2 airports in the last 3 years.", "between 2020 and 2023"),
        ("The state built 2 airports over the past three years.", "between 2020 and 2023"),
        ("Violent clashes took place three years ago.", "in 2020"),
        ("The ministry spent $5 million in 3 years.", "between 2020 and 2023"),
        ("The storm gained strength last night.", "on the night of 7 November 2023"),
        ("The storm hit the coast early this morning.", "on the morning of 8 November 2023"),
        ("40 teams came to this year's festival.", "the 2023 festival"),
    ],
)
def test_relative_years_are_rewritten(text, rewritten):
    result = rewrite_relative(text, published=PUBLISHED, previous=None)
    assert rewritten in result
    assert not has_relative_time(result)


@pytest.mark.parametrize(
    "text",
    [
        # not a span up to publication: a term, or a plan
        "Each family can receive a certificate worth up to 5 million drams over 20 years.",
        "The bridge will be rebuilt in 3 years.",
    ],
)
def test_terms_and_plans_are_not_rewritten_as_past_years(text):
    assert rewrite_relative(text, published=PUBLISHED, previous=None) == text


def test_a_stem_left_relative_is_never_above_the_publishing_threshold():
    drafts = drafts_of("Armenia has attacked the villages for nearly 30 years.")
    (draft,) = drafts
    assert draft.stem == (
        "According to TRT on 8 November 2023, how long has Armenia attacked the villages?"
    )
    # the question itself is relative, and anchored, so still true when read later
    assert has_relative_time(draft.stem.split(", ", 1)[1])
    assert draft.quality < THRESHOLD


def test_relative_words_the_article_does_not_resolve_keep_the_fact_unasked():
    # "recently" is relative to a date the article does not give: the question would not
    # stand alone, so there is none.
    assert drafts_of("The ministry recently opened 12 schools.") == []
    assert drafts_of("The ministry opened 12 schools.") != []
    drafts = drafts_of(
        "The Azerbaijani government has spent the last 3 years since the end of the war on "
        "Nov. 10, 2020, with reconstruction.",
        "The ministry has opened 12 schools in the past two years.",
    )
    assert [d.answer for d in drafts] == ["12 schools"]
    assert "between 2021 and 2023" in drafts[0].stem
    for draft in drafts:
        assert not has_relative_expression(draft.stem), draft.stem


def test_the_present_perfect_since_a_date_is_anchored_to_the_published_date():
    draft = only(drafts_of("Since May 4, the hotline has received 3,874 calls."), "3,874 calls")
    # The opening phrase moves to the end of the question, where it reads naturally.
    assert draft.stem == (
        "According to TRT on 8 November 2023, how many calls has the hotline received since May 4?"
    )
    assert not has_relative_expression(draft.stem)
    assert draft.quality >= THRESHOLD


# -- one question per fact, one per event ------------------------------------------------------


def test_the_same_fact_stated_twice_is_one_question():
    drafts = drafts_of(
        "The Azerbaijani army, which liberated its lands in 44 days in the Second Karabakh "
        "War, put an end to the people's longing.",
        'The operation, which turned into a "homeland war" for Azerbaijan after a while, '
        "lasted 44 days.",
    )
    assert [d.answer for d in drafts] == ["44 days"]


def test_the_same_value_for_different_events_is_two_questions():
    drafts = drafts_of(
        "The official conclusion of the war came on November 10.",
        "Turkey commemorates Atatürk Memorial Day on November 10.",
        "Azerbaijan had to endure 44 days of diplomatic attacks.",
        "The operation lasted 44 days.",
    )
    answers = sorted(d.answer for d in drafts)
    assert answers.count("10 November") == 2
    assert answers.count("44 days") == 2
    assert len({d.fingerprint for d in drafts}) == len(drafts)


def test_a_date_stated_relative_to_another_is_that_date_again():
    drafts = drafts_of(
        "The shelling of villages began on Sept. 27, 2020.",
        "The army launched a counter-operation on the same day.",
    )
    assert [d.answer for d in drafts] == ["27 September 2020"]


# -- questions that would be unsafe beside another ---------------------------------------------


def test_a_question_giving_away_a_better_ones_answer_is_not_published():
    drafts = drafts_of(
        "In the war, the Azerbaijani army lost 2,908 martyrs, and 94 Azerbaijani civilians "
        "died as a result of Armenian aggression.",
        "Azerbaijan spent $7 billion for the reconstruction of the region in 3 years.",
        "Azerbaijan, which started to renovate all roads, has built 2 international airports "
        "in Fuzuli and Zangilan in the last 3 years.",
    )
    published = [d for d in drafts if d.quality >= THRESHOLD]
    for draft in published:
        for other in published:
            if other is not draft and other.sentence_position == draft.sentence_position:
                assert other.fact.text not in draft.stem, (draft.stem, other.answer)
    # "In how many years did Azerbaijan spend $7 billion ...?" states the money answer.
    money = only(drafts, "$7 billion")
    assert money.quality >= THRESHOLD
    assert all(d.quality < THRESHOLD for d in drafts if d.sentence_position == 1 and d is not money)


def test_a_vague_subject_is_not_published_when_the_article_has_another():
    drafts = drafts_of(
        "Azerbaijan launched an operation on Sept 19, 2023, in Karabakh.",
        "During the operation, which lasted approximately 24 hours, armed units laid down "
        "their arms.",
        'The operation, which turned into a "homeland war" after a while, lasted 44 days.',
    )
    # The only date the article gives anchors both ("the September 2023 operation"): the two
    # questions read the same, with different answers, so neither is published.
    for answer in ("approximately 24 hours", "44 days"):
        draft = only(drafts, answer)
        assert draft.stem.endswith("how long did the September 2023 operation last?")
        assert draft.quality < THRESHOLD


def test_a_relative_clause_is_asked_as_a_sentence_of_its_own():
    draft = only(
        drafts_of(
            "The Azerbaijani army, which liberated its lands in 44 days in the Second Karabakh "
            "War, put an end to the people's longing for their homeland for years."
        ),
        "44 days",
    )
    assert draft.stem == (
        "According to TRT, in how many days did the Azerbaijani army liberate its lands in "
        "the Second Karabakh War?"
    )
    assert draft.sentence_text[draft.answer_start : draft.answer_end] == "44 days"


def test_a_sentence_opening_with_a_verb_is_lowered_after_the_attribution():
    drafts = drafts_of(
        "Declaring November 8 as Victory Day was a well-made decision.",
        outlet="Caspian Post",
        voice="opinion",
    )
    # The naming of the day is asked ("which day was declared ..."), lowered after the comma.
    assert drafts
    assert all(re.search(r"Caspian Post, [a-z]", d.stem) for d in drafts)


def test_a_bare_weekday_left_in_a_stem_gets_its_date():
    drafts = drafts_of(
        "On Tuesday, a group of 150 displaced people staged a protest outside the government "
        "building, demanding faster payments."
    )
    draft = only(drafts, "150 displaced people")
    # 8 November 2023 was a Wednesday: "Tuesday" in its report is the day before.
    assert draft.stem == (
        "According to TRT, how many displaced people staged a protest outside the government "
        "building on Tuesday (7 November 2023)?"
    )


def test_a_weekday_that_is_the_answer_is_not_given_away():
    drafts = drafts_of("The bridge reopened to traffic on Saturday after two years of works.")
    for draft in drafts:
        if draft.fact.granularity == "weekday":
            assert "4 November" not in draft.stem
        else:
            assert "on Saturday (4 November 2023)" in draft.stem
