import json
import os
import subprocess
import sys

import pytest
from django.db import connection


def test_suite_runs_on_the_engine_named_by_database_url(db):
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="prepared statements are a PostgreSQL setting",
)


@needs_postgresql
def test_postgresql_prepares_a_statement_the_app_runs_repeatedly(django_user_model):
    # Parameters travel apart from the SQL, so the same statement text comes back on every
    # request and psycopg prepares it after a few runs: PostgreSQL stops re-planning it.
    user = django_user_model.objects.create_user("prepared", password="pw-123456789")
    for _ in range(6):
        assert django_user_model.objects.get(pk=user.pk).username == "prepared"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "auth_user"%WHERE "auth_user"."id" = $1%'],
        )
        assert cursor.fetchone()[0] >= 1


@needs_postgresql
def test_prepared_statements_can_be_turned_off_for_a_pooler():
    code = (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.settings_dict['OPTIONS'])"
    )
    env = {**os.environ, "DEBUG": "1"}
    on = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    off = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DATABASE_PREPARED_STATEMENTS": "0"},
        capture_output=True,
        text=True,
    )
    assert "'prepare_threshold': 5" in on.stdout, on.stderr
    assert "'prepare_threshold': None" in off.stdout, off.stderr


# More values than one statement may carry with server-side binding (65,535 parameters).
MANY = 70_000
needs_parameter_limit = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="the limit of 65,535 parameters a statement is PostgreSQL's (server-side binding)",
)


def test_long_lists_are_filtered_a_batch_at_a_time(db):
    from quizzes.batches import filter_in
    from quizzes.models import Question
    from tests.quizzes.factories import QuestionFactory

    question = QuestionFactory()
    ids = [question.pk, *range(10**9, 10**9 + MANY)]
    assert [q.pk for q in filter_in(Question.objects.all(), "pk", ids)] == [question.pk]
    words = ["it's 100% «quoted»", question.answer_normalized, *map(str, range(MANY))]
    found = filter_in(Question.objects.values_list("pk", flat=True), "answer_normalized", words)
    assert list(found) == [question.pk]


@needs_parameter_limit
def test_exporting_more_questions_than_a_statement_has_parameters_for(db):
    # The export reads every question's choices: a batch of questions at a time.
    from quizzes.exports import export_json, questions_for_export
    from quizzes.models import Choice, Question
    from tests.content.factories import ArticleFactory

    article = ArticleFactory()
    text = article.sentences.order_by("position").first().text
    Question.objects.bulk_create(
        Question(
            article=article,
            sentence_text=text,
            answer_start=0,
            answer_end=1,
            kind=Question.Kind.FREE,
            mode=Question.Mode.TYPED,
            stem=f"Question {n}?",
            answer=text[0],
            status=Question.Status.PUBLISHED,
        )
        for n in range(MANY + 1)
    )
    first = Question.objects.order_by("pk").first()
    Choice.objects.create(question=first, text="the first question's choice")
    records = export_json(questions=questions_for_export())
    assert len(records) == MANY + 1
    assert [r["choices"] for r in records if r["choices"]] == [["the first question's choice"]]


@needs_parameter_limit
def test_a_backup_of_a_class_with_more_learners_than_a_statement_has_parameters_for(db, tmp_path):
    # export_progress reads every user's groups, import_progress adds a class's learners: a
    # batch at a time.
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from quizzes.models import Classroom

    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"many-{n}", password="!") for n in range(MANY)
    )
    teacher = users[0]
    classroom = Classroom.objects.create(name="Everyone", teacher=teacher)
    Classroom.learners.through.objects.bulk_create(
        Classroom.learners.through(classroom=classroom, user=user) for user in users
    )
    # Fresh planner statistics, as autovacuum would have them on a server that holds such a
    # class: without them PostgreSQL takes the tables the test just filled for empty ones and
    # may join them by a nested loop over 65,536 x 65,536 rows. ANALYZE has no ORM form; it
    # runs inside the test's transaction and sees its rows.
    tables = (get_user_model()._meta.db_table, Classroom.learners.through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
    backup = tmp_path / "progress.json"
    call_command("export_progress", "--output", str(backup))
    data = json.loads(backup.read_text())
    assert len(data["users"]) == MANY
    assert len(data["classes"][0]["learners"]) == MANY

    classroom.learners.clear()
    call_command("import_progress", str(backup))
    assert classroom.learners.count() == MANY
