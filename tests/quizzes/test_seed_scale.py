import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from content.models import Article, Sentence
from quizzes.management.commands.seed_scale import (
    BENCH_PASSWORD,
    learner_username,
    teacher_username,
)
from quizzes.models import (
    Attempt,
    Card,
    Choice,
    Classroom,
    Question,
    Quiz,
    QuizQuestion,
    Response,
    ReviewLog,
)

pytestmark = pytest.mark.django_db

TINY = {"learners": 20, "questions": 30, "responses": 500, "seed": 3, "verbosity": 0}


def seed(**overrides):
    call_command("seed_scale", **{**TINY, **overrides})


def scale_learners():
    return get_user_model().objects.filter(username__startswith="scale-learner-")


def test_seed_scale_creates_the_requested_amounts():
    seed()

    assert scale_learners().count() == 20
    assert Question.objects.published().count() == 30
    assert Quiz.objects.filter(is_published=True).count() == 3
    assert QuizQuestion.objects.count() == 30
    assert Response.objects.count() == 500
    classroom = Classroom.objects.get()
    assert classroom.teacher.username == teacher_username(1)
    assert classroom.teacher.is_staff
    assert classroom.learners.count() == 20


def test_every_question_has_four_choices_and_one_right_answer_from_its_sentence():
    seed()

    counts = Question.objects.annotate(
        choices_count=Count("choices"), right=Count("choices", filter=Q(choices__is_correct=True))
    ).values_list("choices_count", "right")
    assert set(counts) == {(4, 1)}
    for question in Question.objects.all():
        assert question.answer_as_written == question.answer
        assert question.choices.get(is_correct=True).text == question.answer
    for sentence in Sentence.objects.select_related("article"):
        assert sentence.article.body[sentence.start : sentence.end] == sentence.text


def test_history_keeps_the_apps_invariants():
    seed()

    # One response per attempt and question, and only to the attempt's quiz questions.
    pairs = list(Response.objects.values_list("attempt_id", "question_id"))
    assert len(pairs) == len(set(pairs))
    assert not Response.objects.exclude(question__quiz_items__quiz=F("attempt__quiz")).exists()
    # A finished attempt answered all its questions; its score counts its right answers.
    for attempt in Attempt.objects.annotate(
        answered=Count("responses"), right=Count("responses", filter=Q(responses__is_correct=True))
    ):
        assert attempt.max_score == len(attempt.question_ids) == 10
        assert attempt.score == attempt.right
        assert attempt.answered <= attempt.max_score
        if attempt.finished is None:
            assert attempt.answered < attempt.max_score
    # At most one open attempt per learner and quiz.
    open_pairs = list(Attempt.objects.filter(finished=None).values_list("learner", "quiz"))
    assert len(open_pairs) == len(set(open_pairs))
    # A right answer is the right choice.
    assert not Response.objects.filter(is_correct=True, choice__is_correct=False).exists()
    assert not Response.objects.filter(is_correct=False, choice__is_correct=True).exists()


def test_cards_are_unique_per_learner_and_question_and_match_the_answers():
    seed()

    cards = list(Card.objects.values_list("learner_id", "question_id"))
    assert len(cards) == len(set(cards))
    answered = set(Response.objects.values_list("attempt__learner_id", "question_id"))
    assert set(cards) == answered
    # Each card has one review log per quiz answer, plus its flashcard reviews.
    for card in Card.objects.annotate(
        logged=Count("reviews"),
        quiz=Count("reviews", filter=Q(reviews__source=ReviewLog.Source.QUIZ)),
    ):
        assert card.reps == card.logged >= 1
        assert (
            card.quiz
            == Response.objects.filter(
                attempt__learner=card.learner_id, question=card.question_id
            ).count()
        )
        assert card.last_review == card.reviews.latest("reviewed_at").reviewed_at
        assert 1 <= card.difficulty <= 10


