"""Taking quizzes: attempts and answers, every learner write in one transaction.

Grading happens here, on the server, with `quizzes.grading`; every answer to a published
question is also a review of the learner's flashcard for it (`quizzes.flashcards`). Views
call these functions and render what they return.
"""

import random
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F, FilteredRelation, Q, Subquery, Sum

from . import grading, question_cache, scheduling
from .flashcards import DEFAULT_RETENTION, StaleReview, apply_review
from .models import (
    Attempt,
    Card,
    Choice,
    LearnerProfile,
    Question,
    QuestionQuerySet,
    QuizQuestion,
    Response,
    ReviewLog,
)


class QuizUnavailable(Exception):
    """The quiz cannot be taken: unpublished, or without published questions."""


class AttemptFinished(Exception):
    """The attempt is finished; its answers can no longer change."""


class NotInAttempt(Exception):
    """The question is not one of the attempt's questions."""


class InvalidAnswer(ValueError):
    """The answer is missing or does not fit the question (message is for the learner)."""


@dataclass
class QuestionSlot:
    """A question as the learner meets it in an attempt: its place and its choices in order."""

    attempt: Attempt
    question: Question
    number: int
    total: int
    choices: list[Choice] = field(default_factory=list)

    @property
    def is_last(self):
        return self.number == self.total


@dataclass
class AnswerResult:
    """The stored outcome of an answer (the same however many times it is submitted)."""

    question: Question
    response: Response
    repeated: bool

    @property
    def is_correct(self):
        return self.response.is_correct

    @property
    def credit(self):
        return self.response.credit

    @property
    def is_partial(self):
        return 0 < self.response.credit < 1


def start_or_resume_attempt(*, learner, quiz):
    """Return the learner's unfinished attempt at `quiz`, or start one.

    A new attempt fixes the quiz's published questions, in order, so later edits to the quiz
    do not move a learner mid-way. Raises QuizUnavailable when there is nothing to take.
    """
    if not quiz.is_published:
        raise QuizUnavailable("This quiz is not published.")
    attempt = Attempt.objects.open().filter(learner=learner, quiz=quiz).first()
    if attempt is not None:
        return attempt
    question_ids = list(
        QuizQuestion.objects.filter(QuestionQuerySet.is_published("question__"), quiz=quiz)
        .order_by("position", "id")
        .values_list("question_id", flat=True)
    )
    if not question_ids:
        raise QuizUnavailable("This quiz has no questions yet.")
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                learner=learner, quiz=quiz, question_ids=question_ids, max_score=len(question_ids)
            )
    except IntegrityError:
        # Another request opened the attempt a moment ago (one open attempt per quiz).
        return Attempt.objects.open().get(learner=learner, quiz=quiz)


def get_attempt(*, learner, attempt_id, with_answered=False, for_answer=False):
    """The learner's attempt with its quiz; Attempt.DoesNotExist for anyone else's.

    With `with_answered`, the ids of the questions it has answers to come in the same query
    (for `next_question`, which then needs no query of its own). With `for_answer`, inside a
    transaction, the attempt's row (not its quiz's) is locked until the transaction ends, as
    `record_answer` locks it, and read once locked, with the learner's desired retention
    (`learner_retention`, None without a profile): pass it to `load_question`, then to
    `record_answer` with `locked=True` in the same transaction, which takes no lock of its own.
    """
    attempts = Attempt.objects.select_related("quiz")
    if with_answered:
        attempts = attempts.with_answered_ids()
    if for_answer:
        attempts = attempts.select_for_update(no_key=True, of=("self",)).annotate(
            learner_retention=F("learner__learner_profile__desired_retention")
        )
    # Both conditions in get(): one filter() fewer to build (a clone and a WHERE merge).
    return attempts.get(pk=attempt_id, learner=learner)


def _answered_question_ids(attempt):
    if hasattr(attempt, "answered_ids"):  # annotated by get_attempt(with_answered=True)
        return {int(pk) for pk in (attempt.answered_ids or "").split(",") if pk}
    return set(attempt.responses.order_by().values_list("question_id", flat=True))


def next_question(*, attempt):
    """The first question of the attempt not yet answered, as a QuestionSlot; None when done.

    The slot holds what the question page shows (stem, choices) and what grading needs, not
    the source or the learner's card: `record_answer` reads the card itself when given it,
    `load_question` brings everything in one query for the answer's feedback.
    """
    answered = _answered_question_ids(attempt)
    for number, question_id in enumerate(attempt.question_ids, start=1):
        if question_id in answered:
            continue
        slot = _load_slot(attempt=attempt, question_id=question_id, number=number, full=False)
        if slot is not None:  # a question deleted since the attempt started is skipped
            return slot
    return None


