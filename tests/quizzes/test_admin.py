import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.models import Entity, Question, Quiz
from quizzes.questions import store_drafts
from tests.content.factories import ArticleFactory
from tests.quizzes.factories import EntityFactory, QuestionFactory
from tests.quizzes.test_questions import make_draft

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:quizzes_question_changelist")
IMPORT = reverse("admin:quizzes_question_import_csv")


def change_url(question):
    return reverse("admin:quizzes_question_change", args=[question.pk])


def question_post_data(question, **changes):
    """The change form as the browser would post it, choices inline included."""
    choices = list(question.choices.order_by("position"))
    data = {
        "sentence": question.sentence_id or "",
        "answer_start": question.answer_start,
        "answer_end": question.answer_end,
        "kind": question.kind,
        "mode": question.mode,
        "stem": question.stem,
        "answer": question.answer,
        "answer_normalized": question.answer_normalized,
        "attribution": question.attribution,
        "status": question.status,
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": len(choices),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, choice in enumerate(choices):
        data[f"choices-{i}-id"] = choice.pk
        data[f"choices-{i}-question"] = question.pk
        data[f"choices-{i}-position"] = choice.position
        data[f"choices-{i}-text"] = choice.text
        if choice.is_correct:
            data[f"choices-{i}-is_correct"] = "on"
    data.update(changes)
    return data


def test_changelist_is_a_review_queue_drafts_first_best_first(admin_client):
    published = QuestionFactory(quality=0.99, stem="According to Outlet, the published one?")
    weak = QuestionFactory(draft=True, quality=0.3, stem="According to Outlet, the weak draft?")
    strong = QuestionFactory(draft=True, quality=0.9, stem="According to Outlet, the strong draft?")

    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert shown == [strong, weak, published]
    html = response.content.decode()
    assert '<mark class="answer-span">10 November 2020</mark>' in html
    assert "<strong>10 November 2020 ✓</strong>" in html


@pytest.mark.parametrize(
    "query",
    ["?status__exact=draft", "?kind__exact=date", "?origin__exact=generated", "?q=war+ended"],
)
def test_changelist_filters_and_search_work(admin_client, query):
    QuestionFactory(draft=True)

    response = admin_client.get(CHANGELIST + query)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_changelist_queries_do_not_grow_with_the_questions(
    admin_client, django_assert_max_num_queries
):
    for n in range(30):
        QuestionFactory(article__outlet__name=f"Outlet {n % 4}", draft=bool(n % 2))

    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


def test_change_page_highlights_the_answer_escaped_and_links_to_the_reader(admin_client):
    article = ArticleFactory(
        sentence_texts=("The <b>war</b> ended on 10 November 2020.", "It lasted 44 days.")
    )
    question = QuestionFactory(article=article)

    response = admin_client.get(change_url(question))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'The &lt;b&gt;war&lt;/b&gt; ended on <mark class="answer-span">10 November 2020</mark>.'
        in html
    )
    assert f'href="/articles/{article.slug}/#s-0"' in html
    assert 'name="_publish"' in html


def test_change_page_says_when_the_sentence_left_the_article(admin_client):
    question = QuestionFactory(draft=True)
    question.article.sentences.all().delete()

    response = admin_client.get(change_url(question))

    assert "This sentence is no longer in" in response.content.decode()


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("publish_selected", "published"),
        ("reject_selected", "rejected"),
        ("draft_selected", "draft"),
    ],
)
def test_bulk_review_actions_set_the_status_and_mark_it_reviewed(admin_client, action, status):
    questions = [QuestionFactory(draft=True), QuestionFactory(status="rejected")]
    if status == "rejected":
        questions[1].status = "published"
        questions[1].save()

    response = admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [q.pk for q in questions]}, follow=True
    )

    assert response.status_code == 200
    for question in questions:
        question.refresh_from_db()
        assert question.status == status
        assert question.reviewed_at is not None
    assert "2 question(s) now" in response.content.decode()


def test_publishing_refuses_questions_whose_sentence_is_gone(admin_client):
    question = QuestionFactory(draft=True)
    question.article.sentences.all().delete()

    response = admin_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [question.pk]}, follow=True
    )

    question.refresh_from_db()
    assert question.status == "draft"
    assert "1 question(s) not published" in response.content.decode()


