"""Question drafts from literal articles: stems, filters, distractors, attribution, ranking."""

import re
from datetime import date

import pytest

from quizzes.generation import attribution_for, generate_drafts
from quizzes.generation.types import ArticleText, KnownEntity, LibraryContext, SentenceText

PUBLISHED = date(2023, 11, 8)


def make_article(*texts, outlet="TRT", voice="news", title="A headline", published=PUBLISHED):
    return ArticleText(
        slug="an-article",
        title=title,
        outlet=outlet,
        published=published,
        sentences=tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts)),
        voice=voice,
    )


def drafts_of(*texts, context=None, **kwargs):
    return generate_drafts(make_article(*texts, **kwargs), context=context or LibraryContext())


def assert_contract(draft):
    """What storage and export rely on for every draft."""
    assert draft.sentence_text[draft.answer_start : draft.answer_end] == draft.fact.text
    assert draft.stem.startswith(draft.attribution + " ") or draft.stem.startswith(
        draft.attribution + ","
    )
    assert draft.answer.lower() not in draft.stem.lower()
    assert draft.fact.text.lower() not in draft.stem.lower()
    assert 0.0 <= draft.quality <= 1.0
    assert len(draft.fingerprint) <= 64
    if draft.mode == "choice":
        assert len(draft.choices) == 4
        assert len(set(draft.choices)) == 4
        assert draft.choices.count(draft.answer) == 1
    else:
        assert draft.mode == "typed" and draft.choices == ()


def test_attribution_for_news_and_opinion():
    assert attribution_for(outlet="TRT", voice="news") == "According to TRT"
    assert (
        attribution_for(outlet="Caspian Post", voice="opinion")
        == "According to an opinion piece in the Caspian Post"
    )
    assert (
        attribution_for(outlet="Ministry of Foreign Affairs of Armenia", voice="official")
        == "According to the Ministry of Foreign Affairs of Armenia"
    )


def test_a_passive_date_sentence_becomes_an_on_what_date_question():
    (draft,) = drafts_of(
        "A trilateral declaration ending the war was signed between Azerbaijan, Armenia, "
        "and Russia on Nov. 10, 2020."
    )
    assert draft.stem == (
        "According to TRT, on what date was a trilateral declaration ending the war signed "
        "between Azerbaijan, Armenia, and Russia?"
    )
    assert draft.answer == "10 November 2020"
    assert draft.answer_normalized == "2020-11-10"
    assert draft.sentence_text[draft.answer_start : draft.answer_end] == "Nov. 10, 2020"
    assert_contract(draft)


def test_a_list_of_counts_gives_one_publishable_question():
    drafts = drafts_of("The Azerbaijani army liberated 5 cities, 4 towns, and 286 villages.")
    stems = sorted(d.stem for d in drafts)
    assert stems == [
        "According to TRT on 8 November 2023, how many cities did the Azerbaijani army liberate?",
        "According to TRT on 8 November 2023, how many towns did the Azerbaijani army liberate?",
        "According to TRT on 8 November 2023, how many villages did the Azerbaijani army liberate?",
    ]
    # The other items stay drafts for a teacher, ranked below any publishing threshold, and
    # all three are siblings.
    best, *others = drafts
    assert all(d.quality <= 0.45 < best.quality for d in others)
    assert len({d.sibling_key for d in drafts}) == 1
    for draft in drafts:
        assert_contract(draft)


def test_money_gets_a_how_much_question_and_scaled_choices_in_the_same_format():
    (draft,) = drafts_of("Azerbaijan spent $7 billion on the reconstruction of the region.")
    assert draft.stem == (
        "According to TRT on 8 November 2023, how much did Azerbaijan spend on the reconstruction of the region?"
    )
    assert draft.answer == "$7 billion"
    assert all(re.fullmatch(r"\$\d+(\.\d)? billion", c) for c in draft.choices)
    assert_contract(draft)


def test_a_date_inside_a_subordinate_clause_is_asked_about_that_clause():
    (draft,) = drafts_of(
        "Armenia accepted defeat after the Azerbaijani army liberated Shusha on Nov. 8, 2020."
    )
    # The date is the liberation's, not the defeat's: the question is the subordinate
    # clause's own, read as a statement.
    assert draft.stem == (
        "According to TRT, on what date did the Azerbaijani army liberate Shusha?"
    )
    assert_contract(draft)


def test_opinion_pieces_are_attributed_as_such():
    (draft,) = drafts_of(
        "The treaty was signed in Moscow on November 10, 2020.", outlet="Caspian Post",
        voice="opinion",
    )  # fmt: skip
    assert draft.stem.startswith("According to an opinion piece in the Caspian Post, ")


