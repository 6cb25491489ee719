"""Judgement latency on a linked database of 1,000,000 records: local against global
re-clustering.

    python -m bench.recluster                 # or: make bench-recluster
    python -m bench.recluster --records 100000 --postgresql

The database is built by bulk inserts (not the importer: its cost is not what is measured):
one register of N records, persons of one, two or three records joined by matched candidate
pairs of one linkage run (probability 0.95), and a non-matching pair (0.30) between
neighbouring persons, as a linked database looks after `tagdyr link`.

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
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, insert, text

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
        records = ({"id": i, "document_id": 1, "source_id": 1, "entry_id": str(i),
                    "row_number": i + 1, "location": f"bench.csv, row {i + 1}",
                    "verbatim": "{}", "full_name": f"Person {i}", "normalized": "{}"}
                   for i in range(1, n + 1))  # fmt: skip
        for batch in _batches(records):
            conn.execute(insert(s.record), batch)
        persons = ({"id": p, "uid": uuid.uuid4().hex[:12], "label": f"Person {g[0]}",
                    "created_at": now, "updated_at": now}
                   for p, g in enumerate(groups, start=1))  # fmt: skip
        for batch in _batches(persons):
            conn.execute(insert(s.person), batch)
        links = ({"record_id": r, "person_id": p}
                 for p, g in enumerate(groups, start=1) for r in g)  # fmt: skip
        for batch in _batches(links):
            conn.execute(insert(s.person_record), batch)
        conn.execute(insert(s.link_run), [{"id": 1, "started_at": now, "finished_at": now,
                     "engine": "duckdb", "model": "bench", "threshold": 0.9,
                     "pair_count": 0, "person_count": len(groups)}])  # fmt: skip
        for batch in _batches(_pairs(groups)):
            conn.execute(insert(s.candidate_pair), batch)
        if conn.dialect.name == "postgresql":
            for table in ("source", "document", "record", "person", "link_run"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT MAX(id) FROM {table}))"))  # fmt: skip
    return groups


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


def _time(engine: Engine, decisions: list[tuple[int, int, str]], judge: Judge,
          undo: Callable[[Engine, int, str], None]) -> list[float]:  # fmt: skip
    times = []
    for left, right, verdict in decisions:
        start = time.perf_counter()
        made = judge(engine, left, right, verdict, "bench")
        times.append((time.perf_counter() - start) * 1000)
        undo(engine, made, "bench")
    return times


def _row(backend: str, n: int, how: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"| {backend} | {n:,} | {how} | {len(times)} | {statistics.median(times):.1f} "
            f"| {p95:.1f} | {max(times):.1f} |")  # fmt: skip


def _local_judge(engine: Engine, left: int, right: int, verdict: str, author: str) -> int:
    return rv.judge(engine, left, right, verdict, author)


def measure(engine: Engine, backend: str, n: int, local: int, global_: int) -> list[str]:
    started = time.perf_counter()
    groups = build(engine, n)
    print(f"{backend}: built {n:,} records, {len(groups):,} persons in "
          f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    rows = [_row(backend, n, "local (now)",
                 _time(engine, _decisions(groups, local, 1), _local_judge, rv.undo))]  # fmt: skip
    print(rows[-1], flush=True)
    if global_:
        times = _time(engine, _decisions(groups, global_, 2), _global_judge, _global_undo)
        rows.append(_row(backend, n, "global (before)", times))
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.recluster", description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--judgements", type=int, default=200, help="local decisions timed")
    parser.add_argument("--global-judgements", type=int, default=6)
    parser.add_argument("--postgresql", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"recluster-{args.records}.db"
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    rows: list[str] = []
    if not args.no_sqlite:
        sqlite = create_db_engine(f"sqlite:///{path}")
        rows = measure(sqlite, "SQLite", args.records, args.judgements, args.global_judgements)
        sqlite.dispose()
    if args.postgresql or args.no_sqlite:
        from tests.pgserver import postgres_server

        with postgres_server() as url:
            rows += measure(create_db_engine(url), "PostgreSQL", args.records,
                            args.judgements, args.global_judgements)  # fmt: skip
    print("\n| database | records | re-clustering | judgements | p50 ms | p95 ms | max ms |")
    print("|---|---:|---|---:|---:|---:|---:|")
    print("\n".join(rows))
    for leftover in path.parent.glob(path.name + "*"):  # the database, its -wal and -shm
        leftover.unlink()
