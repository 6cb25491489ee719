"""The human review loop: a queue of candidate pairs, judgements with undo, an audit trail.

The queue holds the latest run's candidate pairs that no active judgement covers, the most
uncertain first (a decision on a pair at 0.5 teaches the most; one at 0.99 or 0.02 changes
little). A judgement (same / not same / unsure, with author and note) is a must-link or a
cannot-link; persons are re-clustered at once from the stored pairs and all active
judgements — no new linkage run — so a dossier shows the decision immediately. Undo marks the
judgement undone (it stays in the trail) and re-clusters again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Engine,
    Select,
    and_,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError

from tagdyr.errors import AccessError, ConflictError, NotFoundError, TagdyrError
from tagdyr.persons.components import lock_component
from tagdyr.persons.linking import (
    Assignment,
    Restore,
    latest_run_id,
    latest_verdicts,
    recluster,
)
from tagdyr.store import schema as s
from tagdyr.store.audit import last_change, log_event
from tagdyr.store.db import lock_for_judging, storage_error
from tagdyr.store.queries import RecordView, get_records, resolve_person

VERDICTS = ("same", "not_same", "unsure")


@dataclass(frozen=True, slots=True)
class ReviewItem:
    pair_id: int
    left: RecordView
    right: RecordView
    match_probability: float
    match_weight: float
    is_match: bool
    evidence: list[dict[str, Any]]
    pair_version: int = 0  # how often the pair was judged or undone, as the page showed it

    @property
    def same_person_now(self) -> bool:
        return self.left.person_uid is not None and self.left.person_uid == self.right.person_uid


@dataclass(frozen=True, slots=True)
class JudgementView:
    id: int
    left_record_id: int
    right_record_id: int
    left_name: str
    right_name: str
    verdict: str
    author: str
    note: str
    created_at: datetime
    undone_at: datetime | None


def _judged() -> Any:
    """Pairs an active judgement covers, in either orientation."""
    j, p = s.judgement, s.candidate_pair
    return (
        select(j.c.id)
        .where(j.c.undone_at.is_(None))
        .where(
            or_(
                and_(j.c.left_record_id == p.c.left_record_id,
                     j.c.right_record_id == p.c.right_record_id),
                and_(j.c.left_record_id == p.c.right_record_id,
                     j.c.right_record_id == p.c.left_record_id),
            )
        )
        .exists()
    )  # fmt: skip


def _open_pairs(run_id: int) -> Any:
    p = s.candidate_pair
    return select(p).where(p.c.run_id == run_id).where(~_judged())


def queue_size(conn: Connection) -> int:
    run_id = latest_run_id(conn)
    if run_id is None:
        return 0
    return conn.execute(
        select(func.count()).select_from(_open_pairs(run_id).subquery())
    ).scalar_one()


def review_queue(conn: Connection, limit: int = 20) -> list[ReviewItem]:
    """Open pairs of the latest run, most uncertain first (ties: higher probability first)."""
    run_id = latest_run_id(conn)
    if run_id is None:
        return []
    p = s.candidate_pair
    uncertainty = func.abs(p.c.match_probability - 0.5)
    rows = conn.execute(
        _open_pairs(run_id).order_by(uncertainty, p.c.match_probability.desc(), p.c.id).limit(limit)
    ).all()
    records = {
        r.id: r
        for r in get_records(
            conn, [x for row in rows for x in (row.left_record_id, row.right_record_id)]
        )
    }
    return [
        ReviewItem(
            pair_id=row.id,
            left=records[row.left_record_id],
            right=records[row.right_record_id],
            match_probability=row.match_probability,
            match_weight=row.match_weight,
            is_match=row.is_match,
            evidence=json.loads(row.evidence or "[]"),
            pair_version=pair_version(conn, row.left_record_id, row.right_record_id),
        )
        for row in rows
    ]


def _check_seen(conn: Connection, seen: Mapping[str, int]) -> None:
    """Optimistic locking: refuse if a person changed since the user's page showed it."""
    for uid, version in seen.items():
        row = conn.execute(
            select(s.person.c.version, s.person.c.label).where(s.person.c.uid == uid)
        ).first()
        if row is None or row.version != version:
            last = last_change(conn, uid)
            by = f" by {last.actor} ({last.action}, {last.at:%Y-%m-%d %H:%M} UTC)" if last else ""
            name = row.label if row is not None else uid
            raise ConflictError(
                f"{name} ({uid}) was changed{by} since your page showed it: "
                "nothing was stored; reload the page and decide again"
            )


