import dataclasses
from datetime import date

import pytest

from content.models import Sentence
from quizzes.checks import find_question_problems
from quizzes.generating import build_article_text, build_library_context
from quizzes.generation.types import Draft, Fact
from quizzes.models import Question
from quizzes.questions import SENTENCE_GONE_NOTE, publish_drafts, relink_questions, store_drafts
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import EntityFactory, QuestionFactory

pytestmark = pytest.mark.django_db

WAR_ENDED = "The war ended on 10 November 2020."
LASTED = "It lasted 44 days."


def make_draft(
    *,
    sentence_text=WAR_ENDED,
    position=0,
    answer="10 November 2020",
    stem="According to TRT, on what date did the war end?",
    choices=("10 November 2020", "8 November 2020", "27 September 2020", "19 September 2023"),
    quality=0.8,
    fingerprint="date:2020-11-10",
    kind="date",
    normalized="2020-11-10",
):
    start = sentence_text.index(answer)
    end = start + len(answer)
    fact = Fact(
        kind=kind,
        sentence_position=position,
        start=start,
        end=end,
        text=answer,
        value=normalized,
    )
    return Draft(
        fact=fact,
        kind=kind,
        mode="choice",
        stem=stem,
        answer=answer,
        answer_normalized=normalized,
        sentence_position=position,
        sentence_text=sentence_text,
        answer_start=start,
        answer_end=end,
        attribution="According to TRT",
        quality=quality,
        fingerprint=fingerprint,
        choices=choices,
    )


def days_draft(**overrides):
    values = {
        "sentence_text": LASTED,
        "position": 1,
        "answer": "44 days",
        "stem": "According to TRT, how long did the war last?",
        "choices": ("44 days", "30 days", "60 days", "12 days"),
        "quality": 0.4,
        "fingerprint": "number:P44D",
        "kind": "number",
        "normalized": "P44D",
    }
    values.update(overrides)
    return make_draft(**values)


def snapshot(article):
    return [
        (
            q.fingerprint,
            q.stem,
            q.status,
            q.origin,
            q.sentence_id,
            [(c.text, c.is_correct, c.position) for c in q.choices.all()],
        )
        for q in Question.objects.filter(article=article).order_by("fingerprint")
    ]


def test_build_article_text_lists_sentences_in_reader_order():
    article = ArticleFactory(outlet__name="TRT", voice="opinion")

    text = build_article_text(article=article)

    assert text.slug == article.slug
    assert text.outlet == "TRT"
    assert text.voice == "opinion"
    assert text.published == date(2023, 11, 8)
    assert [(s.position, s.text) for s in text.sentences] == [(0, WAR_ENDED), (1, LASTED)]


def test_library_context_holds_other_articles_values_and_confirmed_entities():
    mine = ArticleFactory()
    other = ArticleFactory()
    QuestionFactory(article=mine, answer_normalized="2020-11-10")
    QuestionFactory(article=other, answer_normalized="2020-09-27")
    QuestionFactory(article=other, kind="number", answer_normalized="P44D", answer="44 days")
    EntityFactory(name="Shusha", confirmed=True)
    EntityFactory(name="Tartar", confirmed=False)  # not among the shipped (migration 0007)

    context = build_library_context(exclude_article=mine)

    assert context.dates == ("2020-09-27",)
    assert context.numbers == ("P44D",)
    names = [e.name for e in context.entities]
    assert "Shusha" in names and "Tartar" not in names and names == sorted(names)
    assert build_library_context().dates == ("2020-09-27", "2020-11-10")


def test_store_drafts_creates_draft_questions_with_choices():
    article = ArticleFactory()

    report = store_drafts(article=article, drafts=[make_draft(), days_draft()])

    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    question = Question.objects.get(article=article, fingerprint="date:2020-11-10")
    assert question.status == Question.Status.DRAFT
    assert question.origin == Question.Origin.GENERATED
    assert question.sentence.position == 0
    assert question.answer_as_written == "10 November 2020"
    choices = list(question.choices.order_by("position"))
    assert [c.text for c in choices] == list(make_draft().choices)
    assert [c.is_correct for c in choices] == [True, False, False, False]


def test_storing_the_same_drafts_twice_changes_nothing():
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft(), days_draft()])
    before = snapshot(article)

    report = store_drafts(article=article, drafts=[make_draft(), days_draft()])

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert snapshot(article) == before


def test_two_drafts_of_one_fact_make_one_question_the_better_one():
    article = ArticleFactory()
    worse = make_draft(quality=0.2, stem="The war ended on what date, according to TRT?")

    store_drafts(article=article, drafts=[worse, make_draft(quality=0.9)])

    question = Question.objects.get(article=article)
    assert question.quality == 0.9


def test_an_untouched_generated_question_is_refreshed_in_place_keeping_its_status():
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft()])
    question = Question.objects.get(article=article)
    question.status = Question.Status.PUBLISHED
    question.save()
    choice_ids = list(question.choices.values_list("pk", flat=True))
    better = make_draft(
        stem="According to TRT, when did the war end?",
        choices=("10 November 2020", "9 November 2020", "27 September 2020", "1 January 2021"),
    )

    report = store_drafts(article=article, drafts=[better])

    assert report.updated == 1
    question.refresh_from_db()
    assert question.stem == "According to TRT, when did the war end?"
    assert question.status == Question.Status.PUBLISHED
    # Rows are updated in place so learners' responses keep their choice.
    assert list(question.choices.values_list("pk", flat=True)) == choice_ids
    assert list(question.choices.values_list("text", flat=True)) == list(better.choices)


