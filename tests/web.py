"""Logging a test client in the way a browser does: the login form with its CSRF token."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tagdyr import accounts

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def log_in(client: TestClient, engine: Engine, username: str = "editor",
           role: str = "editor") -> str:  # fmt: skip
    """Create the user if needed, log in through the form; the session's CSRF token."""
    with engine.connect() as conn:
        known = accounts.find_user(conn, username) is not None
    if not known:
        accounts.create_user(engine, username, PASSWORD, role, actor="test")
    form = client.get("/login")
    done = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return csrf_of(client.get("/account").text)


_REVIEW_PAIR = re.compile(
    r'name="left_id" value="(\d+)".*?name="right_id" value="(\d+)".*?name="seen" value="([^"]*)"'
    r'.*?name="pair_seen" value="(\d+)"',
    re.S,
)


def login_form(login_page: str, username: str) -> dict[str, str]:
    """What the login page's form sends for ``username`` (clients of a real server)."""
    return {"username": username, "password": PASSWORD, "csrf_token": csrf_of(login_page)}


def judgement_form(review_page: str, verdict: str) -> dict[str, str] | None:
    """What the review page's form sends for ``verdict``; None when the queue is empty."""
    pair = _REVIEW_PAIR.search(review_page)
    if pair is None:
        return None
    return {"left_id": pair[1], "right_id": pair[2], "seen": pair[3], "pair_seen": pair[4],
            "verdict": verdict, "csrf_token": csrf_of(review_page)}  # fmt: skip