def _pair(left_id: int, right_id: int) -> Any:
    j = s.judgement
    return or_(
        and_(j.c.left_record_id == left_id, j.c.right_record_id == right_id),
        and_(j.c.left_record_id == right_id, j.c.right_record_id == left_id),
    )


def pair_version(conn: Connection, left_id: int, right_id: int) -> int:
    """How many times the pair of records was judged or a judgement of it undone: it grows
    with every decision on the pair (optimistic locking for pairs, as versions are for
    persons)."""
    j = s.judgement
    made, undone = conn.execute(
        select(func.count(), func.count(j.c.undone_at)).where(_pair(left_id, right_id))
    ).one()
    return int(made) + int(undone)


def _check_pair_seen(conn: Connection, left_id: int, right_id: int, seen: int | None) -> None:
    """Refuse a decision taken on a page that showed the pair before someone else decided it."""
    if seen is None or pair_version(conn, left_id, right_id) == seen:
        return
    j = s.judgement
    last = conn.execute(
        select(j.c.verdict, j.c.author, j.c.created_at, j.c.undone_at)
        .where(_pair(left_id, right_id))
        .order_by(j.c.id.desc())
    ).first()
    by = ""
    if last is not None:
        what = "undone" if last.undone_at is not None else f"judged {last.verdict!r}"
        by = f": {what} by {last.author} ({last.created_at:%Y-%m-%d %H:%M} UTC)"
    raise ConflictError(
        f"records {left_id} and {right_id} were decided since your page showed them{by}; "
        "nothing was stored: reload the page and decide again"
    )


def _check_consistent(assigned: Assignment) -> None:
    """Refuse (the transaction rolls back) when the persons the re-clustering wrote contradict
    an active judgement it obeyed: two judgements that cannot both hold (a "same" that a chain
    of others makes a "not same", or the reverse)."""
    owner = {str(rid): pid for rid, pid in assigned.owner.items()}
    broken = sorted(
        f"{' and '.join(sorted(pair, key=int))} judged {verdict!r}"
        for pair, verdict in assigned.verdicts.items()
        if verdict in ("same", "not_same") and all(r in owner for r in pair)
        and (len({owner[r] for r in pair}) == 1) != (verdict == "same")
    )  # fmt: skip
    if broken:
        raise ConflictError(
            "this decision contradicts other judgements (records "
            + "; ".join(broken)
            + "): nothing was stored; undo the judgement it contradicts first, or merge or "
            "split the persons from the dossier"
        )


def _insert_judgement(conn: Connection, left_id: int, right_id: int, verdict: str, author: str,
                      note: str) -> int:  # fmt: skip
    if verdict not in VERDICTS:
        raise TagdyrError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    if left_id == right_id:
        raise TagdyrError("a record cannot be judged against itself")
    j = s.judgement
    latest = _latest_active(left_id, right_id)
    row = select(
        literal(left_id),
        literal(right_id),
        literal(verdict),
        literal(author),
        literal(note.strip()),
        literal(datetime.now(UTC), DateTime(timezone=True)),
    )
    made = conn.execute(  # one statement: stored unless the pair's latest verdict is this one
        j.insert().from_select(
            ["left_record_id", "right_record_id", "verdict", "author", "note", "created_at"],
            row.where(latest.scalar_subquery().is_distinct_from(verdict)),
        ).returning(j.c.id)
    ).scalar_one_or_none()  # fmt: skip
    if made is None:
        by = conn.execute(latest.with_only_columns(j.c.author)).scalar_one()
        raise ConflictError(
            f"records {left_id} and {right_id} are already judged {verdict!r} "
            f"(by {by}): nothing was stored"
        )
    return int(made)


