"""Perspective questions: "who reports it" and "compare the sources", stored as drafts for a
teacher to review."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch

from content.glossary import Glossary
from content.models import Article, ContestedTerm, Outlet, Sentence
from quizzes.checks import find_question_problems
from quizzes.generation import (
    attribution_for,
)
from quizzes.models import Question
from quizzes.questions import refresh_question, sync_choices

from .discrepancies import find_discrepancies

# Shown on perspective questions: they wait for a teacher, generation never publishes them.
REVIEW_NOTE = (
    "Perspective question: check that the quoted sentences and the choices are fair "
    "before publishing."
)
PERSPECTIVE_QUALITY = 0.5


@dataclass
class PerspectiveReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited or written by a teacher: left as they are
    skipped: int = 0  # too few outlets, nothing suitable

    def summary(self):
        return (
            f"Perspective questions: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.kept} kept as a teacher left them."
        )


def _fingerprint(prefix, *parts):
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{prefix}:{digest}"


def _store(*, article, sentence, fingerprint, fields, choices, report):
    """Create or refresh one generated perspective question (never one a teacher changed).
    A question that fails the checks every question meets is not stored (counted skipped)."""
    problems = find_question_problems(
        sentence_text=sentence.text,
        answer_start=fields["answer_start"],
        answer_end=fields["answer_end"],
        answer=fields["answer"],
        stem=fields["stem"],
        mode=Question.Mode.CHOICE,
        choices=[text for text, _ in choices],
        correct=[flag for _, flag in choices],
    )
    if problems:
        report.skipped += 1
        return None
    question = Question.objects.filter(article=article, fingerprint=fingerprint).first()
    fields = {
        **fields,
        "sentence": sentence,
        "sentence_text": sentence.text,
        "mode": Question.Mode.CHOICE,
        "quality": PERSPECTIVE_QUALITY,
    }
    if question is None:
        question = Question.objects.create(
            article=article,
            fingerprint=fingerprint,
            origin=Question.Origin.GENERATED,
            status=Question.Status.DRAFT,
            review_note=REVIEW_NOTE,
            **fields,
        )
        sync_choices(question=question, choices=choices)
        report.created += 1
        return question
    if question.origin != Question.Origin.GENERATED:
        report.kept += 1
        return question
    if refresh_question(question=question, fields=fields, choices=choices):
        report.updated += 1
    else:
        report.unchanged += 1
    return question


def _quote(text, *, start=None, end=None, blank=None, words_before=14, words_after=10):
    """A short excerpt of `text` around [start, end) (the whole text when short), with the span
    replaced by `blank` when given; "…" marks the cuts. Final punctuation is dropped."""
    if start is None:
        start, end = 0, len(text)
    before = text[:start].split(" ")
    after = text[end:].split(" ")
    head = " ".join(before[-words_before:]) if len(before) > words_before else text[:start]
    tail = " ".join(after[:words_after]) if len(after) > words_after else text[end:]
    middle = blank if blank is not None else text[start:end]
    quote = f"{head}{middle}{tail}".strip()
    quote = quote.rstrip(' .!?;:,"”’')
    if len(before) > words_before:
        quote = "…" + quote
    if len(after) > words_after:
        quote += "…"
    return quote


def _quote_whole(text):
    """The sentence without its final punctuation or, when it has none, without its last
    word: the stem quotes the statement without containing the answer span (the sentence)."""
    quote = _quote(text)
    if quote == text.strip():
        quote = quote.rsplit(" ", 1)[0] + "…"
    return quote


def build_compare_questions(*, discrepancies=None):
    """Store a "compare the sources" question (kind compare, draft) for each discrepancy:
    the stem quotes the first outlet's passage and the second's with its value blanked, and
    asks which figure the second outlet gives; the choices are both outlets' figures as
    written. The source sentence is the second outlet's. Idempotent; a question a teacher
    edited or wrote is kept. Returns a `PerspectiveReport`.
    """
    if discrepancies is None:
        discrepancies = find_discrepancies()
    report = PerspectiveReport()
    with transaction.atomic():
        for discrepancy in discrepancies:
            for shown, asked in (
                (discrepancy.first, discrepancy.second),
                (discrepancy.second, discrepancy.first),
            ):
                if asked.text.casefold() == shown.text.casefold():
                    report.skipped += 1
                    continue
                shown_by = _says(shown)
                asked_by = _says(asked)
                stem = (
                    f"{shown_by[0].upper()}{shown_by[1:]} says: “{_quote(shown.sentence.text, start=shown.start, end=shown.end)}”. "
                    f"{asked_by[0].upper()}{asked_by[1:]} says: “{_quote(asked.sentence.text, start=asked.start, end=asked.end, blank='______')}”. "
                    f"What figure does {_name(asked.outlet)} give in the blank?"
                )
                answer = asked.text
                choices = sorted([answer, shown.text], key=str.casefold)
                _store(
                    article=asked.article,
                    sentence=asked.sentence,
                    fingerprint=_fingerprint(
                        "compare", asked.sentence.text, asked.value, shown.outlet.name, shown.value
                    ),
                    fields={
                        "kind": Question.Kind.COMPARE,
                        "stem": stem,
                        "answer": answer,
                        "answer_normalized": asked.value,
                        "answer_start": asked.start,
                        "answer_end": asked.end,
                        "attribution": "",
                    },
                    choices=[(text, text == answer) for text in choices],
                    report=report,
                )
    return report


def _name(outlet):
    """The outlet's name as it reads in a sentence ("TRT", "the Caspian Post")."""
    return attribution_for(
        outlet=outlet.name, voice="news", name=outlet.attribution_name
    ).removeprefix("According to ")


