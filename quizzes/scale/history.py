"""The whole scale data set, and the learners' history in it: attempts, responses, cards and
review logs, written in batches (COPY on PostgreSQL)."""

import json
import math
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone
from tqdm import tqdm

from quizzes.models import (
    Attempt,
    Card,
    Response,
    ReviewLog,
)

from .library import create_questions, create_quizzes
from .people import HISTORY_DAYS, create_classes, create_people

# Learners answer fewer than 1 in 100 questions in flashcard review sessions (on top of
# their quiz answers); a third of learners use flashcards at all.
FLASHCARD_USERS = 1 / 3
# Rows per COPY / INSERT batch for the big tables.
BATCH = 5000


@dataclass
class Totals:
    attempts: int = 0
    responses: int = 0
    cards: int = 0
    reviews: int = 0
    unfinished: int = 0
    extra: dict = field(default_factory=dict)


def seed_scale(*, learners, questions, responses, seed, progress=True) -> Totals:
    """Create the scale data set; the caller runs it inside a transaction.

    The learner numbered 1 is the most active one and reviews flashcards, and teacher 1
    teaches learner 1's class (learners 1 to 30: the busiest class).
    """
    rng = random.Random(seed)
    now = timezone.now()
    totals = Totals()
    learner_ids, teacher_ids = create_people(learners=learners)
    totals.extra["teachers"] = len(teacher_ids)
    totals.extra["classes"] = create_classes(learner_ids=learner_ids, teacher_ids=teacher_ids)
    scale_questions = create_questions(count=questions, rng=rng)
    quizzes = create_quizzes(questions=scale_questions)
    totals.extra["quizzes"] = len(quizzes)
    create_history(
        rng=rng,
        now=now,
        learner_ids=learner_ids,
        quizzes=quizzes,
        responses=responses,
        totals=totals,
        progress=progress,
    )
    return totals


def split_responses(*, total, learners, rng):
    """How many answers each learner gave: log-normal, so a minority gives most of them
    (at full size the busiest fifth of learners gives 68%). Sorted, most active learner first."""
    weights = sorted((rng.lognormvariate(0, 1.3) for _ in range(learners)), reverse=True)
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % learners] += 1
    return counts


class TableWriter:
    """Buffers rows for one table and writes them in batches, with ids assigned here."""

    def __init__(self, *, model, columns):
        self.model = model
        self.columns = ["id", *columns]
        self.rows = []
        self.next_id = (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        self.first_id = self.next_id

    def add(self, *values):
        row_id = self.next_id
        self.next_id += 1
        self.rows.append((row_id, *values))
        return row_id

    def flush(self):
        if self.rows:
            insert_rows(model=self.model, columns=self.columns, rows=self.rows)
            self.rows = []


def insert_rows(*, model, columns, rows):
    """Insert `rows` (tuples ordered as `columns`, field names) into `model`'s table.

    Bypasses `auto_now_add` on purpose: the history has its own timestamps. PostgreSQL gets a
    COPY; other databases an executemany of values prepared by the fields themselves.
    """
    fields = [model._meta.get_field(name) for name in columns]
    # Columns added to the model later get their defaults, so the seed keeps working.
    missing = [f for f in model._meta.concrete_fields if f not in fields]
    if missing:
        fields += missing
        defaults = tuple(f.get_default() for f in missing)
        rows = [(*row, *defaults) for row in rows]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            as_json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    if as_json:
                        row = list(row)
                        for i in as_json:
                            row[i] = json.dumps(row[i])
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",
                [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
                    for row in rows
                ],
            )


