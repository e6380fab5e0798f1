"""Question stems from the clause that states the fact, on the dependency parse: one fixture
sentence (our own) per construction."""

from datetime import date

from quizzes.generation import generate_drafts, parser
from quizzes.generation.stems import REVIEW_CAP, review_cap
from quizzes.generation.types import (
    ArticleText,
    Fact,
    KnownEntity,
    LibraryContext,
    SentenceText,
)


def test_the_parser_loads_its_model_once_and_parses_a_sentence():
    parser.load_model.cache_clear()
    first = parser.load_model()
    second = parser.load_model()
    assert first is second
    info = parser.load_model.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    # Only the pipes stems use run; the named entity recogniser is left out.
    assert "ner" not in first.pipe_names
    assert {"tagger", "parser", "lemmatizer"} <= set(first.pipe_names)

    doc = parser.parse("The Azerbaijani army took Shusha on 8 November 2020.")
    by_text = {t.text: t for t in doc}
    assert by_text["took"].dep_ == "ROOT"
    assert by_text["took"].lemma_ == "take"
    assert by_text["army"].dep_ == "nsubj" and by_text["army"].head.i == by_text["took"].i
    assert by_text["Shusha"].dep_ == "dobj"
    # A sentence is parsed once however many of its facts are asked about.
    assert parser.parse("The Azerbaijani army took Shusha on 8 November 2020.") is doc


# -- stems, through generate_drafts --------------------------------------------------------------

PUBLISHED = date(2023, 11, 8)


def drafts_of(*texts, entities=(), published=PUBLISHED):
    article = ArticleText(
        slug="fixture",
        title="A headline",
        outlet="TRT",
        published=published,
        sentences=tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts)),
    )
    drafts = generate_drafts(article, context=LibraryContext(entities=entities))
    for draft in drafts:
        # the attribution, dated when the question needs the article's date to stand alone
        assert draft.stem.startswith((draft.attribution + ",", draft.attribution + " on "))
        assert draft.answer.lower() not in draft.stem.lower()
        assert draft.sentence_text[draft.answer_start : draft.answer_end] == draft.fact.text
    return drafts


def stems_of(*texts, **kwargs):
    return {
        d.answer: d.stem.removeprefix("According to TRT, ") for d in drafts_of(*texts, **kwargs)
    }


def test_do_support_in_the_past_and_the_present():
    assert stems_of("The Azerbaijani army took Shusha on 8 November 2020.") == {
        "8 November 2020": "on what date did the Azerbaijani army take Shusha?"
    }
    assert stems_of("The company employs 420 workers.") == {
        "420 workers": "how many workers does the company employ?"
    }


def test_subject_auxiliary_inversion():
    assert stems_of("The museum will reopen on 12 May 2025.") == {
        "12 May 2025": "on what date will the museum reopen?"
    }
    assert stems_of("The talks were held in Vienna in March 2021.") == {
        "March 2021": "in what month and year were the talks held in Vienna?"
    }


def test_a_passive_clause_with_its_apposition_dropped():
    stems = stems_of("12 civilians, 2 of them minors, were killed in Ganja on 17 October 2020.")
    assert stems["12 civilians"] == "how many civilians were killed in Ganja on 17 October 2020?"
    assert stems["17 October 2020"] == "on what date were 12 civilians killed in Ganja?"


def test_how_many_keeps_the_counted_noun_and_an_approximation():
    stems = stems_of(
        "The crew will spend more than six months conducting about 250 science investigations."
    )
    assert stems["about 250 science investigations"] == (
        "about how many science investigations will the crew conduct?"
    )
    assert stems["more than six months"] == (
        "how long will the crew spend conducting about 250 science investigations?"
    )


def test_parentheticals_appositions_and_leading_adverbs_are_dropped():
    assert stems_of("The bridge (the longest in the region) cost 62 million manat.") == {
        "62 million manat": "how much did the bridge cost?"
    }
    assert stems_of("Nikol Pashinyan, the prime minister, visited Paris on 3 March 2024.") == {
        "3 March 2024": "on what date did Nikol Pashinyan visit Paris?"
    }
    assert stems_of("However, the ministry opened 12 schools in the region.") == {
        "12 schools": "how many schools did the ministry open in the region?"
    }


