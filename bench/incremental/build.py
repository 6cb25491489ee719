"""The benchmark's databases, built once and kept under bench/out/.

* ``base``: the generated register stored in bulk (every row read by tagdyr's own importer
  code, as `tagdyr import --kind register` reads it, then inserted with executemany instead of
  one import transaction: the importer's per-file bookkeeping is not what is measured), each
  record its own person, then linked by `tagdyr link` (``link_database``, full): a database
  that already holds linked records.
* ``before``: ``base`` with the generated list imported by the real importer (`tagdyr
  import`, kind list): the state in which a historian links the new list.
"""

from __future__ import annotations

import json
import shutil
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate

_BATCH = 5_000


def _engine(path: Path) -> Engine:
    return create_db_engine(f"sqlite:///{path}")


def _source(engine: Engine, register: Path, meta: dict[str, object], rows: int) -> tuple[int, int]:
    import hashlib

    now = datetime.now(UTC)
    with engine.begin() as conn:
        source_id = conn.execute(
            s.source.insert().returning(s.source.c.id),
            {"key": "register", "title": "Generated register", "citation": "bench",
             "kind": "register", "languages": "", "created_at": now},
        ).scalar_one()  # fmt: skip
        document_id = conn.execute(
            s.document.insert().returning(s.document.c.id),
            {"source_id": source_id, "filename": register.name,
             "sha256": hashlib.sha256(register.read_bytes()).hexdigest(), "version": 1,
             "is_current": True, "format": "csv", "encoding": "utf-8",
             "encoding_detected": True, "mapping": json.dumps(meta, ensure_ascii=False),
             "row_count": rows, "imported_at": now, "imported_by": "bench"},
        ).scalar_one()  # fmt: skip
    return int(source_id), int(document_id)


def bulk_register(path: Path, register: Path) -> None:
    """The register stored in bulk, one person per record (see the module docstring)."""
    from tagdyr.sources.importer import _claim_rows, _drafts, _record_rows

    path.unlink(missing_ok=True)
    engine = _engine(path)
    migrate(engine)
    drafts, meta, _, _ = _drafts(register, register.read_bytes(), None, None)
    source_id, document_id = _source(engine, register, meta, len(drafts))
    now = datetime.now(UTC)
    next_id = 1
    with engine.begin() as conn:
        for start in range(0, len(drafts), _BATCH):
            batch = drafts[start : start + _BATCH]
            ids = list(range(next_id, next_id + len(batch)))
            next_id += len(batch)
            rows = _record_rows(batch, document_id, source_id)
            conn.execute(
                s.record.insert(), [{**r, "id": i} for r, i in zip(rows, ids, strict=True)]
            )
            claims = _claim_rows(batch, ids)
            if claims:
                conn.execute(s.claim.insert(), claims)
            keys = [{"record_id": i, "key": k} for d, i in zip(batch, ids, strict=True)
                    for k in dict.fromkeys(d.normalized["name_keys"].split())]  # fmt: skip
            conn.execute(s.name_key.insert(), keys)
            conn.execute(s.person.insert(), [
                {"id": i, "uid": uuid.uuid4().hex[:12], "label": d.full_name, "version": 1,
                 "created_at": now, "updated_at": now} for d, i in zip(batch, ids, strict=True)
            ])  # fmt: skip
            conn.execute(s.person_record.insert(), [{"record_id": i, "person_id": i} for i in ids])
    engine.dispose()


def link(
    path: Path, *, full: bool, progress: Callable[[str], None] | None = None
) -> dict[str, object]:
    """``link_database`` on ``path``: a full re-link, or what `tagdyr link` does by default;
    ``progress`` is told each stage as it starts."""
    from inspect import signature

    from tagdyr.persons.linking import link_database
    from tagdyr.settings import Settings

    defaults = Settings()
    # the code before incremental linking had no such option: every link was a full one
    options = {"full": full} if "full" in signature(link_database).parameters else {}
    engine = _engine(path)
    result = link_database(
        engine, threshold=defaults.match_threshold, floor=defaults.candidate_floor,
        progress=progress, **options,
    )  # fmt: skip
    engine.dispose()
    return {"persons": result.persons, "pairs": result.pairs, "records": result.records}


def import_list(path: Path, listed: Path) -> None:
    from tagdyr.sources.importer import SourceInfo, import_table

    engine = _engine(path)
    import_table(engine, listed, SourceInfo("list", "Generated list", "bench", kind="list"))
    engine.dispose()


def databases(directory: Path) -> tuple[Path, dict[str, float]]:
    """The ``before`` database (built if missing), and the seconds each build step took."""
    base, before = directory / "incremental-base.db", directory / "incremental-before.db"
    took: dict[str, float] = {}
    if not before.exists():
        if not base.exists():
            started = time.perf_counter()
            bulk_register(base.with_suffix(".part"), directory / "register.csv")
            took["bulk register"] = time.perf_counter() - started
            started = time.perf_counter()
            link(base.with_suffix(".part"), full=True)
            took["link register (full)"] = time.perf_counter() - started
            base.with_suffix(".part").rename(base)
        shutil.copy(base, before.with_suffix(".part"))
        started = time.perf_counter()
        import_list(before.with_suffix(".part"), directory / "list.csv")
        took["import list"] = time.perf_counter() - started
        before.with_suffix(".part").rename(before)
    return before, took
