"""Every stem says when, names its event, reads at a glance (issue 12, rubric points 6 and 1).

The sentences are our own fixtures; the last tests run the generator on tune texts. A stem
with no time of its own is dated by the article when it states how things stand or reports the
day's news, anchored by the article's named event when it recalls an older one, else held
back; generic events ("the attack", "the game") are named or held back; a currency is said
once; an attribution that is a common-noun phrase takes "the"; an overlong stem is cut to its
clause or held back."""

from datetime import date
from pathlib import Path

from content.ingest import parse_article_file, split_sentences
from quizzes.generation import generate_drafts
from quizzes.generation.attribution import default_attribution_name
from quizzes.generation.concise import MAX_WORDS, concise_stem, stem_words
from quizzes.generation.context import UNRESOLVED_CAP, anchor_stem
from quizzes.generation.extraction import extract_facts
from quizzes.generation.time_anchor import clause_month, is_ongoing, says_when
from quizzes.generation.types import ArticleText, Fact, LibraryContext, SentenceText

ROOT = Path(__file__).resolve().parents[2]
THRESHOLD = 0.6


def article_of(*texts, title="A headline", published=date(2023, 11, 8), paragraphs=None):
    return ArticleText(
        slug="an-article", title=title, outlet="TRT", published=published,
        sentences=tuple(
            SentenceText(position=i, text=t, paragraph=(paragraphs or [0] * len(texts))[i])
            for i, t in enumerate(texts)
        ),
    )  # fmt: skip


def fact_in(article, position, text):
    sentence = article.sentences[position]
    return next(f for f in extract_facts(sentence, published=article.published) if text in f.text)


def anchored(body, article, position, answer, previous=None):
    return anchor_stem(
        body,
        article=article,
        sentence=article.sentences[position].text,
        fact=fact_in(article, position, answer),
        answer=answer,
        previous=previous,
    )


def number_fact(sentence, text, unit=""):
    start = sentence.index(text)
    return Fact(
        kind="number", sentence_position=0, start=start, end=start + len(text), text=text,
        value="0", unit=unit,
    )  # fmt: skip


# -- what already says when ------------------------------------------------------------------


def test_a_year_a_month_a_named_event_or_a_date_answer_says_when():
    count = number_fact("It had 5 ships.", "5 ships", unit="ships")
    assert says_when("how many ships sailed in 2019?", fact=count)
    assert says_when("how many ships sailed on 4 May?", fact=count)
    assert says_when("how many ships sank in the Second Pacific War?", fact=count)
    assert says_when("how many ships did Typhoon Mara sink?", fact=count)
    assert not says_when("how many ships sank?", fact=count)
    # the answer is the time; a span is told by its event
    date_fact = Fact(kind="date", sentence_position=0, start=0, end=4, text="2019", value="2019")
    assert says_when("when did the ships sail?", fact=date_fact)
    span = Fact(
        kind="number", sentence_position=0, start=0, end=7, text="44 days", value="44",
        unit="duration",
    )  # fmt: skip
    assert says_when("how long did the strike last?", fact=span)


def test_a_present_or_future_main_clause_is_ongoing_a_past_one_is_not():
    assert is_ongoing("how many volunteers are safe?")
    assert is_ongoing("which country is providing emergency aid to the island?")
    assert is_ongoing("how many families will the programme benefit?")
    assert is_ongoing("According to the ministry, the ______ pump remains on duty.")
    assert not is_ongoing("how many workers did the company employ?")  # "did": past
    assert not is_ongoing("how many houses were flooded?")
    assert not is_ongoing("how many tents did the Red Cross set up?")


# -- time anchoring ---------------------------------------------------------------------------


def test_how_things_stand_is_dated_by_the_article():
    article = article_of("All 12 rangers are safe.", published=date(2019, 5, 3))
    result = anchored("how many rangers are safe?", article, 0, "12 rangers")
    assert result.dated and result.cap == 1.0
    assert result.text == "how many rangers are safe?"


def test_the_news_of_the_day_is_dated_by_the_article():
    news = article_of(
        "Heavy rain fell across the valley on 2 May 2019.",
        "Some 640 houses were flooded.",
        published=date(2019, 5, 3),
    )
    result = anchored("how many houses were flooded?", news, 1, "640 houses")
    assert result.dated and result.cap == 1.0
    # an article stating no date at all reports its own day
    undated = article_of("Some 640 houses were flooded.", published=date(2019, 5, 3))
    assert anchored("how many houses were flooded?", undated, 0, "640 houses").dated