def load_question(*, attempt, question_id, number=None, rendered_source=False):
    """One of the attempt's questions with its article, outlet, sentence, choices in display
    order, the learner's card and whether the attempt has an answer to it; None if it is not
    in the attempt or no longer exists.

    With `rendered_source` (the answer's feedback, which shows them with
    `{% question_source %}`), the question's source may come instead as the HTML cached for
    this version of it (`question.source_html`), with no article, outlet or sentence read.
    """
    return _load_slot(
        attempt=attempt,
        question_id=question_id,
        number=number,
        full=True,
        rendered_source=rendered_source,
    )


# What the question page shows and grading reads: a question page needs no more.
_SLOT_FIELDS = ("id", "stem", "mode", "kind", "status", "answer", "answer_normalized", "updated")

# What the answer's source shows (quizzes/_source.html, content/_perspective_short.html),
# with `only()`: not the article's text nor the outlet's profile (up to kilobytes per answer
# for nothing). Naming the fields compiles faster than deferring the others (measured: 1.07
# against 1.28 ms of CPU for the query). Read only when the source is not in the cache.
_SOURCE_FIELDS = (
    "sentence_text",
    "answer_start",
    "answer_end",
    "attribution",
    "article__slug",
    "article__title",
    "article__published",
    "article__voice",
    "article__omissions_note",
    "article__outlet__slug",
    "article__outlet__name",
    "article__outlet__alignment",
    "article__outlet__perspective_note",
    "sentence__position",
)


def _feedback_questions(*, attempt, with_source):
    """Questions with what the answer's feedback shows and grading updates: the learner's
    card (`learner_card`) and the attempt's response to it (`attempt_response`), both absent
    when there is none, the learner's desired retention (`learner_retention`) unless the
    attempt brought it (`get_attempt(for_answer)`), and `with_source` article, outlet and
    sentence (quizzes/_source.html).
    """
    questions = Question.objects.annotate(
        # One row at most each: a learner has one card per question, an attempt one answer.
        learner_card=FilteredRelation("cards", condition=Q(cards__learner_id=attempt.learner_id)),
        attempt_response=FilteredRelation(
            "responses", condition=Q(responses__attempt_id=attempt.pk)
        ),
    )
    if with_source:
        questions = questions.select_related(
            "article__outlet", "sentence", "learner_card", "attempt_response"
        ).only(*_SLOT_FIELDS, *_SOURCE_FIELDS)
    else:
        questions = questions.select_related("learner_card", "attempt_response").only(*_SLOT_FIELDS)
    if not hasattr(attempt, "learner_retention"):
        retention = LearnerProfile.objects.filter(user_id=attempt.learner_id)
        questions = questions.annotate(
            learner_retention=Subquery(retention.values("desired_retention")[:1])
        )
    # The choices come from the cache (`question_cache.load_choices`, in `_load_slot`).
    return questions


def _slot_questions():
    return Question.objects.only(*_SLOT_FIELDS)


def _read_feedback_question(*, attempt, question_id, rendered_source):
    """The question for the feedback, with its source rendered (`source_html`) when this
    worker's cache holds it for this version of question and glossary, else with what
    rendering it needs and the stamp to cache it under (`source_stamp`)."""
    if not rendered_source:
        return _feedback_questions(attempt=attempt, with_source=True).get(pk=question_id)
    cached = question_cache.read_source(question_id=question_id)
    question = _feedback_questions(attempt=attempt, with_source=cached is None).get(pk=question_id)
    stamp = question_cache.source_stamp(question)
    if cached is not None and cached[0] != stamp:
        # Edited since it was cached (or the glossary was): read it again with its source,
        # one statement more, once per edit and worker.
        question = _feedback_questions(attempt=attempt, with_source=True).get(pk=question_id)
        stamp = question_cache.source_stamp(question)
        cached = None
    question.source_stamp = stamp
    question.source_html = cached[1] if cached is not None else None
    return question


def _load_slot(*, attempt, question_id, number, full, rendered_source=False):
    if question_id not in attempt.question_ids:
        return None
    try:
        if full:
            question = _read_feedback_question(
                attempt=attempt, question_id=question_id, rendered_source=rendered_source
            )
        else:
            question = _slot_questions().get(pk=question_id)  # no ORDER BY, unlike first()
    except Question.DoesNotExist:
        return None
    if full:
        question.answered = hasattr(question, "attempt_response")
        if hasattr(attempt, "learner_retention"):
            question.learner_retention = attempt.learner_retention
    # The same for every learner: from the cache, keyed by the question's `updated` time.
    question.shown_choices = (
        question_cache.load_choices(question) if question.mode == Question.Mode.CHOICE else []
    )
    return QuestionSlot(
        attempt=attempt,
        question=question,
        number=number or attempt.question_ids.index(question_id) + 1,
        total=len(attempt.question_ids),
        choices=order_choices(attempt=attempt, question=question),
    )