def _latest_active(left_id: int, right_id: int) -> Select[tuple[str]]:
    """The verdict of the pair's latest active judgement."""
    j = s.judgement
    return (
        select(j.c.verdict)
        .where(_pair(left_id, right_id), j.c.undone_at.is_(None))
        .order_by(j.c.created_at.desc(), j.c.id.desc())
        .limit(1)
    )


def apply_judgements(
    conn: Connection,
    pairs: list[tuple[int, int, str]],
    author: str,
    note: str,
    action: str,
    summary: str,
    *,
    seen: Mapping[str, int] | None = None,
    reverts: int | None = None,
    together: set[int] | None = None,
    pair_seen: int | None = None,
    restore: Restore | None = None,
    locked: tuple[int | None, set[int]] | None = None,
) -> list[int]:
    """Store judgements (left, right, verdict), re-cluster their components and log it,
    inside the caller's transaction; the judgements' ids. ``together``: records that must end
    up in one person (a merge): any the scores alone would not keep gets a "same" too;
    ``restore``: the persons before the change this one reverts (see :func:`recluster`);
    ``locked``: what :func:`lock_component` gave the caller in this transaction (the run and
    a component: it is not found and locked again when it holds all the records)."""
    author = author.strip()
    if not author:
        raise TagdyrError("a judgement needs its author")
    record_ids = {r for left, right, _ in pairs for r in (left, right)} | (together or set())
    if locked is None or not record_ids <= locked[1]:
        locked = lock_component(conn, record_ids)  # holds what they join (stored records)
    run_id, scope = locked
    if not record_ids <= scope:
        raise NotFoundError(f"no records {', '.join(map(str, sorted(record_ids)))} to judge")
    if pair_seen is not None:  # first: it says who decided the very pair
        _check_pair_seen(conn, pairs[0][0], pairs[0][1], pair_seen)
    _check_seen(conn, seen or {})
    ids = [_insert_judgement(conn, left, right, verdict, author, note)
           for left, right, verdict in pairs]  # fmt: skip
    assigned = recluster(conn, run_id, scope=scope, restore=restore)
    before, changed = assigned.before, set(assigned.changed_uids)  # before: as in the log
    anchor = pairs[0][0]
    while together and (stragglers := together - _records_with(assigned, anchor)):
        ids += [_insert_judgement(conn, anchor, r, "same", author, note)
                for r in sorted(stragglers)]  # fmt: skip
        assigned = recluster(conn, run_id, scope=scope)
        changed |= assigned.changed_uids
    _check_consistent(assigned)
    detail = {"judgements": ids, "active": True, "note": note, "persons": before}
    log_event(conn, author, action, summary, detail, set(before) | changed, reverts)
    return ids


def _records_with(assigned: Assignment, record_id: int) -> set[int]:
    """The records of the person ``record_id`` belongs to, as re-clustering just wrote it."""
    person = assigned.owner.get(record_id)
    return {r for r, p in assigned.owner.items() if p == person} if person is not None else set()


def judge(engine: Engine, left_id: int, right_id: int, verdict: str, author: str,
          note: str = "", *, seen: Mapping[str, int] | None = None,
          pair_seen: int | None = None) -> int:  # fmt: skip
    """Record a judgement on two records and re-cluster; the judgement's id (for undo).
    ``seen``: person uid -> version as the user's page showed them, ``pair_seen``: the pair's
    :func:`pair_version` as it showed it (optimistic locking)."""
    with _writing(engine, "the judgement") as conn:
        summary = f"records {left_id} and {right_id} judged {verdict!r}"
        return apply_judgements(conn, [(left_id, right_id, verdict)], author, note, "judge",
                                summary, seen=seen, pair_seen=pair_seen)[0]  # fmt: skip


@contextmanager
def _writing(engine: Engine, doing: str) -> Iterator[Connection]:
    """One transaction holding the write lock; database failures in the user's words."""
    try:
        with engine.begin() as conn:
            lock_for_judging(conn)
            yield conn
    except DBAPIError as exc:
        raise storage_error(exc, doing) from exc


def _records_of(conn: Connection, uid: str) -> list[int]:
    person_id, _ = resolve_person(conn, uid)
    return sorted(
        conn.execute(
            select(s.person_record.c.record_id).where(s.person_record.c.person_id == person_id)
        ).scalars()
    )