@pytest.mark.parametrize(
    "text",
    [
        "He signed the decree on Nov. 10, 2020.",  # unresolved pronoun
        "They liberated 286 villages from occupation.",
        'The president said: "We liberated 286 villages on Nov. 8, 2020."',  # inside a quote
        "“We waited 28 long years,” the minister said.",
    ],
)
def test_rejected_sentences_give_no_question(text):
    assert drafts_of(text) == []


def test_a_headline_gives_no_question():
    title = "Azerbaijan marks 3 years since the 44-day war"
    assert drafts_of(title, title=title) == []


def test_the_same_fact_stated_twice_is_one_question():
    drafts = drafts_of(
        "The 44-day war shattered all stereotypes.",
        "The operation lasted 44 days.",
        "The war ended on Nov. 10, 2020.",
        "The war officially ended on November 10, 2020, in Moscow.",
    )
    assert sorted(d.answer_normalized for d in drafts) == ["2020-11-10", "P44D"]
    by_value = {d.answer_normalized: d for d in drafts}
    assert by_value["P44D"].stem == "According to TRT, how long did the operation last?"


def test_relative_time_in_the_stem_is_rewritten_against_the_published_date():
    drafts = drafts_of("Azerbaijan has built 2 international airports in the last 3 years.")
    (airports,) = [d for d in drafts if d.answer == "2 international airports"]
    assert airports.stem == (
        "According to TRT, how many international airports has Azerbaijan built between 2020 "
        "and 2023?"
    )
    assert "1 international airports" not in airports.choices
    # The period itself ("the last 3 years") is counted from when the article was written:
    # no fact about the world, so it is not asked.
    assert [d.answer for d in drafts] == ["2 international airports"]


def test_a_relative_date_answer_is_shown_resolved():
    drafts = drafts_of(
        "The shelling of villages on the contact line began on Sept. 27, 2020.",
        "The Azerbaijani army launched a counter-operation on the same day on the orders of "
        "the president.",
    )
    # One fact (27 September 2020), asked where it is stated explicitly.
    (draft,) = drafts
    assert draft.answer == "27 September 2020"
    assert draft.sentence_text[draft.answer_start : draft.answer_end] == "Sept. 27, 2020"


def test_no_choice_is_the_answer_in_another_form():
    drafts = drafts_of(
        "The war ended on Nov. 10, 2020.",
        "Shusha was liberated on 8 November 2020.",
        context=LibraryContext(dates=("2020-11-10", "2020-11-08", "2020-09-27")),
    )
    for draft in drafts:
        assert_contract(draft)
        assert draft.answer in draft.choices
        other_forms = {"Nov. 10, 2020", "November 10, 2020", "8 November 2020"} - {draft.answer}
        assert not other_forms & set(draft.choices[:0])
        assert len({c.lower() for c in draft.choices}) == 4


def test_date_choices_prefer_real_dates_from_the_library():
    (draft,) = drafts_of(
        "The war ended on Nov. 10, 2020.",
        context=LibraryContext(dates=("2020-09-27", "2023-09-19", "1994-05-12")),
    )
    real = {"27 September 2020", "19 September 2023", "12 May 1994"}
    # The key, 10 November, is a round day: the blind-proof rule wants one other choice as
    # round as it (none of the library's dates is), so one real date gives way to it.
    assert len(real & set(draft.choices)) >= 1
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", c) for c in draft.choices)


def test_choices_are_the_same_on_every_run():
    texts = ("The army lost 2,908 martyrs in the war.", "The war ended on Nov. 10, 2020.")
    assert drafts_of(*texts) == drafts_of(*texts)


def test_entity_questions_use_confirmed_entities_of_the_same_type():
    cities = tuple(
        KnownEntity(name=n, type="city") for n in ("Shusha", "Lachin", "Fuzuli", "Aghdam")
    )
    drafts = drafts_of(
        "The Azerbaijani army entered Shusha after heavy fighting.",
        context=LibraryContext(entities=(*cities, KnownEntity(name="Russia", type="country"))),
    )
    (draft,) = [d for d in drafts if d.kind == "entity"]
    assert draft.answer == "Shusha"
    assert set(draft.choices) == {"Shusha", "Lachin", "Fuzuli", "Aghdam"}
    assert_contract(draft)


def test_an_entity_without_three_peers_is_a_typed_question():
    drafts = drafts_of(
        "The Azerbaijani army entered Shusha after heavy fighting.",
        context=LibraryContext(entities=(KnownEntity(name="Shusha", type="city"),)),
    )
    (draft,) = drafts
    assert draft.mode == "typed" and draft.choices == ()


