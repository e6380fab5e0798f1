"""What every request costs beyond its page: the session, the cache, the modules it loads."""

import ast
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizsite.cache import BoundedLocMemCache
from tests.quizzes.factories import UserFactory

ROOT = Path(__file__).resolve().parents[1]
PROJECT = {"quizzes", "content", "quizsite"}


def test_a_per_process_cache_keeps_no_entry_longer_than_its_timeout():
    cache = BoundedLocMemCache("bounded-test", {"TIMEOUT": 60})
    now = time.time()
    assert cache.get_backend_timeout(3600) == pytest.approx(now + 60, abs=2)
    assert cache.get_backend_timeout(None) == pytest.approx(now + 60, abs=2)  # not forever
    assert cache.get_backend_timeout(10) == pytest.approx(now + 10, abs=2)
    assert cache.get_backend_timeout() == pytest.approx(now + 60, abs=2)


@pytest.mark.django_db
def test_a_cached_session_costs_no_query_and_logging_out_ends_it(client):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("quizzes:dashboard")).status_code == 200
    assert not [q for q in captured if "django_session" in q["sql"]]
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=cookie).exists()  # written through

    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=cookie).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie  # the old cookie, replayed
    assert client.get(reverse("quizzes:dashboard")).status_code == 302


def _module_file(name):
    path = ROOT.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _project_imports(name):
    path = _module_file(name)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
    return {m for m in found if m.split(".")[0] in PROJECT and _module_file(m)}


def test_the_learner_pages_never_import_the_generation_package():
    """The views, and the template tags their pages load, reach no module of
    quizzes.generation, at import or at request time (imports inside functions included)."""
    roots = ["quizzes.views", "content.views", "content.templatetags.glossary"]
    roots += [
        f"quizzes.templatetags.{p.stem}" for p in (ROOT / "quizzes/templatetags").glob("*.py")
    ]
    seen, todo = set(), list(roots)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += _project_imports(module)
    assert "quizzes.answering" in seen and "quizzes.progress" in seen  # the walk works
    assert not [m for m in seen if m.startswith("quizzes.generation")], sorted(seen)
