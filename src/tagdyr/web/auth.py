"""Logging in and out, the roles pages need, CSRF checks, API tokens and user admin."""

from __future__ import annotations

import asyncio
import hmac
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from tagdyr import accounts
from tagdyr.accounts import User
from tagdyr.errors import AccessError
from tagdyr.web.deps import Conn, PathId
from tagdyr.web.security import LOGIN_BYTES, SESSION_COOKIE, client_address

router = APIRouter()
_HASHING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tagdyr-login")  # per worker


async def _sent_csrf(request: Request) -> str:
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return str((await request.form()).get("csrf_token", ""))
    return ""


async def check_csrf(request: Request) -> None:
    """A browser's change must carry the CSRF token of its page (an API token needs none:
    browsers never send it by themselves)."""
    if request.state.by_token:
        return
    sent = await _sent_csrf(request)
    if not sent or not hmac.compare_digest(sent, request.state.csrf):
        raise AccessError(
            "the form is out of date or came from another site (CSRF check failed): "
            "reload the page and send it again"
        )


def current_user(request: Request) -> User | None:
    user: User | None = request.state.user
    return user


async def require_editor(request: Request) -> User:
    """An editor or admin; for a change (POST), with a valid CSRF token."""
    user = current_user(request)
    if user is None:
        raise AccessError("log in as an editor to do this", status=401)
    if request.method not in ("GET", "HEAD"):
        await check_csrf(request)
    return user


async def require_admin(request: Request) -> User:
    user = await require_editor(request)
    if not user.is_admin:
        raise AccessError("only an admin may do this")
    return user


Editor = Annotated[User, Depends(require_editor)]
Admin = Annotated[User, Depends(require_admin)]


def _safe_next(target: str) -> str:
    """Only a path on this site (no open redirects)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    response: Response = request.app.state.render(request, name, status=status, **context)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    return _render(request, "login.html", next=_safe_next(next))


@router.post("/login", max_body_size=LOGIN_BYTES)
async def login(
    request: Request,
    username: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    await check_csrf(request)
    settings = request.app.state.settings
    engine = request.app.state.engine
    check = partial(
        accounts.authenticate, engine, username, password, client_address(request),
        attempts=settings.login_attempts, window_minutes=settings.login_window_minutes,
    )  # fmt: skip
    try:  # argon2 (64 MB, CPU) in a pool of its own: 40 logins at once wait for each other,
        # not the thread pool that every page and /healthz use
        user = await asyncio.wrap_future(_HASHING.submit(check))
    except AccessError as exc:
        return _render(request, "login.html", status=exc.status, next=_safe_next(next),
                       error=str(exc), username=username)  # fmt: skip
    cookie, _ = await run_in_threadpool(accounts.open_session, engine, user, settings.session_hours)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, cookie, max_age=settings.session_hours * 3600, httponly=True,
        samesite="lax", secure=settings.secure_cookies,
    )  # fmt: skip
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await check_csrf(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        await run_in_threadpool(accounts.close_session, request.app.state.engine, cookie)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, user: Editor, conn: Conn) -> Response:
    return _render(request, "account.html", tokens=accounts.list_tokens(conn, user))


@router.post("/account/tokens", response_class=HTMLResponse)
def new_token(
    request: Request, user: Editor, conn: Conn, name: Annotated[str, Form(max_length=200)]
) -> Response:
    token = accounts.create_token(request.app.state.engine, user, name, actor=user.username)
    return _render(request, "account.html", tokens=accounts.list_tokens(conn, user),
                   new_token=token)  # fmt: skip


@router.post("/account/tokens/{token_id}/revoke")
def revoke(request: Request, token_id: PathId, user: Editor) -> Response:
    accounts.revoke_token(request.app.state.engine, token_id, user, actor=user.username)
    return RedirectResponse("/account", status_code=303)


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, user: Admin, conn: Conn) -> Response:
    return _render(request, "users.html", accounts=accounts.list_accounts(conn),
                   roles=accounts.ROLES)  # fmt: skip


@router.post("/admin/users")
def add_user(
    request: Request,
    user: Admin,
    username: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form(max_length=10)],
    display_name: Annotated[str, Form(max_length=200)] = "",
    email: Annotated[str, Form(max_length=320)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    accounts.create_user(
        request.app.state.engine, username, password, role, actor=user.username,
        display_name=display_name, email=email, note=note,
    )  # fmt: skip
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}")
def change_user(
    request: Request,
    username: str,
    user: Admin,
    role: Annotated[str, Form(max_length=10)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    disabled: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    accounts.change_user(
        request.app.state.engine, username, actor=user.username, role=role or None,
        password=password or None, disabled={"yes": True, "no": False}.get(disabled),
    )  # fmt: skip
    return RedirectResponse("/admin/users", status_code=303)
