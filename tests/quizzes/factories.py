from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from quizzes.models import (
    Attempt,
    Card,
    Choice,
    Entity,
    Question,
    Quiz,
    QuizQuestion,
    Response,
    ReviewLog,
)
from tests.content.factories import ArticleFactory


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class QuestionFactory(DjangoModelFactory):
    """A published date question on the article's first sentence, with four choices."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Question.Status.DRAFT)

    article = factory.SubFactory(ArticleFactory)
    sentence = factory.LazyAttribute(lambda o: o.article.sentences.order_by("position").first())
    sentence_text = factory.LazyAttribute(lambda o: o.sentence.text if o.sentence else "")
    answer = "10 November 2020"
    answer_start = factory.LazyAttribute(lambda o: max(o.sentence_text.find(o.answer), 0))
    answer_end = factory.LazyAttribute(lambda o: o.answer_start + len(o.answer))
    kind = Question.Kind.DATE
    mode = Question.Mode.CHOICE
    stem = factory.LazyAttribute(
        lambda o: f"According to {o.article.outlet.name}, on what date did the war end?"
    )
    answer_normalized = "2020-11-10"
    attribution = factory.LazyAttribute(lambda o: f"According to {o.article.outlet.name}")
    quality = 0.8
    status = Question.Status.PUBLISHED
    origin = Question.Origin.GENERATED
    fingerprint = factory.Sequence(lambda n: f"fact-{n}")

    @factory.post_generation
    def choices(obj, create, extracted, **kwargs):
        if not create or obj.mode != Question.Mode.CHOICE:
            return
        texts = extracted or [
            obj.answer,
            "8 November 2020",
            "27 September 2020",
            "19 September 2023",
        ]
        for position, text in enumerate(texts):
            Choice.objects.create(
                question=obj, text=text, is_correct=(text == obj.answer), position=position
            )


class QuizFactory(DjangoModelFactory):
    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Quiz {n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    is_published = True
    shuffle_choices = False

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create:
            return
        for position, question in enumerate(extracted or []):
            QuizQuestion.objects.create(quiz=obj, question=question, position=position)
            obj.articles.add(question.article)


class EntityFactory(DjangoModelFactory):
    class Meta:
        model = Entity
        django_get_or_create = ("name",)

    name = "Shusha"
    type = Entity.Type.CITY
    confirmed = True


class AttemptFactory(DjangoModelFactory):
    class Meta:
        model = Attempt

    learner = factory.SubFactory(UserFactory)
    quiz = factory.SubFactory(QuizFactory)

    class Params:
        done = factory.Trait(finished=factory.LazyFunction(timezone.now))


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    attempt = factory.SubFactory(AttemptFactory)
    question = factory.SubFactory(QuestionFactory)
    credit = 1.0
    is_correct = True


class CardFactory(DjangoModelFactory):
    class Meta:
        model = Card

    learner = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)
    due = factory.LazyFunction(timezone.now)

    class Params:
        later = factory.Trait(due=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7)))


class ReviewLogFactory(DjangoModelFactory):
    class Meta:
        model = ReviewLog

    card = factory.SubFactory(CardFactory)
    rating = ReviewLog.Rating.GOOD
    reviewed_at = factory.LazyFunction(timezone.now)