def choices_of(question):
    """The question's choices, in no order: those `load_question` and `next_question` brought
    from the cache, else its own (`question.choices.all()`, prefetched or one query)."""
    shown = getattr(question, "shown_choices", None)
    return question.choices.all() if shown is None else shown


def order_choices(*, attempt, question):
    """The question's choices in the order this attempt shows them.

    With `quiz.shuffle_choices` the order is a shuffle seeded by attempt and question, so it
    is stable across reloads and double submits but tells nothing about which is correct;
    otherwise the teacher's order.
    """
    if question.mode != Question.Mode.CHOICE:
        return []
    choices = sorted(choices_of(question), key=lambda choice: (choice.position, choice.pk))
    if attempt.quiz.shuffle_choices:
        random.Random(f"{attempt.pk}:{question.pk}").shuffle(choices)
    return choices


def record_answer(
    *, attempt, question, choice=None, typed=None, now, time_spent_ms=None, locked=False
):
    """Grade and store the learner's answer to `question`, and feed their flashcard.

    One response per attempt and question: a repeated submission (double click, second tab)
    stores nothing and returns the result stored first, with `repeated=True`. The quiz answer
    is also a review of the learner's card for the question (created on first meeting a
    published question): wrong → Again, partly right → Hard, right → Good.
    `question` is best loaded with `load_question`, which brings its choices and card along.
    `time_spent_ms`, when known, is kept on the response and the card's review log.
    Raises AttemptFinished, NotInAttempt or InvalidAnswer. A card written concurrently is read
    again and the answer retried, and the same answer stored concurrently is returned; inside
    a caller's transaction, which either would need to roll back to a savepoint,
    IntegrityError or StaleReview is raised instead. `locked=True` says the caller's
    transaction holds the attempt's row lock and read the attempt once it held it
    (`get_attempt(for_answer=True)`): then no statement of its own locks the attempt again.
    """
    if locked and not connection.in_atomic_block:
        raise ValueError("locked=True needs the transaction that holds the attempt's lock.")
    if attempt.finished is not None:
        raise AttemptFinished("This attempt is finished.")
    if question.pk not in attempt.question_ids:
        raise NotInAttempt("This question is not part of this attempt.")
    grade = _grade(question=question, choice=choice, typed=typed)
    if not hasattr(question, "answered"):  # not loaded by load_question
        _attach_card(question=question, attempt=attempt)
    if question.answered and (stored := get_answer(attempt=attempt, question=question)):
        return stored  # a resubmission: the first answer stands
    # Inside a caller's transaction the answer is part of it, all or nothing: no savepoint
    # (two statements saved on every answer) and so no retry, which needs one.
    retries = 1 if connection.in_atomic_block else 3
    for _ in range(retries):
        try:
            with transaction.atomic(savepoint=False):
                response = _store_response(
                    attempt=attempt,
                    locked=locked,
                    question=question,
                    choice=choice,
                    typed=typed,
                    grade=grade,
                    time_spent_ms=time_spent_ms,
                    now=now,
                )
                if question.status == Question.Status.PUBLISHED:
                    _review_from_quiz(
                        attempt=attempt,
                        question=question,
                        grade=grade,
                        now=now,
                        duration_ms=time_spent_ms,
                    )
        except (IntegrityError, StaleReview):
            if retries == 1:
                raise
            # Rolled back. The same answer was stored a moment ago (a double click, a second
            # tab: the unique constraint refused this one), or the card was written
            # concurrently (the same question in another quiz, a first meeting in two tabs,
            # a flashcard review): then read it again and retry.
            stored = get_answer(attempt=attempt, question=question)
            if stored is not None:
                return stored
            _attach_card(question=question, attempt=attempt)
            continue
        return AnswerResult(question=question, response=response, repeated=False)
    raise IntegrityError("Could not store the answer after retrying.")


def in_answer_transaction(work):
    """Return `work()`, run in one transaction that locks the attempt (`get_attempt(for_answer=True)`)
    and records the answer (`record_answer(locked=True)`).

    When the card was written concurrently (StaleReview) or a row it inserts was
    (IntegrityError: the card created in another tab, the same answer stored), everything is
    rolled back and `work` runs again, reading attempt, question and card afresh: up to three
    times. Inside a caller's transaction it runs once, with no savepoint (see record_answer).
    """
    retries = 1 if connection.in_atomic_block else 3
    for attempt in range(1, retries + 1):
        try:
            with transaction.atomic(savepoint=False):
                return work()
        except (IntegrityError, StaleReview):
            if attempt == retries:
                raise
    raise AssertionError("unreachable")


