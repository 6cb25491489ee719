"""Accounts: users with roles, password logins, browser sessions and API tokens.

Roles: anonymous visitors read (unless the deployment is private), an ``editor`` imports and
reviews, an ``admin`` also manages users. Passwords are hashed with argon2id (argon2-cffi);
session cookies and API tokens are random and stored only as SHA-256 digests, so a copy of the
database does not let anyone log in. Failed logins are counted per address in the database (all
server workers see them) and refused for a while after too many. E-mail addresses and notes are
private: only admins see them.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, func, select, text, update

from tagdyr.errors import AccessError, ConfigError, NotFoundError
from tagdyr.store import schema as s
from tagdyr.store.audit import log_event

ROLES = ("editor", "admin")
MIN_PASSWORD = 10
TOKEN_PREFIX = "tgd_"
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist (the same time either way);
    computed on first use, not at import (an argon2 hash costs tens of milliseconds)."""
    return _HASHER.hash("not a password anybody has")


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    display_name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def name(self) -> str:
        return self.display_name or self.username


@dataclass(frozen=True, slots=True)
class Account:
    """A user as admins see it, with the private fields."""

    user: User
    email: str
    note: str
    created_at: datetime
    disabled_at: datetime | None


@dataclass(frozen=True, slots=True)
class TokenView:
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"a password needs at least {MIN_PASSWORD} characters")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ConfigError(f"role {role!r} is not one of {', '.join(ROLES)}")


def _user(row: object) -> User:
    return User(row.id, row.username, row.display_name, row.role)  # type: ignore[attr-defined]


def create_user(engine: Engine, username: str, password: str, role: str, *, actor: str,
                display_name: str = "", email: str = "", note: str = "") -> User:  # fmt: skip
    """A new editor or admin (usernames: lower-case letters, digits, ``. _ -``)."""
    username = username.strip()
    if not _USERNAME.match(username):
        raise ConfigError(
            f"username {username!r}: 2-80 lower-case letters, digits, '.', '_' or '-'"
        )
    _check_password(password)
    _check_role(role)
    with engine.begin() as conn:
        if conn.execute(select(s.app_user.c.id).where(s.app_user.c.username == username)).first():
            raise ConfigError(f"there is already a user {username!r}")
        user_id = conn.execute(
            s.app_user.insert().returning(s.app_user.c.id),
            {"username": username, "display_name": display_name.strip(), "email": email.strip(),
             "note": note, "password_hash": _HASHER.hash(password), "role": role,
             "created_at": _now()},
        ).scalar_one()  # fmt: skip
        log_event(conn, actor, "user.create", f"user {username} created as {role}",
                  {"user": username, "role": role})  # fmt: skip
    return User(int(user_id), username, display_name.strip(), role)


def change_user(engine: Engine, username: str, *, actor: str, role: str | None = None,
                password: str | None = None, disabled: bool | None = None) -> None:  # fmt: skip
    """Change a user's role, password or whether the account is disabled (never deleted:
    the audit log names its author). A new password or disabling ends the user's sessions."""
    values: dict[str, object] = {}
    said: list[str] = []
    if role is not None:
        _check_role(role)
        values["role"], said = role, [*said, f"role {role}"]
    if password is not None:
        _check_password(password)
        values["password_hash"], said = _HASHER.hash(password), [*said, "new password"]
    if disabled is not None:
        values["disabled_at"] = _now() if disabled else None
        said.append("disabled" if disabled else "enabled")
    if not values:
        return
    with engine.begin() as conn:
        user_id = conn.execute(
            select(s.app_user.c.id).where(s.app_user.c.username == username)
        ).scalar_one_or_none()
        if user_id is None:
            raise NotFoundError(f"no user {username!r}")
        conn.execute(update(s.app_user).where(s.app_user.c.id == user_id).values(**values))
        if password is not None or disabled:
            conn.execute(s.web_session.delete().where(s.web_session.c.user_id == user_id))
        log_event(conn, actor, "user.change", f"user {username}: {', '.join(said)}",
                  {"user": username, "changed": sorted(values)})  # fmt: skip


def find_user(conn: Connection, username: str) -> User | None:
    row = conn.execute(select(s.app_user).where(s.app_user.c.username == username)).first()
    return _user(row) if row else None


def list_accounts(conn: Connection) -> list[Account]:
    rows = conn.execute(select(s.app_user).order_by(s.app_user.c.username)).all()
    return [Account(_user(r), r.email, r.note, r.created_at, r.disabled_at) for r in rows]


