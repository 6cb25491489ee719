"""Requests refused before their body is read: the connection is closed after the answer.

FastAPI's body limit answers 413 and the login wall 401 without reading the body, but the
server would then wait for the rest of a 2 GiB body on a kept-alive connection. Any answer
that starts before the request's body was received whole says ``Connection: close``."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tagdyr.web.timing import ServerTiming


class CloseUnreadBodies:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length", b"0")
        pending = [declared != b"0" or b"transfer-encoding" in headers]

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                pending[0] = False
            return message

        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start" and pending[0]:
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"connection", b"close")]}  # fmt: skip
            await send(message)

        await self.app(scope, counted, closing)


class TagdyrApp(FastAPI):
    """FastAPI, its middleware stack (the body limit too) inside :class:`CloseUnreadBodies`,
    timed by :class:`ServerTiming`."""

    def build_middleware_stack(self) -> ASGIApp:
        return CloseUnreadBodies(ServerTiming(super().build_middleware_stack()))
