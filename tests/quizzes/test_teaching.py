from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quizzes.models import JOIN_CODE_ALPHABET, Attempt, Card, Classroom, Response
from quizzes.teaching import (
    TEACHERS_GROUP,
    cached_class_progress,
    class_progress,
    create_classroom,
    is_teacher,
    join_classroom,
)
from tests.quizzes.factories import (
    AttemptFactory,
    CardFactory,
    QuestionFactory,
    QuizFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def make_teacher(username="teacher"):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=TEACHERS_GROUP))
    return user


@pytest.fixture
def teacher():
    return make_teacher()


@pytest.fixture
def classroom(teacher):
    return create_classroom(teacher=teacher, name="Year 10 history")


# Creating and joining


def test_a_new_class_gets_a_short_unambiguous_join_code(teacher):
    codes = {create_classroom(teacher=teacher, name=f"Class {n}").join_code for n in range(30)}

    assert len(codes) == 30
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(JOIN_CODE_ALPHABET)
        assert not set(code) & set("0O1IL5S")


def test_a_class_needs_a_name(teacher):
    with pytest.raises(ValidationError, match="Give the class a name"):
        create_classroom(teacher=teacher, name="   ")


def test_a_learner_joins_with_the_code_typed_loosely(classroom):
    learner = UserFactory()
    typed = " " + classroom.join_code[:3].lower() + "-" + classroom.join_code[3:] + " "

    joined = join_classroom(learner=learner, code=typed)

    assert joined == classroom
    assert list(classroom.learners.all()) == [learner]


def test_joining_twice_changes_nothing(classroom):
    learner = UserFactory()

    join_classroom(learner=learner, code=classroom.join_code)
    join_classroom(learner=learner, code=classroom.join_code)

    assert classroom.learners.count() == 1


def test_an_unknown_code_is_a_clear_error(classroom):
    with pytest.raises(ValidationError, match="No class has the join code “ABCDEF”"):
        join_classroom(learner=UserFactory(), code="abcdef")
    with pytest.raises(ValidationError, match="letters and digits only"):
        join_classroom(learner=UserFactory(), code="HELLO!")
    with pytest.raises(ValidationError, match="Type the join code"):
        join_classroom(learner=UserFactory(), code="")


def test_a_teacher_cannot_join_their_own_class(classroom, teacher):
    with pytest.raises(ValidationError, match="You teach this class"):
        join_classroom(learner=teacher, code=classroom.join_code)


def test_is_teacher():
    assert is_teacher(make_teacher("t"))
    assert not is_teacher(UserFactory(username="l"))
    assert not is_teacher(UserFactory(username="s", is_staff=True))
    assert is_teacher(UserFactory(username="root", is_staff=True, is_superuser=True))


# The join form


def test_join_class_view_adds_the_learner_and_says_so(client, classroom):
    learner = UserFactory()
    client.force_login(learner)

    response = client.post(reverse("quizzes:join_class"), {"code": classroom.join_code})

    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:dashboard")
    assert classroom.learners.filter(pk=learner.pk).exists()
    followed = client.get(response["Location"])
    assert "You are in the class “Year 10 history”." in followed.text


def test_join_class_view_reports_a_bad_code_on_the_dashboard(client, classroom):
    client.force_login(UserFactory())

    response = client.post(reverse("quizzes:join_class"), {"code": "ZZZZZZ"}, follow=True)

    assert response.status_code == 200
    assert "No class has the join code “ZZZZZZ”" in response.text
    assert classroom.learners.count() == 0


def test_join_class_view_needs_a_login_and_a_post(client, classroom):
    response = client.post(reverse("quizzes:join_class"), {"code": classroom.join_code})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    client.force_login(UserFactory())
    assert client.get(reverse("quizzes:join_class")).status_code == 405


def test_the_join_form_include_posts_to_the_join_view_and_lists_the_classes(rf, classroom):
    from django.template.loader import render_to_string

    learner = UserFactory()
    request = rf.get("/")
    request.user = learner
    before = render_to_string("quizzes/_join_class.html", {"user": learner}, request=request)
    classroom.learners.add(learner)
    after = render_to_string("quizzes/_join_class.html", {"user": learner}, request=request)

    assert f'action="{reverse("quizzes:join_class")}"' in before
    assert 'name="code"' in before
    assert "csrfmiddlewaretoken" in before
    assert "Year 10 history" not in before
    assert "You are in <strong>Year 10 history</strong>" in after


# Class progress