def test_a_non_restrictive_relative_clause_is_dropped_or_asked_on_its_own():
    assert stems_of("The old bridge, which was built in 1968, was replaced in 2019.") == {
        "2019": "in what year was the old bridge replaced?",
        "1968": "in what year was the old bridge built?",
    }


def test_a_cited_source_leads_the_question():
    assert stems_of("Exports rose by 8.2 percent in 2024, the energy ministry said.") == {
        "8.2 percent": "citing the energy ministry, by what percentage did exports rise in 2024?",
        "2024": "citing the energy ministry, in what year did exports rise by 8.2 percent?",
    }


def test_relative_time_is_resolved_from_the_article_or_the_fact_is_not_asked():
    # "three years ago", "yesterday": asked with the date they stand for
    assert stems_of("Violent clashes took place three years ago.") == {
        "2020": "in what year did violent clashes take place?"
    }
    assert stems_of("The minister visited Ganja yesterday.") == {
        "7 November 2023": "on what date did the minister visit Ganja?"
    }
    # "the same day": the date the article stated last
    (draft,) = drafts_of(
        "The talks opened in Geneva on 2 March 2022.",
        "The ceasefire took effect on the same day in Aghdam and Fuzuli.",
    )
    assert draft.answer == "2 March 2022"
    # relative words the article does not resolve: no question
    assert drafts_of("The ministry recently opened 12 schools.") == []
    assert drafts_of("The ministry opened 12 schools this month.") == []


def test_a_pronoun_the_question_cannot_show_keeps_the_sentence_unasked():
    assert drafts_of("It opened 12 schools in 2021.") == []
    assert drafts_of("This decision was taken on 3 March 2021.") == []
    # a possessive of the question's own subject is no such pronoun
    assert stems_of("The army liberated its lands in 44 days.") == {
        "44 days": "in how many days did the army liberate its lands?"
    }


def test_a_fact_inside_a_name_is_not_asked():
    countries = tuple(
        KnownEntity(name=n, type="country") for n in ("Azerbaijan", "Armenia", "Georgia", "Iran")
    )
    drafts = drafts_of(
        "The Azerbaijan Space Agency launched a satellite in 2019.", entities=countries
    )
    assert [d.answer for d in drafts] == ["2019"]
    assert drafts[0].stem.endswith(
        "in what year did the Azerbaijan Space Agency launch a satellite?"
    )
    # nor a modifier of a noun: "the Ganja city", "the 44-day war"
    cities = tuple(KnownEntity(name=n, type="city") for n in ("Ganja", "Baku", "Shusha", "Lachin"))
    assert drafts_of("Missiles hit the Ganja city centre.", entities=cities) == []
    assert drafts_of("The 44-day war shattered all stereotypes.") == []


def test_one_name_of_a_list_is_not_asked_but_each_count_is_asked_alone():
    cities = tuple(
        KnownEntity(name=n, type="city") for n in ("Aghdam", "Kalbajar", "Lachin", "Shusha")
    )
    assert drafts_of("The army left Aghdam, Kalbajar and Lachin in 2020.", entities=cities) == [
        d
        for d in drafts_of("The army left Aghdam, Kalbajar and Lachin in 2020.", entities=cities)
        if d.kind == "date"
    ]
    stems = stems_of("The ministry deployed 1,350 rescuers, 210 vehicles and 4 helicopters.")
    assert stems == {
        "1,350 rescuers": "how many rescuers did the ministry deploy?",
        "210 vehicles": "how many vehicles did the ministry deploy?",
        "4 helicopters": "how many helicopters did the ministry deploy?",
    }


def test_ranges_and_scores_are_not_cut_in_half():
    assert drafts_of("The Navy won the game 71-68 against the Marine Corps.") == []
    # a range of a measure is one fact, asked whole: neither end alone
    assert [
        d.answer for d in drafts_of("Forecasters expect 3-4 inches of snow in the valley.")
    ] == ["3-4 inches"]
    stems = stems_of("The project ran from 2010 to 2011 in the north.")
    assert "2010" not in stems and "2011" not in stems
    stems = stems_of("The survey of 2010–2011 covered 120 villages in the north.")
    assert "2010" not in stems and "2011" not in stems


def test_a_conversion_in_brackets_is_neither_asked_nor_left_in_the_stem():
    drafts = drafts_of("The new road is 20 kilometres (12 miles) long.")
    assert [d.answer for d in drafts] == ["20 kilometres"]
    assert "12 miles" not in drafts[0].stem and "(" not in drafts[0].stem


