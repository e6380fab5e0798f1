"""Load and faults: 200 learners answer 20 questions each against gunicorn + PostgreSQL, three
times: undisturbed, with a gunicorn worker killed mid-run, and across a PostgreSQL restart.

    uv run python -m bench.load.run                     # all three scenarios (about 5 minutes)
    uv run python -m bench.load.run --scenarios baseline --learners 50

Starts a throwaway PostgreSQL cluster (tests/postgres.py) and gunicorn (bench/run.py's
start_gunicorn: 2 sync workers, production settings, 127.0.0.1 only), then for each scenario
creates its learners (bench/load/prepare.py) and lets `--concurrency` of them at a time do
what a learner does in a browser without JavaScript: open the quiz, start an attempt, then
20 times load the question and post an answer, and finish. A request that gets no answer
(connection reset, a killed worker) or a 5xx is retried with backoff, as a person would
press the button again; retries must not duplicate anything (one response per attempt and
question is a database constraint). Afterwards the responses stored in PostgreSQL are
compared with the answers the server acknowledged (a page showing the verdict), pair by pair.

Faults: `kill-worker` SIGKILLs a gunicorn worker when a quarter, half and three quarters of
the answers are in (the master starts a new one each time; `--kills` sets how many times);
`pg-restart` runs `pg_ctl restart -m fast` when a quarter are in (the
app must reconnect by itself, CONN_MAX_AGE with conn_health_checks; a 500 on a request
started 2 s after the restart finished counts as a lasting error).

Bounded: every scenario stops at `--deadline` seconds, every request times out at 30 s, and
gunicorn and PostgreSQL are stopped at the end whatever happens. Exits 1 when a scenario
fails its check: stored ≠ acknowledged, a lost or changed answer, an error left after
retries, or a lasting 500.
"""

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import psycopg

from bench.run import (
    fetch,
    list_workers,
    read_cookies,
    server_env,
    start_gunicorn,
    stop_process_group,
)
from tests.postgres import _as_cluster_owner, find_pg_bin, free_port, throwaway_cluster

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("baseline", "kill-worker", "pg-restart")
QUESTIONS = 20
MAX_TRIES = 12
ENDPOINT = re.compile(r"^/attempts/\d+/")  # "POST /attempts/7/answer/" counts as "POST answer"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUESTION = re.compile(r'name="question" value="(\d+)"')
VERDICT = re.compile(r'class="verdict"[^>]*>\s*(?:<span[^>]*>[^<]*</span>)?\s*(Right|Not quite)')


def say(message):
    print(f"load: {message}", file=sys.stderr, flush=True)


