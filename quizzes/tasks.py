"""Background work: generating questions for articles chosen in the admin.

A web request never generates. `request_generation` records a `GenerationRun` and, once the
transaction that created it commits, enqueues `generate_questions_task` with the run's primary
key on the configured `django.tasks` backend (settings.TASKS). The immediate backend runs it at
once in the same process (development, tests); the database backend (django-tasks-db) leaves it
for `manage.py db_worker`, the one process that loads the generator. The task writes its
progress and outcome on the run, which the admin lists.
"""

import logging
from functools import partial

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from quizzes.models import GenerationRun

logger = logging.getLogger(__name__)

Status = GenerationRun.Status


def request_generation(*, articles, requested_by=None, publish_above=None):
    """Record a queued GenerationRun for `articles` and enqueue its task on commit.

    Outside a transaction the task is enqueued before this returns (and, with the immediate
    backend, has run); inside one, when it commits, so the task never looks for a run that is
    not there yet. Returns the run. A backend that refuses the task marks the run failed with
    the reason instead of raising.
    """
    articles = list(articles)
    with transaction.atomic():
        run = GenerationRun.objects.create(
            requested_by=requested_by if getattr(requested_by, "pk", None) else None,
            article_count=len(articles),
            publish_above=publish_above,
        )
        run.articles.set(articles)
        transaction.on_commit(partial(_enqueue, run_id=run.pk))
    return run


def _enqueue(*, run_id):
    try:
        result = generate_questions_task.enqueue(run_id=run_id)
    except Exception as error:
        # The teacher must see that nothing will happen (say, the worker's table is missing),
        # and the request that asked must not fail.
        logger.exception("Could not enqueue generation run %s", run_id)
        GenerationRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
            status=Status.FAILED,
            message=f"Could not queue the task: {type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        return
    GenerationRun.objects.filter(pk=run_id).update(task_id=str(result.id)[:64])


@task
def generate_questions_task(*, run_id):
    """Generate questions for the articles of GenerationRun `run_id` and record the outcome.

    Claims the run only while it is queued (a run already started, finished or deleted is left
    alone, so a task delivered twice does nothing twice); marks it running, then done with the
    counts and the report's summary, or failed with the error (and re-raises it, so the
    backend records the failure too). Returns the counts.
    """
    claimed = GenerationRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        logger.warning("Generation run %s is not queued (any more): nothing to do", run_id)
        return {"run": run_id, "claimed": False}
    run = GenerationRun.objects.get(pk=run_id)
    articles = list(run.articles.all())
    # Imported here: the generator is loaded by the worker that runs the task, never by a web
    # process that merely imports this module to enqueue it.
    from quizzes.generating import generate_for_articles

    try:
        report = generate_for_articles(articles=articles, publish_above=run.publish_above)
    except Exception as error:
        GenerationRun.objects.filter(pk=run_id).update(
            status=Status.FAILED,
            finished_at=timezone.now(),
            message=f"Generation failed: {type(error).__name__}: {error}. Articles finished "
            "before the failure keep their questions.",
        )
        raise
    counts = {
        "article_count": report.articles,
        "questions_created": report.created,
        "questions_updated": report.updated,
        "questions_unchanged": report.unchanged,
        "questions_kept": report.kept,
        "questions_published": report.published,
        "drafts_skipped": len(report.skipped),
    }
    message = report.summary()
    if len(articles) < run.article_count:
        message += f" {run.article_count - len(articles)} article(s) were deleted before the run."
    GenerationRun.objects.filter(pk=run_id).update(
        status=Status.DONE, finished_at=timezone.now(), message=message, **counts
    )
    return {"run": run_id, "claimed": True, **counts}
