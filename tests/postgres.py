"""Run a command against a throwaway PostgreSQL cluster.

    python -m tests.postgres -- pytest -q

When DATABASE_URL already names a PostgreSQL server, the command simply runs against it.
Otherwise this creates a cluster with initdb in a temporary directory, starts it with pg_ctl on
a free loopback port, runs the command with DATABASE_URL pointing at it, then stops the
cluster and removes the directory, whatever the command's outcome.
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_pg_bin(name):
    """The path of a PostgreSQL server binary: on PATH, else in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise SystemExit(
        f"postgres: {name} not found; install PostgreSQL (Debian: apt-get install postgresql)"
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_cluster_owner(argv):
    # initdb and postgres refuse to run as root; run them as the `postgres` user there.
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


@contextlib.contextmanager
def throwaway_cluster():
    """Yield a DATABASE_URL for a fresh cluster that lives as long as the block."""
    initdb, pg_ctl = find_pg_bin("initdb"), find_pg_bin("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="quizsite-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (root, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    port = free_port()
    log = root / "server.log"
    try:
        subprocess.run(
            _as_cluster_owner(
                [
                    initdb,
                    "-D",
                    str(data),
                    "-U",
                    "quizsite",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        subprocess.run(
            _as_cluster_owner(
                [pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        try:
            yield f"postgres://quizsite@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                _as_cluster_owner([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]),
                stdout=subprocess.DEVNULL,
                check=False,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv):
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        raise SystemExit("usage: python -m tests.postgres -- COMMAND [ARGS...]")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        print(
            f"postgres: using the server named by DATABASE_URL ({url.split('@')[-1]})", flush=True
        )
        return subprocess.call(argv)
    with throwaway_cluster() as url:
        print(f"postgres: throwaway cluster at {url.split('@')[-1]}", flush=True)
        return subprocess.call(argv, env={**os.environ, "DATABASE_URL": url})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
