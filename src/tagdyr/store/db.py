"""Opening the database: engines for SQLite and PostgreSQL, migrations, health checks.

SQLite is opened with WAL journaling and foreign keys enforced on every connection.
The schema is created and upgraded by Alembic only (``migrate``); opening a database whose
schema is behind the code is refused with a message that says what to run.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from tagdyr.errors import ConfigError, StorageError


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# A web worker runs its pages in a pool of 40 threads (anyio's default), and a page holds its
# connection from its first statement to its response, ranking included: with SQLAlchemy's
# default 5 + 10 connections, 50 readers on 3 workers waited more than 30 s for one and failed
# (QueuePool timeout). 10 kept, up to 50 under load (one per thread, and room for requests whose
# dependencies hold a connection while the page waits for a thread); the extra ones close when
# returned. Each worker may open 50: PostgreSQL's max_connections must allow workers × 50.
_POOL_SIZE, _POOL_OVERFLOW = 10, 40


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and use the psycopg 3 driver for it."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def create_db_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite or PostgreSQL), configured for tagdyr."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"database URL {url!r} is not a valid SQLAlchemy URL") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(
            url, pool_pre_ping=True, pool_size=_POOL_SIZE, max_overflow=_POOL_OVERFLOW
        )
    raise ConfigError(f"database URL {url!r}: only sqlite and postgresql are supported")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    location = resources.files("tagdyr.store") / "migrations"
    config.set_main_option("script_location", str(location))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str:
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None, "tagdyr ships at least one migration"
    return head


_CANNOT_WRITE = ("unable to open database file", "readonly database")


def _sqlite_unwritable(engine: Engine) -> str | None:
    """Why this user cannot write the SQLite database, if the folder or the file is the
    reason: WAL journaling keeps -wal and -shm files beside the database, so even reading
    needs the folder and the file writable."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or ":memory:" in database:
        return None
    path = Path(database.removeprefix("file:").split("?")[0]).resolve()
    if not os.access(path.parent, os.W_OK):
        return (
            f"cannot write {path.parent}: the directory is read-only, and SQLite keeps its "
            "journal files (-wal, -shm) beside the database; make the directory writable "
            "or copy the database to a writable place"
        )
    if path.exists() and not os.access(path, os.W_OK):
        return (
            f"cannot write {path}: the database file is read-only for this user, and SQLite "
            "writes to it (and to its journal files) even to read; make it writable or copy "
            "the database to a writable place"
        )
    return None


def _unwritable_reason(engine: Engine | None, exc: DBAPIError) -> str | None:
    if engine is None or not any(n in str(exc.orig) for n in _CANNOT_WRITE):
        return None
    return _sqlite_unwritable(engine)


def _cannot_open(engine: Engine, exc: DBAPIError, doing: str) -> StorageError:
    """Why SQLite could not open the database, in words a user can act on."""
    reason = _unwritable_reason(engine, exc)
    return StorageError(reason or f"cannot {doing} the database {engine.url!r}: {exc.orig}")


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        raise _cannot_open(engine, exc, "open") from exc


def migrate(engine: Engine) -> str:
    """Create or upgrade the schema to the newest revision; returns it."""
    try:
        command.upgrade(alembic_config(engine), "head")
    except OperationalError as exc:
        raise _cannot_open(engine, exc, "migrate") from exc
    return head_revision(engine)


def require_current_schema(engine: Engine) -> None:
    """Refuse to work on a database that is missing or behind the code's schema."""
    database = engine.url.database
    is_file = engine.url.get_backend_name() == "sqlite" and database not in (None, "", ":memory:")
    if is_file and not Path(str(database)).exists():
        raise StorageError(
            f"there is no database file {database}: run `tagdyr init` "
            "to create one, or give the right --db"
        )
    current = current_revision(engine)
    if current is None:
        raise StorageError(
            f"the database {engine.url.render_as_string()} has no tagdyr schema yet: "
            "run `tagdyr init` first"
        )
    if current != head_revision(engine):
        raise StorageError(
            f"the database schema is at revision {current}, the code needs "
            f"{head_revision(engine)}: run `tagdyr init` to upgrade it"
        )


_REASONS = (
    (("readonly", "read-only", "read only"),
     "the database is read-only (file permissions, a read-only mount or a read-only server)"),
    (("disk is full", "disk full", "no space left", "database or disk is full"),
     "the disk is full (or the database has reached its size limit); free space and retry"),
    (("database is locked",), "the database is locked by another writer; retry in a moment"),
    (("connection refused", "could not connect", "server closed the connection"),
     "the database server cannot be reached"),
)  # fmt: skip


def storage_error(exc: DBAPIError, doing: str, engine: Engine | None = None) -> StorageError:
    """A :class:`StorageError` for a database failure, in words a user can act on; ``doing``
    says what was rolled back ("the import of list.csv"); ``engine``: the database, to say
    which folder or file this user cannot write."""
    reason = _unwritable_reason(engine, exc)
    if reason:
        return StorageError(f"{doing} was rolled back, nothing was stored: {reason}")
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    lowered = detail.lower()
    for needles, reason in _REASONS:
        if any(n in lowered for n in needles):
            return StorageError(f"{doing} was rolled back, nothing was stored: {reason} ({detail})")
    return StorageError(f"{doing} was rolled back, nothing was stored: {detail}")


_WRITE_LOCK_KEY = 0x74616764  # "tagd": one lock for every change that re-clusters persons


def lock_for_writing(conn: Connection) -> None:
    """Serialize writers that read the whole person graph and rewrite it (imports, linkage
    results, their reverts), taken first thing in their transaction.

    PostgreSQL: a transaction-scoped advisory lock; later statements (READ COMMITTED) then
    see everything the previous writer committed. SQLite: a write statement that matches no
    row still takes the database's write lock, so the transaction holds it from here on."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})
    else:
        conn.execute(text("UPDATE person SET version = version WHERE 0"))


def lock_for_judging(conn: Connection) -> None:
    """Let a writer that re-clusters only the components it touches (judgements and their
    undo) run beside others like it, but not beside a whole-graph writer: PostgreSQL takes the
    same advisory lock shared (the components' persons are then locked row by row, see
    :mod:`tagdyr.persons.components`); SQLite has a single writer, as in
    :func:`lock_for_writing`."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": _WRITE_LOCK_KEY})
    else:
        conn.execute(text("UPDATE person SET version = version WHERE 0"))