def test_a_recalled_event_takes_the_articles_named_event_else_is_held_back():
    recalled = article_of(
        "The Great Lake War began in March 1998.",
        "Overall, 94 civilians died in Lakeville.",
        published=date(2023, 11, 8),
    )
    result = anchored("how many civilians died in Lakeville?", recalled, 1, "94 civilians")
    assert result.text == "during the Great Lake War, how many civilians died in Lakeville?"
    assert not result.dated and result.cap == 1.0
    # the month the sentence states for the fact's own clause comes first
    dated = article_of(
        "The Great Lake War began in 1997.",
        "In March 1998, 94 civilians died in Lakeville.",
        published=date(2023, 11, 8),
    )
    result = anchored("how many civilians died in Lakeville?", dated, 1, "94 civilians")
    assert result.text == "in March 1998, how many civilians died in Lakeville?"
    nameless = article_of(
        "The fleet was built in March 1998.",
        "At the time, 94 civilians died in Lakeville.",
        published=date(2023, 11, 8),
    )
    result = anchored("how many civilians died in Lakeville?", nameless, 1, "94 civilians")
    assert "(no time anchor)" in result.unresolved and result.cap == UNRESOLVED_CAP


def test_a_date_the_clause_measures_from_is_not_its_time():
    # "since April 2010" compares; the rise is the day's news, so it is dated
    article = article_of(
        "The river rose by 2.4 metres in 12 hours, the highest rise since April 2010.",
        published=date(2024, 5, 6),
    )
    result = anchored(
        "by how many metres did the river rise in 12 hours?", article, 0, "2.4 metres"
    )
    assert result.dated and not result.unresolved


def test_the_month_of_the_facts_own_clause_is_put_back_not_another_clauses():
    # the date tells the subject both verbs share
    floods = "Storms in June 2021 closed the pass and cut the road for 700 lorries a day."
    assert clause_month(floods, number_fact(floods, "700 lorries")) == "June 2021"
    subject = "Storms in June 2021 cut the road for 700 lorries a day."
    assert clause_month(subject, number_fact(subject, "700 lorries")) == "June 2021"
    other = "Work began on 14 March 2021 and employed up to 420 workers at its peak."
    assert clause_month(other, number_fact(other, "up to 420 workers")) == ""


# -- events named, or held back --------------------------------------------------------------


def test_a_bare_attack_is_named_by_its_month_and_place_a_bare_game_is_held_back():
    attack = article_of(
        "Rockets hit Ganja on 11 October 2020.",
        "The attack killed 10 people.",
        title="Rockets hit Ganja",
        published=date(2020, 10, 12),
    )
    result = anchored("how many people did the attack kill?", attack, 1, "10 people")
    assert result.text == "how many people did the October 2020 attack in Ganja kill?"
    game = article_of(
        "Navy beat Army in the opening round.",
        "Lee scored 24 points in the game.",
        title="Navy wins",
        published=date(2017, 11, 6),
    )
    result = anchored("how many points did Lee score in the game?", game, 1, "24 points")
    assert "the game" in result.unresolved and result.cap == UNRESOLVED_CAP


def test_a_bare_agreement_is_named_as_the_article_names_it():
    article = article_of(
        "The two sides signed the Lakeside Accord Agreement on 3 June 2019.",
        "Under the agreement, 300 prisoners were freed.",
        published=date(2019, 6, 4),
    )
    result = anchored(
        "under the agreement, how many prisoners were freed?", article, 1, "300 prisoners"
    )
    assert "the Lakeside Accord Agreement" in result.text and result.cap == 1.0


# -- wording ----------------------------------------------------------------------------------


def test_a_currency_is_said_once():
    article = article_of("The bank signed a $140 million dollar loan with the city in 2013.")
    result = anchored(
        "the bank signed a $140 million dollar loan with the city in ______.", article, 0, "2013"
    )
    assert result.text == "the bank signed a $140 million loan with the city in ______."
    blank = anchored("the bank signed a ______ dollar loan in 2013.", article, 0, "$140 million")
    assert blank.text == "the bank signed a ______ loan in 2013."


