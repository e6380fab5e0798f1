"""The benchmark behind `make bench`: pages under load against gunicorn and PostgreSQL.

    uv run python -m bench.run                    # the issue's full size (about 3 minutes)
    BENCH_SCALE=small uv run python -m bench.run  # a quick run (about 1.5 minutes)

In one run: starts a throwaway PostgreSQL cluster (tests/postgres.py), migrates, seeds the
scale data (`seed_scale`), opens attempts for the benchmark's answers (bench/prepare.py),
collects static files into a temporary folder, starts gunicorn (sync, 2 workers, DEBUG off,
a fresh SECRET_KEY) on 127.0.0.1, logs learners and a teacher in over HTTP, checks every page
answers 200, then drives wrk (loopback only, a fixed number of connections for a fixed time
per page) against /healthz (the floor), the quiz question page, the answer POST, the flashcard
review page, the dashboard and the teacher's class page. Then it counts each page's queries
(bench/queries.py), reads the peak RSS of the gunicorn workers, stops gunicorn, times question
generation (bench/generation.py) and writes bench/results/<date>-<scale>.md.
gunicorn and PostgreSQL are stopped at the end whatever happens.

Environment: BENCH_SCALE (full | small), BENCH_DURATION (seconds per page, 10),
BENCH_CONNECTIONS (16), BENCH_THREADS (wrk threads, 2), BENCH_GENERATION (0 to skip it).
"""

import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from tests.postgres import free_port, throwaway_cluster

ROOT = Path(__file__).resolve().parents[1]
SCALES = {
    "full": {"learners": 10_000, "questions": 1_000, "responses": 1_000_000},
    "small": {"learners": 1_000, "questions": 500, "responses": 50_000},
}
PASSWORD = "scale-bench-password"  # seed_scale.BENCH_PASSWORD (no Django import here)
BENCH_LEARNERS = 16
# Issue 8's targets: minimum ratio to /healthz, maximum p99 (ms), maximum statements.
TARGETS = {
    "healthz": (None, None, 0),
    "healthz_end": (None, None, None),
    "question": (0.09, 60, 5),
    "answer": (0.08, 100, 7),
    "flashcards": (0.06, 100, None),
    "dashboard": (0.06, 100, 10),
    "class": (None, None, None),
}
LABELS = {
    "healthz": "`/healthz` (floor)",
    "question": "Quiz question page",
    "answer": "Answer POST (+ FSRS)",
    "flashcards": "Flashcard review",
    "dashboard": "Dashboard",
    "class": "Teacher's class page",
    "healthz_end": "`/healthz` again, last",
}
# /healthz runs first and last: the floor is their mean, and their gap shows how much the
# machine's other work moved the figures during the run.
PAGES = ("healthz", "question", "answer", "flashcards", "dashboard", "class", "healthz_end")
RSS_TARGET_MB = 150


class BenchError(Exception):
    """A step failed; the message says which and why."""


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run_step(argv, *, env, timeout, capture=False):
    """Run a command from the repository root; raise BenchError naming it when it fails."""
    started = time.monotonic()
    result = subprocess.run(
        argv, cwd=ROOT, env=env, timeout=timeout, text=True, capture_output=capture
    )
    if result.returncode != 0:
        detail = (result.stderr or "")[-2000:] if capture else ""
        raise BenchError(f"{' '.join(map(str, argv))} exited {result.returncode}\n{detail}")
    say(f"{' '.join(map(str, argv[1:4]))[:60]}… took {time.monotonic() - started:.0f} s")
    return result.stdout


def server_env(*, database_url, static_root, allowed_hosts):
    """The environment manage.py and gunicorn run under: production settings (bench.settings,
    DEBUG off, a fresh SECRET_KEY, no HTTPS redirect on loopback) on `database_url`, static
    files collected into `static_root`, and only `allowed_hosts` (comma-separated) served."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_STATIC_ROOT": str(static_root),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": allowed_hosts,
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }


def start_gunicorn(*, env, port):
    """Start gunicorn in its own process group so that it and its workers stop together."""
    argv = [
        sys.executable, "-m", "gunicorn", "quizsite.wsgi", "--workers", "2",
        "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(argv, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited at start with status {server.returncode}")
        try:
            if fetch(port=port, path="/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    raise BenchError("gunicorn did not answer /healthz within 30 s")


def stop_process_group(process):
    if process is None or process.poll() is not None:
        return
    with _suppress_lookup():
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with _suppress_lookup():
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


class _suppress_lookup:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        return kind is ProcessLookupError


def fetch(*, port, path, method="GET", body=None, headers=None):
    """One request on a new connection: (status, headers, body text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def read_cookies(headers, jar):
    """Update `jar` from Set-Cookie headers. (The cookies are Secure, as in production, so a
    browser-like cookie jar would not send them back over plain HTTP; the server doesn't mind.)"""
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key.strip()] = rest.split(";", 1)[0]
    return jar


