"""Fact extraction on literal sentences: dates in every common form, numbers, relative time."""

from datetime import date

import pytest

from quizzes.generation import extract_facts
from quizzes.generation.types import KnownEntity, SentenceText

PUBLISHED = date(2023, 11, 8)


def facts_of(text, **kwargs):
    kwargs.setdefault("published", PUBLISHED)
    return [(f.text, f.value) for f in extract_facts(SentenceText(position=0, text=text), **kwargs)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It happened on Nov. 8, 2020, in the city.", "Nov. 8, 2020", "2020-11-08"),
        ("It happened on 8 November 2020 in the city.", "8 November 2020", "2020-11-08"),
        (
            "Azerbaijan launched it on Sept 19, 2023, to restore order.",
            "Sept 19, 2023",
            "2023-09-19",
        ),
        ("The shelling on Sept. 27, 2020, was the last straw.", "Sept. 27, 2020", "2020-09-27"),
        ("The war ended on November 10, 2020.", "November 10, 2020", "2020-11-10"),
        ("It ended on Tuesday, November 10, 2020.", "Tuesday, November 10, 2020", "2020-11-10"),
        ("The war ended on the 10th of November, 2020.", "10th of November, 2020", "2020-11-10"),
        ("It was moved to November 8.", "November 8", "--11-08"),
        ("Although Nov. 10 was declared a holiday, it changed.", "Nov. 10", "--11-10"),
        ("Talks resumed on 3 March in Geneva.", "3 March", "--03-03"),
        ("The talks began in September 2023 in Brussels.", "September 2023", "2023-09"),
        ("The city was captured in 1992 by the army.", "1992", "1992"),
        ("The meeting started at 10:30 a.m. local time.", "10:30 a.m. local time", "T10:30"),
        ("Shelling began at 3 p.m. near the border.", "3 p.m.", "T15:00"),
    ],
)
def test_dates_in_every_common_form(text, span, value):
    assert (span, value) in facts_of(text)


def test_a_weekday_resolves_to_the_latest_such_day_before_publication():
    # 8 November 2023 was a Wednesday; the Monday before it was 6 November.
    facts = extract_facts(SentenceText(0, "The minister spoke on Monday."), published=PUBLISHED)
    assert [(f.text, f.value, f.granularity) for f in facts] == [
        ("Monday", "2023-11-06", "weekday")
    ]
    assert facts_of("The minister spoke on Wednesday.") == [("Wednesday", "2023-11-08")]


def test_a_weekday_the_sentence_looks_ahead_to_is_the_next_one():
    assert facts_of("Schools will remain closed until Monday.") == [("Monday", "2023-11-13")]
    assert facts_of("Do not return before Friday, engineers said.") == [("Friday", "2023-11-10")]


def test_a_month_named_alone_after_a_preposition_is_the_nearest_such_month():
    # Published 8 November 2023: August is the August before; June "before" is the next one.
    assert facts_of("By the end of August, 4,200 certificates had been issued.")[0] == (
        "August",
        "2023-08",
    )
    assert facts_of("Contracts will be signed before June, officials said.") == [
        ("June", "2024-06")
    ]
    assert facts_of("March on, they said.") == []


def test_a_range_of_days_is_one_date_fact():
    assert facts_of("The offensive of September 19-20, 2023 ended it.") == [
        ("September 19-20, 2023", "2023-09-19/2023-09-20")
    ]


def test_a_day_of_a_date_is_not_a_count():
    assert facts_of("The February 6 earthquakes killed thousands.") == [("February 6", "--02-06")]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Clashes took place three years ago in the region.", "three years ago", "2020"),
        ("The deal was signed yesterday in Baku.", "yesterday", "2023-11-07"),
        ("Prices rose last year across the country.", "last year", "2022"),
    ],
)
def test_relative_dates_resolve_against_the_published_date(text, span, value):
    assert (span, value) in facts_of(text)


