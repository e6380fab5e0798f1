import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from content.models import Article
from quizzes.models import Question, Quiz
from quizzes.siblings import are_siblings, sibling_pairs
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import QuestionFactory
from tests.quizzes.test_exports import contract_problems

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "content" / "seeds"


def run(*args):
    """Run a command as `manage.py` would; return (exit status, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return error.returncode, stdout.getvalue(), str(error)
    return 0, stdout.getvalue(), stderr.getvalue()


def run_from_command_line(capsys, *args):
    """Run through ManagementUtility, exactly like the shell; return (exit status, out, err).

    Like `manage.py`, this closes the database connection when the command ends, so call it
    last in a test (a PostgreSQL test transaction does not survive it)."""
    try:
        ManagementUtility(["manage.py", *args]).execute()
        status = 0
    except SystemExit as exit:
        status = exit.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- export_questions -----------------------------------------------------------------------------


def test_export_json_goes_alone_to_stdout(capsys):
    QuestionFactory()
    QuestionFactory(draft=True)

    status, out, err = run_from_command_line(capsys, "export_questions", "--format", "json")

    assert status == 0
    assert err == ""
    records = json.loads(out)
    assert [r["status"] for r in records] == ["published"]


def test_export_csv_to_a_file_reports_on_stderr(tmp_path):
    QuestionFactory()
    QuestionFactory(draft=True)
    target = tmp_path / "questions.csv"

    status, out, err = run(
        "export_questions", "--format", "csv", "--status", "all", "--output", str(target)
    )

    assert status == 0
    assert out == ""
    assert err == f"Exported 2 question(s) to {target}.\n"
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert {row["status"] for row in rows} == {"published", "draft"}


def test_export_to_an_unwritable_path_fails_with_one_line(capsys, tmp_path):
    status, out, err = run_from_command_line(
        capsys,
        "export_questions",
        "--format",
        "json",
        "--output",
        str(tmp_path / "missing" / "q.json"),
    )

    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "Cannot write" in err


def test_export_gift_goes_alone_to_stdout(capsys):
    question = QuestionFactory()

    status, out, err = run_from_command_line(capsys, "export_questions", "--format", "gift")

    assert (status, err) == (0, "")
    assert out.startswith(f"// date question {question.pk}")


def test_export_anki_to_a_file(tmp_path):
    QuestionFactory()
    target = tmp_path / "q.apkg"

    status, out, err = run("export_questions", "--format", "anki", "--output", str(target))

    assert (status, out) == (0, "")
    assert err == f"Exported 1 question(s) to {target}.\n"
    assert zipfile.is_zipfile(target)


def test_export_refuses_an_unknown_format(capsys):
    status, out, err = run_from_command_line(capsys, "export_questions", "--format", "xml")

    assert status == 2
    assert "invalid choice: 'xml'" in err


# -- generate_questions -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["generate_questions", "build_starter_quizzes"])
def test_article_commands_name_unknown_articles_and_fail(capsys, command):
    status, out, err = run_from_command_line(
        capsys, command, "--article", "no-such-article", "--article", "nor-this"
    )

    assert status == 1
    assert out == ""
    assert err == "CommandError: No article with the slug(s): no-such-article, nor-this.\n"


@pytest.mark.parametrize("score", ["high", "1.5"])
def test_generate_questions_refuses_a_bad_score(score):
    status, _, message = run("generate_questions", "--publish-above", score)

    assert status == 1
    assert "--publish-above wants a number between 0 and 1" in message


# -- build_starter_quizzes --------------------------------------------------------------------------


def test_build_starter_quizzes_is_idempotent_and_follows_publishing():
    # One question a sentence: two of one sentence are siblings, and a quiz holds one of them.
    article = ArticleFactory(
        sentence_texts=(
            "The war ended on 10 November 2020.",
            "It lasted 44 days.",
            "Shusha was taken on 8 November 2020.",
        )
    )
    first, middle, last = article.sentences.order_by("position")
    best = QuestionFactory(article=article, sentence=first, quality=0.9)
    second = QuestionFactory(article=article, sentence=middle, answer="44 days", quality=0.5)
    later = QuestionFactory(
        article=article, sentence=last, answer="8 November 2020", quality=0.99, draft=True
    )
    QuestionFactory(article=article, status="rejected")

    status, out, _ = run("build_starter_quizzes")
    assert status == 0
    assert "1 created" in out
    quiz = Quiz.objects.get(starter_for=article)
    assert quiz.title == f"{article.title}: starter quiz"
    assert quiz.slug == article.slug
    assert quiz.is_published
    assert list(quiz.items.values_list("question", flat=True)) == [best.pk, second.pk]

    _, out, _ = run("build_starter_quizzes")
    assert "0 created, 0 updated, 1 unchanged" in out
    assert Quiz.objects.count() == 1

    later.status = Question.Status.PUBLISHED
    later.save()
    second.status = Question.Status.REJECTED
    second.save()
    _, out, _ = run("build_starter_quizzes")
    assert "1 updated" in out
    assert list(quiz.items.values_list("question", flat=True)) == [best.pk, later.pk]


def test_build_starter_quizzes_leaves_a_teachers_quiz_alone():
    question = QuestionFactory()
    run("build_starter_quizzes")
    quiz = Quiz.objects.get()
    quiz.origin = Question.Origin.EDITED
    quiz.is_published = False
    quiz.save()
    # On the other sentence, so that it would join the quiz were the quiz not the teacher's.
    other_sentence = question.article.sentences.order_by("position")[1]
    QuestionFactory(article=question.article, sentence=other_sentence, answer="44 days")

    _, out, _ = run("build_starter_quizzes")

    assert "1 kept as a teacher edited them" in out
    quiz.refresh_from_db()
    assert not quiz.is_published
    assert quiz.items.count() == 1


def test_an_article_without_published_questions_gets_no_quiz():
    QuestionFactory(draft=True)

    _, out, _ = run("build_starter_quizzes")

    assert "1 article(s) without published questions" in out
    assert not Quiz.objects.exists()


# -- end to end over the seed articles --------------------------------------------------------------

PUBLISH_ABOVE = "0.6"


def library_state():
    """Everything the pipeline writes, in a comparable form."""
    questions = [
        (q.pk, q.fingerprint, q.stem, q.status, q.sentence_id, q.updated)
        for q in Question.objects.order_by("pk")
    ]
    quizzes = [
        (
            quiz.pk,
            quiz.slug,
            quiz.is_published,
            list(quiz.items.values_list("question", "position")),
        )
        for quiz in Quiz.objects.order_by("pk")
    ]
    return questions, quizzes


def run_pipeline():
    for args in (
        ("import_articles", str(SEEDS)),
        ("generate_questions", "--publish-above", PUBLISH_ABOVE),
        ("build_starter_quizzes",),
    ):
        status, _, err = run(*args)
        assert status == 0, err


def test_the_seeds_give_contract_valid_published_questions_and_starter_quizzes_idempotently():
    run_pipeline()

    status, out, _ = run("export_questions", "--format", "json", "--status", "all")
    assert status == 0
    records = json.loads(out)
    bodies = dict(Article.objects.values_list("slug", "body"))
    assert len(records) >= 20
    for record in records:
        assert contract_problems(record, bodies=bodies) == [], record
    published = [r for r in records if r["status"] == "published"]
    assert published
    for article in Article.objects.all():
        quiz = Quiz.objects.get(starter_for=article)
        assert quiz.is_published
        # The article's published questions, one of each sibling set: the best.
        in_quiz = [item.question for item in quiz.items.select_related("question")]
        assert {q.pk for q in in_quiz} <= {
            r["id"] for r in published if r["source"]["article"] == article.slug
        }
        assert not sibling_pairs(in_quiz)
        for question in Question.objects.published().filter(article=article):
            if question not in in_quiz:
                assert any(
                    are_siblings(question, kept) and kept.quality >= question.quality
                    for kept in in_quiz
                ), question
    # The fact both outlets state (the 8 November 2020 liberation of Shusha) is corroborated.
    assert any(r["corroborated_by"] for r in records)

    before = library_state()
    run_pipeline()
    assert library_state() == before


def test_a_changed_article_sends_only_its_affected_questions_back_to_draft(tmp_path):
    run_pipeline()
    original = SEEDS / "trt-2023-11-08-third-anniversary.txt"
    changed_sentence = "liberated 5 cities, 4 towns, and 286 villages"
    text = original.read_text(encoding="utf-8")
    assert changed_sentence in text
    edited = tmp_path / original.name
    edited.write_text(
        text.replace(changed_sentence, "freed 5 cities, 4 towns, and 286 villages"), "utf-8"
    )
    article = Article.objects.get(title__startswith="Azerbaijan celebrates")
    before = {q.pk: q.status for q in Question.objects.filter(article=article, status="published")}
    affected = {
        pk for pk in before if changed_sentence in Question.objects.get(pk=pk).sentence_text
    }
    assert len(affected) == 1  # a list (cities, towns, villages) publishes one question

    status, _, err = run("import_articles", str(edited))
    assert status == 0, err

    after = dict(Question.objects.filter(pk__in=before).values_list("pk", "status"))
    assert {pk for pk, s in after.items() if s == "draft"} == affected
    assert (
        Question.objects.filter(pk__in=set(before) - affected, sentence__isnull=True).count() == 0
    )

    # Generation then asks about the new sentence, while the old question waits for a teacher.
    status, out, err = run("generate_questions", "--publish-above", PUBLISH_ABOVE)
    assert status == 0, err
    for question in Question.objects.filter(pk__in=affected):
        assert question.status == "draft"
        assert question.review_note
