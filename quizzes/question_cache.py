"""What every learner sees alike of a question, kept in Django's cache: its choices.

The question page and the answer's feedback both show the question's choices, the same for
every learner; reading them took a query and a few model instances on every request. They
are cached under a key that holds the question's `updated` time, which the page reads with
the question anyway: an edit to the question, or to one of its choices (the receivers below
touch the question's `updated`), makes a new key, so the edit shows on the next request in
every worker process, not once a per-process copy expires.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Choice, Question

# Versioned: a deployment that changes what is cached never reads copies of the old code.
_KEY = "quizzes:question-choices:v1:{pk}:{version}"
CHOICE_FIELDS = ("id", "question_id", "text", "position", "is_correct")


def _key(question):
    return _KEY.format(pk=question.pk, version=question.updated.timestamp())


def load_choices(question):
    """The choices of `question` (loaded with its `updated` field, just now), in no order:
    from the cache when this version of the question has been shown before, else from the
    database (one query), then cached."""
    choices = cache.get(_key(question))
    if choices is None:
        choices = list(
            Choice.objects.filter(question_id=question.pk).order_by().only(*CHOICE_FIELDS)
        )
        cache.set(_key(question), choices)
    return choices


@receiver(post_save, sender=Choice, dispatch_uid="quizzes.question_cache.choice_saved")
@receiver(post_delete, sender=Choice, dispatch_uid="quizzes.question_cache.choice_deleted")
def touch_question(*, instance, origin=None, **kwargs):
    """A choice saved or deleted changes its question: its `updated` time moves on, and with
    it the key of the question's cached choices. (Not when the choice goes with its question
    or article: nothing is left to show.)"""
    deleting_more = origin is not None and getattr(origin, "model", type(origin)) is not Choice
    if not deleting_more:
        touch(question_id=instance.question_id)


def touch(*, question_id):
    """Mark the question changed now (for writes that send no signal, such as bulk_create)."""
    Question.objects.filter(pk=question_id).update(updated=timezone.now())