def test_a_cloze_only_for_a_short_clause():
    # the year is inside a noun phrase: no question moves it, a short cloze holds it
    assert stems_of("Talks resumed in Vienna in the spring of 2021.") == {
        "2021": "talks resumed in Vienna in the spring of ______."
    }
    # deep in a long sentence: no question at all, never the whole sentence with a hole
    long = (
        "The plan was welcomed by the representatives of the 27 member states of the union and "
        "by many observers from the neighbouring regions after weeks of negotiations."
    )
    assert drafts_of(long) == []


def test_it_in_what_a_speaker_said_is_the_speaker():
    assert stems_of(
        "The insurance pool said it had received 1,240 damage claims by the deadline."
    ) == {
        "1,240 damage claims": "how many damage claims had the insurance pool received by the deadline?"
    }


def test_a_participle_phrase_is_asked_as_a_statement_of_its_own():
    assert stems_of("The old bridge, built in 1968, was replaced in 2019.") == {
        "1968": "in what year was the old bridge built?",
        "2019": "in what year was the old bridge replaced?",
    }


def test_a_count_in_an_including_aside_is_asked_with_the_verb_of_its_whole():
    assert stems_of("The army freed 300 prisoners, including 40 women.") == {
        "300 prisoners": "how many prisoners did the army free?",
        "40 women": "how many women did the army free?",
    }


def test_a_run_on_sentence_too_long_to_parse_gives_no_question():
    assert drafts_of("The army took " + "and then some " * 200 + "5 towns in 2020.") == []


def test_a_clause_the_sentence_does_not_state_as_true_is_not_asked():
    assert drafts_of("If the talks fail, the army will attack on 3 May 2025.") == []
    assert drafts_of("The army will attack if the talks fail on 3 May 2025.") == []


def test_there_without_its_place_keeps_the_sentence_unasked():
    assert drafts_of("More than 275 volunteers have served there since 2001.") == []


def test_a_signed_statement_is_a_document_and_a_measure_keeps_its_extent():
    statement = KnownEntity(name="Trilateral Statement", type="event")
    others = tuple(
        KnownEntity(name=n, type="event")
        for n in ("Madrid Principles", "Bishkek Protocol", "Prague Agreement")
    )
    stems = stems_of(
        "The Trilateral Statement was signed in Moscow.", entities=(statement, *others)
    )
    assert stems["Trilateral Statement"] == "which document was signed in Moscow?"
    assert stems_of("The border is about 1,000 kilometres long.") == {
        "about 1,000 kilometres": "about how many kilometres long is the border?"
    }


def test_an_adverb_after_the_counted_noun_stays_out_of_the_wh_phrase():
    # ("already": an interim toll, dated by the article's date in the attribution)
    assert stems_of("Dean is being blamed for 13 deaths already.") == {
        "13 deaths": "According to TRT on 8 November 2023, for how many deaths is Dean being blamed?"
    }


def test_a_hyphenated_noun_keeps_its_hyphen_and_a_spelled_number_leaves_no_word():
    stems = stems_of(
        "All 36 Peace Corps Volunteers and 49 Peace Corps Volunteer-trainees are safe."
    )
    assert stems["49 Peace Corps Volunteer-trainees"] == (
        "how many Peace Corps Volunteer-trainees are safe?"
    )
    stems = stems_of("The program will directly benefit approximately a half-million Georgians.")
    assert stems == {
        "approximately a half-million Georgians": "about how many Georgians will the program "
        "directly benefit?"
    }


def test_a_running_total_is_not_asked_since_when():
    stems = stems_of("Since 1992, the assistance to Georgia totaled approximately $1 billion.")
    assert "since when" not in stems.get("1992", "")
    # the present perfect is anchored to the article's date, before the question
    [draft] = [
        d
        for d in _drafts_anchored("The Peace Corps has been working in Georgia since 2001.")
        if d.answer == "2001"
    ]
    assert draft.stem.endswith(", since what year has the Peace Corps been working in Georgia?")


def _drafts_anchored(text):
    article = ArticleText(
        slug="fixture", title="A headline", outlet="TRT", published=PUBLISHED,
        sentences=(SentenceText(position=0, text=text),),
    )  # fmt: skip
    return generate_drafts(article, context=LibraryContext())


