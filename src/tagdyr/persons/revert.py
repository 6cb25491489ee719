"""Reverting a change from the audit log: the revert is itself a new event.

* a judgement, merge or split: its judgements are undone; an undo: they are made again (new
  judgements with the same verdicts, so the judgement table stays truthful). Reverting a revert
  flips them back.
* an import: the document's records go (the source too if nothing else is left in it), and the
  version it replaced becomes current again, its records back in the persons they left (under
  the same uids: the import event keeps the persons before it).
* a linkage run (the latest only): its pairs go and the persons come from the run before it.

Account events (users, tokens) are changed back on the users page, not reverted. Everything
runs in one transaction under the write lock; persons are re-clustered before it commits.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.exc import DBAPIError

from tagdyr.errors import ConflictError, NotFoundError, TagdyrError
from tagdyr.persons.linking import latest_run_id, recluster
from tagdyr.persons.review import apply_judgements, undo_judgements
from tagdyr.store import schema as s
from tagdyr.store.audit import Event, get_event, log_event
from tagdyr.store.db import lock_for_writing, storage_error

_JUDGEMENT_EVENTS = ("judge", "merge", "split", "undo")


def revert(engine: Engine, event_id: int, actor: str) -> int:
    """Revert the event ``event_id`` as ``actor``; the id of the revert event."""
    try:
        with engine.begin() as conn:
            lock_for_writing(conn)
            event = get_event(conn, event_id)
            if event is None:
                raise NotFoundError(f"no change #{event_id} in the audit log")
            if event.reverted_by is not None:
                raise ConflictError(
                    f"change #{event_id} was already reverted by #{event.reverted_by}"
                )
            return _revert(conn, event, actor)
    except DBAPIError as exc:
        raise storage_error(exc, f"reverting change #{event_id}") from exc


def _toggles_judgements(event: Event) -> bool:
    """A judgement, merge, split or undo, or a revert of one: it switched judgements on/off."""
    toggles = "judgements" in event.detail and "active" in event.detail
    return event.action in _JUDGEMENT_EVENTS or (event.action == "revert" and toggles)


def _revert(conn: Connection, event: Event, actor: str) -> int:
    if _toggles_judgements(event):
        return _toggle_judgements(conn, event, actor)
    if event.action == "import":
        return _revert_import(conn, event, actor)
    if event.action == "link":
        return _revert_link(conn, event, actor)
    raise TagdyrError(
        f"change #{event.id} ({event.action}) is not reverted from the log: "
        + ("re-import the file, or run `tagdyr link` again" if event.action == "revert"
           else "change the account back on the users page")
    )  # fmt: skip


def _toggle_judgements(conn: Connection, event: Event, actor: str) -> int:
    ids = [int(i) for i in event.detail["judgements"]]
    summary = f"revert of #{event.id}: {event.summary}"
    before = event.detail.get("persons")  # as they were before the change (newer events)
    if event.detail["active"]:
        undo_judgements(conn, ids, actor, "revert", summary, reverts=event.id, restore=before)
    else:
        rows = conn.execute(
            select(s.judgement.c.left_record_id, s.judgement.c.right_record_id,
                   s.judgement.c.verdict).where(s.judgement.c.id.in_(ids))
        ).all()  # fmt: skip
        if len(rows) != len(ids):
            raise NotFoundError(f"the judgements of change #{event.id} are gone with their records")
        pairs = [(r.left_record_id, r.right_record_id, r.verdict) for r in rows]
        note = str(event.detail.get("note", ""))
        apply_judgements(
            conn, pairs, actor, note, "revert", summary, reverts=event.id, restore=before
        )
    return _latest_event(conn)


def _latest_event(conn: Connection) -> int:
    return int(conn.execute(select(func.max(s.audit_event.c.id))).scalar_one())


def _revert_import(conn: Connection, event: Event, actor: str) -> int:
    document_id = int(event.detail["document_id"])
    document = conn.execute(
        select(s.document.c.source_id, s.document.c.is_current).where(
            s.document.c.id == document_id
        )
    ).first()
    if document is None:
        raise NotFoundError(f"the document of change #{event.id} is no longer stored")
    newer = conn.execute(
        select(func.count())
        .select_from(s.document)
        .where(s.document.c.source_id == document.source_id, s.document.c.id > document_id)
    ).scalar_one()
    if newer:
        raise ConflictError(
            f"a newer version of {event.detail['source_key']} was imported after change "
            f"#{event.id}: revert that import first"
        )
    conn.execute(delete(s.figure).where(s.figure.c.document_id == document_id))
    conn.execute(delete(s.document).where(s.document.c.id == document_id))  # records cascade
    previous = event.detail.get("previous_document_id")
    if previous is not None:
        conn.execute(update(s.document).where(s.document.c.id == previous).values(is_current=True))
    left = conn.execute(
        select(func.count())
        .select_from(s.document)
        .where(s.document.c.source_id == document.source_id)
    ).scalar_one()
    if not left:
        conn.execute(delete(s.source).where(s.source.c.id == document.source_id))
    # the persons the import changed come back under their uids (newer events keep them)
    changed = recluster(conn, restore=event.detail.get("persons")).changed_uids
    return log_event(
        conn, actor, "revert", f"revert of #{event.id}: {event.summary}",
        {"document_id": document_id, "restored_document_id": previous}, changed, event.id,
    )  # fmt: skip


def _revert_link(conn: Connection, event: Event, actor: str) -> int:
    run_id = int(event.detail["run_id"])
    if latest_run_id(conn) != run_id:
        raise ConflictError(f"linkage run {run_id} is not the latest: revert the later runs first")
    previous = event.detail.get("previous_run_id")
    if previous is not None:
        stated, kept = conn.execute(
            select(s.link_run.c.pair_count, func.count(s.candidate_pair.c.id))
            .outerjoin(s.candidate_pair, s.candidate_pair.c.run_id == s.link_run.c.id)
            .where(s.link_run.c.id == previous)
            .group_by(s.link_run.c.pair_count)
        ).one_or_none() or (None, 0)
        if stated is None or stated != kept:
            raise NotFoundError(
                f"the pairs of run {previous}, before run {run_id}, are no longer stored "
                "(only the run before the latest is kept): run `tagdyr link` instead"
            )
    conn.execute(delete(s.link_run).where(s.link_run.c.id == run_id))  # its pairs cascade
    changed = recluster(conn).changed_uids
    return log_event(
        conn, actor, "revert", f"revert of #{event.id}: {event.summary}",
        {"run_id": run_id, "restored_run_id": previous}, changed, event.id,
    )  # fmt: skip


def is_revertible(event: Event) -> bool:
    """Whether the log offers to revert ``event`` (it may still refuse: see :func:`revert`)."""
    return event.reverted_by is None and (
        _toggles_judgements(event) or event.action in ("import", "link")
    )