def log_in(*, port, username):
    """Log `username` in through the login form; return its cookies (sessionid, csrftoken)."""
    status, headers, page = fetch(port=port, path="/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise BenchError(f"GET /accounts/login/ answered {status} without a CSRF token")
    jar = read_cookies(headers, {})
    body = urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    status, headers, _ = fetch(
        port=port,
        path="/accounts/login/",
        method="POST",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
        },
    )
    read_cookies(headers, jar)
    if status != 302 or "sessionid" not in jar:
        raise BenchError(f"logging {username} in answered {status}, no session")
    return jar


def cookie_header(jar):
    return "; ".join(f"{key}={value}" for key, value in jar.items())


def run_wrk(*, port, path, cookie=None, lines=None, duration, connections, threads):
    """Drive one page with wrk; return its figures (bench/wrk/bench.lua's JSON line)."""
    argv = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "wrk" / "bench.lua"),
    ]  # fmt: skip
    if cookie:
        argv += ["-H", f"Cookie: {cookie}"]
    env = {**os.environ, "BENCH_THREADS": str(threads)}
    if lines:
        env["BENCH_LINES"] = str(lines)
    argv.append(f"http://127.0.0.1:{port}{path}")
    result = subprocess.run(
        argv, env=env, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    found = re.search(r"^BENCH_JSON (.*)$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or found is None:
        raise BenchError(f"wrk on {path} failed: {result.stdout[-1000:]} {result.stderr[-1000:]}")
    figures = json.loads(found.group(1))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def list_workers(master_pid):
    """The /proc folders of the gunicorn master's children (its workers)."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            workers.append(stat.parent)
    return workers


def worker_cpu_seconds(master_pid):
    """User + system CPU time the workers have used so far. CPU per request depends far less
    on the machine's other work than requests per second do."""
    total = 0
    for folder in list_workers(master_pid):
        fields = (folder / "stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def worker_memory(master_pid):
    """Peak and current RSS (MB) of each gunicorn worker, from /proc."""
    workers = []
    for folder in list_workers(master_pid):
        status = (folder / "status").read_text()
        peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
        now = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
        workers.append((peak, now))
    return workers


def describe_machine():
    cpu = "unknown CPU"
    with _suppress_os(), open("/proc/cpuinfo") as info:
        cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"commit {commit or 'unknown'}"
    )


def read_load():
    """The 1-minute load average, as /proc/loadavg gives it."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


class _suppress_os:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        return kind is not None and issubclass(kind, (OSError, StopIteration))


def main():
    scale_name = os.environ.get("BENCH_SCALE", "full")
    if scale_name not in SCALES:
        raise SystemExit(f"bench: BENCH_SCALE must be one of {', '.join(SCALES)}")
    duration = int(os.environ.get("BENCH_DURATION", "10"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "16"))
    threads = int(os.environ.get("BENCH_THREADS", "2"))
    if not (1 <= duration <= 60 and 1 <= connections <= 64 and 1 <= threads <= connections):
        raise SystemExit("bench: need 1-60 s, 1-64 connections, 1 thread per connection at most")
    if shutil.which("wrk") is None:
        raise SystemExit("bench: wrk not found (Debian: apt-get install wrk; `make bench` does)")
    # A SIGTERM (timeout, CI) must still run the finally blocks that stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="quizsite-bench-") as tmp, throwaway_cluster() as url:
        say(f"scale {scale_name}: PostgreSQL at {url.split('@')[-1]}")
        # testserver: bench/queries.py counts each page's queries with Django's test client.
        env = server_env(
            database_url=url,
            static_root=Path(tmp) / "static",
            allowed_hosts="127.0.0.1,testserver",
        )
        report = measure(
            env=env,
            tmp=Path(tmp),
            scale_name=scale_name,
            duration=duration,
            connections=connections,
            threads=threads,
        )
    report["total_s"] = time.monotonic() - started
    text = render_report(report)
    out = ROOT / "bench" / "results" / f"{report['date']}-{scale_name}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)
    print(text)
    say(f"written to {out.relative_to(ROOT)} in {report['total_s']:.0f} s")
    return 0


def measure(*, env, tmp, scale_name, duration, connections, threads):
    """Everything between a fresh database and the figures; returns the report's data."""
    python = sys.executable
    scale = SCALES[scale_name]
    report = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "scale_name": scale_name,
        "scale": scale,
        "machine": describe_machine(),
        "duration": duration,
        "connections": connections,
        "threads": threads,
    }
    run_step([python, "manage.py", "migrate", "--noinput", "-v0"], env=env, timeout=600)
    seed_started = time.monotonic()
    seeded = run_step(
        [python, "manage.py", "seed_scale", *(f"--{k}={v}" for k, v in scale.items())],
        env=env,
        timeout=1200,
        capture=True,
    )
    report["seed"] = seeded.strip()
    report["seed_s"] = time.monotonic() - seed_started
    say(report["seed"])
    run_step([python, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, timeout=300)
    pairs_file = tmp / "pairs.tsv"
    pages = json.loads(
        run_step(
            [
                python,
                "-m",
                "bench.prepare",
                "--learners",
                str(BENCH_LEARNERS),
                "--pairs",
                str(pairs_file),
            ],
            env=env,
            timeout=600,
            capture=True,
        )  # fmt: skip
    )
    report["pages"] = pages
    port = free_port()
    server = None
    try:
        server = start_gunicorn(env=env, port=port)
        say(f"gunicorn on 127.0.0.1:{port}, logging in {BENCH_LEARNERS} learners and a teacher")
        jars = {}
        for n in range(1, BENCH_LEARNERS + 1):
            username = f"scale-learner-{n:05d}"
            jars[username] = log_in(port=port, username=username)
        teacher = log_in(port=port, username=pages["teacher"])
        learner = jars[pages["learner"]]
        lines = tmp / "answers.tsv"
        with open(pairs_file) as source, open(lines, "w") as out:
            for line in source:
                username, path, body = line.rstrip("\n").split("\t")
                jar = jars[username]
                out.write(f"{path}\t{body}\t{cookie_header(jar)}\t{jar['csrftoken']}\n")
        gets = {
            "healthz": ("/healthz", None),
            "healthz_end": ("/healthz", None),
            "question": (pages["question_page"], learner),
            "flashcards": ("/flashcards/", learner),
            "dashboard": ("/dashboard/", learner),
            "class": (pages["class_page"], teacher),
        }
        check_pages(port=port, gets=gets, learner=learner, answer=pages["checks"][0])
        # Other work on the machine skews every figure: say how busy it was.
        report["load"] = read_load()
        results = {}
        for name in PAGES:
            wait_until_idle(port=port)
            cpu_before = worker_cpu_seconds(server.pid)
            if name == "answer":
                figures = run_wrk(
                    port=port, path="/", lines=lines, duration=duration,
                    connections=connections, threads=threads,
                )  # fmt: skip
            else:
                path, jar = gets[name]
                figures = run_wrk(
                    port=port, path=path, cookie=jar and cookie_header(jar), duration=duration,
                    connections=connections, threads=threads,
                )  # fmt: skip
            cpu = worker_cpu_seconds(server.pid) - cpu_before
            figures["cpu_ms"] = 1000 * cpu / figures["requests"] if figures["requests"] else 0
            results[name] = figures
            say(
                f"{name:10} {figures['rps']:8.1f} req/s  p50 {figures['p50_us'] / 1000:6.1f} ms"
                f"  p99 {figures['p99_us'] / 1000:6.1f} ms  errors {figures['non_2xx_3xx']}"
                f"  worker CPU {figures['cpu_ms']:.1f} ms/request"
            )
        report["results"] = results
        report["workers"] = worker_memory(server.pid)
    finally:
        stop_process_group(server)
    report["queries"] = json.loads(
        run_step(
            [python, "-m", "bench.queries", json.dumps(pages)], env=env, timeout=300, capture=True
        )  # fmt: skip
    )
    report["generation"] = time_generation(env=env)
    return report


def wait_until_idle(*, port, timeout=60):
    """Wait until both workers are free: requests that wrk left queued at the end of a slow page
    are still being served, and would otherwise be measured as the next page's latency."""
    deadline = time.monotonic() + timeout
    quick = 0
    while time.monotonic() < deadline and quick < 3:
        started = time.monotonic()
        fetch(port=port, path="/healthz")
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
        time.sleep(0.1)


def check_pages(*, port, gets, learner, answer):
    """Every page must answer 200 before it is measured: a redirect to the login page or an
    error page would be measured as a very fast page."""
    for name, (path, jar) in gets.items():
        headers = {"Cookie": cookie_header(jar)} if jar else {}
        status, _, _ = fetch(port=port, path=path, headers=headers)
        if status != 200:
            raise BenchError(f"{name} page {path} answered {status}, not 200")
    _, path, body = answer
    status, _, page = fetch(
        port=port,
        path=path,
        method="POST",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(learner),
            "X-CSRFToken": learner["csrftoken"],
            "HX-Request": "true",
        },
    )
    if status != 200:
        raise BenchError(f"the answer POST {path} answered {status}, not 200: {page[:300]}")


def time_generation(*, env):
    """bench/generation.py's one-line summary, when the script exists and is not skipped."""
    script = ROOT / "bench" / "generation.py"
    if os.environ.get("BENCH_GENERATION") == "0":
        return "skipped (BENCH_GENERATION=0)"
    if not script.exists():
        return "not run: bench/generation.py is missing"
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "quizsite.settings", "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    lines = result.stdout.strip().splitlines() or result.stderr.strip().splitlines() or ["?"]
    return lines[-1] + ("" if result.returncode == 0 else f" (exit status {result.returncode})")


def verdict(ok):
    return "✅" if ok else "❌"


def render_report(report):
    """The results as Markdown: one row per page, then memory, queries, generation."""
    results, queries = report["results"], report["queries"]
    floor = (results["healthz"]["rps"] + results["healthz_end"]["rps"]) / 2
    scale = report["scale"]
    rows = [
        "| page | req/s | × /healthz (mean) | p50 ms | p99 ms | worker CPU ms/req | errors "
        "| queries | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, figures in results.items():
        ratio = figures["rps"] / floor
        p99 = figures["p99_us"] / 1000
        counted = queries.get(name.removesuffix("_end"), {})
        count = counted.get("queries", "?")
        shown = count
        if counted.get("without_transaction", count) != count:
            shown = f"{count} ({counted['without_transaction']} w/o BEGIN/COMMIT)"
        min_ratio, max_p99, max_queries = TARGETS[name]
        targets = []
        if min_ratio is not None:
            targets.append(f"≥ {min_ratio}× {verdict(ratio >= min_ratio)}")
        if max_p99 is not None:
            targets.append(f"p99 ≤ {max_p99} {verdict(p99 <= max_p99)}")
        # The budgets count statements: BEGIN and COMMIT (which Django 6 logs as queries)
        # are transaction control, and the tests' budgets do not see them either.
        statements = counted.get("without_transaction", count)
        if max_queries is not None and isinstance(statements, int):
            targets.append(f"≤ {max_queries} q {verdict(statements <= max_queries)}")
        errors = figures["non_2xx_3xx"] + sum(
            figures[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
        )
        rows.append(
            f"| {LABELS[name]} | {figures['rps']:.0f} | {ratio:.3f} | "
            f"{figures['p50_us'] / 1000:.1f} | {p99:.1f} | {figures['cpu_ms']:.1f} | {errors} | "
            f"{shown} | "
            f"{', '.join(targets) or '—'} |"
        )
    peak = max((p for p, _ in report["workers"]), default=0)
    current = max((c for _, c in report["workers"]), default=0)
    wrapped = results["answer"]["wrapped"]
    pages = report["pages"]
    return "\n".join(
        [
            f"# Benchmark {report['date']} ({report['scale_name']} scale)",
            "",
            f"- Data: {scale['learners']:,} learners, {scale['questions']:,} questions, "
            f"{scale['responses']:,} responses; seeded in {report['seed_s']:.0f} s.",
            f"- Seed: {report['seed']}",
            f"- Load: wrk, {report['connections']} connections, {report['threads']} threads, "
            f"{report['duration']} s per page, loopback; gunicorn sync, 2 workers, DEBUG off, "
            f"PostgreSQL on the same machine.",
            f"- Machine: {report['machine']}; load average {report['load']} before the load "
            "(the machine is shared: other work lowers every figure).",
            f"- Pages: question `{pages['question_page']}` and dashboard/flashcards as "
            f"{pages['learner']} (the most active learner, {pages['learner_responses']:,} "
            f"answers); answers as {BENCH_LEARNERS} learners, each POST a new (attempt, "
            f"question) of {pages['answers']:,} prepared (htmx partial); class "
            f"`{pages['class_page']}` ({pages['class_learners']} learners) as {pages['teacher']}.",
            "",
            *rows,
            "",
            f"- Peak RSS of a gunicorn worker (VmHWM) after the run: {peak:.0f} MB "
            f"(now {current:.0f} MB); target ≤ {RSS_TARGET_MB} MB {verdict(peak <= RSS_TARGET_MB)}.",
            "- Queries: Django test client, second (warm) request, session and user included; "
            "in-process times: "
            + ", ".join(f"{name} {q['ms']} ms" for name, q in queries.items())
            + ".",
            f"- Answers reused after the prepared ones ran out: {wrapped} rounds"
            + (" (repeats are answered from the stored result)." if wrapped else "."),
            f"- Generation (bench/generation.py): {report['generation']}",
            f"- Whole run: {report['total_s']:.0f} s.",
            "",
        ]
    )


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        say(f"FAILED: {error}")
        sys.exit(1)
