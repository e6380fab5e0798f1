from quizzes.models import Choice
from tests.quizzes.factories import QuestionFactory


def test_question_factory_builds_a_contract_valid_question(db):
    question = QuestionFactory()
    sentence = question.sentence
    assert sentence.article.body[sentence.start : sentence.end] == sentence.text
    assert question.answer_as_written == question.answer
    assert question.choices.count() == 4
    assert Choice.objects.filter(question=question, is_correct=True).get().text == question.answer
