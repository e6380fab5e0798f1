import csv
import io
import re

import pytest

from content.models import Article
from quizzes.exports import (
    QuestionImportError,
    export_csv,
    export_csv_text,
    export_json,
    import_questions_csv,
    questions_for_export,
)
from quizzes.models import Question
from tests.quizzes.factories import QuestionFactory

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {
    "id",
    "kind",
    "status",
    "origin",
    "stem",
    "answer",
    "choices",
    "attribution",
    "source",
    "perspective_note",
    "corroborated_by",
}
SOURCE_KEYS = {
    "article",
    "title",
    "outlet",
    "url",
    "published",
    "sentence",
    "answer_start",
    "answer_end",
}


def contract_problems(record, *, bodies):
    """Every way `record` breaks DESIGN.md's JSON export contract; `bodies` maps article slugs
    to their bodies. Shared with the end-to-end test of the commands."""
    problems = []
    if set(record) != CONTRACT_KEYS:
        problems.append(f"keys {sorted(set(record) ^ CONTRACT_KEYS)}")
    source = record["source"]
    if set(source) != SOURCE_KEYS:
        problems.append(f"source keys {sorted(set(source) ^ SOURCE_KEYS)}")
    sentence = source["sentence"]
    if sentence not in bodies[source["article"]]:
        problems.append("sentence not verbatim in its article")
    start, end = source["answer_start"], source["answer_end"]
    if not 0 <= start < end <= len(sentence):
        problems.append("span outside the sentence")
    as_written = sentence[start:end]
    choices = record["choices"]
    if choices:
        if len(choices) != 4 or len({c.casefold() for c in choices}) != 4:
            problems.append(f"not 4 distinct choices: {choices}")
        if choices.count(record["answer"]) != 1:
            problems.append("answer not exactly once among the choices")
    for text in {record["answer"], as_written}:
        if re.search(
            r"(?<!\w)" + re.escape(text.casefold()) + r"(?!\w)", record["stem"].casefold()
        ):
            problems.append(f"stem contains the answer {text!r}")
    if not record["attribution"] or not record["stem"].startswith(record["attribution"]):
        problems.append("stem not attributed")
    if not record["perspective_note"]:
        problems.append("no perspective note")
    if source["outlet"] in record["corroborated_by"]:
        problems.append("corroborated by its own outlet")
    return problems


def test_json_export_follows_the_contract():
    question = QuestionFactory(article__outlet__name="TRT", article__title="Victory")
    article = question.article

    [record] = export_json(questions=questions_for_export())

    assert record == {
        "id": question.pk,
        "kind": "date",
        "status": "published",
        "origin": "generated",
        "stem": "According to TRT, on what date did the war end?",
        "answer": "10 November 2020",
        "choices": [
            "10 November 2020",
            "8 November 2020",
            "27 September 2020",
            "19 September 2023",
        ],
        "attribution": "According to TRT",
        "source": {
            "article": article.slug,
            "title": "Victory",
            "outlet": "TRT",
            "url": article.url,
            "published": "2023-11-08",
            "sentence": "The war ended on 10 November 2020.",
            "answer_start": 17,
            "answer_end": 33,
        },
        "perspective_note": article.outlet.perspective_note,
        "corroborated_by": [],
    }
    assert contract_problems(record, bodies={article.slug: article.body}) == []


def test_corroborated_by_lists_other_outlets_stating_the_same_fact():
    trt = QuestionFactory(article__outlet__name="TRT")
    QuestionFactory(article__outlet__name="Caspian Post")
    QuestionFactory(article__outlet__name="Caspian Post")  # the same outlet counts once
    QuestionFactory(article__outlet__name="TRT")  # its own outlet is no corroboration
    QuestionFactory(article__outlet__name="Rejected Daily", status="rejected")
    QuestionFactory(article__outlet__name="Another Date", answer_normalized="2020-11-08")

    records = {r["id"]: r for r in export_json(questions=questions_for_export(status="all"))}

    assert records[trt.pk]["corroborated_by"] == ["Caspian Post"]


