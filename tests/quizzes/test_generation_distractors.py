"""Distractors a test-wise learner cannot beat, and sibling questions.

Blind guessing is measured here as a learner who never reads the question would play: always
the same rank of the sorted choices, the value the others look derived from, the roundest, the
longest. Values are read back from the choices as displayed, independently of the generator.
"""

import importlib
import random
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.ingest import parse_article_file, split_sentences
from quizzes.generation import generate_drafts
from quizzes.generation.display import MONTH_NAMES, WEEKDAY_NAMES, find_number_token, number_of
from quizzes.generation.distractors import (
    FAMILY_RATIOS,
    Plan,
    balance_ranks,
    distractor_pool,
    is_simple_ratio,
    make_choices,
    rank_from_seed,
)
from quizzes.generation.extraction import extract_facts
from quizzes.generation.types import (
    ArticleText,
    Fact,
    KnownEntity,
    LibraryContext,
    SentenceText,
)

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "content" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "real" / "tune").glob("*.txt")
)
SHIPPED = tuple(
    KnownEntity(name=n, type=t, aliases=tuple(a))
    for n, t, a in importlib.import_module("quizzes.migrations.0007_seed_entities").SEED_ENTITIES
)
PUBLISHED = date(2024, 11, 8)


# --------------------------------------------------------------------------------------------
# Reading choices back


def value_of(choice: str):
    """A displayed choice as a sortable value: numbers, "8 November 2020", "8 November",
    "November 2020", "2020", weekday names, "22:55", "1–5 March 2020"."""
    months = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
    month = "(" + "|".join(MONTH_NAMES) + ")"  # "37 Volunteers" is a count, not a date
    if choice in WEEKDAY_NAMES:
        return (WEEKDAY_NAMES.index(choice),)
    if m := re.fullmatch(r"(\d{2}):(\d{2})", choice):
        return (int(m[1]) * 60 + int(m[2]),)
    if m := re.fullmatch(rf"(\d{{1,2}})–\d{{1,2}} {month} (\d{{4}})", choice):
        return (int(m[3]), months[m[2]], int(m[1]))
    if m := re.fullmatch(rf"(\d{{1,2}}) {month} (\d{{4}})", choice):
        return (int(m[3]), months[m[2]], int(m[1]))
    if m := re.fullmatch(rf"(\d{{1,2}}) {month}", choice):
        return (months[m[2]], int(m[1]))
    if m := re.fullmatch(rf"{month} (\d{{4}})", choice):
        return (int(m[2]), months[m[1]])
    if re.fullmatch(r"\d{4}", choice):
        return (int(choice),)
    return (number_of(choice),)


def roundness(choice: str) -> float:
    """Trailing zeros of the choice's figure, and half a zero more for a last digit of 5."""
    digits = re.sub(r"[^\d]", "", choice.split(":")[0] if ":" in choice else choice)
    if not digits or not digits.strip("0"):
        return 0.0
    stripped = digits.rstrip("0")
    return len(digits) - len(stripped) + (0.5 if stripped.endswith("5") else 0.0)


def derived_score(choice: str, others: list[str], kind: str) -> int:
    """How much the other choices look derived from `choice`: numbers at a simple ratio of
    it; dates sharing its parts (day, month, year)."""
    if kind == "number":
        n = number_of(choice)
        ratios = (0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2)  # halves, quarters, tenths
        return sum(
            1
            for o in others
            if n and number_of(o) and any(abs(number_of(o) / n - r) <= 0.015 * r for r in ratios)
        )
    parts = set(choice.split())
    return sum(len(parts & set(o.split())) for o in others)


def blind_wins(choices: tuple[str, ...], answer: str, kind: str) -> dict[str, float]:
    """The chance each blind strategy picks `answer` (ties split evenly)."""
    ordered = sorted(choices, key=value_of)
    out = {f"rank {r}": float(ordered.index(answer) == r) for r in range(len(ordered))}

    def best(score):
        scores = {c: score(c) for c in choices}
        top = max(scores.values())
        winners = [c for c, s in scores.items() if s == top]
        return 1 / len(winners) if answer in winners else 0.0

    out["derived from"] = best(lambda c: derived_score(c, [o for o in choices if o != c], kind))
    out["roundest"] = best(roundness)
    out["longest"] = best(len)
    return out


def corpus_drafts():
    """Drafts of the seeds and the tune texts, parsed as bench/generation.py does, each with
    the library the others make (values of their first-pass drafts) and the shipped registry."""
    articles = []
    for path in TEXTS:
        parsed = parse_article_file(path)
        sentences = tuple(
            SentenceText(position=s.position, text=s.text, paragraph=s.paragraph)
            for s in split_sentences(parsed.body)
        )
        articles.append(
            ArticleText(
                slug=path.stem,
                title=parsed.title,
                outlet=parsed.outlet,
                published=parsed.published,
                sentences=sentences,
                voice=parsed.voice,
            )  # fmt: skip
        )
    found = {
        a.slug: {
            (d.kind, d.answer_normalized) for d in generate_drafts(a, context=LibraryContext())
        }
        for a in articles
    }
    out = []
    for article in articles:
        others = set().union(*(v for slug, v in found.items() if slug != article.slug))
        context = LibraryContext(
            dates=tuple(sorted(v for k, v in others if k == "date")),
            numbers=tuple(sorted(v for k, v in others if k == "number")),
            entities=SHIPPED,
        )
        out += [(article, d) for d in generate_drafts(article, context=context)]
    return out


_CORPUS = []


def corpus():
    if not _CORPUS:
        _CORPUS.extend(corpus_drafts())
    return _CORPUS


def ordered_questions():
    return [(a, d) for a, d in corpus() if d.mode == "choice" and d.kind in ("number", "date")]


# --------------------------------------------------------------------------------------------
# Over the seeds and the tune texts


def test_no_blind_strategy_wins_more_than_35_percent_of_number_and_date_questions():
    questions = ordered_questions()
    assert len(questions) >= 30
    totals = Counter()
    for _, draft in questions:
        for strategy, win in blind_wins(draft.choices, draft.answer, draft.kind).items():
            totals[strategy] += win
    rates = {s: totals[s] / len(questions) for s in totals}
    assert max(rates.values()) <= 0.35, rates


def test_each_rank_holds_the_key_in_20_to_30_percent_of_the_corpus_questions():
    ranks = Counter(sorted(d.choices, key=value_of).index(d.answer) for _, d in ordered_questions())
    total = sum(ranks.values())
    assert all(0.2 <= ranks[r] / total <= 0.3 for r in range(4)), ranks


def test_corpus_choices_are_sorted_homogeneous_and_plausible():
    for article, draft in ordered_questions():
        values = [value_of(c) for c in draft.choices]
        assert values == sorted(values) and len(set(values)) == 4, draft.choices
        if draft.kind == "number":
            # Same writing: the words around the figure, and digits or words as the answer has.
            assert {shape_of(c) for c in draft.choices} == {shape_of(draft.answer)}, draft.choices
            # No family around the key: at most one choice at x0.5 / x1.5 / x2 / ±10% of it.
            key = number_of(draft.answer)
            family = [
                c
                for c in draft.choices
                if c != draft.answer and is_simple_ratio(number_of(c), key, ratios=FAMILY_RATIOS)
            ]
            assert len(family) <= 1, draft.choices
        elif draft.fact.granularity == "day" and len(draft.fact.value) == 10:
            if draft.fact.value <= article.published.isoformat():
                assert all(v <= value_of(format_day(article.published)) for v in values)
        elif draft.fact.granularity == "year" and int(draft.fact.value) <= article.published.year:
            assert all(v[0] <= article.published.year for v in values)