def test_activity_looks_like_real_learners():
    seed(learners=50, responses=3000)

    right = Response.objects.filter(is_correct=True).count()
    assert 0.6 <= right / 3000 <= 0.8
    now = timezone.now()
    oldest = Response.objects.earliest("created").created
    assert now - timedelta(days=91) < oldest
    assert Response.objects.latest("created").created <= now
    # A minority answers most: the busiest fifth of learners gives more than half the answers.
    per_learner = sorted(
        scale_learners().annotate(n=Count("attempts__responses")).values_list("n", flat=True),
        reverse=True,
    )
    assert sum(per_learner[:10]) > 0.5 * 3000
    busiest = scale_learners().annotate(n=Count("attempts__responses")).order_by("-n").first()
    assert busiest.username == learner_username(1)
    # The benchmark's learner has flashcard reviews to show.
    assert ReviewLog.objects.filter(
        source=ReviewLog.Source.FLASHCARD, card__learner=busiest
    ).exists()


def test_the_benchmark_learner_and_teacher_can_log_in(client):
    seed()

    assert client.login(username=learner_username(1), password=BENCH_PASSWORD)
    assert client.login(username=teacher_username(1), password=BENCH_PASSWORD)


def test_a_second_run_is_refused_unless_forced():
    seed()

    with pytest.raises(CommandError, match="already has scale data"):
        seed()
    assert Response.objects.count() == 500

    seed(learners=10, questions=20, responses=100, force=True)
    assert scale_learners().count() == 10
    assert Question.objects.count() == 20
    assert Article.objects.filter(slug__startswith="scale-").count() == 1
    assert Response.objects.count() == 100
    assert Card.objects.filter(learner__in=scale_learners()).count() == Card.objects.count()


def test_the_same_seed_gives_the_same_data():
    seed()
    first = list(Response.objects.order_by("id").values_list("question_id", "is_correct"))

    seed(force=True)
    second = list(Response.objects.order_by("id").values_list("question_id", "is_correct"))
    assert [q for q, _ in first] != [] and [c for _, c in first] == [c for _, c in second]


@pytest.mark.parametrize("sizes", [{"learners": 0}, {"questions": 0}, {"responses": -1}], ids=str)
def test_impossible_sizes_are_refused(sizes):
    with pytest.raises(CommandError, match="at least"):
        seed(**sizes)
    assert not scale_learners().exists()


def test_no_responses_still_gives_learners_and_questions():
    seed(responses=0)

    assert scale_learners().count() == 20
    assert not Response.objects.exists()
    assert not Card.objects.exists()
    assert Choice.objects.count() == 120


def test_the_benchmark_gets_a_fresh_question_for_every_answer(tmp_path, capsys, client):
    from urllib.parse import parse_qsl

    from bench import prepare

    seed()
    pairs = tmp_path / "pairs.tsv"
    capsys.readouterr()

    prepare.main(["--learners", "2", "--pairs", str(pairs)])
    pages = json.loads(capsys.readouterr().out)

    lines = [line.split("\t") for line in pairs.read_text().splitlines()]
    assert lines and len({(path, body) for _, path, body in lines}) == len(lines)
    assert {username for username, _, _ in lines} == {learner_username(1), learner_username(2)}
    # Consecutive answers go to different learners.
    assert lines[0][0] != lines[1][0]
    reserved = {(path, body) for _, path, body in pages["checks"]}
    assert not reserved & {(path, body) for _, path, body in lines}
    for username, path, body in lines + pages["checks"]:
        attempt = Attempt.objects.get(pk=int(path.split("/")[2]))
        question_id = int(dict(parse_qsl(body))["question"])
        assert attempt.learner.username == username and attempt.finished is None
        assert question_id in attempt.question_ids
        assert not attempt.responses.filter(question_id=question_id).exists()

    # The bench's bodies are what the answer form takes: each one stores one response.
    client.login(username=learner_username(1), password=BENCH_PASSWORD)
    assert client.get(pages["question_page"]).status_code == 200
    assert client.get(pages["class_page"]).status_code in (302, 404)  # not a learner's page
    before = Response.objects.count()
    _, path, body = pages["checks"][0]
    response = client.post(path, dict(parse_qsl(body)), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert Response.objects.count() == before + 1

    client.login(username=teacher_username(1), password=BENCH_PASSWORD)
    assert client.get(pages["class_page"]).status_code == 200
