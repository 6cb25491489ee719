"""Search latency and recall on 1,000,000 persons, against what a user would do instead.

    python -m bench.web              # or: make bench-web (builds bench/out/web1m.db once)

The database: the linkage benchmark's generated register of 1,000,000 records (russified
Cyrillic, clerks' drift, duplicates), imported by tagdyr's importer in ten parts, each record
its own person (no linkage: the search is what is measured). The queries: 300 entries of the
generated repatriation list (Latin renderings by English, Norwegian, German and French clerks,
a quarter in Kazakh Cyrillic, initials, typos, swapped order) whose man is in the register.

* tagdyr: `tagdyr.search.search`, the function behind the web UI's search box;
* baseline: what a database user types: `lower(full_name) LIKE '%word%'` for the query's
  longest word (SQL LIKE, as in most archive catalogues).

Reported: latency p50 / p95 / max (ms, warm, one process, SQLite) and recall@20 (the share of
queries whose man's record is among the first 20 results).
"""

from __future__ import annotations

import csv
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, Engine, func, insert, select, text

from bench.linkage.generate import generate
from tagdyr.search import search
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate

OUT = Path(__file__).resolve().parent.parent / "out"
DATA = OUT / "l1m"
DATABASE = OUT / "web1m.db"
PARTS = 10
QUERIES = 300


def _split(register: Path, parts: int) -> list[Path]:
    with register.open(encoding="utf-8") as handle:
        header = handle.readline()
        rows = handle.readlines()
    size = -(-len(rows) // parts)
    paths = []
    for n in range(parts):
        path = OUT / f"web-register-{n + 1}.csv"
        path.write_text(header + "".join(rows[n * size : (n + 1) * size]), encoding="utf-8")
        paths.append(path)
    return paths


def _singleton_persons(engine: Engine) -> None:
    now = datetime.now(UTC)
    with engine.begin() as conn:
        rows = conn.execute(select(s.record.c.id, s.record.c.full_name)).all()
        for start in range(0, len(rows), 50_000):
            chunk = rows[start : start + 50_000]
            conn.execute(insert(s.person), [
                {"id": rid, "uid": uuid.uuid4().hex[:12], "label": name,
                 "created_at": now, "updated_at": now} for rid, name in chunk
            ])  # fmt: skip
            conn.execute(
                insert(s.person_record), [{"record_id": rid, "person_id": rid} for rid, _ in chunk]
            )


def build() -> Engine:
    if not (DATA / "truth.csv").exists():
        generate(1_000_000, 10_000, DATA)
    engine = create_db_engine(f"sqlite:///{DATABASE}")
    if DATABASE.exists():
        return engine
    migrate(engine)
    started = time.perf_counter()
    for n, part in enumerate(_split(DATA / "register.csv", PARTS), start=1):
        source = SourceInfo(f"register-{n}", f"Generated register, part {n}", "bench", "register")
        import_table(engine, part, source)
        print(f"  imported part {n}/{PARTS} ({time.perf_counter() - started:.0f} s)", flush=True)
    _singleton_persons(engine)
    print(f"  built {DATABASE} in {time.perf_counter() - started:.0f} s", flush=True)
    return engine


def _queries(conn: Connection) -> list[tuple[str, set[int]]]:
    """(written name, ids of the man's register records) for list entries whose man is in it."""
    men: dict[str, str] = {}
    records_of: dict[str, list[str]] = defaultdict(list)
    with (DATA / "truth.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            men[row["id"]] = row["man"]
            if row["id"].startswith("R"):
                records_of[row["man"]].append(row["id"])
    entry_ids = dict(conn.execute(select(s.record.c.entry_id, s.record.c.id)).all())
    queries = []
    with (DATA / "list.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            wanted = {entry_ids[r] for r in records_of[men[row["id"]]] if r in entry_ids}
            if wanted:
                queries.append((row["full_name"], wanted))
    return list(islice(queries, QUERIES))


def _like(conn: Connection, query: str, limit: int = 20) -> list[int]:
    word = max(query.replace(".", " ").split(), key=len).lower()
    return list(
        conn.execute(
            select(s.record.c.id)
            .where(func.lower(s.record.c.full_name).like(f"%{word}%"))
            .limit(limit)
        ).scalars()
    )


def _measure(run: Callable[[str], list[int]], queries: list[tuple[str, set[int]]]) -> str:
    for query, _ in queries[:20]:
        run(query)  # warm caches
    times, found = [], 0
    for query, wanted in queries:
        start = time.perf_counter()
        ids = run(query)
        times.append((time.perf_counter() - start) * 1000)
        found += bool(wanted & set(ids[:20]))
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return (
        f"{statistics.median(times):.1f} | {p95:.1f} | {times[-1]:.1f} | {found / len(queries):.3f}"
    )


def main() -> None:
    engine = build()
    with engine.connect() as conn:
        conn.execute(text("PRAGMA cache_size = -200000"))
        persons = conn.execute(select(func.count()).select_from(s.person)).scalar_one()
        queries = _queries(conn)
        print(
            f"\nSearch on {persons:,} persons, {len(queries)} list names as queries\n\n"
            "| method | p50 ms | p95 ms | max ms | recall@20 |\n|---|---|---|---|---|"
        )
        tagdyr = _measure(lambda q: [h.record_id for h in search(conn, q, limit=20)], queries)
        print(f"| tagdyr search (names engine, any script) | {tagdyr} |", flush=True)
        like = _measure(lambda q: _like(conn, q), queries)
        print(f"| SQL LIKE on the longest word | {like} |", flush=True)


if __name__ == "__main__":
    main()
