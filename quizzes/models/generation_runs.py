"""Generation runs: a teacher's request to generate questions, done in the background."""

from django.conf import settings
from django.db import models

from content.models import Article


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