class Tally:
    """What the clients saw, shared by their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.retried = 0  # requests that got no answer or a 5xx and were sent again
        self.server_errors = 0  # 5xx answers received (each was retried)
        self.errors = []  # requests that still failed after every retry, or a wrong answer
        self.lasting_500 = 0
        self.acknowledged = {}  # (attempt id, question id) -> verdict the page showed
        self.finished = 0
        self.recovered_at = None  # monotonic time the fault ended, when there is one
        self.retried_by = {}  # "POST answer" -> how many retries
        self.fault_note = ""

    def add(self, **counts):
        with self.lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)


class Learner:
    """One simulated learner: a cookie jar and the walk through the quiz."""

    def __init__(self, *, port, tally, username, session, deadline):
        self.port, self.tally, self.username = port, tally, username
        self.cookies = {"sessionid": session}
        self.deadline = deadline

    def request(self, method, path, form=None):
        """Send a request until it gets a non-5xx answer; return (status, headers, text)."""
        body = urlencode(form) if form is not None else None
        for attempt in range(MAX_TRIES):
            if time.monotonic() > self.deadline:
                raise TimeoutError("deadline reached")
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            if body is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            started = time.monotonic()
            self.tally.add(requests=1)
            try:
                status, response_headers, text = fetch(
                    port=self.port, path=path, method=method, body=body, headers=headers
                )
            except (OSError, http.client.HTTPException):
                status = None
            else:
                read_cookies(response_headers, self.cookies)
                if status < 500:
                    return status, dict(response_headers), text
                self.tally.add(server_errors=1)
                recovered = self.tally.recovered_at
                if recovered is not None and started > recovered + 2:
                    self.tally.add(lasting_500=1)
            self.tally.add(retried=1)
            kind = f"{method} {ENDPOINT.sub('', path).strip('/') or 'question'}"
            with self.tally.lock:
                self.tally.retried_by[kind] = self.tally.retried_by.get(kind, 0) + 1
            time.sleep(min(0.25 * 2**attempt, 2.0))
        raise ConnectionError(f"{method} {path}: no answer after {MAX_TRIES} tries ({status})")

    def csrf_form(self, page, **fields):
        token = CSRF.search(page)
        if token is None:
            raise ValueError("no CSRF token on the page")
        return {"csrfmiddlewaretoken": token.group(1), **fields}

    def run(self, quiz_path):
        status, _, page = self.request("GET", quiz_path)
        self.expect(status == 200, f"quiz page answered {status}")
        status, headers, _ = self.request("POST", quiz_path, self.csrf_form(page))
        self.expect(status == 302, f"starting the attempt answered {status}")
        take = headers["Location"]
        attempt_id = int(re.search(r"/attempts/(\d+)/", take).group(1))
        for _ in range(QUESTIONS + 1):
            status, _, page = self.request("GET", take)
            self.expect(status == 200, f"question page answered {status}")
            question = QUESTION.search(page)
            if question is None:
                break  # every question answered: the page invites to finish
            question_id = int(question.group(1))
            form = self.csrf_form(page, question=question_id, choice=1 + question_id % 4)
            status, _, feedback = self.request("POST", f"/attempts/{attempt_id}/answer/", form)
            verdict = VERDICT.search(feedback)
            self.expect(status == 200 and verdict, f"answer answered {status} without verdict")
            with self.tally.lock:
                previous = self.tally.acknowledged.setdefault(
                    (attempt_id, question_id), verdict.group(1)
                )
            self.expect(previous == verdict.group(1), "a repeated answer changed its verdict")
        status, _, _ = self.request("POST", f"/attempts/{attempt_id}/finish/", self.csrf_form(page))
        self.expect(status == 302, f"finish answered {status}")
        self.tally.add(finished=1)

    def expect(self, condition, message):
        if not condition:
            raise AssertionError(f"{self.username}: {message}")


def run_scenario(*, name, env, port, master, url, learners, concurrency, deadline, kills):
    """Create the scenario's learners, run them with its fault, and compare with the database."""
    prepared = json.loads(
        subprocess.run(
            [sys.executable, "-m", "bench.load.prepare", "--prefix", name, "--learners", str(learners)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300,
        ).stdout
    )  # fmt: skip
    tally = Tally()
    stop_at = time.monotonic() + deadline
    expected = learners * QUESTIONS
    fault = threading.Thread(
        target=inject_fault, args=(name, tally, expected, master, url, kills), daemon=True
    )
    fault.start()
    started = time.monotonic()

    def walk(learner):
        try:
            Learner(port=port, tally=tally, deadline=stop_at, **learner).run(prepared["quiz_path"])
        except Exception as error:
            with tally.lock:
                tally.errors.append(f"{type(error).__name__}: {error}")

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(walk, prepared["learners"]))
    elapsed = time.monotonic() - started
    fault.join(timeout=60)
    stored = read_stored(url=url, prefix=name)
    acknowledged = tally.acknowledged
    lost = [pair for pair in acknowledged if pair not in stored]
    changed = [
        pair for pair, verdict in acknowledged.items() if stored.get(pair) not in (None, verdict)
    ]
    unacknowledged = [pair for pair in stored if pair not in acknowledged]
    result = {
        "scenario": name,
        "learners": learners,
        "finished": tally.finished,
        "seconds": round(elapsed, 1),
        "requests": tally.requests,
        "retried": tally.retried,
        "server_errors": tally.server_errors,
        "errors": len(tally.errors),
        "lasting_500": tally.lasting_500,
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "lost": len(lost),
        "changed": len(changed),
        "stored_not_acknowledged": len(unacknowledged),
        "fault": tally.fault_note,
        "retried_by": tally.retried_by,
        "error_samples": tally.errors[:5],
    }
    result["ok"] = (
        result["errors"] == 0
        and result["lasting_500"] == 0
        and result["stored"] == result["acknowledged"] == expected
        and not lost
        and not changed
        and (name != "baseline" or result["retried"] == 0)
    )
    return result


