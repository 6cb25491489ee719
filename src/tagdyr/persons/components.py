"""The connected component of records a decision touches, so that it re-clusters only that.

Records are joined in a graph by the latest run's matched pairs and by "same" judgements (the
only things that put two records into one person). Clustering a component alone gives the
same persons as clustering everything (see :mod:`tagdyr.persons.cluster`), so a judgement
re-clusters the component(s) of its records and nothing else. The component also takes in
every record of a person it reaches, so a person is never rewritten in part.

The database finds the component in one recursive query (a judgement's time goes into round
trips, not into the few rows it reads). On PostgreSQL the same statement locks the component's
persons (``SELECT … FOR UPDATE``) until the transaction ends, so decisions on other components
run side by side; the component is found again after each lock until it no longer grows (a
concurrent decision may have extended it).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, TextClause, bindparam, text

# What joins two records, as (the record reached, from where, the condition) with {c} for
# the record reached from: a matched pair of the run (either way), an active "same" (either
# way) and one person (every record of a person it reaches: a person is never rewritten in
# part). Each arm is served by an index on the record it starts from.
_PAIR_ARMS = (
    ("p.right_record_id", "candidate_pair p", "p.left_record_id = {c} AND p.run_id = :run"
     " AND p.is_match"),
    ("p.left_record_id", "candidate_pair p", "p.right_record_id = {c} AND p.run_id = :run"
     " AND p.is_match"),
)  # fmt: skip
_OTHER_ARMS = (
    ("j.right_record_id", "judgement j", "j.left_record_id = {c} AND j.undone_at IS NULL"
     " AND j.verdict = 'same'"),
    ("j.left_record_id", "judgement j", "j.right_record_id = {c} AND j.undone_at IS NULL"
     " AND j.verdict = 'same'"),
    ("b.record_id", "person_record a JOIN person_record b ON b.person_id = a.person_id",
     "a.record_id = {c}"),
)  # fmt: skip


def _component_cte(dialect: str, with_pairs: bool) -> str:
    """``WITH RECURSIVE comp(id)``: every record connected to the :seeds, found by the
    database in one statement. SQLite takes one recursive SELECT per arm; PostgreSQL allows
    one reference to the recursive table, so there the arms are a LATERAL union."""
    arms = (_PAIR_ARMS if with_pairs else ()) + _OTHER_ARMS
    if dialect == "postgresql":
        union = " UNION ALL ".join(
            f"SELECT {column} AS id FROM {source} WHERE {where.format(c='comp.id')}"
            for column, source, where in arms
        )
        step = f"SELECT n.id FROM comp CROSS JOIN LATERAL ({union}) n"
    else:
        step = " UNION ".join(
            f"SELECT {column} FROM comp, {source} WHERE {where.format(c='comp.id')}"
            for column, source, where in arms
        )
    return f"WITH RECURSIVE comp(id) AS (SELECT id FROM record WHERE id IN :seeds UNION {step})"


def _statement(conn: Connection, run_id: int | None, lock: bool) -> TextClause:
    """The component query: its records ('r', id), and with ``lock`` (PostgreSQL) its persons
    ('p', id), locked FOR UPDATE in id order (no deadlock between two deciders)."""
    cte = _component_cte(conn.dialect.name, run_id is not None)
    if lock:
        sql = (
            f"{cte}, locked AS (SELECT id FROM person WHERE id IN (SELECT person_id FROM "
            "person_record WHERE record_id IN (SELECT id FROM comp)) ORDER BY id FOR UPDATE) "
            "SELECT 'r', id FROM comp UNION ALL SELECT 'p', id FROM locked"
        )
    else:
        sql = f"{cte} SELECT 'r', id FROM comp"
    statement = text(sql).bindparams(bindparam("seeds", expanding=True))
    return statement.bindparams(run=run_id) if run_id is not None else statement


def _found(
    conn: Connection, run_id: int | None, seeds: set[int], lock: bool
) -> tuple[set[int], set[int]]:
    rows = conn.execute(_statement(conn, run_id, lock), {"seeds": sorted(seeds)}).all()
    return {int(i) for k, i in rows if k == "r"}, {int(i) for k, i in rows if k == "p"}


def component(conn: Connection, run_id: int | None, seeds: Iterable[int]) -> set[int]:
    """Every record connected to ``seeds``, with all records of the persons among them."""
    return _found(conn, run_id, set(seeds), lock=False)[0]


def lock_component(conn: Connection, run_id: int | None, seeds: Iterable[int]) -> set[int]:
    """The component of ``seeds``, its persons locked for this transaction (PostgreSQL;
    SQLite has one writer at a time anyway). The component is found again after each lock
    (a decision committed meanwhile may have grown it) until its persons were all locked
    before it was read."""
    seeds = set(seeds)
    if conn.dialect.name != "postgresql":
        return component(conn, run_id, seeds)
    locked: set[int] = set()
    while True:
        found, persons = _found(conn, run_id, seeds, lock=True)
        if persons <= locked:
            return found
        locked |= persons
        seeds |= found
