"""Fill the database with benchmark-sized, realistic data.

    manage.py seed_scale --learners 10000 --questions 1000 --responses 1000000 [--seed N]

Creates learners (all sharing one known password, see BENCH_PASSWORD), teachers and their
classes of 30 learners, synthetic articles with sentences, published
multiple-choice questions with four choices, quizzes of ten questions, finished and unfinished
attempts, responses (about 70% correct, most of them from a minority of learners, spread over
the last 90 days), one flashcard per learner and question answered with a plausible FSRS state,
and the review logs behind it (one per quiz answer, plus flashcard reviews).

Every name it creates starts with `scale-`, which is how a second run recognises earlier scale
data: it refuses to add more unless `--force`, which first deletes the earlier scale data.
The four big tables (attempts, responses, cards, review logs) are written with PostgreSQL's
COPY (executemany INSERTs on other databases), learner by learner, so memory stays flat.
"""

import hashlib
import json
import math
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from tqdm import tqdm

from content.models import Article, Outlet, Sentence
from quizzes.models import (
    Attempt,
    Card,
    Choice,
    Classroom,
    LearnerProfile,
    Question,
    Quiz,
    QuizQuestion,
    Response,
    ReviewLog,
)

PREFIX = "scale-"
# Every scale learner and teacher logs in with this password (the benchmark logs in with it).
# The data is synthetic and for benchmarks only: never seed a production database.
BENCH_PASSWORD = "scale-bench-password"
QUESTIONS_PER_QUIZ = 10
SENTENCES_PER_ARTICLE = 20
LEARNERS_PER_CLASS = 30
CLASSES_PER_TEACHER = 3
HISTORY_DAYS = 90
# Learners answer fewer than 1 in 100 questions in flashcard review sessions (on top of
# their quiz answers); a third of learners use flashcards at all.
FLASHCARD_USERS = 1 / 3
# Rows per COPY / INSERT batch for the big tables.
BATCH = 5000

CITIES = [
    "Shusha", "Aghdam", "Lachin", "Kalbajar", "Fuzuli", "Jabrayil", "Zangilan", "Gubadli",
    "Khojaly", "Ganja", "Baku", "Sumgait", "Yerevan", "Gyumri", "Tbilisi", "Batumi",
]  # fmt: skip
PEOPLE = [
    "Aylin Mammadova", "Tural Huseynov", "Narine Petrosyan", "Davit Grigoryan",
    "Leyla Aliyeva", "Rashad Karimov", "Ani Hakobyan", "Elnur Guliyev",
]  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip


@dataclass
class ScaleQuestion:
    id: int
    correct_choice: int
    wrong_choices: list[int]
    # Added to a learner's ability: some questions are harder than others.
    ease: float


@dataclass
class Totals:
    attempts: int = 0
    responses: int = 0
    cards: int = 0
    reviews: int = 0
    unfinished: int = 0
    extra: dict = field(default_factory=dict)


class Command(BaseCommand):
    help = "Create benchmark-sized learners, questions, attempts, responses and flashcards."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument("--questions", type=int, default=1_000)
        parser.add_argument("--responses", type=int, default=1_000_000)
        parser.add_argument(
            "--seed", type=int, default=8, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete earlier scale data (names starting with 'scale-') and seed again.",
        )

    def handle(self, *args, learners, questions, responses, seed, force, verbosity, **options):
        if learners < 1 or questions < 1 or responses < 0:
            raise CommandError(
                "--learners and --questions must be at least 1, --responses at least 0."
            )
        if has_scale_data():
            if not force:
                raise CommandError(
                    "This database already has scale data (names starting with 'scale-'). "
                    "Use --force to delete it and seed again."
                )
            self.stderr.write("Deleting the earlier scale data…")
            with transaction.atomic():
                delete_scale_data()
        started = timezone.now()
        with transaction.atomic():
            totals = seed_scale(
                learners=learners,
                questions=questions,
                responses=responses,
                seed=seed,
                progress=verbosity > 0,
            )
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses on tables that grew by a million rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"Seeded {learners} learners, {totals.extra['teachers']} teachers, "
            f"{totals.extra['classes']} classes, "
            f"{questions} questions in {totals.extra['quizzes']} quizzes, "
            f"{totals.attempts} attempts ({totals.unfinished} unfinished), "
            f"{totals.responses} responses, {totals.cards} cards, {totals.reviews} review logs "
            f"in {elapsed:.0f} s. Log in as {learner_username(1)} (the most active learner) "
            f"or {teacher_username(1)}, password {BENCH_PASSWORD!r}."
        )


def learner_username(number):
    return f"{PREFIX}learner-{number:05d}"


