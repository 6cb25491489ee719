"""The audit log: every change to the data, with its author and time, append-only.

Each event says who did what (``actor``, ``action``), when, in words (``summary``), and carries
in ``detail`` the ids needed to revert it. ``audit_person`` lists the persons an event changed,
so any person's history is one query. The database refuses UPDATE and DELETE on both tables
(triggers created by migration 0003); a revert is a new event pointing at the reverted one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from tagdyr.store import schema as s

ACCOUNT_ACTIONS = ("user.create", "user.change", "token.create", "token.revoke")
ACTIONS = ("import", "link", "judge", "merge", "split", "undo", "revert", *ACCOUNT_ACTIONS,
           "source.kind")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    at: datetime
    actor: str
    action: str
    summary: str
    detail: dict[str, Any]
    reverts_id: int | None
    reverted_by: int | None = None
    persons: list[str] = field(default_factory=list)


def log_event(
    conn: Connection,
    actor: str,
    action: str,
    summary: str,
    detail: dict[str, Any] | None = None,
    persons: Iterable[str] = (),
    reverts: int | None = None,
) -> int:
    """Append one event (inside the caller's transaction, so it commits with the change)."""
    assert action in ACTIONS, f"unknown audit action {action!r}"
    event_id = conn.execute(
        s.audit_event.insert().returning(s.audit_event.c.id),
        {
            "at": datetime.now(UTC),
            "actor": actor,
            "action": action,
            "summary": summary,
            "detail": json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
            "reverts_id": reverts,
        },
    ).scalar_one()
    uids = sorted({uid for uid in persons if uid})
    if uids:
        rows = [{"event_id": event_id, "person_uid": uid} for uid in uids]
        conn.execute(s.audit_person.insert(), rows)
    return int(event_id)


def events(
    conn: Connection,
    *,
    person_uids: Iterable[str] | None = None,
    limit: int = 100,
    before: int | None = None,
    accounts: bool = True,
) -> list[Event]:
    """Events newest first; only those that changed one of ``person_uids`` when given.
    ``accounts=False``: without the events of accounts (users, tokens: they say who, and
    the public history says what changed and when, not who)."""
    e = s.audit_event
    query = select(e).order_by(e.c.id.desc()).limit(limit)
    if not accounts:
        query = query.where(e.c.action.not_in(ACCOUNT_ACTIONS))
    if person_uids is not None:
        chosen = select(s.audit_person.c.event_id).where(
            s.audit_person.c.person_uid.in_(list(person_uids))
        )
        query = query.where(e.c.id.in_(chosen))
    if before is not None:
        query = query.where(e.c.id < before)
    rows = conn.execute(query).all()
    return _with_links(conn, rows)


def get_event(conn: Connection, event_id: int) -> Event | None:
    rows = conn.execute(select(s.audit_event).where(s.audit_event.c.id == event_id)).all()
    found = _with_links(conn, rows)
    return found[0] if found else None


def _with_links(conn: Connection, rows: Sequence[Any]) -> list[Event]:
    ids = [r.id for r in rows]
    if not ids:
        return []
    reverted_by = {
        row.reverts_id: row.id
        for row in conn.execute(
            select(s.audit_event.c.reverts_id, s.audit_event.c.id).where(
                s.audit_event.c.reverts_id.in_(ids)
            )
        )
    }
    persons: dict[int, list[str]] = {}
    for event_id, uid in conn.execute(
        select(s.audit_person.c.event_id, s.audit_person.c.person_uid)
        .where(s.audit_person.c.event_id.in_(ids))
        .order_by(s.audit_person.c.person_uid)
    ):
        persons.setdefault(event_id, []).append(uid)
    return [
        Event(r.id, r.at, r.actor, r.action, r.summary, json.loads(r.detail), r.reverts_id,
              reverted_by.get(r.id), persons.get(r.id, []))
        for r in rows
    ]  # fmt: skip


def last_change(conn: Connection, person_uid: str) -> Event | None:
    """The newest event that changed a person (for "changed by … since you opened it")."""
    found = events(conn, person_uids=[person_uid], limit=1)
    return found[0] if found else None
