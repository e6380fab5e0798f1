"""Quizzes, learners' attempts at them and the answers they give."""

import functools

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Value
from django.db.models.functions import Cast, TruncDate
from django.urls import reverse
from django.utils import timezone

from content.models import Article

from .questions import Choice, Question


class Quiz(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    articles = models.ManyToManyField(Article, blank=True, related_name="quizzes")
    questions = models.ManyToManyField(Question, through="QuizQuestion", related_name="quizzes")
    shuffle_choices = models.BooleanField(default=True)
    is_published = models.BooleanField(default=False)
    origin = models.CharField(
        max_length=20,
        choices=Question.Origin.choices,
        default=Question.Origin.AUTHORED,
        help_text="Built automatically (generated), then changed by a teacher (edited), or written.",
    )
    starter_for = models.OneToOneField(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="starter_quiz",
        help_text="The article this quiz was built from automatically, if it was.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "quizzes"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quizzes:quiz", args=[self.slug])


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="quiz_items")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["quiz", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_once"),
        ]

    def __str__(self):
        return f"{self.quiz} #{self.position}"


class AttemptQuerySet(models.QuerySet):
    def open(self):
        """Attempts not finished yet (a learner has at most one open per quiz)."""
        return self.filter(finished__isnull=True)

    def with_answered_ids(self):
        """Each attempt with `answered_ids`: the ids of the questions it has a response to,
        joined by commas ("" or None when there are none), read in the same query."""
        return self.annotate(answered_ids=_answered_ids())


@functools.cache
def _answered_ids():
    # Built once: an expression is copied whenever a query uses it, never changed.
    answered = (
        Response.objects.filter(attempt=models.OuterRef("pk"))
        .order_by()  # Response's default ordering would join the attempt for nothing
        .values("attempt")
        .annotate(ids=models.StringAgg(Cast("question_id", models.CharField()), Value(",")))
        .values("ids")
    )
    return models.Subquery(answered)


class Attempt(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    started = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(default=0.0, help_text="Sum of credits earned.")
    max_score = models.PositiveIntegerField(default=0)
    question_ids = models.JSONField(
        default=list,
        blank=True,
        help_text="The quiz's published questions, in order, when the attempt started.",
    )

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started"]
        indexes = [models.Index(fields=["learner", "quiz"])]
        constraints = [
            # Two tabs pressing "Start" at once must resume one attempt, not open two.
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=models.Q(finished__isnull=True),
                name="one_open_attempt_per_quiz",
            ),
        ]

    def __str__(self):
        return f"{self.learner} on {self.quiz}"

    def get_absolute_url(self):
        return reverse("quizzes:take", args=[self.pk])

    @property
    def is_finished(self):
        return self.finished is not None

    @property
    def percent(self):
        """The score as a whole percentage of the questions asked."""
        return round(100 * self.score / self.max_score) if self.max_score else 0


class ResponseQuerySet(models.QuerySet):
    # progress

    def per_day(self):
        """One row per day (in the current time zone) with any of these answers:
        {"kind": "answers", "day", "count", "right"} (right: graded correct)."""
        return (
            self.order_by()
            .values(kind=Value("answers"), day=TruncDate("created"))
            .annotate(count=Count("id"), right=Count("id", filter=Q(is_correct=True)))
        )


class Response(models.Model):
    """One answer to one question in one attempt; never two."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    choice = models.ForeignKey(Choice, on_delete=models.SET_NULL, null=True, blank=True)
    typed_answer = models.CharField(max_length=300, blank=True)
    credit = models.FloatField(default=0.0, help_text="0 to 1.")
    is_correct = models.BooleanField(default=False)
    time_spent_ms = models.PositiveIntegerField(null=True, blank=True)
    # When the answer was given: `answering.record_answer` stores its `now`, so a day's
    # answers are counted on the day the learner gave them.
    created = models.DateTimeField(default=timezone.now, editable=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["attempt", "created"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="one_response_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}: {self.credit}"
