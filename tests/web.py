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
        known = {a.user.username for a in accounts.list_accounts(conn)}
    if username not in known:
        accounts.create_user(engine, username, PASSWORD, role, actor="test")
    form = client.get("/login")
    done = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return csrf_of(client.get("/account").text)