@pytest.fixture
def busy_class(classroom):
    """Two learners in the class and one outside it, on two quizzes."""
    q1, q2, q3 = (QuestionFactory(stem=f"Question {n}?") for n in (1, 2, 3))
    history = QuizFactory(title="History", questions=[q1, q2])
    places = QuizFactory(title="Places", questions=[q3])
    aysel, bob, outsider = (UserFactory(username=name) for name in ("aysel", "bob", "outsider"))
    classroom.learners.add(aysel, bob)

    # Aysel: two finished attempts at History (50%, then 100%), one unfinished at Places.
    first = AttemptFactory(learner=aysel, quiz=history, done=True, score=1, max_score=2)
    ResponseFactory(attempt=first, question=q1, credit=1, is_correct=True)
    ResponseFactory(attempt=first, question=q2, credit=0, is_correct=False)
    second = AttemptFactory(learner=aysel, quiz=history, done=True, score=2, max_score=2)
    ResponseFactory(attempt=second, question=q1, credit=1, is_correct=True)
    ResponseFactory(attempt=second, question=q2, credit=1, is_correct=True)
    unfinished = AttemptFactory(learner=aysel, quiz=places, score=0, max_score=1)
    ResponseFactory(attempt=unfinished, question=q3, credit=0, is_correct=False)
    # Bob: one finished attempt at History, 0%.
    bobs = AttemptFactory(learner=bob, quiz=history, done=True, score=0, max_score=2)
    ResponseFactory(attempt=bobs, question=q1, credit=0, is_correct=False)
    ResponseFactory(attempt=bobs, question=q2, credit=0, is_correct=False)
    # The outsider misses q1 many times; none of it may show.
    for _ in range(3):
        attempt = AttemptFactory(learner=outsider, quiz=history, done=True, score=0, max_score=2)
        ResponseFactory(attempt=attempt, question=q1, credit=0, is_correct=False)

    now = timezone.now()
    # Aysel reviewed q1 just now (recall near 1); Bob's q1 card was last reviewed long ago.
    CardFactory(
        learner=aysel,
        question=q1,
        state=Card.State.REVIEW,
        stability=10,
        difficulty=5,
        last_review=now,
        due=now + timedelta(days=10),
    )
    CardFactory(
        learner=bob,
        question=q1,
        state=Card.State.REVIEW,
        stability=2,
        difficulty=5,
        last_review=now - timedelta(days=30),
        due=now - timedelta(days=28),
    )
    CardFactory(
        learner=outsider,
        question=q3,
        state=Card.State.REVIEW,
        stability=1,
        difficulty=5,
        last_review=now - timedelta(days=90),
        due=now,
    )
    return {
        "classroom": classroom,
        "history": history,
        "places": places,
        "q": (q1, q2, q3),
        "aysel": aysel,
        "bob": bob,
        "now": now,
    }


def test_the_grid_shows_best_score_attempts_and_last_activity(busy_class):
    progress = class_progress(classroom=busy_class["classroom"], now=busy_class["now"])

    assert [quiz.title for quiz in progress.quizzes] == ["History", "Places"]
    assert [row.name for row in progress.rows] == ["aysel", "bob"]
    aysel, bob = progress.rows
    history, places = aysel.cells
    assert history.best_score == 100
    assert history.attempts == 2
    assert places.best_score is None  # started, not finished
    assert places.attempts == 1
    assert bob.cells[0].best_score == 0
    assert bob.cells[0].attempts == 1
    assert bob.cells[1] is None
    assert aysel.last_activity == max(c.last_activity for c in aysel.cells)


def test_retention_per_article_covers_only_the_class(busy_class):
    progress = class_progress(classroom=busy_class["classroom"], now=busy_class["now"])

    q1 = busy_class["q"][0]
    assert [a.article_id for a in progress.articles] == [q1.article_id]
    (article,) = progress.articles
    assert article.cards == 2
    assert article.learners == 2
    # Aysel's card is fresh (≈1), Bob's is 30 days past a 2-day stability (well under 0.9).
    assert 0.5 < article.retrievability < 0.95


def test_most_missed_questions_come_from_the_class_only(busy_class):
    q1, q2, q3 = busy_class["q"]
    progress = class_progress(classroom=busy_class["classroom"], now=busy_class["now"])

    missed = [(m.question_id, m.misses, m.answers) for m in progress.most_missed]
    # q2: missed by Aysel once and Bob once out of 3; q1 and q3 once each (1 of 3, 1 of 1).
    assert missed == [(q2.pk, 2, 3), (q3.pk, 1, 1), (q1.pk, 1, 3)]
    assert progress.most_missed[1].miss_rate == 1.0


