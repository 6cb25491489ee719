"""``tagdyr serve`` keeps a worker that is slow to answer uvicorn's health ping.

uvicorn's supervisor pings every worker twice a second and kills one that does not answer
within its health-check timeout (5 s by default), dropping every request the worker holds. On
a loaded machine (50 readers on a million persons, load average 30) busy workers missed the
5 s ping; ``tagdyr serve`` gives them 60 s. Here a real worker of a real server is frozen
(SIGSTOP) for longer than uvicorn's default and then let go: it must still be the same
process afterwards, and the server must answer.
"""

from __future__ import annotations

import os
import signal
import time
from contextlib import suppress
from pathlib import Path

import httpx

from tests.serving import tagdyr_server

FROZEN_SECONDS = 9  # longer than uvicorn's default 5 s, far below tagdyr's 60 s


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # gone meanwhile
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _workers() -> list[int]:
    """uvicorn's worker processes among this test's descendants (spawned by multiprocessing)."""
    found = []
    stack = _children(os.getpid())
    while stack:
        pid = stack.pop()
        stack += _children(pid)
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(pid)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_worker_frozen_longer_than_uvicorns_default_is_not_killed(demo_db: str) -> None:
    with tagdyr_server(demo_db, workers=2) as base:
        workers = _workers()
        assert len(workers) == 2, workers
        frozen = workers[0]
        os.kill(frozen, signal.SIGSTOP)
        try:
            time.sleep(FROZEN_SECONDS)
        finally:
            with suppress(ProcessLookupError):  # killed while frozen: the assertion says so
                os.kill(frozen, signal.SIGCONT)
        time.sleep(2)  # a supervisor that gave up has sent SIGTERM: the worker exits now
        assert _alive(frozen), "the supervisor killed the frozen worker"
        assert sorted(_workers()) == sorted(workers)  # none restarted
        assert httpx.get(base + "/healthz", timeout=30).status_code == 200