def test_a_currency_written_twice_is_not_asked():
    stems = stems_of(
        "In July 2013, MCC signed a five-year, $140 million dollar compact with Georgia."
    )
    assert "$140 million" not in stems


def test_a_period_left_behind_by_a_dropped_abbreviation_gives_no_stem():
    stems = stems_of("Horne of Walter Reed, M.d. topped the charts with 25-points.")
    assert all(". " not in stem[:-1] for stem in stems.values())


def test_a_figure_that_measures_a_common_noun_is_blanked_before_it():
    assert stems_of("MCC signed a five-year compact with Georgia.") == {
        "five-year": "MCC signed a ______ compact with Georgia."
    }
    assert stems_of("Hurricane Dean made landfall as a Category 5 storm on the coast.") == {
        "Category 5": "Hurricane Dean made landfall as a ______ storm on the coast."
    }
    # "the 500-year flood", like "the 44-day war", names the one thing
    assert stems_of("Many rivers in northeast Iowa exceeded the estimated 500-year flood.") == {}
    # a name around the figure is not cut
    assert stems_of("Commitments include the 1991 Almaty Declaration.") == {}


def test_a_relative_clause_on_an_indefinite_noun_gives_no_stem():
    drafts = drafts_of("The EUMA is a neutral mission, which will have a two-year mandate.")
    # no clause question ("a neutral mission will have ..."); the whole sentence, short, is
    # kept blanked as a draft for a teacher, below any publishing threshold
    assert [d.stem.removeprefix("According to TRT, ") for d in drafts] == [
        "the EUMA is a neutral mission, which will have a ______ mandate."
    ]
    assert drafts[0].quality <= 0.45


def test_a_day_right_after_its_verb_without_on_is_asked_when():
    assert stems_of("The museum reopened March 3, 2021, after repairs.") == {
        "3 March 2021": "on what date did the museum reopen after repairs?"
    }


def test_a_verb_the_parser_gave_two_subjects_gives_no_wh_question():
    stems = stems_of(
        "The Soyuz spacecraft carrying NASA astronaut Chris Cassidy and Russian cosmonauts "
        "Anatoly Ivanishin and Ivan Vagner docked to the station at 10:13 a.m. EDT."
    )
    assert not any("Ivanishin" in stem and "Soyuz" not in stem for stem in stems.values())


def test_a_measure_of_a_dimension_is_asked_by_the_dimension():
    # (The fixture article is dated November 2023: an undated event is anchored by its month.)
    assert stems_of("The tsunami attained a height of 10 meters along the coast.") == {
        "10 meters": "what height did the November 2023 tsunami attain?"
    }
    assert stems_of("The epicenter of the quake was at a depth of 24.4 km.") == {
        "24.4 km": "at what depth was the epicenter of the November 2023 quake?"
    }


def test_an_abbreviated_unit_is_spelled_out_and_a_direction_is_never_dropped():
    assert stems_of("The new bypass is 12 km long.") == {
        "12 km": "how many kilometres long is the new bypass?"
    }
    assert stems_of("The epicenter is 130 km (81 miles) east of Sendai, in Japan.") == {}


def test_this_years_event_is_written_with_the_articles_year():
    assert stems_of("The town hosted 40 teams at this year's festival.") == {
        "40 teams": "how many teams did the town host at the 2023 festival?"
    }


def test_a_participle_after_the_counted_noun_is_left_out_of_the_wh_phrase_whole():
    stems = stems_of("All 36 Peace Corps Volunteers serving as teachers are safe.")
    assert stems == {"36 Peace Corps Volunteers": "how many Peace Corps Volunteers are safe?"}


def test_two_nouns_one_figure_counts_are_both_in_the_wh_phrase():
    assert stems_of("The strike killed 12 soldiers and civilians in the town.") == {
        "12 soldiers and civilians": "how many soldiers and civilians did the strike kill in the "
        "town?"
    }


def test_a_phrase_the_parser_hung_on_the_verb_after_a_dropped_with_phrase_gives_no_stem():
    stems = stems_of("Currently, the storm maintains category 1 status, with top winds at 85 mph.")
    assert not any("at 85 mph" in stem or "miles per hour" in stem for stem in stems.values())


