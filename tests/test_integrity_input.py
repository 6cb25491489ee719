"""Input that must be refused by name: source keys that are not slugs (every entry point) and
dumps that were tampered with (never "N rows restored" with nothing in it)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from tagdyr.errors import SourceError, TagdyrError
from tagdyr.export.dump import import_dump, write_dump
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tagdyr.web.app import create_app
from tests.files import write_csv
from tests.web import log_in


def _tagdyr(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it (errors go through ``main``)."""
    return subprocess.run(
        [sys.executable, "-m", "tagdyr.cli", *args], cwd=cwd, capture_output=True, text=True,
        env={"COLUMNS": "200", "PATH": ""},
    )  # fmt: skip


BAD_KEYS = ["../../etc/x y?z=1#frag", "a/b", "with space", "q?x", "frag#x", "up..down", ""]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_a_source_key_that_is_not_a_slug_is_refused(key: str) -> None:
    with pytest.raises(SourceError, match="is not allowed"):
        SourceInfo(key, "A list", "An archive")


def test_good_source_keys_pass() -> None:
    for key in ("chokay-5th-group", "kz_mod.2024", "тізім-1"):
        assert SourceInfo(key, "A list", "An archive").key == key


def test_the_cli_refuses_a_bad_source_key(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    path = write_csv(tmp_path / "l.csv", [["Nr", "Navn"], ["1", "Bektanow Mashit"]])
    assert _tagdyr("init", "--db", db, cwd=tmp_path).returncode == 0
    done = _tagdyr("import", str(path), "--source", "../../etc/x y", "--db", db, cwd=tmp_path)
    assert done.returncode == 1 and "is not allowed" in done.stderr
    with create_db_engine(db).connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.source)).scalar_one() == 0


def test_the_web_import_refuses_a_bad_source_key(sqlite_engine: Engine, tmp_path: Path) -> None:
    settings = load_settings(database_url=str(sqlite_engine.url), upload_dir=tmp_path / "up")
    client = TestClient(create_app(settings, engine=sqlite_engine))
    client.headers["X-CSRF-Token"] = log_in(client, sqlite_engine)
    page = client.post(
        "/import/preview",
        files={"file": ("l.csv", b"Nr;Navn\n1;Bektanow Mashit\n", "text/csv")},
        data={"key": "../../etc/x y?z=1#frag", "title": "T", "citation": "C"},
    )
    if page.status_code == 200:  # refused at the preview or, at the latest, at the commit
        form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
        page = client.post("/import/commit", data=form)
    assert page.status_code == 400 and "is not allowed" in page.text
    with sqlite_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.source)).scalar_one() == 0


# --- tampered dumps ---


def _rewrite(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(source) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    change(files)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


def _descriptor(files: dict[str, bytes]) -> dict:  # type: ignore[type-arg]
    return json.loads(files["datapackage.json"])  # type: ignore[no-any-return]


def _with_file(files: dict[str, bytes], path: str, data: bytes) -> None:
    """Replace a table's file and make the descriptor's checksum and rows agree with it."""
    files[path] = data
    descriptor = _descriptor(files)
    for resource in descriptor["resources"]:
        if resource["path"] == path:
            resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
            resource["rows"] = data.count(b"\n")
    files["datapackage.json"] = json.dumps(descriptor).encode()


def _missing(files: dict[str, bytes]) -> None:
    del files["data/record.jsonl"]


def _renamed(files: dict[str, bytes]) -> None:
    files["data/records.jsonl"] = files.pop("data/record.jsonl")


def _checksum(files: dict[str, bytes]) -> None:
    files["data/record.jsonl"] = files["data/record.jsonl"].replace(b"Bektanow", b"Bektanov", 1)


def _bad_json(files: dict[str, bytes]) -> None:
    _with_file(files, "data/record.jsonl", b'{"id": 1, "full_name": \n')


def _wrong_type(files: dict[str, bytes]) -> None:
    lines = files["data/record.jsonl"].splitlines(keepends=True)
    row = json.loads(lines[0])
    row["row_number"] = "two"
    _with_file(files, "data/record.jsonl", json.dumps(row).encode() + b"\n" + b"".join(lines[1:]))


def _not_an_object(files: dict[str, bytes]) -> None:
    _with_file(files, "data/record.jsonl", b"[1, 2, 3]\n")


def _no_resources(files: dict[str, bytes]) -> None:
    descriptor = _descriptor(files)
    descriptor["resources"] = []
    files["datapackage.json"] = json.dumps(descriptor).encode()


def _resources_not_a_list(files: dict[str, bytes]) -> None:
    descriptor = _descriptor(files)
    descriptor["resources"] = {"record": 1}
    files["datapackage.json"] = json.dumps(descriptor).encode()


TAMPERED = [
    (_missing, "data/record.jsonl of table record is missing"),
    (_renamed, "data/record.jsonl of table record is missing"),
    (_checksum, "data/record.jsonl is damaged"),
    (_bad_json, "not JSON"),
    (_wrong_type, 'column row_number: data/record.jsonl: "two" is not integer'),
    (_not_an_object, "not a JSON object"),
    (_no_resources, "are missing from its resources"),
    (_resources_not_a_list, "no list of resources"),
]


@pytest.fixture(scope="module")
def dump_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dump")
    engine = create_db_engine(f"sqlite:///{folder / 'source.db'}")
    migrate(engine)
    from tagdyr.sources.importer import import_table

    rows = [["Nr", "Navn", "Født"], ["1", "Bektanow Mashit", "1914"], ["2", "Omarow K", "1910"]]
    import_table(engine, write_csv(folder / "l.csv", rows), SourceInfo("mysen", "Mysen", "RA"))
    write_dump(engine, folder / "dump.zip")
    engine.dispose()
    return folder / "dump.zip"


@pytest.mark.parametrize(("tamper", "says"), TAMPERED, ids=[t.__name__ for t, _ in TAMPERED])
def test_a_tampered_dump_is_refused_by_name(
    dump_file: Path, tmp_path: Path, tamper: Callable[[dict[str, bytes]], None], says: str
) -> None:
    broken = _rewrite(dump_file, tmp_path / "broken.zip", tamper)
    db = f"sqlite:///{tmp_path / 'restored.db'}"
    engine = create_db_engine(db)
    migrate(engine)
    with pytest.raises(TagdyrError) as refused:
        import_dump(engine, broken)
    assert says in str(refused.value) and "broken.zip" in str(refused.value)
    if tamper is _no_resources:  # the case that said "696 rows restored" and exit 0
        done = _tagdyr("import-dump", str(broken), "--db", db, cwd=tmp_path)
        assert done.returncode == 1 and "rows restored" not in done.stdout + done.stderr
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.record)).scalar_one() == 0


def test_an_untampered_dump_still_restores(dump_file: Path, tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    migrate(engine)
    assert import_dump(engine, dump_file)["record"] == 2


def test_a_dump_with_a_bad_source_key_is_refused(dump_file: Path, tmp_path: Path) -> None:
    def bad_key(files: dict[str, bytes]) -> None:
        row = json.loads(files["data/source.jsonl"])
        row["key"] = "../../etc/x y"
        _with_file(files, "data/source.jsonl", json.dumps(row).encode() + b"\n")

    broken = _rewrite(dump_file, tmp_path / "broken.zip", bad_key)
    engine = create_db_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    migrate(engine)
    with pytest.raises(SourceError, match="is not allowed"):
        import_dump(engine, broken)
