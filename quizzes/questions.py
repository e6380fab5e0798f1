"""The one writer of questions: storing generated drafts, refreshing, re-linking after an article's
text changed, publishing and a teacher's review.

The rules that make `generate_questions` safe to run again and again:

- a question is identified by its article and the fingerprint of its fact, so re-running
  refreshes instead of duplicating;
- a question a teacher edited or wrote is never overwritten;
- when an article's text changes, each question follows its sentence (same text, new
  position) or, when the sentence is gone, goes back to draft with a note saying why;
- automatic publishing (`--publish-above`) only touches drafts no teacher has decided on.

This module never imports `quizzes.generation`: it stores `Draft`s, whoever made them, and is
imported by the admin and at app start-up (apps.ready), where the generator must not load.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from quizzes.checks import find_question_problems, normalize
from quizzes.models import Choice, Question
from quizzes.question_cache import touch

# Shown on a question that generation sent back to draft, and what keeps it from being
# published automatically until a teacher has looked at it.
SENTENCE_GONE_NOTE = (
    "Its source sentence is no longer in the article (the article's text changed): "
    "check it against the new text before publishing."
)
REGENERATED_NOTE = (
    "Regenerated from the article's changed text after its sentence had gone: "
    "review it before publishing."
)


@dataclass
class DraftingReport:
    """What a generation run did; reports add up with `+`."""

    articles: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited or written by a teacher: left exactly as they are
    relinked: int = 0  # followed their sentence to its new position
    back_to_draft: int = 0  # their sentence is gone from the changed article
    published: int = 0
    proposed: int = 0  # entity names recorded unconfirmed for a teacher to confirm
    skipped: list[str] = field(default_factory=list)  # drafts that failed the checks, and why

    def __add__(self, other):
        return DraftingReport(
            articles=self.articles + other.articles,
            created=self.created + other.created,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
            kept=self.kept + other.kept,
            relinked=self.relinked + other.relinked,
            back_to_draft=self.back_to_draft + other.back_to_draft,
            published=self.published + other.published,
            proposed=self.proposed + other.proposed,
            skipped=self.skipped + other.skipped,
        )

    def summary(self):
        """One line for people: what changed."""
        return (
            f"{self.articles} article(s): {self.created} question(s) created, "
            f"{self.updated} updated, {self.unchanged} unchanged, "
            f"{self.kept} kept as a teacher left them, {self.relinked} re-linked to their "
            f"sentence, {self.back_to_draft} back to draft, {self.published} published, "
            f"{len(self.skipped)} draft(s) skipped."
            + (
                f" {self.proposed} entity name(s) proposed for a teacher to confirm."
                if self.proposed
                else ""
            )
        )


def relink_questions(*, article):
    """Make every question of `article` point at the sentence it quotes, after a re-split.

    A question whose sentence row is gone or no longer reads as its `sentence_text` is re-linked
    to the article's first sentence with exactly that text. When there is none (the text
    changed), it goes back to draft with a note saying why, whatever its origin: a published
    question must quote its article verbatim. Returns a report counting both outcomes;
    running it again changes nothing.
    """
    report = DraftingReport()
    by_id, by_text = {}, {}
    for sentence in sorted(article.sentences.all(), key=lambda s: s.position):
        by_id[sentence.pk] = sentence
        by_text.setdefault(sentence.text, sentence)
    with transaction.atomic():
        for question in Question.objects.filter(article=article).only(
            "pk", "sentence", "sentence_text", "status", "review_note"
        ):
            current = by_id.get(question.sentence_id)
            if current is not None and current.text == question.sentence_text:
                continue
            replacement = by_text.get(question.sentence_text)
            if replacement is not None:
                question.sentence = replacement
                question.save(update_fields=["sentence", "updated"])
                report.relinked += 1
            elif (
                question.sentence_id is not None
                or question.status != Question.Status.DRAFT
                or question.review_note != SENTENCE_GONE_NOTE
            ):
                question.sentence = None
                question.status = Question.Status.DRAFT
                question.review_note = SENTENCE_GONE_NOTE
                question.save(update_fields=["sentence", "status", "review_note", "updated"])
                report.back_to_draft += 1
    return report


def follow_article_resplit(sender, *, article, **kwargs):
    """Receiver of `content.signals.article_resplit`: questions follow their sentences at once,
    so the reader's anchors stay right even before generation runs again."""
    relink_questions(article=article)


