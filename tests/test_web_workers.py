"""What a web worker loads: the WSGI application, the URLconf and the whole admin site, and
never the question generator (quizzes.generation) nor the NLP parser behind it. Only the worker
running a generation task, or a teacher's page that works with the generator's rules, loads it.

Each check runs in a fresh interpreter: this test process has long imported everything.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What a web worker does at start-up, and what the admin adds on its first request, then the
# modules the admin's actions use to start a generation run.
WORKER = """
import json, sys

from django.apps import apps
from django.contrib import admin
from django.urls import get_resolver, reverse

from quizsite.wsgi import application

import quizsite.urls

patterns = get_resolver().url_patterns
names = [
    "healthz",
    "quizzes:home",
    "quizzes:quiz_list",
    "content:article_list",
    "admin:index",
    "admin:quizzes_question_changelist",
    "admin:quizzes_question_import_csv",
    "admin:content_article_import",
    "admin:quizzes_perspective",
    "admin:quizzes_generationrun_changelist",
]
addresses = [reverse(name) for name in names]
admin.autodiscover()
admin_urls = admin.site.get_urls()

import quizzes.checks, quizzes.generating, quizzes.questions, quizzes.tasks

def loaded():
    return sorted(
        name for name in sys.modules
        if name.split(".")[0] == "spacy"
        or name == "quizzes.generation" or name.startswith("quizzes.generation.")
    )

before = loaded()
import quizzes.generation  # the control: the same look finds the generator once imported
print(json.dumps({
    "admin_installed": apps.is_installed("django.contrib.admin"),
    "site_header": admin.site.site_header,
    "registered": sorted(
        model._meta.label for model in apps.get_models() if admin.site.is_registered(model)
    ),
    "admin_urls": len(admin_urls),
    "patterns": len(patterns),
    "addresses": addresses,
    "loaded": before,
    "after_import": loaded(),
}))
"""


def run_worker():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "quizsite.settings", "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_wsgi_the_urls_and_the_admin_never_load_the_generator():
    worker = run_worker()

    # The real admin, fully loaded: our site, every app's models, all its URLs.
    assert worker["admin_installed"]
    assert worker["site_header"] == "quizsite — teaching"
    assert {
        "content.Article",
        "content.Outlet",
        "quizzes.Question",
        "quizzes.Quiz",
        "quizzes.Classroom",
        "quizzes.GenerationRun",
        "quizzes.ProblemReport",
        "auth.User",
    } <= set(worker["registered"])
    assert worker["admin_urls"] > 10 and worker["patterns"] >= 5
    assert "/admin/quizzes/perspective/" in worker["addresses"]
    # Nothing of the generator, nor spaCy; the control shows the look would find them.
    assert worker["loaded"] == []
    assert "quizzes.generation" in worker["after_import"]
