"""Taking quizzes and reviewing flashcards: every learner write, each in one transaction.

Grading happens here, on the server, with `quizzes.grading`; scheduling with
`quizzes.scheduling`. Views call these functions and render what they return.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    CharField,
    Count,
    FilteredRelation,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from quizsite.compiled import compiled, run_compiled

from . import grading, scheduling
from .models import (
    Attempt,
    Card,
    Choice,
    LearnerProfile,
    Question,
    QuizQuestion,
    Response,
    ReviewLog,
)

# Like Anki's "learn ahead" limit: a card in a short learning step (1 or 10 minutes) is shown
# when nothing else is due rather than making the learner wait for it.
LEARN_AHEAD = timedelta(minutes=20)
DEFAULT_RETENTION = LearnerProfile._meta.get_field("desired_retention").default


class QuizUnavailable(Exception):
    """The quiz cannot be taken: unpublished, or without published questions."""


class AttemptFinished(Exception):
    """The attempt is finished; its answers can no longer change."""


class NotInAttempt(Exception):
    """The question is not one of the attempt's questions."""


class InvalidAnswer(ValueError):
    """The answer is missing or does not fit the question (message is for the learner)."""


class StaleReview(Exception):
    """The card changed since the learner saw it (a repeated or late rating)."""


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


# Quizzes -----------------------------------------------------------------------------------