def create_history(*, rng, now, learner_ids, quizzes, responses, totals, progress):
    """Attempts, responses, cards and review logs for every learner, written in batches."""
    attempts = TableWriter(
        model=Attempt,
        columns=["learner", "quiz", "started", "finished", "score", "max_score", "question_ids"],
    )
    answers = TableWriter(
        model=Response,
        columns=[
            "attempt", "question", "choice", "typed_answer", "credit", "is_correct",
            "time_spent_ms", "created",
        ],
    )  # fmt: skip
    cards = TableWriter(
        model=Card,
        columns=[
            "learner", "question", "state", "step", "stability", "difficulty", "due",
            "last_review", "reps", "lapses", "introduced", "created",
        ],
    )  # fmt: skip
    reviews = TableWriter(
        model=ReviewLog,
        columns=["card", "rating", "source", "reviewed_at", "review_duration_ms"],
    )
    writers = (attempts, answers, cards, reviews)
    history = timedelta(days=HISTORY_DAYS)
    counts = split_responses(total=responses, learners=len(learner_ids), rng=rng)
    bar = tqdm(total=responses, desc="responses", unit="", unit_scale=True, disable=not progress)
    for number, (learner_id, count) in enumerate(zip(learner_ids, counts, strict=True), 1):
        ability = min(0.9, max(0.4, rng.gauss(0.7, 0.1)))
        # Learner 1, whose pages the benchmark loads, uses flashcards too.
        uses_flashcards = rng.random() < FLASHCARD_USERS or number == 1
        # question id -> [card id, first seen, reviews as (time, rating, source, ms)]
        learner_cards = {}
        # At most one open attempt per learner and quiz (a database constraint).
        open_quizzes = set()
        remaining = count
        while remaining > 0:
            quiz_id, group = rng.choice(quizzes)
            size = len(group)
            if remaining >= size and (size == 1 or rng.random() > 0.08):
                answered = size
            else:
                answered = min(remaining, rng.randint(1, max(1, size - 1)))
                # Left unfinished, on a quiz without an open attempt when there is one left.
                closed = [q for q in quizzes if q[0] not in open_quizzes]
                if closed:
                    quiz_id, group = rng.choice(closed)
                    size = len(group)
                    answered = min(answered, size)
            remaining -= answered
            seconds = [rng.randint(6, 45) for _ in range(answered)]
            span = timedelta(seconds=sum(seconds) + 60)
            # Recent days are busier than older ones (sqrt skews toward now).
            started = now - span - history * (1 - math.sqrt(rng.random()))
            attempt_id = attempts.next_id
            moment, score = started, 0
            for question, spent in zip(group[:answered], seconds, strict=True):
                moment += timedelta(seconds=spent)
                correct = rng.random() < ability + question.ease
                choice = question.correct_choice if correct else rng.choice(question.wrong_choices)
                score += correct
                answers.add(
                    attempt_id, question.id, choice, "", float(correct), correct,
                    spent * 1000, moment,
                )  # fmt: skip
                card = learner_cards.setdefault(question.id, [None, moment, []])
                rating = ReviewLog.Rating.GOOD if correct else ReviewLog.Rating.AGAIN
                card[2].append((moment, rating, ReviewLog.Source.QUIZ, spent * 1000))
            # A learner who left every quiz open gives up on this one: it ends unfinished.
            left_open = answered < size and quiz_id not in open_quizzes
            finished = None if left_open else moment + timedelta(seconds=5)
            if left_open:
                open_quizzes.add(quiz_id)
                totals.unfinished += 1
            attempts.add(
                learner_id, quiz_id, started, finished, float(score), size, [q.id for q in group]
            )
            bar.update(answered)
        for question_id, card in learner_cards.items():
            if uses_flashcards:
                add_flashcard_reviews(card=card, now=now, rng=rng)
            card[0] = write_card(
                cards=cards, learner_id=learner_id, question_id=question_id, card=card, rng=rng
            )
            for moment, rating, source, spent in card[2]:
                reviews.add(card[0], rating, source, moment, spent)
        if len(answers.rows) >= BATCH or len(reviews.rows) >= BATCH:
            for writer in writers:
                writer.flush()
    for writer in writers:
        writer.flush()
    bar.close()
    for name, writer in zip(("attempts", "responses", "cards", "reviews"), writers, strict=True):
        setattr(totals, name, writer.next_id - writer.first_id)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Attempt, Response, Card, ReviewLog]
            ):
                cursor.execute(statement)


def add_flashcard_reviews(*, card, now, rng):
    """Between zero and three flashcard reviews of a card after its last quiz answer, before now."""
    last = max(moment for moment, _, _, _ in card[2])
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        last = last + timedelta(hours=rng.uniform(12, 24 * 12))
        if last >= now:
            break
        rating = rng.choices((1, 2, 3, 4), weights=(10, 15, 60, 15))[0]
        card[2].append((last, rating, ReviewLog.Source.FLASHCARD, rng.randint(2000, 15000)))


def write_card(*, cards, learner_id, question_id, card, rng):
    """Add the card row with an FSRS-like state consistent with its reviews; return its id."""
    # Attempts were drawn in random order of time: put the card's reviews in order.
    log = card[2]
    log.sort(key=lambda review: review[0])
    first_seen, (last_review, last_rating, _, _) = log[0][0], log[-1]
    introduced = next(
        (moment for moment, _, source, _ in log if source == ReviewLog.Source.FLASHCARD), None
    )
    lapses = sum(rating == ReviewLog.Rating.AGAIN for _, rating, _, _ in log[1:])
    difficulty = min(10.0, max(1.0, rng.gauss(5.0, 1.5) + 0.8 * lapses))
    if last_rating == ReviewLog.Rating.AGAIN:
        state = Card.State.RELEARNING if len(log) > 1 else Card.State.LEARNING
        step, stability = 0, rng.uniform(0.2, 1.5)
        due = last_review + timedelta(minutes=10)
    else:
        state, step = Card.State.REVIEW, None
        stability = rng.lognormvariate(0, 0.5) * 2.5 * len(log) ** 1.5
        due = last_review + timedelta(days=stability)
    return cards.add(
        learner_id, question_id, state, step, round(stability, 4), round(difficulty, 4), due,
        last_review, len(log), lapses, introduced, first_seen,
    )  # fmt: skip
