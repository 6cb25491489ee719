"""Faults: a process killed in the middle of an import or a linkage, a read-only database, a
full disk, and backups taken while another process writes. Real processes are killed with
SIGKILL; nothing is simulated in Python."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, select, text

from tagdyr.backup import backup, restore
from tagdyr.errors import ConfigError, StorageError
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tests.files import CHOKAY_LIKE, write_csv

_IMPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tagdyr.sources.importer import SourceInfo, import_table
    from tagdyr.store.db import create_db_engine

    def progress(done: int, total: int) -> None:
        print(f"stored {done} of {total}", flush=True)

    engine = create_db_engine(sys.argv[1])
    import_table(engine, Path(sys.argv[2]), SourceInfo("big", "big", "big"), progress=progress)
    print("committed", flush=True)
    """
)


def _big_list(path: Path, rows: int) -> Path:
    surnames = ["Бектанов", "Жұманиязов", "Истыбаев", "Омаров", "Қасымов", "Сейітов"]
    given = ["Мажит", "Қадем", "Ашимбек", "Жамал", "Ғаббас", "Үсен"]
    body = [["№", "Фамилия", "Имя", "Год рождения", "Место рождения"]]
    body += [
        [str(i), f"{surnames[i % 6]}{i}", given[i % 5], str(1900 + i % 25), "Павлодар"]
        for i in range(1, rows + 1)
    ]
    return write_csv(path, body)


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (s.source, s.document, s.record, s.claim, s.name_key, s.person)
        }


def _kill_when(process: subprocess.Popen[str], says: str) -> str:
    """SIGKILL the process as soon as it prints a line holding ``says``."""
    assert process.stdout is not None
    for line in process.stdout:
        if says in line:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return line
    raise AssertionError(f"the process ended before saying {says!r}: rc {process.wait()}")


def test_import_killed_half_way_leaves_the_database_as_before(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    import_table(engine, write_csv(tmp_path / "small.csv", CHOKAY_LIKE), SourceInfo("s", "s", "s"))
    before = _counts(engine)
    big = _big_list(tmp_path / "big.csv", 20_000)
    process = subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, db_url, str(big)], stdout=subprocess.PIPE, text=True
    )
    line = _kill_when(process, "stored 5000 ")
    assert process.returncode == -signal.SIGKILL, line
    engine.dispose()  # a fresh connection, as the next user would open
    assert _counts(engine) == before
    result = import_table(engine, big, SourceInfo("big", "big", "big"))
    assert not result.unchanged and result.records == 20_000
    assert _counts(engine)["record"] == before["record"] + 20_000


def test_linkage_killed_keeps_the_previous_results(demo_db: str, tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), path)
    engine = create_db_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        persons = conn.execute(select(s.person_record)).all()
        runs = conn.execute(select(func.count()).select_from(s.link_run)).scalar_one()
    process = subprocess.Popen(
        [sys.executable, "-m", "tagdyr.cli", "link", "--db", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # the stages are said on stderr
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    _kill_when(process, "comparing")
    with engine.connect() as conn:
        assert conn.execute(select(s.person_record)).all() == persons
        assert conn.execute(select(func.count()).select_from(s.link_run)).scalar_one() == runs
        unfinished = select(s.link_run).where(s.link_run.c.finished_at.is_(None))
        assert conn.execute(unfinished).first() is None


def test_read_only_sqlite_says_so_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    writable = create_db_engine(f"sqlite:///{path}")
    migrate(writable)
    import_table(writable, write_csv(tmp_path / "a.csv", CHOKAY_LIKE), SourceInfo("a", "a", "a"))
    before = _counts(writable)
    writable.dispose()
    read_only = create_db_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    other = write_csv(tmp_path / "b.csv", CHOKAY_LIKE[:3])
    with pytest.raises(StorageError, match="the database is read-only") as caught:
        import_table(read_only, other, SourceInfo("b", "b", "b"))
    assert "the import of b.csv was rolled back, nothing was stored" in str(caught.value)
    assert _counts(read_only) == before


@pytest.mark.postgres
def test_read_only_postgresql_says_so(postgres_url: str, tmp_path: Path) -> None:
    from tests.conftest import _fresh_postgres

    _, engine = _fresh_postgres(postgres_url)
    migrate(engine)
    database = engine.url.database
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'ALTER DATABASE "{database}" SET default_transaction_read_only = on'))
    engine.dispose()
    with pytest.raises(StorageError, match="the database is read-only"):
        import_table(engine, write_csv(tmp_path / "a.csv", CHOKAY_LIKE), SourceInfo("a", "a", "a"))
    engine.dispose()


def test_full_disk_says_so_and_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "small-disk.db"
    engine = create_db_engine(f"sqlite:///{path}")
    migrate(engine)
    import_table(engine, write_csv(tmp_path / "a.csv", CHOKAY_LIKE), SourceInfo("a", "a", "a"))
    before = _counts(engine)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 40}")  # the "disk" is full

    event.listen(engine, "connect", limit)
    engine.dispose()
    with pytest.raises(StorageError, match="the disk is full"):
        import_table(engine, _big_list(tmp_path / "big.csv", 5_000), SourceInfo("b", "b", "b"))
    assert _counts(engine) == before


def test_backup_while_another_process_imports(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    engine = create_db_engine(f"sqlite:///{path}")
    migrate(engine)
    import_table(engine, write_csv(tmp_path / "a.csv", CHOKAY_LIKE), SourceInfo("a", "a", "a"))
    big = _big_list(tmp_path / "big.csv", 20_000)
    process = subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, f"sqlite:///{path}", str(big)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    copies = []
    for number, line in enumerate(process.stdout):
        if line.startswith("stored") and number % 10 == 0:
            copies.append(tmp_path / f"copy-{number}.db")
            assert "integrity ok" in backup(engine, copies[-1])
    assert process.wait(timeout=120) == 0
    copies.append(tmp_path / "after.db")
    backup(engine, copies[-1])
    records = []
    for copy in copies:
        restored = tmp_path / f"restored-{copy.name}"
        restore(create_db_engine(f"sqlite:///{restored}"), copy)
        records.append(_counts(create_db_engine(f"sqlite:///{restored}"))["record"])
    assert len(copies) >= 3
    assert set(records) == {4, 20_004}, records  # before or after the import, never between


def test_restore_never_overwrites(tmp_path: Path, demo_db: str) -> None:
    engine = create_db_engine(demo_db)
    backup(engine, tmp_path / "b.db")
    backup(engine, tmp_path / "b.zip")
    with pytest.raises(StorageError, match="restore writes only a new file"):
        restore(engine, tmp_path / "b.db")
    with pytest.raises(StorageError, match="not empty"):
        restore(engine, tmp_path / "b.zip")
    (tmp_path / "b.tar").write_bytes(b"")
    with pytest.raises(ConfigError, match=r"a \.db or a \.zip"):
        restore(engine, tmp_path / "b.tar")
    fresh = create_db_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert "rows restored" in restore(fresh, tmp_path / "b.zip")
    assert _counts(fresh) == _counts(engine)
