"""Prepare the benchmark's pages and answers in a database seeded by `seed_scale`.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.prepare --learners 16 --pairs FILE

Opens an attempt at every scale quiz for each of the first `--learners` scale learners (the
app's own `start_or_resume_attempt`, resuming the seeded open ones), and writes to FILE one
line per unanswered (attempt, question) pair, "username<TAB>path<TAB>body", interleaved so
that consecutive answers go to different learners and attempts. Learner 1's first attempt is
kept out of FILE for the question page, and its second for checks and the query count.
Prints a JSON object with the paths of the pages to benchmark.
"""

import argparse
import json
import os
import sys
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=16)
    parser.add_argument("--pairs", required=True, help="File to write the answers to.")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from quizzes.answering import start_or_resume_attempt
    from quizzes.management.commands.seed_scale import (
        PREFIX,
        learner_username,
        teacher_username,
    )
    from quizzes.models import Classroom, Quiz, Response

    users = get_user_model().objects.in_bulk(
        [learner_username(n) for n in range(1, args.learners + 1)], field_name="username"
    )
    if len(users) < args.learners:
        raise SystemExit(f"prepare: fewer than {args.learners} scale learners; run seed_scale")
    quizzes = list(Quiz.objects.filter(slug__startswith=f"{PREFIX}quiz-").order_by("slug"))
    if len(quizzes) < 3:
        raise SystemExit("prepare: the benchmark needs at least 3 scale quizzes (30 questions)")

    def open_pairs(learner):
        pairs = []
        for quiz in quizzes:
            attempt = start_or_resume_attempt(learner=learner, quiz=quiz)
            answered = set(attempt.responses.values_list("question_id", flat=True))
            path = reverse("quizzes:answer", args=[attempt.pk])
            pairs.append(
                [
                    (learner.username, path, urlencode({"question": qid, "choice": 1 + qid % 4}))
                    for qid in attempt.question_ids
                    if qid not in answered
                ]
            )
        return pairs

    per_learner = []
    page_attempt = checks = None
    for n in range(1, args.learners + 1):
        attempts = open_pairs(users[learner_username(n)])
        if n == 1:
            # Keep an attempt with unanswered questions for the question page, another for checks.
            with_questions = sorted((a for a in attempts if a), key=len, reverse=True)
            page_attempt, checks = with_questions[0], with_questions[1]
            attempts = [a for a in attempts if a is not page_attempt and a is not checks]
        # Interleave the learner's attempts: question 1 of each, then question 2 of each...
        per_learner.append(
            [
                pair
                for depth in range(10)
                for attempt in attempts
                for pair in attempt[depth : depth + 1]
            ]
        )
    with open(args.pairs, "w") as out:
        for depth in range(max(len(pairs) for pairs in per_learner)):
            for pairs in per_learner:
                if depth < len(pairs):
                    out.write("\t".join(pairs[depth]) + "\n")
    learner = users[learner_username(1)]
    classroom = (
        Classroom.objects.filter(teacher__username=teacher_username(1), learners=learner)
        .order_by("pk")
        .first()
    )
    print(
        json.dumps(
            {
                "learner": learner.username,
                "teacher": teacher_username(1),
                "learner_responses": Response.objects.filter(attempt__learner=learner).count(),
                "question_page": page_attempt[0][1].removesuffix("answer/"),
                "checks": checks,
                "class_page": reverse("quizzes:class_detail", args=[classroom.pk]),
                "class_learners": classroom.learners.count(),
                "answers": sum(len(pairs) for pairs in per_learner),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
