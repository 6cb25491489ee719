"""What every response carries and every request passes: who is asking (a session cookie or
an API token), the CSRF token of forms, a private deployment's login wall, a per-address rate
limit on searches and exports, and secure headers."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from urllib.parse import quote, urlparse

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from tagdyr.accounts import User, session_user, token_user
from tagdyr.settings import Settings

SESSION_COOKIE = "tagdyr_session"
_READS = ("GET", "HEAD", "OPTIONS")
CSRF_COOKIE = "tagdyr_csrf"
_OPEN_PATHS = ("/login", "/static/", "/healthz")
_LIMITED_PATHS = ("/search", "/export/", "/api/search")
_EXPORT_SUFFIXES = (".jsonld", ".ged")  # a person's exports: limited like the others
# what one request counts against the rate limit: a page is 1; a selection's export builds the
# records of up to thousands of persons; a printable collection renders them, a PDF most of all
_COSTS = (("/export/collection.pdf", 30), ("/export/collection.", 10), ("/export/", 5))


def request_cost(path: str) -> int:
    """Rate-limit units of a request to ``path``; 0 = not limited."""
    for prefix, cost in _COSTS:
        if path.startswith(prefix):
            return cost
    if path.startswith(_LIMITED_PATHS) or path.endswith(_EXPORT_SUFFIXES):
        return 1
    return 0


_ANONYMOUS_CHANGES = ("/login", "/logout")  # the only changes a visitor without a login sends
# Request bodies: a form of the UI, a login, an upload. Larger ones get 413 before they are
# read (Content-Length) or as soon as the bytes sent pass the limit (FastAPI's body limit).
FORM_BYTES = 1024 * 1024
LOGIN_BYTES = 16 * 1024


class RateLimiter:
    """At most ``per_minute`` requests per key in any 60 seconds (a sliding window)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, cost: int = 1) -> bool:
        """Count a request of ``cost`` units (a page is 1), unless it would pass the limit."""
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - 60:
                hits.popleft()
            if len(hits) + cost > self.per_minute:
                return False
            hits.extend([now] * cost)
            if len(self._hits) > 10_000:  # forget idle addresses
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - 60}
            return True


def content_security_policy(settings: Settings) -> str:
    images = "'self' data:"
    if settings.tiles_url:
        parsed = urlparse(settings.tiles_url.replace("{", "").replace("}", ""))
        images += f" {parsed.scheme}://{parsed.netloc}"
    return (
        f"default-src 'self'; img-src {images}; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def _secure_headers(response: Response, settings: Settings, personal: bool) -> None:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(settings))
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if settings.secure_cookies:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if personal:
        headers["Cache-Control"] = "private, no-store"


def _identify(request: Request) -> None:
    """request.state.user (or None), .csrf (the token forms must send back), .by_token."""
    engine = request.app.state.engine
    request.state.user, request.state.by_token = None, False
    request.state.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        request.state.user = token_user(engine, authorization[7:].strip())
        request.state.by_token = request.state.user is not None
        return
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with engine.connect() as conn:
            found = session_user(conn, cookie)
        if found:
            request.state.user, request.state.csrf = found


def client_address(request: Request) -> str:
    """The visitor's address (behind the proxy: the one it forwarded)."""
    return request.client.host if request.client else "unknown"


def to_login(request: Request) -> Response:
    """To the login page, and back to this page after it."""
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def _refused(request: Request, status: int, message: str) -> Response:
    if "text/html" in request.headers.get("accept", "") and status == 401:
        return to_login(request)
    return JSONResponse({"detail": message}, status_code=status)


def guard(settings: Settings) -> Callable[[Request, Callable[[Request], Awaitable[Response]]],
                                           Awaitable[Response]]:  # fmt: skip
    """The HTTP middleware: identity, login wall, rate limit, cookies and headers."""
    limiter = RateLimiter(settings.search_rate_per_minute)

    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # the session or token lookup is blocking database work: off the event loop, which
        # must stay free to finish the responses that give pooled connections back
        await run_in_threadpool(_identify, request)
        user: User | None = request.state.user
        path = request.url.path
        response: Response
        if request.headers.get("authorization") and user is None:
            response = JSONResponse({"detail": "the API token is not valid"}, status_code=401)
        elif not settings.public_read and user is None and not path.startswith(_OPEN_PATHS):
            response = _refused(request, 401, "this tagdyr is private: log in first")
        elif user is None and request.method not in _READS and path not in _ANONYMOUS_CHANGES:
            # before the body is read: an anonymous upload is refused, not spooled to disk
            response = _refused(request, 401, "log in as an editor to do this")
        elif (cost := request_cost(path)) and not limiter.allow(client_address(request), cost):
            response = JSONResponse(
                {
                    "detail": "too many searches or exports from your address (a collection "
                    "counts as many): wait a minute"
                },
                status_code=429,
                headers={"Retry-After": "60"},
            )
        else:
            response = await call_next(request)
        if CSRF_COOKIE not in request.cookies and user is None:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict",
                                secure=settings.secure_cookies)  # fmt: skip
        _secure_headers(response, settings, personal=user is not None)
        return response

    return middleware