def test_the_same_day_resolves_against_the_previous_date_or_is_left_out():
    text = "The army launched a counter-operation on the same day."
    assert facts_of(text, previous=date(2020, 9, 27)) == [("the same day", "2020-09-27")]
    assert facts_of(text) == []


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("The army liberated 286 villages from occupation.", "286 villages", "286", "villages"),
        ("The army lost 2,908 martyrs in the war.", "2,908 martyrs", "2908", "martyrs"),
        ("Then 94 Azerbaijani civilians died.", "94 Azerbaijani civilians", "94", "civilians"),
        (
            "It built 2 international airports in Fuzuli.",
            "2 international airports",
            "2",
            "airports",
        ),
        ("Azerbaijan spent $7 billion on rebuilding.", "$7 billion", "7000000000 USD", "USD"),
        ("The fund holds 250 million manat for it.", "250 million manat", "250000000 AZN", "AZN"),
        ("Turnout reached 45.5% in the capital.", "45.5%", "45.5", "%"),
        ("Turnout reached 60 percent in the capital.", "60 percent", "60", "%"),
        ("The road is 81 kilometres long.", "81 kilometres", "81 km", "km"),
        ("The 240-metre bridge opened.", "240-metre", "240 m", "m"),
        ("A magnitude 5.8 earthquake struck.", "magnitude 5.8", "5.8", "magnitude"),
        ("About 120,000 lived in the enclave.", "About 120,000", "120000", ""),
        ("It registered 100,617 displaced people.", "100,617 displaced people", "100617", "people"),
        ("Three cities were freed.", "Three cities", "3", "cities"),
        ("The corridor is 5 km wide.", "5 km", "5 km", "km"),
    ],
)
def test_numbers_with_their_noun_or_unit(text, span, value, unit):
    facts = extract_facts(SentenceText(0, text), published=PUBLISHED)
    assert (span, value, unit) in [(f.text, f.value, f.unit) for f in facts]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The army liberated its lands in 44 days.", "44 days", "P44D"),
        ("The 44-day war shattered all stereotypes.", "44-day", "P44D"),
        ("It was under occupation for nearly 30 years.", "nearly 30 years", "P30Y"),
        ("The operation lasted approximately 24 hours.", "approximately 24 hours", "PT24H"),
        ("Words awaited for 28 long years were spoken.", "28 long years", "P28Y"),
        ("The end of the thirty-year occupation came.", "thirty-year", "P30Y"),
        ("After thirty years of occupation it ended.", "thirty years", "P30Y"),
        ("It built airports in the last 3 years.", "the last 3 years", "P3Y"),
    ],
)
def test_durations(text, span, value):
    assert (span, value) in facts_of(text)


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        # numbers spelled out in several words, as broadcast scripts write them
        ("It gave an initial two-hundred-fifty-thousand dollars.",
         "two-hundred-fifty-thousand dollars", "250000 USD", "USD"),
        ("The kits are valued at one-point-two million dollars.",
         "one-point-two million dollars", "1200000 USD", "USD"),
        ("Aid has totaled approximately one-billion dollars.",
         "approximately one-billion dollars", "1000000000 USD", "USD"),
        ("Since then two-hundred-twenty-five volunteers have served.",
         "two-hundred-twenty-five volunteers", "225", "volunteers"),
        ("Some forty-thousand people have fled.", "Some forty-thousand people", "40000", "people"),
        ("It will benefit a half-million farmers.", "a half-million farmers", "500000", "farmers"),
        ("Supplies for as many as ten thousand people arrived.", "ten thousand people", "10000",
         "people"),
        # measures in the units American reports use, and a range of one
        ("The river was 10 feet above flood stage.", "10 feet", "10 ft", "ft"),
        ("Top winds reached 85 mph near the coast.", "85 mph", "85 mph", "mph"),
        ("The crew flew 252 statute miles above the ocean.", "252 statute miles", "252 mi", "mi"),
        ("Floods followed 12-14 inches of rain.", "12-14 inches", "12-14 in", "in"),
        # a storm's category and a quake's magnitude, however written
        ("Dean made landfall as a Category 5 storm.", "Category 5", "category 5", "category"),
        ("It was downgraded to a category 3 storm.", "category 3", "category 3", "category"),
        ("A quake with a magnitude of 7.0 struck.", "magnitude of 7.0", "7.0", "magnitude"),
        ("A massive 8.9 magnitude earthquake occurred.", "8.9 magnitude", "8.9", "magnitude"),
        # scores and records, and a player's tally written with a hyphen
        ("The Navy sailed past the Marines winning 74-45.", "74-45", "74-45", "score"),
        ("Their 63-40 win over the Marines showed it.", "63-40", "63-40", "score"),
        ("Army grounded Air Force with a 70-49 victory.", "70-49", "70-49", "score"),
        ("The two teams are both 3-1 after four games.", "3-1", "3-1", "score"),
        ("Horne topped the charts with 25-points.", "25-points", "25", "points"),
        ("Clark scored 17, with eight-rebounds.", "eight-rebounds", "8", "rebounds"),
        ("She played nearly the whole game with 38-mins.", "38-mins", "38", "minutes"),
        ("She hit five three-pointers in the half.", "five three-pointers", "5",
         "three-pointers"),
        # a counted noun after a name that ends in "s", after two coordinated modifiers
        ("All 36 Peace Corps Volunteers are safe.", "36 Peace Corps Volunteers", "36",
         "volunteers"),
        ("It gathered 15 allied and partner forces.", "15 allied and partner forces", "15",
         "forces"),
        # one figure counting two nouns, but never a verb of the next clause
        ("The 85 Volunteers and Volunteer-trainees are safe.",
         "85 Volunteers and Volunteer-trainees", "85", "volunteers"),
        ("The strike killed 12 soldiers and injured 40 civilians.", "12 soldiers", "12",
         "soldiers"),
        ("The bridge cost 62 million manat and now carries 4,500 vehicles a day.",
         "62 million manat", "62000000 AZN", "AZN"),
    ],
)  # fmt: skip
def test_numbers_in_more_shapes(text, span, value, unit):
    facts = extract_facts(SentenceText(0, text), published=PUBLISHED)
    assert (span, value, unit) in [(f.text, f.value, f.unit) for f in facts]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The ship docked at 10:55 p.m. EDT over the ocean.", "10:55 p.m. EDT", "T22:55"),
        ("The session ended at 4:10 p.m. PST after six hours.", "4:10 p.m. PST", "T16:10"),
        ("The talks ended at 14:30 local time on the border.", "14:30 local time", "T14:30"),
        ("Coverage on television begins at noon for the crew.", "noon", "T12:00"),
        ("The exercise runs July 26-August 6, 2021, in Georgia.", "July 26-August 6, 2021",
         "2021-07-26/2021-08-06"),
        ("The mission ran 23 January-20 February 2023 in Armenia.",
         "23 January-20 February 2023", "2023-01-23/2023-02-20"),
        ("He visited Armenia on 20 and 21 February 2023 for talks.", "20 and 21 February 2023",
         "2023-02-20/2023-02-21"),
        # no year: the year the article was written in
        ("The exercise was held in Armenia Sept. 11-20.", "Sept. 11-20", "2023-09-11/2023-09-20"),
    ],
)  # fmt: skip
def test_clock_times_with_zones_and_ranges_across_months(text, span, value):
    assert (span, value) in facts_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "The season ran 2010-2011 in the league.",  # years, not a score
        "Prices rose 3-4 percent from the start.",  # a range of shares, not a score
        "Its category was unclear to them.",
        "Our men fought at noonday.",
    ],
)
def test_no_score_time_or_category_where_there_is_none(text):
    assert not [f for f in facts_of(text) if f[1].startswith("T") or "-" in f[1]]