def test_drafts_are_ranked_best_first_with_wh_questions_above_clozes():
    drafts = drafts_of(
        "Talks resumed in Vienna in the spring of 2021.",
        "A trilateral declaration was signed in Moscow on Nov. 10, 2020.",
    )
    assert [d.answer for d in drafts] == ["10 November 2020", "2021"]
    assert drafts[0].stem.endswith("?")
    # "the spring of 2021": the year is inside a noun phrase, so only a short cloze asks it.
    assert drafts[1].stem == "According to TRT, talks resumed in Vienna in the spring of ______."
    assert drafts[0].quality > drafts[1].quality


def test_an_intro_pointing_at_an_unseen_sentence_is_dropped_from_the_stem():
    text = "In response to this situation, Azerbaijan launched an operation on Sept 19, 2023."
    (draft,) = drafts_of(text)
    assert "this situation" not in draft.stem
    assert draft.stem == "According to TRT, on what date did Azerbaijan launch an operation?"
    assert text[draft.answer_start : draft.answer_end] == "Sept 19, 2023"


def test_a_month_question_asks_for_month_and_year():
    (draft,) = drafts_of("The European Commission signed a memorandum in July 2022.")
    assert draft.stem == (
        "According to TRT, in what month and year did the European Commission sign a memorandum?"
    )
    assert draft.answer == "July 2022"


def test_a_reported_speech_tag_becomes_the_cited_source():
    drafts = drafts_of(
        "The company's revenue totalled $6.1 billion in 2024, the central bank said."
    )
    by_kind = {d.kind: d for d in drafts}
    assert by_kind["date"].stem == (
        "According to TRT, citing the central bank, in what year did the company's revenue "
        "total $6.1 billion?"
    )
    assert by_kind["number"].stem == (
        "According to TRT, citing the central bank, how much did the company's revenue total "
        "in 2024?"
    )


def test_a_date_in_a_comparison_is_not_asked_as_the_main_event():
    drafts = drafts_of("Exports reached 24 countries in 2024, up from 17 countries in 2022.")
    # 2022 is the year of the earlier figure: asked, it is asked with that figure
    assert [d.stem for d in drafts if d.answer == "2022" and d.stem.endswith("?")] == [
        "According to TRT, in what year did exports reach 17 countries?"
    ]
    (year_2024,) = [d for d in drafts if d.answer == "2024"]
    assert year_2024.stem == "According to TRT, in what year did exports reach 24 countries?"


def test_a_date_opening_the_sentence_gives_a_wh_question():
    (draft,) = [
        d
        for d in drafts_of("On 4 May 2024, heavy rainfall caused the river to overflow its banks.")
        if d.kind == "date"
    ]
    assert draft.stem == (
        "According to TRT, on what date did heavy rainfall cause the river to overflow its banks?"
    )


def test_a_passive_count_gives_a_how_many_question():
    (draft,) = [
        d
        for d in drafts_of(
            "A total of 2,146 residents were evacuated from the valley, including 517 children."
        )
        if d.answer == "2,146 residents"
    ]
    assert (
        draft.stem
        == "According to TRT on 8 November 2023, how many residents were evacuated from the valley?"
    )


def test_a_source_cited_by_the_outlet_is_not_a_second_according_to():
    (draft,) = drafts_of("According to the governor's office, 14 people were treated in hospital.")
    # news of the day with no date of its own: the article's date says when
    assert draft.stem.startswith(
        "According to TRT on 8 November 2023, citing the governor's office, "
    )


def test_a_dateline_alone_gives_no_question():
    assert drafts_of("Monday, February 12, 2024") == []


def test_last_year_in_the_stem_becomes_the_year():
    drafts = drafts_of("Last year, the government allocated 1.2 billion manat to road repairs.")
    (money,) = [d for d in drafts if d.fact.unit == "AZN"]
    assert "Last year" not in money.stem and "last year" not in money.stem
    assert "2022" in money.stem


def test_an_entity_is_not_asked_when_an_alias_gives_it_away():
    shusha = KnownEntity(name="Shusha", type="city", aliases=("Shushi",))
    others = tuple(KnownEntity(name=n, type="city") for n in ("Lachin", "Fuzuli", "Aghdam"))
    drafts = drafts_of(
        "Armenians call Shusha Shushi.", context=LibraryContext(entities=(shusha, *others))
    )
    assert [d for d in drafts if d.kind == "entity"] == []
    # A relative clause holding the alias is dropped from the question, so nothing leaks.
    (draft,) = drafts_of(
        "Shusha, which Armenians call Shushi, was taken after heavy fighting.",
        context=LibraryContext(entities=(shusha, *others)),
    )
    assert "Shushi" not in draft.stem
    assert_contract(draft)