def shape_of(choice: str) -> str:
    m = find_number_token(choice)
    return choice[: m.start()] + ("#" if m.group()[0].isdigit() else "w") + choice[m.end() :]


def format_day(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def test_no_corpus_question_offers_a_person_who_could_not_have_been_there():
    for _, draft in corpus():
        if draft.kind == "entity" and draft.answer != "Mustafa Kemal Ataturk":
            assert "Mustafa Kemal Ataturk" not in draft.choices, draft.stem


# --------------------------------------------------------------------------------------------
# Properties over many synthetic keys


def count_fact(n: int, noun: str = "villages") -> tuple[Fact, str]:
    text = f"{n:,} {noun}"
    return Fact(kind="number", sentence_position=0, start=0, end=len(text), text=text,
                value=str(n), unit=noun), text  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=11, max_value=5_000_000), rank=st.integers(0, 3))
def test_a_count_gets_its_rank_and_no_family_around_it(n, rank):
    fact, answer = count_fact(n)
    choices = make_choices(fact=fact, answer=answer, seed=f"s|{n}", rank=rank)
    assert len(choices) == 4 and choices.count(answer) == 1
    values = [number_of(c) for c in choices]
    assert values == sorted(values)
    if len(str(n).strip("0")) > 1:
        assert choices.index(answer) == rank
    # A key of one significant digit ("1,000,000") has few round neighbours on one side, and
    # may take the nearest rank it can; it stays written at its own precision, or the next finer
    # one when it has too few round neighbours on both sides ("100": 300, 400, then tens).
    assert all(v % max(1, _step(n) // 10) == 0 for v in values)
    assert all(v == int(v) and v >= 2 for v in values)
    assert all(re.fullmatch(r"[\d,]+ villages", c) for c in choices)
    wrong = [v for v in values if v != n]
    # Not one of the classic family: ×0.5, ×1.5, ×2, ±10%.
    assert not any(is_simple_ratio(v, n, ratios=FAMILY_RATIOS) for v in wrong), choices
    # The key is not the value the others derive from.
    family = sum(is_simple_ratio(v, n) for v in wrong)
    assert family <= 1 or n % 10 == 0, choices


def _step(n: int) -> int:
    step = 1
    while n % (step * 10) == 0:
        step *= 10
    return step


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=9), rank=st.integers(0, 3))
def test_small_counts_stay_whole_and_plural(n, rank):
    fact, answer = count_fact(n, "teams")
    choices = make_choices(fact=fact, answer=answer, seed=f"t|{n}", rank=rank)
    assert len(choices) == 4 and answer in choices
    values = [number_of(c) for c in choices]
    assert all(v == int(v) and v >= (2 if n >= 2 else 0) for v in values)
    feasible = min(rank, n - 2 if n >= 2 else n - 1)
    assert choices.index(answer) == max(feasible, 0)


def test_ranks_from_seeds_spread_evenly():
    ranks = Counter(rank_from_seed(f"article|number:{i}:villages") for i in range(4000))
    assert all(0.23 <= ranks[r] / 4000 <= 0.27 for r in range(4)), ranks


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(min_value=11, max_value=100_000), min_size=20, max_size=80, unique=True)
)
def test_balanced_ranks_spread_each_rank_over_an_article(keys):
    plans = {}
    for n in keys:
        fact, answer = count_fact(n)
        plans[str(n)] = plan_for(fact, answer)
    ranks = Counter(balance_ranks(plans, seed="an-article").values())
    assert sum(ranks.values()) == len(keys)
    assert max(ranks.values()) - min(ranks[r] for r in range(4)) <= 1


def plan_for(fact, answer, **kwargs) -> Plan:
    from quizzes.generation.distractors import plan_choices

    plan = plan_choices(fact=fact, answer=answer, seed=f"p|{answer}", **kwargs)
    assert plan is not None
    return plan


@settings(max_examples=200, deadline=None)
@given(
    year=st.integers(min_value=1900, max_value=2030),
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    rank=st.integers(0, 3),
)
def test_years_stay_plausible_years(year, published, rank):
    fact = Fact(kind="date", sentence_position=0, start=3, end=7, text=str(year),
                value=str(year), granularity="year")  # fmt: skip
    pool = distractor_pool(facts=(fact,), context=LibraryContext(), published=published)
    choices = make_choices(fact=fact, answer=str(year), seed=f"y|{year}", rank=rank, pool=pool,
                           sentence=f"In {year} it happened.")  # fmt: skip
    if year == published.year:
        # Reported in its own year: every choice would be earlier, the key always the latest.
        assert choices == ()
        return
    assert len(choices) == 4
    years = [int(c) for c in choices]
    assert years == sorted(years) and all(re.fullmatch(r"\d{4}", c) for c in choices)
    if year <= published.year:
        assert max(years) <= published.year
        # The rank asked for when there are years enough after the key: the article's own
        # year is no choice (as above, a key in it would always be the latest).
        if published.year - 1 - year >= 3 - rank:
            assert choices.index(str(year)) == rank


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1995, 1, 1), max_value=date(2024, 12, 31)),
    after=st.integers(0, 400),
    rank=st.integers(0, 3),
)
def test_dates_are_valid_and_never_after_the_article(day, after, rank):
    published = date.fromordinal(day.toordinal() + after)
    text = format_day(day)
    (fact,) = extract_facts(
        SentenceText(position=0, text=f"It began on {text}."), published=published
    )
    pool = distractor_pool(facts=(fact,), context=LibraryContext(), published=published)
    choices = make_choices(fact=fact, answer=text, seed=f"d|{day}", rank=rank, pool=pool)
    if after == 0:
        # Reported on its day: the key, the article's date, would always be the latest choice.
        assert choices == ()
        return
    assert len(choices) == 4
    values = [value_of(c) for c in choices]
    assert values == sorted(values)
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", c) for c in choices)
    assert all(v <= value_of(format_day(published)) for v in values)
    # The same day of another month or year is a family the key would be the centre of.
    assert sum(c.split()[0] == text.split()[0] for c in choices) == 1


def facts_of(text: str, published=PUBLISHED):
    return tuple(extract_facts(SentenceText(position=0, text=text), published=published))


@settings(max_examples=150, deadline=None)
@given(start=st.integers(20, 95), drop=st.integers(1, 15), rank=st.integers(0, 3))
def test_a_figure_that_fell_gets_lower_choices(start, drop, rank):
    end = start - drop
    text = f"Turnout fell from {start}% to {end}% in the last election."
    facts = facts_of(text)
    key = next(f for f in facts if f.value == str(end))
    choices = make_choices(fact=key, answer=f"{end}%", seed=f"f|{start}|{end}", rank=rank,
                           sentence=text, sentence_facts=facts)  # fmt: skip
    assert len(choices) == 4
    assert all(number_of(c) < start for c in choices), choices


