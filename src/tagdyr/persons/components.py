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
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, TextClause, bindparam, func, select, text

from tagdyr.store import schema as s


def latest_run() -> Select[Any]:
    """The newest finished linkage run's id: its pairs and the judgements make the persons."""
    return select(func.max(s.link_run.c.id)).where(s.link_run.c.finished_at.is_not(None))


@cache
def _latest_run_sql() -> str:
    """:func:`latest_run` as SQL inside the component statement (a judgement reads the run
    there, not in a round trip of its own; no run finishes meanwhile: storing one takes the
    write lock, which a judgement holds shared)."""
    return f"({latest_run()})"  # no bound values, nothing a dialect spells its own way


# What joins two records, as (the record reached, from where, the condition) with {c} for
# the record reached from and {run} for the run: a matched pair of the run (either way), an
# active "same" (either way) and one person (every record of a person it reaches: a person is
# never rewritten in part). Each arm is served by an index on the record it starts from.
_PAIR_ARMS = (
    ("p.right_record_id", "candidate_pair p", "p.left_record_id = {c} AND p.run_id = {run}"
     " AND p.is_match"),
    ("p.left_record_id", "candidate_pair p", "p.right_record_id = {c} AND p.run_id = {run}"
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


def _component_cte(dialect: str, run: str | None) -> str:
    """``WITH RECURSIVE comp(id)``: every record connected to the :seeds, found by the
    database in one statement; ``run``: the run whose matched pairs join (SQL), or None (no
    run yet). SQLite takes one recursive SELECT per arm; PostgreSQL allows one reference to
    the recursive table, so there the arms are a LATERAL union."""
    arms = (_PAIR_ARMS if run is not None else ()) + _OTHER_ARMS
    if dialect == "postgresql":
        union = " UNION ALL ".join(
            f"SELECT {column} AS id FROM {source} WHERE {where.format(c='comp.id', run=run)}"
            for column, source, where in arms
        )
        step = f"SELECT n.id FROM comp CROSS JOIN LATERAL ({union}) n"
    else:
        step = " UNION ".join(
            f"SELECT {column} FROM comp, {source} WHERE {where.format(c='comp.id', run=run)}"
            for column, source, where in arms
        )
    return f"WITH RECURSIVE comp(id) AS (SELECT id FROM record WHERE id IN :seeds UNION {step})"


def _statement(conn: Connection, run: str | None, lock: bool) -> TextClause:
    """The component query: its records ('r', id), the run it followed ('run', id: none
    without a run), and with ``lock`` (PostgreSQL) its persons ('p', id), locked FOR UPDATE
    in id order (no deadlock between two deciders), and ('stale', how many of them a
    transaction that committed after the statement began changed: their version as locked,
    the newest, differs from the version the statement read)."""
    cte = _component_cte(conn.dialect.name, run)
    sql = f"{cte} SELECT 'r', id FROM comp"
    if lock:
        persons = "SELECT person_id FROM person_record WHERE record_id IN (SELECT id FROM comp)"
        sql = (
            f"{cte}, locked AS (SELECT id, version FROM person WHERE id IN ({persons}) "
            f"ORDER BY id FOR UPDATE), seen AS (SELECT id, version FROM person WHERE id IN "
            f"({persons})) SELECT 'r', id FROM comp UNION ALL SELECT 'p', id FROM locked "
            "UNION ALL SELECT 'stale', COUNT(*) FROM seen FULL JOIN locked USING (id) "
            "WHERE seen.version IS DISTINCT FROM locked.version"
        )
    if run is not None:
        sql += f" UNION ALL SELECT 'run', {run}"
    return text(sql).bindparams(bindparam("seeds", expanding=True))


def _found(
    conn: Connection, run: str | None, seeds: set[int], lock: bool, **params: object
) -> tuple[set[int], set[int], int | None, bool]:
    """(records, locked persons, the run, whether a locked person had changed since the
    statement began: see :func:`_statement`) of the component of ``seeds``."""
    rows = conn.execute(_statement(conn, run, lock), {"seeds": sorted(seeds), **params}).all()
    found: dict[str, set[int]] = {"r": set(), "p": set(), "run": set(), "stale": set()}
    for kind, value in rows:
        if value is not None:
            found[kind].add(int(value))
    stale = bool(found["stale"] - {0})
    return found["r"], found["p"], next(iter(found["run"]), None), stale


def component(conn: Connection, run_id: int | None, seeds: Iterable[int]) -> set[int]:
    """Every record connected to ``seeds`` by ``run_id``'s matched pairs and the judgements,
    with all records of the persons among them."""
    run = ":run_id" if run_id is not None else None
    return _found(conn, run, set(seeds), lock=False, run_id=run_id)[0]


def lock_component(conn: Connection, seeds: Iterable[int]) -> tuple[int | None, set[int]]:
    """The latest finished run and the component of ``seeds`` it makes, the component's
    persons locked for this transaction (PostgreSQL; SQLite has one writer at a time anyway).

    The component is found again after each lock (a decision committed meanwhile may have
    grown it) until its persons were all locked before it was read, or none of them had
    changed since the statement that locked them began. The latter is enough: no run
    finishes meanwhile (see :func:`_latest_run_sql`), so only a decision can grow the
    component, by a "same" that joins one of its records to another person; the decision
    must leave the two in one person (or it is refused), so it moves records into or out of
    a person of the component, and every person whose records change gets a new version."""
    seeds = set(seeds)
    postgresql = conn.dialect.name == "postgresql"
    locked: set[int] = set()
    while True:
        run = _latest_run_sql()
        found, persons, run_id, stale = _found(conn, run, seeds, lock=postgresql)
        if not postgresql or not stale or persons <= locked:
            return run_id, found
        locked |= persons
        seeds |= found