def test_number_choices_keep_the_writing_of_the_answer():
    drafts = drafts_of(
        "The dispute lasted thirty years.",
        "The army lost 2,908 martyrs in the war.",
        "Leaks were measured at 0.3 percent of throughput.",
    )
    by_answer = {d.answer: d for d in drafts}
    assert all(
        re.fullmatch(r"[a-z]+(-[a-z]+)? years", c) for c in by_answer["thirty years"].choices
    )
    assert all(re.fullmatch(r"\d,\d{3} martyrs", c) for c in by_answer["2,908 martyrs"].choices)
    assert all(re.fullmatch(r"0\.\d percent", c) for c in by_answer["0.3 percent"].choices)


def test_an_alias_next_to_the_rest_of_the_name_is_not_blanked_alone():
    aliyev = KnownEntity(name="Ilham Aliyev", type="person", aliases=("Aliyev",))
    others = tuple(
        KnownEntity(name=n, type="person") for n in ("Nikol Pashinyan", "Vladimir Putin", "X Y")
    )
    drafts = drafts_of(
        "The army launched a counter-operation on the orders of PresidentIlham Aliyev.",
        context=LibraryContext(entities=(aliyev, *others)),
    )
    assert [d for d in drafts if d.kind == "entity"] == []


def test_entity_choices_leave_out_names_already_in_the_stem():
    cities = tuple(
        KnownEntity(name=n, type="city")
        for n in ("Aghdam", "Kalbajar", "Lachin", "Fuzuli", "Shusha", "Zangilan")
    )
    drafts = drafts_of(
        "The Armenian army had to leave the provinces of Aghdam, Kalbajar, and Lachin.",
        context=LibraryContext(entities=cities),
    )
    for draft in drafts:
        others = {"Aghdam", "Kalbajar", "Lachin"} - {draft.answer}
        assert not others & set(draft.choices)
        assert_contract(draft)


def test_an_entity_as_subject_is_asked_with_which_and_its_type():
    countries = tuple(
        KnownEntity(name=n, type="country") for n in ("Armenia", "Azerbaijan", "Russia", "Turkey")
    )
    drafts = drafts_of(
        "Armenia accepted defeat after the army liberated the city on Nov. 8, 2020.",
        context=LibraryContext(entities=countries),
    )
    (draft,) = [d for d in drafts if d.kind == "entity"]
    assert draft.stem == (
        "According to TRT, which country accepted defeat after the army liberated the city on "
        "8 November 2020?"
    )
    # Only a side of the war can have accepted defeat: Azerbaijan, Russia and Turkey are no fair
    # choices (judged implausible), so the question is typed.
    assert draft.answer == "Armenia" and draft.mode == "typed"
    assert_contract(draft)


def test_round_figures_get_round_neighbours():
    drafts = drafts_of(
        "UNHCR confirmed that more than 100,000 people had arrived in the country.",
        "The dispute lasted thirty years.",
    )
    by_answer = {d.answer: d for d in drafts}
    # Round at the answer's scale or the next finer one, near it, and no x0.5 / x2 family.
    for choice in by_answer["more than 100,000 people"].choices:
        n = int(re.fullmatch(r"more than ([\d,]+) people", choice).group(1).replace(",", ""))
        assert n % 10_000 == 0 and 50_000 < n <= 400_000 and n not in (50_000, 200_000)
    assert set(by_answer["thirty years"].choices) <= {
        f"{w} years" for w in ("ten", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty")
    }


def test_names_keep_their_capitals_when_a_stem_moves_them():
    drafts = drafts_of(
        "Armenia counted 100,417 arrivals in the first week.",
        "TRT's board was appointed by presidential decree in 2018.",
        "Armenians fled in large numbers.",
    )
    stems = " ".join(d.stem for d in drafts)
    assert "did Armenia count" in stems
    assert "TRT's board" in stems


def test_an_answer_stated_twice_in_one_sentence_leaks_and_is_not_asked_there():
    # Either blank leaves the other form ("Nov. 10" / "10 November") in the stem.
    assert drafts_of("Although Nov. 10 was declared a holiday, the 10 November parade moved.") == []
    # A wh-question that drops the clause with the other form does not leak.
    (draft,) = drafts_of("The war ended on Nov. 10, 2020, and 10 November 2020 is now a holiday.")
    assert draft.stem == "According to TRT, on what date did the war end?"


def test_a_stem_over_40_words_is_dropped():
    words = " ".join(["very"] * 45)
    assert drafts_of(f"The {words} long road was opened on Nov. 10, 2020 by the minister.") == []