@settings(max_examples=150, deadline=None)
@given(start=st.integers(5, 80), rise=st.integers(1, 15), rank=st.integers(0, 3))
def test_a_figure_that_rose_gets_higher_choices(start, rise, rank):
    end = start + rise
    text = f"Turnout rose from {start}% to {end}% in the last election."
    facts = facts_of(text)
    key = next(f for f in facts if f.value == str(end))
    choices = make_choices(fact=key, answer=f"{end}%", seed=f"r|{start}|{end}", rank=rank,
                           sentence=text, sentence_facts=facts)  # fmt: skip
    assert len(choices) == 4
    assert all(start < number_of(c) <= 100 for c in choices), choices


@settings(max_examples=150, deadline=None)
@given(total=st.integers(12, 5000), share=st.floats(0.05, 0.6), rank=st.integers(0, 3))
def test_a_part_stays_smaller_than_its_total(total, share, rank):
    part = max(2, int(total * share))
    text = f"The attack killed {total:,} civilians, including {part:,} children, officials said."
    facts = facts_of(text)
    key = next(f for f in facts if f.unit == "children")
    choices = make_choices(fact=key, answer=key.text, seed=f"p|{total}|{part}", rank=rank,
                           sentence=text, sentence_facts=facts)  # fmt: skip
    if choices:
        assert all(number_of(c) < total for c in choices), choices


@settings(max_examples=100, deadline=None)
@given(first=st.integers(1990, 2015), length=st.integers(2, 8), rank=st.integers(0, 3))
def test_the_start_of_a_year_range_stays_before_its_end(first, length, rank):
    last = first + length
    text = f"The programme ran between {first} and {last} in the region."
    facts = facts_of(text)
    key = next(f for f in facts if f.value == str(first))
    pool = distractor_pool(facts=facts, context=LibraryContext(), published=PUBLISHED)
    choices = make_choices(fact=key, answer=str(first), seed=f"y|{first}", rank=rank, pool=pool,
                           sentence=text, sentence_facts=facts)  # fmt: skip
    assert len(choices) == 4
    assert all(int(c) < last for c in choices), choices


def test_a_value_the_stem_states_in_another_form_is_no_choice():
    sentence = "The celebration was moved from November 10 to November 8."
    for published in (date(2021, 1, 1), date(2024, 11, 8)):
        drafts = generate_drafts(
            article_of(sentence, published=published), context=LibraryContext()
        )
        (ten,) = [d for d in drafts if d.answer_normalized.endswith("11-10")]
        assert ten.mode == "choice" and not any(c.startswith("8 November") for c in ten.choices)


def test_the_end_of_a_weekday_range_stays_after_its_start():
    text = "The talks ran from Tuesday to Friday in the capital."
    published = date(2024, 4, 20)  # a Saturday: both days are of that week
    facts = facts_of(text, published=published)
    key = next(f for f in facts if f.text == "Friday")
    for rank in range(4):
        choices = make_choices(fact=key, answer="Friday", seed="w", rank=rank, sentence=text,
                               sentence_facts=facts)  # fmt: skip
        assert set(choices) <= {"Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
        assert len(choices) == 4 and "Tuesday" not in choices


# --------------------------------------------------------------------------------------------
# Sources, best first


def article_of(*texts, published=PUBLISHED, slug="an-article"):
    return ArticleText(
        slug=slug, title="A headline", outlet="TRT", published=published,
        sentences=tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts)),
    )  # fmt: skip


def test_the_articles_own_comparable_figures_come_first():
    texts = (
        "In Aghdam, 120 villages were damaged.",
        "In Lachin, 95 villages were damaged.",
        "In Fuzuli, 143 villages were damaged.",
        "The region has 7 airports.",
    )
    facts = tuple(f for i, t in enumerate(texts) for f in extract_facts(
        SentenceText(position=i, text=t), published=PUBLISHED))  # fmt: skip
    pool = distractor_pool(facts=facts, context=LibraryContext(), published=PUBLISHED)
    key = next(f for f in facts if f.value == "120")
    choices = make_choices(fact=key, answer="120 villages", seed="x", rank=1, pool=pool,
                           sentence=texts[0], sentence_facts=(key,))  # fmt: skip
    assert {"95 villages", "143 villages"} <= set(choices) and choices.index("120 villages") == 1
    assert "7 villages" not in choices  # airports are not villages


def choices_in_article(texts, value, seeds="abcd"):
    facts = tuple(f for i, t in enumerate(texts) for f in extract_facts(
        SentenceText(position=i, text=t), published=PUBLISHED))  # fmt: skip
    sentences = tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts))
    pool = distractor_pool(facts=facts, context=LibraryContext(), published=PUBLISHED,
                           sentences=sentences)  # fmt: skip
    key = next(f for f in facts if f.value == value and f.kind == "number")
    own = tuple(f for f in facts if f.sentence_position == key.sentence_position)
    return key, [
        make_choices(
            fact=key,
            answer=key.text,
            seed=seed,
            rank=rank,
            pool=pool,
            sentence=texts[key.sentence_position],
            sentence_facts=own,
        )  # fmt: skip
        for seed in seeds
        for rank in range(4)
    ]


def test_a_count_of_an_overlapping_group_is_no_choice():
    # The total of the key and its sentence's other count, wherever the article states it.
    key, sets = choices_in_article((
        "All 12 nurses and 30 nurse trainees working in the district are accounted for.",
        "The clinic opened in 2001.",
        "The 42 nurses and nurse trainees now in the district work in rural clinics.",
    ), "12")  # fmt: skip
    assert all(len(s) == 4 and "42 nurses" not in s for s in sets), sets
    # A part the next sentence counts of the key's joined group.
    key, sets = choices_in_article((
        "Some 40 soldiers and civilians were evacuated by air.",
        "Of them, 25 soldiers flew home.",
    ), "40")  # fmt: skip
    assert all(not any(c.startswith("Some 25 ") for c in s) for s in sets), sets
    # The group the key is part of ("including").
    key, sets = choices_in_article(("The attack killed 31 people, including 12 children.",), "12")
    assert all("31 children" not in s for s in sets), sets
    # Two groups side by side that do not overlap still give each other as choices.
    key, sets = choices_in_article(("The blast killed 20 people and injured 35 people.",), "20")
    assert any("35 people" in s for s in sets), sets


def test_a_figure_of_another_scope_is_no_choice():
    # One game's points are no choice for a season's total, nor the total for a game's.
    games = ("Rivera scored 21 points in the opening game.", "Okafor added 19 points on Friday.")
    key, sets = choices_in_article((*games, "Rivera leads the league with 58 points."), "58")
    assert all(len(s) == 4 and not {"21 points", "19 points"} & set(s) for s in sets), sets
    key, sets = choices_in_article((*games, "She has 28 points in total."), "21")
    assert all(len(s) == 4 and "28 points" not in s for s in sets), sets
    # A figure of the same scope is still a choice.
    key, sets = choices_in_article((*games, "The team scored 24 points in the final."), "21")
    assert any("24 points" in s for s in sets), sets


