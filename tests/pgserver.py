"""A throwaway PostgreSQL server for the tests: initdb in a temporary directory, started on a
free loopback port, removed afterwards. Uses Debian's server binaries (``make test`` installs
them); ``TAGDYR_TEST_POSTGRES_URL`` points the tests at an existing server instead."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    found = shutil.which("initdb")
    if found and Path(found).with_name("pg_isready").exists():
        candidates.append(found)
    if not candidates:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb) not found: `make test` installs Debian's "
            "postgresql package; or set TAGDYR_TEST_POSTGRES_URL to a server to test against"
        )
    return Path(candidates[0]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:  # the server refuses to run as root
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_server(settings: dict[str, str] | None = None) -> Iterator[str]:
    """Yield the URL of a running, empty PostgreSQL server with a database ``tagdyr``;
    ``settings``: server settings beyond the defaults (a benchmark's shared_buffers)."""
    existing = os.environ.get("TAGDYR_TEST_POSTGRES_URL")
    if existing:
        yield existing
        return
    bindir = _bindir()
    workdir = Path(tempfile.mkdtemp(prefix="tagdyr-pg-"))
    data = workdir / "data"
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    port = _free_port()
    run = subprocess.run
    run(_as_postgres_user([str(bindir / "initdb"), "-D", str(data), "-U", "tagdyr",
                           "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
        check=True, capture_output=True)  # fmt: skip
    log = workdir / "server.log"
    run(_as_postgres_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                           "-o", f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 "
                           "-c fsync=off -c full_page_writes=off"
                           + "".join(f" -c {k}={v}" for k, v in (settings or {}).items()),
                           "start"]),
        check=True, capture_output=True)  # fmt: skip
    try:
        for _ in range(100):
            ready = run(
                [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                capture_output=True,
            )
            if ready.returncode == 0:
                break
            time.sleep(0.1)
        run(
            [
                str(bindir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "tagdyr",
                "tagdyr",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://tagdyr@127.0.0.1:{port}/tagdyr"
    finally:
        run(
            _as_postgres_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(workdir, ignore_errors=True)
