"""Shared fixtures: fresh SQLite and PostgreSQL databases, the demo database, file writers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tagdyr.persons.linking import link_database
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store.db import create_db_engine, migrate
from tests.files import write_csv
from tests.pgserver import postgres_server


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def _fresh_postgres(server_url: str) -> tuple[str, Engine]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = server_url.rsplit("/", 1)[0] + f"/{name}"
    return url, create_db_engine(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    url, engine = _fresh_postgres(request.getfixturevalue("postgres_url"))
    engine.dispose()
    yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated, empty database on each backend."""
    eng = create_db_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    eng = create_db_engine(f"sqlite:///{tmp_path / 'one.db'}")
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo database built once for the session (SQLite)."""
    from tagdyr.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    eng = create_db_engine(url)
    build_demo(eng, threshold=0.9, floor=0.01)
    eng.dispose()
    return url


@pytest.fixture
def linked(engine: Engine, tmp_path: Path) -> Engine:
    """Two sources: a Norwegian list and a register, linked (Bektanov matched, others not)."""
    listed = write_csv(
        tmp_path / "mysen.csv",
        [
            ["Nr", "Navn", "Født"],
            ["1", "Bektanow Mashit", "1914"],
            ["2", "Dschumanijasow Kassym", "1918"],
        ],
    )
    register = write_csv(
        tmp_path / "register.csv",
        [
            ["№", "Фамилия", "Имя", "Год рождения"],
            ["1", "Бектанов", "Мажит", "1914"],
            ["2", "Жуманиязов", "Нурлан", "1931"],
            ["3", "Омаров", "Кабыш", "1910"],
        ],
    )
    import_table(engine, listed, SourceInfo("mysen", "Mysen list", "Riksarkivet"))
    import_table(engine, register, SourceInfo("register", "Register", "MoD", kind="register"))
    link_database(engine, threshold=0.9, floor=0.001)
    return engine
