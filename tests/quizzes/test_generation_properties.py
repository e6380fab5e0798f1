"""Property tests: generation never raises and never points outside its sentence."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.generation import extract_facts, generate_drafts
from quizzes.generation.types import ArticleText, KnownEntity, LibraryContext, SentenceText

# Text that looks enough like news to reach the date and number rules, mixed with anything.
NEWSY = st.lists(
    st.sampled_from(
        [
            "On",
            "Nov.",
            "8,",
            "2020",
            "November",
            "10",
            "the",
            "army",
            "liberated",
            "286",
            "villages",
            "$7",
            "billion",
            "44-day",
            "war",
            "nearly",
            "30",
            "years",
            "ago",
            "same",
            "day",
            "lasted",
            "44",
            "days",
            "was",
            "signed",
            "in",
            "Shusha",
            "3",
            "p.m.",
            "10:30",
            "percent",
            "45%",
            "“quoted”",
            '"',
            "He",
            "It",
            ",",
            ".",
            "and",
            "Sept",
            "19-20,",
            "2023",
            "Monday",
            "until",
            "magnitude",
            "5.8",
            "km",
            "thirty-year",
            "About",
            "120,000",
            "how",
            "many",
            "—",
            "\n",
            "2,908",
            "martyrs",
            "(",
            ")",
            # the shapes of entity questions: signatories, a city liberated, an event's alias
            "signed",
            "the",
            "President",
            "of",
            "Armenia,",
            "Nikol",
            "Pashinyan,",
            "Russian",
            "Vladimir",
            "Putin",
            "liberated",
            "after",
            "when",
            "city",
            "44-day",
            "war",
            "Trilateral",
            "Statement",
            "which",
            "in",
            "years",
            "last",
            "Tuesday",
            "has",
            "built",
        ]
    )
    | st.text(max_size=8),
    max_size=40,
).map(" ".join)
TEXT = st.one_of(st.text(max_size=200), NEWSY)
CONTEXT = LibraryContext(
    dates=("2020-11-08", "2020-09-27", "--11-10", "2023", "2023-09-19/2023-09-20", "T10:30"),
    entities=(
        KnownEntity(name="Shusha", type="city", aliases=("Shushi",)),
        KnownEntity(name="Lachin", type="city"),
        KnownEntity(name="Baku", type="city"),
        KnownEntity(name="Armenia", type="country"),
        KnownEntity(name="Russia", type="country"),
        KnownEntity(name="Nikol Pashinyan", type="person", aliases=("Pashinyan",)),
        KnownEntity(name="Vladimir Putin", type="person", aliases=("Putin",)),
        KnownEntity(name="Second Karabakh War", type="event", aliases=("44-day war",)),
        KnownEntity(name="Trilateral Statement", type="event"),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, published=st.dates(), previous=st.none() | st.dates())
def test_extracted_spans_are_exact_and_inside_the_sentence(text, published, previous):
    facts = extract_facts(
        SentenceText(position=0, text=text),
        published=published,
        previous=previous,
        entities=CONTEXT.entities,
    )
    for fact in facts:
        assert 0 <= fact.start < fact.end <= len(text)
        assert text[fact.start : fact.end] == fact.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(TEXT, min_size=1, max_size=5),
    outlet=st.text(max_size=30),
    voice=st.sampled_from(["news", "opinion", "official", "other"]),
    published=st.dates(),
)
def test_generate_drafts_never_raises_and_keeps_the_contract(texts, outlet, voice, published):
    article = ArticleText(
        slug="random",
        title=texts[0],
        outlet=outlet,
        published=published,
        sentences=tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts)),
        voice=voice,
    )
    drafts = generate_drafts(article, context=CONTEXT)
    fingerprints = [d.fingerprint for d in drafts]
    assert len(fingerprints) == len(set(fingerprints))
    for draft in drafts:
        sentence = draft.sentence_text
        assert sentence == texts[draft.sentence_position]
        assert 0 <= draft.answer_start < draft.answer_end <= len(sentence)
        assert sentence[draft.answer_start : draft.answer_end] == draft.fact.text
        assert draft.stem.startswith(draft.attribution)
        assert draft.answer.lower() not in draft.stem.lower()
        if draft.mode == "choice":
            assert len(set(draft.choices)) == 4 and draft.choices.count(draft.answer) == 1
        else:
            assert draft.choices == ()