def _says(mention):
    """Who says it, in the words of the attribution ("TRT", "an opinion piece in the Caspian
    Post")."""
    return attribution_for(
        outlet=mention.outlet.name,
        voice=mention.article.voice,
        name=mention.outlet.attribution_name,
    ).removeprefix("According to ")


MAX_OUTLET_QUESTIONS_PER_ARTICLE = 3
MAX_OUTLET_CHOICES = 4
_MAX_QUOTED_WORDS = 45


def build_outlet_questions(*, articles=None):
    """Store "who reports it" questions (kind outlet, draft): for up to
    `MAX_OUTLET_QUESTIONS_PER_ARTICLE` sentences per article that use contested terms, the
    learner picks which outlet wrote the sentence, which the stem quotes (without its final
    punctuation). The answer span is the whole sentence (the statement), so the feedback
    highlights it with its terms glossed, next to the outlet's note.

    Choices are the outlets with articles in the library, up to `MAX_OUTLET_CHOICES` (the
    answer and those of other alignments first): with two outlets it is a two-choice question.
    Nothing is built while the library has fewer than two outlets. Sentences naming their own
    outlet are skipped (they give the answer away). Idempotent; teachers' edits are kept.
    """
    report = PerspectiveReport()
    outlets = list(Outlet.objects.filter(articles__isnull=False).distinct().order_by("name"))
    if len(outlets) < 2:
        report.skipped += 1
        return report
    glossary = Glossary(ContestedTerm.objects.all())
    queryset = Article.objects.select_related("outlet").prefetch_related(
        Prefetch("sentences", queryset=Sentence.objects.order_by("position"))
    )
    if articles is not None:
        queryset = queryset.filter(pk__in=[a.pk for a in articles])
    with transaction.atomic():
        for article in queryset:
            outlet = article.outlet
            names = [outlet.name, *(str(a) for a in outlet.aliases or [])]
            chosen, terms_used = [], set()
            for sentence in article.sentences.all():
                matches = glossary.flags(sentence.text)  # not the neutral, international words
                words = len(sentence.text.split())
                if not matches or not 8 <= words <= _MAX_QUOTED_WORDS:
                    continue
                if any(n.casefold() in sentence.text.casefold() for n in names):
                    continue
                new_terms = {str(m.term) for m in matches} - terms_used
                if not new_terms:
                    continue  # prefer sentences that bring a term not asked about yet
                terms_used |= new_terms
                chosen.append((sentence, matches))
                if len(chosen) == MAX_OUTLET_QUESTIONS_PER_ARTICLE:
                    break
            for sentence, matches in chosen:
                written = dict.fromkeys(sentence.text[m.start : m.end] for m in matches)
                term_list = " and ".join(f"“{w}”" for w in list(written)[:2])
                stem = (
                    f"Which outlet wrote this sentence, which uses {term_list}? "
                    f"“{_quote_whole(sentence.text)}”"
                )
                choice_outlets = _outlet_choices(answer=outlet, outlets=outlets)
                _store(
                    article=article,
                    sentence=sentence,
                    fingerprint=_fingerprint("outlet", sentence.text),
                    fields={
                        "kind": Question.Kind.OUTLET,
                        "stem": stem,
                        "answer": outlet.name,
                        "answer_normalized": outlet.slug,
                        "answer_start": 0,
                        "answer_end": len(sentence.text),
                        "attribution": "",
                    },
                    choices=[(o.name, o.pk == outlet.pk) for o in choice_outlets],
                    report=report,
                )
    return report


def _outlet_choices(*, answer, outlets):
    """The answer and up to MAX_OUTLET_CHOICES - 1 other outlets, other alignments first,
    in name order."""
    others = sorted(
        (o for o in outlets if o.pk != answer.pk),
        key=lambda o: (o.alignment == answer.alignment, o.name),
    )
    return sorted([answer, *others[: MAX_OUTLET_CHOICES - 1]], key=lambda o: o.name)


def build_perspective_questions(*, articles=None):
    """Build both kinds of perspective question for the library (see the two builders);
    returns their combined report."""
    outlet_report = build_outlet_questions(articles=articles)
    compare_report = build_compare_questions(discrepancies=find_discrepancies())
    return PerspectiveReport(
        created=outlet_report.created + compare_report.created,
        updated=outlet_report.updated + compare_report.updated,
        unchanged=outlet_report.unchanged + compare_report.unchanged,
        kept=outlet_report.kept + compare_report.kept,
        skipped=outlet_report.skipped + compare_report.skipped,
    )
