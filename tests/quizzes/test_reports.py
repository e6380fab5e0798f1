import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.models import ProblemReport
from quizzes.problem_reports import report_problem, resolve_reports
from tests.quizzes.factories import AttemptFactory, QuestionFactory, ResponseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return UserFactory(username="aysel")


@pytest.fixture
def question():
    return QuestionFactory(stem="On what date did the war end?")


# report_problem


def test_a_report_is_recorded_open(learner, question):
    report = report_problem(
        learner=learner, question=question, reason="ambiguous", comment=" Which war? "
    )

    assert report.question == question
    assert report.learner == learner
    assert report.reason == ProblemReport.Reason.AMBIGUOUS
    assert report.comment == "Which war?"
    assert not report.resolved


def test_reporting_the_same_thing_again_updates_the_open_report(learner, question):
    first = report_problem(learner=learner, question=question, reason="ambiguous", comment="")
    again = report_problem(
        learner=learner, question=question, reason="ambiguous", comment="Two wars ended."
    )
    other_reason = report_problem(learner=learner, question=question, reason="wrong_answer")

    assert again.pk == first.pk
    assert again.comment == "Two wars ended."
    assert other_reason.pk != first.pk
    assert ProblemReport.objects.count() == 2


def test_bad_input_is_refused(learner, question):
    with pytest.raises(ValidationError, match="not a reason"):
        report_problem(learner=learner, question=question, reason="boring")
    with pytest.raises(ValidationError, match="under 1000 characters"):
        report_problem(learner=learner, question=question, reason="other", comment="x" * 1001)
    assert not ProblemReport.objects.exists()


def test_an_unpublished_question_can_be_reported_only_by_someone_who_answered_it(learner):
    draft = QuestionFactory(draft=True)
    with pytest.raises(ValidationError, match="not available"):
        report_problem(learner=learner, question=draft, reason="other")

    ResponseFactory(attempt=AttemptFactory(learner=learner), question=draft)
    assert report_problem(learner=learner, question=draft, reason="other").pk


def test_resolving_counts_only_the_reports_still_open(learner, question):
    for reason in ("ambiguous", "wrong_answer", "offensive"):
        report_problem(learner=learner, question=question, reason=reason)
    ProblemReport.objects.filter(reason="offensive").update(resolved=True)

    assert resolve_reports(reports=ProblemReport.objects.all()) == 2
    assert not ProblemReport.objects.filter(resolved=False).exists()
    assert resolve_reports(reports=ProblemReport.objects.all()) == 0


# The view


def url(question):
    return reverse("quizzes:report_question", args=[question.pk])


