"""Sentence splitting (content.sentences): unit cases for each pattern news text holds, and
the real texts of tests/data/real/tune/ split as a careful reader would split them."""

from pathlib import Path

import pytest

from content import ingest
from content.ingest import parse_article_file
from content.sentences import SentenceSpan, split_sentences

TUNE = Path(__file__).resolve().parents[1] / "data" / "real" / "tune"


def texts(body):
    return [span.text for span in split_sentences(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Shusha was taken on Nov. 8, 2020. The war ended two days later.",
            ["Shusha was taken on Nov. 8, 2020.", "The war ended two days later."],
        ),
        (
            "The shelling on Sept. 27, 2020, was the last straw. The army answered.",
            ["The shelling on Sept. 27, 2020, was the last straw.", "The army answered."],
        ),
        (
            "Fighting began on Sept. 27. It lasted 44 days.",
            ["Fighting began on Sept. 27.", "It lasted 44 days."],
        ),
        (
            'Azerbaijan launched an "anti-terrorist operation" on Sept 19, 2023, in Karabakh. '
            "It lasted a day.",
            [
                'Azerbaijan launched an "anti-terrorist operation" on Sept 19, 2023, in Karabakh.',
                "It lasted a day.",
            ],
        ),
        (
            "The U.S. and the EU mediated talks. Russia also took part.",
            ["The U.S. and the EU mediated talks.", "Russia also took part."],
        ),
        (
            "Talks were held in the U.S. The next round is in Brussels.",
            ["Talks were held in the U.S.", "The next round is in Brussels."],
        ),
        (
            "The U.S. State Department said so. Baku disagreed.",
            ["The U.S. State Department said so.", "Baku disagreed."],
        ),
        (
            'He said, "We have returned." Then he wept.',
            ['He said, "We have returned."', "Then he wept."],
        ),
        (
            "“Today is a historic day,” he said. “It is over.”",
            ["“Today is a historic day,” he said.", "“It is over.”"],
        ),
        (
            'He cried: "You are free, dear Shusha! We have returned, dear Shusha!" '
            "The crowd cheered.",
            [
                'He cried: "You are free, dear Shusha! We have returned, dear Shusha!"',
                "The crowd cheered.",
            ],
        ),
        (
            "Armenia counted approx. 100,417 arrivals. UNHCR agreed.",
            ["Armenia counted approx. 100,417 arrivals.", "UNHCR agreed."],
        ),
        (
            "The site went up ca. 2019 in Baku. It is new.",
            ["The site went up ca. 2019 in Baku.", "It is new."],
        ),
        (
            "It was signed on Nov.\n10, 2020, at night. Putin signed too.",
            ["It was signed on Nov.\n10, 2020, at night.", "Putin signed too."],
        ),
        (
            "A line that wraps\nacross two lines. And another.",
            ["A line that wraps\nacross two lines.", "And another."],
        ),
        (
            "Gen. Mehdiyev spoke. Lt. Col. Aliyev listened.",
            ["Gen. Mehdiyev spoke.", "Lt. Col. Aliyev listened."],
        ),
        (
            "It cost $7.5 billion. Work continues.",
            ["It cost $7.5 billion.", "Work continues."],
        ),
    ],
)
def test_split_sentences_handles_abbreviations_dates_and_quotes(body, expected):
    assert texts(body) == expected


def test_split_sentences_offsets_point_into_the_body():
    body = (
        "  First paragraph, on Nov. 8, 2020.  Its second sentence.\n\n\n"
        "Second paragraph after two blank lines.\n \n"
        "Third, after a line holding only a space.\n"
    )
    spans = split_sentences(body)
    assert [s.text for s in spans] == [
        "First paragraph, on Nov. 8, 2020.",
        "Its second sentence.",
        "Second paragraph after two blank lines.",
        "Third, after a line holding only a space.",
    ]
    assert [s.paragraph for s in spans] == [0, 0, 1, 2]
    assert [s.position for s in spans] == [0, 1, 2, 3]
    for span in spans:
        assert body[span.start : span.end] == span.text
        assert span.text == span.text.strip()


def test_split_sentences_keeps_a_repeated_sentence_at_its_own_offset():
    # The Caspian Post repeats its standfirst as the start of a later sentence.
    body = "The war ended.\n\nThe war ended. Then peace talks began."
    spans = split_sentences(body)
    assert [(s.start, s.end) for s in spans] == [(0, 14), (16, 30), (31, 54)]


def test_split_sentences_of_an_empty_body_is_empty():
    assert split_sentences("") == []
    assert split_sentences(" \n\n\u00a0\n") == []


def test_split_sentences_returns_dataclasses():
    (span,) = split_sentences("One sentence.")
    assert span == SentenceSpan(position=0, paragraph=0, start=0, end=13, text="One sentence.")


def test_a_very_long_paragraph_splits_like_its_parts():
    # pysbd is fed windows of a long paragraph; no sentence may be cut at a window's edge.
    part = (
        "Shusha was taken on Nov. 8, 2020. The U.S. and the EU mediated talks. "
        'He said, "We have returned." Armenia counted approx. 100,417 arrivals. '
    )
    body = part * 200
    assert len(body) > 9 * 3000
    assert texts(body) == texts(part.strip()) * 200