def test_unrelated_library_dates_are_refused():
    article = (
        "The shelling began on 27 September 2020.",
        "The city was taken on 8 November 2020.",
    )
    facts = tuple(f for i, t in enumerate(article) for f in extract_facts(
        SentenceText(position=i, text=t), published=date(2020, 11, 20)))  # fmt: skip
    library = LibraryContext(dates=("2018-03-14", "2018-03-15", "2021-06-01", "2020-10-17"))
    pool = distractor_pool(facts=facts, context=library, published=date(2020, 11, 20))
    key = next(f for f in facts if f.value == "2020-11-08")
    seen = set()
    for rank in range(4):
        seen.update(make_choices(fact=key, answer="8 November 2020", seed="z", rank=rank,
                                 pool=pool, sentence=article[1], sentence_facts=(key,)))  # fmt: skip
    assert {"27 September 2020", "17 October 2020"} <= seen  # the article's, then related
    assert not {c for c in seen if "2018" in c or "2021" in c}  # a weather date; a later one


def person_key(sentence: str, name: str) -> Fact:
    start = sentence.index(name)
    return Fact(kind="entity", sentence_position=0, start=start, end=start + len(name),
                text=name, value=name, unit="person")  # fmt: skip


SIGNED = (
    "On 10 November 2020, the President of Azerbaijan, Ilham Aliyev, the Prime Minister of "
    "Armenia, Nikol Pashinyan, and Russian President Vladimir Putin signed the Trilateral "
    "Statement."
)


def test_a_signer_is_one_of_the_states_party_to_it_and_of_the_stems_state():
    people = tuple(
        KnownEntity(name=n, type="person")
        for n in ("Ilham Aliyev", "Nikol Pashinyan", "Vladimir Putin", "Mustafa Kemal Ataturk",
                  "Recep Tayyip Erdogan", "Serzh Sargsyan", "Robert Kocharyan",
                  "Levon Ter-Petrosyan", "Dmitry Medvedev")
    )  # fmt: skip
    pool = distractor_pool(
        facts=facts_of(SIGNED), context=LibraryContext(entities=people), published=PUBLISHED
    )
    key = person_key(SIGNED, "Nikol Pashinyan")
    for seed in ("a", "b", "c", "d", "e"):
        choices = make_choices(fact=key, answer="Nikol Pashinyan", seed=seed, pool=pool,
                               stem="Who signed the Trilateral Statement for Armenia?",
                               sentence=SIGNED)  # fmt: skip
        # "For Armenia": Armenians only; Atatürk (died 1938) and Erdogan (Türkiye is no party)
        # never, nor the other signatories, who plainly signed for other states.
        assert set(choices) == {"Nikol Pashinyan", "Serzh Sargsyan", "Robert Kocharyan",
                                "Levon Ter-Petrosyan"}  # fmt: skip
    # Without the state in the stem, the heads of the states the sentence names, never
    # Erdogan: with too few, no choices.
    key = person_key(SIGNED, "Vladimir Putin")
    stem = "Who signed the Trilateral Statement with the leaders of Azerbaijan and Armenia?"
    choices = make_choices(fact=key, answer="Vladimir Putin", seed="f", pool=pool, stem=stem,
                           sentence=SIGNED)  # fmt: skip
    assert "Recep Tayyip Erdogan" not in choices and "Mustafa Kemal Ataturk" not in choices
    few = distractor_pool(facts=facts_of(SIGNED), context=LibraryContext(entities=people[:5]),
                          published=PUBLISHED)  # fmt: skip
    assert make_choices(fact=key, answer="Vladimir Putin", seed="f", pool=few, stem=stem,
                        sentence=SIGNED) == ()  # fmt: skip


COUNTRIES = tuple(
    KnownEntity(name=n, type="country", aliases=tuple(a))
    for n, a in (("Azerbaijan", ()), ("Armenia", ()), ("Russia", ()), ("Türkiye", ("Turkey",)),
                 ("United States", ("USA",)), ("Georgia", ()), ("Iran", ()))
)  # fmt: skip


# An article naming the region's countries: only countries an article names are choices.
NEIGHBOURS = "Georgia, Armenia, Azerbaijan, Iran, Russia, Türkiye and the USA sent envoys."


def country_facts(*texts: str) -> tuple[Fact, ...]:
    return tuple(
        f
        for i, t in enumerate(texts)
        for f in extract_facts(
            SentenceText(position=i, text=t), published=PUBLISHED, entities=COUNTRIES
        )  # fmt: skip
    )


def country_choices(sentence: str, answer: str, stem: str, seed: str = "s", *,
                    article: tuple[str, ...] = (NEIGHBOURS,)):  # fmt: skip
    pool = distractor_pool(facts=country_facts(sentence, *article),
                           context=LibraryContext(entities=COUNTRIES),
                           published=PUBLISHED)  # fmt: skip
    start = sentence.index(answer)
    key = Fact(kind="entity", sentence_position=0, start=start, end=start + len(answer),
               text=answer, value=answer, unit="country")  # fmt: skip
    return make_choices(fact=key, answer=answer, seed=seed, pool=pool, stem=stem,
                        sentence=sentence)  # fmt: skip


def test_a_country_the_stem_names_by_a_demonym_is_no_choice():
    sentence = "American firms exported $600 million in goods to Georgia in 2013."
    for seed in "abcde":
        choices = country_choices(
            sentence, "Georgia", "To which country did American firms export goods in 2013?", seed
        )
        assert len(choices) == 4 and "Georgia" in choices
        assert "United States" not in choices  # the exporters' own country


def test_a_country_gets_countries_of_its_part_of_the_world():
    sentence = "EUMA personnel will monitor the border areas with Azerbaijan in the Tavush region."
    stem = "Along the border with which country will EUMA monitor the Tavush region of Armenia?"
    for seed in "abcde":
        choices = country_choices(sentence, "Azerbaijan", stem, seed)
        assert len(choices) == 4 and not {"United States", "Armenia"} & set(choices)
    # No other country of the Americas in the registry: no choices for the United States.
    sentence = "The United States has approved a five-year Compact with Georgia."
    stem = "Which country has approved a five-year Compact with Georgia?"
    assert country_choices(sentence, "United States", stem) == ()


def test_a_partner_of_a_programme_gets_the_articles_partners_or_no_choices():
    def choices(texts, answer, seed):
        sentences = tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts))
        pool = distractor_pool(facts=country_facts(*texts),
                               context=LibraryContext(entities=COUNTRIES),
                               published=PUBLISHED, sentences=sentences)  # fmt: skip
        start = texts[0].index(answer)
        key = Fact(kind="entity", sentence_position=0, start=start, end=start + len(answer),
                   text=answer, value=answer, unit="country")  # fmt: skip
        return make_choices(fact=key, answer=answer, seed=seed, pool=pool,
                            stem="With which country did the agency sign the grant agreement?",
                            sentence=texts[0])  # fmt: skip

    alone = ("In May 2019 the agency signed a three-year grant agreement with Armenia.",
             "The agency opened an office in Yerevan.")  # fmt: skip
    # Not Iran or Russia for a U.S. agency's grant: no choices rather than implausible ones.
    assert all(choices(alone, "Armenia", seed) == () for seed in "abc")
    named = (
        *alone,
        "Earlier grants went to Georgia and a loan to Azerbaijan.",
        "It also has a partnership with Turkey.",
        "Russia and Iran objected.",
    )
    for seed in "abcde":
        picked = choices(named, "Armenia", seed)
        assert set(picked) == {"Armenia", "Georgia", "Azerbaijan", "Türkiye"}, picked