def start_or_resume_attempt(*, learner, quiz):
    """Return the learner's unfinished attempt at `quiz`, or start one.

    A new attempt fixes the quiz's published questions, in order, so later edits to the quiz
    do not move a learner mid-way. Raises QuizUnavailable when there is nothing to take.
    """
    if not quiz.is_published:
        raise QuizUnavailable("This quiz is not published.")
    attempt = Attempt.objects.filter(learner=learner, quiz=quiz, finished__isnull=True).first()
    if attempt is not None:
        return attempt
    question_ids = list(
        QuizQuestion.objects.filter(quiz=quiz, question__status=Question.Status.PUBLISHED)
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
        return Attempt.objects.get(learner=learner, quiz=quiz, finished__isnull=True)


def get_attempt(*, learner, attempt_id, with_answered=False):
    """The learner's attempt with its quiz; Attempt.DoesNotExist for anyone else's.

    With `with_answered`, the ids of the questions it has answers to come in the same query
    (for `next_question`, which then needs no query of its own).
    """
    build = _attempt_with_answered if with_answered else _attempt
    attempt = run_compiled(build, attempt_id=attempt_id, learner_id=learner.pk)
    if attempt is None:
        raise Attempt.DoesNotExist("No such attempt for this learner.")
    return attempt


def _attempt(*, attempt_id, learner_id):
    return Attempt.objects.select_related("quiz").filter(pk=attempt_id, learner_id=learner_id)


def _attempt_with_answered(*, attempt_id, learner_id):
    return _attempt(attempt_id=attempt_id, learner_id=learner_id).annotate(
        answered_ids=_answered_ids_sql()
    )


def _answered_ids_sql():
    """The ids of the attempt's answered questions joined by commas, as an expression on the
    attempt. Written out on PostgreSQL and SQLite: Django compiling the same aggregate
    subquery took about 0.4 ms of CPU on every question page."""
    response, attempt = Response._meta, Attempt._meta
    quote = connection.ops.quote_name
    # The outer query names the attempt table itself (Django aliases only repeated tables).
    where = (
        f"{quote(response.db_table)}.{quote(response.get_field('attempt').column)} = "
        f"{quote(attempt.db_table)}.{quote(attempt.pk.column)}"
    )
    question_id = quote(response.get_field("question").column)
    aggregate = {
        "postgresql": f"string_agg({question_id}::text, ',')",
        "sqlite": f"group_concat({question_id}, ',')",
    }.get(connection.vendor)
    if aggregate is not None:
        return RawSQL(
            f"SELECT {aggregate} FROM {quote(response.db_table)} WHERE {where}",
            (),
            output_field=CharField(),
        )
    answered = (
        Response.objects.filter(attempt=OuterRef("pk"))
        .order_by()
        .values("attempt")
        .annotate(ids=StringAgg(Cast("question_id", CharField()), Value(",")))
        .values("ids")
    )
    return Subquery(answered)


def _answered_question_ids(attempt):
    if hasattr(attempt, "answered_ids"):  # annotated by get_attempt(with_answered=True)
        return {int(pk) for pk in (attempt.answered_ids or "").split(",") if pk}
    # order_by(): Response's default ordering would join the attempt for nothing.
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


def load_question(*, attempt, question_id, number=None):
    """One of the attempt's questions with its article, outlet, sentence, choices in display
    order and the learner's card; None if it is not in the attempt or no longer exists."""
    return _load_slot(attempt=attempt, question_id=question_id, number=number, full=True)


# What the question page shows and grading reads: a question page needs no more.
_SLOT_FIELDS = ("id", "stem", "mode", "kind", "status", "answer", "answer_normalized")


_UNSHOWN_SOURCE_FIELDS = (
    "article__body",
    "article__checksum",
    "article__outlet__aliases",
    "article__outlet__owner",
    "article__outlet__funding",
    "article__outlet__state_relation",
    "article__outlet__stance",
    "article__outlet__editorial_voice",
    "sentence__text",
)


def _feedback_questions(*, learner_id):
    """Questions with what the answer's feedback shows and grading updates: article, outlet,
    sentence, the learner's card (`learner_card`, None before the first meeting) and desired
    retention (`learner_retention`)."""
    retention = LearnerProfile.objects.filter(user_id=learner_id).values("desired_retention")[:1]
    questions = Question.objects.annotate(
        learner_card=FilteredRelation("cards", condition=Q(cards__learner_id=learner_id)),
        learner_retention=Subquery(retention),
    ).select_related("article__outlet", "sentence", "learner_card")
    # The feedback shows the sentence, the article's title and the outlet's note: not the
    # article's text nor the outlet's profile (up to kilobytes per answer for nothing).
    return questions.defer(*_UNSHOWN_SOURCE_FIELDS)


def _feedback_choices(*, question_id):
    # Choice's default ordering goes through the question (a join): order_choices sorts.
    return Choice.objects.filter(question_id=question_id).order_by()


def _slot_choices(*, question_id):
    return _feedback_choices(question_id=question_id).only(
        "id", "question_id", "text", "position", "is_correct"
    )


def _attach_choices(*, question, build):
    """Load the question's choices as `prefetch_related("choices")` does: `choices.all()`
    then needs no query, and each choice knows its question."""
    choices = compiled(build, ["question_id"]).list(question_id=question.pk)
    question_field = Choice._meta.get_field("question")
    for choice in choices:
        question_field.set_cached_value(choice, question)
    cached = question.choices.get_queryset()
    cached._result_cache, cached._prefetch_done = choices, True
    question._prefetched_objects_cache = {"choices": cached}


def _slot_questions(*, question_id):
    return Question.objects.only(*_SLOT_FIELDS).filter(pk=question_id)


def _feedback_question(*, learner_id, question_id):
    return _feedback_questions(learner_id=learner_id).filter(pk=question_id)


def _load_slot(*, attempt, question_id, number, full):
    if question_id not in attempt.question_ids:
        return None
    if full:
        question = run_compiled(
            _feedback_question, learner_id=attempt.learner_id, question_id=question_id
        )
    else:
        question = run_compiled(_slot_questions, question_id=question_id)
    if question is None:
        return None
    _attach_choices(question=question, build=_feedback_choices if full else _slot_choices)
    return QuestionSlot(
        attempt=attempt,
        question=question,
        number=number or attempt.question_ids.index(question_id) + 1,
        total=len(attempt.question_ids),
        choices=order_choices(attempt=attempt, question=question),
    )


def order_choices(*, attempt, question):
    """The question's choices in the order this attempt shows them.

    With `quiz.shuffle_choices` the order is a shuffle seeded by attempt and question, so it
    is stable across reloads and double submits but tells nothing about which is correct;
    otherwise the teacher's order.
    """
    if question.mode != Question.Mode.CHOICE:
        return []
    choices = sorted(question.choices.all(), key=lambda choice: (choice.position, choice.pk))
    if attempt.quiz.shuffle_choices:
        random.Random(f"{attempt.pk}:{question.pk}").shuffle(choices)
    return choices


def record_answer(*, attempt, question, choice=None, typed=None, now, time_spent_ms=None):
    """Grade and store the learner's answer to `question`, and feed their flashcard.

    One response per attempt and question: a repeated submission (double click, second tab)
    stores nothing and returns the result stored first, with `repeated=True`. The quiz answer
    is also a review of the learner's card for the question (created on first meeting a
    published question): wrong → Again, partly right → Hard, right → Good.
    `question` is best loaded with `load_question`, which brings its choices and card along.
    `time_spent_ms`, when known, is kept on the response and the card's review log.
    Raises AttemptFinished, NotInAttempt or InvalidAnswer. A card written concurrently is read
    again and the answer retried; inside a caller's transaction, which a retry would need to
    roll back to a savepoint, IntegrityError or StaleReview is raised instead.
    """
    if attempt.finished is not None:
        raise AttemptFinished("This attempt is finished.")
    if question.pk not in attempt.question_ids:
        raise NotInAttempt("This question is not part of this attempt.")
    grade = _grade(question=question, choice=choice, typed=typed)
    if not hasattr(question, "learner_retention"):  # not loaded by load_question
        _attach_card(question=question, learner_id=attempt.learner_id)
    # Inside a caller's transaction the answer is part of it, all or nothing: no savepoint
    # (two statements saved on every answer) and so no retry, which needs one.
    retries = 1 if connection.in_atomic_block else 3
    for _ in range(retries):
        try:
            with transaction.atomic(savepoint=False):
                response = _insert_response(
                    attempt=attempt,
                    question=question,
                    choice=choice,
                    typed=typed,
                    grade=grade,
                    time_spent_ms=time_spent_ms,
                    now=now,
                )
                if response is not None and question.status == Question.Status.PUBLISHED:
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
            # The card was written concurrently (the same question in another quiz, or a
            # first meeting in two tabs): read it again and retry.
            _attach_card(question=question, learner_id=attempt.learner_id)
            continue
        if response is not None:
            return AnswerResult(question=question, response=response, repeated=False)
        # Nothing inserted: answered already (a double click, a second tab), or finished.
        stored = get_answer(attempt=attempt, question=question)
        if stored is None:
            raise AttemptFinished("This attempt is finished.")
        return stored
    raise IntegrityError("Could not store the answer after retrying.")


def _insert_response(*, attempt, question, choice, typed, grade, time_spent_ms, now):
    """Insert the response in one statement that also checks the attempt is still open;
    return it, or None when nothing was inserted: the attempt is finished or the question
    already has a response in it (ON CONFLICT DO NOTHING: no error, so no savepoint needed).

    The check and the insert cannot be split: a "Finish" in another tab could land between
    them. On PostgreSQL the check takes a key-share lock on the attempt, which waits for a
    finishing transaction (it holds the row FOR UPDATE) and then sees it finished, and a
    concurrent insert of the same answer waits for the first to commit and then does
    nothing; SQLite runs one writer at a time.
    """
    response = Response(
        attempt=attempt,
        question=question,
        choice=choice,
        typed_answer=(typed or "").strip()[:300],
        credit=grade.credit,
        is_correct=grade.is_correct,
        time_spent_ms=time_spent_ms,
        created=now,
    )
    fields = [field for field in Response._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    sql = (
        f"INSERT INTO {quote(Response._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"SELECT {', '.join(['%s'] * len(fields))} FROM {quote(Attempt._meta.db_table)} "
        f"WHERE {quote(Attempt._meta.pk.column)} = %s "
        f"AND {quote(Attempt._meta.get_field('finished').column)} IS NULL{lock} "
        f"ON CONFLICT DO NOTHING RETURNING {quote(Response._meta.pk.column)}"
    )
    params = [
        field.get_db_prep_save(getattr(response, field.attname), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, attempt.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    return _saved(response, pk=row[0])


def get_answer(*, attempt, question):
    """The stored result for a question already answered in the attempt, or None."""
    stored = Response.objects.filter(attempt=attempt, question=question).first()
    if stored is None:
        return None
    # The chosen choice is among the question's (prefetched) choices: no query for it.
    stored.choice = next((c for c in question.choices.all() if c.pk == stored.choice_id), None)
    return AnswerResult(question=question, response=stored, repeated=True)


def finish_attempt(*, attempt, now):
    """Close the attempt and store its score (sum of credits over its questions).

    Finishing twice changes nothing: the first score and time stand.
    """
    with transaction.atomic():
        # The row lock waits for answers being stored right now (see _insert_response), so
        # the score counts every answer the attempt accepted.
        Attempt.objects.select_for_update().filter(pk=attempt.pk).values_list("pk").first()
        score = attempt.responses.aggregate(total=Sum("credit"))["total"] or 0.0
        # Questions deleted since the attempt started are not held against the learner.
        asked = Question.objects.filter(pk__in=attempt.question_ids).count()
        Attempt.objects.filter(pk=attempt.pk, finished__isnull=True).update(
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
            chosen_id=choice.pk, correct_ids=[c.pk for c in question.choices.all() if c.is_correct]
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
    card = getattr(question, "learner_card", None)
    retention = getattr(question, "learner_retention", None) or DEFAULT_RETENTION
    reviewed = _apply_review(
        card=card,
        learner_id=attempt.learner_id,
        question=question,
        rating=_rating_for(grade),
        source=ReviewLog.Source.QUIZ,
        retention=retention,
        now=now,
        duration_ms=duration_ms,
    )
    if reviewed is None:
        # The response is already inserted: the error rolls it back with the transaction.
        raise StaleReview("The card changed since it was read.")


def _apply_review(*, card, learner_id, question, rating, source, retention, now, duration_ms=None):
    """Review `card` (or a new card, when None) and log it; return the card, or None, having
    written nothing, when the card changed since it was read (the caller decides whether
    that undoes its transaction)."""
    if card is None:
        state = scheduling.new_state(now=now)
    else:
        state = scheduling.CardState.from_fields(card)
    new, review = scheduling.review(
        state=state, rating=rating, now=now, desired_retention=_usable_retention(retention)
    )
    fields = new.as_fields()
    if source == ReviewLog.Source.FLASHCARD and (card is None or card.introduced is None):
        fields["introduced"] = now
    log = ReviewLog(
        rating=review.rating,
        source=source,
        reviewed_at=review.reviewed_at,
        review_duration_ms=duration_ms,
    )
    if card is None:
        card = _insert(Card(learner_id=learner_id, question=question, **fields))
        log.card = card
        _insert(log)
        return card
    log.card = card
    # Optimistic concurrency: only the review that saw the current count may write.
    if not _update_card(card=card, fields=fields, log=log):
        return None
    for name, value in fields.items():
        setattr(card, name, value)
    return card


def _insert(obj):
    """`obj.save()` for a new row of a model with no save() of its own and no signal
    receivers (cards, review logs), with the INSERT written once per model and database:
    Django compiling it cost more CPU than running it, on every answer and review."""
    meta = obj._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    sql = _inserts.get((connection.vendor, meta.label))
    if sql is None:
        quote = connection.ops.quote_name
        sql = _inserts[connection.vendor, meta.label] = (
            f"INSERT INTO {quote(meta.db_table)} "
            f"({', '.join(quote(field.column) for field in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) "
            f"RETURNING {quote(meta.pk.column)}"
        )
    params = _insert_params(obj, fields)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _saved(obj, pk=cursor.fetchone()[0])


def _insert_params(obj, fields):
    """The values of `fields` of a new `obj` as its INSERT sends them (what `save()` does)."""
    return [field.get_db_prep_save(field.pre_save(obj, add=True), connection) for field in fields]


def _saved(obj, *, pk):
    """`obj` as `save()` leaves a row it inserted: with its id, known to the database."""
    obj.pk = pk
    obj._state.adding, obj._state.db = False, connection.alias
    return obj


_inserts = {}


def _update_card(*, card, fields, log):
    """`Card.objects.filter(pk=card.pk, reps=card.reps).update(**fields)`, then `log` saved,
    with the SQL written once per set of fields: compiling that update cost more CPU than
    running it, on every answer and review. On PostgreSQL both are one statement (the log
    inserted from the updated row), a round trip less. Return whether the card was updated
    (and the log written); nothing is written when it was not."""
    names = tuple(fields)
    key = (connection.vendor, names)
    sql = _card_updates.get(key)
    log_fields = [field for field in ReviewLog._meta.concrete_fields if not field.primary_key]
    if sql is None:
        quote = connection.ops.quote_name
        meta = Card._meta
        assignments = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in names)
        sql = (
            f"UPDATE {quote(meta.db_table)} SET {assignments} "
            f"WHERE {quote(meta.pk.column)} = %s AND {quote(meta.get_field('reps').column)} = %s"
        )
        if connection.vendor == "postgresql":
            log_meta = ReviewLog._meta
            pk = quote(meta.pk.column)
            values = ", ".join(
                f"updated.{pk}" if field.name == "card" else "%s" for field in log_fields
            )
            sql = (
                f"WITH updated AS ({sql} RETURNING {pk}) "
                f"INSERT INTO {quote(log_meta.db_table)} "
                f"({', '.join(quote(field.column) for field in log_fields)}) "
                f"SELECT {values} FROM updated RETURNING {quote(log_meta.pk.column)}"
            )
        _card_updates[key] = sql
    params = [
        Card._meta.get_field(name).get_db_prep_save(value, connection)
        for name, value in fields.items()
    ]
    params += [card.pk, card.reps]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            if cursor.rowcount <= 0:
                return False
        _insert(log)
        return True
    params += _insert_params(log, [field for field in log_fields if field.name != "card"])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    _saved(log, pk=row[0])
    return True


_card_updates = {}


def _usable_retention(value):
    # The settings form keeps retention within 0.70–0.97; a value set another way (admin,
    # shell) must not break reviews, so it is brought back into what FSRS is tuned for.
    if value is None:
        return DEFAULT_RETENTION
    return min(max(float(value), 0.7), 0.99)


def _attach_card(*, question, learner_id):
    question.learner_card = Card.objects.filter(learner_id=learner_id, question=question).first()
    question.learner_retention = (
        LearnerProfile.objects.filter(user_id=learner_id)
        .values_list("desired_retention", flat=True)
        .first()
    )


# Flashcards --------------------------------------------------------------------------------


def get_profile(*, learner, now=None):
    """The learner's settings, created with the defaults on first use.

    With `now`, the same query also counts the cards that joined the learner's deck since
    the start of that UTC day (for `due_cards` and `next_due`, which then count nothing) and
    the cards due at `now`, in the deck and new (for `start_review`).
    """
    # The dashboard's history snapshot (progress.read_history_before) is not for here.
    profiles = LearnerProfile.objects.defer("history")
    if now is not None:
        profiles = profiles.annotate(card_counts=_profile_counts(now))
    profile, _ = profiles.get_or_create(user=learner)
    if getattr(profile, "card_counts", None):  # not on a profile created just now
        counts = [int(count) for count in profile.card_counts.split(",")]
        profile.introduced_today, profile.due_known, profile.due_new = counts
        profile.introduced_on = _start_of_day(now)
        profile.counted_at = now
    return profile


def _profile_counts(now):
    """The profile's learner's cards counted in one pass, as an expression on a
    LearnerProfile query: introduced today, and due at `now` in the deck and new, as text
    ("3,12,40": one value that PostgreSQL and SQLite both return from a subquery). Written as
    SQL: compiling the same counts as Django subqueries cost more than the rest of the
    flashcard page's queries, and three subqueries read the cards three times."""
    quote = connection.ops.quote_name
    card, question = Card._meta, Question._meta
    cards, questions = quote(card.db_table), quote(question.db_table)

    def column(meta, table, name):
        return f"{table}.{quote(meta.get_field(name).column)}"

    moment = connection.ops.adapt_datetimefield_value
    due, introduced = column(card, cards, "due"), column(card, cards, "introduced")
    published = f"{column(question, questions, 'status')} = %s"
    due_now = (
        f"{published} AND ({due} <= %s OR ({column(card, cards, 'state')} IN (%s, %s) "
        f"AND {due} <= %s))"
    )
    due_params = (
        Question.Status.PUBLISHED,
        moment(now),
        Card.State.LEARNING,
        Card.State.RELEARNING,
        moment(now + LEARN_AHEAD),
    )
    counts = [
        (f"{introduced} >= %s", (moment(_start_of_day(now)),)),
        (f"{introduced} IS NOT NULL AND {due_now}", due_params),
        (f"{introduced} IS NULL AND {due_now}", due_params),
    ]
    text = " || ',' || ".join(
        f"CAST(COUNT(*) FILTER (WHERE {condition}) AS TEXT)" for condition, _ in counts
    )
    learner = (
        f"{column(card, cards, 'learner')} = "
        f"{quote(LearnerProfile._meta.db_table)}.{quote(LearnerProfile._meta.get_field('user').column)}"
    )
    sql = (
        f"SELECT {text} FROM {cards} INNER JOIN {questions} "
        f"ON {column(question, questions, 'id')} = {column(card, cards, 'question')} "
        f"WHERE {learner}"
    )
    params = tuple(param for _, condition_params in counts for param in condition_params)
    return RawSQL(sql, params, output_field=CharField())


def _count_introduced_today(*, learner, profile, now):
    if getattr(profile, "introduced_on", None) == _start_of_day(now):
        return profile.introduced_today
    return Card.objects.filter(learner=learner, introduced__gte=_start_of_day(now)).count()


def review_card(*, learner, card, rating, now, expected_reps=None, duration_ms=None, profile=None):
    """Record a flashcard review of the learner's `card` with `rating` (1–4) at `now`.

    `expected_reps` is the card's review count when it was shown: if the card has been
    reviewed since (a double click, another tab), nothing is stored and StaleReview is raised.
    `duration_ms`, when known, is kept on the review log. `profile`, the learner's
    LearnerProfile if the caller has it, saves reading it again.
    Raises ValueError for a card of another learner or a rating outside 1–4.
    """
    if card.learner_id != learner.pk:
        raise ValueError("This card belongs to another learner.")
    if rating not in scheduling.RATINGS:
        raise ValueError("Rate the card from 1 (Again) to 4 (Easy).")
    if expected_reps is not None and card.reps != expected_reps:
        raise StaleReview("This card has already been rated.")
    profile = profile or get_profile(learner=learner)
    was_new = card.introduced is None
    # One atomic block for the card and its log; inside a caller's transaction it is part of
    # it, all or nothing, without a savepoint (nothing here recovers from an error).
    with transaction.atomic(savepoint=False):
        reviewed = _apply_review(
            card=card,
            learner_id=learner.pk,
            question=card.question,
            rating=rating,
            source=ReviewLog.Source.FLASHCARD,
            retention=profile.desired_retention,
            now=now,
            duration_ms=duration_ms,
        )
    # Raised outside the block: nothing was written, the caller's transaction stays usable.
    if reviewed is None:
        raise StaleReview("This card has already been rated.")
    if was_new and getattr(profile, "introduced_on", None) == _start_of_day(now):
        profile.introduced_today += 1  # the card joined the deck: keep the count true
    return reviewed


def preview_card(*, learner, card, now, profile=None):
    """For each rating 1–4, the label of the interval it would give the card ("10 min").

    `profile`, the learner's LearnerProfile if the caller has it, saves reading it again.
    """
    profile = profile or get_profile(learner=learner)
    intervals = scheduling.preview_intervals(
        state=scheduling.CardState.from_fields(card),
        now=now,
        desired_retention=_usable_retention(profile.desired_retention),
    )
    return {rating: scheduling.format_interval(delta=delta) for rating, delta in intervals.items()}


def _due_filter(now):
    in_step = Q(state__in=[Card.State.LEARNING, Card.State.RELEARNING], due__lte=now + LEARN_AHEAD)
    return Q(due__lte=now) | in_step


def _start_of_day(now):
    return datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)


def due_cards(*, learner, now, limit=50, profile=None):
    """The learner's cards to review now, most overdue first, at most `limit`, each with its
    question, article (without its body), outlet and sentence.

    Cards already in the review deck come when due (learning steps up to LEARN_AHEAD early);
    cards new to the deck join at most `new_cards_per_day` a day (UTC days). Cards whose
    question is no longer published are left out. `profile`, the learner's LearnerProfile if
    the caller has it, saves reading it again.
    """
    profile = profile or get_profile(learner=learner)
    cards = (
        Card.objects.filter(learner=learner, question__status=Question.Status.PUBLISHED)
        .select_related("question__article__outlet", "question__sentence")
        # A card shows its sentence, never the article's text: up to `limit` bodies for nothing.
        .defer("question__article__body")
    )
    due = _due_filter(now)
    known = list(cards.filter(due, introduced__isnull=False).order_by("due", "id")[:limit])
    introduced_today = _count_introduced_today(learner=learner, profile=profile, now=now)
    allowance = max(0, min(limit, profile.new_cards_per_day - introduced_today))
    new = list(cards.filter(due, introduced__isnull=True).order_by("due", "id")[:allowance])
    return sorted(known + new, key=lambda card: (card.due, card.pk))[:limit]


def start_review(*, learner, now, profile=None, limit=100):
    """The card to show first in a review session now and how many are due: the first card
    and the length of `due_cards(..., limit=limit)`, without loading the whole queue.

    Returns (card or None, count). The card comes with its question's stem only (the front
    of the card); `get_card` loads what its back shows. Two queries whatever the number of
    cards: one counts the due cards already in the deck and the new ones (none when
    `profile` comes from `get_profile(now=now)`, which counted them), one reads the first
    card. `profile`, the learner's LearnerProfile if the caller has it, saves reading
    it again.
    """
    profile = profile or get_profile(learner=learner)
    cards = Card.objects.filter(
        _due_filter(now), learner=learner, question__status=Question.Status.PUBLISHED
    )
    if getattr(profile, "counted_at", None) == now:  # counted by get_profile(now=now)
        counts = {"known": profile.due_known, "new": profile.due_new}
    else:
        counts = cards.aggregate(
            known=Count("id", filter=Q(introduced__isnull=False)),
            new=Count("id", filter=Q(introduced__isnull=True)),
        )
    introduced_today = _count_introduced_today(learner=learner, profile=profile, now=now)
    allowance = max(0, min(limit, profile.new_cards_per_day - introduced_today))
    count = min(limit, min(counts["known"], limit) + min(counts["new"], allowance))
    if not count:
        return None, 0
    if not min(counts["new"], allowance):
        cards = cards.filter(introduced__isnull=False)
    elif not counts["known"]:
        cards = cards.filter(introduced__isnull=True)
    # The merged queue of due_cards is sorted by (due, id): its head is the earliest of the
    # known cards and of the new ones allowed today (at least one is, or count would be 0).
    first = (
        cards.select_related("question")
        .only("id", "reps", "due", "introduced", "learner_id", "question_id", "question__stem")
        .order_by("due", "id")
        .first()
    )
    return first, count


def next_due(*, learner, now, profile=None):
    """When the learner's next card falls due after the current queue is done; None if none.

    A new card held back by today's limit counts from the start of the next UTC day.
    `profile`, the learner's LearnerProfile if the caller has it, saves reading it again.
    """
    profile = profile or get_profile(learner=learner)
    cards = Card.objects.filter(learner=learner, question__status=Question.Status.PUBLISHED)
    candidates = []
    known = cards.filter(introduced__isnull=False).exclude(_due_filter(now)).order_by("due")
    if first := known.values_list("due", flat=True).first():
        candidates.append(first)
    new = cards.filter(introduced__isnull=True).order_by("due").values_list("due", flat=True)
    if first := new.first():
        introduced_today = _count_introduced_today(learner=learner, profile=profile, now=now)
        if introduced_today >= profile.new_cards_per_day:
            first = max(first, _start_of_day(now) + timedelta(days=1))
        candidates.append(first)
    return min(candidates) if candidates else None


def get_card(*, learner, card_id):
    """The learner's card with its question and source; Card.DoesNotExist for anyone else's."""
    return (
        Card.objects.select_related("question__article__outlet", "question__sentence")
        .defer("question__article__body")
        .get(pk=card_id, learner=learner)
    )
