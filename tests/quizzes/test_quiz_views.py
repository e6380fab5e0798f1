import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import F
from django.db.models.signals import post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes.forms import read_time_spent, stamp_shown
from quizzes.models import Attempt, Card, Question, Response, ReviewLog
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import (
    AttemptFactory,
    CardFactory,
    QuestionFactory,
    QuizFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def make_quiz(n=3, **kwargs):
    article = ArticleFactory()
    questions = [QuestionFactory(article=article) for _ in range(n)]
    return QuizFactory(questions=questions, **kwargs), questions


def start(client, quiz):
    response = client.post(reverse("quizzes:quiz", args=[quiz.slug]))
    assert response.status_code == 302
    attempt_id = int(response.url.strip("/").split("/")[-1])
    return Attempt.objects.get(pk=attempt_id, quiz=quiz, finished=None)


def choice_number(client, attempt, question, *, right):
    """The number (1-based, in the order shown) of a right or wrong choice."""
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    labels = re.findall(r'<label for="choice-(\d+)">([^<]+)</label>', page)
    for number, text in labels:
        if (text.strip() == question.answer) == right:
            return number
    raise AssertionError("choice not found")


def answer(client, attempt, question, number, **extra):
    return client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"question": question.pk, "choice": number},
        **extra,
    )


def test_quiz_list_invites_anonymous_visitors_to_sign_up(client):
    quiz, _ = make_quiz(2)
    page = client.get(reverse("quizzes:quiz_list")).content.decode()
    assert quiz.title in page
    assert "2 questions" in page
    assert "Sign up" in page


def test_quiz_list_shows_articles_outlets_and_the_best_score(client, learner):
    quiz, questions = make_quiz(2)
    AttemptFactory(learner=learner, quiz=quiz, done=True, score=1.0, max_score=2)
    AttemptFactory(learner=learner, quiz=quiz, done=True, score=2.0, max_score=2)
    AttemptFactory(quiz=quiz, done=True, score=0.0, max_score=2)  # someone else's
    page = client.get(reverse("quizzes:quiz_list")).content.decode()
    assert questions[0].article.title in page
    assert questions[0].article.outlet.name in page
    assert "Your best: 100%" in page


def test_quiz_list_leaves_out_unpublished_and_empty_quizzes(client):
    hidden, _ = make_quiz(1, is_published=False)
    empty = QuizFactory(questions=[QuestionFactory(draft=True)])
    page = client.get(reverse("quizzes:quiz_list")).content.decode()
    assert hidden.title not in page
    assert empty.title not in page


