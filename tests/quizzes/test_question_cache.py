"""The question's choices come from the cache on the question page and the answer's feedback,
the feedback's source too, and a teacher's edit shows on the next request."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import ContestedTerm
from quizzes.models import Choice, Question
from quizzes.question_cache import load_choices
from quizzes.questions import sync_choices
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import QuestionFactory, QuizFactory, UserFactory
from tests.quizzes.test_quiz_views import HTMX, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(client):
    client.force_login(UserFactory())
    question = QuestionFactory()
    return start(client, QuizFactory(questions=[question], shuffle_choices=False)), question


def _page(client, attempt):
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    return page, [query["sql"] for query in captured]


def test_a_question_shown_again_reads_no_choices_from_the_database(client, attempt):
    attempt, question = attempt
    first, cold = _page(client, attempt)
    again, warm = _page(client, attempt)
    assert _choices(again) == _choices(first)
    assert _choices(first).count('name="choice"') == 4
    assert len(warm) == len(cold) - 1
    assert [sql for sql in cold if "quizzes_choice" in sql]
    assert not [sql for sql in warm if "quizzes_choice" in sql]


def _choices(page):
    start = page.index('<ul class="choices')
    return page[start : page.index("</ul>", start)]


def test_an_edited_choice_shows_on_the_next_request(client, attempt):
    attempt, question = attempt
    assert "Ganja" not in _page(client, attempt)[0]
    choice = question.choices.filter(is_correct=False).first()
    choice.text = "Ganja"
    choice.save()
    assert "Ganja" in _page(client, attempt)[0]


def test_a_deleted_choice_and_synced_choices_show_on_the_next_request(client, attempt):
    attempt, question = attempt
    wrong = question.choices.filter(is_correct=False).first()
    assert wrong.text in _page(client, attempt)[0]
    wrong.delete()
    assert wrong.text not in _page(client, attempt)[0]
    sync_choices(question=question, choices=[(question.answer, True), ("Lachin", False)])
    page = _page(client, attempt)[0]
    assert "Lachin" in page and page.count('name="choice"') == 2


def test_the_answer_feedback_grades_with_the_edited_choices(client, attempt):
    attempt, question = attempt
    _page(client, attempt)  # cached
    # The teacher moves the right answer to another choice.
    right = question.choices.get(is_correct=True)
    other = question.choices.filter(is_correct=False).order_by("position").first()
    right.is_correct, other.is_correct = False, True
    right.save()
    other.save()
    number = sorted(question.choices.all(), key=lambda c: (c.position, c.pk)).index(other) + 1
    response = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"question": question.pk, "choice": number},
        **HTMX,
    )
    assert "feedback-right" in response.content.decode()


def test_deleting_a_question_does_not_touch_it_for_each_of_its_choices():
    question = QuestionFactory()
    with CaptureQueriesContext(connection) as captured:
        question.delete()
    assert not [query for query in captured if query["sql"].startswith('UPDATE "quizzes_question"')]
    assert not Choice.objects.exists()


def test_load_choices_reads_the_question_as_stored_now():
    question = QuestionFactory()
    question = Question.objects.get(pk=question.pk)
    assert sorted(c.text for c in load_choices(question)) == sorted(
        question.choices.values_list("text", flat=True)
    )


# -- the answer's source, cached for the feedback ---------------------------------------------


@pytest.fixture
def answered(client):
    """A learner's attempt with one question on "Shusha was liberated ..." (glossed terms),
    answered once: the feedback has been shown, and its source is cached."""
    client.force_login(UserFactory())
    article = ArticleFactory(sentence_texts=("Shusha was liberated on 8 November 2020.",))
    question = QuestionFactory(article=article, answer="8 November 2020")
    attempt = start(client, QuizFactory(questions=[question], shuffle_choices=False))
    page, _ = _feedback(client, attempt, question)
    assert "Shusha" in page
    return attempt, question


def _feedback(client, attempt, question):
    """The answer's feedback (the first answer, or the stored one shown again) and its SQL."""
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("quizzes:answer", args=[attempt.pk]),
            {"question": question.pk, "choice": 1},
            **HTMX,
        )
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured]


def _source(page):
    return page[page.index('<figure class="source-quote">') : page.index('<div class="next-step">')]


def test_a_cached_source_reads_no_article_outlet_or_sentence(client, answered):
    attempt, question = answered
    first = _source(_feedback(client, attempt, question)[0])
    again, queries = _feedback(client, attempt, question)
    assert _source(again) == first
    assert not [sql for sql in queries if '"content_article"' in sql or '"content_outlet"' in sql]
    assert 'class="term"' in first and "<mark>8 November 2020</mark>" in first


def test_the_glosses_ids_are_the_questions_own_and_unique(client, answered):
    attempt, question = answered
    page = _feedback(client, attempt, question)[0]
    ids = re.findall(r'id="([^"]*gloss[^"]*)"', page)
    assert ids and len(ids) == len(set(ids))
    assert all(i.startswith(f"source-{question.pk}-gloss-") for i in ids)
    for gloss_id in ids:
        assert f'aria-describedby="{gloss_id}"' in page


def test_an_edited_outlet_note_shows_in_the_next_feedback(client, answered):
    attempt, question = answered
    outlet = question.article.outlet
    outlet.perspective_note = "Owned by a test foundation since 2019."
    outlet.save()
    assert "Owned by a test foundation since 2019." in _feedback(client, attempt, question)[0]


def test_an_edited_article_shows_in_the_next_feedback(client, answered):
    attempt, question = answered
    article = question.article
    article.title = "A title a teacher corrected"
    article.omissions_note = "It does not say who counted."
    article.save()
    page = _feedback(client, attempt, question)[0]
    assert "A title a teacher corrected" in page and "It does not say who counted." in page


def test_an_edited_glossary_term_shows_in_the_next_feedback(client, answered):
    attempt, question = answered
    term = ContestedTerm.objects.get(term="Shusha")
    term.description = "A town whose name a teacher glossed again."
    term.save()
    assert "A town whose name a teacher glossed again." in _feedback(client, attempt, question)[0]
    term.delete()
    assert "<strong>Shusha</strong>" not in _feedback(client, attempt, question)[0]


def test_a_moved_or_edited_sentence_shows_in_the_next_feedback(client, answered):
    attempt, question = answered
    sentence = question.sentence
    sentence.position = 7
    sentence.save()
    page, queries = _feedback(client, attempt, question)
    assert "#s-7" in page
    # Cached, then edited: the question read again with its source, and its choices (their
    # key moved with the question's `updated`), once; then both come from the cache again.
    assert len(queries) == len(_feedback(client, attempt, question)[1]) + 2
    question.refresh_from_db()
    question.sentence_text = "Shusha was liberated on 8 November 2020, a teacher noted."
    question.save()
    assert "a teacher noted." in _feedback(client, attempt, question)[0]
