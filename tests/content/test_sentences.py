import pytest

from content.ingest import SentenceSpan, split_sentences


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