def test_export_status_filters():
    published = QuestionFactory()
    draft = QuestionFactory(draft=True)
    rejected = QuestionFactory(status="rejected")

    def ids(status):
        return {r["id"] for r in export_json(questions=questions_for_export(status=status))}

    assert ids("published") == {published.pk}
    assert ids("draft") == {draft.pk}
    assert ids("all") == {published.pk, draft.pk, rejected.pk}


def test_exports_cost_the_same_few_queries_for_many_questions(django_assert_max_num_queries):
    for n in range(12):
        QuestionFactory(article__outlet__name=f"Outlet {n % 3}")

    # Questions, choices, then corroboration: candidates and their sentences' neighbours.
    with django_assert_max_num_queries(4):
        records = export_json(questions=questions_for_export())
    with django_assert_max_num_queries(4):
        export_csv(questions=questions_for_export(), stream=io.StringIO())

    assert len(records) == 12


def test_csv_has_one_row_per_question_with_the_json_fields_flattened():
    question = QuestionFactory(article__outlet__name="TRT")

    rows = list(csv.DictReader(io.StringIO(export_csv_text(questions=questions_for_export()))))

    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == str(question.pk)
    assert (
        row["choices"]
        == "10 November 2020 | 8 November 2020 | 27 September 2020 | 19 September 2023"
    )
    assert row["source_article"] == question.article.slug
    assert row["source_sentence"] == "The war ended on 10 November 2020."
    assert (row["answer_start"], row["answer_end"]) == ("17", "33")
    assert row["perspective_note"] == question.article.outlet.perspective_note


def test_csv_round_trip_into_the_same_library_changes_nothing():
    first = QuestionFactory()
    QuestionFactory(
        article=first.article,
        sentence=first.article.sentences.get(position=1),
        draft=True,
        kind="number",
        answer="44 days",
        answer_normalized="P44D",
        stem="According to Outlet, how long did it last?",
        choices=["44 days", "30 days", "60 days", "12 days"],
    )
    text = export_csv_text(questions=questions_for_export(status="all"))
    before = export_json(questions=questions_for_export(status="all"))

    report = import_questions_csv(stream=io.StringIO(text))

    assert (report.created, report.updated) == (0, 0)
    assert export_json(questions=questions_for_export(status="all")) == before


def test_csv_round_trip_into_an_empty_question_bank_recreates_the_questions():
    QuestionFactory()
    text = export_csv_text(questions=questions_for_export(status="all"))
    before = export_json(questions=questions_for_export(status="all"))
    Question.objects.all().delete()

    report = import_questions_csv(stream=io.StringIO(text))

    assert report.created == 1
    after = export_json(questions=questions_for_export(status="all"))
    assert [{**r, "id": 0} for r in after] == [{**r, "id": 0} for r in before]


def test_a_csv_edit_of_a_generated_question_marks_it_edited():
    question = QuestionFactory()
    text = export_csv_text(questions=questions_for_export())
    edited = text.replace("on what date did the war end?", "when did the war end?")

    report = import_questions_csv(stream=io.StringIO(edited))

    assert report.updated == 1
    question.refresh_from_db()
    assert question.stem.endswith("when did the war end?")
    assert question.origin == Question.Origin.EDITED


def test_a_bad_csv_is_refused_whole_with_reasons_by_line():
    QuestionFactory()
    text = export_csv_text(questions=questions_for_export())
    rows = list(csv.DictReader(io.StringIO(text)))
    good = dict(rows[0], stem="According to Outlet, when?", fingerprint="new-fact")
    leaky = dict(rows[0], stem="Was it 10 November 2020?", fingerprint="leak")
    unknown = dict(rows[0], source_article="no-such-article", fingerprint="x")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows([good, leaky, unknown])

    with pytest.raises(QuestionImportError) as error:
        import_questions_csv(stream=io.StringIO(buffer.getvalue()))

    message = str(error.value)
    assert "line 3: The stem contains the answer" in message
    assert "line 4: no article with the slug “no-such-article”" in message
    assert Question.objects.count() == 1