def test_a_country_the_article_never_names_is_no_choice():
    # Armenia's missiles on Ganja: the registry's Russia, Iran and Georgia had no part in it.
    sentence = "The armed forces of Armenia attacked the city of Ganja with missiles."
    stem = "The armed forces of which country attacked the city of Ganja with missiles?"
    article = ("Azerbaijan condemned the attack.",)
    assert all(country_choices(sentence, "Armenia", stem, seed, article=article) == ()
               for seed in "abc")  # fmt: skip
    # Named by the article, the same countries are choices.
    article += ("Russia, Iran and Georgia called on both sides to stop the fighting.",)
    for seed in "abc":
        choices = country_choices(sentence, "Armenia", stem, seed, article=article)
        assert set(choices) <= {"Armenia", "Azerbaijan", "Russia", "Iran", "Georgia"}
        assert len(choices) == 4 and "Armenia" in choices


def test_a_side_of_a_war_has_no_fair_country_choices():
    # Azerbaijan is named, Türkiye and Russia were no side: no choice is plausible.
    sentence = "Armenia accepted defeat after the Azerbaijani army took Shusha."
    stem = "Which country accepted defeat after the Azerbaijani army took control of Shusha?"
    assert country_choices(sentence, "Armenia", stem) == ()
    sentence = "Azerbaijan waged war with maximum humanitarian restraint."
    assert country_choices(sentence, "Azerbaijan", "Which country waged war with restraint?") == ()
    # Another role of a country in the same war keeps its choices.
    sentence = "Türkiye warned third countries not to interfere in the war."
    stem = "Which country warned third countries not to interfere in the war?"
    assert len(country_choices(sentence, "Türkiye", stem)) == 4


def test_entities_named_in_the_article_come_before_the_rest_of_the_registry():
    cities = tuple(
        KnownEntity(name=n, type="city")
        for n in ("Ganja", "Barda", "Tartar", "Ankara", "Yerevan", "Paris", "Lima", "Oslo")
    )
    texts = (
        "Missiles hit Ganja on 17 October 2020.",
        "Barda was shelled on 28 October 2020.",
        "Shells also fell on Tartar.",
    )
    drafts = generate_drafts(article_of(*texts), context=LibraryContext(entities=cities))
    (ganja,) = [d for d in drafts if d.answer == "Ganja"]
    assert {"Ganja", "Barda", "Tartar"} <= set(ganja.choices)


def test_a_town_gets_towns_of_its_own_area_or_none():
    shipped = tuple(
        KnownEntity(name=n, type="city") for n in ("Shusha", "Baku", "Ganja", "Yerevan", "Ankara")
    )
    towns = tuple(KnownEntity(name=n, type="city") for n in ("Aghdam", "Lachin", "Fuzuli"))
    for published in (date(2020, 11, 20), date(2021, 1, 5), date(2023, 11, 8)):
        article = article_of("The army entered Shusha after heavy fighting.", published=published)
        (draft,) = [d for d in generate_drafts(article, context=LibraryContext(entities=shipped))
                    if d.kind == "entity"]  # fmt: skip
        # Baku and Ganja were never taken, Yerevan and Ankara are in other countries.
        assert draft.choices == ()
        (draft,) = [
            d
            for d in generate_drafts(article, context=LibraryContext(entities=shipped + towns))
            if d.kind == "entity"
        ]
        assert set(draft.choices) == {"Shusha", "Aghdam", "Lachin", "Fuzuli"}, draft.choices


def test_an_event_gets_events_of_its_kind_only():
    events = tuple(
        KnownEntity(name=n, type="event", aliases=tuple(a))
        for n, a in (("Second Karabakh War", ("44-day war",)), ("First Karabakh War", ()),
                     ("Victory Day", ()), ("Trilateral Statement", ("trilateral declaration",)),
                     ("Six-Day War", ()), ("Memorial Day", ()), ("Gulf War", ()))
    )  # fmt: skip
    (draft,) = [
        d for d in generate_drafts(
            article_of("Thousands of soldiers died in the Second Karabakh War."),
            context=LibraryContext(entities=events),
        ) if d.kind == "entity"
    ]  # fmt: skip
    assert len(draft.choices) == 4 and all(c.endswith("War") for c in draft.choices)
    # A day gets days, a document documents: with too few of its kind, no choices at all.
    for text in ("On Victory Day, all the churches rang their bells.",
                 "The Trilateral Statement ended the fighting."):  # fmt: skip
        (draft,) = [
            d
            for d in generate_drafts(article_of(text), context=LibraryContext(entities=events))
            if d.kind == "entity"
        ]
        assert draft.choices == (), draft.choices


def test_library_figures_are_used_only_when_they_say_what_they_measure():
    library = LibraryContext(numbers=("286", "310", "45000000000 USD", "65500000000 USD"))
    money_text = "Azerbaijan spent $70 billion on the region."
    count_text = "The army took 300 villages in the region."
    facts = facts_of(money_text) + tuple(
        replace(f, sentence_position=1) for f in facts_of(count_text)
    )
    pool = distractor_pool(facts=facts, context=library, published=PUBLISHED)
    money = next(f for f in facts if f.unit == "USD")
    count = next(f for f in facts if f.unit == "villages")
    money_choices = set()
    count_choices = set()
    for rank in range(4):
        money_choices.update(make_choices(fact=money, answer="$70 billion", seed="m", rank=rank,
                                          pool=pool, sentence=money_text))  # fmt: skip
        count_choices.update(make_choices(fact=count, answer="300 villages", seed="c", rank=rank,
                                          pool=pool, sentence=count_text))  # fmt: skip
    # A library figure of the same currency is used; "$65.5 billion" would be another
    # precision, so it is refused, not rounded.
    assert "$45 billion" in money_choices
    assert "$65.5 billion" not in money_choices and all(
        re.fullmatch(r"\$\d+ billion", c) for c in money_choices
    )
    # A bare library count says nothing of what it counts.
    assert not {"286 villages", "310 villages"} & count_choices


def test_no_choice_holds_the_answer_or_is_held_by_it():
    regions = tuple(
        KnownEntity(name=n, type="region")
        for n in ("Karabakh", "Nagorno-Karabakh", "Lachin", "Kalbajar", "Zangilan", "Syunik",
                  "Tavush", "Nakhchivan")
    )  # fmt: skip
    drafts = generate_drafts(
        article_of("Fighting resumed in Karabakh after the talks."),
        context=LibraryContext(entities=regions),
    )
    (draft,) = [d for d in drafts if d.kind == "entity"]
    assert "Nagorno-Karabakh" not in draft.choices and len(draft.choices) == 4
    # Lachin, Kalbajar and Zangilan lie in Karabakh.
    assert set(draft.choices) == {"Karabakh", "Syunik", "Tavush", "Nakhchivan"}