def authenticate(engine: Engine, username: str, password: str, address: str, *,
                 attempts: int, window_minutes: int) -> User:  # fmt: skip
    """The user whose password this is; refuses (429) after ``attempts`` failures from one
    address within the window, and says the same thing for a wrong name or password."""
    since = _now() - timedelta(minutes=window_minutes)
    with engine.begin() as conn:
        _lock_address(conn, address)
        conn.execute(  # attempts older than a day say nothing any more
            s.login_attempt.delete().where(s.login_attempt.c.at < _now() - timedelta(days=1))
        )
        failures = conn.execute(
            select(func.count())
            .select_from(s.login_attempt)
            .where(
                s.login_attempt.c.address == address,
                s.login_attempt.c.at >= since,
                s.login_attempt.c.succeeded.is_(False),
            )
        ).scalar_one()
        if failures >= attempts:
            raise AccessError(
                f"too many failed logins from your address: try again in {window_minutes} minutes",
                status=429,
            )
        row = conn.execute(
            select(s.app_user).where(
                s.app_user.c.username == username.strip(), s.app_user.c.disabled_at.is_(None)
            )
        ).first()
        ok = _verify(row.password_hash if row else _dummy_hash(), password) and row is not None
        conn.execute(
            s.login_attempt.insert(),
            {"username": username[:80], "address": address[:64], "at": _now(), "succeeded": ok},
        )
    if not ok or row is None:
        raise AccessError("wrong username or password", status=401)
    return _user(row)


_THROTTLE_LOCK = 0x6C6F67  # "log": with the address's hash, one lock per address


def _lock_address(conn: Connection, address: str) -> None:
    """Count and record one address's attempts one at a time (several workers would
    otherwise all count the same failures and let more through). PostgreSQL: an advisory
    lock on the address until the transaction ends; SQLite: the DELETE that follows takes
    the database's write lock already."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:key, hashtext(:address))"),
            {"key": _THROTTLE_LOCK, "address": address[:64]},
        )


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def open_session(engine: Engine, user: User, hours: int) -> tuple[str, str]:
    """A new session: (cookie value, CSRF token). Only the cookie's digest is stored."""
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    with engine.begin() as conn:
        conn.execute(s.web_session.delete().where(s.web_session.c.expires_at < now))
        conn.execute(
            s.web_session.insert(),
            {"id": _digest(cookie), "user_id": user.id, "csrf_token": csrf, "created_at": now,
             "expires_at": now + timedelta(hours=hours)},
        )  # fmt: skip
    return cookie, csrf


def session_user(conn: Connection, cookie: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live session cookie, or None."""
    row = conn.execute(
        select(s.app_user, s.web_session.c.csrf_token)
        .join(s.web_session, s.web_session.c.user_id == s.app_user.c.id)
        .where(
            s.web_session.c.id == _digest(cookie),
            s.web_session.c.expires_at > _now(),
            s.app_user.c.disabled_at.is_(None),
        )
    ).first()
    return (_user(row), row.csrf_token) if row else None


def close_session(engine: Engine, cookie: str) -> None:
    with engine.begin() as conn:
        conn.execute(s.web_session.delete().where(s.web_session.c.id == _digest(cookie)))


def create_token(engine: Engine, user: User, name: str, *, actor: str) -> str:
    """A new API token for ``user``; the token itself is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ConfigError("a token needs a name saying what it is for")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(
            s.api_token.insert(),
            {"user_id": user.id, "name": name[:200], "prefix": token[:10],
             "token_hash": _digest(token), "created_at": _now()},
        )  # fmt: skip
        log_event(conn, actor, "token.create", f"API token {token[:10]}… ({name}) for "
                  f"{user.username}", {"user": user.username, "prefix": token[:10]})  # fmt: skip
    return token


def token_user(engine: Engine, token: str) -> User | None:
    """The user of a live API token (its last use is recorded), or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with engine.begin() as conn:
        row = conn.execute(
            select(s.app_user, s.api_token.c.id.label("token_id"))
            .join(s.api_token, s.api_token.c.user_id == s.app_user.c.id)
            .where(
                s.api_token.c.token_hash == _digest(token),
                s.api_token.c.revoked_at.is_(None),
                s.app_user.c.disabled_at.is_(None),
            )
        ).first()
        if row is None:
            return None
        conn.execute(
            update(s.api_token).where(s.api_token.c.id == row.token_id).values(last_used_at=_now())
        )
    return _user(row)


def list_tokens(conn: Connection, user: User) -> list[TokenView]:
    rows = conn.execute(
        select(s.api_token).where(s.api_token.c.user_id == user.id).order_by(s.api_token.c.id)
    ).all()
    return [
        TokenView(r.id, r.name, r.prefix, r.created_at, r.last_used_at, r.revoked_at) for r in rows
    ]


def revoke_token(engine: Engine, token_id: int, user: User | None, *, actor: str) -> None:
    """Revoke one of ``user``'s tokens (an admin may revoke anyone's; ``None``: the command
    line on the server's machine, anyone's too)."""
    with engine.begin() as conn:
        condition = s.api_token.c.id == token_id
        if user is not None and not user.is_admin:
            condition = condition & (s.api_token.c.user_id == user.id)
        prefix = conn.execute(select(s.api_token.c.prefix).where(condition)).scalar_one_or_none()
        if prefix is None:
            raise NotFoundError(f"no token {token_id} of yours")
        conn.execute(update(s.api_token).where(condition).values(revoked_at=_now()))
        log_event(conn, actor, "token.revoke", f"API token {prefix}… revoked",
                  {"token_id": token_id, "prefix": prefix})  # fmt: skip