def teacher_username(number):
    return f"{PREFIX}teacher-{number:04d}"


def has_scale_data():
    """True when an earlier run left scale learners or scale articles in the database."""
    return (
        get_user_model().objects.filter(username__startswith=PREFIX).exists()
        or Article.objects.filter(slug__startswith=PREFIX).exists()
    )


def delete_scale_data():
    """Delete everything an earlier seed_scale created, leaves first so deletes stay set-based."""
    users = get_user_model().objects.filter(username__startswith=PREFIX)
    ReviewLog.objects.filter(card__learner__in=users).delete()
    Response.objects.filter(attempt__learner__in=users).delete()
    Card.objects.filter(learner__in=users).delete()
    Attempt.objects.filter(learner__in=users).delete()
    Quiz.objects.filter(slug__startswith=PREFIX).delete()
    Article.objects.filter(slug__startswith=PREFIX).delete()
    users.delete()


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


def create_people(*, learners):
    """Create the learners (with profiles) and their teachers; return both lists of ids."""
    User = get_user_model()
    # One hash for everyone: hashing 10,000 passwords would take minutes.
    password = make_password(BENCH_PASSWORD)
    joined = timezone.now() - timedelta(days=HISTORY_DAYS + 30)
    users = User.objects.bulk_create(
        [
            User(
                username=learner_username(n),
                email=f"{learner_username(n)}@example.org",
                password=password,
                date_joined=joined,
            )
            for n in range(1, learners + 1)
        ],
        batch_size=2000,
    )
    LearnerProfile.objects.bulk_create(
        [LearnerProfile(user_id=user.pk) for user in users], batch_size=2000
    )
    classes = math.ceil(learners / LEARNERS_PER_CLASS)
    teachers = User.objects.bulk_create(
        [
            User(
                username=teacher_username(n),
                email=f"{teacher_username(n)}@example.org",
                password=password,
                is_staff=True,
                date_joined=joined,
            )
            for n in range(1, math.ceil(classes / CLASSES_PER_TEACHER) + 1)
        ]
    )
    group = Group.objects.filter(name="Teachers").first()
    if group is not None:
        group.user_set.add(*teachers)
    return [user.pk for user in users], [teacher.pk for teacher in teachers]


