"""Every answer carries its outlet's perspective note, and every single-source claim its
attribution: in the JSON export, in the quiz feedback and on the flashcard back.

The library is the shipped seeds, generated and published as `make run` does, plus the
perspective questions ("who reports it", "compare the sources") published by a teacher.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from content.templatetags.glossary import lead_sentences
from quizzes.exports import export_json, questions_for_export
from quizzes.models import Card, Question, Quiz
from quizzes.perspective import attribution_for_question, build_perspective_questions

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "content" / "seeds"
PUBLISH_ABOVE = "0.6"  # the Makefile's threshold for `make run`
# Kinds that state one outlet's claim; the perspective kinds name their outlets in the stem
# ("compare") or ask for the outlet ("outlet").
CLAIM_KINDS = {Question.Kind.DATE, Question.Kind.NUMBER, Question.Kind.ENTITY, Question.Kind.FREE}


@pytest.fixture
def published():
    call_command("import_articles", str(SEEDS), verbosity=0)
    call_command("generate_questions", "--publish-above", PUBLISH_ABOVE, verbosity=0)
    build_perspective_questions()
    Question.objects.filter(kind__in=[Question.Kind.OUTLET, Question.Kind.COMPARE]).update(
        status=Question.Status.PUBLISHED
    )
    questions = list(
        Question.objects.published()
        .select_related("article__outlet", "sentence")
        .order_by("article_id", "id")
    )
    kinds = {q.kind for q in questions}
    assert {"date", "number", "outlet", "compare"} <= kinds
    return questions


def short_note(outlet):
    """The note as the answer pages show it: its first two sentences, HTML-escaped."""
    return escape(lead_sentences(outlet.perspective_note, 2))


def test_the_export_carries_the_note_and_the_attribution_of_every_question(published):
    records = export_json(questions=questions_for_export(status="published"))
    assert len(records) == len(published)
    by_id = {q.pk: q for q in published}
    for record in records:
        question = by_id[record["id"]]
        assert record["perspective_note"].strip(), f"question {record['id']} has no note"
        assert record["perspective_note"] == question.article.outlet.perspective_note
        if question.kind in CLAIM_KINDS:
            # Single-source (or same-side corroboration): attributed, the stem starting with it,
            # worded by the one rule.
            assert record["attribution"], f"question {record['id']} is not attributed"
            assert record["stem"].startswith(record["attribution"]), record["stem"]
            assert record["attribution"] == attribution_for_question(question=question)
        elif question.kind == Question.Kind.COMPARE:
            names = [o.name for o in {q.article.outlet for q in published}]
            assert sum(name in record["stem"] for name in names) == 2, record["stem"]
        else:
            assert record["stem"].startswith("Which outlet wrote")


def test_the_quiz_feedback_and_the_flashcard_back_show_every_outlet_note(published, client):
    learner = get_user_model().objects.create_user("reader", password="x")
    client.force_login(learner)
    quiz = Quiz.objects.create(title="Everything", slug="everything", is_published=True)
    for position, question in enumerate(published):
        quiz.items.create(question=question, position=position)

    attempt_url = client.post(reverse("quizzes:quiz", args=[quiz.slug])).url
    attempt_id = int(re.search(r"/attempts/(\d+)/", attempt_url).group(1))
    answer_url = reverse("quizzes:answer", args=[attempt_id])
    by_id = {q.pk: q for q in published}
    answered = 0
    while True:
        page = client.get(reverse("quizzes:take", args=[attempt_id])).content.decode()
        found = re.search(r'name="question" value="(\d+)"', page)
        if not found:
            break
        question = by_id[int(found.group(1))]
        data = {"question": question.pk}
        if question.mode == Question.Mode.CHOICE:
            data["choice"] = 1
        else:
            data["typed"] = question.answer
        feedback = client.post(answer_url, data).content.decode()
        outlet = question.article.outlet
        assert short_note(outlet) in feedback, f"no note in the feedback of {question.pk}"
        assert f'href="{outlet.get_absolute_url()}"' in feedback
        assert question.article.get_voice_display() in feedback
        if question.attribution:
            assert escape(question.attribution) in feedback
        answered += 1
    assert answered == len(published)

    cards = Card.objects.filter(learner=learner).select_related("question__article__outlet")
    assert cards.count() == len(published)
    for card in cards:
        back = client.get(reverse("quizzes:flashcards"), {"show": card.pk}).content.decode()
        outlet = card.question.article.outlet
        assert short_note(outlet) in back, f"no note on the back of card {card.pk}"
        assert f'href="{outlet.get_absolute_url()}"' in back
        assert "<mark>" in back