def _store_response(*, attempt, locked, question, choice, typed, grade, time_spent_ms, now):
    """Store the response if the attempt is still open (AttemptFinished if not).

    The attempt's row is locked first (FOR NO KEY UPDATE on PostgreSQL; SQLite's
    transactions take the write lock at once, see settings) until the transaction ends:
    `finish_attempt` locks it too, so a "Finish" in another tab either waits for this answer
    and counts it, or comes first and this answer sees the attempt finished. Answers in the
    same attempt wait for each other there; a second answer to the same question then
    breaks the unique constraint (IntegrityError). With `locked`, the caller took that lock
    and read the attempt (checked open by `record_answer`) after it: nothing to do here.
    """
    if (
        not locked
        and not Attempt.objects.open().select_for_update(no_key=True).filter(pk=attempt.pk).exists()
    ):
        raise AttemptFinished("This attempt is finished.")
    return Response.objects.create(
        attempt=attempt,
        question=question,
        choice=choice,
        typed_answer=(typed or "").strip()[:300],
        credit=grade.credit,
        is_correct=grade.is_correct,
        time_spent_ms=time_spent_ms,
        created=now,
    )


def _attach_card(*, question, attempt):
    """What `load_question` annotates, for a question loaded another way (or read again)."""
    learner_id = attempt.learner_id
    question.learner_card = Card.objects.for_learner(learner_id).filter(question=question).first()
    question.learner_retention = (
        LearnerProfile.objects.filter(user_id=learner_id)
        .values_list("desired_retention", flat=True)
        .first()
    )
    question.answered = Response.objects.filter(attempt=attempt, question=question).exists()


def get_answer(*, attempt, question):
    """The stored result for a question already answered in the attempt, or None: the
    response `load_question` brought (an answer, once stored, never changes), else read."""
    stored = getattr(question, "attempt_response", None)
    if stored is None or stored.attempt_id != attempt.pk:
        try:
            stored = Response.objects.get(attempt=attempt, question=question)
        except Response.DoesNotExist:
            return None
    # The chosen choice is among the question's (prefetched) choices: no query for it.
    stored.choice = next((c for c in choices_of(question) if c.pk == stored.choice_id), None)
    return AnswerResult(question=question, response=stored, repeated=True)


def finish_attempt(*, attempt, now):
    """Close the attempt and store its score (sum of credits over its questions).

    Finishing twice changes nothing: the first score and time stand.
    """
    with transaction.atomic():
        # The row lock waits for answers being stored right now (see _store_response), so
        # the score counts every answer the attempt accepted.
        Attempt.objects.select_for_update().filter(pk=attempt.pk).values_list("pk").first()
        score = attempt.responses.aggregate(total=Sum("credit"))["total"] or 0.0
        # Questions deleted since the attempt started are not held against the learner.
        asked = Question.objects.filter(pk__in=attempt.question_ids).count()
        Attempt.objects.open().filter(pk=attempt.pk).update(
            finished=now, score=score, max_score=asked
        )
    attempt.refresh_from_db(fields=["finished", "score", "max_score"])
    return attempt


def list_responses(*, attempt):
    """The attempt's responses in question order, each with question, source and choice."""
    order = {question_id: index for index, question_id in enumerate(attempt.question_ids)}
    responses = Response.objects.filter(attempt=attempt).select_related(
        "question__article__outlet", "question__sentence", "choice"
    )
    return sorted(responses, key=lambda response: order.get(response.question_id, len(order)))


def _grade(*, question, choice, typed):
    if question.mode == Question.Mode.CHOICE:
        if choice is None:
            raise InvalidAnswer("Choose one of the answers.")
        if choice.question_id != question.pk:
            raise InvalidAnswer("That choice belongs to another question.")
        return grading.grade_choice(
            chosen_id=choice.pk, correct_ids=[c.pk for c in choices_of(question) if c.is_correct]
        )
    if not (typed or "").strip():
        raise InvalidAnswer("Type your answer.")
    return grading.grade_typed(
        kind=question.kind,
        expected_normalized=question.answer_normalized or question.answer,
        given=typed,
    )


def _rating_for(grade):
    if grade.is_correct:
        return scheduling.GOOD
    return scheduling.HARD if grade.credit > 0 else scheduling.AGAIN


def _review_from_quiz(*, attempt, question, grade, now, duration_ms=None):
    reviewed = apply_review(
        card=getattr(question, "learner_card", None),
        learner_id=attempt.learner_id,
        question=question,
        rating=_rating_for(grade),
        source=ReviewLog.Source.QUIZ,
        retention=getattr(question, "learner_retention", None) or DEFAULT_RETENTION,
        now=now,
        duration_ms=duration_ms,
    )
    if reviewed is None:
        # The response is already stored: the error rolls it back with the transaction.
        raise StaleReview("The card changed since it was read.")
