"""Perspective across outlets, on the seeds: corroboration, discrepancies, attribution, and the
"who reports it" and "compare the sources" questions."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from content.models import Article, Outlet
from quizzes.checks import find_question_problems
from quizzes.exports import export_json, questions_for_export
from quizzes.models import Question
from quizzes.perspective import (
    REVIEW_NOTE,
    attribution_for_question,
    build_compare_questions,
    build_outlet_questions,
    build_perspective_questions,
    corroborating_outlets,
    corroboration_map,
    event_words,
    find_discrepancies,
    is_same_event,
)
from tests.content.factories import ArticleFactory, OutletFactory
from tests.quizzes.factories import QuestionFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "content" / "seeds"


@pytest.fixture
def seeds():
    call_command("import_articles", str(SEEDS), verbosity=0)
    call_command("generate_questions", verbosity=0)
    return {a.outlet.name: a for a in Article.objects.select_related("outlet")}


def seed_question(article, answer_normalized, contains=""):
    return Question.objects.select_related("article__outlet", "sentence").get(
        article=article, answer_normalized=answer_normalized, sentence_text__contains=contains
    )


# -- the heuristic --------------------------------------------------------------------------------


def test_event_words_are_content_stems_without_function_words():
    words = event_words("The Azerbaijani army liberated Shusha on 8 November 2020.")
    assert words == {"azerba", "army", "libera", "shusha"}
    assert event_words("Azerbaijan's liberation") == {"azerba", "libera"}


def test_same_event_needs_two_shared_words():
    assert is_same_event({"shusha", "libera"}, {"shusha", "libera", "flag"})
    assert not is_same_event({"shusha", "libera"}, {"shusha", "signed"})


# -- corroboration --------------------------------------------------------------------------------


def test_a_fact_both_seeds_state_is_corroborated(seeds):
    trt, caspian = seeds["TRT"], seeds["Caspian Post"]
    shusha_trt = seed_question(trt, "2020-11-08", "Shusha")
    signing_trt = seed_question(trt, "2020-11-10", "trilateral")
    signing_caspian = seed_question(caspian, "2020-11-10", "Trilateral")
    assert [o.name for o in corroborating_outlets(question=shusha_trt)] == ["Caspian Post"]
    assert [o.name for o in corroborating_outlets(question=signing_trt)] == ["Caspian Post"]
    assert [o.name for o in corroborating_outlets(question=signing_caspian)] == ["TRT"]


def test_corroboration_ignores_the_same_outlet_rejected_questions_and_other_events(seeds):
    trt = seeds["TRT"]
    # A third outlet states the same date, about something else entirely.
    other = ArticleFactory(
        outlet=OutletFactory(name="Weather Weekly"),
        sentence_texts=(
            "Heavy snowfall closed mountain roads across the highlands.",
            "Forecasters warned drivers on 10 November 2020 about icy bridges.",
        ),
    )
    Question.objects.create(
        article=other,
        sentence=other.sentences.get(position=1),
        sentence_text=other.sentences.get(position=1).text,
        answer_start=35,
        answer_end=51,
        kind="date",
        stem="When did forecasters warn drivers?",
        answer="10 November 2020",
        answer_normalized="2020-11-10",
    )
    signing = seed_question(trt, "2020-11-10", "trilateral")
    assert [o.name for o in corroborating_outlets(question=signing)] == ["Caspian Post"]
    Question.objects.filter(article=seeds["Caspian Post"], answer_normalized="2020-11-10").update(
        status=Question.Status.REJECTED
    )
    assert corroborating_outlets(question=signing) == []


def test_corroboration_map_costs_a_constant_number_of_queries(seeds, django_assert_num_queries):
    questions = list(Question.objects.select_related("article__outlet", "sentence"))
    with django_assert_num_queries(2):
        mapping = corroboration_map(questions=questions)
    assert set(mapping) == {q.pk for q in questions}


# -- discrepancies --------------------------------------------------------------------------------


def test_the_seeds_disagree_on_how_long_it_lasted(seeds):
    discrepancies = find_discrepancies()
    pairs = {
        (d.first.outlet.name, d.first.text, d.second.outlet.name, d.second.text)
        for d in discrepancies
    }
    assert ("Caspian Post", "28 long years", "TRT", "nearly 30 years") in pairs
    # Dates both outlets state (8 and 10 November 2020) are two facts, not a disagreement.
    assert not any(d.first.kind == "date" for d in discrepancies)
    found = next(d for d in discrepancies if d.first.text == "28 long years")
    assert len(found.shared_words) >= 2


def test_no_discrepancy_within_one_outlet():
    outlet = OutletFactory(name="Solo")
    ArticleFactory(outlet=outlet, sentence_texts=("The siege of the old town lasted 28 years.",))
    ArticleFactory(outlet=outlet, sentence_texts=("The siege of the old town lasted 30 years.",))
    assert find_discrepancies() == []


# -- attribution ----------------------------------------------------------------------------------


def test_a_single_source_claim_keeps_its_attribution(seeds):
    question = seed_question(seeds["TRT"], "5")
    assert attribution_for_question(question=question) == "According to TRT"
    assert question.stem.startswith(question.attribution)


def test_same_side_corroboration_does_not_drop_the_attribution(seeds):
    # TRT and the Caspian Post both present Azerbaijan's side: the attribution stays.
    shusha = seed_question(seeds["TRT"], "2020-11-08", "Shusha")
    assert corroborating_outlets(question=shusha)
    assert attribution_for_question(question=shusha) == "According to TRT"


def test_corroboration_across_alignments_may_drop_the_attribution(seeds):
    shusha = seed_question(seeds["TRT"], "2020-11-08", "Shusha")
    Outlet.objects.filter(name="Caspian Post").update(alignment=Outlet.Alignment.ARMENIA)
    assert attribution_for_question(question=shusha) == ""
    Outlet.objects.filter(name="Caspian Post").update(alignment=Outlet.Alignment.UNKNOWN)
    assert attribution_for_question(question=shusha) == "According to TRT"


def test_casualty_figures_keep_their_attribution_whatever_corroborates_them():
    sentence = "In the fighting, 2,908 soldiers were killed near the old town of Shusha."
    questions = []
    for name, alignment in (("North Wire", "azerbaijan"), ("South Wire", "armenia")):
        article = ArticleFactory(
            outlet=OutletFactory(name=name, alignment=alignment), sentence_texts=(sentence,)
        )
        questions.append(
            QuestionFactory(
                article=article,
                kind=Question.Kind.NUMBER,
                answer="2,908 soldiers",
                answer_normalized="2908",
                stem=f"According to {name}, how many soldiers were killed near Shusha?",
                choices=["2,908 soldiers", "2,500 soldiers", "3,100 soldiers", "1,900 soldiers"],
            )
        )
    assert [o.name for o in corroborating_outlets(question=questions[0])] == ["South Wire"]
    assert attribution_for_question(question=questions[0]) == "According to North Wire"


def test_a_date_corroborated_across_alignments_may_lose_its_attribution():
    sentence = "The ceasefire statement was signed on 10 November 2020 in Moscow by three leaders."
    questions = [
        QuestionFactory(
            article=ArticleFactory(
                outlet=OutletFactory(name=name, alignment=alignment), sentence_texts=(sentence,)
            )
        )
        for name, alignment in (("North Wire", "azerbaijan"), ("Global Wire", "third_party"))
    ]
    assert attribution_for_question(question=questions[0]) == ""


# -- perspective questions ------------------------------------------------------------------------


def problems_of(question):
    """What the checks every question meets find wrong with a stored question."""
    choices = list(question.choices.all())
    return find_question_problems(
        sentence_text=question.sentence_text,
        answer_start=question.answer_start,
        answer_end=question.answer_end,
        answer=question.answer,
        stem=question.stem,
        mode=question.mode,
        choices=[c.text for c in choices],
        correct=[c.is_correct for c in choices],
    )


def test_compare_questions_quote_both_outlets_and_pass_the_checks(seeds):
    report = build_compare_questions()
    assert report.created == 2
    question = Question.objects.get(kind=Question.Kind.COMPARE, answer="28 long years")
    assert question.stem.startswith("TRT says: “")
    assert "nearly 30 years" in question.stem and "______" in question.stem
    assert "the Caspian Post give" in question.stem
    assert question.answer_as_written == "28 long years"
    assert sorted(c.text for c in question.choices.all()) == ["28 long years", "nearly 30 years"]
    assert question.status == Question.Status.DRAFT and question.review_note == REVIEW_NOTE
    assert not problems_of(question)


def test_who_reports_it_questions_offer_the_outlets_and_mark_the_statement(seeds):
    report = build_outlet_questions()
    assert report.created >= 4
    questions = Question.objects.filter(kind=Question.Kind.OUTLET).prefetch_related("choices")
    assert {q.answer for q in questions} == {"TRT", "Caspian Post"}
    for question in questions:
        assert [c.text for c in question.choices.all()] == ["Caspian Post", "TRT"]
        assert question.answer_as_written == question.sentence_text  # the whole statement
        assert question.stem.startswith("Which outlet wrote this sentence")
        assert question.status == Question.Status.DRAFT
        assert not problems_of(question)
    assert questions.filter(stem__contains="“liberated”").exists()


def test_no_who_reports_it_question_with_a_single_outlet():
    ArticleFactory(sentence_texts=("The army liberated the town after years of occupation there.",))
    assert build_outlet_questions().created == 0


def test_building_again_changes_nothing_and_keeps_teachers_edits(seeds):
    first = build_perspective_questions()
    assert first.created > 0
    edited = Question.objects.filter(kind=Question.Kind.OUTLET).first()
    edited.stem = "Which outlet wrote it? (reworded by a teacher)"
    edited.origin = Question.Origin.EDITED
    edited.save()
    again = build_perspective_questions()
    assert again.created == 0 and again.updated == 0
    assert again.kept == 1
    edited.refresh_from_db()
    assert edited.stem.endswith("(reworded by a teacher)")


def test_generation_and_publishing_leave_perspective_questions_alone(seeds):
    build_perspective_questions()
    count = Question.objects.count()
    call_command("generate_questions", "--publish-above", "0", verbosity=0)
    assert Question.objects.count() == count
    assert not Question.objects.filter(
        kind__in=[Question.Kind.OUTLET, Question.Kind.COMPARE], status=Question.Status.PUBLISHED
    ).exists()


def test_the_command_reports_what_it_built(seeds):
    out = io.StringIO()
    call_command("build_perspective_questions", verbosity=2, stdout=out)
    assert "Perspective questions:" in out.getvalue()
    assert "discrepancy: Caspian Post: “28 long years” / TRT: “nearly 30 years”" in out.getvalue()


def test_a_published_outlet_question_can_be_answered_with_two_choices(seeds, client):
    from tests.quizzes.factories import QuizFactory  # noqa: PLC0415

    build_outlet_questions()
    question = Question.objects.filter(kind=Question.Kind.OUTLET).first()
    question.status = Question.Status.PUBLISHED
    question.save()
    record = export_json(
        questions=questions_for_export(queryset=Question.objects.filter(pk=question.pk))
    )[0]
    assert record["choices"] == ["Caspian Post", "TRT"] and record["perspective_note"]
    quiz = QuizFactory()
    quiz.items.create(question=question, position=0)
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    user = get_user_model().objects.create_user("learner", password="x")
    client.force_login(user)
    response = client.post(reverse("quizzes:quiz", args=[quiz.slug]))
    attempt_url = response.url
    page = client.get(attempt_url).content.decode()
    assert page.count('type="radio"') == 2
    answer_url = attempt_url.rstrip("/") + "/answer/"
    right = 1 + [c.text for c in question.choices.all()].index(question.answer)
    feedback = client.post(answer_url, {"question": question.pk, "choice": right}).content.decode()
    assert "Right" in feedback
    assert question.article.outlet.perspective_note.split(". ")[0] in feedback


# -- the admin page -------------------------------------------------------------------------------


def test_the_perspective_admin_page_shows_discrepancies_and_builds_questions(seeds, admin_client):
    url = reverse("admin:quizzes_perspective")
    html = admin_client.get(url).content.decode()
    assert "28 long years" in html and "nearly 30 years" in html
    assert "Presents Azerbaijan" in html
    by_topic = html.split("<h3>By topic</h3>")[1]
    departure = by_topic.split("The departure of ethnic Armenians in 2023")[1].split("</tr>")[0]
    assert "no article" in departure
    offensive = by_topic.split("The September 2023 offensive")[1].split("</tr>")[0]
    assert "Presents Azerbaijan&#x27;s side: 1" in offensive and "TRT" in offensive
    corroborated = html.split("Facts other outlets corroborate")[1].split("<h2>")[0]
    assert "8 November 2020" in corroborated and "10 November 2020" in corroborated
    response = admin_client.post(url)
    assert response.status_code == 302
    assert Question.objects.filter(kind=Question.Kind.COMPARE).count() == 2
    html = admin_client.get(url).content.decode()
    assert "(draft)" in html


def test_the_question_list_links_the_perspective_page(admin_client):
    html = admin_client.get(reverse("admin:quizzes_question_changelist")).content.decode()
    assert f'href="{reverse("admin:quizzes_perspective")}"' in html


def test_the_perspective_admin_page_is_for_staff_only(client, seeds):
    response = client.get(reverse("admin:quizzes_perspective"))
    assert response.status_code == 302 and "/login/" in response.url


def test_who_reports_it_names_each_term_once(seeds):
    build_outlet_questions()
    stems = list(Question.objects.filter(kind=Question.Kind.OUTLET).values_list("stem", flat=True))
    assert any("uses “liberated” and “occupation”?" in stem for stem in stems)
    assert any("uses “Shusha”?" in stem for stem in stems)


def test_two_outlets_naming_the_same_person_is_no_corroboration(db):
    sentence = "President Ilham Aliyev signed the Trilateral Statement on 10 November 2020."
    first, second = (
        QuestionFactory(
            article=ArticleFactory(outlet=OutletFactory(name=name), sentence_texts=(sentence,)),
            kind=Question.Kind.ENTITY,
            answer="Ilham Aliyev",
            answer_normalized="Ilham Aliyev",
        )
        for name in ("Outlet A", "Outlet B")
    )
    assert corroboration_map(questions=[first, second]) == {first.pk: [], second.pk: []}