def test_a_sentence_longer_than_the_window_stays_whole():
    long_sentence = "Word " * 2000 + "end."
    assert texts(f"{long_sentence} Next one.") == [long_sentence, "Next one."]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A clock time followed by its zone, its day or "local time" goes on.
        (
            "The Soyuz docked at 9:01 p.m. EDT while both craft flew over Chile. Crews waited.",
            [
                "The Soyuz docked at 9:01 p.m. EDT while both craft flew over Chile.",
                "Crews waited.",
            ],
        ),
        (
            "The spacewalk ended at 4:10 p.m. PST after six hours. Then they rested.",
            ["The spacewalk ended at 4:10 p.m. PST after six hours.", "Then they rested."],
        ),
        (
            "The landing was at 10:55 p.m. EDT. The crew slept.",
            ["The landing was at 10:55 p.m. EDT.", "The crew slept."],
        ),
        (
            "It began at 10 a.m. local time. It ended at noon.",
            ["It began at 10 a.m. local time.", "It ended at noon."],
        ),
        (
            "They met at 3 p.m. Moscow time on Friday. Later the talks ended.",
            ["They met at 3 p.m. Moscow time on Friday.", "Later the talks ended."],
        ),
        (
            "The quake struck at 2:45 a.m. Saturday. Damage was light.",
            ["The quake struck at 2:45 a.m. Saturday.", "Damage was light."],
        ),
        (
            "Landing is at 8:32 a.m. Baku time (4:32 a.m. GMT) on Sept. 12. All is ready.",
            ["Landing is at 8:32 a.m. Baku time (4:32 a.m. GMT) on Sept. 12.", "All is ready."],
        ),
        # ... but a clock time may end its sentence.
        (
            "It ended at 5 p.m. The crew slept.",
            ["It ended at 5 p.m.", "The crew slept."],
        ),
        (
            "Watch the hatch opening at 12:40 a.m. and the ceremony at 12 a.m. on the website.",
            ["Watch the hatch opening at 12:40 a.m. and the ceremony at 12 a.m. on the website."],
        ),
        # Abbreviations of countries and organisations.
        (
            "The U.N. Security Council met. The U.S. agreed.",
            ["The U.N. Security Council met.", "The U.S. agreed."],
        ),
        (
            "He works for the U.S. Geological Survey in Reston. It is large.",
            ["He works for the U.S. Geological Survey in Reston.", "It is large."],
        ),
        # Titles and other abbreviations before a name or a number.
        (
            "Dr. Smith of St. Louis climbed Mt. Everest. He came back.",
            ["Dr. Smith of St. Louis climbed Mt. Everest.", "He came back."],
        ),
        (
            "Pres. Aliyev spoke. Gen. Hasanov and Lt. Col. Mammadov listened.",
            ["Pres. Aliyev spoke.", "Gen. Hasanov and Lt. Col. Mammadov listened."],
        ),
        (
            "Mr. Smith met Mrs. Jones and Prof. Brown. They talked.",
            ["Mr. Smith met Mrs. Jones and Prof. Brown.", "They talked."],
        ),
        (
            "He lives at 5 Main St. He is old.",
            ["He lives at 5 Main St.", "He is old."],
        ),
        # Month abbreviations: before a day or year they go on; at the end they may stop.
        (
            "Between Sept. 27 and Oct. 5, fighting raged. In Nov. 2020 it ended. On Dec. 1 "
            "talks began. They met in Jan. and Feb. 2021.",
            [
                "Between Sept. 27 and Oct. 5, fighting raged.",
                "In Nov. 2020 it ended.",
                "On Dec. 1 talks began.",
                "They met in Jan. and Feb. 2021.",
            ],
        ),
        (
            "He was born in Sept. He died in Oct. Both were cold.",
            ["He was born in Sept.", "He died in Oct.", "Both were cold."],
        ),
        (
            "Apples, pears, etc. were sold. Then more came.",
            ["Apples, pears, etc. were sold.", "Then more came."],
        ),
        (
            "The temperature was 2.5 deg. and rising. It was hot.",
            ["The temperature was 2.5 deg. and rising.", "It was hot."],
        ),
        # Initials.
        (
            "John F. Kennedy spoke. J. R. Smith listened.",
            ["John F. Kennedy spoke.", "J. R. Smith listened."],
        ),
        (
            "Secretary Antony J. Blinken spoke with Dr. J. Smith Jr. in Washington. It went well.",
            [
                "Secretary Antony J. Blinken spoke with Dr. J. Smith Jr. in Washington.",
                "It went well.",
            ],
        ),
        (
            "They chose Plan B. It worked.",
            ["They chose Plan B.", "It worked."],
        ),
        # Numbered items and decimals.
        (
            "Statement No:438/23 was issued by the ministry. It condemned the attack.",
            ["Statement No:438/23 was issued by the ministry.", "It condemned the attack."],
        ),
        (
            "See item No. 5 in the list. Resolutions Nos. 822 and 853 followed. Done.",
            ["See item No. 5 in the list.", "Resolutions Nos. 822 and 853 followed.", "Done."],
        ),
        (
            "The economy grew 3.5 percent, and inflation was 0.75 percent. Prices rose.",
            ["The economy grew 3.5 percent, and inflation was 0.75 percent.", "Prices rose."],
        ),
        (
            "The quake measured 6.1 at a depth of 10.4 km. Nobody was hurt.",
            ["The quake measured 6.1 at a depth of 10.4 km.", "Nobody was hurt."],
        ),
    ],
)
def test_split_sentences_handles_clock_times_abbreviations_initials_and_numbers(body, expected):
    assert texts(body) == expected


