"""CPU time of the answer POST in-process: Django's test client, no server, no wrk.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.answer_cpu --pairs FILE [--answers 300]

FILE is what `bench.prepare --pairs` wrote. The first `--answers` (attempt, question) pairs are
posted as their learners (htmx request: the feedback partial), each inside a transaction that
is rolled back, so the database is the same after the run and any tree of the code can be
measured on it in turn. Three passes over the same answers: `cold` (the worker's caches empty,
as for a question it has not shown), then `warm` twice (what a worker costs once it has).
With `--profile N`, one more pass under cProfile: the Python calls per answer (the same on
every run, however busy the machine) and the N costliest calls on standard error.
Prints a JSON object: pass -> ms of process CPU (`time.process_time`) and of wall time per
POST, and the statements of the last POST. With SQLite the CPU includes the database's work;
with PostgreSQL it is the worker's side only.
"""

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from urllib.parse import parse_qsl

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


class _RolledBack(Exception):
    """Raised to roll the answer's transaction back."""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--passes", type=int, default=3, help="Warm passes (default 3).")
    parser.add_argument(
        "--profile", type=int, default=-1, help="Print this many cProfile rows of a warm pass."
    )
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with open(args.pairs) as lines:
        pairs = [line.rstrip("\n").split("\t") for line in lines][: args.answers]
    users = get_user_model().objects.in_bulk(
        {username for username, _, _ in pairs}, field_name="username"
    )
    clients = {}
    for username, user in users.items():
        clients[username] = Client()
        clients[username].force_login(user)

    def post(username, path, body):
        try:
            with transaction.atomic():
                response = clients[username].post(
                    path, dict(parse_qsl(body)), headers={"HX-Request": "true"}
                )
                if response.status_code != 200:
                    raise SystemExit(f"answer_cpu: {path} answered {response.status_code}")
                raise _RolledBack
        except _RolledBack:
            pass

    def run_pass():
        cpu, wall = time.process_time(), time.perf_counter()
        for pair in pairs:
            post(*pair)
        return {
            "cpu_ms": round((time.process_time() - cpu) * 1000 / len(pairs), 3),
            "wall_ms": round((time.perf_counter() - wall) * 1000 / len(pairs), 3),
        }

    post(*pairs[0])  # templates compiled, connection open
    cache.clear()
    for client in clients.values():  # the sessions back in the cache (cleared just now)
        client.get("/settings/")
    report = {"answers": len(pairs), "cold": run_pass()}
    warm = sorted((run_pass() for _ in range(args.passes)), key=lambda run: run["cpu_ms"])
    report["warm"] = {"fastest": warm[0], "median": warm[len(warm) // 2]}
    if args.profile >= 0:
        profile = cProfile.Profile()
        profile.runcall(run_pass)
        stats = pstats.Stats(profile, stream=sys.stderr)
        # Python calls per answer: the same from run to run, whatever the machine's load.
        report["python_calls_per_answer"] = round(stats.total_calls / len(pairs))
        if args.profile:
            stats.sort_stats("cumulative").print_stats(args.profile)
    with CaptureQueriesContext(connection) as queries:
        post(*pairs[-1])
    report["statements"] = [query["sql"][:120] for query in queries.captured_queries]
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
