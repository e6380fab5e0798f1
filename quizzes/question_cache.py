"""What every learner sees alike of a question, kept in Django's cache: its choices, and its
source as the answer's feedback shows it.

The question page and the answer's feedback both show the question's choices, the same for
every learner; reading them took a query and a few model instances on every request. They
are cached under a key that holds the question's `updated` time, which the page reads with
the question anyway: an edit to the question, or to one of its choices (the receivers below
touch the question's `updated`), makes a new key, so the edit shows on the next request in
every worker process, not once a per-process copy expires.

The feedback's source (quizzes/_source.html: the sentence with its glosses and the answer
marked, the article's link, the outlet's note) is the same for every learner too, and
costs more to read and render than the rest of the answer. It is cached by question, with
the stamp it was rendered for: the question's `updated` time and the glossary's version.
A teacher's edit of the article, its outlet or a sentence touches the questions that quote
them (receivers below), so the stamp moves on and the next feedback, in every worker,
renders the source again. A glossary term's edit changes the glossary's version where the
terms are read again (content/templatetags/glossary.py: at once in the worker that saved
it, and in every worker with a shared cache; within CACHE_SECONDS in the others).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from content.models import Article, Outlet, Sentence
from content.templatetags.glossary import current_glossary

from .models import Choice, Question

# Versioned: a deployment that changes what is cached never reads copies of the old code.
_KEY = "quizzes:question-choices:v1:{pk}:{version}"
_SOURCE_KEY = "quizzes:question-source:v1:{pk}"
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


def read_source(*, question_id):
    """(stamp, html) of the question's source as last rendered for the feedback, or None."""
    return cache.get(_SOURCE_KEY.format(pk=question_id))


def source_stamp(question):
    """What the cached source of `question` (loaded with its `updated` field) must have been
    rendered for to be shown now: this version of the question and of the glossary."""
    return f"{question.updated.timestamp()}:{current_glossary().version}"


def keep_source(*, question_id, stamp, html):
    """Cache the source of a question, rendered for `stamp` (`source_stamp`)."""
    cache.set(_SOURCE_KEY.format(pk=question_id), (stamp, str(html)))


@receiver(post_save, sender=Choice, dispatch_uid="quizzes.question_cache.choice_saved")
@receiver(post_delete, sender=Choice, dispatch_uid="quizzes.question_cache.choice_deleted")
def touch_question(*, instance, origin=None, **kwargs):
    """A choice saved or deleted changes its question: its `updated` time moves on, and with
    it the key of the question's cached choices. (Not when the choice goes with its question
    or article: nothing is left to show.)"""
    deleting_more = origin is not None and getattr(origin, "model", type(origin)) is not Choice
    if not deleting_more:
        touch(question_id=instance.question_id)


@receiver(post_save, sender=Article, dispatch_uid="quizzes.question_cache.article_saved")
@receiver(post_save, sender=Outlet, dispatch_uid="quizzes.question_cache.outlet_saved")
@receiver(post_save, sender=Sentence, dispatch_uid="quizzes.question_cache.sentence_saved")
def touch_quoting_questions(*, sender, instance, created=False, **kwargs):
    """An article, outlet or sentence saved changes the source of the questions quoting it
    (title, date, outlet's name and note, the sentence's place in the article): their
    `updated` time moves on, and with it the stamp of their cached source. One UPDATE, and
    none for a row just created, which no question quotes yet. (A re-split replaces the
    sentences without saving them one by one; `questions.relink_questions` saves the
    questions it re-links.)"""
    if created:
        return
    lookup = {Article: "article", Outlet: "article__outlet", Sentence: "sentence"}[sender]
    Question.objects.filter(**{lookup: instance}).update(updated=timezone.now())


def touch(*, question_id):
    """Mark the question changed now (for writes that send no signal, such as bulk_create)."""
    Question.objects.filter(pk=question_id).update(updated=timezone.now())