@pytest.mark.parametrize(
    ("button", "status"), [("_publish", "published"), ("_reject", "rejected"), ("_draft", "draft")]
)
def test_one_click_buttons_on_the_change_page(admin_client, button, status):
    question = QuestionFactory(status="rejected" if status == "draft" else "draft")

    response = admin_client.post(
        change_url(question), question_post_data(question, **{button: "1"})
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == status
    assert question.reviewed_at is not None
    # A review decision is not an edit: generation may still refresh the question.
    assert question.origin == Question.Origin.GENERATED


def test_editing_a_generated_question_makes_it_the_teachers(admin_client):
    article = ArticleFactory()
    store_drafts(article=article, drafts=[make_draft()])
    question = Question.objects.get()
    new_stem = "According to TRT, on which day did the fighting stop?"

    response = admin_client.post(change_url(question), question_post_data(question, stem=new_stem))

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.origin == Question.Origin.EDITED
    # And generation now leaves it as the teacher wrote it.
    report = store_drafts(article=article, drafts=[make_draft()])
    assert report.kept == 1
    question.refresh_from_db()
    assert question.stem == new_stem


def test_editing_only_a_choice_also_makes_it_the_teachers(admin_client):
    question = QuestionFactory()
    data = question_post_data(question, **{"choices-3-text": "1 December 2020"})

    response = admin_client.post(change_url(question), data)

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.origin == Question.Origin.EDITED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"choices-0-text": "11 November 2020"}, "must be one of the choices"),
        ({"choices-1-text": "10 November 2020"}, "only once among the choices"),
        ({"choices-0-is_correct": "", "choices-1-is_correct": "on"}, "marked correct"),
        ({"stem": "Did the war end on 10 November 2020?"}, "The stem contains the answer"),
        ({"answer_start": 20, "answer_end": 90}, "is not inside the sentence"),
    ],
)
def test_the_form_explains_what_is_wrong(admin_client, changes, message):
    question = QuestionFactory()
    data = question_post_data(question, **changes)
    if changes.get("choices-0-is_correct") == "":
        del data["choices-0-is_correct"]

    response = admin_client.post(change_url(question), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    question.refresh_from_db()
    assert question.origin == Question.Origin.GENERATED


def test_a_teacher_authors_a_question_from_a_sentence(admin_client):
    article = ArticleFactory(outlet__name="TRT")
    sentence = article.sentences.get(position=1)
    data = {
        "sentence": sentence.pk,
        "answer_start": "",
        "answer_end": "",
        "kind": "number",
        "mode": "choice",
        "stem": "How long did the war last?",
        "answer": "44 days",
        "answer_normalized": "P44D",
        "attribution": "",
        "status": "draft",
        "choices-TOTAL_FORMS": 4,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, text in enumerate(["44 days", "30 days", "60 days", "6 weeks"]):
        data[f"choices-{i}-position"] = i
        data[f"choices-{i}-text"] = text
    data["choices-0-is_correct"] = "on"

    response = admin_client.post(reverse("admin:quizzes_question_add"), data)

    assert response.status_code == 302, response.context["errors"]
    question = Question.objects.get()
    assert question.origin == Question.Origin.AUTHORED
    assert question.article == article
    assert question.answer_as_written == "44 days"
    assert question.sentence_text == "It lasted 44 days."
    assert question.attribution == "According to TRT"
    assert question.choices.get(is_correct=True).text == "44 days"


def test_authoring_asks_for_offsets_when_the_answer_is_not_in_the_sentence(admin_client):
    article = ArticleFactory()
    data = {
        "sentence": article.sentences.get(position=1).pk,
        "kind": "number",
        "mode": "typed",
        "stem": "How long did the war last?",
        "answer": "six weeks",
        "status": "draft",
        "choices-TOTAL_FORMS": 0,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }

    response = admin_client.post(reverse("admin:quizzes_question_add"), data)

    assert response.status_code == 200
    assert "does not appear in the sentence as written" in response.content.decode()
    assert not Question.objects.exists()


def test_quiz_admin_pages_and_toggles_mark_a_starter_quiz_edited(admin_client):
    from quizzes.assembly import sync_starter_quiz

    question = QuestionFactory()
    sync_starter_quiz(article=question.article)
    quiz = Quiz.objects.get()

    assert admin_client.get(reverse("admin:quizzes_quiz_changelist")).status_code == 200
    response = admin_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))
    assert response.status_code == 200
    assert question.stem in response.content.decode()

    response = admin_client.post(
        reverse("admin:quizzes_quiz_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-MIN_NUM_FORMS": 0,
            "form-MAX_NUM_FORMS": 1000,
            "form-0-id": quiz.pk,
            "form-0-shuffle_choices": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert not quiz.is_published
    assert quiz.origin == Question.Origin.EDITED
    assert sync_starter_quiz(article=question.article) == "kept"


def test_changing_only_a_starter_quizs_questions_marks_it_edited(admin_client):
    from quizzes.assembly import sync_starter_quiz

    first = QuestionFactory(quality=0.9)
    # On the article's other sentence: two questions of one sentence are siblings, one a quiz.
    other_sentence = first.article.sentences.order_by("position")[1]
    second = QuestionFactory(
        article=first.article, sentence=other_sentence, answer="44 days", quality=0.5
    )
    sync_starter_quiz(article=first.article)
    quiz = Quiz.objects.get()
    items = list(quiz.items.order_by("position"))
    data = {
        "title": quiz.title,
        "slug": quiz.slug,
        "description": quiz.description,
        "articles": [article.pk for article in quiz.articles.all()],
        "is_published": "on" if quiz.is_published else "",
        "shuffle_choices": "on" if quiz.shuffle_choices else "",
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    # The teacher swaps the two questions: the quiz's own fields stay as they were.
    for i, item in enumerate(items):
        data[f"items-{i}-id"] = item.pk
        data[f"items-{i}-quiz"] = quiz.pk
        data[f"items-{i}-question"] = item.question_id
        data[f"items-{i}-position"] = len(items) - 1 - i

    response = admin_client.post(reverse("admin:quizzes_quiz_change", args=[quiz.pk]), data)

    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.origin == Question.Origin.EDITED
    assert list(quiz.items.order_by("position").values_list("question", flat=True)) == [
        second.pk,
        first.pk,
    ]
    assert sync_starter_quiz(article=first.article) == "kept"


def test_article_action_builds_an_unpublished_quiz_of_its_published_questions(admin_client):
    best = QuestionFactory(quality=0.9)
    article = best.article
    # On the article's other sentence: two questions of one sentence are siblings, one a quiz.
    other_sentence = article.sentences.order_by("position")[1]
    other = QuestionFactory(article=article, sentence=other_sentence, answer="44 days", quality=0.5)
    QuestionFactory(article=article, draft=True)
    empty = ArticleFactory()

    response = admin_client.post(
        reverse("admin:content_article_changelist"),
        {"action": "build_quiz", "_selected_action": [article.pk, empty.pk]},
        follow=True,
    )

    html = response.content.decode()
    quiz = Quiz.objects.get()
    assert f"Built <a href='{reverse('admin:quizzes_quiz_change', args=[quiz.pk])}'>" in html
    assert "has no published questions yet" in html
    assert not quiz.is_published
    assert quiz.origin == Question.Origin.AUTHORED
    assert list(quiz.items.values_list("question", flat=True)) == [best.pk, other.pk]


def test_entity_registry_lists_and_confirms(admin_client):
    # A name the shipped registry (migration 0007) does not hold, so it starts unconfirmed.
    entity = EntityFactory(name="Tartar", type=Entity.Type.CITY, confirmed=False)

    response = admin_client.get(reverse("admin:quizzes_entity_changelist") + "?confirmed__exact=0")
    assert response.status_code == 200
    assert "Tartar" in response.content.decode()

    admin_client.post(
        reverse("admin:quizzes_entity_changelist"),
        {"action": "confirm_selected", "_selected_action": [entity.pk]},
    )
    entity.refresh_from_db()
    assert entity.confirmed


@pytest.mark.parametrize(
    ("action", "extension"),
    [
        ("export_json_selected", "json"),
        ("export_csv_selected", "csv"),
        ("export_gift_selected", "gift"),
        ("export_anki_selected", "apkg"),
    ],
)
def test_export_actions_download_the_selected_questions(admin_client, action, extension):
    chosen = QuestionFactory(draft=True)
    QuestionFactory()

    response = admin_client.post(CHANGELIST, {"action": action, "_selected_action": [chosen.pk]})

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="questions.{extension}"'
    if extension == "json":
        assert [record["id"] for record in json.loads(response.content)] == [chosen.pk]
    elif extension == "csv":
        assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == 1
    elif extension == "gift":
        assert response.content.decode().count("::Q") == 1
    else:
        assert zipfile.is_zipfile(io.BytesIO(response.content))


def test_csv_import_page_round_trips_an_edited_export(admin_client):
    question = QuestionFactory()
    exported = admin_client.post(
        CHANGELIST, {"action": "export_csv_selected", "_selected_action": [question.pk]}
    ).content.decode()
    edited = exported.replace("on what date did the war end?", "when did the war end?")
    upload = SimpleUploadedFile("questions.csv", ("\ufeff" + edited).encode("utf-8"))

    assert admin_client.get(IMPORT).status_code == 200
    response = admin_client.post(IMPORT, {"file": upload}, follow=True)

    assert "Imported: 1 question: 0 created, 1 updated, 0 unchanged." in response.content.decode()
    question.refresh_from_db()
    assert question.stem.endswith("when did the war end?")
    assert question.origin == Question.Origin.EDITED


def test_csv_import_marks_the_answer_among_choices_as_the_checks_compare_them(admin_client):
    # The checks take "10  november 2020" for the answer "10 November 2020" (case and spacing
    # aside): the import must then mark that choice correct, or the question has none.
    question = QuestionFactory(fingerprint="")
    exported = admin_client.post(
        CHANGELIST, {"action": "export_csv_selected", "_selected_action": [question.pk]}
    ).content.decode()
    question.delete()
    (row,) = csv.DictReader(io.StringIO(exported))
    assert "10 November 2020" in row["choices"]
    row["choices"] = row["choices"].replace("10 November 2020", "10  november 2020")
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    upload = SimpleUploadedFile("questions.csv", edited.getvalue().encode("utf-8"))

    response = admin_client.post(IMPORT, {"file": upload}, follow=True)

    assert "Imported: 1 question: 1 created, 0 updated, 0 unchanged." in response.content.decode()
    imported = Question.objects.get()
    assert [c.text for c in imported.choices.filter(is_correct=True)] == ["10  november 2020"]


def test_csv_import_page_explains_a_refused_file(admin_client):
    upload = SimpleUploadedFile("people.csv", b"name,age\nx,1\n")

    response = admin_client.post(IMPORT, {"file": upload})

    assert response.status_code == 200
    assert "Not a question export" in response.content.decode()


def test_a_teacher_reviews_builds_a_quiz_and_imports_through_the_admin(client):
    from quizzes.teaching import ensure_teachers_group
    from tests.quizzes.factories import UserFactory

    teacher = UserFactory(username="teacher", is_staff=True)
    teacher.groups.add(ensure_teachers_group())
    client.force_login(teacher)
    draft = QuestionFactory(draft=True)

    assert client.get(CHANGELIST).status_code == 200
    assert client.get(change_url(draft)).status_code == 200
    assert client.get(IMPORT).status_code == 200
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published"
    client.post(
        reverse("admin:content_article_changelist"),
        {"action": "build_quiz", "_selected_action": [draft.article.pk]},
    )
    assert Quiz.objects.get().created_by == teacher


def test_a_learner_gets_no_review_queue(client):
    from tests.quizzes.factories import UserFactory

    client.force_login(UserFactory())

    assert client.get(CHANGELIST).status_code == 302
    assert client.get(IMPORT).status_code == 302


def test_a_question_whose_sentence_is_gone_can_be_rejected_but_not_published(admin_client):
    question = QuestionFactory(draft=True)
    question.article.sentences.all().delete()
    question.refresh_from_db()

    response = admin_client.post(change_url(question), question_post_data(question, _publish="1"))
    assert response.status_code == 200
    assert "Pick the sentence that now states the fact" in response.content.decode()

    response = admin_client.post(change_url(question), question_post_data(question, _reject="1"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "rejected"


def test_review_pages_style_the_highlight_from_a_static_file_not_inline(admin_client):
    question = QuestionFactory()

    for url in (CHANGELIST, change_url(question)):
        html = admin_client.get(url).content.decode()
        assert "quizzes/admin-review.css" in html
        assert "<style" not in html  # the CSP allows no inline styles


# -- the site ---------------------------------------------------------------------------------


def test_the_site_index_opens_with_the_teachers_pages(client):
    from quizzes.teaching import ensure_teachers_group
    from tests.quizzes.factories import UserFactory

    teacher = UserFactory(username="teacher", is_staff=True)
    teacher.groups.add(ensure_teachers_group())
    client.force_login(teacher)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Teaching | quizsite teaching</title>" in html
    assert "quizsite — teaching" in html
    titles = [page.title for page in response.context["teacher_pages"]]
    assert titles[:4] == ["Review queue", "Import articles", "Import questions", "Perspective"]
    for page in response.context["teacher_pages"]:
        assert f'href="{page.url.replace("&", "&amp;")}"' in html
        assert client.get(page.url).status_code == 200, page.title


def test_the_site_index_lists_only_the_pages_a_user_may_open(client):
    from django.contrib.auth.models import Permission

    from tests.quizzes.factories import UserFactory

    reader = UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(reader)

    response = client.get(reverse("admin:index"))

    assert [page.title for page in response.context["teacher_pages"]] == ["Perspective"]
    assert reverse("admin:quizzes_question_import_csv") not in response.content.decode()


def test_staff_who_may_not_view_questions_get_no_perspective_page(client):
    from tests.quizzes.factories import UserFactory

    client.force_login(UserFactory(username="clerk", is_staff=True))

    assert client.get(reverse("admin:index")).context["teacher_pages"] == []
    assert client.get(reverse("admin:quizzes_perspective")).status_code == 403
    assert client.post(reverse("admin:quizzes_perspective")).status_code == 403