def _make_history_old(busy_class):
    """Move all activity on the History quiz ten days back: Places is the latest."""
    old = busy_class["now"] - timedelta(days=10)
    history = Attempt.objects.filter(quiz=busy_class["history"])
    history.update(started=old)
    history.filter(finished__isnull=False).update(finished=old)
    Response.objects.filter(attempt__quiz=busy_class["history"]).update(created=old)


def test_the_grid_can_keep_only_the_quizzes_with_the_latest_activity(busy_class):
    _make_history_old(busy_class)

    latest = class_progress(classroom=busy_class["classroom"], quiz_limit=1)
    assert [quiz.title for quiz in latest.quizzes] == ["Places"]
    assert (latest.all_quizzes, latest.quizzes_left_out) == (2, 1)
    aysel, bob = latest.rows
    assert aysel.cells[0].attempts == 1 and bob.cells == [None]
    # The learner's last activity is still over every quiz, shown or not.
    everything = class_progress(classroom=busy_class["classroom"])
    assert [row.last_activity for row in latest.rows] == [
        row.last_activity for row in everything.rows
    ]
    assert everything.quizzes_left_out == 0


def test_the_class_page_shows_the_latest_quizzes_and_all_on_request(
    client, busy_class, teacher, monkeypatch
):
    from quizzes import views

    monkeypatch.setattr(views, "CLASS_GRID_QUIZZES", 1)
    _make_history_old(busy_class)
    client.force_login(teacher)
    url = reverse("quizzes:class_detail", args=[busy_class["classroom"].pk])

    latest = client.get(url).text
    assert '<th scope="col">Places</th>' in latest
    assert '<th scope="col">History</th>' not in latest
    assert "1 more quiz left out" in latest and 'href="?quizzes=all"' in latest

    everything = client.get(url, {"quizzes": "all"}).text
    assert '<th scope="col">Places</th>' in everything
    assert '<th scope="col">History</th>' in everything
    assert "All 2 quizzes the class attempted" in everything


def test_class_progress_is_reused_until_the_class_attempts_change(
    busy_class, django_assert_num_queries
):
    classroom = busy_class["classroom"]
    first = cached_class_progress(classroom=classroom)
    with django_assert_num_queries(1):  # the check that the class's attempts are the same
        again = cached_class_progress(classroom=classroom)
    assert [row.name for row in again.rows] == [row.name for row in first.rows]

    # A new attempt (or a finished one, or a learner joining) is seen at once.
    newcomer = UserFactory(username="carla")
    classroom.learners.add(newcomer)
    assert "carla" in [row.name for row in cached_class_progress(classroom=classroom).rows]
    AttemptFactory(learner=newcomer, quiz=busy_class["places"], done=True, score=1, max_score=1)
    carla = cached_class_progress(classroom=classroom).rows[2]
    assert carla.name == "carla" and carla.cells[-1].best_score == 100