def _draft_fields(draft, sentence):
    return {
        "kind": draft.kind,
        "mode": draft.mode,
        "stem": draft.stem,
        "answer": draft.answer,
        "answer_normalized": draft.answer_normalized,
        "sentence_id": sentence.pk,
        "sentence_text": draft.sentence_text,
        "answer_start": draft.answer_start,
        "answer_end": draft.answer_end,
        "attribution": draft.attribution,
        "quality": draft.quality,
    }


def _draft_choices(draft):
    if draft.mode == Question.Mode.TYPED:
        return []
    return [(text, normalize(text) == normalize(draft.answer)) for text in draft.choices]


def sync_choices(*, question, choices):
    """Make the question's Choice rows read `choices` [(text, is_correct)] in order.

    Rows are updated in place by position rather than replaced, so learners' past responses
    keep pointing at a choice. Returns whether anything changed.
    """
    rows = sorted(question.choices.all(), key=lambda c: (c.position, c.pk))
    if not rows:
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=is_correct, position=position)
            for position, (text, is_correct) in enumerate(choices)
        )
        if choices:
            touch(question_id=question.pk)  # bulk_create sends no post_save
        return bool(choices)
    changed = False
    for position, (text, is_correct) in enumerate(choices):
        if position < len(rows):
            row = rows[position]
            if (row.text, row.is_correct, row.position) != (text, is_correct, position):
                row.text, row.is_correct, row.position = text, is_correct, position
                row.save(update_fields=["text", "is_correct", "position"])
                changed = True
        else:
            Choice.objects.create(
                question=question, text=text, is_correct=is_correct, position=position
            )
            changed = True
    surplus = [row.pk for row in rows[len(choices) :]]
    if surplus:
        Choice.objects.filter(pk__in=surplus).delete()
        changed = True
    return changed


def refresh_question(*, question, fields, choices):
    """Make a stored question read `fields` ({field name: value}) and `choices`
    [(text, is_correct)], saving only the fields that differ (and `updated` with them) and
    keeping its choice rows (`sync_choices`). Returns whether anything changed. The caller
    decides whether the question may be refreshed at all (generation never refreshes one a
    teacher edited or wrote)."""
    changed = [name for name, value in fields.items() if getattr(question, name) != value]
    for name in changed:
        setattr(question, name, fields[name])
    if changed:
        question.save(update_fields=[*changed, "updated"])
    return sync_choices(question=question, choices=choices) or bool(changed)


def _find_length_problems(draft):
    """What would not fit the database's columns (PostgreSQL refuses what SQLite would keep)."""
    limits = {
        "answer": (draft.answer, Question._meta.get_field("answer").max_length),
        "normalised answer": (
            draft.answer_normalized,
            Question._meta.get_field("answer_normalized").max_length,
        ),
        "attribution": (draft.attribution, Question._meta.get_field("attribution").max_length),
        "fingerprint": (draft.fingerprint, Question._meta.get_field("fingerprint").max_length),
    }
    problems = [
        f"its {name} is longer than {limit} characters"
        for name, (value, limit) in limits.items()
        if len(value) > limit
    ]
    choice_limit = Choice._meta.get_field("text").max_length
    if any(len(text) > choice_limit for text in draft.choices):
        problems.append(f"a choice is longer than {choice_limit} characters")
    return problems