# --------------------------------------------------------------------------------------------
# Siblings and lists


def test_a_list_gives_one_publishable_question_whose_distractors_are_its_other_items():
    drafts = generate_drafts(
        article_of("The Azerbaijani army liberated 5 cities, 4 towns, and 286 villages."),
        context=LibraryContext(),
    )
    assert len({d.sibling_key for d in drafts}) == 1
    best, *others = sorted(drafts, key=lambda d: -d.quality)
    assert others and all(d.quality <= 0.45 < best.quality for d in others)
    assert best.answer == "5 cities"
    assert "4 cities" in best.choices


def test_two_clauses_joined_by_and_are_not_a_list():
    drafts = generate_drafts(
        article_of(
            "In the Karabakh war, the army lost 2,908 soldiers, and 94 civilians died in the "
            "shelling."
        ),
        context=LibraryContext(),
    )
    numbers = {d.answer: d for d in drafts if d.kind == "number"}
    # Not a list: neither figure is offered as a wrong choice of the other, and the first
    # clause's question (anchored by "In the Karabakh war") is publishable. The second,
    # "died in the shelling", names no event of its own, so it may be held back.
    assert numbers["2,908 soldiers"].quality > 0.45
    assert not any(c.startswith("94") for c in numbers["2,908 soldiers"].choices)
    assert not any(c.startswith("2,908") for c in numbers["94 civilians"].choices)


def test_drafts_of_one_sentence_or_stating_each_others_answers_are_siblings():
    texts = (
        "The war began on 27 September 2020 and lasted 44 days.",
        "The war ended with a ceasefire on 10 November 2020.",
        "Memorial Day was also marked on 10 November 2020 in the capital.",
        "The region has 7 airports, and 44 days of war damaged 3 of them.",
    )
    drafts = generate_drafts(article_of(*texts), context=LibraryContext())
    keys = {(d.sentence_position, d.answer): d.sibling_key for d in drafts}
    # One sentence.
    assert keys[0, "27 September 2020"] == keys[0, "44 days"] == "an-article:0"
    # Two events on one day: each sentence states the other's answer, so each feedback gives
    # the other question away.
    assert keys[1, "10 November 2020"] == keys[2, "10 November 2020"] == "an-article:1"
    # Sentence 3 states sentence 0's 44 days, but sentence 0 none of sentence 3's answers: a
    # one-way mention (an article restates its central facts) does not join them.
    assert keys[3, "7 airports"] == "an-article:3"


def test_choices_and_sibling_keys_are_the_same_on_every_run():
    texts = ("The army lost 2,908 soldiers in the war.", "The war ended on Nov. 10, 2020.")
    first = generate_drafts(article_of(*texts), context=LibraryContext())
    assert first == generate_drafts(article_of(*texts), context=LibraryContext())
    assert all(d.sibling_key for d in first)


def test_blind_strategies_read_families_and_rounding_as_a_learner_would():
    # The old family: the key is the one the others derive from, and the second smallest.
    wins = blind_wins(("143 villages", "286 villages", "429 villages", "572 villages"),
                      "286 villages", "number")  # fmt: skip
    assert wins["derived from"] == 1.0 and wins["rank 1"] == 1.0
    assert blind_wins(("20", "35", "50", "70"), "50", "number")["roundest"] == 1.0
    assert (
        blind_wins(("9 days", "12 days", "15 days", "17 days"), "9 days", "number")["longest"]
        == 0.0
    )
    rng = random.Random(0)
    assert (
        value_of("8 November 2020")
        < value_of("10 November 2020")
        < value_of(f"{rng.randint(1, 28)} December 2020")
    )


# --------------------------------------------------------------------------------------------
# Shapes a blind guesser reads, bounds and estimates


def singled_out(values: list[float], key: float, *, digits: bool = True) -> str:
    """What lets a learner who never reads the question pick `key` among `values` (all four
    choices), or "": the key at an end, set apart by more than twice the others' widest gap;
    the key the start or centre of an evenly spaced run that not all four are on, or all four
    evenly spaced at a step that is not round; a wrong figure with the key's digits in another
    order (`digits`: figures, not days)."""
    values = sorted(values)
    gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
    i = values.index(key)
    if i == 0 and gaps[0] > 2 * max(gaps[1:]) or i == 3 and gaps[-1] > 2 * max(gaps[:-1]):
        return "apart"
    others = [v - key for v in values if v != key]
    if max(gaps) - min(gaps) <= 0.03 * max(gaps) and any(v % max(gaps) for v in values):
        return "steps"  # 13, 15, 17, 19: but 10, 20, 30, 40 are just round
    if max(gaps) - min(gaps) > 0.03 * max(gaps):
        for a in others:
            for b in others:
                if a != b and (abs(a + b) <= 0.03 * max(abs(a), abs(b))
                               or abs(2 * a - b) <= 0.03 * abs(b)):  # fmt: skip
                    return "run"
    own = sorted(str(int(key))) if digits and key == int(key) else None
    if (
        own
        and len(set(own)) > 1
        and any(v == int(v) and sorted(str(int(v))) == own for v in values if v != key)
    ):
        return "digits"
    return ""


@settings(max_examples=400, deadline=None)
@given(n=st.integers(min_value=2, max_value=2_000_000), rank=st.integers(0, 3))
def test_no_count_is_singled_out_by_the_shape_of_its_choices(n, rank):
    fact, answer = count_fact(n)
    choices = make_choices(fact=fact, answer=answer, seed=f"b|{n}", rank=rank)
    assert len(choices) == 4
    assert not singled_out([number_of(c) for c in choices], n), choices


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1995, 1, 1), max_value=date(2024, 12, 31)),
       rank=st.integers(0, 3))  # fmt: skip
def test_no_date_is_singled_out_by_the_shape_of_its_choices(day, rank):
    text = format_day(day)
    (fact,) = extract_facts(SentenceText(position=0, text=f"It began on {text}."),
                            published=date(2025, 6, 1))  # fmt: skip
    pool = distractor_pool(facts=(fact,), context=LibraryContext(), published=date(2025, 6, 1))
    choices = make_choices(fact=fact, answer=text, seed=f"bd|{day}", rank=rank, pool=pool)
    days = [date(*value_of(c)).toordinal() for c in choices]
    assert not singled_out(days, day.toordinal(), digits=False), choices


def test_the_judged_giveaways_are_gone():
    # "approximately 85": 58 (its digits reversed), 88 and 91 (+3, +6); "about 20 people"
    # against 50, 60, 70; "about 260 miles" with 270 and 280.
    for n, answer in ((85, "approximately 85"), (20, "about 20 people"),
                      (260, "about 260 miles")):  # fmt: skip
        fact = Fact(kind="number", sentence_position=0, start=0, end=len(answer), text=answer,
                    value=str(n), unit="people")  # fmt: skip
        for rank in range(4):
            for seed in ("a", "b", "c"):
                choices = make_choices(fact=fact, answer=answer, seed=seed, rank=rank)
                assert len(choices) == 4
                assert not singled_out([number_of(c) for c in choices], n), choices


