"""Every URL of the site, walked from the URLconf, with the arguments and POST data that
reach it in a security World (tests/security/world.py)."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# The admin's hundreds of generated URLs are Django's; these represent them (index, a
# changelist, a change page of an object the teacher owns, and the site's custom admin views).
ADMIN_URLS = (
    "admin:index",
    "admin:quizzes_question_changelist",
    "admin:quizzes_classroom_changelist",
    "admin:quizzes_classroom_change",
    "admin:quizzes_problemreport_changelist",
    "admin:content_article_import",
    "admin:quizzes_question_import_csv",
    "admin:quizzes_perspective",
    "admin:auth_user_changelist",
)


def walk_url_names(patterns=None, namespace=None):
    """The names of the URLconf's patterns ("app:name"), the admin's left out."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == admin.site.name or pattern.namespace == "admin":
                continue
            inner = pattern.namespace
            if namespace and inner:
                inner = f"{namespace}:{inner}"
            yield from walk_url_names(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(f"the URL pattern {pattern.pattern} has no name")
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def url_names():
    """Every non-admin URL name, then the representative admin ones."""
    return [*dict.fromkeys(walk_url_names()), *ADMIN_URLS]


def url_for(name, world):
    """The URL `name` pointing at the learner's (or her teacher's) objects in `world`."""
    kwargs = {
        "quizzes:quiz": {"slug": world.quiz.slug},
        "quizzes:take": {"attempt_id": world.open_attempt.pk},
        "quizzes:answer": {"attempt_id": world.open_attempt.pk},
        "quizzes:finish": {"attempt_id": world.open_attempt.pk},
        "quizzes:attempt_result": {"attempt_id": world.finished_attempt.pk},
        "quizzes:rate_card": {"card_id": world.card.pk},
        "quizzes:class_detail": {"pk": world.classroom.pk},
        "quizzes:report_question": {"pk": world.questions[0].pk},
        "content:article": {"slug": world.article.slug},
        "content:outlet": {"slug": world.article.outlet.slug},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "admin:quizzes_classroom_change": {"object_id": world.classroom.pk},
    }.get(name, {})
    return reverse(name, kwargs=kwargs)


def post_data(name, world):
    """A valid POST for `name` from the learner's point of view (empty when none applies)."""
    return {
        "quizzes:answer": {"question": world.questions[0].pk, "choice": 1},
        "quizzes:rate_card": {"rating": 3, "reps": world.card.reps},
        "quizzes:join_class": {"code": world.classroom.join_code},
        "quizzes:report_question": {"reason": "ambiguous", "comment": "Two answers fit."},
        "quizzes:settings": {"new_cards_per_day": 15, "desired_retention": 0.9},
        "quizzes:signup": {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
        "login": {"username": "ada", "password": "correct horse battery staple"},
        "password_reset": {"email": "ada@example.org"},
    }.get(name, {})