def store_drafts(*, article, drafts):
    """Store the generator's drafts for `article` as questions, in one transaction.

    Idempotent by (article, fingerprint): storing the same drafts again changes nothing. For
    each draft (the best-quality one when several share a fingerprint):
    - no question yet: a draft question is created with its choices (the answer marked
      correct exactly once);
    - a generated question no teacher touched: refreshed to the draft (counted as updated,
      or unchanged when nothing differs), keeping its status;
    - a question a teacher edited or wrote: kept exactly as it is.
    Drafts that fail `find_question_problems`, or whose sentence is not in the article, are
    skipped and listed in the report. First, questions follow their sentences after a re-split
    (`relink_questions`).
    """
    report = DraftingReport(articles=1)
    with transaction.atomic():
        report += relink_questions(article=article)
        sentences = sorted(article.sentences.all(), key=lambda s: s.position)
        by_position = {s.position: s for s in sentences}
        by_text = {}
        for sentence in sentences:
            by_text.setdefault(sentence.text, sentence)
        existing = {
            q.fingerprint: q
            for q in Question.objects.filter(article=article)
            .exclude(fingerprint="")
            .prefetch_related("choices")
        }
        seen = set()
        new = []  # (question, choices) to create, in one statement each for all of them
        for draft in sorted(drafts, key=lambda d: -d.quality):
            if not draft.fingerprint or draft.fingerprint in seen:
                continue
            seen.add(draft.fingerprint)
            sentence = by_position.get(draft.sentence_position)
            if sentence is None or sentence.text != draft.sentence_text:
                sentence = by_text.get(draft.sentence_text)
            choices = _draft_choices(draft)
            problems = find_question_problems(
                sentence_text=draft.sentence_text,
                answer_start=draft.answer_start,
                answer_end=draft.answer_end,
                answer=draft.answer,
                stem=draft.stem,
                mode=draft.mode,
                choices=[text for text, _ in choices],
                correct=[flag for _, flag in choices],
            )
            if sentence is None:
                problems.append("its sentence is not in the article")
            problems += _find_length_problems(draft)
            if problems:
                report.skipped.append(f"{article.slug}: “{draft.stem}”: " + " ".join(problems))
                continue
            fields = _draft_fields(draft, sentence)
            question = existing.get(draft.fingerprint)
            if question is None:
                new.append(
                    (Question(article=article, fingerprint=draft.fingerprint, **fields), choices)
                )
                report.created += 1
                continue
            if question.origin != Question.Origin.GENERATED:
                report.kept += 1
                continue
            if question.review_note == SENTENCE_GONE_NOTE:
                fields["review_note"] = REGENERATED_NOTE
            if refresh_question(question=question, fields=fields, choices=choices):
                report.updated += 1
            else:
                report.unchanged += 1
        # New questions and their choices: two INSERTs for the article, not two per question
        # (both backends give the new ids back).
        Question.objects.bulk_create([question for question, _ in new])
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=is_correct, position=position)
            for question, choices in new
            for position, (text, is_correct) in enumerate(choices)
        )
    return report


def publish_drafts(*, articles, threshold):
    """Publish the generated drafts of `articles` whose quality is at least `threshold`.

    Only drafts no teacher has decided on: never a rejected question, never one a teacher
    edited, wrote or set the status of, never one generation sent back to draft for review,
    and never one without its sentence. Returns how many were published.
    """
    return (
        Question.objects.filter(
            article__in=articles,
            status=Question.Status.DRAFT,
            origin=Question.Origin.GENERATED,
            quality__gte=threshold,
            reviewed_at__isnull=True,
            review_note="",
            sentence__isnull=False,
        )
        .exclude(fingerprint="")
        .update(status=Question.Status.PUBLISHED)
    )


def review_questions(*, questions, status):
    """Record a teacher's decision: set `status` on `questions` (a queryset) and mark them
    reviewed, so automatic publishing leaves them alone from now on.

    A question whose sentence is no longer in its article is not published (it would not quote
    its article verbatim). Returns (how many changed, how many were refused).
    """
    refused = 0
    if status == Question.Status.PUBLISHED:
        refused = questions.filter(sentence__isnull=True).count()
        questions = questions.filter(sentence__isnull=False)
    changed = Question.objects.filter(pk__in=questions.values("pk")).update(
        status=status, reviewed_at=timezone.now(), review_note=""
    )
    return changed, refused
