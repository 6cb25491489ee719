"""Judgement latency on a linked database of 1,000,000 records: local against global
re-clustering.

    python -m bench.recluster                 # or: make bench-recluster (SQLite and PostgreSQL)
    python -m bench.recluster --records 100000 --no-postgresql

The database is built by bulk inserts (not the importer: its cost is not what is measured):
one register of N records, persons of one, two or three records joined by matched candidate
pairs of one linkage run (probability 0.95), and a non-matching pair (0.30) between
neighbouring persons, as a linked database looks after `tagdyr link`. It is built once per
size and kept under bench/out/ (a SQLite file copied for each run, a pg_dump restored into a
throwaway PostgreSQL server); ``--rebuild`` builds it again.

Measured: the wall time of `tagdyr.persons.review.judge` (one transaction: lock, judgement,
re-clustering, audit event, commit) for decisions that change persons — "not same" on a
matched pair (a split) and "same" on a non-matching one (a merge) — each undone after.

* local: tagdyr as it is: only the connected components the decision touches are re-clustered;
* global: the same judgement followed by re-clustering every current record (what every
  judgement did before), timed on fewer decisions (each takes seconds at 1M).
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import statistics
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, event, insert, text

from tagdyr.persons import review as rv
from tagdyr.persons.linking import recluster
from tagdyr.store import schema as s
from tagdyr.store.audit import log_event
from tagdyr.store.db import create_db_engine, lock_for_writing, migrate

OUT = Path(__file__).resolve().parent.parent / "out"
_BATCH = 20_000
_SIZES = (2, 1, 3, 2, 1, 2)  # records per person, repeating: 1.83 on average


def _batches(rows: Iterator[dict[str, object]]) -> Iterator[list[dict[str, object]]]:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _groups(n: int) -> list[list[int]]:
    """Record ids 1..n cut into persons of _SIZES records."""
    groups, start, k = [], 1, 0
    while start <= n:
        size = min(_SIZES[k % len(_SIZES)], n - start + 1)
        groups.append(list(range(start, start + size)))
        start, k = start + size, k + 1
    return groups


def _fill(conn: Connection, table: Table, rows: Iterator[dict[str, object]]) -> None:
    """Bulk rows into ``table``: COPY on PostgreSQL, batched inserts on SQLite."""
    if conn.dialect.name != "postgresql":
        for batch in _batches(rows):
            conn.execute(insert(table), batch)
        return
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    first = next(rows, None)
    if first is None:
        return
    columns = list(first)
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in itertools.chain([first], rows):
            copy.write_row([row[c] for c in columns])


def build(engine: Engine, n: int) -> list[list[int]]:
    """A linked database of ``n`` records; its persons' record ids."""
    migrate(engine)
    now = datetime.now(UTC)
    groups = _groups(n)
    with engine.begin() as conn:
        conn.execute(insert(s.source), [{"id": 1, "key": "bench", "title": "Bench register",
                     "citation": "generated", "kind": "register", "created_at": now}])  # fmt: skip
        conn.execute(insert(s.document), [{"id": 1, "source_id": 1, "filename": "bench.csv",
                     "sha256": "0" * 64, "version": 1, "is_current": True, "format": "csv",
                     "mapping": "{}", "row_count": n, "imported_at": now,
                     "imported_by": "bench"}])  # fmt: skip
        _fill(conn, s.record, ({"id": i, "document_id": 1, "source_id": 1, "entry_id": str(i),
                                "row_number": i + 1, "location": f"bench.csv, row {i + 1}",
                                "verbatim": "{}", "full_name": f"Person {i}", "normalized": "{}"}
                               for i in range(1, n + 1)))  # fmt: skip
        _fill(conn, s.person, ({"id": p, "uid": uuid.uuid4().hex[:12], "label": f"Person {g[0]}",
                                "version": 1, "created_at": now, "updated_at": now}
                               for p, g in enumerate(groups, start=1)))  # fmt: skip
        links = ({"record_id": r, "person_id": p} for p, g in enumerate(groups, start=1) for r in g)
        _fill(conn, s.person_record, links)
        conn.execute(insert(s.link_run), [{"id": 1, "started_at": now, "finished_at": now,
                     "engine": "duckdb", "model": "bench", "threshold": 0.9,
                     "pair_count": 0, "person_count": len(groups)}])  # fmt: skip
        _fill(conn, s.candidate_pair, _pairs(groups))
        if conn.dialect.name == "postgresql":
            for table in ("source", "document", "record", "person", "link_run"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT MAX(id) FROM {table}))"))  # fmt: skip
    return groups


