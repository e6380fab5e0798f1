"""Headers and request hygiene: production security headers on a real response, CSRF on every
POST (htmx's included), oversized bodies refused with a 400."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from tests.security.test_permission_matrix import EXPECTED
from tests.security.urls import post_data, url_for
from tests.security.world import build_world

ROOT = Path(__file__).resolve().parents[2]

# Run inside `manage.py shell` with production settings: the test client's requests go through
# the real middleware stack. Static files come from the finders (no collectstatic in a test).
PROBE = """
import json
import re
from django.test import Client, override_settings
storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=storages):
    client = Client(raise_request_exception=False)
    secure = client.get("/accounts/login/", secure=True)
    plain = client.get("/accounts/login/")
print(json.dumps({
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "cookies": {name: dict(morsel) for name, morsel in secure.cookies.items()},
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
}))
"""


def test_production_responses_carry_the_security_headers(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    headers = probe["headers"]
    assert probe["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = headers["Content-Security-Policy"]
    for directive in ("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    csrf = probe["cookies"]["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    # Plain HTTP is sent to HTTPS.
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://")


def test_session_cookies_are_secure_and_http_only_in_production():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "testserver",
    }
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True", "True", "True"], result.stderr


def test_pages_have_no_inline_script_and_htmx_runs_without_eval():
    # The CSP forbids inline script; htmx reads its configuration from a meta tag instead.
    base = (ROOT / "templates" / "base.html").read_text()
    assert '"allowEval": false' in base
    for template in (ROOT / "templates").rglob("*.html"):
        for line in template.read_text().splitlines():
            if "<script" in line:
                assert "src=" in line, f"inline script in {template}: {line.strip()}"


POST_URLS = [
    name
    for name, expected in EXPECTED.items()
    if any(status != 405 for status in expected["POST"][1:])
]


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_every_post_without_a_csrf_token_is_forbidden(htmx):
    world = build_world()
    headers = {"HX-Request": "true"} if htmx else {}
    refused = []
    for name in POST_URLS:
        for role in ("anonymous", "learner", "superuser"):
            client = world.client(role, enforce_csrf_checks=True)
            with transaction.atomic():
                response = client.post(
                    url_for(name, world), post_data(name, world), headers=headers
                )
                transaction.set_rollback(True)
            if response.status_code != 403:
                refused.append(f"{name} as {role}: {response.status_code}")
    assert not refused, "POSTs accepted without a CSRF token:\n" + "\n".join(refused)


@pytest.mark.django_db
def test_a_post_with_the_token_passes_the_csrf_check():
    world = build_world()
    client = world.client("learner", enforce_csrf_checks=True)
    client.get(url_for("quizzes:take", world))
    token = client.cookies["csrftoken"].value
    response = client.post(
        url_for("quizzes:answer", world),
        {**post_data("quizzes:answer", world), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    assert world.open_attempt.responses.count() == 1


@pytest.mark.django_db
def test_an_oversized_body_is_refused_with_a_400(settings):
    world = build_world()
    client = world.client("learner")
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    for name in ("quizzes:answer", "quizzes:report_question", "login"):
        response = client.post(
            url_for(name, world), {**post_data(name, world), "comment": too_big, "typed": too_big}
        )
        assert response.status_code == 400, name
    # A raw body over the limit too (no form parsing needed to refuse it).
    raw = client.post(
        url_for("quizzes:answer", world), data=too_big, content_type="application/octet-stream"
    )
    assert raw.status_code < 500
    assert not world.open_attempt.responses.exists()


@pytest.mark.django_db
def test_too_many_fields_are_refused_with_a_400(settings):
    world = build_world()
    client = world.client("learner")
    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(url_for("quizzes:answer", world), fields)
    assert response.status_code == 400


@pytest.mark.django_db
def test_htmx_requests_pass_with_the_token_the_page_gives_them():
    # base.html hands htmx the token in hx-headers; an htmx POST sends it as X-CSRFToken.
    world = build_world()
    client = world.client("learner", enforce_csrf_checks=True)
    page = client.get(url_for("quizzes:take", world)).content.decode()
    token = re.search(r"hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", page).group(1)
    response = client.post(
        url_for("quizzes:answer", world),
        post_data("quizzes:answer", world),
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert world.open_attempt.responses.count() == 1


@pytest.mark.django_db
def test_an_oversized_paste_into_the_admin_import_is_refused_with_a_400(settings):
    # Uploaded files over 2 MB are refused by name (tests/content/test_admin_import.py);
    # a pasted text is a form field, which the request size limit stops first.
    world = build_world()
    client = world.client("teacher")
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(url_for("admin:content_article_import", world), {"text": too_big})
    assert response.status_code == 400