def create_classes(*, learner_ids, teacher_ids):
    """Put learners in classes of 30, three classes per teacher; return how many classes."""
    rooms = Classroom.objects.bulk_create(
        [
            Classroom(
                name=f"Scale class {index + 1}",
                teacher_id=teacher_ids[index // CLASSES_PER_TEACHER],
                join_code=f"SC{index + 1:06d}",
            )
            for index in range(math.ceil(len(learner_ids) / LEARNERS_PER_CLASS))
        ],
        batch_size=1000,
    )
    Membership = Classroom.learners.through
    Membership.objects.bulk_create(
        [
            Membership(classroom_id=rooms[index // LEARNERS_PER_CLASS].pk, user_id=learner_id)
            for index, learner_id in enumerate(learner_ids)
        ],
        batch_size=5000,
    )
    return len(rooms)


def write_sentence(*, number, rng):
    """One synthetic sentence with a fact, its question stem, answer and three distractors."""
    city = rng.choice(CITIES)
    kind = rng.choice([Question.Kind.DATE, Question.Kind.NUMBER, Question.Kind.ENTITY])
    if kind == Question.Kind.DATE:
        day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(1995, 2024)
        answer = f"{day} {MONTHS[month]} {year}"
        text = f"Officials said the bridge in {city} (site {number}) reopened on {answer}."
        stem = f"According to Scale Wire, on what date did the bridge in {city} reopen?"
        wrong = {
            f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {year + rng.randint(-3, 3)}"
            for _ in range(6)
        }
    elif kind == Question.Kind.NUMBER:
        count = rng.randint(120, 98_000)
        answer = f"{count:,}"
        text = f"The census of district {number} counted {answer} residents in {city}."
        stem = f"According to Scale Wire, how many residents did the census count in {city}?"
        wrong = {f"{max(1, int(count * rng.uniform(0.4, 1.9))):,}" for _ in range(6)}
    else:
        person = rng.choice(PEOPLE)
        answer = city
        text = f"{person} opened library number {number} in {city} on a quiet morning."
        stem = f"According to Scale Wire, where did {person} open library number {number}?"
        wrong = set(rng.sample(CITIES, 6))
    wrong.discard(answer)
    distractors = sorted(wrong)[:3]
    while len(distractors) < 3:
        distractors.append(f"{answer} ({len(distractors) + 1})")
    return kind, text, stem, answer, distractors


def create_questions(*, count, rng):
    """Create articles of 20 sentences and one published 4-choice question per sentence."""
    outlet, _ = Outlet.objects.get_or_create(
        slug=f"{PREFIX}wire",
        defaults={
            "name": "Scale Wire",
            "perspective_note": "A synthetic outlet the benchmark data set is made of.",
        },
    )
    articles = math.ceil(count / SENTENCES_PER_ARTICLE)
    drafts = []  # (article index, position, kind, text, stem, answer, distractors)
    for number in range(count):
        drafts.append((number // SENTENCES_PER_ARTICLE, number % SENTENCES_PER_ARTICLE))
        drafts[-1] += write_sentence(number=number + 1, rng=rng)
    bodies, spans = [], []
    for index in range(articles):
        texts = [d[3] for d in drafts if d[0] == index]
        paragraphs = [" ".join(texts[i : i + 5]) for i in range(0, len(texts), 5)]
        body = "\n\n".join(paragraphs)
        offsets, start = [], 0
        for text in texts:
            start = body.index(text, start)
            offsets.append((start, start + len(text)))
            start += len(text)
        bodies.append(body)
        spans.append(offsets)
    today = timezone.localdate()
    article_rows = Article.objects.bulk_create(
        [
            Article(
                outlet=outlet,
                title=f"Scale report {index + 1}",
                slug=f"{PREFIX}article-{index + 1:05d}",
                published=today - timedelta(days=index % 365),
                body=body,
                checksum=hashlib.sha256(f"{PREFIX}{index}\n{body}".encode()).hexdigest(),
            )
            for index, body in enumerate(bodies)
        ]
    )
    sentences = Sentence.objects.bulk_create(
        [
            Sentence(
                article=article_rows[d[0]],
                position=d[1],
                paragraph=d[1] // 5,
                text=d[3],
                start=spans[d[0]][d[1]][0],
                end=spans[d[0]][d[1]][1],
            )
            for d in drafts
        ],
        batch_size=2000,
    )
    question_rows = Question.objects.bulk_create(
        [
            Question(
                article=article_rows[d[0]],
                sentence=sentence,
                sentence_text=d[3],
                answer_start=d[3].index(d[5]),
                answer_end=d[3].index(d[5]) + len(d[5]),
                kind=d[2],
                stem=d[4],
                answer=d[5],
                attribution="According to Scale Wire",
                quality=round(rng.uniform(0.6, 0.95), 3),
                status=Question.Status.PUBLISHED,
                fingerprint=f"{PREFIX}{number}",
            )
            for number, (d, sentence) in enumerate(zip(drafts, sentences, strict=True))
        ],
        batch_size=2000,
    )
    choices = Choice.objects.bulk_create(
        [
            Choice(question=question, text=text, is_correct=(position == 0), position=position)
            for question, d in zip(question_rows, drafts, strict=True)
            for position, text in enumerate([d[5], *d[6]])
        ],
        batch_size=4000,
    )
    return [
        ScaleQuestion(
            id=question.pk,
            correct_choice=choices[4 * i].pk,
            wrong_choices=[c.pk for c in choices[4 * i + 1 : 4 * i + 4]],
            ease=rng.uniform(-0.12, 0.12),
        )
        for i, question in enumerate(question_rows)
    ]


def create_quizzes(*, questions):
    """Group the questions into published quizzes of ten; return (quiz id, questions) pairs."""
    groups = [
        questions[i : i + QUESTIONS_PER_QUIZ] for i in range(0, len(questions), QUESTIONS_PER_QUIZ)
    ]
    quizzes = Quiz.objects.bulk_create(
        [
            Quiz(
                title=f"Scale quiz {n + 1}",
                slug=f"{PREFIX}quiz-{n + 1:05d}",
                is_published=True,
                origin=Question.Origin.AUTHORED,
            )
            for n in range(len(groups))
        ]
    )
    QuizQuestion.objects.bulk_create(
        [
            QuizQuestion(quiz=quiz, question_id=q.id, position=position)
            for quiz, group in zip(quizzes, groups, strict=True)
            for position, q in enumerate(group)
        ],
        batch_size=5000,
    )
    article_ids = dict(
        Question.objects.filter(fingerprint__startswith=PREFIX).values_list("id", "article_id")
    )
    Quiz.articles.through.objects.bulk_create(
        [
            Quiz.articles.through(quiz_id=quiz.pk, article_id=article_id)
            for quiz, group in zip(quizzes, groups, strict=True)
            for article_id in sorted({article_ids[q.id] for q in group})
        ],
        batch_size=5000,
    )
    return [(quiz.pk, group) for quiz, group in zip(quizzes, groups, strict=True)]


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
