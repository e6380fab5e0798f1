import pytest


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = db.get("HOST") and f"{db['HOST']}:{db.get('PORT')}" or db["NAME"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({where})"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # django-axes refuses authenticate() without a request, which the test client's login()
    # calls; tests/security/test_login_rate_limit.py turns it back on.
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: a test's database rows are rolled back at its
    end, and nothing cached from them (sessions, glossary terms) may reach the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def teacher_client(client, db):
    """The test client logged in as "teacher": staff in the Teachers group, with the group's
    permissions granted (as `createteacher` makes one)."""
    from quizzes.teaching import ensure_teachers_group
    from tests.quizzes.factories import UserFactory

    teacher = UserFactory(username="teacher", is_staff=True)
    teacher.groups.add(ensure_teachers_group())
    client.force_login(teacher)
    return client
