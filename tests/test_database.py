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


@needs_postgresql
def test_a_statement_with_more_parameters_than_the_protocol_allows_still_runs(db):
    # Server-side binding sends at most 65,535 parameters a statement; longer lists (a
    # filter on many ids, a prefetch over a whole table in a backup) are composed on the
    # client instead of failing.
    from quizzes.models import Question
    from tests.quizzes.factories import QuestionFactory

    question = QuestionFactory()
    ids = [question.pk, *range(10**9, 10**9 + 70_000)]
    assert Question.objects.filter(pk__in=ids).count() == 1
    words = ["it's 100% «quoted»", question.answer_normalized, *map(str, range(70_000))]
    assert list(
        Question.objects.filter(answer_normalized__in=words).values_list("pk", flat=True)
    ) == [question.pk]
    # Short statements are still bound on the server (and prepared when repeated).
    assert Question.objects.filter(pk__in=[question.pk]).count() == 1
