"""A small world for the security tests: two learners, a teacher with a class, a superuser,
and the learner's own attempts, card and class membership.

`build_world()` returns a World whose objects all belong to `learner`; `other` is another
learner with nothing of hers, `teacher` teaches `classroom` (which `learner` joined).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from quizzes import teaching
from quizzes.models import Attempt, Classroom
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import CardFactory, QuestionFactory, QuizFactory, UserFactory

PASSWORD = "correct horse battery staple"
ROLES = ("anonymous", "learner", "other", "teacher", "superuser")


@dataclass
class World:
    learner: object
    other: object
    teacher: object
    superuser: object
    quiz: object
    questions: list
    open_attempt: object
    finished_attempt: object
    card: object
    classroom: object

    @property
    def article(self):
        return self.questions[0].article

    def user(self, role):
        """The user playing `role` (one of ROLES), None for anonymous."""
        return None if role == "anonymous" else getattr(self, role)

    def client(self, role, **options):
        """A test client logged in as `role`; 500s come back as responses, not exceptions."""
        client = Client(raise_request_exception=False, **options)
        if (user := self.user(role)) is not None:
            client.force_login(user)
        return client


def make_teacher(username):
    teacher = UserFactory(username=username, is_staff=True)
    teacher.groups.add(teaching.ensure_teachers_group())
    return teacher


def build_world(*, questions=3, **texts):
    """The world above; `texts` may set the article's `title`/`body`... for the XSS tests."""
    learner = UserFactory(username="ada")
    other = UserFactory(username="bob")
    teacher = make_teacher("tess")
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    article = ArticleFactory(**texts)
    made = [QuestionFactory(article=article) for _ in range(questions)]
    quiz = QuizFactory(questions=made)
    ids = [question.pk for question in made]
    open_attempt = Attempt.objects.create(
        learner=learner, quiz=quiz, question_ids=ids, max_score=len(ids)
    )
    finished_attempt = Attempt.objects.create(
        learner=learner,
        quiz=quiz,
        question_ids=ids,
        max_score=len(ids),
        score=0,
        finished=timezone.now(),
    )
    card = CardFactory(learner=learner, question=made[0])
    classroom = Classroom.objects.create(name="Year 9", teacher=teacher)
    classroom.learners.add(learner)
    return World(
        learner=learner,
        other=other,
        teacher=teacher,
        superuser=superuser,
        quiz=quiz,
        questions=made,
        open_attempt=open_attempt,
        finished_attempt=finished_attempt,
        card=card,
        classroom=classroom,
    )
