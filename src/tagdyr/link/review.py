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
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select, update

from tagdyr.errors import NotFoundError, TagdyrError
from tagdyr.link.cluster import cluster
from tagdyr.link.run import active_judgements, assign_persons, list_groups
from tagdyr.store import schema as s
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


def _latest_run(conn: Connection) -> int | None:
    return conn.execute(select(func.max(s.candidate_pair.c.run_id))).scalar_one_or_none()


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
    run_id = _latest_run(conn)
    if run_id is None:
        return 0
    return conn.execute(
        select(func.count()).select_from(_open_pairs(run_id).subquery())
    ).scalar_one()


def review_queue(conn: Connection, limit: int = 20) -> list[ReviewItem]:
    """Open pairs of the latest run, most uncertain first (ties: higher probability first)."""
    run_id = _latest_run(conn)
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
        )
        for row in rows
    ]


def _record_ids(conn: Connection) -> tuple[list[str], dict[str, str]]:
    """Current records, and for records of lists the list (document) each belongs to."""
    rows = conn.execute(
        select(s.record.c.id, s.record.c.document_id, s.source.c.kind)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .where(s.document.c.is_current.is_(True))
    ).all()
    return [str(r.id) for r in rows], list_groups(rows)


def recluster(conn: Connection) -> int:
    """Persons from the latest run's matched pairs and every active judgement."""
    run_id = _latest_run(conn)
    matches: list[tuple[str, str, float]] = []
    if run_id is not None:
        p = s.candidate_pair
        matches = [
            (str(r.left_record_id), str(r.right_record_id), r.match_probability)
            for r in conn.execute(
                select(p.c.left_record_id, p.c.right_record_id, p.c.match_probability)
                .where(p.c.run_id == run_id)
                .where(p.c.is_match.is_(True))
            )
        ]
    nodes, groups = _record_ids(conn)
    must, cannot = active_judgements(conn)
    clusters = cluster(nodes, matches, must_link=must, cannot_link=cannot, groups=groups)
    return assign_persons(conn, clusters, datetime.now(UTC))


def judge(
    engine: Engine, left_id: int, right_id: int, verdict: str, author: str, note: str = ""
) -> int:
    """Record a judgement on two records and re-cluster; the judgement's id (for undo)."""
    if verdict not in VERDICTS:
        raise TagdyrError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    if left_id == right_id:
        raise TagdyrError("a record cannot be judged against itself")
    author = author.strip()
    if not author:
        raise TagdyrError("a judgement needs its author's name")
    with engine.begin() as conn:
        found = conn.execute(
            select(func.count()).select_from(s.record).where(s.record.c.id.in_([left_id, right_id]))
        ).scalar_one()
        if found != 2:
            raise NotFoundError(f"no records {left_id} and {right_id} to judge")
        judgement_id = conn.execute(
            s.judgement.insert().returning(s.judgement.c.id),
            {
                "left_record_id": left_id,
                "right_record_id": right_id,
                "verdict": verdict,
                "author": author,
                "note": note.strip(),
                "created_at": datetime.now(UTC),
            },
        ).scalar_one()
        recluster(conn)
    return int(judgement_id)


def _records_of(conn: Connection, uid: str) -> list[int]:
    person_id, _ = resolve_person(conn, uid)
    return sorted(
        conn.execute(
            select(s.person_record.c.record_id).where(s.person_record.c.person_id == person_id)
        ).scalars()
    )


def merge_persons(engine: Engine, uid: str, other_uid: str, author: str, note: str = "") -> int:
    """Say two persons are one man: a "same" judgement between a record of each."""
    with engine.connect() as conn:
        ours, theirs = _records_of(conn, uid), _records_of(conn, other_uid)
    if not ours or not theirs or set(ours) == set(theirs):
        raise TagdyrError(f"{uid} and {other_uid} are already one person")
    return judge(engine, ours[0], theirs[0], "same", author, note)


def split_record(engine: Engine, record_id: int, author: str, note: str = "") -> list[int]:
    """Take a record out of its person: "not same" judgements against the person's other
    records (the ids of the judgements, to undo them)."""
    with engine.connect() as conn:
        person_id = conn.execute(
            select(s.person_record.c.person_id).where(s.person_record.c.record_id == record_id)
        ).scalar_one_or_none()
        if person_id is None:
            raise NotFoundError(f"record {record_id} belongs to no person")
        others = [r for r in _records_of(conn, str(person_id)) if r != record_id]
    if not others:
        raise TagdyrError(f"record {record_id} is the person's only record: nothing to split")
    return [judge(engine, record_id, other, "not_same", author, note) for other in others]


def undo(engine: Engine, judgement_id: int) -> None:
    """Mark a judgement undone (it stays in the audit trail) and re-cluster."""
    with engine.begin() as conn:
        done = conn.execute(
            update(s.judgement)
            .where(s.judgement.c.id == judgement_id)
            .where(s.judgement.c.undone_at.is_(None))
            .values(undone_at=datetime.now(UTC))
        )
        if done.rowcount != 1:
            raise NotFoundError(f"no active judgement {judgement_id} to undo")
        recluster(conn)


def history(conn: Connection, limit: int = 100) -> list[JudgementView]:
    """The audit trail, newest first: who decided what, when and why, and what was undone."""
    j = s.judgement
    left, right = s.record.alias("l"), s.record.alias("r")
    rows = conn.execute(
        select(j, left.c.full_name.label("left_name"), right.c.full_name.label("right_name"))
        .join(left, left.c.id == j.c.left_record_id)
        .join(right, right.c.id == j.c.right_record_id)
        .order_by(j.c.created_at.desc(), j.c.id.desc())
        .limit(limit)
    ).all()
    return [
        JudgementView(
            r.id, r.left_record_id, r.right_record_id, r.left_name, r.right_name, r.verdict,
            r.author, r.note, r.created_at, r.undone_at,
        )
        for r in rows
    ]  # fmt: skip