def test_an_extent_word_stranded_at_the_end_gives_no_wh_question():
    stems = stems_of("Tropical storm conditions impacted areas 175 miles (280 km) away.")
    assert not any(stem.endswith(" away?") for stem in stems.values())


def test_a_passive_with_an_object_a_missing_word_left_gives_no_stem():
    stems = stems_of("The ceremony was held the presence of the governors of 6 bases.")
    assert stems == {}


def test_a_clock_time_is_asked_in_the_zone_the_article_gives():
    assert stems_of("The Soyuz MS-06 spacecraft docked to the station at 10:55 p.m. EDT.") == {
        "22:55": "at what time EDT did the Soyuz MS-06 spacecraft dock to the station?"
    }
    assert stems_of("The talks ended at 14:30 local time on the border.") == {
        "14:30": "at what local time did the talks end on the border?"
    }
    # the zone a few words after the time, in brackets, as news writes it
    stems = stems_of("The storm made landfall on the coast at about 6:15 a.m. this morning (CDT).")
    assert stems.get("06:15", "").startswith("at what time CDT did the storm make landfall")


def test_a_gerund_after_a_past_clause_is_asked_with_that_clauses_subject():
    stems = stems_of(
        "Kamille Horne topped the charts with 25 points, draining five three-pointers."
    )
    assert stems["five three-pointers"] == "how many three-pointers did Kamille Horne drain?"
    assert stems_of("The army crossed the river, capturing 12 villages in the north.") == {
        "12 villages": "how many villages did the army capture in the north?"
    }
    # never blanked: the gerund would be left without its tense
    assert "captur" not in " ".join(
        s
        for s in stems_of("The army crossed the river, capturing 12 villages.").values()
        if "______" in s
    )


def test_an_abbreviations_period_goes_with_its_dropped_word():
    stems = stems_of(
        "Navy Hospitalman Kamille Horne of Walter Reed, M.d. topped the charts with 25-points."
    )
    assert stems == {
        "25-points": "Navy Hospitalman Kamille Horne of Walter Reed topped the charts with ______."
    }


def test_a_measure_of_how_far_above_something_is_asked_with_it():
    stems = stems_of("In Iowa the Winnebago River was 10 feet above flood stage on June 8.")
    assert stems["10 feet"] == (
        "how many feet above flood stage was the Winnebago River on June 8 in Iowa?"
    )


def test_a_sum_is_asked_how_much_with_the_verbs_phrases_it_carries():
    assert stems_of(
        "The United States is providing an initial $250,000 in emergency assistance to Georgia."
    ) == {"$250,000": "how much is the United States providing in emergency assistance to Georgia?"}


def test_a_defining_that_clause_on_a_definite_object_is_asked_with_its_noun():
    assert stems_of("Officials praised the team that rebuilt the bridge in 2021.") == {
        "2021": "in what year did the team rebuild the bridge?"
    }
    assert stems_of("It was the army that liberated Shusha in 2020.") == {}  # a cleft


def test_an_earlier_value_up_from_is_asked_with_its_own_year():
    stems = stems_of(
        "American firms exported $600 million in goods to Georgia in 2013, up from $300 million "
        "in 2010."
    )
    assert (
        stems["$300 million"] == "how much did American firms export in goods to Georgia in 2010?"
    )
    assert (
        stems["2010"] == "in what year did American firms export $300 million in goods to Georgia?"
    )


# -- the sentence's scope, open blanks, wording (judged round tune-2) ---------------------------


def test_a_place_that_restricts_a_count_stays_in_the_wh_phrase():
    # the count is true there, not everywhere: "in Georgia", not the Peace Corps worldwide
    assert stems_of("All 36 Peace Corps Volunteers currently serving in Georgia are safe.") == {
        "36 Peace Corps Volunteers": "how many Peace Corps Volunteers serving in Georgia are safe?"
    }
    assert stems_of(
        "The 64 nurses and nurse-trainees currently serving in Ruritania are working in "
        "maternal health and vaccination programs."
    ) == {
        "64 nurses and nurse-trainees": "how many nurses and nurse-trainees serving in Ruritania"
        " are working in maternal health and vaccination programs?"
    }
    assert stems_of("The agency counted 14 new shelters in Alpha in 2021.")["14 new shelters"] == (
        "how many new shelters in Alpha did the agency count in 2021?"
    )


