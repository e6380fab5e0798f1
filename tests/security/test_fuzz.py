"""Hostile input, property-based (hypothesis): article files of any bytes are imported or
refused with ArticleFileError and nothing kept; every learner form answers any values without
a 500. Examples are bounded so that each test stays within seconds."""

import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.ingest import ArticleFileError, import_articles, parse_article_text
from content.models import Article, Outlet, Sentence
from quizzes.models import Question
from tests.quizzes.factories import QuestionFactory
from tests.security.urls import url_for
from tests.security.world import build_world

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values a hostile or clumsy client sends: any text (NUL and control characters included),
# numbers out of range, markup, SQL, very long strings.
NASTY = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        ["", " ", "\x00", "1\x00", "0", "-1", "1e309", "NaN", "9" * 40, "<script>alert(1)</script>",
         "' OR 1=1 --", "../../etc/passwd", "%00", "\u202e", "\ud7ff", "a" * 5000]
    ),
)  # fmt: skip

FRONT_VALUE = st.one_of(
    NASTY,
    st.sampled_from(["2023-11-08", "2023-02-30", "0000-01-01", "9999-12-31", "https://x.org/a"]),
)


def front_matter_files():
    """Article files that look like the real format, with hostile values in every field."""
    keys = st.sampled_from(
        ["title", "outlet", "url", "published", "language", "voice", "omissions", "other"]
    )
    lines = st.lists(st.tuples(keys, FRONT_VALUE), max_size=8).map(
        lambda pairs: "\n".join(f"{key}: {value}" for key, value in pairs)
    )
    body = st.one_of(NASTY, st.text(max_size=400))
    return st.builds(lambda meta, text: f"---\n{meta}\n---\n{text}", lines, body)


def counts():
    return (Article.objects.count(), Sentence.objects.count(), Outlet.objects.count())


def import_file(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        before = counts()
        try:
            with transaction.atomic():
                import_articles(paths=[path])
        except ArticleFileError as error:
            assert str(error).strip(), "a refusal says why"
            assert counts() == before, "a refused import keeps nothing"
            return False
        return True


@pytest.mark.django_db
@FAST
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".html", ".csv"]))
def test_any_bytes_are_imported_or_refused_cleanly(data, suffix):
    import_file(data, suffix)


@pytest.mark.django_db
@FAST
@given(text=front_matter_files())
def test_hostile_front_matter_is_imported_or_refused_cleanly(text):
    if import_file(text.encode("utf-8", "surrogatepass"), ".txt"):
        # What was accepted reads back as given: the body is stored whole.
        article = Article.objects.order_by("-pk").first()
        assert article.body.strip()


@FAST
@given(text=st.one_of(st.text(max_size=300), front_matter_files()))
def test_parsing_any_text_returns_an_article_or_an_article_file_error(text):
    try:
        article = parse_article_text(text)
    except ArticleFileError:
        return
    assert article.title and article.outlet and article.body.strip()


# Forms -------------------------------------------------------------------------------------

FORMS = {
    "quizzes:signup": ("anonymous", ["username", "email", "password1", "password2"]),
    "login": ("anonymous", ["username", "password", "next"]),
    "password_reset": ("anonymous", ["email"]),
    "quizzes:settings": ("learner", ["new_cards_per_day", "desired_retention"]),
    "quizzes:answer": ("learner", ["question", "choice", "typed", "shown"]),
    "quizzes:rate_card": ("learner", ["rating", "reps", "shown"]),
    "quizzes:report_question": ("learner", ["reason", "comment", "next"]),
    "quizzes:join_class": ("learner", ["code"]),
    "quizzes:quiz": ("learner", []),
    "quizzes:finish": ("learner", []),
    "password_change": ("learner", ["old_password", "new_password1", "new_password2"]),
}


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """One world for all the form examples (they only add rows), rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        # A typed-answer question in the attempt too, so typed answers reach the grader.
        typed = QuestionFactory(article=world.article, mode=Question.Mode.TYPED)
        world.questions.append(typed)
        world.open_attempt.question_ids.append(typed.pk)
        world.open_attempt.save()
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", FORMS)
def test_every_form_answers_any_values_without_a_500(name, fuzz_world, django_db_blocker):
    role, fields = FORMS[name]
    url = url_for(name, fuzz_world)
    # Real values for some fields, so that hostile values also reach the code behind them.
    real = {
        "question": st.sampled_from([str(q.pk) for q in fuzz_world.questions]),
        "choice": st.sampled_from(["1", "2", "3", "4", "5"]),
        "code": st.just(fuzz_world.classroom.join_code),
        "rating": st.sampled_from(["1", "2", "3", "4"]),
        "reason": st.sampled_from(["ambiguous", "other"]),
    }
    values = {field: st.one_of(real[field], NASTY) if field in real else NASTY for field in fields}

    @FAST
    @given(
        values=st.fixed_dictionaries(values),
        extra=st.dictionaries(st.text(max_size=10), NASTY, max_size=3),
        htmx=st.booleans(),
    )
    def post(values, extra, htmx):
        client = fuzz_world.client(role)
        headers = {"HX-Request": "true"} if htmx else {}
        with django_db_blocker.unblock(), transaction.atomic():
            response = client.post(url, {**extra, **values}, headers=headers)
            transaction.set_rollback(True)
        assert response.status_code < 500, (name, values, extra, response.content[:500])

    post()


GET_PARAMS = {
    "content:article_list": ["page"],
    "quizzes:flashcards": ["show", "shown"],
    "quizzes:take": [],
    "quizzes:quiz_list": [],
    "login": ["next"],
}


@pytest.mark.parametrize("name", GET_PARAMS)
def test_query_strings_never_cause_a_500(name, fuzz_world, django_db_blocker):
    role = "anonymous" if name in {"content:article_list", "login"} else "learner"
    url = url_for(name, fuzz_world)

    @FAST
    @given(params=st.fixed_dictionaries(dict.fromkeys(GET_PARAMS[name], NASTY)))
    def get(params):
        with django_db_blocker.unblock():
            response = fuzz_world.client(role).get(url, params)
        assert response.status_code < 500, (name, params)

    get()


def test_an_unknown_attempt_or_card_number_is_a_404(fuzz_world, django_db_blocker):
    with django_db_blocker.unblock():
        client = fuzz_world.client("learner")
        for number in (0, 2**31, 2**63 - 1, 2**64):
            assert client.get(f"/attempts/{number}/").status_code == 404
            assert client.post(f"/flashcards/{number}/rate/", {"rating": 3}).status_code == 404
            assert client.get(reverse("quizzes:flashcards"), {"show": number}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["0", "home", "quizzes:home", "//evil.example/", "javascript:x"]
)
def test_a_report_goes_back_to_a_local_page_whatever_next_says(next_url):
    # Found by the form fuzzing above: "next=0" was reversed as a view name (a 500).
    world = build_world()
    response = world.client("learner").post(
        url_for("quizzes:report_question", world), {"reason": "other", "next": next_url}
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"] and "javascript" not in response["Location"]