def test_a_bound_gets_no_choices_since_the_choices_on_one_side_are_true_too():
    for answer, value, unit in (("over 60 miles", "60 mi", "mi"), ("more than 40", "40", ""),
                                ("at least 12 people", "12", "people"),
                                ("up to 20 inches", "20 in", "in"),
                                ("fewer than 300 voters", "300", "voters")):  # fmt: skip
        fact = Fact(kind="number", sentence_position=0, start=0, end=len(answer), text=answer,
                    value=value, unit=unit)  # fmt: skip
        assert make_choices(fact=fact, answer=answer, seed="x", rank=1) == (), answer
    fact = Fact(kind="number", sentence_position=0, start=0, end=9, text="60 miles",
                value="60 mi", unit="mi")  # fmt: skip
    assert len(make_choices(fact=fact, answer="60 miles", seed="x", rank=1)) == 4


def test_an_estimate_gets_choices_clearly_apart_from_it():
    for n in (24, 85, 175, 260, 1_300):
        answer = f"approximately {n:,} hours"
        fact = Fact(kind="number", sentence_position=0, start=0, end=len(answer), text=answer,
                    value=f"PT{n}H", unit="hours")  # fmt: skip
        for rank in range(4):
            choices = make_choices(fact=fact, answer=answer, seed=f"e|{n}", rank=rank)
            assert len(choices) == 4, choices
            assert all(abs(number_of(c) - n) >= 0.09 * n for c in choices if c != answer)


def test_a_region_never_gets_the_places_it_holds():
    # "Units in Aghdam laid down their arms" is half true when those in Karabakh did.
    regions = tuple(
        KnownEntity(name=n, type="region")
        for n in ("Karabakh", "Aghdam", "Fuzuli", "Zangilan", "Lachin", "Syunik", "Tavush", "Lori")
    )
    for name in ("Karabakh", "Nagorno-Karabakh"):
        article = article_of(f"Armenian armed units in {name} laid down their arms.")
        context = LibraryContext(entities=(*regions, KnownEntity("Nagorno-Karabakh", "region")))
        (draft,) = [d for d in generate_drafts(article, context=context)
                    if d.kind == "entity" and d.answer == name]  # fmt: skip
        assert len(draft.choices) == 4, draft.choices
        assert not {"Aghdam", "Fuzuli", "Zangilan", "Lachin"} & set(draft.choices), draft.choices


def pool_of(*texts, published=PUBLISHED, with_sentences=True):
    sentences = tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts))
    facts = tuple(f for s in sentences for f in extract_facts(s, published=published))
    pool = distractor_pool(facts=facts, context=LibraryContext(), published=published,
                           sentences=sentences if with_sentences else ())  # fmt: skip
    return pool, facts


def all_ranks(fact, answer, pool, sentence):
    seen = set()
    for rank in range(4):
        for seed in ("a", "b"):
            seen.update(make_choices(fact=fact, answer=answer, seed=seed, rank=rank, pool=pool,
                                     sentence=sentence, sentence_facts=(fact,)))  # fmt: skip
    return seen


def test_a_value_the_article_states_of_the_same_event_is_no_wrong_choice():
    texts = (
        "On 17 October 2020 the armed forces of Armenia attacked Ganja with ballistic missiles.",
        "Ganja was also struck by ballistic missiles on 11 October 2020.",
        "The fighting began on 27 September 2020.",
    )
    published = date(2020, 10, 25)
    for with_sentences, defensible in ((True, False), (False, True)):
        pool, facts = pool_of(*texts, published=published, with_sentences=with_sentences)
        key = next(f for f in facts if f.value == "2020-10-17")
        seen = all_ranks(key, "17 October 2020", pool, texts[0])
        assert "27 September 2020" in seen  # another event of the article
        assert ("11 October 2020" in seen) == defensible  # Ganja struck then too
    texts = (
        "The tsunami attained a height of 10 meters.",
        "Elsewhere the tsunami reached a height of 30 meters.",
        "The quake's epicentre lay at a depth of 24 meters below the shore.",
    )
    pool, facts = pool_of(*texts)
    key = next(f for f in facts if f.text.startswith("10"))
    assert "30 meters" not in all_ranks(key, "10 meters", pool, texts[0])
    # The same two teams in the same championship, another year: that year is right too.
    texts = ("Navy and Army locked a spot in the championship game of the 2017 Armed Forces "
             "Basketball Championship at Joint Base San Antonio.",
             "In 2016, Army and Navy faced each other in the championship.",
             "The Armed Forces Basketball Championship was first held in 2012.")  # fmt: skip
    pool, facts = pool_of(*texts, published=date(2017, 11, 6))
    key = next(f for f in facts if f.value == "2016" and f.sentence_position == 1)
    seen = all_ranks(key, "2016", pool, texts[1])
    # A championship is held every year: they may have met in any other year (tune-2 judges).
    assert seen == set()
    # Another region's count is another event: the article's best distractor.
    texts = ("In Aghdam, 120 villages were damaged by shelling.",
             "In Lachin, 95 villages were damaged by shelling.")  # fmt: skip
    pool, facts = pool_of(*texts)
    key = next(f for f in facts if f.value == "120")
    assert "95 villages" in all_ranks(key, "120 villages", pool, texts[0])


def test_a_date_of_an_event_the_article_says_recurred_gets_no_choices():
    texts = (
        "On 17 October 2020 the armed forces of Armenia attacked Ganja with ballistic missiles.",
        "This, the third attack in a row on the city, killed 12 civilians.",
    )
    pool, facts = pool_of(*texts, published=date(2020, 10, 25))
    key = next(f for f in facts if f.value == "2020-10-17")
    assert make_choices(fact=key, answer="17 October 2020", seed="r", pool=pool,
                        sentence=texts[0], sentence_facts=(key,)) == ()  # fmt: skip
    pool, facts = pool_of(texts[0], "It killed 12 civilians.", published=date(2020, 10, 25))
    key = next(f for f in facts if f.value == "2020-10-17")
    assert len(make_choices(fact=key, answer="17 October 2020", seed="r", pool=pool,
                            sentence=texts[0], sentence_facts=(key,))) == 4  # fmt: skip


# --------------------------------------------------------------------------------------------
# Round two of the judged giveaways (tune-2): dates after the article, the article's own day,
# roundness, defensible years


def choices_at_every_rank(text, published, answer_text, seeds=("a", "b", "c")):
    pool, facts = pool_of(text, published=published)
    key = next(f for f in facts if f.text == answer_text)
    return [
        make_choices(
            fact=key,
            answer=answer_text,
            seed=seed,
            rank=rank,
            pool=pool,
            sentence=text,
            sentence_facts=facts,
        )  # fmt: skip
        for rank in range(4)
        for seed in seeds
    ]


