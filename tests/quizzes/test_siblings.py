"""Sibling questions (quizzes/siblings.py): the relation, the greedy choice of one per sibling
set, the quizzes built from an article holding one of each set, and the quiz editor refusing
two siblings."""

import html

import pytest
from django.core.management import call_command
from django.db.models import FETCH_RAISE, query
from django.urls import reverse

from quizzes.assembly import build_quiz_from_article, sync_starter_quiz
from quizzes.models import Question, Quiz
from quizzes.siblings import (
    ANSWER_IN_SENTENCE,
    SAME_SENTENCE,
    SIBLING_FIELDS,
    are_siblings,
    sibling_reason,
    without_siblings,
)
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

SENTENCES = (
    "The war ended on 10 November 2020 after 44 days.",
    "Shusha was taken on 8 November 2020.",
    "Two days after Shusha fell, 2,908 soldiers had been killed.",
    "The ceasefire was signed in Moscow.",
)


@pytest.fixture
def war():
    """Questions on one article: `end` and `length` share a sentence, `shusha`'s answer is in
    `killed`'s sentence, and `moscow` is no one's sibling."""
    article = ArticleFactory(sentence_texts=SENTENCES)
    s = list(article.sentences.order_by("position"))

    def question(sentence, answer, quality, **fields):
        return QuestionFactory(
            article=article,
            sentence=sentence,
            answer=answer,
            quality=quality,
            stem=f"What is {answer}?",
            **fields,
        )

    return {
        "article": article,
        "end": question(s[0], "10 November 2020", 0.9),
        "length": question(s[0], "44 days", 0.8, kind=Question.Kind.NUMBER),
        "shusha": question(s[1], "Shusha", 0.7, kind=Question.Kind.ENTITY),
        "killed": question(s[2], "2,908 soldiers", 0.85, kind=Question.Kind.NUMBER),
        "moscow": question(s[3], "Moscow", 0.6, kind=Question.Kind.ENTITY),
    }


def loaded(*questions):
    """The questions again, with only the fields the rules read loaded."""
    by_pk = Question.objects.only("pk", *SIBLING_FIELDS).in_bulk([q.pk for q in questions])
    return [by_pk[q.pk] for q in questions]


# The relation


def test_questions_from_the_same_sentence_are_siblings(war):
    end, length = loaded(war["end"], war["length"])

    assert sibling_reason(end, length) == SAME_SENTENCE
    assert are_siblings(length, end)


def test_questions_keep_their_sentence_text_when_the_sentence_row_is_gone(war):
    war["article"].sentences.all().delete()
    end, length = loaded(war["end"], war["length"])
    assert end.sentence_id is None and length.sentence_id is None

    assert sibling_reason(end, length) == SAME_SENTENCE


def test_an_answer_in_the_other_questions_sentence_makes_siblings_either_way(war):
    shusha, killed = loaded(war["shusha"], war["killed"])

    assert sibling_reason(shusha, killed) == ANSWER_IN_SENTENCE
    assert sibling_reason(killed, shusha) == ANSWER_IN_SENTENCE


def test_an_answer_counts_only_as_whole_words_case_aside():
    article = ArticleFactory(
        sentence_texts=(
            "It lasted 44 days.",
            "Some 144 days later, talks began.",
            "The 44 DAYS of war cost lives.",
        )
    )
    first, inside_a_number, shouted = (
        QuestionFactory(article=article, sentence=sentence, answer=answer)
        for sentence, answer in zip(
            article.sentences.order_by("position"), ["44 days", "talks", "lives"], strict=True
        )
    )

    assert not are_siblings(first, inside_a_number)
    assert sibling_reason(first, shouted) == ANSWER_IN_SENTENCE


def test_questions_are_not_siblings_when_neither_rule_holds(war):
    end, shusha, moscow = loaded(war["end"], war["shusha"], war["moscow"])

    assert sibling_reason(end, shusha) is None
    assert not are_siblings(shusha, moscow)
    assert not are_siblings(moscow, end)


# The greedy choice


def test_without_siblings_keeps_the_first_of_each_set_in_the_given_order(war):
    # end > killed > length > shusha > moscow: length goes (end's sentence), shusha goes
    # (its answer is in killed's sentence).
    best_first = list(
        Question.objects.filter(article=war["article"])
        .order_by("-quality", "id")
        .only("pk", *SIBLING_FIELDS)
    )

    assert without_siblings(best_first) == [war["end"], war["killed"], war["moscow"]]


def test_a_question_only_a_dropped_one_is_sibling_of_is_kept():
    # a ~ b (same sentence), b ~ c (b's answer is in c's sentence), a and c unrelated.
    article = ArticleFactory(
        sentence_texts=("Shusha was taken on 8 November 2020.", "Troops held Shusha by noon.")
    )
    first, second = article.sentences.order_by("position")
    a = QuestionFactory(article=article, sentence=first, answer="8 November 2020")
    b = QuestionFactory(article=article, sentence=first, answer="Shusha")
    c = QuestionFactory(article=article, sentence=second, answer="noon")

    assert not are_siblings(a, c)
    assert without_siblings([a, b, c]) == [a, c]
    assert without_siblings([b, a, c]) == [b]