def test_without_htmx_a_report_returns_to_the_page_with_thanks(client, learner, question):
    client.force_login(learner)

    response = client.post(
        url(question),
        {"reason": "bad_distractors", "comment": "Two choices are the same day.", "next": "/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    report = ProblemReport.objects.get()
    assert (report.learner, report.question, report.reason) == (
        learner,
        question,
        "bad_distractors",
    )
    assert "Thanks — a teacher will look at it." in client.get("/").text


def test_without_next_it_returns_to_the_referring_page_but_never_off_site(
    client, learner, question
):
    client.force_login(learner)

    back = client.post(
        url(question), {"reason": "other"}, headers={"referer": "http://testserver/quizzes/"}
    )
    off_site = client.post(url(question), {"reason": "other", "next": "https://evil.example/"})

    assert back["Location"] == "http://testserver/quizzes/"
    assert off_site["Location"] == reverse("quizzes:home")


def test_with_htmx_a_report_swaps_in_a_thank_you(client, learner, question):
    client.force_login(learner)

    response = client.post(url(question), {"reason": "ambiguous"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "Thanks — a teacher will look at it." in response.text
    assert f'id="report-{question.pk}"' in response.text
    assert "<html" not in response.text
    assert ProblemReport.objects.count() == 1


def test_bad_input_rerenders_the_form_with_messages(client, learner, question):
    client.force_login(learner)

    page = client.post(url(question), {"reason": "", "comment": "hm"})
    partial = client.post(url(question), {"reason": "nonsense"}, headers={"HX-Request": "true"})
    too_long = client.post(url(question), {"reason": "other", "comment": "x" * 1001})

    assert page.status_code == 200
    assert "Choose what is wrong with the question." in page.text
    assert "<html" in page.text and "hm</textarea>" in page.text
    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert "Select a valid choice" in partial.text
    assert "under 1000 characters" in too_long.text
    assert not ProblemReport.objects.exists()


def test_a_hidden_question_is_not_found(client, learner):
    # A 404, not the form's error page: that page shows the stem, which a draft must not.
    draft = QuestionFactory(draft=True)
    client.force_login(learner)

    response = client.post(url(draft), {"reason": "other"})

    assert response.status_code == 404
    assert draft.stem not in response.text
    assert not ProblemReport.objects.exists()


def test_the_view_needs_a_login_a_post_and_a_real_question(client, learner, question):
    anonymous = client.post(url(question), {"reason": "other"})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))

    client.force_login(learner)
    assert client.get(url(question)).status_code == 405
    missing = reverse("quizzes:report_question", args=[999999])
    assert client.post(missing, {"reason": "other"}).status_code == 404
    assert not ProblemReport.objects.exists()


def test_the_include_renders_a_collapsed_form_for_a_question(rf, question):
    from django.template.loader import render_to_string

    html = render_to_string(
        "quizzes/_report_form.html",
        {"question": question, "report_next": "/q/1/"},
        request=rf.get("/"),
    )

    assert "<details" in html and "<summary>Report a problem with this question</summary>" in html
    assert " open" not in html.split(">")[0]
    assert f'action="{url(question)}"' in html
    assert f'hx-post="{url(question)}"' in html
    assert 'value="/q/1/"' in html
    for value, _label in ProblemReport.Reason.choices:
        assert f'value="{value}"' in html
    assert "Thanks" not in html


# The admin


def test_reports_are_listed_and_filtered_in_the_admin(teacher_client, learner, question):
    report_problem(learner=learner, question=question, reason="ambiguous", comment="Which war?")
    done = report_problem(learner=learner, question=question, reason="offensive")
    done.resolved = True
    done.save()
    changelist = reverse("admin:quizzes_problemreport_changelist")

    everything = teacher_client.get(changelist)
    open_only = teacher_client.get(changelist, {"resolved__exact": "0"})

    assert everything.status_code == 200
    assert "Which war?" in everything.text
    assert "On what date did the war end?" in everything.text
    assert "Which war?" in open_only.text
    assert open_only.context["cl"].result_count == 1
    by_reason = teacher_client.get(changelist, {"reason__exact": "offensive"})
    assert by_reason.context["cl"].result_count == 1


def test_the_mark_resolved_action(teacher_client, learner, question):
    reports = [
        report_problem(learner=learner, question=question, reason=reason)
        for reason in ("ambiguous", "other")
    ]

    response = teacher_client.post(
        reverse("admin:quizzes_problemreport_changelist"),
        {"action": "mark_resolved", "_selected_action": [r.pk for r in reports]},
        follow=True,
    )

    assert response.status_code == 200
    assert "2 reports marked resolved." in response.text
    assert not ProblemReport.objects.filter(resolved=False).exists()


def test_teachers_resolve_reports_but_cannot_write_or_delete_them(
    teacher_client, learner, question
):
    report = report_problem(learner=learner, question=question, reason="ambiguous", comment="?")

    assert teacher_client.get(reverse("admin:quizzes_problemreport_add")).status_code == 403
    assert (
        teacher_client.get(
            reverse("admin:quizzes_problemreport_delete", args=[report.pk])
        ).status_code
        == 403
    )
    change = reverse("admin:quizzes_problemreport_change", args=[report.pk])
    assert teacher_client.post(change, {"resolved": "on", "comment": "changed"}).status_code == 302
    report.refresh_from_db()
    assert report.resolved
    assert report.comment == "?"


def test_the_question_list_counts_open_reports_and_filters_reported_questions(
    teacher_client, learner, question
):
    quiet = QuestionFactory(stem="How many days did it last?")
    for reason in ("ambiguous", "wrong_answer"):
        report_problem(learner=learner, question=question, reason=reason)
    changelist = reverse("admin:quizzes_question_changelist")

    listing = teacher_client.get(changelist)
    reported = teacher_client.get(changelist, {"attention": "reported"})

    link = (
        reverse("admin:quizzes_problemreport_changelist")
        + f"?question__id__exact={question.pk}&amp;resolved__exact=0"
    )
    assert f'<a href="{link}">2 open</a>' in listing.text
    assert [q.pk for q in reported.context["cl"].result_list] == [question.pk]
    assert quiet.stem in listing.text and quiet.stem not in reported.text
    # The link leads to that question's open reports.
    reports_page = teacher_client.get(link.replace("&amp;", "&"))
    assert reports_page.status_code == 200
    assert reports_page.context["cl"].result_count == 2


def test_the_question_change_page_lists_its_open_reports(teacher_client, learner, question):
    report_problem(learner=learner, question=question, reason="ambiguous", comment="Which war?")

    page = teacher_client.get(reverse("admin:quizzes_question_change", args=[question.pk]))

    assert page.status_code == 200
    assert "The question is ambiguous — Which war?" in page.text
    assert "All reports on this question" in page.text


@pytest.mark.parametrize(
    "report_next", ["", "/attempts/12/", '/attempts/3/?a=1&b="x"<y>', "/quiz/x/?next=/a/"]
)
def test_the_blank_report_form_tag_prints_what_including_the_template_prints(db, report_next):
    from types import SimpleNamespace

    from django.template import Context, Template

    included = Template(
        '{% include "quizzes/_report_form.html" with question=q report_next=next %}'
    )
    tagged = Template("{% load problem_reports %}{% blank_report_form q next %}")
    for pk, token in ((7, "tok-A1"), (123456, "tok-B2"), (7, None)):
        question = SimpleNamespace(pk=pk)  # all the form uses of its question
        context = {"q": question, "next": report_next, "csrf_token": token}
        expected = included.render(Context(context))
        assert tagged.render(Context(context)) == expected
        assert f'id="report-{pk}"' in expected
        assert ("csrfmiddlewaretoken" in expected) == bool(token)
