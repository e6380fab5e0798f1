"""Putting quizzes together from published questions: the starter quiz of every article, and a
teacher's "build a quiz from this article". Either holds at most one question of a sibling set
(quizzes/siblings.py): the best one."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from content.ingest import unique_slug
from content.models import Article
from quizzes.models import Question, Quiz, QuizQuestion
from quizzes.siblings import SIBLING_FIELDS, without_siblings

STARTER_TITLE = "{title}: starter quiz"


@dataclass
class StarterQuizReport:
    """What `build_starter_quizzes` did, one list of article slugs per outcome."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a teacher edited the quiz: left alone
    empty: list[str] = field(default_factory=list)  # no published question, no quiz

    def summary(self):
        """One line for people."""
        return (
            f"Starter quizzes: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.kept)} kept as a teacher edited them, "
            f"{len(self.empty)} article(s) without published questions."
        )


def _published_questions(article):
    """The article's published questions for a quiz, best quality first, leaving out any
    sibling of a better one (ties go to the older question, so every run picks the same)."""
    return without_siblings(
        Question.objects.published()
        .filter(article=article)
        .order_by("-quality", "id")
        .only("pk", *SIBLING_FIELDS)
    )


def sync_starter_quiz(*, article):
    """Create or bring up to date the starter quiz of `article`; return the outcome
    ("created", "updated", "unchanged", "kept" or "empty").

    The starter quiz ("<article title>: starter quiz", slug from the article's slug) holds the
    article's published questions, best quality first, one of each sibling set. Running again
    appends newly published questions, drops those no longer published or now outdone by a
    better sibling, and publishes the quiz only while it has questions. A starter quiz a teacher edited (origin no longer "generated") is never touched;
    an article without published questions gets no quiz.
    """
    with transaction.atomic():
        questions = _published_questions(article)
        quiz = Quiz.objects.filter(starter_for=article).first()
        if quiz is None:
            if not questions:
                return "empty"
            quiz = Quiz.objects.create(
                title=STARTER_TITLE.format(title=article.title)[:200],
                slug=unique_slug(model=Quiz, text=article.slug, fallback="quiz"),
                description=f"Questions from “{article.title}” ({article.outlet.name}).",
                starter_for=article,
                origin=Question.Origin.GENERATED,
                is_published=True,
            )
            quiz.articles.add(article)
            QuizQuestion.objects.bulk_create(
                QuizQuestion(quiz=quiz, question=q, position=i) for i, q in enumerate(questions)
            )
            return "created"
        if quiz.origin != Question.Origin.GENERATED:
            return "kept"
        wanted = [q.pk for q in questions]
        items = list(quiz.items.all())
        present = {item.question_id for item in items}
        gone = [item.pk for item in items if item.question_id not in set(wanted)]
        new = [pk for pk in wanted if pk not in present]
        changed = bool(gone or new)
        if gone:
            QuizQuestion.objects.filter(pk__in=gone).delete()
        if new:
            last = quiz.items.aggregate(last=Max("position"))["last"]
            start = 0 if last is None else last + 1
            QuizQuestion.objects.bulk_create(
                QuizQuestion(quiz=quiz, question_id=pk, position=start + i)
                for i, pk in enumerate(new)
            )
        should_publish = bool(wanted)
        if quiz.is_published != should_publish:
            quiz.is_published = should_publish
            quiz.save(update_fields=["is_published", "updated"])
            changed = True
        if not quiz.articles.filter(pk=article.pk).exists():
            quiz.articles.add(article)
            changed = True
        return "updated" if changed else "unchanged"


def build_starter_quizzes(*, articles=None):
    """Run `sync_starter_quiz` for `articles` (all when None) and report what happened.

    Idempotent: a second run reports every quiz unchanged and creates nothing.
    """
    if articles is None:
        articles = Article.objects.all()
    report = StarterQuizReport()
    for article in articles.select_related("outlet").order_by("published", "pk"):
        outcome = sync_starter_quiz(article=article)
        getattr(report, outcome).append(article.slug)
    return report


class NoPublishedQuestions(ValueError):
    """The article has no published question to build a quiz from."""


def build_quiz_from_article(*, article, created_by=None):
    """Create a new, unpublished quiz of `article`'s published questions (best first, one of
    each sibling set) for a teacher to review and publish; it is the teacher's quiz (origin "authored").

    Raises NoPublishedQuestions when the article has none.
    """
    with transaction.atomic():
        questions = _published_questions(article)
        if not questions:
            raise NoPublishedQuestions(
                f"“{article.title}” has no published questions yet: publish some first."
            )
        quiz = Quiz.objects.create(
            title=f"{article.title}: quiz"[:200],
            slug=unique_slug(model=Quiz, text=f"{article.slug}-quiz", fallback="quiz"),
            description=f"Questions from “{article.title}” ({article.outlet.name}).",
            origin=Question.Origin.AUTHORED,
            is_published=False,
            created_by=created_by,
        )
        quiz.articles.add(article)
        QuizQuestion.objects.bulk_create(
            QuizQuestion(quiz=quiz, question=q, position=i) for i, q in enumerate(questions)
        )
    return quiz
