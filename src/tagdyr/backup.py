"""``tagdyr backup`` and ``tagdyr restore``: copies that can be taken while the server runs.

* ``backup.db`` (SQLite only): SQLite's online backup API copies the database page by page
  from a consistent snapshot (writers may go on meanwhile); the copy is checked with
  ``PRAGMA integrity_check`` before the command says it is done.
* ``backup.zip`` (SQLite or PostgreSQL): the full dump (:mod:`tagdyr.export.dump`), read in one
  snapshot transaction; portable between the two databases and readable without tagdyr.

``restore`` never overwrites data: a ``.db`` is restored to an SQLite file that does not exist
yet, a ``.zip`` into an empty database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from tagdyr.errors import ConfigError, SourceError, StorageError
from tagdyr.export.dump import import_dump, write_dump
from tagdyr.store.db import create_db_engine, migrate, require_current_schema


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        raise ConfigError(
            "a .db backup is a copy of an SQLite file; for PostgreSQL write a .zip (the full "
            "dump, consistent while the server runs)"
        )
    return Path(database)


def _integrity(path: Path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def backup(engine: Engine, out: Path) -> str:
    """Write a backup of the database to ``out`` (.db or .zip); returns what was written."""
    require_current_schema(engine)
    if out.suffix == ".zip":
        descriptor = write_dump(engine, out, accounts=True)
        rows = sum(r["rows"] for r in descriptor["resources"])
        return f"full dump, {rows:,} rows"
    if out.suffix != ".db":
        raise ConfigError(f"{out.name}: a backup is a .db (SQLite copy) or a .zip (full dump)")
    source = _sqlite_path(engine)
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    with sqlite3.connect(source, timeout=30) as live, sqlite3.connect(part) as copy:
        live.backup(copy, pages=1024)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file: no -wal/-shm beside the copy
    copy.close()
    verdict = _integrity(part)
    for leftover in (part.with_name(part.name + "-wal"), part.with_name(part.name + "-shm")):
        leftover.unlink(missing_ok=True)
    if verdict != "ok":
        part.unlink()
        raise StorageError(f"the backup copy failed its integrity check ({verdict}); retry")
    part.replace(out)
    return f"SQLite copy, {out.stat().st_size:,} bytes, integrity ok"


def restore(engine: Engine, backup_file: Path) -> str:
    """Restore ``backup_file`` into the (new, empty) database of ``engine``."""
    if not backup_file.exists():
        raise SourceError("there is no such backup file", file=str(backup_file))
    if backup_file.suffix == ".zip":
        migrate(engine)
        counts = import_dump(engine, backup_file)
        return f"{sum(counts.values()):,} rows restored"
    if backup_file.suffix != ".db":
        raise ConfigError(f"{backup_file.name}: a backup is a .db or a .zip")
    target = _sqlite_path(engine)
    if target.exists() and target.stat().st_size > 0:
        raise StorageError(
            f"{target} exists; restore writes only a new file (move the old one away first, "
            "or give another --db)"
        )
    try:
        verdict = _integrity(backup_file)
    except sqlite3.DatabaseError as exc:
        raise SourceError(f"not an SQLite database ({exc})", file=backup_file.name) from exc
    if verdict != "ok":
        raise SourceError(f"the backup is damaged ({verdict})", file=backup_file.name)
    part = target.with_name(target.name + ".part")
    with sqlite3.connect(backup_file) as src, sqlite3.connect(part) as dst:
        src.backup(dst)
    dst.close()
    part.replace(target)
    require_current_schema(create_db_engine(f"sqlite:///{target}"))
    return f"SQLite database {target} restored"