def test_a_past_day_without_a_year_gets_no_choice_after_the_article():
    sets = choices_at_every_rank(
        "In Iowa the river was 10 feet above flood stage on June 8.", date(2008, 6, 10), "June 8"
    )
    assert all(len(s) == 4 for s in sets)
    assert all(value_of(c) <= (6, 10) for s in sets for c in s if c != "June 8"), sets
    # A future event may have its choices after the article's day.
    sets = choices_at_every_rank(
        "The summit will be held on 12 June.", date(2008, 6, 10), "12 June"
    )
    assert any(value_of(c) > (6, 12) for s in sets for c in s), sets


def test_an_event_reported_on_its_own_day_gets_no_choices():
    # Every choice would be earlier than the key: a learner picks the article's date and wins.
    for text, answer, published in (
        ("The new base was opened on 13 September.", "13 September", date(2023, 9, 13)),
        ("The new base was opened on 13 September 2023.", "13 September 2023", date(2023, 9, 13)),
        ("The new base was opened in 2023.", "2023", date(2023, 9, 13)),
    ):
        assert all(s == () for s in choices_at_every_rank(text, published, answer)), text
    # Two weeks before the article, there is room for a choice after the key.
    sets = choices_at_every_rank(
        "The new base was opened on 1 September 2023.", date(2023, 9, 15), "1 September 2023"
    )
    assert all(len(s) == 4 for s in sets)
    assert any(s.index("1 September 2023") < 3 for s in sets)


def test_a_time_gets_times_as_round_as_it_and_the_roundest_strategy_cannot_win():
    from quizzes.judging.blind import parse_date_choice

    for time in ("04:30", "22:55", "05:00", "11:15", "08:45", "16:20"):
        fact = Fact(kind="date", sentence_position=0, start=0, end=5, text=time,
                    value=f"T{time}", granularity="time")  # fmt: skip
        for rank in range(4):
            for seed in ("a", "b", "c"):
                choices = make_choices(fact=fact, answer=time, seed=seed, rank=rank)
                assert len(choices) == 4, choices
                if 6 <= int(time[:2]) <= 17:  # room for three choices on either side
                    assert choices.index(time) == rank, choices
                assert {c[-2:] for c in choices} == {time[-2:]}, choices
                # Not the key in a neighbouring zone (03:30 local for 04:30 EDT).
                key = int(time[:2])
                assert all(abs(int(c[:2]) - key) >= 3 for c in choices if c != time), choices
                assert len({parse_date_choice(c).roundness for c in choices}) == 1, choices


def test_an_estimate_gets_round_choices():
    # Not "approximately 104" for 85, nor 31 and 34 hours for "approximately 24 hours".
    for n, answer, unit in ((85, "approximately 85", "people"),
                            (24, "approximately 24 hours", "PT24H")):  # fmt: skip
        fact = Fact(kind="number", sentence_position=0, start=0, end=len(answer), text=answer,
                    value=unit if unit.startswith("PT") else str(n), unit="" if unit.startswith(
                        "PT") else unit)  # fmt: skip
        for rank in range(4):
            for seed in ("a", "b", "c"):
                choices = make_choices(fact=fact, answer=answer, seed=seed, rank=rank)
                assert len(choices) == 4, choices
                assert all(number_of(c) % 5 == 0 for c in choices if c != answer), choices
                assert blind_wins(choices, answer, "number")["roundest"] <= 0.25, choices


def test_a_round_key_is_not_the_lone_roundest_choice():
    # "10 meters" against 14, 16 and 17 meters: the only round value won a blind guess. Nor
    # 30, 40 and 60 meters, beyond the key's scale: one choice as round as it (30), the rest
    # near it.
    fact = Fact(kind="number", sentence_position=0, start=0, end=9, text="10 meters",
                value="10 m", unit="m")  # fmt: skip
    for seed in ("a", "b", "c", "d"):
        choices = make_choices(fact=fact, answer="10 meters", seed=seed)
        assert len(choices) == 4, choices
        assert max(number_of(c) for c in choices) <= 35, choices
        assert blind_wins(choices, "10 meters", "number")["roundest"] <= 0.5, choices


def test_a_year_the_article_gives_another_event_of_the_kind_is_no_choice():
    texts = (
        "Violent clashes took place in the region in 2020.",
        "The army launched an operation in the region in 2017.",
        "A new airport opened in the region in 2018.",
    )
    pool, facts = pool_of(*texts, published=date(2023, 11, 8))
    key = next(f for f in facts if f.value == "2020")
    seen = all_ranks(key, "2020", pool, texts[0])
    assert seen and "2017" not in seen  # clashes in 2020, an operation in 2017: both defensible
    assert "2018" in seen  # an airport is no event of the kind: a fine wrong year


def test_the_other_side_of_a_war_the_stem_ties_the_role_to_is_no_choice():
    texts = (
        "Armenia and Azerbaijan fought a war over the region for 44 days.",
        "The Armenian army shelled villages before the Azerbaijani counter-operation began.",
        "Russia hosted talks in Moscow.",
        "Türkiye warned third countries not to interfere in Azerbaijan's war for rights.",
        "Georgia and Iran called for calm.",
    )
    sentences = tuple(SentenceText(position=i, text=t) for i, t in enumerate(texts))
    facts = country_facts(*texts)
    pool = distractor_pool(facts=facts, context=LibraryContext(entities=COUNTRIES),
                           published=PUBLISHED, sentences=sentences)  # fmt: skip
    start = texts[3].index("Türkiye")
    key = Fact(kind="entity", sentence_position=3, start=start, end=start + len("Türkiye"),
               text="Türkiye", value="Türkiye", unit="country")  # fmt: skip

    def choices(stem):
        return {
            c
            for seed in "abcde"
            for c in make_choices(
                fact=key, answer="Türkiye", seed=seed, pool=pool, stem=stem, sentence=texts[3]
            )  # fmt: skip
        }

    tied = choices("Which country warned third countries not to interfere in Azerbaijan's war?")
    assert tied and "Armenia" not in tied and "Azerbaijan" not in tied
    # Without the possessive, the role is tied to no side: Armenia stays a choice.
    assert "Armenia" in choices("Which country warned third countries not to interfere?")


def test_a_year_of_an_event_held_every_year_gets_no_choices():
    # Army and Navy may have met in the championship in 2009 or 2014 as well as in 2016.
    text = "Army and Navy faced each other in the 2016 basketball championship."
    assert all(s == () for s in choices_at_every_rank(text, date(2017, 11, 6), "2016"))
    text = "Army and Navy signed the agreement in 2016."
    assert all(len(s) == 4 for s in choices_at_every_rank(text, date(2017, 11, 6), "2016"))


def test_a_figure_the_article_gives_the_same_person_in_the_same_unit_is_no_choice():
    texts = (
        "Donita Adams of the Maryland Guard sunk 24 points in the game.",
        "Adams leads the tournament with 63 points.",
        "Kamille Horne of Walter Reed scored 31 points.",
    )
    pool, facts = pool_of(*texts)
    key = next(f for f in facts if f.text.startswith("24"))
    seen = all_ranks(key, key.text, pool, texts[0])
    assert seen and "63 points" not in seen  # her tournament total: right too, with no game named