def test_an_attribution_that_is_a_common_noun_phrase_takes_the():
    assert default_attribution_name("Georgia National Guard (via DVIDS)") == (
        "the Georgia National Guard"
    )
    assert default_attribution_name("U.S. Air Force") == "the U.S. Air Force"
    assert default_attribution_name("U.S. Geological Survey") == "the U.S. Geological Survey"
    # the head noun decides: a name whose body word is not its head stays bare
    assert default_attribution_name("U.S. Armed Forces Sports") == "U.S. Armed Forces Sports"
    assert default_attribution_name("NASA") == "NASA"
    assert default_attribution_name("NASA Space Station Blog") == "NASA Space Station Blog"


def test_an_overlong_stem_loses_what_does_not_hold_its_fact():
    long = (
        "According to the agency, the dispute, which had been quiet since the end of a long "
        "quarrel over the river and its banks and its islands, flared again with ______ arrests."
    )
    result = concise_stem(long)
    assert result.text == "According to the agency, the dispute flared again with ______ arrests."
    assert not result.overlong and stem_words(result.text) <= MAX_WORDS
    short = "how many arrests were made?"
    assert concise_stem(short).text == short and not concise_stem(short).dropped


def test_an_overlong_stem_whose_extra_phrase_holds_a_date_is_held_back():
    long = (
        "at what time did the storm make landfall as a major storm on the long southern coast "
        "of the large island after gaining strength over the warm western sea on 20 August 2007?"
    )
    result = concise_stem(long)
    assert result.overlong and result.text == long  # the gerund's date is not cut from it


# -- on the tune texts ------------------------------------------------------------------------


def drafts_of_file(path):
    parsed = parse_article_file(path)
    article = ArticleText(
        slug=path.stem, title=parsed.title, outlet=parsed.outlet, published=parsed.published,
        voice=parsed.voice, attribution_name=default_attribution_name(parsed.outlet),
        sentences=tuple(
            SentenceText(position=s.position, text=s.text, paragraph=s.paragraph)
            for s in split_sentences(parsed.body)
        ),
    )  # fmt: skip
    return generate_drafts(article, context=LibraryContext())


def test_tune_present_tense_counts_are_dated_and_the_guard_takes_the():
    tune = ROOT / "tests/data/real/tune"
    volunteers = drafts_of_file(tune / "peace-corps-2008-08-11-georgia-volunteers-relocated.txt")
    safe = [d for d in volunteers if "are safe" in d.stem and d.quality >= THRESHOLD]
    assert safe and all(
        d.stem.startswith("According to the Peace Corps on 11 August") for d in safe
    )
    guard = drafts_of_file(tune / "dvids-2021-07-21-georgia-guard-agile-spirit.txt")
    assert guard and all(
        d.stem.startswith("According to the Georgia National Guard") for d in guard
    )


def test_every_published_tune_stem_says_when():
    tune = ROOT / "tests/data/real/tune"
    for path in sorted(tune.glob("*.txt")):
        for draft in drafts_of_file(path):
            if draft.quality < THRESHOLD:
                continue
            dated = " on " in draft.attribution + draft.stem[len(draft.attribution) :][:20]
            assert dated or says_when(draft.stem, fact=draft.fact), (path.name, draft.stem)


def test_a_day_without_its_year_is_asked_in_the_year_of_the_news():
    news = article_of(
        "The new base was opened in Ijevan on 13 September.", published=date(2023, 9, 13)
    )
    result = anchored("on what date was the new base opened in Ijevan?", news, 0, "13 September")
    assert result.text == "on what date in 2023 was the new base opened in Ijevan?"
    # a day kept every year, or a day of an older event, stays as it is
    kept = article_of("Turkey commemorates the Founders' Day on 10 November.")
    body = "on what date does Turkey commemorate the Founders' Day?"
    assert anchored(body, kept, 0, "10 November").text == body
    older = article_of(
        "The great flood of 1913 was the worst.",
        "The river was 10 feet above flood stage on June 8.",
        published=date(2008, 6, 10),
    )
    body = "on what date was the river 10 feet above flood stage?"
    assert anchored(body, older, 1, "June 8").text == body


def test_the_current_fighting_is_anchored_as_the_articles_fighting():
    article = article_of(
        "Fighting broke out in Lakeland on 8 August 2008.",
        "Nearly 80 volunteers were stationed there before the current fighting began.",
        published=date(2008, 8, 14),
    )
    result = anchored(
        "how many volunteers were stationed there before the current fighting began?",
        article,
        1,
        "Nearly 80 volunteers",
    )
    assert "current" not in result.text and "the August 2008 fighting" in result.text