def test_spans_are_exact_and_never_overlap():
    text = "On Nov. 10, 2020, 3 leaders signed; 2,908 martyrs and $7 billion over 44 days."
    facts = extract_facts(SentenceText(0, text), published=PUBLISHED)
    assert len(facts) == 5
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text
    for first, second in zip(facts, facts[1:], strict=False):
        assert first.end <= second.start


@pytest.mark.parametrize(
    "text",
    [
        "The 2nd Karabakh War ended.",  # an ordinal in a name
        "It marked the third anniversary.",
        "Decree 703 was signed.",  # a bare number without a noun
        "Hundreds of families returned home.",  # vague, no figure
        "He may return.",
        "The border between the two countries is long.",  # a reference, not a figure
    ],
)
def test_no_fact_where_there_is_none(text):
    assert facts_of(text) == []


def test_entities_only_when_confirmed():
    text = "The army liberated Shusha and Lachin."
    shusha = KnownEntity(name="Shusha", type="city", aliases=("Shushi",))
    facts = extract_facts(SentenceText(0, text), published=PUBLISHED, entities=(shusha,))
    assert [(f.kind, f.text, f.value, f.unit) for f in facts] == [
        ("entity", "Shusha", "Shusha", "city")
    ]
    assert facts_of("Shushi was captured.", entities=(shusha,)) == [("Shushi", "Shusha")]
