"""Flashcards: a learner's settings, cards and the log of their reviews."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import TruncDate

from ..recall import retrievability
from .questions import Question, QuestionQuerySet


class LearnerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    new_cards_per_day = models.PositiveSmallIntegerField(default=20)
    desired_retention = models.FloatField(default=0.9)
    # The learner's activity before the day it was taken, summed once that day by
    # `progress.summarize_progress` so the dashboard reads only today's rows afterwards:
    # {"day", "answers", "correct", "reviews", "streak", "days": {iso day: [...]}}.
    history = models.JSONField(default=dict, blank=True, editable=False)

    def __str__(self):
        return f"Settings of {self.user}"


# Like Anki's "learn ahead" limit: a card in a short learning step (1 or 10 minutes) is shown
# when nothing else is due rather than making the learner wait for it.
LEARN_AHEAD = timedelta(minutes=20)


class CardQuerySet(models.QuerySet):
    """Cards by learner and by where they stand in the review cycle. For cards reached
    through a relation (a profile's user's cards), `is_due(now, prefix)` is the condition of
    `due(now)` as a Q object."""

    # reviews (quizzes.flashcards, quizzes.answering)

    @staticmethod
    def is_due(now, prefix=""):
        """The condition of `due(now)`, on the card at `prefix` ("user__cards__")."""
        in_step = models.Q(
            **{
                f"{prefix}state__in": [Card.State.LEARNING, Card.State.RELEARNING],
                f"{prefix}due__lte": now + LEARN_AHEAD,
            }
        )
        return models.Q(**{f"{prefix}due__lte": now}) | in_step

    def for_learner(self, learner):
        """The cards of `learner` (a user or a user id)."""
        return self.filter(learner=learner)

    def published(self):
        """Cards whose question is published: only those are shown for review."""
        return self.filter(QuestionQuerySet.is_published("question__"))

    def due(self, now):
        """Cards to review at `now`: due, or in a learning step due within LEARN_AHEAD."""
        return self.filter(self.is_due(now))

    def not_due(self, now):
        return self.exclude(self.is_due(now))

    def new(self):
        """Cards not yet in the review deck (met in quizzes, never reviewed as a flashcard)."""
        return self.filter(introduced__isnull=True)

    def known(self):
        """Cards in the review deck: reviewed as a flashcard at least once."""
        return self.filter(introduced__isnull=False)

    def introduced_since(self, moment):
        """Cards that joined the review deck at or after `moment`."""
        return self.filter(introduced__gte=moment)

    @staticmethod
    def is_seen_since(moment):
        """Whether the card was reviewed at or after `moment`, as a flashcard or by a quiz
        answer (a ReviewLog): a boolean expression, for filter() and annotate()."""
        return models.Exists(
            ReviewLog.objects.filter(card=models.OuterRef("pk"), reviewed_at__gte=moment)
        )

    # progress

    def mastery_by_article(self, now):
        """One row per article these cards ask about: {"article_id", "title", "slug",
        "cards", "recall"}, recall being the sum of the cards' retrievability at `now`
        (divide by cards for the mean). Annotate more aggregates on it if need be."""
        return (
            self.order_by()
            .values(
                article_id=F("question__article_id"),
                title=F("question__article__title"),
                slug=F("question__article__slug"),
            )
            .annotate(cards=Count("id"), recall=Sum(retrievability(now)))
        )


class Card(models.Model):
    """A learner's flashcard for one question, holding its FSRS state (UTC times)."""

    class State(models.IntegerChoices):
        LEARNING = 1, "Learning"
        REVIEW = 2, "Review"
        RELEARNING = 3, "Relearning"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cards"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="cards")
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    introduced = models.DateTimeField(
        null=True,
        blank=True,
        help_text="First flashcard review; empty while the card is new to the review deck.",
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["due"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "question"], name="one_card_per_question"),
        ]
        indexes = [models.Index(fields=["learner", "due"])]

    def __str__(self):
        return f"{self.learner} / {self.question_id} due {self.due:%Y-%m-%d}"


class ReviewLogQuerySet(models.QuerySet):
    # progress

    def per_day(self):
        """One row per day (in the current time zone) with any of these logs:
        {"kind": "reviews", "day", "count", "right"}, counting the flashcard reviews and those
        recalled (rated anything but Again, FSRS's notion of a successful recall); quiz
        answers' logs make a row with a count of 0."""
        flashcard = Q(source=ReviewLog.Source.FLASHCARD)
        return (
            self.order_by()
            .values(kind=Value("reviews"), day=TruncDate("reviewed_at"))
            .annotate(
                count=Count("id", filter=flashcard),
                right=Count("id", filter=flashcard & ~Q(rating=ReviewLog.Rating.AGAIN)),
            )
        )


class ReviewLog(models.Model):
    class Rating(models.IntegerChoices):
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    class Source(models.TextChoices):
        FLASHCARD = "flashcard", "Flashcard review"
        QUIZ = "quiz", "Quiz answer"

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FLASHCARD)
    reviewed_at = models.DateTimeField()
    review_duration_ms = models.PositiveIntegerField(null=True, blank=True)

    objects = ReviewLogQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at"]
        indexes = [models.Index(fields=["card", "-reviewed_at"])]

    def __str__(self):
        return f"{self.card_id} rated {self.rating}"
