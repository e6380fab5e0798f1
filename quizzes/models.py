from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.crypto import get_random_string

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


class Response(models.Model):
    """One answer to one question in one attempt; never two."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    choice = models.ForeignKey(Choice, on_delete=models.SET_NULL, null=True, blank=True)
    typed_answer = models.CharField(max_length=300, blank=True)
    credit = models.FloatField(default=0.0, help_text="0 to 1.")
    is_correct = models.BooleanField(default=False)
    time_spent_ms = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempt", "created"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="one_response_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}: {self.credit}"


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

    class Meta:
        ordering = ["due"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "question"], name="one_card_per_question"),
        ]
        indexes = [models.Index(fields=["learner", "due"])]

    def __str__(self):
        return f"{self.learner} / {self.question_id} due {self.due:%Y-%m-%d}"


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

    class Meta:
        ordering = ["-reviewed_at"]
        indexes = [models.Index(fields=["card", "-reviewed_at"])]

    def __str__(self):
        return f"{self.card_id} rated {self.rating}"


# Classes and reports


# No 0/O, 1/I/L or 5/S: codes are copied from a projector or read out in class.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
JOIN_CODE_LENGTH = 6


def new_join_code():
    """A fresh random join code: six characters a learner can read aloud without confusion."""
    return get_random_string(JOIN_CODE_LENGTH, allowed_chars=JOIN_CODE_ALPHABET)


class ClassroomQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The classes a staff user may follow: every class for a superuser, else their own."""
        if user.is_superuser:
            return self
        return self.filter(teacher=user)


class Classroom(models.Model):
    """A teacher's group of learners, who join it with a short code."""

    name = models.CharField(max_length=200)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms_taught"
    )
    join_code = models.CharField(
        max_length=12,
        unique=True,
        default=new_join_code,
        help_text="Learners type this on their dashboard to join the class.",
    )
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="classrooms"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("quizzes:class_detail", args=[self.pk])


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


class GenerationRun(models.Model):
    """One request to generate questions for some articles, carried out by a background task.

    The admin creates it (status queued) and enqueues `quizzes.tasks.generate_questions_task`
    with its primary key; the task records here when it starts, what it did and how it ended,
    which is all a teacher sees of work that happens outside the web process.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    articles = models.ManyToManyField(Article, related_name="generation_runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="generation_runs",
    )
    publish_above = models.FloatField(
        null=True,
        blank=True,
        help_text="Drafts scoring at least this are published; none if empty.",
    )
    # The task backend's id for the enqueued task, to find it in the worker's own records.
    task_id = models.CharField(max_length=64, blank=True)
    article_count = models.PositiveIntegerField(default=0)
    questions_created = models.PositiveIntegerField(default=0)
    questions_updated = models.PositiveIntegerField(default=0)
    questions_unchanged = models.PositiveIntegerField(default=0)
    questions_kept = models.PositiveIntegerField(default=0)
    questions_published = models.PositiveIntegerField(default=0)
    drafts_skipped = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"Generation run {self.pk} ({self.get_status_display().lower()})"
