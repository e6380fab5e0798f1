"""Backups: the learner-progress export/import round trip, and on PostgreSQL the README's
pg_dump / pg_restore recipe, run for real."""

import json
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from quizzes import answering, flashcards
from quizzes.models import Attempt, Card, Classroom, LearnerProfile, Response, ReviewLog
from tests.postgres import find_pg_bin
from tests.security.world import build_world


def make_progress(world):
    """Answers (each also a flashcard review), a flashcard review, settings and a class."""
    now = timezone.now()
    attempt = world.open_attempt
    for index, question in enumerate(world.questions):
        slot = answering.load_question(attempt=attempt, question_id=question.pk)
        choice = slot.choices[index % 2]
        answering.record_answer(
            attempt=attempt, question=slot.question, choice=choice, now=now, time_spent_ms=4200
        )
    answering.finish_attempt(attempt=attempt, now=now)
    card = Card.objects.filter(learner=world.learner).order_by("pk").first()
    flashcards.review_card(learner=world.learner, card=card, rating=4, now=now, duration_ms=900)
    LearnerProfile.objects.update_or_create(
        user=world.learner, defaults={"new_cards_per_day": 7, "desired_retention": 0.85}
    )
    other = Classroom.objects.create(name="Year 10", teacher=world.teacher)
    other.learners.add(world.learner, world.other)


def export(tmp_path, name="progress.json"):
    path = tmp_path / name
    call_command("export_progress", output=str(path))
    data = json.loads(path.read_text())
    data.pop("exported")
    return path, data


def counts():
    return [
        model.objects.count()
        for model in (get_user_model(), Attempt, Response, Card, ReviewLog, Classroom)
    ]


@pytest.mark.django_db
def test_progress_survives_an_export_and_an_import_into_an_empty_database(tmp_path):
    world = build_world()
    make_progress(world)
    path, before = export(tmp_path)
    assert len(before["attempts"]) == 2 and len(before["cards"]) == 3
    assert sum(len(attempt["responses"]) for attempt in before["attempts"]) == 3
    wanted = counts()

    # Lose every account and with them all progress; the content stays, as after re-importing.
    get_user_model().objects.all().delete()
    assert not Response.objects.exists() and not ReviewLog.objects.exists()

    call_command("import_progress", str(path))
    assert counts() == wanted
    _, after = export(tmp_path, "again.json")
    assert after == before
    # The learner can log in with the same password and carry on.
    learner = get_user_model().objects.get(username="ada")
    assert learner.check_password("correct horse battery staple")
    assert Attempt.objects.get(learner=learner, finished__isnull=False, score__gt=0)


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    make_progress(build_world())
    path, before = export(tmp_path)
    wanted = counts()
    call_command("import_progress", str(path))
    assert counts() == wanted
    assert export(tmp_path, "again.json")[1] == before


@pytest.mark.django_db
def test_a_file_naming_missing_questions_is_refused_whole(tmp_path):
    make_progress(build_world())
    path, data = export(tmp_path)
    get_user_model().objects.all().delete()
    data["exported"] = "2026-01-01T00:00:00+00:00"
    data["cards"][0]["question"] = {"article": "gone", "fingerprint": "nowhere"}
    path.write_text(json.dumps(data))
    before = counts()
    with pytest.raises(CommandError, match="question gone/nowhere"):
        call_command("import_progress", str(path))
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not a JSON file"),
        ('{"format": "something-else"}', "not a progress export"),
        ('{"format": "quizsite-progress", "version": 99}', "version 99"),
        ('{"format": "quizsite-progress", "version": 1, "users": [{}]}', "malformed"),
    ],
)
def test_a_file_that_is_not_a_progress_export_is_refused_with_a_message(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_progress", str(path))


# PostgreSQL: the README's pg_dump / pg_restore recipe ----------------------------------------


def database_url(name):
    settings = connection.settings_dict
    return f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"


def run(binary, *args):
    result = subprocess.run(
        [find_pg_bin(binary), *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def count_rows(url, table):
    return int(run("psql", url, "-tAc", f"SELECT count(*) FROM {table}").strip())


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump/pg_restore need PostgreSQL; `make test` runs this on a throwaway cluster",
)
@pytest.mark.django_db(transaction=True)
def test_the_readme_backup_recipe_restores_every_row(tmp_path):
    make_progress(build_world())
    source = database_url(connection.settings_dict["NAME"])
    dump = tmp_path / "quizsite.dump"
    # README: pg_dump --format=custom quizsite > quizsite.dump
    with dump.open("wb") as stream:
        subprocess.run(
            [find_pg_bin("pg_dump"), "--format=custom", source], stdout=stream, check=True
        )
    tables = ["auth_user", "quizzes_attempt", "quizzes_response", "quizzes_card",
              "quizzes_reviewlog", "quizzes_question", "content_article"]  # fmt: skip
    wanted = {table: count_rows(source, table) for table in tables}
    assert wanted["quizzes_response"] == 3

    target_name = f"{connection.settings_dict['NAME']}_restored"
    target = database_url(target_name)
    run("psql", database_url("postgres"), "-c", f'DROP DATABASE IF EXISTS "{target_name}"')
    run("psql", database_url("postgres"), "-c", f'CREATE DATABASE "{target_name}"')
    try:
        # Into a fresh database...
        run("pg_restore", "--dbname", target, str(dump))
        assert {table: count_rows(target, table) for table in tables} == wanted
        # ...and, as the README says, over a database that has lost rows since.
        run("psql", target, "-c", "DELETE FROM quizzes_response; DELETE FROM quizzes_reviewlog")
        run("pg_restore", "--clean", "--dbname", target, str(dump))
        assert {table: count_rows(target, table) for table in tables} == wanted
    finally:
        run("psql", database_url("postgres"), "-c", f'DROP DATABASE IF EXISTS "{target_name}"')