def test_split_sentences_is_importable_from_content_ingest_too():
    assert ingest.split_sentences is split_sentences
    assert ingest.SentenceSpan is SentenceSpan


# How many sentences a careful reader counts in each real text of tests/data/real/tune/.
TUNE_COUNTS = {
    "afs-2023-11-03-navy-men-dominate-basketball.txt": 8,
    "am-mfa-2022-03-25-parukh-infiltration.txt": 4,
    "am-pm-2022-03-25-pashinyan-putin-call.txt": 4,
    "az-mfa-2020-10-17-ganja-ballistic-missiles.txt": 7,
    "az-mfa-2023-08-16-no438-23-provocation.txt": 4,
    "eu-hrvp-2020-09-27-borrell-nagorno-karabakh.txt": 3,
    "nasa-2017-09-12-soyuz-ms06-crew-arrives.txt": 5,
    "us-state-2022-03-14-blinken-pashinyan-call.txt": 5,
    "wikinews-2016-04-02-armenian-azerbaijani-clashes.txt": 5,
}


def tune_sentences(name):
    body = parse_article_file(TUNE / name).body
    spans = split_sentences(body)
    for span in spans:
        assert body[span.start : span.end] == span.text
    return [span.text for span in spans]


def test_every_tune_text_is_counted():
    assert sorted(path.name for path in TUNE.glob("*.txt")) == sorted(TUNE_COUNTS)


@pytest.mark.parametrize(("name", "count"), sorted(TUNE_COUNTS.items()))
def test_the_tune_texts_split_as_a_careful_reader_would(name, count):
    sentences = tune_sentences(name)
    assert len(sentences) == count, sentences
    for sentence in sentences:
        # No stranded tail: every sentence opens with a capital, a digit or a quotation mark.
        assert sentence[0].isupper() or sentence[0].isdigit() or sentence[0] in '"“', sentence


@pytest.mark.parametrize(
    ("name", "position", "sentence"),
    [
        (
            "nasa-2017-09-12-soyuz-ms06-crew-arrives.txt",
            0,
            "The Soyuz MS-06 spacecraft docked to the International Space Station at 10:55 p.m. "
            "EDT while both spacecraft were flying 252 statute miles over the Pacific Ocean off "
            "to the west of Chile.",
        ),
        (
            "nasa-2017-09-12-soyuz-ms06-crew-arrives.txt",
            2,
            "Watch the hatch opening targeted for 12:40 a.m. and welcome ceremony live on NASA TV "
            "beginning at 12 a.m. on the agency’s website.",
        ),
        (
            "us-state-2022-03-14-blinken-pashinyan-call.txt",
            0,
            "The below is attributable to Spokesperson Ned Price: Secretary Antony J. Blinken "
            "spoke with Armenia’s Prime Minister Nikol Pashinyan today.",
        ),
        (
            "us-state-2022-03-14-blinken-pashinyan-call.txt",
            1,
            "The Secretary underscored the continuing importance of the U.S. – Armenia bilateral "
            "partnership and U.S. commitment to promoting a peaceful, democratic, and prosperous "
            "future for the South Caucasus.",
        ),
        (
            "az-mfa-2020-10-17-ganja-ballistic-missiles.txt",
            1,
            "This, third in a row atrocious attack on the second biggest city of Azerbaijan, since "
            "the new aggression of Armenia against Azerbaijan, situated far away from the "
            "frontline caused serious civilian casualties; 12 civilians, including 2 minors "
            "killed, more than 40 people injured.",
        ),
        (
            "am-mfa-2022-03-25-parukh-infiltration.txt",
            2,
            "The situation in Nagorno-Karabakh remains tense․",  # an Armenian full stop
        ),
        (
            "afs-2023-11-03-navy-men-dominate-basketball.txt",
            7,
            "Their 63-40 win over the Marine Corps on Thursday night showed just how serious they "
            "are about staying in the competition.",
        ),
        (
            "wikinews-2016-04-02-armenian-azerbaijani-clashes.txt",
            3,
            "The conflict, which has been dormant since the end of a full-scale war over the "
            "region in 1994, exploded over the weekend with a reported 30 combatants killed from "
            "both sides.",
        ),
    ],
)
def test_tune_sentences_are_whole(name, position, sentence):
    assert tune_sentences(name)[position] == sentence
