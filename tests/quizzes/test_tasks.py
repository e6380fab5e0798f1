"""Question generation as a background task: the run's record, the admin action, the import's
checkbox, the runs' list, permissions, and a real database-backed worker."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from content.models import Article
from quizzes.models import GenerationRun, Question
from quizzes.tasks import generate_questions_task, request_generation
from quizzes.teaching import ensure_teachers_group
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = reverse("admin:content_article_changelist")
RUNS = reverse("admin:quizzes_generationrun_changelist")
IMPORT = reverse("admin:content_article_import")
Status = GenerationRun.Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(db):
    user = UserFactory(username="teacher", is_staff=True)
    user.groups.add(ensure_teachers_group())
    return user


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# -- the task and its run -------------------------------------------------------------------


def test_generation_waits_for_the_commit_then_records_its_outcome(
    django_capture_on_commit_callbacks, teacher
):
    article = ArticleFactory()

    with django_capture_on_commit_callbacks(execute=True):
        run = request_generation(articles=[article], requested_by=teacher)
        run.refresh_from_db()
        assert run.status == Status.QUEUED  # nothing runs before the run is committed
        assert not Question.objects.exists()

    run.refresh_from_db()
    assert run.status == Status.DONE
    assert run.requested_by == teacher
    assert list(run.articles.all()) == [article]
    stored = Question.objects.filter(article=article).count()
    assert stored > 0
    assert run.questions_created == stored
    assert run.article_count == 1
    assert "question(s) created" in run.message
    assert run.task_id
    assert run.queued_at <= run.started_at <= run.finished_at


def test_a_second_run_changes_nothing_and_says_so(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = request_generation(articles=[article])
    with django_capture_on_commit_callbacks(execute=True):
        second = request_generation(articles=[article])

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == Status.DONE
    assert second.questions_created == 0
    assert second.questions_unchanged == first.questions_created > 0
    assert Question.objects.count() == first.questions_created


def test_the_task_claims_only_a_queued_run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = request_generation(articles=[ArticleFactory()])
    run.refresh_from_db()
    finished = run.finished_at

    again = generate_questions_task.call(run_id=run.pk)
    missing = generate_questions_task.call(run_id=run.pk + 1000)

    assert again == {"run": run.pk, "claimed": False}
    assert missing == {"run": run.pk + 1000, "claimed": False}
    run.refresh_from_db()
    assert run.status == Status.DONE and run.finished_at == finished


def test_a_failing_generation_marks_the_run_failed_with_the_reason(
    django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("the generator broke")

    monkeypatch.setattr("quizzes.generating.generate_for_articles", broken)

    with django_capture_on_commit_callbacks(execute=True):
        run = request_generation(articles=[ArticleFactory()])

    run.refresh_from_db()
    assert run.status == Status.FAILED
    assert run.message.startswith("Generation failed: RuntimeError: the generator broke.")
    assert run.finished_at is not None


def test_a_backend_that_refuses_the_task_fails_the_run_instead_of_the_request(
    django_capture_on_commit_callbacks, settings
):
    # A misconfiguration: the backend serves no queue the task is sent to.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["elsewhere"],
        }
    }

    with django_capture_on_commit_callbacks(execute=True):
        run = request_generation(articles=[ArticleFactory()])

    run.refresh_from_db()
    assert run.status == Status.FAILED
    assert run.message.startswith("Could not queue the task:")


def test_the_articles_deleted_before_the_run_are_counted_out(django_capture_on_commit_callbacks):
    kept, gone = ArticleFactory(), ArticleFactory()
    run = request_generation(articles=[kept, gone])  # the test's transaction holds the task
    gone.delete()

    generate_questions_task.call(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == Status.DONE
    assert run.article_count == 1
    assert "1 article(s) were deleted before the run." in run.message


# That starting a run (quizzes.tasks and the modules behind it) does not load the generator in
# the web worker is tested with the whole admin in tests/test_web_workers.py.


# -- the admin ------------------------------------------------------------------------------


def test_a_teacher_generates_from_the_article_list_and_follows_the_run(
    teacher_client, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="The war ended")

    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.post(
            ARTICLES, {"action": "generate_questions", "_selected_action": [article.pk]}
        )
        # Inside the request's transaction the task has not run yet: the teacher is told so.
        assert response.status_code == 302
        (message,) = messages_of(response)
        assert "Question generation for 1 article(s) is queued in the background" in message

    run = GenerationRun.objects.get()
    assert run.status == Status.DONE and run.requested_by.username == "teacher"
    listing = teacher_client.get(RUNS)
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [run]
    assert "Done" in listing.text and "The war ended" in listing.text
    page = teacher_client.get(reverse("admin:quizzes_generationrun_change", args=[run.pk]))
    assert page.status_code == 200
    assert run.message in page.text
    assert 'name="_save"' not in page.text  # read-only
    assert teacher_client.get(reverse("admin:quizzes_generationrun_add")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_action_reports_the_outcome_when_the_task_has_already_run(client):
    # Committed at once (autocommit, as in development), so the immediate backend runs the
    # task before the action returns, and the message gives the outcome.
    teacher = UserFactory(username="teacher", is_staff=True)
    teacher.groups.add(ensure_teachers_group())
    client.force_login(teacher)
    article = ArticleFactory()
    page = client.get(ARTICLES)
    assert "Generate questions (in the background)" in page.text

    response = client.post(
        ARTICLES, {"action": "generate_questions", "_selected_action": [article.pk]}
    )

    (message,) = messages_of(response)
    assert "Questions generated" in message and "Review the drafts" in message
    assert "question(s) created" in message
    assert GenerationRun.objects.get().status == Status.DONE
    assert Question.objects.filter(article=article).exists()


def test_an_import_can_start_generation(teacher_client, django_capture_on_commit_callbacks):
    text = (
        "---\ntitle: Ceasefire anniversary\noutlet: TRT\npublished: 2023-11-10\n---\n"
        "The war ended on 10 November 2020. It lasted 44 days.\n"
    )
    form = teacher_client.get(IMPORT)
    assert 'name="generate_questions"' in form.text

    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.post(IMPORT, {"text": text, "generate_questions": "on"})
    assert response.status_code == 302

    article = Article.objects.get(title="Ceasefire anniversary")
    run = GenerationRun.objects.get()
    assert list(run.articles.all()) == [article]
    run.refresh_from_db()
    assert run.status == Status.DONE
    assert Question.objects.filter(article=article).count() == run.questions_created > 0


def test_an_import_without_the_checkbox_generates_nothing(teacher_client):
    text = "---\ntitle: Plain\noutlet: TRT\npublished: 2023-11-10\n---\nOne sentence.\n"
    response = teacher_client.post(IMPORT, {"text": text})
    assert response.status_code == 302
    assert Article.objects.filter(title="Plain").exists()
    assert not GenerationRun.objects.exists()


def test_a_staff_user_who_may_not_add_questions_gets_no_generation(client):
    editor = UserFactory(username="editor", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="content", codename__in=["view_article", "change_article"]
        )
    )
    article = ArticleFactory()
    client.force_login(editor)

    page = client.get(ARTICLES)
    response = client.post(
        ARTICLES, {"action": "generate_questions", "_selected_action": [article.pk]}, follow=True
    )

    assert "Generate questions (in the background)" not in page.text
    assert not GenerationRun.objects.exists()
    assert response.status_code == 200
    assert client.get(RUNS).status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "learner"])
def test_learners_and_visitors_get_no_generation_runs(client, db, who):
    run = GenerationRun.objects.create(message="secret")
    if who == "learner":
        client.force_login(UserFactory(username="learner"))

    for url in (RUNS, reverse("admin:quizzes_generationrun_change", args=[run.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    response = client.post(ARTICLES, {"action": "generate_questions", "_selected_action": [1]})
    assert response.status_code == 302 and not GenerationRun.objects.exclude(pk=run.pk).exists()


def test_the_teachers_group_may_view_runs_and_nothing_more(db):
    granted = set(ensure_teachers_group().permissions.values_list("codename", flat=True))
    assert "view_generationrun" in granted
    assert not {"add_generationrun", "change_generationrun", "delete_generationrun"} & granted
    assert (
        Group.objects.get(name="Teachers")
        .permissions.filter(codename="view_generationrun")
        .exists()
    )  # granted by the migration itself, before createteacher runs


# -- the production backend -----------------------------------------------------------------


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_the_database_backend_queues_the_task_for_db_worker(tmp_path):
    """The production setup end to end on SQLite: the request only queues, db_worker runs it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quizsite.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    manage("migrate", "--verbosity", "0", env=env)
    manage("import_articles", "content/seeds/trt-2023-11-08-third-anniversary.txt", env=env)
    queue = (
        "from content.models import Article; from quizzes.tasks import request_generation;"
        "from django_tasks_db.models import DBTaskResult;"
        "run = request_generation(articles=Article.objects.all()); run.refresh_from_db();"
        "print(run.pk, run.status, DBTaskResult.objects.filter(status='READY').count())"
    )
    run_id, status, ready = manage("shell", "--no-imports", "-c", queue, env=env).split()
    assert (status, ready) == ("queued", "1")

    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", env=env)

    check = (
        "from quizzes.models import GenerationRun, Question;"
        f"run = GenerationRun.objects.get(pk={run_id});"
        "print(run.status, run.questions_created, Question.objects.count())"
    )
    status, created, questions = manage("shell", "--no-imports", "-c", check, env=env).split()
    assert status == "done"
    assert int(created) == int(questions) > 0
