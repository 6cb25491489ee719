"""Helpers that read the database the way a test needs to."""

from __future__ import annotations

from sqlalchemy import Engine, select

from tagdyr.store import schema as s


def uid_of(engine: Engine, record_id: int) -> str:
    """The uid of the person a record belongs to now."""
    with engine.connect() as conn:
        return str(
            conn.execute(
                select(s.person.c.uid)
                .join(s.person_record)
                .where(s.person_record.c.record_id == record_id)
            ).scalar_one()
        )


def record_id(engine: Engine, source_key: str, entry_id: str) -> int:
    """The id of the record of a source with the given entry id."""
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(s.record.c.id)
                .join(s.source)
                .where(s.source.c.key == source_key, s.record.c.entry_id == entry_id)
            ).scalar_one()
        )