def test_learner_pages_need_a_login(client):
    quiz, _ = make_quiz(1)
    attempt = AttemptFactory(quiz=quiz)
    for url in [
        reverse("quizzes:quiz", args=[quiz.slug]),
        reverse("quizzes:take", args=[attempt.pk]),
        reverse("quizzes:attempt_result", args=[attempt.pk]),
        reverse("quizzes:flashcards"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_starting_a_quiz_creates_one_attempt_and_resumes_it(client, learner):
    quiz, questions = make_quiz(3)
    first = start(client, quiz)
    assert first.question_ids == [q.pk for q in questions]
    assert start(client, quiz) == first
    assert Attempt.objects.filter(learner=learner).count() == 1


def test_a_quiz_without_published_questions_cannot_be_started(client, learner):
    quiz = QuizFactory(questions=[QuestionFactory(draft=True)])
    response = client.post(reverse("quizzes:quiz", args=[quiz.slug]), follow=True)
    assert "no questions yet" in response.content.decode()
    assert not Attempt.objects.exists()


def test_question_page_shows_one_question_with_progress(client, learner):
    quiz, questions = make_quiz(3)
    attempt = start(client, quiz)
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert "Question 1 of 3" in page
    assert questions[0].stem in page
    assert page.count('type="radio"') == 4
    assert "Check answer" in page
    assert 'aria-live="polite"' in page


def test_a_right_answer_shows_the_source_sentence_link_and_outlet_note(client, learner):
    quiz, questions = make_quiz(2)
    question = questions[0]
    attempt = start(client, quiz)
    number = choice_number(client, attempt, question, right=True)
    page = answer(client, attempt, question, number).content.decode()
    assert "Right" in page
    assert "<mark>10 November 2020</mark>" in page
    article = question.article
    assert f'href="{article.get_absolute_url()}#s-{question.sentence.position}"' in page
    assert article.outlet.perspective_note in page
    assert f'href="{article.outlet.get_absolute_url()}"' in page
    assert "Next question" in page
    assert "disabled" in page  # the answered choices cannot be sent again
    response = Response.objects.get()
    assert (response.is_correct, response.credit, response.choice.is_correct) == (True, 1.0, True)


def test_a_wrong_answer_says_so_in_text_and_shows_the_answer(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    number = choice_number(client, attempt, questions[0], right=False)
    page = answer(client, attempt, questions[0], number).content.decode()
    assert "Not quite" in page
    assert "✓ Right answer" in page
    assert "✗ Your answer" in page
    assert not Response.objects.get().is_correct
    # The learner's choice stays checked and marked, the right one is marked, no other is.
    items = re.findall(r'<li class="([^"]*)">(.*?)</li>', page, flags=re.S)
    assert len(items) == 4
    chosen = [css for css, item in items if f'value="{number}"' in item]
    assert chosen == ["choice choice-is-chosen"]
    assert [css for css, item in items if " checked>" in item] == chosen
    right = [css for css, item in items if "✓ Right answer" in item]
    assert right == ["choice choice-is-answer"]
    assert [css for css, _ in items].count("choice") == 2


def test_htmx_answer_returns_only_the_feedback_and_the_answered_fields(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    number = choice_number(client, attempt, questions[0], right=True)
    response = answer(client, attempt, questions[0], number, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert "<mark>" in page
    assert 'id="answer-fields"' in page and 'hx-swap-oob="true"' in page
    assert "Next question" in page


def test_next_question_with_htmx_returns_the_question_panel(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    answer(client, attempt, questions[0], 1)
    page = client.get(reverse("quizzes:take", args=[attempt.pk]), **HTMX).content.decode()
    assert "<html" not in page
    assert 'id="question-panel"' in page
    assert "Question 2 of 2" in page
    assert questions[1].stem in page


def test_an_unfinished_attempt_resumes_where_it_stopped(client, learner):
    quiz, questions = make_quiz(3)
    attempt = start(client, quiz)
    answer(client, attempt, questions[0], 1)
    answer(client, attempt, questions[1], 2)
    client.get(reverse("quizzes:quiz_list"))
    assert start(client, quiz) == attempt
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert "Question 3 of 3" in page


def test_no_choice_is_refused_with_a_message(client, learner):
    quiz, questions = make_quiz(1)
    attempt = start(client, quiz)
    for extra in ({}, HTMX):
        response = client.post(
            reverse("quizzes:answer", args=[attempt.pk]), {"question": questions[0].pk}, **extra
        )
        assert response.status_code == 200
        assert "Choose one of the answers." in response.content.decode()
    for bad in ["0", "5", "abc", "-1"]:
        response = answer(client, attempt, questions[0], bad)
        assert response.status_code == 200
    assert not Response.objects.exists()


def test_malformed_or_foreign_questions_are_refused(client, learner):
    quiz, questions = make_quiz(1)
    attempt = start(client, quiz)
    url = reverse("quizzes:answer", args=[attempt.pk])
    assert client.post(url, {"choice": 1}).status_code == 400
    assert client.post(url, {"question": "x", "choice": 1}).status_code == 400
    other = QuestionFactory()
    assert client.post(url, {"question": other.pk, "choice": 1}).status_code == 404
    assert client.get(url).status_code == 405
    assert not Response.objects.exists()


def test_double_submit_stores_one_response_and_shows_the_same_result(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    right = choice_number(client, attempt, questions[0], right=True)
    wrong = choice_number(client, attempt, questions[0], right=False)
    first = answer(client, attempt, questions[0], right).content.decode()
    second = answer(client, attempt, questions[0], wrong, **HTMX).content.decode()
    assert Response.objects.count() == 1
    assert Response.objects.get().is_correct
    assert "Right" in first and "Right" in second
    assert "Not quite" not in second
    assert ReviewLog.objects.count() == 1  # the card was reviewed once


def test_another_learners_attempt_is_not_found(client, learner):
    quiz, questions = make_quiz(1)
    theirs = AttemptFactory(quiz=quiz, question_ids=[questions[0].pk])
    finished = AttemptFactory(quiz=quiz, question_ids=[questions[0].pk], done=True)
    assert client.get(reverse("quizzes:take", args=[theirs.pk])).status_code == 404
    assert answer(client, theirs, questions[0], 1).status_code == 404
    assert client.post(reverse("quizzes:finish", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("quizzes:attempt_result", args=[finished.pk])).status_code == 404
    assert not Response.objects.exists()
    assert Attempt.objects.get(pk=theirs.pk).finished is None


def test_a_finished_attempt_cannot_change(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    answer(client, attempt, questions[0], 1)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    score = attempt.score
    response = answer(client, attempt, questions[1], 1)
    assert response.status_code == 302
    assert response.url == reverse("quizzes:attempt_result", args=[attempt.pk])
    htmx = answer(client, attempt, questions[1], 1, **HTMX)
    assert htmx.headers["HX-Redirect"] == reverse("quizzes:attempt_result", args=[attempt.pk])
    assert Response.objects.count() == 1
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.score == score
    take = client.get(reverse("quizzes:take", args=[attempt.pk]))
    assert take.url == reverse("quizzes:attempt_result", args=[attempt.pk])
    take = client.get(reverse("quizzes:take", args=[attempt.pk]), **HTMX)
    assert take.headers["HX-Redirect"] == reverse("quizzes:attempt_result", args=[attempt.pk])


def test_the_last_answer_offers_finish_and_the_result_reviews_every_answer(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    answer(client, attempt, questions[0], choice_number(client, attempt, questions[0], right=True))
    last = answer(
        client, attempt, questions[1], choice_number(client, attempt, questions[1], right=False)
    )
    assert "Finish" in last.content.decode()
    assert "Next question" not in last.content.decode()
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert "All questions answered" in page
    response = client.post(reverse("quizzes:finish", args=[attempt.pk]), follow=True)
    page = response.content.decode()
    assert "1 of 2" in page and "50%" in page
    assert page.count("<mark>10 November 2020</mark>") == 2
    assert page.count(questions[0].article.outlet.perspective_note) == 2
    assert "Not quite" in page and "Right" in page


def test_result_of_an_unfinished_attempt_sends_back_to_the_question(client, learner):
    quiz, _ = make_quiz(1)
    attempt = start(client, quiz)
    response = client.get(reverse("quizzes:attempt_result", args=[attempt.pk]))
    assert response.url == reverse("quizzes:take", args=[attempt.pk])


def test_typed_answers_are_graded_on_the_server(client, learner):
    question = QuestionFactory(mode=Question.Mode.TYPED)
    quiz = QuizFactory(questions=[question, QuestionFactory(article=question.article)])
    attempt = start(client, quiz)
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert 'name="typed"' in page and 'type="radio"' not in page
    response = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"question": question.pk, "typed": "November 10, 2020"},
    )
    assert "Right" in response.content.decode()
    stored = Response.objects.get()
    assert (stored.typed_answer, stored.credit) == ("November 10, 2020", 1.0)


def test_a_typed_date_in_the_right_month_earns_half(client, learner):
    question = QuestionFactory(mode=Question.Mode.TYPED)
    attempt = start(client, QuizFactory(questions=[question]))
    page = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"question": question.pk, "typed": "3/11/2020"},
    ).content.decode()
    assert "Partly right" in page
    assert Response.objects.get().credit == 0.5


def test_quiz_answers_feed_the_learners_cards(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    answer(client, attempt, questions[0], choice_number(client, attempt, questions[0], right=True))
    answer(client, attempt, questions[1], choice_number(client, attempt, questions[1], right=False))
    right = Card.objects.get(question=questions[0])
    wrong = Card.objects.get(question=questions[1])
    assert right.learner == learner and right.reps == 1
    assert right.due > wrong.due  # Good waits longer than Again
    logs = ReviewLog.objects.order_by("rating")
    assert [(log.rating, log.source) for log in logs] == [(1, "quiz"), (3, "quiz")]


def test_an_existing_card_is_reviewed_again_not_duplicated(client, learner):
    quiz, questions = make_quiz(1)
    card = CardFactory(learner=learner, question=questions[0])
    attempt = start(client, quiz)
    answer(client, attempt, questions[0], 1)
    card.refresh_from_db()
    assert card.reps == 1
    assert Card.objects.count() == 1


def _quiz_in_progress(client, *, n_questions, cards, other_attempts, answered):
    """A quiz of `n_questions` started by the logged-in learner, with `cards` of their cards
    on its questions (the first ones are left without), `other_attempts` finished attempts by
    other learners and the learner's answers to `answered` questions after the first two."""
    learner = UserFactory()
    client.force_login(learner)
    quiz, questions = make_quiz(n_questions)
    for question in questions[n_questions - cards :]:
        CardFactory(learner=learner, question=question)
    for _ in range(other_attempts):
        AttemptFactory(quiz=quiz, question_ids=[q.pk for q in questions], done=True)
    attempt = start(client, quiz)
    for question in questions[2 : 2 + answered]:
        assert answer(client, attempt, question, 1).status_code == 200
    return learner, attempt, questions


# Both have answers already, so the glossary (which quotes each answer's sentence) is cached
# as it is in a running site; a cold cache costs one query for it and one for the session.
SMALL = {"n_questions": 4, "cards": 2, "other_attempts": 0, "answered": 1}
LARGE = {"n_questions": 40, "cards": 39, "other_attempts": 5, "answered": 30}


def _queries(client, method, url, data=None, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {}, **extra)
    assert response.status_code == 200, response.status_code
    return [query["sql"] for query in captured]


def test_the_question_page_runs_at_most_five_queries_however_much_data(client):
    """Budget (issue 8): the user, the attempt with its answered ids, the question with its
    source, card and retention, its choices; plus the session when it is not cached."""
    counts = {}
    for name, size in (("small", SMALL), ("large", LARGE)):
        _, attempt, _ = _quiz_in_progress(client, **size)
        url = reverse("quizzes:take", args=[attempt.pk])
        counts[name] = [
            len(_queries(client, "get", url)),
            len(_queries(client, "get", url, **HTMX)),
        ]
        cache.clear()  # a session not in the cache costs one query more
        counts[name].append(len(_queries(client, "get", url)))
    assert counts["small"] == counts["large"], counts
    assert max(counts["small"]) <= 5, counts
    assert counts["small"][0] <= 4, counts


def test_the_answer_post_runs_at_most_seven_queries_however_much_data(client):
    """Budget (issues 8 and 13): the user, the attempt (locked as it is read, with the
    learner's retention), the question with its card and the attempt's response to it, its
    choices, then the response, the card and its review log; a repeat finds the stored
    response with the question and writes nothing. The glossary that quotes the sentence
    comes from the cache."""
    counts = {}
    for name, size in (("small", SMALL), ("large", LARGE)):
        learner, attempt, questions = _quiz_in_progress(client, **size)
        url = reverse("quizzes:answer", args=[attempt.pk])
        counts[name] = [
            # A first answer that creates the card, one that reviews an existing card, a repeat.
            len(_queries(client, "post", url, {"question": questions[0].pk, "choice": 1})),
            len(_queries(client, "post", url, {"question": questions[-1].pk, "choice": 1}, **HTMX)),
            len(_queries(client, "post", url, {"question": questions[-1].pk, "choice": 2}, **HTMX)),
        ]
        assert Card.objects.filter(learner=learner, question=questions[0]).exists()
        assert Response.objects.filter(attempt=attempt).count() == size["answered"] + 2
    assert counts["small"] == counts["large"], counts
    assert max(counts["small"]) <= 7, counts
    assert counts["small"][2] <= 3, counts  # the repeat writes nothing, reads no more


def test_the_answer_post_writes_without_savepoints(client):
    """One atomic block per answer, with no savepoint of its own: inside the test's
    transaction (as inside any caller's) it adds no SAVEPOINT/RELEASE statements."""
    _, attempt, questions = _quiz_in_progress(client, **SMALL)
    url = reverse("quizzes:answer", args=[attempt.pk])
    sql = _queries(client, "post", url, {"question": questions[0].pk, "choice": 1})
    assert not [statement for statement in sql if "SAVEPOINT" in statement.upper()], sql
    assert sum(statement.startswith("INSERT") for statement in sql) == 3  # response, card, log


def test_the_question_page_does_not_leak_the_right_choice(client):
    """Before the answer, nothing in the page tells the right choice: no attribute, class,
    word, comment, id or constant position."""
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question], shuffle_choices=True)
    positions = set()
    for _ in range(12):
        client.force_login(UserFactory())
        attempt = start(client, quiz)
        page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
        form = page[
            page.index('<form id="answer-form"') : page.index(
                "</form>", page.index('<form id="answer-form"')
            )
        ]
        assert "correct" not in page.lower()
        assert "data-" not in form
        assert "<!--" not in page
        assert "checked" not in form
        values = re.findall(r'name="choice"[^>]*value="([^"]+)"', form)
        # The order shown, never a database id: the values stay 1–4 while the labels move.
        assert values == ["1", "2", "3", "4"]
        labels = [
            text.strip() for text in re.findall(r'<label for="choice-\d+">([^<]+)</label>', form)
        ]
        assert sorted(labels) == sorted(question.choices.values_list("text", flat=True))
        positions.add(labels.index(question.answer))
        # The same attempt always shows the same order (reloads, double submits).
        again = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
        assert re.findall(r'<label for="choice-\d+">([^<]+)</label>', again) == re.findall(
            r'<label for="choice-\d+">([^<]+)</label>', page
        )
    assert len(positions) > 1


def test_htmx_question_panel_does_not_leak_either(client, learner):
    quiz, questions = make_quiz(2, shuffle_choices=True)
    attempt = start(client, quiz)
    answer(client, attempt, questions[0], 1)
    page = client.get(reverse("quizzes:take", args=[attempt.pk]), **HTMX).content.decode()
    assert "correct" not in page.lower()
    assert "Right answer" not in page
    assert "data-" not in page


def test_bad_answers_get_a_message_for_the_learner(client, learner):
    typed = QuestionFactory(mode=Question.Mode.TYPED)
    attempt = start(client, QuizFactory(questions=[typed]))
    url = reverse("quizzes:answer", args=[attempt.pk])
    page = client.post(url, {"question": typed.pk, "typed": "9" * 301}).content.decode()
    assert "Keep your answer under 300 characters." in page
    page = client.post(url, {"question": typed.pk, "typed": "   "}, **HTMX).content.decode()
    assert "Type your answer." in page
    assert not Response.objects.exists()


def test_markup_in_questions_choices_and_sentences_is_shown_as_text(client, learner):
    article = ArticleFactory(
        sentence_texts=("<script>alert(1)</script> ended on 10 November 2020.",)
    )
    article.outlet.perspective_note = "<img src=x onerror=alert(2)>"
    article.outlet.save()
    question = QuestionFactory(
        article=article,
        stem="<b>When</b> did it end?",
        choices=["10 November 2020", "<i>never</i>", "1 May 2020", "2 May 2020"],
    )
    attempt = start(client, QuizFactory(questions=[question]))
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert "<b>When</b>" not in page and "&lt;b&gt;When&lt;/b&gt;" in page
    assert "<i>never</i>" not in page and "&lt;i&gt;never&lt;/i&gt;" in page
    page = answer(client, attempt, question, 1).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ended on <mark>10 November 2020</mark>" in page
    assert "<img src=x" not in page


def test_time_spent_is_measured_from_a_signed_stamp(client, learner):
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    shown = re.search(r'name="shown" value="([^"]+)"', page)[1]
    url = reverse("quizzes:answer", args=[attempt.pk])
    client.post(url, {"question": questions[0].pk, "choice": 1, "shown": shown})
    # A stamp for another question, or a forged one, measures nothing.
    client.post(url, {"question": questions[1].pk, "choice": 1, "shown": shown})
    first, second = Response.objects.order_by("pk")
    assert 0 <= first.time_spent_ms < 60_000
    assert second.time_spent_ms is None
    assert ReviewLog.objects.get(card__question=questions[0]).review_duration_ms is not None


def test_read_time_spent_refuses_forged_and_stale_stamps():
    now = timezone.now()
    token = stamp_shown(key="1:2", now=now - timedelta(seconds=5))
    assert read_time_spent(token=token, key="1:2", now=now) == 5000
    assert read_time_spent(token=token, key="1:3", now=now) is None
    assert read_time_spent(token=token.replace("|", "|9"), key="1:2", now=now) is None
    assert read_time_spent(token="", key="1:2", now=now) is None
    assert read_time_spent(token=token, key="1:2", now=now + timedelta(hours=2)) is None
    assert read_time_spent(token=token, key="1:2", now=now - timedelta(minutes=1)) is None


INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=|javascript:", re.I)


def test_pages_work_without_javascript_and_carry_no_inline_code(client, learner):
    """Every form has a real action and method (htmx only enhances them), and nothing inline
    trips the Content-Security-Policy (script-src 'self', style-src 'self')."""
    quiz, questions = make_quiz(2)
    attempt = start(client, quiz)
    pages = [
        client.get(reverse("quizzes:quiz_list")),
        client.get(reverse("quizzes:quiz", args=[quiz.slug])),
        client.get(reverse("quizzes:take", args=[attempt.pk])),
        answer(client, attempt, questions[0], 1),
        answer(client, attempt, questions[1], 1, **HTMX),
        client.post(reverse("quizzes:finish", args=[attempt.pk]), follow=True),
        client.get(reverse("quizzes:flashcards")),
    ]
    for response in pages:
        assert response.status_code == 200
        page = response.content.decode()
        assert not INLINE_CODE.search(page), INLINE_CODE.search(page)
        for form in re.findall(r"<form\b[^>]*>", page):
            assert re.search(r'\baction="[^"]+"', form), form
            assert re.search(r'\bmethod="(get|post)"', form), form


@pytest.mark.django_db(transaction=True)
def test_an_answer_whose_card_changes_before_its_review_is_read_again_and_stored_once():
    """The card is reviewed elsewhere between the answer reading it and writing it (here by
    a receiver of the response's post_save, once): the whole answer rolls back and runs again
    on the card as it now is, so one response and one quiz review are stored."""
    user = UserFactory()
    client = Client()
    client.force_login(user)
    quiz, questions = make_quiz(1)
    card = CardFactory(learner=user, question=questions[0])
    attempt = start(client, quiz)
    runs = []

    def review_elsewhere(instance, **kwargs):
        runs.append(instance.pk)
        if len(runs) == 1:
            Card.objects.filter(pk=card.pk).update(reps=F("reps") + 1)

    post_save.connect(review_elsewhere, sender=Response, dispatch_uid="test-review-elsewhere")
    try:
        reps_before = Card.objects.get(pk=card.pk).reps
        assert answer(client, attempt, questions[0], 1).status_code == 200
    finally:
        post_save.disconnect(dispatch_uid="test-review-elsewhere", sender=Response)
    assert len(runs) == 2  # stored, rolled back, stored again
    assert Response.objects.filter(attempt=attempt).count() == 1
    assert Card.objects.get(pk=card.pk).reps == reps_before + 1  # the first change rolled back
    assert ReviewLog.objects.filter(card=card, source=ReviewLog.Source.QUIZ).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_answer_posts_store_one_response_per_attempt_and_one_review_each():
    """Eight requests post the same answer at once, four to each of two attempts whose quizzes
    share the question: every request gets the feedback, each attempt keeps one response and
    the shared card is reviewed once per attempt."""
    user = UserFactory()
    question = QuestionFactory()
    starter = Client()
    starter.force_login(user)
    attempts = [start(starter, QuizFactory(questions=[question])) for _ in range(2)]
    barrier = threading.Barrier(8)

    def post(attempt):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            return answer(client, attempt, question, 1).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(post, attempts * 4))
    assert statuses == [200] * 8
    for attempt in attempts:
        assert Response.objects.filter(attempt=attempt).count() == 1
    card = Card.objects.get(learner=user, question=question)
    assert card.reps == 2
    assert ReviewLog.objects.filter(card=card).count() == 2
