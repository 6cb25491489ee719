"""Re-deriving the stored name index of every record (the ``name_key`` rows and the record's
surname/given-name forms and keys) with the name index as it is now.

The importer writes the index when a record is stored; this brings records stored by an
older tagdyr up to date (migration 0009 runs it). The name parts as stored are the input —
the same parts the importer derived the keys from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, bindparam, delete, select, update

from tagdyr.names.parse import ParsedName
from tagdyr.sources.records import name_fields
from tagdyr.store import schema as s

_CHUNK = 5_000
_COLUMNS = ("surname_canon", "given_canon", "surname_key")  # the record's own; keys: name_key


def reindex_names(conn: Connection) -> int:
    """Rewrite every record's name index; returns how many records were reindexed."""
    r = s.record
    done, after = 0, 0
    while True:
        rows = conn.execute(
            select(r.c.id, r.c.full_name, r.c.surname, r.c.given_name, r.c.patronymic)
            .where(r.c.id > after)
            .order_by(r.c.id)
            .limit(_CHUNK)
        ).all()
        if not rows:
            return done
        _rewrite(conn, rows)
        done, after = done + len(rows), rows[-1].id


def _rewrite(conn: Connection, rows: Sequence[Row[Any, Any, Any, Any, Any]]) -> None:
    fields = {
        row.id: name_fields(
            ParsedName(row.full_name, row.surname, tuple(row.given_name.split()), row.patronymic)
        )
        for row in rows
    }
    ids = list(fields)
    conn.execute(delete(s.name_key).where(s.name_key.c.record_id.in_(ids)))
    keys = [{"record_id": i, "key": k} for i, f in fields.items()
            for k in dict.fromkeys(f["name_keys"].split())]  # fmt: skip
    if keys:
        conn.execute(s.name_key.insert(), keys)
    conn.execute(
        update(s.record)
        .where(s.record.c.id == bindparam("rid"))
        .values({c: bindparam(c) for c in _COLUMNS}),
        [{"rid": i, **{c: f[c] for c in _COLUMNS}} for i, f in fields.items()],
    )
