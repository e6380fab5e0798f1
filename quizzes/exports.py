"""Questions out of (and back into) the app: JSON per DESIGN.md's contract, and CSV.

The functions take a queryset of questions and cost a constant number of queries whatever its
size: the command `export_questions` and the admin's export actions both call them.
"""

import csv
import io

from django.db import transaction
from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.text import slugify

from content.ingest import ImportedItem, ImportReport
from content.models import Article
from quizzes.checks import find_question_problems, normalize
from quizzes.models import Choice, Question
from quizzes.questions import sync_choices

CHOICE_SEPARATOR = " | "

# The CSV columns: the JSON fields flattened, then what an import needs to restore a question
# exactly (mode, normalised answer, fingerprint).
CSV_COLUMNS = [
    "id",
    "kind",
    "status",
    "origin",
    "stem",
    "answer",
    "choices",
    "attribution",
    "source_article",
    "source_title",
    "source_outlet",
    "source_url",
    "source_published",
    "source_sentence",
    "answer_start",
    "answer_end",
    "perspective_note",
    "corroborated_by",
    "mode",
    "answer_normalized",
    "fingerprint",
]


def questions_for_export(*, status="published", queryset=None):
    """Return the questions to export, with everything the export reads fetched up front.

    `status` is "published", "draft", "rejected" or "all".
    """
    questions = Question.objects.all() if queryset is None else queryset
    if status != "all":
        questions = questions.filter(status=status)
    return questions.select_related("article__outlet", "sentence").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position", "id"))
    )


def find_corroborations(*, questions):
    """Map each question's pk to the sorted names of the other outlets whose articles state the
    same fact about the same event (see `quizzes.perspective.corroboration_map`: same kind and
    normalised answer, in a question that was not rejected, with overlapping event words).

    A constant number of queries for the whole list.
    """
    # Imported here: quizzes.perspective works with the generator's rules (quizzes.generation),
    # which the admin, importing this module for its export actions, must not load at start-up.
    from quizzes.perspective import corroboration_map

    return {
        pk: [outlet.name for outlet in outlets]
        for pk, outlets in corroboration_map(questions=questions).items()
    }


def _question_record(question, corroborated_by):
    article = question.article
    return {
        "id": question.pk,
        "kind": question.kind,
        "status": question.status,
        "origin": question.origin,
        "stem": question.stem,
        "answer": question.answer,
        "choices": [choice.text for choice in question.choices.all()],
        "attribution": question.attribution,
        "source": {
            "article": article.slug,
            "title": article.title,
            "outlet": article.outlet.name,
            "url": article.url,
            "published": article.published.isoformat(),
            "sentence": question.sentence_text,
            "answer_start": question.answer_start,
            "answer_end": question.answer_end,
        },
        "perspective_note": article.outlet.perspective_note,
        "corroborated_by": corroborated_by,
    }


def export_json(*, questions):
    """Return the questions as DESIGN.md's JSON export: a list of one dict per question, ready
    for `json.dump`. Pass `questions_for_export(...)` to keep the queries constant."""
    questions = list(questions)
    corroborations = find_corroborations(questions=questions)
    return [_question_record(q, corroborations[q.pk]) for q in questions]


def export_csv(*, questions, stream):
    """Write the questions to `stream` as CSV with a header row (`CSV_COLUMNS`): one row per
    question, the JSON fields flattened, list fields joined by " | ". Returns the row count."""
    questions = list(questions)
    corroborations = find_corroborations(questions=questions)
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for question in questions:
        record = _question_record(question, corroborations[question.pk])
        source = record.pop("source")
        answer_span = {
            "answer_start": source.pop("answer_start"),
            "answer_end": source.pop("answer_end"),
        }
        record.update(
            choices=CHOICE_SEPARATOR.join(record["choices"]),
            corroborated_by=CHOICE_SEPARATOR.join(record["corroborated_by"]),
            mode=question.mode,
            answer_normalized=question.answer_normalized,
            fingerprint=question.fingerprint,
            **answer_span,
            **{f"source_{key}": value for key, value in source.items()},
        )
        writer.writerow(record)
    return len(questions)


# -- Moodle GIFT and Anki -------------------------------------------------------------------------

# GIFT's special characters, escaped with a backslash wherever text appears.
_GIFT_SPECIAL = str.maketrans({c: "\\" + c for c in "~=#{}:\\"})


def _gift_text(text):
    return " ".join(str(text).split()).translate(_GIFT_SPECIAL)


def _source_feedback(record):
    source = record["source"]
    return (
        f"Source: {source['outlet']}, “{source['title']}” ({source['published']}): "
        f"“{source['sentence']}” {record['perspective_note']}"
    ).strip()