def test_the_rules_read_only_the_fields_they_name(war, monkeypatch):
    monkeypatch.setattr(query, "DEFAULT_FETCH_MODE", FETCH_RAISE)
    questions = Question.objects.order_by("-quality", "id").only("pk", *SIBLING_FIELDS)

    # A deferred field read would raise FieldFetchBlocked here.
    assert len(without_siblings(questions)) == 3


# Quizzes built from an article


def starter_questions(article):
    quiz = Quiz.objects.get(starter_for=article)
    return list(quiz.items.order_by("position").values_list("question", flat=True))


def test_the_starter_quiz_holds_one_question_per_sibling_set_best_first(war, monkeypatch):
    monkeypatch.setattr(query, "DEFAULT_FETCH_MODE", FETCH_RAISE)

    call_command("build_starter_quizzes", verbosity=0)

    expected = [war["end"].pk, war["killed"].pk, war["moscow"].pk]
    assert starter_questions(war["article"]) == expected
    assert sync_starter_quiz(article=war["article"]) == "unchanged"
    assert starter_questions(war["article"]) == expected


def test_a_better_sibling_published_later_takes_its_siblings_place(war):
    later = QuestionFactory(
        article=war["article"],
        sentence=war["end"].sentence,
        answer="44 days",
        quality=0.95,
        draft=True,
    )
    sync_starter_quiz(article=war["article"])
    assert war["end"].pk in starter_questions(war["article"])

    later.status = Question.Status.PUBLISHED
    later.save()

    assert sync_starter_quiz(article=war["article"]) == "updated"
    assert starter_questions(war["article"]) == [war["killed"].pk, war["moscow"].pk, later.pk]
    assert sync_starter_quiz(article=war["article"]) == "unchanged"


def test_a_quiz_built_from_an_article_holds_one_question_per_sibling_set(war):
    quiz = build_quiz_from_article(article=war["article"])

    assert list(quiz.items.order_by("position").values_list("question", flat=True)) == [
        war["end"].pk,
        war["killed"].pk,
        war["moscow"].pk,
    ]


# The teacher's quiz editor


def quiz_post_data(quiz, questions):
    """The quiz change form as the browser posts it, holding `questions` in this order (rows
    of questions already in the quiz keep their id)."""
    items = {item.question_id: item.pk for item in quiz.items.all()}
    data = {
        "title": quiz.title,
        "slug": quiz.slug,
        "description": quiz.description,
        "articles": [article.pk for article in quiz.articles.all()],
        "is_published": "on" if quiz.is_published else "",
        "shuffle_choices": "on" if quiz.shuffle_choices else "",
        "items-TOTAL_FORMS": len(questions),
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    rows = sorted(questions, key=lambda q: q.pk not in items)  # the saved rows come first
    for i, question in enumerate(rows):
        data[f"items-{i}-id"] = items.get(question.pk, "")
        data[f"items-{i}-quiz"] = quiz.pk
        data[f"items-{i}-question"] = question.pk
        data[f"items-{i}-position"] = questions.index(question)
    return data


def change_quiz(client, quiz, questions):
    return client.post(
        reverse("admin:quizzes_quiz_change", args=[quiz.pk]), quiz_post_data(quiz, questions)
    )


@pytest.mark.parametrize(
    ("one", "other", "message"),
    [
        ("end", "length", "come from the same sentence"),
        ("shusha", "killed", "give each other away: one's answer is in the other's sentence"),
    ],
)
def test_the_quiz_editor_refuses_two_siblings_naming_them(admin_client, war, one, other, message):
    quiz = QuizFactory(questions=[war[one], war["moscow"]])

    response = change_quiz(admin_client, quiz, [war[one], war["moscow"], war[other]])

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        f"“{war[one].stem}” (answer: {war[one].answer}) and "
        f"“{war[other].stem}” (answer: {war[other].answer}) {message}"
        in page
        and "a learner would read" in page
        and "Keep one." in page
    )
    quiz.refresh_from_db()
    assert list(quiz.items.values_list("question", flat=True)) == [war[one].pk, war["moscow"].pk]
    assert quiz.origin == Question.Origin.AUTHORED


def test_the_quiz_editor_saves_a_quiz_once_a_sibling_is_deleted(admin_client, war):
    quiz = QuizFactory(questions=[war["end"], war["length"]])  # built before the rule
    data = quiz_post_data(quiz, [war["end"], war["length"], war["moscow"]])
    refused = admin_client.post(reverse("admin:quizzes_quiz_change", args=[quiz.pk]), data)
    assert refused.status_code == 200
    assert "come from the same sentence" in refused.content.decode()

    data["items-1-DELETE"] = "on"  # the teacher keeps one: length goes
    saved = admin_client.post(reverse("admin:quizzes_quiz_change", args=[quiz.pk]), data)

    assert saved.status_code == 302
    assert sorted(quiz.items.values_list("question", flat=True)) == sorted(
        [war["end"].pk, war["moscow"].pk]
    )