def test_a_leading_temporal_clause_is_kept_at_the_end_of_the_question():
    assert stems_of(
        "Before the current floods began, nearly ninety aid workers were stationed throughout "
        "the country, working to teach children."
    ) == {
        "nearly ninety aid workers": "how many aid workers were stationed throughout the country"
        " before the current floods began?"
    }


def test_a_cloze_over_a_count_shows_the_counted_noun_after_the_blank():
    # "the deployment of ______." admits "soldiers", "the army": the noun asks for a number,
    # and the answer is the number alone, so that the filled-in blank reads as the sentence
    # ("500 engineers", never "500 engineers engineers")
    assert stems_of("The Ruritanian army ordered the deployment of 500 engineers.") == {
        "500": "the Ruritanian army ordered the deployment of ______ engineers."
    }
    # the head noun only: the words between are the answer's
    stems = stems_of(
        "About 900 volunteers from 12 allied and partner groups will be taking part in the clean-up."
    )
    assert stems["12 allied and partner"] == (
        "about 900 volunteers from ______ groups will be taking part in the clean-up."
    )
    # a figure that modifies a noun is blanked alone, as before
    stems = stems_of("A strong 6.1 magnitude earthquake struck northern Ruritania on 3 May 2022.")
    assert "a strong ______ earthquake struck northern Ruritania on 3 May 2022." in stems.values()


def test_a_cloze_keeps_the_time_that_led_the_sentence_and_an_undated_change_is_capped():
    assert stems_of(
        "Later Wednesday morning, Storm Alda was downgraded to a category 3 storm."
    ) == {
        "category 3": "Storm Alda was downgraded to a ______ storm later Wednesday morning"
        " (8 November 2023)."
    }
    # a phrase that led the sentence and says neither when nor where stays out
    assert stems_of(
        "In addition to its wins at home, the club had to endure 3 years of heavy losses."
    ) == {"3 years": "the club had to endure ______ of heavy losses."}
    (undated,) = drafts_of("The typhoon was downgraded to a category 3 storm.")
    assert undated.stem.endswith("was downgraded to a ______ storm.")
    assert undated.quality <= REVIEW_CAP


def test_a_distance_away_from_a_point_is_asked_how_far_from_it():
    assert stems_of("However, gale-force winds were felt over 40 miles away from the center.") == {
        "over 40 miles": "how far from the center were gale-force winds felt?"
    }
    assert stems_of("Gale-force winds were felt over 40 miles (64 km) away from the coast.") == {
        "over 40 miles": "how far from the coast were gale-force winds felt?"
    }
    assert stems_of("Fukushima is 145 km away from the epicenter of the earthquake.") == {
        "145 km": "how far from the epicenter of the November 2023 earthquake is Fukushima?"
    }


def test_a_place_named_as_a_modifier_of_its_kind_is_reworded():
    stems = stems_of(
        "On 4 March 2021 the rebels attacked the Tolga city of Freedonia with rockets."
    )
    assert stems == {
        "4 March 2021": "on what date did the rebels attack the city of Tolga in Freedonia with"
        " rockets?"
    }
    stems = stems_of(
        "On 4 March 2021 the rebels attacked the Freedonian city of Tolga with rockets."
    )
    assert stems["4 March 2021"].endswith("attack the Freedonian city of Tolga with rockets?")
    stems = stems_of("On 4 March 2021 the rebels shelled the Alpha region of Ruritania.")
    assert stems["4 March 2021"].endswith("shell the Alpha region of Ruritania?")


def test_a_service_named_at_the_start_of_a_cloze_keeps_its_capital():
    assert stems_of("Navy men beat Coast Guard with a 61-52 victory.") == {
        "61-52": "Navy men beat Coast Guard with a ______ victory."
    }


def test_an_attribution_to_the_office_of_the_person_asked_for_caps_the_draft():
    sentence = "Prime Minister Anna Berg had a telephone call with the President of Freedonia."
    fact = Fact(kind="entity", sentence_position=0, start=15, end=24, text="Anna Berg",
                value="Anna Berg", unit="person")  # fmt: skip
    stem = "According to Ruritania's prime minister's office, who had a telephone call with ...?"
    assert review_cap(stem, sentence=sentence, fact=fact) == REVIEW_CAP
    other = "According to the Freedonian foreign ministry, who had a telephone call with ...?"
    assert review_cap(other, sentence=sentence, fact=fact) == 1.0