def export_gift(*, questions):
    """Return the questions in Moodle's GIFT format: one question per block, titled
    "Q<id>", multiple choice (`=right ~wrong`) or short answer (`=answer`), with the source
    sentence, the outlet and its perspective note as the general feedback (`####`)."""
    blocks = []
    for record in export_json(questions=questions):
        if record["choices"]:
            answers = " ".join(
                ("=" if choice == record["answer"] else "~") + _gift_text(choice)
                for choice in record["choices"]
            )
        else:
            answers = "=" + _gift_text(record["answer"])
        blocks.append(
            f"// {record['kind']} question {record['id']} from {record['source']['article']}\n"
            f"::Q{record['id']}::{_gift_text(record['stem'])} "
            f"{{{answers} ####{_gift_text(_source_feedback(record))}}}"
        )
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# Fixed ids, so that importing a newer export into Anki updates the same deck and note type.
ANKI_MODEL_ID = 1732147201
ANKI_DECK_ID = 1732147202
ANKI_FIELDS = ["Question", "Answer", "Source sentence", "Outlet", "Perspective note", "Link"]


def export_anki(*, questions, stream, base_url=""):
    """Write the questions to `stream` (binary) as an Anki package (.apkg) of one deck.

    Each note has the fields of `ANKI_FIELDS` (HTML-escaped; the answer highlighted in the
    source sentence) and a stable id from the question's article and fact, so re-importing
    updates notes instead of adding copies. `base_url` prefixes the link to the article reader.
    """
    import genanki  # only exports need it

    model = genanki.Model(
        ANKI_MODEL_ID,
        "quizsite question",
        fields=[{"name": name} for name in ANKI_FIELDS],
        templates=[
            {
                "name": "Question → answer",
                "qfmt": "{{Question}}",
                "afmt": (
                    "{{FrontSide}}<hr id=answer><b>{{Answer}}</b>"
                    "<p>{{Source sentence}}</p><p><i>{{Outlet}}</i>: {{Perspective note}}</p>"
                    "<p>{{Link}}</p>"
                ),
            }
        ],
    )
    deck = genanki.Deck(ANKI_DECK_ID, "quizsite")
    questions = list(questions)
    records = {record["id"]: record for record in export_json(questions=questions)}
    for question in questions:
        record = records[question.pk]
        source = record["source"]
        start, end = source["answer_start"], source["answer_end"]
        sentence = source["sentence"]
        url = f"{base_url}{question.article.get_absolute_url()}"
        if question.sentence is not None:
            url += f"#{question.sentence.anchor}"
        deck.add_note(
            genanki.Note(
                model=model,
                guid=genanki.guid_for(source["article"], question.fingerprint or question.pk),
                fields=[
                    escape(record["stem"]),
                    escape(record["answer"]),
                    f"{escape(sentence[:start])}<mark>{escape(sentence[start:end])}</mark>"
                    f"{escape(sentence[end:])}",
                    escape(source["outlet"]),
                    escape(record["perspective_note"]),
                    f'<a href="{escape(url)}">{escape(source["title"])}</a>',
                ],
                tags=[record["kind"], slugify(source["outlet"])],
            )
        )
    genanki.Package(deck).write_to_file(stream)
    return len(questions)


# -- CSV import -----------------------------------------------------------------------------------


class QuestionImportError(ValueError):
    """A CSV import was refused; the message lists every problem, by line."""


_EDITABLE = ["kind", "mode", "stem", "answer", "answer_normalized", "attribution"]


