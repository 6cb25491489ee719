"""The full dump: the whole database as open files, the long-term archival copy.

A dump is a ZIP file holding

* ``datapackage.json`` — a Frictionless-style descriptor: tagdyr's version, the schema revision,
  when the dump was taken and, for every table, its file, row count, SHA-256 and fields (name,
  type, nullable);
* ``data/<table>.jsonl`` — one JSON object per row, in primary-key order, UTF-8, every column
  named; dates and times in ISO 8601 with their UTC offset, ``null`` for no value;
* ``README.txt`` — this description, for whoever opens the file in fifty years.

The dump is read in one transaction (a consistent snapshot while the server runs).
:func:`import_dump` restores it into an empty database, losslessly: a second dump of the
restored database has byte-identical data files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    DateTime,
    Engine,
    Float,
    Integer,
    Table,
    func,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from tagdyr import __version__
from tagdyr.errors import SourceError, StorageError
from tagdyr.sources.importer import check_source_key
from tagdyr.store import schema as s
from tagdyr.store.db import head_revision, require_current_schema, storage_error

FORMAT = "tagdyr-dump/1"
_BATCH = 2000
README = __doc__ or ""


_NEVER = {"web_session", "login_attempt"}  # live logins: never leave the server
# columns an older tagdyr wrote and this one dropped (derived, read by no code): a dump that
# has them restores, without them (migration 0011_unread_name_columns)
RETIRED_COLUMNS = {"record": ("given_key", "name_keys")}
_RETIRED = "retired"
ACCOUNT_TABLES = {"app_user", "api_token"}  # password and token digests, private e-mails


def _tables(accounts: bool = True) -> list[Table]:
    """Every table worth keeping, parents before children; accounts only when asked."""
    left_out = _NEVER | (set() if accounts else ACCOUNT_TABLES)
    return [t for t in s.metadata.sorted_tables if t.name not in left_out]


def _type(column: Any) -> str:
    kind = column.type
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, Integer):
        return "integer"
    if isinstance(kind, Float):
        return "number"
    if isinstance(kind, DateTime):
        return "datetime"
    return "string"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)  # SQLite keeps no offset; tagdyr writes UTC
        return value.astimezone(dt.UTC).isoformat()
    return value


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,), "number": (int, float), "boolean": (bool,), "string": (str,),
    "datetime": (str,),
}  # fmt: skip


def _decode(value: Any, kind: str) -> Any:
    """A JSON value as the column of type ``kind`` stores it; ValueError if it is not one."""
    if value is None:
        return None
    wrong_bool = isinstance(value, bool) and kind in ("integer", "number")
    if wrong_bool or not isinstance(value, _PYTHON_TYPES[kind]):
        raise ValueError(f"{json.dumps(value, ensure_ascii=False)[:40]} is not {kind}")
    if kind == "datetime":
        return dt.datetime.fromisoformat(str(value))
    return value


def _rows(conn: Connection, table: Table) -> Iterator[bytes]:
    order = list(table.primary_key.columns)
    result = conn.execution_options(yield_per=_BATCH).execute(select(table).order_by(*order))
    for row in result.mappings():
        line = json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False)
        yield line.encode("utf-8") + b"\n"


def write_dump(engine: Engine, path: Path, *, accounts: bool = False) -> dict[str, Any]:
    """Write the whole database to the ZIP file ``path``; returns the descriptor. Accounts
    (password digests, private e-mails) only with ``accounts`` — a backup, not open data."""
    require_current_schema(engine)
    resources = []
    tmp = path.with_name(path.name + ".part")
    with engine.connect() as conn, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        else:
            conn.execute(text("SELECT 1"))  # SQLite: the read transaction is the snapshot
        for table in _tables(accounts):
            digest, count = hashlib.sha256(), 0
            name = f"data/{table.name}.jsonl"
            with archive.open(name, "w") as out:
                for line in _rows(conn, table):
                    out.write(line)
                    digest.update(line)
                    count += 1
            resources.append(
                {
                    "name": table.name,
                    "path": name,
                    "format": "jsonl",
                    "encoding": "utf-8",
                    "rows": count,
                    "hash": f"sha256:{digest.hexdigest()}",
                    "schema": {
                        "fields": [
                            {"name": c.name, "type": _type(c), "nullable": bool(c.nullable)}
                            for c in table.columns
                        ],
                        "primaryKey": [c.name for c in table.primary_key.columns],
                    },
                }
            )
        descriptor = {
            "profile": FORMAT,
            "name": "tagdyr-database",
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "tagdyr": __version__,
            "schema_revision": head_revision(engine),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=1))
        archive.writestr("README.txt", README)
    tmp.replace(path)
    return descriptor


def _open(path: Path) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    try:
        archive = zipfile.ZipFile(path)
        descriptor = json.loads(archive.read("datapackage.json"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"not a tagdyr dump ({exc})", file=path.name) from exc
    if not isinstance(descriptor, dict) or descriptor.get("profile") != FORMAT:
        archive.close()
        raise SourceError(
            f"not a {FORMAT} file (its datapackage.json has no profile {FORMAT!r})",
            file=path.name,
        )
    return archive, descriptor


def _check_descriptor(descriptor: Any, archive: zipfile.ZipFile, filename: str) -> None:
    """Refuse a descriptor that does not describe a whole dump of this tagdyr's tables: every
    data table once, each with its file present in the archive, a row count and a checksum."""

    def refuse(problem: str) -> None:
        raise SourceError(f"datapackage.json: {problem}; nothing was restored", file=filename)

    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        refuse("it has no list of resources")
    assert isinstance(resources, list)
    if not isinstance(descriptor.get("schema_revision"), str):
        refuse("it names no schema_revision")
    known, files = {t.name for t in _tables()}, set(archive.namelist())
    names: list[str] = []
    for number, resource in enumerate(resources, start=1):
        ok = isinstance(resource, dict) and all(
            isinstance(resource.get(key), kind)
            for key, kind in (("name", str), ("path", str), ("rows", int), ("hash", str))
        )
        fields = resource.get("schema", {}).get("fields") if ok else None
        if (
            not ok
            or not isinstance(fields, list)
            or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields)
        ):
            refuse(f"resource {number} lacks its name, path, rows, hash or schema fields")
        if resource["name"] not in known:
            refuse(f"resource {resource['name']!r} is not a table of this tagdyr")
        if resource["path"] not in files:
            refuse(f"the file {resource['path']} of table {resource['name']} is missing")
        names.append(resource["name"])
    doubled = sorted({n for n in names if names.count(n) > 1})
    missing = sorted({t.name for t in _tables(accounts=False)} - set(names))
    if doubled:
        refuse(f"tables {', '.join(doubled)} are listed twice")
    if missing:
        refuse(f"tables {', '.join(missing)} are missing from its resources")


def _filled_tables(conn: Connection) -> list[str]:
    return [
        t.name for t in _tables() if conn.execute(select(func.count()).select_from(t)).scalar_one()
    ]


def import_dump(engine: Engine, path: Path) -> dict[str, int]:
    """Restore the dump ``path`` into the empty, migrated database of ``engine``, in one
    transaction (all or nothing); returns rows per table."""
    require_current_schema(engine)
    archive, descriptor = _open(path)
    with archive:
        _check_descriptor(descriptor, archive, path.name)
        if descriptor["schema_revision"] != head_revision(engine):
            raise SourceError(
                f"the dump has schema revision {descriptor['schema_revision']}, this tagdyr "
                f"{head_revision(engine)}: restore it with the tagdyr version that wrote it "
                f"({descriptor.get('tagdyr')}), then upgrade",
                file=path.name,
            )
        try:
            return _restore(engine, archive, descriptor, path)
        except DBAPIError as exc:
            raise storage_error(exc, f"restoring {path.name}") from exc


def _restore(engine: Engine, archive: zipfile.ZipFile, descriptor: dict[str, Any],
             path: Path) -> dict[str, int]:  # fmt: skip
    """Load every table in one transaction (all or nothing)."""
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        filled = _filled_tables(conn)
        if filled:
            raise StorageError(
                f"the database is not empty (tables {', '.join(filled)} have rows); a dump "
                "restores only into an empty database: create one with `tagdyr init`"
            )
        by_name = {t.name: t for t in _tables()}
        for resource in descriptor["resources"]:
            table = by_name[resource["name"]]
            counts[table.name] = _load(conn, archive, resource, table, path.name)
        _reset_sequences(conn)
    return counts


def _load(
    conn: Connection,
    archive: zipfile.ZipFile,
    resource: dict[str, Any],
    table: Table,
    filename: str,
) -> int:
    kinds = {c.name: _type(c) for c in table.columns}  # the types are this tagdyr's own
    kinds |= dict.fromkeys(RETIRED_COLUMNS.get(table.name, ()), _RETIRED)
    unknown = {f["name"] for f in resource["schema"]["fields"]} - set(kinds)
    if unknown:
        raise SourceError(
            f"columns {sorted(unknown)} are not in this tagdyr's {table.name}", file=filename
        )
    try:
        _verify(archive, resource, filename)
        count, deferred = _insert_lines(conn, archive, resource, table, kinds, filename)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{resource['path']} cannot be read ({exc})", file=filename) from exc
    for change in deferred:
        conn.execute(
            s.person.update()
            .where(s.person.c.id == change["id"])
            .values(merged_into_id=change["merged_into_id"])
        )
    return count


def _verify(archive: zipfile.ZipFile, resource: dict[str, Any], filename: str) -> None:
    """Refuse a table's file whose checksum or row count is not the descriptor's, before
    anything of it is read as rows."""
    digest, count = hashlib.sha256(), 0
    with archive.open(resource["path"]) as handle:
        for line in handle:
            digest.update(line)
            count += 1
    if f"sha256:{digest.hexdigest()}" != resource["hash"] or count != resource["rows"]:
        raise SourceError(
            f"{resource['path']} is damaged (its checksum or row count differs "
            "from datapackage.json); nothing was restored",
            file=filename,
        )


def _insert_lines(conn: Connection, archive: zipfile.ZipFile, resource: dict[str, Any],
                  table: Table, kinds: dict[str, str],
                  filename: str) -> tuple[int, list[dict[str, Any]]]:  # fmt: skip
    """Insert a table's lines; the row count and the deferred merges."""
    batch: list[dict[str, Any]] = []
    count = 0
    deferred: list[dict[str, Any]] = []  # person.merged_into_id, set once every person exists
    with archive.open(resource["path"]) as handle:
        for number, line in enumerate(handle, start=1):
            try:
                raw = json.loads(line)
            except ValueError as exc:
                raise SourceError(
                    f"{resource['path']}: not JSON ({exc})", file=filename, row=number
                ) from exc
            row = _row(raw, kinds, f"{resource['path']}", filename, number)
            if table is s.source:
                check_source_key(str(row.get("key", "")), file=filename, row=number)
            if table is s.person and row.get("merged_into_id") is not None:
                deferred.append({"id": row["id"], "merged_into_id": row["merged_into_id"]})
                row["merged_into_id"] = None
            batch.append(row)
            count += 1
            if len(batch) >= _BATCH:
                conn.execute(table.insert(), batch)
                batch = []
    if batch:
        conn.execute(table.insert(), batch)
    return count, deferred


def _row(raw: Any, kinds: dict[str, str], where: str, filename: str, number: int) -> dict[str, Any]:
    """One line of a table's file as a row to insert, or a SourceError naming what is wrong."""
    if not isinstance(raw, dict):
        raise SourceError(f"{where}: a line is not a JSON object", file=filename, row=number)
    row: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in kinds:
            raise SourceError(f"{where}: no column {key!r}", file=filename, row=number)
        if kinds[key] == _RETIRED:
            continue
        try:
            row[key] = _decode(value, kinds[key])
        except ValueError as exc:
            raise SourceError(f"{where}: {exc}", file=filename, row=number, column=key) from exc
    return row


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: new rows get ids after the restored ones."""
    if conn.dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" in table.columns and isinstance(table.c.id.type, Integer):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
