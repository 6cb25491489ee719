"""The load test's database, built fast: a generated register read by tagdyr's own importer
code (every row parsed and normalized as `tagdyr import` does it), stored with PostgreSQL's
COPY into the schema Alembic made, each record its own person; then dumped (pg_dump) under
bench/out/ so that a rerun restores it in a minute instead of building it again.

The rows come from bench/web/data.py (the linkage benchmark's independent generator); this
module only loads them. What `import_table` adds beyond the rows (a re-clustering per file,
one audit event per person) is replaced by the same result made in bulk: one person per
record and one import event per list.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from tagdyr.sources.importer import SourceInfo, _claim_rows, _drafts, _record_rows, complete_source
from tagdyr.store import schema as s
from tagdyr.store.audit import log_event
from tagdyr.store.db import create_db_engine, migrate

PARTS = 10  # lists of PERSONS / 10 entries each
_RECORD = [c.name for c in s.record.columns]
_CLAIM = [c.name for c in s.claim.columns if c.name != "id"]


def split(register: Path, directory: Path, parts: int = PARTS) -> list[Path]:
    """The register cut into ``parts`` list files (made once)."""
    paths = [directory / f"list-part-{n + 1}.csv" for n in range(parts)]
    if all(p.exists() for p in paths):
        return paths
    with register.open(encoding="utf-8") as handle:
        header = handle.readline()
        rows = handle.readlines()
    size = -(-len(rows) // parts)
    for n, path in enumerate(paths):
        path.write_text(header + "".join(rows[n * size : (n + 1) * size]), encoding="utf-8")
    return paths


def _read(path: Path) -> tuple[Path, bytes, list[dict[str, Any]], list[list[dict[str, Any]]],
                               list[list[str]], dict[str, Any]]:  # fmt: skip
    """One list file as `tagdyr import` reads it: record rows, each record's claims and keys."""
    data = path.read_bytes()
    drafts, meta, _, _ = _drafts(path, data, None, None)
    records = _record_rows(drafts, 0, 0)
    claims = [_claim_rows([d], [0]) for d in drafts]
    keys = [list(dict.fromkeys(d.normalized["name_keys"].split())) for d in drafts]
    return path, data, records, claims, keys, meta


def _copy(
    conn: Connection, table: str, columns: list[str], rows: Iterator[tuple[Any, ...]]
) -> None:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _document(conn: Connection, n: int, path: Path, data: bytes, meta: dict[str, Any],
              rows: int, now: datetime) -> tuple[int, int]:  # fmt: skip
    info = complete_source(
        SourceInfo(f"list-{n}", f"Generated list, part {n}", "bench", "list"), None, meta, path
    )
    source_id = conn.execute(
        s.source.insert().returning(s.source.c.id),
        {"key": info.key, "title": info.title, "citation": info.citation, "kind": info.kind,
         "languages": info.languages, "created_at": now},
    ).scalar_one()  # fmt: skip
    document_id = conn.execute(
        s.document.insert().returning(s.document.c.id),
        {"source_id": source_id, "filename": path.name,
         "sha256": hashlib.sha256(data).hexdigest(), "version": 1, "is_current": True,
         "format": "csv", "encoding": "utf-8", "encoding_detected": True,
         "mapping": json.dumps(meta, ensure_ascii=False), "row_count": rows,
         "imported_at": now, "imported_by": "bench"},
    ).scalar_one()  # fmt: skip
    return int(source_id), int(document_id)


def _store_part(conn: Connection, n: int, read: tuple[Any, ...], first_id: int,
                rng: random.Random) -> int:  # fmt: skip
    """Store one read list; the next free record id."""
    path, data, records, claims, keys, meta = read
    now = datetime.now(UTC)
    source_id, document_id = _document(conn, n, path, data, meta, len(records), now)
    ids = range(first_id, first_id + len(records))
    _copy(conn, "record", _RECORD, (
        tuple({**r, "id": rid, "document_id": document_id, "source_id": source_id}[c]
              for c in _RECORD) for rid, r in zip(ids, records, strict=True)
    ))  # fmt: skip
    _copy(conn, "claim", _CLAIM, (
        tuple({**c, "record_id": rid}[k] for k in _CLAIM)
        for rid, found in zip(ids, claims, strict=True) for c in found
    ))  # fmt: skip
    _copy(conn, "name_key", ["record_id", "key"], (
        (rid, key) for rid, found in zip(ids, keys, strict=True) for key in found
    ))  # fmt: skip
    _copy(conn, "person", ["id", "uid", "label", "version", "created_at", "updated_at"], (
        (rid, f"{rng.getrandbits(48):012x}", r["full_name"], 1, now, now)
        for rid, r in zip(ids, records, strict=True)
    ))  # fmt: skip
    _copy(conn, "person_record", ["record_id", "person_id"], ((rid, rid) for rid in ids))
    log_event(conn, "cli:bench", "import",
              f"{path.name} imported as version 1 of list-{n}: {len(records):,} records",
              {"document_id": document_id, "source_key": f"list-{n}", "version": 1})  # fmt: skip
    return first_id + len(records)


def _fix_sequences(conn: Connection) -> None:
    for table in ("source", "document", "record", "claim", "person", "audit_event"):
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        ))  # fmt: skip


def load(engine: Engine, register: Path, directory: Path, processes: int = 2) -> None:
    """The register as PARTS lists, read in ``processes`` processes, stored by COPY."""
    migrate(engine)
    started = time.perf_counter()
    rng = random.Random(1945)
    next_id = 1
    with get_context("spawn").Pool(processes) as pool, engine.begin() as conn:
        for n, read in enumerate(pool.imap(_read, split(register, directory)), start=1):
            next_id = _store_part(conn, n, read, next_id, rng)
            print(f"  stored list {n}/{PARTS} ({time.perf_counter() - started:.0f} s)", flush=True)
        _fix_sequences(conn)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # statistics, and the visibility map
    print(f"  loaded {next_id - 1:,} records in {time.perf_counter() - started:.0f} s", flush=True)


def _pg(tool: str, url: str, *args: str) -> None:
    from tests.pgserver import _bindir

    address = url.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run([str(_bindir() / tool), "--dbname", address, *args], check=True)


def database(url: str, register: Path, directory: Path) -> None:
    """The load database at ``url`` (empty): restored from the cached dump, else built and
    dumped; then upgraded by Alembic (a dump made before a new migration gets it)."""
    engine = create_db_engine(url)
    dump = directory / "load.dump"
    started = time.perf_counter()
    if dump.exists():
        _pg("pg_restore", url, "--no-owner", "--jobs", "2", str(dump))
        print(f"  restored {dump.name} in {time.perf_counter() - started:.0f} s", flush=True)
        migrate(engine)
    else:
        load(engine, register, directory, processes=int(os.environ.get("LOAD_PROCESSES", "2")))
        _pg("pg_dump", url, "--format", "custom", "--file", str(dump.with_suffix(".part")))
        dump.with_suffix(".part").rename(dump)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # VACUUM sets the visibility map: without it (a fresh restore) every "index-only"
        # scan of search and dossier fetches each row from the heap
        conn.execute(text("VACUUM (ANALYZE)"))
    engine.dispose()