def test_import_refuses_a_file_that_is_not_an_export():
    with pytest.raises(QuestionImportError, match="Not a question export"):
        import_questions_csv(stream=io.StringIO("name,age\nx,1\n"))


def test_import_refuses_a_sentence_missing_from_the_article():
    QuestionFactory()
    text = export_csv_text(questions=questions_for_export())
    Article.objects.update(body="Something else.")
    Question.objects.all().delete()
    for sentence in Article.objects.get().sentences.all():
        sentence.text = "Something else."
        sentence.save()

    with pytest.raises(QuestionImportError, match="its sentence is not in the article"):
        import_questions_csv(stream=io.StringIO(text))


def parse_gift(text):
    """A small GIFT reader for the subset we write: title, stem, answers, general feedback."""
    questions = []
    for block in text.strip().split("\n\n"):
        line = next(part for part in block.splitlines() if not part.startswith("//"))
        # Split on unescaped braces and markers, then unescape.
        match = re.fullmatch(r"::(?P<title>.*?)::(?P<stem>.*?) \{(?P<body>.*)\}", line)
        body, _, feedback = re.split(r"(?<!\\)(####)", match["body"], maxsplit=1)
        answers = re.findall(r"(?<!\\)([=~])((?:\\.|[^=~\\])*)", body)

        def unescape(value):
            return re.sub(r"\\(.)", r"\1", value).strip()

        questions.append(
            {
                "title": match["title"],
                "stem": unescape(match["stem"]),
                "right": [unescape(a) for mark, a in answers if mark == "="],
                "wrong": [unescape(a) for mark, a in answers if mark == "~"],
                "feedback": unescape(feedback),
            }
        )
    return questions


def test_gift_export_reads_back_with_the_source_in_the_feedback():
    from quizzes.exports import export_gift

    question = QuestionFactory(
        stem="According to Outlet: on what date did the war {really} end?",
        article__outlet__name="TRT",
    )
    typed = QuestionFactory(
        article=question.article, mode="typed", stem="According to TRT, when = ended?", choices=[]
    )

    parsed = {q["title"]: q for q in parse_gift(export_gift(questions=questions_for_export()))}

    choice = parsed[f"Q{question.pk}"]
    assert choice["stem"] == question.stem
    assert choice["right"] == ["10 November 2020"]
    assert sorted(choice["wrong"]) == ["19 September 2023", "27 September 2020", "8 November 2020"]
    assert "The war ended on 10 November 2020." in choice["feedback"]
    assert choice["feedback"].startswith("Source: TRT")
    assert parsed[f"Q{typed.pk}"]["stem"] == typed.stem
    assert parsed[f"Q{typed.pk}"]["right"] == ["10 November 2020"]


def test_anki_export_is_an_apkg_with_one_note_per_question(tmp_path):
    import sqlite3
    import zipfile

    from quizzes.exports import ANKI_FIELDS, export_anki

    question = QuestionFactory(stem="According to Outlet, <when> did the war end?")
    QuestionFactory(draft=True)
    target = tmp_path / "questions.apkg"

    with target.open("wb") as stream:
        count = export_anki(questions=questions_for_export(), stream=stream)

    assert count == 1
    with zipfile.ZipFile(target) as package:
        assert "collection.anki2" in package.namelist()
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        [(fields,)] = db.execute("select flds from notes").fetchall()
    values = dict(zip(ANKI_FIELDS, fields.split("\x1f"), strict=True))
    assert values["Question"] == "According to Outlet, &lt;when&gt; did the war end?"
    assert values["Answer"] == "10 November 2020"
    assert values["Source sentence"] == "The war ended on <mark>10 November 2020</mark>."
    assert values["Outlet"] == question.article.outlet.name
    assert f'href="/articles/{question.article.slug}/#s-0"' in values["Link"]
