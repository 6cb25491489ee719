"""Storage on both backends: migrations create exactly the schema, SQLite pragmas, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from tagdyr.errors import StorageError
from tagdyr.store.db import (
    create_db_engine,
    current_revision,
    head_revision,
    migrate,
    require_current_schema,
)
from tagdyr.store.schema import metadata


def test_migrations_create_exactly_the_declared_schema(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert current_revision(engine) == head_revision(engine)


def test_migrate_twice_is_harmless(engine: Engine) -> None:
    assert migrate(engine) == head_revision(engine)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    from sqlalchemy.exc import IntegrityError

    from tagdyr.store import schema as s

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(s.person_record.insert(), {"record_id": 999, "person_id": 999})


def test_unmigrated_database_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StorageError, match=r"no tagdyr schema yet: run `tagdyr init` first"):
        require_current_schema(create_db_engine(f"sqlite:///{path}"))


def test_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StorageError, match="there is no database file"):
        require_current_schema(create_db_engine(f"sqlite:///{path}"))
    assert not path.exists()
