"""Data for the load-and-fault run: one quiz of 20 questions and logged-in learners.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.load.prepare --prefix a --learners 200

Creates (once) an article of 20 sentences with one published four-choice question on each
and the published quiz "load-quiz" holding them; then `--learners` learners named
"load-<prefix>-<n>", each with a session made as a login would make it (so the run measures
answering, not 200 password hashes). Prints one JSON object: the quiz's path and, for each
learner, its username and session id.
"""

import argparse
import json
import os
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

QUIZ_SLUG = "load-quiz"
QUESTIONS = 20


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--learners", type=int, default=200)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import transaction

    with transaction.atomic():
        quiz = ensure_quiz()
        learners = create_learners(prefix=args.prefix, count=args.learners)
    print(json.dumps({"quiz_path": quiz.get_absolute_url(), "learners": learners}))


def ensure_quiz():
    """The load quiz, created with its article and questions on first use."""
    from content.ingest import store_sentences
    from content.models import Article, Outlet
    from quizzes.models import Choice, Question, Quiz, QuizQuestion

    quiz = Quiz.objects.filter(slug=QUIZ_SLUG).first()
    if quiz is not None:
        return quiz
    outlet, _ = Outlet.objects.get_or_create(
        name="Load Test Outlet",
        defaults={"slug": "load-test-outlet", "perspective_note": "An outlet for load tests."},
    )
    days = [f"{day} March 2021" for day in range(1, QUESTIONS + 1)]
    body = " ".join(f"Convoy {n} crossed the bridge on {day}." for n, day in enumerate(days, 1))
    article = Article.objects.create(
        outlet=outlet,
        title="Convoys over the bridge",
        slug="load-convoys",
        published=date(2021, 4, 1),
        body=body,
        checksum=Article.checksum_of(body),
    )
    store_sentences(article=article)
    quiz = Quiz.objects.create(title="Load test quiz", slug=QUIZ_SLUG, is_published=True)
    quiz.articles.add(article)
    for position, sentence in enumerate(article.sentences.order_by("position")):
        answer = days[position]
        question = Question.objects.create(
            article=article,
            sentence=sentence,
            sentence_text=sentence.text,
            answer=answer,
            answer_start=sentence.text.find(answer),
            answer_end=sentence.text.find(answer) + len(answer),
            kind=Question.Kind.DATE,
            mode=Question.Mode.CHOICE,
            stem=f"According to Load Test Outlet, when did convoy {position + 1} cross?",
            answer_normalized=f"2021-03-{position + 1:02d}",
            attribution="According to Load Test Outlet",
            quality=0.8,
            status=Question.Status.PUBLISHED,
            origin=Question.Origin.GENERATED,
            fingerprint=f"load-{position}",
        )
        others = [days[(position + shift) % QUESTIONS] for shift in (1, 2, 3)]
        for index, text in enumerate([answer, *others]):
            Choice.objects.create(
                question=question, text=text, is_correct=(index == 0), position=index
            )
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    return quiz


def create_learners(*, prefix, count):
    """`count` learners with a fresh session each: [{"username", "session"}]."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore

    user_model = get_user_model()
    password = make_password(None)  # unusable: these learners never log in with a password
    users = user_model.objects.bulk_create(
        [
            user_model(username=f"load-{prefix}-{n}", email="", password=password)
            for n in range(1, count + 1)
        ]
    )
    learners = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        learners.append({"username": user.username, "session": session.session_key})
    return learners


if __name__ == "__main__":
    main()