@pytest.mark.parametrize("origin", [Question.Origin.EDITED, Question.Origin.AUTHORED])
def test_a_teachers_question_is_never_overwritten(origin):
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft()])
    question = Question.objects.get(article=article)
    question.stem = "According to TRT, on which day did the fighting stop?"
    question.origin = origin
    question.save()
    question.choices.filter(position=3).update(text="1 December 2020")

    report = store_drafts(article=article, drafts=[make_draft()])

    assert report.kept == 1
    question.refresh_from_db()
    assert question.stem == "According to TRT, on which day did the fighting stop?"
    assert question.origin == origin
    assert question.choices.get(position=3).text == "1 December 2020"


def test_drafts_failing_the_checks_are_skipped_with_a_reason():
    article = ArticleFactory()
    leaky = make_draft(stem="Did the war end on 10 November 2020?")
    twice = make_draft(
        fingerprint="other",
        choices=("10 November 2020", "10 november 2020", "8 November 2020", "1 May 2020"),
    )
    elsewhere = make_draft(
        fingerprint="elsewhere", sentence_text="The war ended on 10 November 2020!"
    )

    report = store_drafts(article=article, drafts=[leaky, twice, elsewhere])

    assert report.created == 0
    assert len(report.skipped) == 3
    assert "contains the answer" in report.skipped[0]
    assert not Question.objects.exists()


def test_a_resplit_article_keeps_questions_on_their_sentence_by_text():
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft(), days_draft()])
    Question.objects.update(status=Question.Status.PUBLISHED)
    # A new first sentence shifts the others, and the re-split replaces every row.
    article.sentences.all().delete()
    for position, text in enumerate(["A new opening.", WAR_ENDED, LASTED]):
        Sentence.objects.create(article=article, position=position, text=text, start=0, end=1)

    report = relink_questions(article=article)

    assert (report.relinked, report.back_to_draft) == (2, 0)
    question = Question.objects.get(fingerprint="date:2020-11-10")
    assert question.sentence.position == 1
    assert question.status == Question.Status.PUBLISHED


def test_a_question_whose_sentence_left_the_article_goes_back_to_draft_and_stays():
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft(), days_draft()])
    Question.objects.update(status=Question.Status.PUBLISHED, origin=Question.Origin.EDITED)
    article.sentences.filter(position=0).update(text="The war ended in November 2020.")

    report = store_drafts(article=article, drafts=[days_draft()])

    assert report.back_to_draft == 1
    gone = Question.objects.get(fingerprint="date:2020-11-10")
    assert gone.status == Question.Status.DRAFT
    assert gone.sentence is None
    assert gone.review_note == SENTENCE_GONE_NOTE
    assert Question.objects.get(fingerprint="number:P44D").status == Question.Status.PUBLISHED
    # Running again reports nothing new, and automatic publishing leaves it for a teacher.
    assert store_drafts(article=article, drafts=[days_draft()]).back_to_draft == 0
    assert publish_drafts(articles=[article], threshold=0) == 0


def test_publish_drafts_publishes_only_undecided_generated_drafts_above_the_threshold():
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft(quality=0.9), days_draft(quality=0.4)])
    rejected = QuestionFactory(article=article, status="rejected", quality=0.95)
    edited = QuestionFactory(article=article, draft=True, origin="edited", quality=0.95)

    published = publish_drafts(articles=[article], threshold=0.5)

    assert published == 1
    statuses = dict(Question.objects.filter(article=article).values_list("pk", "status"))
    assert statuses[rejected.pk] == "rejected"
    assert statuses[edited.pk] == "draft"
    assert Question.objects.get(fingerprint="date:2020-11-10").status == "published"
    assert Question.objects.get(fingerprint="number:P44D").status == "draft"


def test_publish_drafts_never_touches_a_status_a_teacher_chose():
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft(quality=0.9)])
    question = Question.objects.get()
    question.reviewed_at = question.created  # a teacher sent it back to draft
    question.save()

    assert publish_drafts(articles=[article], threshold=0.1) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answer_start": 30, "answer_end": 99}, "not inside the sentence"),
        ({"stem": "When was 10 November 2020?"}, "contains the answer"),
        ({"choices": ["8 November 2020", "9 November 2020"]}, "must be one of the choices"),
        ({"choices": ["10 November 2020", "10 November 2020"]}, "only once"),
        ({"choices": ["10 November 2020"]}, "at least two choices"),
        ({"correct": [False, True]}, "marked correct must be the answer"),
    ],
)
def test_find_question_problems_names_each_problem(changes, message):
    values = {
        "sentence_text": WAR_ENDED,
        "answer_start": 17,
        "answer_end": 33,
        "answer": "10 November 2020",
        "stem": "On what date did the war end?",
        "mode": "choice",
        "choices": ["10 November 2020", "8 November 2020"],
    }
    assert find_question_problems(**values) == []
    values.update(changes)

    problems = find_question_problems(**values)

    assert any(message in problem for problem in problems), problems


def test_a_typed_answer_question_needs_no_choices():
    assert (
        find_question_problems(
            sentence_text=LASTED,
            answer_start=10,
            answer_end=17,
            answer="44 days",
            stem="How long did it last?",
            mode="typed",
            choices=[],
        )
        == []
    )


def test_a_draft_too_long_for_its_columns_is_skipped():
    article = ArticleFactory()
    too_long = dataclasses.replace(make_draft(), answer_normalized="9" * 101)

    report = store_drafts(article=article, drafts=[too_long])

    assert report.created == 0
    assert "normalised answer is longer than 100 characters" in report.skipped[0]
