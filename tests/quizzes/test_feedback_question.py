"""`load_question` (the answer's feedback) reads the question with the learner's card and
retention in one query: each call must bring that learner's card and retention, that
question's source and choices."""

import pytest

from quizzes import answering
from quizzes.models import LearnerProfile
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import CardFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_call_loads_its_own_learner_and_question():
    article = ArticleFactory()
    first, second = QuestionFactory(article=article), QuestionFactory(article=article)
    quiz = QuizFactory(questions=[first, second])
    anna, ben = UserFactory(), UserFactory()
    LearnerProfile.objects.update_or_create(user=anna, defaults={"desired_retention": 0.8})
    anna_card = CardFactory(learner=anna, question=first, reps=4)
    ben_card = CardFactory(learner=ben, question=second, reps=2)
    anna_attempt = answering.start_or_resume_attempt(learner=anna, quiz=quiz)
    ben_attempt = answering.start_or_resume_attempt(learner=ben, quiz=quiz)

    loaded = {
        (who, question.pk): answering.load_question(attempt=attempt, question_id=question.pk)
        for who, attempt in (("anna", anna_attempt), ("ben", ben_attempt))
        for question in (first, second)
    }

    assert loaded["anna", first.pk].question.learner_card == anna_card
    assert loaded["anna", first.pk].question.learner_card.reps == 4
    # No card yet: no attribute, as select_related leaves a missing filtered relation.
    assert getattr(loaded["anna", second.pk].question, "learner_card", None) is None
    assert getattr(loaded["ben", first.pk].question, "learner_card", None) is None
    assert loaded["ben", second.pk].question.learner_card == ben_card
    assert loaded["anna", first.pk].question.learner_retention == pytest.approx(0.8)
    assert loaded["ben", second.pk].question.learner_retention in (None, 0.9)
    for (_, question_id), slot in loaded.items():
        assert slot.question.pk == question_id
        assert slot.question.article.outlet == article.outlet
        assert {choice.question_id for choice in slot.choices} == {question_id}
    assert answering.load_question(attempt=anna_attempt, question_id=10**9) is None
