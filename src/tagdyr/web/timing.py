"""Where a request's time went, said in a ``Server-Timing`` header: ``app`` is the time from
the request reaching the app to its answer starting (the handler, its wait for a thread and
a pooled connection), ``db`` the time spent in database statements. A load test compares
them with what its clients measured: the rest is queueing outside the app (the CPU, the
socket)."""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_SPENT: ContextVar[list[float] | None] = ContextVar("tagdyr_db_time", default=None)
_STARTED = "tagdyr_statement_started"


def _before(conn: Any, *_: Any) -> None:
    conn.info[_STARTED] = time.perf_counter()


def _after(conn: Any, *_: Any) -> None:
    spent = _SPENT.get()
    started = conn.info.pop(_STARTED, None)
    if spent is not None and started is not None:
        spent[0] += time.perf_counter() - started
        spent[1] += 1


def watch(engine: Engine) -> None:
    """Count the time of every statement ``engine`` runs toward the current request."""
    if not event.contains(engine, "before_cursor_execute", _before):
        event.listen(engine, "before_cursor_execute", _before)
        event.listen(engine, "after_cursor_execute", _after)


class ServerTiming:
    """ASGI middleware adding ``Server-Timing: app;dur=…, db;dur=…;desc="n statements"``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        spent = [0.0, 0.0]
        _SPENT.set(spent)  # threads that serve this request see the same list

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                app_ms = (time.perf_counter() - started) * 1000
                said = (f"app;dur={app_ms:.1f}, db;dur={spent[0] * 1000:.1f};"
                        f'desc="{int(spent[1])} statements"')  # fmt: skip
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"server-timing", said.encode())]}  # fmt: skip
            await send(message)

        await self.app(scope, receive, timed)