def merge_persons(engine: Engine, uid: str, other_uid: str, author: str, note: str = "",
                  *, seen: Mapping[str, int] | None = None) -> int:  # fmt: skip
    """Say two persons are one man: a "same" judgement between a record of each. It is said
    of the persons, so it outweighs earlier "not same" judgements between their records (a
    split taken back): each of those gets a "same" too, so that every record of both persons
    stays in the one person (undoing the merge brings the older judgements back)."""
    with _writing(engine, "the merge") as conn:
        ours, theirs = _records_of(conn, uid), _records_of(conn, other_uid)
        locked = lock_component(conn, set(ours) | set(theirs))
        _check_seen(conn, seen or {})
        ours, theirs = _records_of(conn, uid), _records_of(conn, other_uid)
        if not ours or not theirs or set(ours) == set(theirs):
            raise TagdyrError(f"{uid} and {other_uid} are already one person")
        summary = f"persons {uid} and {other_uid} merged"  # (seen: checked above, first)
        pairs = [(ours[0], theirs[0], "same")] + [
            (left, right, "same") for left, right in _judged_apart(conn, ours, theirs)
            if {left, right} != {ours[0], theirs[0]}
        ]  # fmt: skip
        return apply_judgements(conn, pairs, author, note, "merge", summary,
                                together=set(ours) | set(theirs), locked=locked)[0]  # fmt: skip


def _judged_apart(conn: Connection, ours: list[int], theirs: list[int]) -> list[tuple[int, int]]:
    """Pairs of a record of ``ours`` and one of ``theirs`` whose latest verdict is "not same"."""
    theirs_set = {str(r) for r in theirs}
    return sorted(
        (int(a), int(b)) if a not in theirs_set else (int(b), int(a))
        for pair, verdict in latest_verdicts(conn, set(ours)).items()
        if verdict == "not_same" and len(pair & theirs_set) == 1
        for a, b in [sorted(pair)]
        if len(pair - theirs_set) == 1
    )


def split_record(engine: Engine, record_id: int, author: str, note: str = "",
                 *, seen: Mapping[str, int] | None = None) -> list[int]:  # fmt: skip
    """Take a record out of its person: "not same" judgements against the person's other
    records, all in one transaction (the ids of the judgements, to undo them)."""
    with _writing(engine, "the split") as conn:
        locked = lock_component(conn, {record_id})
        _check_seen(conn, seen or {})
        person_id = conn.execute(
            select(s.person_record.c.person_id).where(s.person_record.c.record_id == record_id)
        ).scalar_one_or_none()
        if person_id is None:
            raise NotFoundError(f"record {record_id} belongs to no person")
        others = [r for r in _records_of(conn, str(person_id)) if r != record_id]
        if not others:
            raise TagdyrError(f"record {record_id} is the person's only record: nothing to split")
        summary = f"record {record_id} split from its person"
        pairs = [(record_id, other, "not_same") for other in others]
        return apply_judgements(
            conn, pairs, author, note, "split", summary, locked=locked
        )  # seen: checked above; fmt: skip


def undo_judgements(conn: Connection, judgement_ids: list[int], author: str, action: str,
                    summary: str, reverts: int | None = None,
                    restore: Restore | None = None) -> None:  # fmt: skip
    """Mark judgements undone (they stay in the trail), re-cluster and log it, inside the
    caller's transaction and under the write lock. ``restore``: the persons before the
    change this undo takes back (from its log event): they come back with their uids."""
    records = conn.execute(
        select(s.judgement.c.left_record_id, s.judgement.c.right_record_id).where(
            s.judgement.c.id.in_(judgement_ids), s.judgement.c.undone_at.is_(None)
        )
    ).all()
    if len(records) != len(judgement_ids):
        raise NotFoundError(f"no active judgement {', '.join(map(str, judgement_ids))} to undo")
    run_id, scope = lock_component(conn, {r for row in records for r in row})
    conn.execute(
        update(s.judgement)
        .where(s.judgement.c.id.in_(judgement_ids))
        .values(undone_at=datetime.now(UTC))
    )
    assigned = recluster(conn, run_id, scope=scope, restore=restore)
    _check_consistent(assigned)
    detail = {"judgements": judgement_ids, "active": False, "persons": assigned.before}
    log_event(conn, author, action, summary, detail,
              set(assigned.before) | assigned.changed_uids, reverts)  # fmt: skip


