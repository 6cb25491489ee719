"""A list entry's standing after a run, and the entries that may also be a person.

A list entry is one man, who is in the registers or not. After a run (:mod:`tagdyr.persons.linking`:
an entry's candidates compete, :mod:`tagdyr.link.exclusive`) each entry of a list is

- *matched*: joined to a candidate;
- *one of N candidates*: not joined, with N men it may be (his candidates in registers, files
  or texts, a register's duplicates of one man counted once by the persons they make); the
  pairs wait in the review queue;
- *not in the register*: no candidate at all.

A candidate's dossier says "possibly also: list entry …" for every entry whose pair with one
of its records is open (not joined, not judged).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, and_, or_, select

from tagdyr.link.within import LIST_REPEAT_SHARE
from tagdyr.persons.linking import latest_run_id, latest_verdicts
from tagdyr.store import schema as s

MATCHED, CANDIDATES, ABSENT = "matched", "candidates", "absent"


@dataclass(frozen=True, slots=True)
class Candidate:
    record_id: int
    full_name: str
    source_key: str
    probability: float
    person_uid: str | None
    person_label: str


@dataclass(frozen=True, slots=True)
class EntryStatus:
    """A list entry: matched, one of ``men`` candidates, or not in the register (absent)."""

    record_id: int
    state: str
    candidates: tuple[Candidate, ...]  # most probable first

    @property
    def men(self) -> int:
        """Its candidates' men: records of one person count once."""
        return len({c.person_uid or f"record-{c.record_id}" for c in self.candidates})


@dataclass(frozen=True, slots=True)
class PossibleEntry:
    """A list entry that may be this person, by an open pair with one of its records."""

    record_id: int
    entry_id: str
    full_name: str
    source_key: str
    source_title: str
    probability: float
    person_uid: str | None


def _is_list_entry(conn: Connection, record_id: int) -> bool:
    kind = conn.execute(
        select(s.source.c.kind)
        .join(s.record, s.record.c.source_id == s.source.c.id)
        .where(s.record.c.id == record_id)
    ).scalar()
    return kind in LIST_REPEAT_SHARE


def _person_of(conn: Connection, record_ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = conn.execute(
        select(s.person_record.c.record_id, s.person.c.uid, s.person.c.label)
        .join(s.person, s.person.c.id == s.person_record.c.person_id)
        .where(s.person_record.c.record_id.in_(record_ids))
    ).all()
    return {r.record_id: (r.uid, r.label) for r in rows}


def entry_status(conn: Connection, record_id: int) -> EntryStatus | None:
    """The standing of a list entry after the latest run; None for a record of no list."""
    run_id = latest_run_id(conn)
    if run_id is None or not _is_list_entry(conn, record_id):
        return None
    p, other, src = s.candidate_pair, s.record.alias("other"), s.source.alias("other_source")
    other_id = (p.c.left_record_id + p.c.right_record_id - record_id).label("other_id")
    rows = conn.execute(
        select(other_id, p.c.match_probability, p.c.is_match, other.c.full_name, src.c.key)
        .join(other, other.c.id == p.c.left_record_id + p.c.right_record_id - record_id)
        .join(src, src.c.id == other.c.source_id)
        .where(p.c.run_id == run_id)
        .where(or_(p.c.left_record_id == record_id, p.c.right_record_id == record_id))
        .where(src.c.kind.not_in(list(LIST_REPEAT_SHARE)))
        .order_by(p.c.match_probability.desc(), other_id)
    ).all()
    persons = _person_of(conn, [record_id, *(r.other_id for r in rows)])
    candidates = tuple(
        Candidate(
            r.other_id,
            r.full_name,
            r.key,
            r.match_probability,
            *persons.get(r.other_id, (None, "")),
        )
        for r in rows
    )
    own = persons.get(record_id, (None, ""))[0]
    joined = any(r.is_match for r in rows) or any(
        own is not None and c.person_uid == own for c in candidates
    )
    state = MATCHED if joined else CANDIDATES if candidates else ABSENT
    return EntryStatus(record_id, state, candidates)


def entry_statuses(conn: Connection, *record_ids: int) -> list[EntryStatus]:
    """The standing of those of ``record_ids`` that are list entries (a review page's pair)."""
    return [e for r in record_ids if (e := entry_status(conn, r)) is not None]


def possible_entries(conn: Connection, record_ids: list[int]) -> list[PossibleEntry]:
    """The list entries that may also be the person of ``record_ids`` (its records): an open
    pair of the latest run joins one of them to an entry of a list in another person."""
    run_id = latest_run_id(conn)
    if run_id is None or not record_ids:
        return []
    p, entry, src = s.candidate_pair, s.record.alias("entry"), s.source
    mine = set(record_ids)
    rows = conn.execute(
        select(
            entry.c.id,
            entry.c.entry_id,
            entry.c.full_name,
            src.c.key,
            src.c.title,
            p.c.match_probability,
            p.c.left_record_id,
            p.c.right_record_id,
        )
        .join(
            entry,
            or_(
                and_(p.c.left_record_id.in_(record_ids), entry.c.id == p.c.right_record_id),
                and_(p.c.right_record_id.in_(record_ids), entry.c.id == p.c.left_record_id),
            ),
        )
        .join(src, src.c.id == entry.c.source_id)
        .where(p.c.run_id == run_id, p.c.is_match.is_(False))
        .where(src.c.kind.in_(list(LIST_REPEAT_SHARE)))
        .order_by(p.c.match_probability.desc(), entry.c.id)
    ).all()
    judged = latest_verdicts(conn, {r.id for r in rows} | mine)
    persons = _person_of(conn, [r.id for r in rows] + record_ids)
    own = {persons[r][0] for r in record_ids if r in persons}
    found: dict[int, PossibleEntry] = {}
    for r in rows:
        uid = persons.get(r.id, (None, ""))[0]
        pair = frozenset((str(r.left_record_id), str(r.right_record_id)))
        if r.id in mine or uid in own or pair in judged or r.id in found:
            continue
        found[r.id] = PossibleEntry(
            r.id, r.entry_id, r.full_name, r.key, r.title, r.match_probability, uid
        )
    return list(found.values())
