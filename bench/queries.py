"""Count the SQL queries of each benchmarked page with Django's test client.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.queries PAGES_JSON [--sql]

PAGES_JSON is what `bench.prepare` printed. Every page is requested twice as its user and
the second, warm request is counted (the first may fill per-process caches); the answer POST
uses two different unanswered questions. Prints a JSON object: page -> {queries,
without_transaction, status, ms};
with --sql, also each counted query with its time to standard error.
"""

import json
import os
import re
import sys
import time
from urllib.parse import parse_qsl

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    show_sql = "--sql" in argv
    argv = [arg for arg in argv if arg != "--sql"]
    if len(argv) != 1:
        raise SystemExit("usage: python -m bench.queries PAGES_JSON [--sql]")
    pages = json.loads(argv[0])

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    User = get_user_model()
    learner = Client()
    learner.force_login(User.objects.get(username=pages["learner"]))
    teacher = Client()
    teacher.force_login(User.objects.get(username=pages["teacher"]))
    anonymous = Client()
    answers = iter(pages["checks"][-2:])

    def answer():
        _, path, body = next(answers)
        return learner.post(path, dict(parse_qsl(body)), headers={"HX-Request": "true"})

    requests = {
        "healthz": lambda: anonymous.get("/healthz"),
        "question": lambda: learner.get(pages["question_page"]),
        "answer": answer,
        "flashcards": lambda: learner.get("/flashcards/"),
        "dashboard": lambda: learner.get("/dashboard/"),
        "class": lambda: teacher.get(pages["class_page"]),
    }
    counts = {}
    for name, send in requests.items():
        send()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = send()
            elapsed = time.perf_counter() - start
        statements = [q["sql"] for q in queries.captured_queries]
        counts[name] = {
            "queries": len(statements),
            # Django 6 logs BEGIN and COMMIT too; the budgets may mean statements only.
            "without_transaction": sum(
                not re.match(r"(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", sql)
                for sql in statements
            ),
            "status": response.status_code,
            "ms": round(elapsed * 1000, 1),
        }
        if show_sql:
            print(f"== {name}: {len(queries)} queries, {elapsed * 1000:.1f} ms", file=sys.stderr)
            for query in queries.captured_queries:
                print(f"  [{query['time']} s] {query['sql']}", file=sys.stderr)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