def undo(engine: Engine, judgement_id: int, author: str = "system", *,
         own: bool = False, pair_seen: int | None = None) -> None:  # fmt: skip
    """Mark a judgement undone (it stays in the audit trail) and re-cluster; the change that
    made exactly this judgement is marked reverted in the log. ``own``: only the author's own
    judgement; ``pair_seen``: the pair's :func:`pair_version` as the user's page showed it
    (optimistic locking: refused when the pair was decided since)."""
    with _writing(engine, "the undo") as conn:
        _check_undoable(conn, judgement_id, author if own else None, pair_seen)
        made_by, restore = _made_by(conn, judgement_id)
        undo_judgements(conn, [judgement_id], author, "undo", f"judgement {judgement_id} undone",
                        reverts=made_by, restore=restore)  # fmt: skip


def _made_by(conn: Connection, judgement_id: int) -> tuple[int | None, Restore | None]:
    """The change (one of the newest 500 events) that made exactly this judgement and was not
    reverted, and the persons before it; read in one statement (the detail's text is matched
    first, then checked as JSON)."""
    e, reverting = s.audit_event, s.audit_event.alias("reverting")
    newest = select(e.c.id).order_by(e.c.id.desc()).limit(500).subquery()
    rows = conn.execute(
        select(e.c.id, e.c.detail)
        .where(e.c.id.in_(select(newest.c.id)), e.c.action.in_(("judge", "merge")))
        .where(e.c.detail.contains(f'"judgements": [{judgement_id}]', autoescape=True))
        .where(~select(reverting.c.id).where(reverting.c.reverts_id == e.c.id).exists())
        .order_by(e.c.id.desc())
    ).all()
    for row in rows:
        detail = json.loads(row.detail)
        if detail.get("judgements") == [judgement_id]:
            return int(row.id), detail.get("persons")
    return None, None


def _check_undoable(conn: Connection, judgement_id: int, author: str | None,
                    pair_seen: int | None) -> None:  # fmt: skip
    j = s.judgement
    row = conn.execute(select(j).where(j.c.id == judgement_id)).first()
    if row is None:
        raise NotFoundError(f"there is no judgement #{judgement_id}")
    if author is not None and row.author != author:
        raise AccessError(
            f"judgement #{judgement_id} was made by {row.author}, not by you: nothing was "
            "undone; an editor may revert it from the history"
        )
    if row.undone_at is not None:
        raise NotFoundError(
            f"no active judgement #{judgement_id} to undo: it was already undone "
            f"({row.undone_at:%Y-%m-%d %H:%M} UTC), nothing changed"
        )
    _check_pair_seen(conn, row.left_record_id, row.right_record_id, pair_seen)


def history(conn: Connection, limit: int = 100, *, author: str | None = None,
            ids: Iterable[int] | None = None) -> list[JudgementView]:  # fmt: skip
    """The audit trail, newest first: who decided what, when and why, and what was undone;
    only ``author``'s judgements, or only the judgements ``ids``, when given."""
    j = s.judgement
    left, right = s.record.alias("l"), s.record.alias("r")
    query = (
        select(j, left.c.full_name.label("left_name"), right.c.full_name.label("right_name"))
        .join(left, left.c.id == j.c.left_record_id)
        .join(right, right.c.id == j.c.right_record_id)
        .order_by(j.c.created_at.desc(), j.c.id.desc())
        .limit(limit)
    )
    if author is not None:
        query = query.where(j.c.author == author)
    if ids is not None:
        query = query.where(j.c.id.in_(list(ids)))
    rows = conn.execute(query).all()
    return [
        JudgementView(
            r.id, r.left_record_id, r.right_record_id, r.left_name, r.right_name, r.verdict,
            r.author, r.note, r.created_at, r.undone_at,
        )
        for r in rows
    ]  # fmt: skip
