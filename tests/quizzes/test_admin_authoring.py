"""Authoring a question in the admin as a teacher: the sentence searched within the chosen
article, the sentence text the answer is marked in, the add page pre-filled from the article's
sentence list, and the form's checks with their messages."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from quizzes.models import Question
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import QuestionFactory, UserFactory
from tests.quizzes.test_admin import question_post_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:quizzes_question_add")
AUTOCOMPLETE = reverse("admin:autocomplete")
SENTENCE_TEXT = reverse("admin:quizzes_question_sentence_text")


@pytest.fixture
def articles():
    war = ArticleFactory(
        title="The 44-day war",
        sentence_texts=("The war ended on 10 November 2020.", "It lasted 44 days."),
    )
    ceasefire = ArticleFactory(
        title="The ceasefire",
        sentence_texts=("The ceasefire was signed on 10 November 2020.", "Peacekeepers came."),
    )
    return war, ceasefire


def search_sentences(client, *, term="", article=None):
    params = {
        "app_label": "quizzes",
        "model_name": "question",
        "field_name": "sentence",
        "term": term,
    }
    if article is not None:
        params["article"] = article
    return client.get(AUTOCOMPLETE, params)


def authoring_data(source, **changes):
    """The add form as the browser posts it: a number question on "It lasted 44 days."."""
    data = {
        "article": source.article_id,
        "sentence": source.pk,
        "answer_start": 10,
        "answer_end": 17,
        "kind": "number",
        "mode": "choice",
        "stem": "How long did the war last?",
        "answer": "44 days",
        "answer_normalized": "P44D",
        "attribution": "",
        "status": "draft",
        "choices-TOTAL_FORMS": 4,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
        "choices-0-is_correct": "on",
    }
    for i, text in enumerate(["44 days", "30 days", "60 days", "6 weeks"]):
        data[f"choices-{i}-position"] = i
        data[f"choices-{i}-text"] = text
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


# The sentence search


def test_the_sentence_search_looks_only_in_the_chosen_article(teacher_client, articles):
    war, ceasefire = articles

    response = search_sentences(teacher_client, term="10 November", article=war.pk)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [str(war.sentences.get(position=0).pk)]


def test_the_sentence_search_without_an_article_searches_them_all(teacher_client, articles):
    war, ceasefire = articles

    results = search_sentences(teacher_client, term="10 November").json()["results"]

    assert {r["id"] for r in results} == {
        str(war.sentences.get(position=0).pk),
        str(ceasefire.sentences.get(position=0).pk),
    }


def test_the_sentence_search_lists_an_articles_sentences_in_order(teacher_client, articles):
    war, _ = articles

    results = search_sentences(teacher_client, article=war.pk).json()["results"]

    assert [r["id"] for r in results] == [str(s.pk) for s in war.sentences.order_by("position")]
    assert "It lasted 44 days." in results[1]["text"]


@pytest.mark.parametrize("article", ["x", "1;DROP", "-1", "٣", "9" * 40])
def test_a_malformed_article_finds_no_sentences(teacher_client, articles, article):
    response = search_sentences(teacher_client, term="war", article=article)

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_learner_cannot_search_sentences(client, articles):
    client.force_login(UserFactory(username="ada"))

    response = search_sentences(client, term="war", article=articles[0].pk)

    assert response.status_code == 302  # to the admin login: learners get no admin
    assert "/admin/login/" in response["Location"]


def test_anonymous_cannot_search_sentences(client, articles):
    response = search_sentences(client, term="war")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_sentences_have_no_admin_pages_of_their_own(teacher_client, articles):
    sentence = articles[0].sentences.first()

    assert "Sentences" not in teacher_client.get(reverse("admin:index")).content.decode()
    for url in (
        "/admin/content/sentence/",
        f"/admin/content/sentence/{sentence.pk}/change/",
        f"/admin/content/sentence/{sentence.pk}/delete/",
    ):
        # The admin's catch-all sends unknown admin URLs to the index or a 404, never a page.
        assert teacher_client.get(url).status_code in (302, 404)


def test_a_teacher_can_still_delete_an_article_with_its_sentences(teacher_client, articles):
    war, _ = articles
    url = reverse("admin:content_article_delete", args=[war.pk])

    page = teacher_client.get(url).content.decode()
    assert "permission to delete" not in page
    response = teacher_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not type(war).objects.filter(pk=war.pk).exists()


# The sentence text the answer is marked in


def test_the_sentence_text_endpoint_gives_the_text(teacher_client, articles):
    sentence = articles[0].sentences.get(position=1)

    response = teacher_client.get(SENTENCE_TEXT, {"sentence": sentence.pk})

    assert response.status_code == 200
    assert response.json() == {
        "id": sentence.pk,
        "article": sentence.article_id,
        "position": 1,
        "text": "It lasted 44 days.",
    }


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"sentence": "abc"}, 400),
        ({"sentence": "9" * 40}, 400),
        ({"sentence": "999999"}, 404),
    ],
)
def test_the_sentence_text_endpoint_explains_a_bad_request(teacher_client, params, status):
    response = teacher_client.get(SENTENCE_TEXT, params)

    assert response.status_code == status
    assert response.json()["error"]


def test_the_sentence_text_endpoint_needs_the_right_to_view_sentences(client, articles):
    sentence = articles[0].sentences.first()
    client.force_login(UserFactory(username="staff-without-rights", is_staff=True))

    response = client.get(SENTENCE_TEXT, {"sentence": sentence.pk})

    assert response.status_code == 403
    assert "text" not in response.json()


def test_the_sentence_text_endpoint_is_not_for_learners(client, articles):
    client.force_login(UserFactory(username="ada"))

    response = client.get(SENTENCE_TEXT, {"sentence": articles[0].sentences.first().pk})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# The add page


def test_the_add_page_has_the_article_first_a_sentence_search_and_the_marker(teacher_client):
    html = teacher_client.get(ADD).content.decode()

    assert html.index('name="article"') < html.index('name="sentence"')
    assert "admin-autocomplete" in html  # Django's select2 search for the sentence
    assert 'data-field-name="sentence"' in html
    assert "Use selection as the answer" in html
    assert SENTENCE_TEXT in html
    assert "quizzes/question-authoring.js" in html
    assert "<script>" not in html  # the CSP allows scripts from our static files only


def test_the_article_page_links_each_sentence_to_a_prefilled_add_page(teacher_client, articles):
    war, _ = articles
    sentence = war.sentences.get(position=1)

    article_page = teacher_client.get(reverse("admin:content_article_change", args=[war.pk]))
    link = f"{ADD}?article={war.pk}&amp;sentence={sentence.pk}"
    assert link in article_page.content.decode()
    assert "Write a question from this sentence" in article_page.content.decode()

    form = (
        teacher_client.get(ADD, {"article": war.pk, "sentence": sentence.pk})
        .context["adminform"]
        .form
    )
    assert form.initial["article"] == war.pk
    assert form.initial["sentence"] == sentence.pk
    html = teacher_client.get(ADD, {"article": war.pk, "sentence": sentence.pk}).content.decode()
    assert "#1: It lasted 44 days." in html  # the picked sentence, shown in the search box


def test_a_prefilled_sentence_brings_its_own_article(teacher_client, articles):
    war, ceasefire = articles
    sentence = war.sentences.get(position=1)

    form = (
        teacher_client.get(ADD, {"article": ceasefire.pk, "sentence": sentence.pk})
        .context["adminform"]
        .form
    )

    assert form.initial["article"] == war.pk


@pytest.mark.parametrize(
    "params",
    [
        {"sentence": "abc"},
        {"sentence": "999999"},
        {"sentence": "9" * 40},
        {"article": "x"},
        {"article": "999999"},
        {"article": "9" * 40},
    ],
)
def test_a_bad_prefill_leaves_the_fields_empty(teacher_client, params):
    response = teacher_client.get(ADD, params)

    assert response.status_code == 200
    initial = response.context["adminform"].form.initial
    assert "sentence" not in initial and "article" not in initial


def test_the_article_page_has_no_question_links_for_who_may_not_add_questions(client, articles):
    war, _ = articles
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_article"),
        Permission.objects.get(codename="view_sentence"),
    )
    client.force_login(viewer)

    html = client.get(reverse("admin:content_article_change", args=[war.pk])).content.decode()

    assert "It lasted 44 days." in html
    assert "Write a question from this sentence" not in html


# Authoring through the form


def test_a_teacher_authors_a_question_with_a_marked_span(teacher_client, articles):
    war, _ = articles
    sentence = war.sentences.get(position=1)

    response = teacher_client.post(ADD, authoring_data(sentence))

    assert response.status_code == 302, response.context["errors"]
    question = Question.objects.get()
    assert question.origin == Question.Origin.AUTHORED
    assert (question.article, question.sentence) == (war, sentence)
    assert (question.answer_start, question.answer_end) == (10, 17)
    assert question.sentence_text == "It lasted 44 days."
    assert [c.text for c in question.choices.order_by("position")] == [
        "44 days",
        "30 days",
        "60 days",
        "6 weeks",
    ]
    assert question.choices.get(is_correct=True).text == "44 days"


def test_a_marked_span_may_differ_from_the_answers_display_form(teacher_client, articles):
    sentence = articles[0].sentences.get(position=1)
    data = authoring_data(sentence, answer="44", **{"choices-0-text": "44"})

    response = teacher_client.post(ADD, data)

    assert response.status_code == 302, response.context["errors"]
    assert Question.objects.get().answer_as_written == "44 days"


def form_errors(response):
    assert response.status_code == 200
    assert not Question.objects.exists()
    return response.content.decode()


def test_a_sentence_from_another_article_is_refused(teacher_client, articles):
    war, ceasefire = articles
    data = authoring_data(war.sentences.get(position=1), article=ceasefire.pk)

    html = form_errors(teacher_client.post(ADD, data))

    assert "This sentence is from “The 44-day war”, not from the chosen article" in html
    assert "“The ceasefire”" in html


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ((10, 40), "is not inside the sentence"),
        ((17, 10), "is not inside the sentence"),
        ((9, 10), "covers only spaces"),
    ],
)
def test_a_span_outside_the_sentence_is_refused(teacher_client, articles, span, message):
    sentence = articles[0].sentences.get(position=1)
    data = authoring_data(sentence, answer_start=span[0], answer_end=span[1])

    html = form_errors(teacher_client.post(ADD, data))

    assert message in html


def test_an_answer_missing_from_the_choices_is_refused(teacher_client, articles):
    sentence = articles[0].sentences.get(position=1)
    data = authoring_data(sentence, **{"choices-0-text": "45 days"})

    assert "must be one of the choices" in form_errors(teacher_client.post(ADD, data))


def test_an_answer_twice_among_the_choices_is_refused(teacher_client, articles):
    sentence = articles[0].sentences.get(position=1)
    data = authoring_data(sentence, **{"choices-1-text": "44 days"})

    assert "only once among the choices" in form_errors(teacher_client.post(ADD, data))


def test_an_answer_in_the_stem_is_refused(teacher_client, articles):
    sentence = articles[0].sentences.get(position=1)
    data = authoring_data(sentence, stem="Did the war last 44 days?")

    assert "The stem contains the answer" in form_errors(teacher_client.post(ADD, data))


def test_a_missing_sentence_is_asked_for(teacher_client, articles):
    data = authoring_data(articles[0].sentences.get(position=1), sentence="")

    assert "This field is required" in form_errors(teacher_client.post(ADD, data))


# The change page


def test_the_change_page_shows_the_marked_answer_without_javascript(teacher_client):
    question = QuestionFactory()

    html = teacher_client.get(
        reverse("admin:quizzes_question_change", args=[question.pk])
    ).content.decode()

    marker = html[html.index('class="answer-marker"') :]
    marker = marker[: marker.index("</div>")]
    assert '<mark class="answer-span">10 November 2020</mark>' in marker
    assert f'<option value="{question.article_id}" selected>' in html


def test_a_question_moves_to_a_sentence_of_another_article(teacher_client, articles):
    question = QuestionFactory(
        stem="On what date did it end?",
        answer="10 November 2020",
        choices=["10 November 2020", "9 November 2020", "1 May 2021", "8 May 2020"],
    )
    _, ceasefire = articles
    sentence = ceasefire.sentences.get(position=0)
    data = question_post_data(
        question,
        article=ceasefire.pk,
        sentence=sentence.pk,
        answer_start=sentence.text.index("10 November"),
        answer_end=sentence.text.index("10 November") + len("10 November 2020"),
    )

    response = teacher_client.post(
        reverse("admin:quizzes_question_change", args=[question.pk]), data
    )

    assert response.status_code == 302, response.context["errors"]
    question.refresh_from_db()
    assert (question.article, question.sentence) == (ceasefire, sentence)
    assert question.sentence_text == sentence.text
    assert question.origin == Question.Origin.EDITED
