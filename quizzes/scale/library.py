"""Scale articles, sentences, questions with four choices, and quizzes of ten."""

import hashlib
import math
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from content.models import Article, Outlet, Sentence
from quizzes.models import (
    Choice,
    Question,
    Quiz,
    QuizQuestion,
)

from .people import PREFIX

QUESTIONS_PER_QUIZ = 10
SENTENCES_PER_ARTICLE = 20

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