def _pg(tool: str, url: str, *args: str) -> None:
    from tests.pgserver import _bindir

    address = url.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run([str(_bindir() / tool), "--dbname", address, *args], check=True)


def _sqlite_database(n: int, rebuild: bool) -> Engine:
    """A copy of the cached SQLite database of ``n`` records (built first when missing)."""
    template, work = OUT / f"recluster-{n}.template.db", OUT / f"recluster-{n}.db"
    if rebuild or not template.exists():
        part = template.with_suffix(".part")
        for leftover in OUT.glob(part.name + "*"):
            leftover.unlink()
        engine = create_db_engine(f"sqlite:///{part}")
        build(engine, n)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        part.rename(template)
    for leftover in OUT.glob(work.name + "*"):
        leftover.unlink()
    shutil.copyfile(template, work)
    return create_db_engine(f"sqlite:///{work}")


def _postgresql_database(url: str, n: int, rebuild: bool) -> Engine:
    """The cached PostgreSQL database of ``n`` records restored into the empty ``url`` (built
    and dumped first when missing); analysed, as a database in use is."""
    engine = create_db_engine(url)
    dump = OUT / f"recluster-{n}.pgdump"
    if rebuild or not dump.exists():
        build(engine, n)
        _pg("pg_dump", url, "--format", "custom", "--file", str(dump.with_suffix(".part")))
        dump.with_suffix(".part").rename(dump)
    else:
        _pg("pg_restore", url, "--no-owner", "--jobs", "2", str(dump))
        migrate(engine)  # a dump made before a newer migration gets it
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    return engine


def _pairs(groups: list[list[int]]) -> Iterator[dict[str, object]]:
    def pair(left: int, right: int, p: float) -> dict[str, object]:
        return {"run_id": 1, "left_record_id": left, "right_record_id": right,
                "match_probability": p, "match_weight": 0.0, "is_match": p >= 0.9,
                "evidence": "[]"}  # fmt: skip

    for k, group in enumerate(groups):
        for left, right in itertools.pairwise(group):
            yield pair(left, right, 0.95)
        if k + 1 < len(groups):
            yield pair(group[-1], groups[k + 1][0], 0.30)


def _global_judge(engine: Engine, left: int, right: int, verdict: str, author: str) -> int:
    """A judgement as every judgement was made before: the whole graph re-clustered under
    the one write lock."""
    with engine.begin() as conn:
        lock_for_writing(conn)
        made = rv._insert_judgement(conn, left, right, verdict, author, "")
        changed = recluster(conn).changed_uids
        log_event(conn, author, "judge", f"records {left} and {right} judged {verdict!r}",
                  {"judgements": [made], "active": True}, changed)  # fmt: skip
    return made


def _global_undo(engine: Engine, judgement: int, author: str) -> None:
    with engine.begin() as conn:
        lock_for_writing(conn)
        conn.execute(s.judgement.update().where(s.judgement.c.id == judgement)
                     .values(undone_at=datetime.now(UTC)))  # fmt: skip
        recluster(conn)


Judge = Callable[[Engine, int, int, str, str], int]


def _decisions(groups: list[list[int]], count: int, seed: int) -> list[tuple[int, int, str]]:
    rng = random.Random(seed)
    chosen: list[tuple[int, int, str]] = []
    while len(chosen) < count:
        k = rng.randrange(len(groups) - 1)
        group = groups[k]
        if len(chosen) % 2 == 0 and len(group) > 1:
            chosen.append((group[0], group[1], "not_same"))
        elif len(chosen) % 2 == 1:
            chosen.append((group[-1], groups[k + 1][0], "same"))
    return chosen


