"""Questions and their choices, and the entities the generator tags them with."""

from django.conf import settings
from django.db import models

from content.models import Article, Sentence


class Entity(models.Model):
    """A named thing generation may ask about, once a teacher has confirmed its type."""

    class Type(models.TextChoices):
        PERSON = "person", "Person"
        CITY = "city", "City"
        REGION = "region", "Region"
        COUNTRY = "country", "Country"
        ORGANISATION = "organisation", "Organisation"
        EVENT = "event", "Event"

    name = models.CharField(max_length=200, unique=True)
    type = models.CharField(max_length=20, choices=Type.choices)
    aliases = models.JSONField(default=list, blank=True)
    confirmed = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"

    def __str__(self):
        return f"{self.name} ({self.get_type_display()})"


class QuestionQuerySet(models.QuerySet):
    """Questions by review status: what learners may see is `published()`, the review queue is
    `drafts()`. For a question reached through a relation (a quiz's items, a learner's cards),
    `is_published(prefix)` is the same condition as a Q object."""

    @staticmethod
    def is_published(prefix=""):
        """The condition of `published()`, on the question at `prefix` ("items__question__")."""
        return models.Q(**{f"{prefix}status": Question.Status.PUBLISHED})

    def published(self):
        return self.filter(self.is_published())

    def drafts(self):
        return self.filter(status=Question.Status.DRAFT)

    def not_rejected(self):
        """Published questions and drafts: the facts the library states, for comparing."""
        return self.exclude(status=Question.Status.REJECTED)


class Question(models.Model):
    """A question grounded in one source sentence; the answer is a span of that sentence."""

    class Kind(models.TextChoices):
        DATE = "date", "Date"
        NUMBER = "number", "Number"
        ENTITY = "entity", "Entity"
        OUTLET = "outlet", "Who reports it"
        COMPARE = "compare", "Compare the sources"
        FREE = "free", "Free text"

    class Mode(models.TextChoices):
        CHOICE = "choice", "Multiple choice"
        TYPED = "typed", "Typed answer"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"

    class Origin(models.TextChoices):
        GENERATED = "generated", "Generated"
        EDITED = "edited", "Generated, edited by a teacher"
        AUTHORED = "authored", "Written by a teacher"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="questions")
    sentence = models.ForeignKey(
        Sentence, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    sentence_text = models.TextField(help_text="The source sentence exactly as in the article.")
    answer_start = models.PositiveIntegerField()
    answer_end = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.CHOICE)
    stem = models.TextField()
    answer = models.CharField(max_length=300, help_text="Display form of the answer.")
    answer_normalized = models.CharField(max_length=100, blank=True)
    attribution = models.CharField(max_length=200, blank=True)
    quality = models.FloatField(default=0.0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.GENERATED)
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Identifies the fact a generated question asks about."
    )
    reviewed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a teacher last chose its status; automatic publishing leaves it alone.",
    )
    review_note = models.CharField(
        max_length=300, blank=True, help_text="Why generation sent it back to draft, if it did."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-quality", "id"]
        indexes = [
            models.Index(fields=["status", "-quality"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=~models.Q(fingerprint=""),
                name="question_fact_once_per_article",
            ),
        ]

    def __str__(self):
        return self.stem

    @property
    def answer_as_written(self):
        return self.sentence_text[self.answer_start : self.answer_end]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "position", "id"]

    def __str__(self):
        return self.text


class ProblemReport(models.Model):
    """A learner's report that something is wrong with a question, for a teacher to look at."""

    class Reason(models.TextChoices):
        WRONG_ANSWER = "wrong_answer", "The marked answer is wrong"
        AMBIGUOUS = "ambiguous", "The question is ambiguous"
        BAD_DISTRACTORS = "bad_distractors", "The wrong choices are poor (or one is also right)"
        OFFENSIVE = "offensive", "It is offensive or biased"
        OTHER = "other", "Something else"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reports")
    # A report stays useful to the teacher after its author deletes their account.
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problem_reports",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    comment = models.TextField(max_length=1000, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["resolved", "-created"]
        indexes = [models.Index(fields=["question", "resolved"])]

    def __str__(self):
        return f"{self.get_reason_display()} on question {self.question_id}"
