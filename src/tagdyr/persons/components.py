"""The connected component of records a decision touches, so that it re-clusters only that.

Records are joined in a graph by the latest run's matched pairs and by "same" judgements (the
only things that put two records into one person). Clustering a component alone gives the
same persons as clustering everything (see :mod:`tagdyr.persons.cluster`), so a judgement
re-clusters the component(s) of its records and nothing else. The component also takes in
every record of a person it reaches, so a person is never rewritten in part.

On PostgreSQL the persons of the component are locked (``SELECT … FOR UPDATE``) until the
transaction ends, so decisions on other components run side by side; the component is found
again after each lock until it no longer grows (a concurrent decision may have extended it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, literal, select, union_all

from tagdyr.store import schema as s

_CHUNK = 500


def _chunks(items: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(items)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


_JUDGED = -1  # the run id a "same" judgement's row carries in the neighbour query


def _neighbours(conn: Connection, run_id: int | None, nodes: set[int]) -> set[int]:
    """Records joined to ``nodes`` by a matched pair of the run or an active "same": one
    query per chunk (every statement costs a round of SQLAlchemy's work, more than SQLite's)."""
    p, j = s.candidate_pair, s.judgement
    same = j.c.undone_at.is_(None) & (j.c.verdict == "same")
    judged, yes = literal(_JUDGED), literal(True)
    found: set[int] = set()
    for chunk in _chunks(nodes):
        parts = [
            select(j.c.right_record_id, judged, yes).where(same, j.c.left_record_id.in_(chunk)),
            select(j.c.left_record_id, judged, yes).where(same, j.c.right_record_id.in_(chunk)),
        ]
        if run_id is not None:  # by record only, so that the record indexes serve the query
            parts += [
                select(p.c.right_record_id, p.c.run_id, p.c.is_match).where(
                    p.c.left_record_id.in_(chunk)
                ),
                select(p.c.left_record_id, p.c.run_id, p.c.is_match).where(
                    p.c.right_record_id.in_(chunk)
                ),
            ]
        found.update(
            other
            for other, run, matched in conn.execute(union_all(*parts))
            if matched and run in (run_id, _JUDGED)
        )
    return found


def _person_ids(conn: Connection, records: set[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(records):
        found.update(conn.execute(
            select(s.person_record.c.person_id).where(s.person_record.c.record_id.in_(chunk))
        ).scalars())  # fmt: skip
    return found


def _records_of_persons_of(conn: Connection, records: set[int]) -> set[int]:
    """Every record of the persons ``records`` belong to."""
    mine, theirs = s.person_record.alias("mine"), s.person_record.alias("theirs")
    found: set[int] = set()
    for chunk in _chunks(records):
        found.update(conn.execute(
            select(theirs.c.record_id)
            .join(mine, mine.c.person_id == theirs.c.person_id)
            .where(mine.c.record_id.in_(chunk))
        ).scalars())  # fmt: skip
    return found


def component(conn: Connection, run_id: int | None, seeds: Iterable[int]) -> set[int]:
    """Every record connected to ``seeds``, with all records of the persons among them."""
    reached = set(seeds)
    frontier = set(reached)
    while frontier:
        while frontier:
            frontier = _neighbours(conn, run_id, frontier) - reached
            reached |= frontier
        frontier = _records_of_persons_of(conn, reached) - reached
        reached |= frontier
    return reached


def lock_component(conn: Connection, run_id: int | None, seeds: Iterable[int]) -> set[int]:
    """The component of ``seeds``, its persons locked for this transaction (PostgreSQL;
    SQLite has one writer at a time anyway)."""
    seeds = set(seeds)
    found = component(conn, run_id, seeds)
    if conn.dialect.name != "postgresql":
        return found
    locked: set[int] = set()
    while True:
        persons = _person_ids(conn, found) - locked
        if not persons:
            return found
        for chunk in _chunks(persons):
            conn.execute(
                select(s.person.c.id)
                .where(s.person.c.id.in_(chunk))
                .order_by(s.person.c.id)
                .with_for_update()
            ).all()
        locked |= persons
        found = component(conn, run_id, seeds | found)