class _Statements:
    """Counts the SQL statements sent through an engine while ``on``, and their time in the
    driver (from sending to the result)."""

    def __init__(self, engine: Engine) -> None:
        self.on, self.count, self.ms, self._started = False, 0, 0.0, 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_: object) -> None:
        self._started = time.perf_counter()

    def _after(self, *_: object) -> None:
        if self.on:
            self.count += 1
            self.ms += (time.perf_counter() - self._started) * 1000


def _timed(statements: _Statements, times: list[float], call: Callable[..., int | None],
           *args: object) -> int:  # fmt: skip
    statements.on, start = True, time.perf_counter()
    made = call(*args)
    times.append((time.perf_counter() - start) * 1000)
    statements.on = False
    return made or 0


def _time(
    engine: Engine,
    decisions: list[tuple[int, int, str]],
    judge: Judge,
    undo: Callable[[Engine, int, str], None],
) -> dict[str, tuple[list[float], _Statements]]:
    """The decisions' times, and their undos' (each undone after), with their statements."""
    found = {what: ([], _Statements(engine)) for what in ("judge", "undo")}
    for left, right, verdict in decisions:
        made = _timed(found["judge"][1], found["judge"][0], judge, engine, left, right, verdict,
                      "bench")  # fmt: skip
        _timed(found["undo"][1], found["undo"][0], undo, engine, made, "bench")
    for _, statements in found.values():
        event.remove(engine, "before_cursor_execute", statements._before)
        event.remove(engine, "after_cursor_execute", statements._after)
    return found  # fmt: skip


def _row(backend: str, n: int, how: str, timed: tuple[list[float], _Statements]) -> str:
    times, statements = timed
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"| {backend} | {n:,} | {how} | {len(times)} | {statistics.median(times):.1f} "
            f"| {p95:.1f} | {max(times):.1f} | {statements.count / len(times):.1f} "
            f"| {statements.ms / len(times):.1f} |")  # fmt: skip


def _local_judge(engine: Engine, left: int, right: int, verdict: str, author: str) -> int:
    return rv.judge(engine, left, right, verdict, author)


def measure(engine: Engine, backend: str, n: int, local: int, global_: int) -> list[str]:
    groups = _groups(n)
    local_ = _time(engine, _decisions(groups, local, 1), _local_judge, rv.undo)
    rows = [_row(backend, n, "local (now)", local_["judge"]),
            _row(backend, n, "local (now): its undo", local_["undo"])]  # fmt: skip
    print("\n".join(rows), flush=True)
    if global_:
        timed = _time(engine, _decisions(groups, global_, 2), _global_judge, _global_undo)
        rows.append(_row(backend, n, "global (before)", timed["judge"]))
        print(rows[-1], flush=True)
    return rows


def _prepared(backend: str, make: Callable[[], Engine]) -> Engine:
    started = time.perf_counter()
    engine = make()
    print(f"{backend}: database ready in {time.perf_counter() - started:.0f} s", flush=True)
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.recluster", description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--judgements", type=int, default=200, help="local decisions timed")
    parser.add_argument("--global-judgements", type=int, default=0)
    parser.add_argument("--no-postgresql", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--rebuild", action="store_true", help="build the cached databases again")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    n, rows = args.records, []
    if not args.no_sqlite:
        sqlite = _prepared("SQLite", lambda: _sqlite_database(n, args.rebuild))
        rows = measure(sqlite, "SQLite", n, args.judgements, args.global_judgements)
        sqlite.dispose()
        for leftover in OUT.glob(f"recluster-{n}.db*"):  # the copy, its -wal and -shm
            leftover.unlink()
    if not args.no_postgresql:
        from tests.pgserver import postgres_server

        with postgres_server() as url:
            engine = _prepared("PostgreSQL", lambda: _postgresql_database(url, n, args.rebuild))
            rows += measure(engine, "PostgreSQL", n, args.judgements, args.global_judgements)
            engine.dispose()
    print(
        "\n| database | records | re-clustering | judgements | p50 ms | p95 ms | max ms "
        "| statements each | ms in the driver each |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")  # fmt: skip
    print("\n".join(rows))