def wait_for_answers(tally, count, timeout=600):
    """Wait until `count` answers are acknowledged (or `timeout` seconds have passed)."""
    give_up = time.monotonic() + timeout
    while len(tally.acknowledged) < count and time.monotonic() < give_up:
        time.sleep(0.02)


def inject_fault(name, tally, expected, master, url, kills):
    """Wait until a share of the answers are in, then break something (or nothing)."""
    if name == "baseline":
        return
    if name == "kill-worker":
        killed = []
        for n in range(1, kills + 1):
            wait_for_answers(tally, expected * n // (kills + 1))
            victim = int(list_workers(master.pid)[0].name)
            os.kill(victim, signal.SIGKILL)
            killed.append(f"{victim} at {len(tally.acknowledged)} answers")
        tally.fault_note = "SIGKILL worker " + ", ".join(killed)
        tally.recovered_at = time.monotonic()
    elif name == "pg-restart":
        wait_for_answers(tally, expected // 4)
        with psycopg.connect(url, autocommit=True) as connection:
            data = connection.execute("SHOW data_directory").fetchone()[0]
        began = time.monotonic()
        log = Path(data).parent / "restart.log"
        subprocess.run(
            _as_cluster_owner(
                [find_pg_bin("pg_ctl"), "-D", data, "-l", str(log), "-m", "fast", "-w", "restart"]
            ),
            check=True, stdout=subprocess.DEVNULL, timeout=120,
        )  # fmt: skip
        tally.recovered_at = time.monotonic()
        tally.fault_note = (
            f"pg_ctl restart at {len(tally.acknowledged)} answers, "
            f"down {tally.recovered_at - began:.1f} s"
        )


def read_stored(*, url, prefix):
    """(attempt id, question id) -> "Right"/"Not quite" for the scenario's stored responses."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT r.attempt_id, r.question_id, r.is_correct FROM quizzes_response r "
            "JOIN quizzes_attempt a ON a.id = r.attempt_id "
            "JOIN auth_user u ON u.id = a.learner_id WHERE u.username LIKE %s",
            [f"load-{prefix}-%"],
        ).fetchall()
    return {(a, q): "Right" if correct else "Not quite" for a, q, correct in rows}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=40)
    parser.add_argument("--deadline", type=int, default=300, help="seconds per scenario")
    parser.add_argument("--kills", type=int, default=3, help="workers killed in kill-worker")
    args = parser.parse_args(argv)
    if not (1 <= args.learners <= 1000 and 1 <= args.concurrency <= 200 and args.deadline <= 900):
        raise SystemExit("load: at most 1000 learners, 200 at once, 900 s per scenario")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = []
    with tempfile.TemporaryDirectory(prefix="quizsite-load-") as tmp, throwaway_cluster() as url:
        port = free_port()
        env = server_env(
            database_url=url, static_root=Path(tmp) / "static", allowed_hosts="127.0.0.1"
        )
        for step in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True)
        say(f"PostgreSQL at {url.split('@')[-1]}, gunicorn on 127.0.0.1:{port}")
        master = start_gunicorn(env=env, port=port)
        try:
            for name in args.scenarios:
                say(f"{name}: {args.learners} learners, {args.concurrency} at a time")
                result = run_scenario(
                    name=name, env=env, port=port, master=master, url=url,
                    learners=args.learners, concurrency=args.concurrency,
                    deadline=args.deadline, kills=args.kills,
                )  # fmt: skip
                say(json.dumps(result))
                results.append(result)
        finally:
            stop_process_group(master)
    print(render(results))
    return 0 if all(result["ok"] for result in results) else 1


def render(results):
    lines = [
        "| scenario | learners finished | requests | retried (no answer or 5xx) | errors left "
        "| lasting 500s | answers acknowledged | responses stored | lost / changed | time |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['scenario']} | {r['finished']}/{r['learners']} | {r['requests']:,} "
            f"| {r['retried']} | {r['errors']} | {r['lasting_500']} | {r['acknowledged']:,} "
            f"| {r['stored']:,} | {r['lost']} / {r['changed']} | {r['seconds']} s |"
        )
    notes = [
        f"- {r['scenario']}: {r['fault']}; retried: {r['retried_by'] or 'nothing'}"
        for r in results
        if r["fault"]
    ]
    verdict = "all passed" if all(r["ok"] for r in results) else "FAILED"
    return "\n".join([*lines, "", *notes, "", f"Result: {verdict}."])


if __name__ == "__main__":
    sys.exit(main())