def test_an_empty_class(classroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        progress = class_progress(classroom=classroom)

    assert progress.rows == [] and progress.quizzes == []
    assert progress.articles == [] and progress.most_missed == []


# The class page


def test_the_class_page_shows_the_grid_to_its_teacher(client, busy_class, teacher):
    client.force_login(teacher)

    response = client.get(reverse("quizzes:class_detail", args=[busy_class["classroom"].pk]))

    assert response.status_code == 200
    text = response.text
    assert busy_class["classroom"].join_code in text
    for expected in ("aysel", "bob", "History", "Places", "100%", "2 attempts", "unfinished"):
        assert expected in text
    assert "outsider" not in text
    assert "Question 2?" in text  # most missed
    assert busy_class["q"][0].article.title in text  # retention by article


def test_the_class_page_runs_a_constant_number_of_queries(
    client, busy_class, teacher, django_assert_max_num_queries
):
    client.force_login(teacher)
    url = reverse("quizzes:class_detail", args=[busy_class["classroom"].pk])
    with django_assert_max_num_queries(12) as small:
        client.get(url)

    # Ten more learners, each with attempts, answers and cards on new quizzes.
    for n in range(10):
        learner = UserFactory(username=f"extra{n}")
        busy_class["classroom"].learners.add(learner)
        question = QuestionFactory()
        quiz = QuizFactory(questions=[question])
        attempt = AttemptFactory(learner=learner, quiz=quiz, done=True, score=1, max_score=1)
        ResponseFactory(attempt=attempt, question=question, credit=0, is_correct=False)
        CardFactory(learner=learner, question=question)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "extra9" in response.text


def test_another_teacher_gets_a_404_and_a_superuser_gets_the_page(client, classroom):
    client.force_login(make_teacher("other-teacher"))
    assert client.get(reverse("quizzes:class_detail", args=[classroom.pk])).status_code == 404

    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    assert client.get(reverse("quizzes:class_detail", args=[classroom.pk])).status_code == 200


def test_learners_and_anonymous_visitors_get_no_class_page(client, classroom):
    url = reverse("quizzes:class_detail", args=[classroom.pk])

    anonymous = client.get(url)
    learner = UserFactory()
    classroom.learners.add(learner)
    client.force_login(learner)
    member = client.get(url)

    for response in (anonymous, member):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_an_unknown_class_is_a_404(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("quizzes:class_detail", args=[999999])).status_code == 404


# The Classroom admin


def test_a_teacher_creates_a_class_in_the_admin_and_sees_only_their_own(client, teacher):
    other = create_classroom(teacher=make_teacher("other"), name="Someone else's class")
    client.force_login(teacher)

    response = client.post(reverse("admin:quizzes_classroom_add"), {"name": "Year 11"})

    assert response.status_code == 302
    mine = Classroom.objects.get(name="Year 11")
    assert mine.teacher == teacher
    assert len(mine.join_code) == 6
    changelist = client.get(reverse("admin:quizzes_classroom_changelist"))
    assert "Year 11" in changelist.text
    assert mine.join_code in changelist.text
    assert "Someone else" not in changelist.text
    assert f'href="{mine.get_absolute_url()}">View progress' in changelist.text
    assert client.get(reverse("admin:quizzes_classroom_change", args=[other.pk])).status_code == 302


def test_the_class_change_page_links_to_progress_and_lists_learners(client, classroom, teacher):
    classroom.learners.add(UserFactory(username="aysel"))
    client.force_login(teacher)

    response = client.get(reverse("admin:quizzes_classroom_change", args=[classroom.pk]))

    assert response.status_code == 200
    assert "View progress" in response.text
    assert "aysel" in response.text
    assert 'name="learners"' not in response.text  # teachers never pick users
    assert 'name="teacher"' not in response.text


def test_a_teacher_gives_a_class_a_new_join_code(client, classroom, teacher):
    learner = UserFactory()
    join_classroom(learner=learner, code=classroom.join_code)
    old_code = classroom.join_code
    client.force_login(teacher)

    response = client.post(
        reverse("admin:quizzes_classroom_changelist"),
        {"action": "reset_join_codes", "_selected_action": [classroom.pk]},
        follow=True,
    )

    classroom.refresh_from_db()
    assert classroom.join_code != old_code
    assert f"Year 10 history: {classroom.join_code}" in response.text
    assert list(classroom.learners.all()) == [learner]
    with pytest.raises(ValidationError, match="No class has the join code"):
        join_classroom(learner=UserFactory(), code=old_code)


def test_a_superuser_assigns_a_class_to_a_staff_teacher_only(client, teacher):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    learner = UserFactory(username="just-a-learner")
    client.force_login(root)

    page = client.get(reverse("admin:quizzes_classroom_add"))
    refused = client.post(
        reverse("admin:quizzes_classroom_add"), {"name": "Year 12", "teacher": learner.pk}
    )
    accepted = client.post(
        reverse("admin:quizzes_classroom_add"), {"name": "Year 12", "teacher": teacher.pk}
    )

    assert page.status_code == 200
    teacher_choices = {str(u) for u in page.context["adminform"].form.fields["teacher"].queryset}
    assert teacher_choices == {"teacher", "root"}
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.text
    assert accepted.status_code == 302
    assert Classroom.objects.get(name="Year 12").teacher == teacher


def test_grid_cell_labels_round_half_up_and_name_the_day():
    from datetime import UTC, datetime

    from quizzes.teaching import QuizCell

    when = datetime(2026, 9, 5, 23, 59, tzinfo=UTC)
    assert QuizCell(best_score=50.5, attempts=1, last_activity=when).best_label == "51%"
    assert QuizCell(best_score=84.4, attempts=1, last_activity=when).best_label == "84%"
    assert QuizCell(best_score=None, attempts=2, last_activity=when).best_label == "unfinished"
    assert QuizCell(best_score=0, attempts=1, last_activity=when).day_label == "5 Sep 2026"
