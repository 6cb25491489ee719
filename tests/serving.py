"""``tagdyr serve`` as users run it: a real server process (several workers) on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def tagdyr_server(database_url: str, workers: int, **env: str) -> Iterator[str]:
    """Start ``tagdyr serve --workers N``; its base URL once /healthz answers."""
    port = free_port()
    settings = {f"TAGDYR_{k.upper()}": v for k, v in env.items()}
    process = subprocess.Popen(
        [sys.executable, "-m", "tagdyr.cli", "serve", "--db", database_url, "--port", str(port),
         "--workers", str(workers)],
        env={**os.environ, **settings}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"tagdyr serve stopped: {process.stdout.read()}")  # type: ignore[union-attr]
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("tagdyr serve did not answer within 30 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
