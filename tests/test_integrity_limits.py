"""Running out of a resource, as a user meets it (issue 16, items 14 and 17): a linkage that
runs out of DuckDB's memory, and a database in a directory the user cannot write, each end in
a message that says what to do — no traceback, nothing stored changed."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tagdyr import accounts
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine
from tests.files import write_csv
from tests.web import PASSWORD

_CLI = [sys.executable, "-m", "tagdyr.cli"]


def _tagdyr(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_CLI, *args], cwd=cwd, capture_output=True, text=True,
                          env={"COLUMNS": "200", "PATH": "", **env})  # fmt: skip


def _everything(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, as stored."""
    engine = create_db_engine(url)
    with engine.connect() as conn:
        found = {t.name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr)
                 for t in s.metadata.sorted_tables}  # fmt: skip
    engine.dispose()
    return found


def test_a_linkage_out_of_memory_says_what_ran_out_and_stores_nothing(tmp_path: Path) -> None:
    # pathological: 3,000 records of one name and no birth year are one block of 4.5M pairs
    rows = [["Фамилия", "Имя"], *(["Иванов", "Иван"] for _ in range(3000))]
    path = write_csv(tmp_path / "same.csv", rows)
    db = f"sqlite:///{tmp_path / 'oom.db'}"
    assert _tagdyr("init", "--db", db, cwd=tmp_path).returncode == 0
    assert _tagdyr("import", str(path), "--db", db, cwd=tmp_path).returncode == 0
    before = _everything(db)
    done = _tagdyr("link", "--db", db, cwd=tmp_path, TAGDYR_DUCKDB_MEMORY_LIMIT="20MB")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "OutOfMemory" not in done.stderr
    said = " ".join(done.stderr.split())
    assert "error: comparing the records ran out of memory" in said
    assert "20MB" in said and "TAGDYR_DUCKDB_MEMORY_LIMIT" in said and "block more" in said
    assert _everything(db) == before


# --- a database this user cannot write (item 14): as an unprivileged user, for real ---

_AS_NOBODY = ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
_WEB_LOGIN = """
import re
import sys
from fastapi.testclient import TestClient
from tagdyr.settings import load_settings
from tagdyr.web.app import create_app
settings = load_settings(database_url=sys.argv[1], upload_dir="/tmp/nobody-uploads-unused")
client = TestClient(create_app(settings))
form = client.get("/login")
token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
sent = {"username": "editor", "password": sys.argv[2], "csrf_token": token}
done = client.post("/login", data=sent, follow_redirects=False)
print(form.status_code, done.status_code)
print(done.text)
"""


@pytest.fixture
def unwritable_folder() -> Iterator[Path]:
    """A folder (reachable by user nobody, unlike pytest's tmp_path) holding a database with
    one editor account; the folder is made read-only after."""
    folder = Path(tempfile.mkdtemp(prefix="tagdyr-readonly-", dir="/tmp"))
    folder.chmod(0o755)
    url = f"sqlite:///{folder / 'tagdyr.db'}"
    assert _tagdyr("init", "--db", url, cwd=folder).returncode == 0
    engine = create_db_engine(url)
    accounts.create_user(engine, "editor", PASSWORD, "editor", actor="test")
    engine.dispose()
    (folder / "tagdyr.db").chmod(0o666)  # the file is writable: the folder is the reason
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def _as_nobody(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*_AS_NOBODY, sys.executable, "-c", "import os; print(os.getuid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert done.stdout.strip() != "0"  # really unprivileged: root would write the folder
    env = {"COLUMNS": "300", "PATH": "", "HOME": "/tmp"}
    return subprocess.run([*_AS_NOBODY, sys.executable, *args], cwd=cwd, capture_output=True,
                          text=True, env=env)  # fmt: skip


def test_a_database_in_a_read_only_folder_says_so_to_the_cli(unwritable_folder: Path) -> None:
    url = f"sqlite:///{unwritable_folder / 'tagdyr.db'}"
    done = _as_nobody(["-m", "tagdyr.cli", "sources", "--db", url], unwritable_folder)
    said = " ".join(done.stderr.split())
    assert done.returncode == 1 and "Traceback" not in said
    assert f"cannot write {unwritable_folder}: the directory is read-only" in said
    assert "make the directory writable" in said


def test_a_login_on_a_database_in_a_read_only_folder_says_so(unwritable_folder: Path) -> None:
    url = f"sqlite:///{unwritable_folder / 'tagdyr.db'}"
    done = _as_nobody(["-c", _WEB_LOGIN, url, PASSWORD], Path("/tmp"))
    assert done.returncode == 0, done.stderr
    statuses, page = done.stdout.split("\n", 1)
    assert statuses.split()[1] == "503", done.stdout
    said = " ".join(html.unescape(page).split())
    assert f"cannot write {unwritable_folder}: the directory is read-only" in said
