"""``tagdyr serve`` as users run it: a real server process (several workers) on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(process: subprocess.Popen[str], base: str, log: Path) -> None:
    seconds = float(os.environ.get("SERVE_STARTUP_SECONDS", "30"))  # a loaded machine: more
    for _ in range(int(seconds * 10)):
        if process.poll() is not None:
            raise RuntimeError(f"tagdyr serve stopped: {log.read_text()[-3000:]}")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"tagdyr serve did not answer within {seconds:.0f} s")


@contextmanager
def tagdyr_server(database_url: str, workers: int, **env: str) -> Iterator[str]:
    """Start ``tagdyr serve --workers N``; its base URL once /healthz answers. An error the
    server logged fails the caller."""
    port = free_port()
    settings = {f"TAGDYR_{k.upper()}": v for k, v in env.items()}
    base = f"http://127.0.0.1:{port}"
    # the server's output goes to a file: a pipe nobody reads fills up and blocks the server
    with tempfile.TemporaryDirectory() as folder, open(Path(folder) / "serve.log", "w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tagdyr.cli", "serve", "--db", database_url, "--port",
             str(port), "--workers", str(workers)],
            env={**os.environ, **settings}, stdout=log, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            _wait(process, base, Path(log.name))
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        said = Path(log.name).read_text()
        if "Traceback" in said:
            raise RuntimeError(f"tagdyr serve logged an error:\n{said[-5000:]}")