def _parse_row(line, row, articles):
    """Check one CSV row; return (values, problems)."""
    problems = []
    missing = [name for name in ("source_article", "stem", "answer", "kind") if not row.get(name)]
    if missing:
        return None, [f"line {line}: missing {', '.join(missing)}."]
    article = articles.get(row["source_article"])
    if article is None:
        return None, [f"line {line}: no article with the slug “{row['source_article']}”."]
    values = {
        "article": article,
        "kind": row["kind"],
        "mode": row.get("mode") or Question.Mode.CHOICE,
        "status": row.get("status") or Question.Status.DRAFT,
        "origin": row.get("origin") or Question.Origin.AUTHORED,
        "stem": row["stem"],
        "answer": row["answer"],
        "answer_normalized": row.get("answer_normalized", ""),
        "attribution": row.get("attribution", ""),
        "sentence_text": row.get("source_sentence", ""),
        "fingerprint": row.get("fingerprint", ""),
    }
    for name, choices in (
        ("kind", Question.Kind),
        ("mode", Question.Mode),
        ("status", Question.Status),
        ("origin", Question.Origin),
    ):
        if values[name] not in choices.values:
            problems.append(
                f"line {line}: {name} “{values[name]}” is not one of {', '.join(choices.values)}."
            )
    try:
        values["answer_start"] = int(row.get("answer_start", ""))
        values["answer_end"] = int(row.get("answer_end", ""))
    except ValueError:
        return None, [*problems, f"line {line}: answer_start and answer_end must be whole numbers."]
    sentence = next((s for s in article.sentences.all() if s.text == values["sentence_text"]), None)
    if sentence is None:
        problems.append(f"line {line}: its sentence is not in the article “{article.slug}”.")
    values["sentence"] = sentence
    raw_choices = row.get("choices", "")
    values["choices"] = raw_choices.split(CHOICE_SEPARATOR) if raw_choices.strip() else []
    problems += [
        f"line {line}: {problem}"
        for problem in find_question_problems(
            sentence_text=values["sentence_text"],
            answer_start=values["answer_start"],
            answer_end=values["answer_end"],
            answer=values["answer"],
            stem=values["stem"],
            mode=values["mode"],
            choices=values["choices"],
        )
    ]
    return values, problems


def _find_existing(values):
    questions = Question.objects.filter(article=values["article"])
    if values["fingerprint"]:
        return questions.filter(fingerprint=values["fingerprint"]).first()
    return questions.filter(
        fingerprint="",
        kind=values["kind"],
        sentence_text=values["sentence_text"],
        answer_start=values["answer_start"],
        answer_end=values["answer_end"],
    ).first()


def import_questions_csv(*, stream):
    """Import questions from a CSV written by `export_csv` (possibly edited in a spreadsheet).

    All or nothing: every row is checked first (known article slug, sentence present in that
    article, valid kind/mode/status/origin, the same checks as authoring) and any problem raises
    QuestionImportError listing them all by line, with nothing written. Then, in one
    transaction, each row updates the question it identifies (same article and fingerprint, or
    for fingerprint-less questions the same kind, sentence and span), or creates it. A
    generated question whose text a row changes becomes "edited", so generation keeps the
    change. Ids in the file are ignored: they belong to the database that exported it.
    """
    reader = csv.DictReader(stream)
    if reader.fieldnames is None or "source_article" not in reader.fieldnames:
        raise QuestionImportError("Not a question export: the header has no source_article column.")
    rows = list(reader)
    slugs = {row.get("source_article", "") for row in rows}
    articles = {
        a.slug: a for a in Article.objects.filter(slug__in=slugs).prefetch_related("sentences")
    }
    parsed, problems = [], []
    for line, row in enumerate(rows, start=2):
        values, row_problems = _parse_row(line, row, articles)
        problems += row_problems
        parsed.append((line, values))
    if problems:
        raise QuestionImportError(" ".join(problems))
    report = ImportReport(noun="question")
    with transaction.atomic():
        for line, values in parsed:
            # The choice that is the answer, compared as the checks compare them.
            choices = [
                (text, normalize(text) == normalize(values["answer"]))
                for text in values.pop("choices")
            ]
            question = _find_existing(values)
            if question is None:
                question = Question.objects.create(**values)
                sync_choices(question=question, choices=choices)
                report.items.append(ImportedItem(f"line {line}", question.pk, ImportedItem.CREATED))
                continue
            fields = {
                name: values[name]
                for name in [*_EDITABLE, "sentence_text", "answer_start", "answer_end", "status"]
            }
            changed = [name for name, value in fields.items() if getattr(question, name) != value]
            if question.sentence_id != values["sentence"].pk:
                question.sentence = values["sentence"]
                changed.append("sentence")
            for name in changed:
                if name != "sentence":
                    setattr(question, name, fields[name])
            choices_changed = sync_choices(question=question, choices=choices)
            edited = choices_changed or set(changed) & {*_EDITABLE, "answer_start", "answer_end"}
            if edited and question.origin == Question.Origin.GENERATED:
                question.origin = Question.Origin.EDITED
                changed.append("origin")
            if changed:
                question.save(update_fields=[*changed, "updated"])
            outcome = ImportedItem.UPDATED if changed or choices_changed else ImportedItem.UNCHANGED
            report.items.append(ImportedItem(f"line {line}", question.pk, outcome))
    return report


def export_csv_text(*, questions):
    """The CSV export as a string (for HTTP responses and standard output)."""
    buffer = io.StringIO()
    export_csv(questions=questions, stream=buffer)
    return buffer.getvalue()
