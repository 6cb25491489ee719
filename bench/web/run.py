"""Search recall and latency on a generated register, against what a developer would build
instead.

    python -m bench.web                        # or: make bench-web (1,000,000 persons)
    python -m bench.web --size 100000          # a smaller register
    python -m bench.web --record "note"        # also append to bench/results/web.tsv
    python -m bench.web --postgres --size 1000000  # on PostgreSQL (bench/load's fast build)

The database: a register from the linkage benchmark's independent generator (bench.web.data;
russified Cyrillic, clerks' drift, duplicates), imported by tagdyr's importer in ten parts,
each record its own person (no linkage: the search is what is measured). The queries: 300
names of the generated lists whose man is in the register (Latin renderings by English,
British, German, French and Norwegian conventions, Russian and Kazakh Cyrillic, initials,
typos, OCR, either order). Two settings: *tuning* and *heldout* (another seed and noise
profile: never tune on it).

* tagdyr: `tagdyr.search.search`, the function behind the web UI's search box;
* SQLite FTS5 over anyascii-folded names, prefix terms, BM25 (bench.web.fts): the competent
  alternative;
* SQL LIKE of the query's longest word (the old baseline, kept to compare with old figures).

Reported: latency p50 / p95 / max (ms, warm, one process, SQLite) and recall@20 (the share of
queries with one of the man's records among the first 20 results). With ``--postgres`` the
register is stored as bench/load stores it (COPY, one person per record, the pg_dump cached
under bench/out/) on a throwaway PostgreSQL server: the deployed database, and a million
persons built in minutes instead of hours.
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, func, insert, select, text

from bench import results_log
from bench.web import fts
from bench.web.data import OUT, SETTINGS, dataset, queries
from tagdyr.search import search
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate

PARTS = 10
RESULTS = Path(__file__).resolve().parent.parent / "results" / "web.tsv"
MILLION = 1_000_000


def _database(setting: str, size: int) -> Path:
    if setting == "tuning" and size == MILLION:
        return OUT / "web1m.db"  # the name bench/load uses
    return OUT / f"web-{setting}-{size // 1000}k.db"


def _split(register: Path, parts: int, directory: Path) -> list[Path]:
    with register.open(encoding="utf-8") as handle:
        header = handle.readline()
        rows = handle.readlines()
    size = -(-len(rows) // parts)
    paths = []
    for n in range(parts):
        path = directory / f"register-part-{n + 1}.csv"
        path.write_text(header + "".join(rows[n * size : (n + 1) * size]), encoding="utf-8")
        paths.append(path)
    return paths


def _singleton_persons(engine: Engine) -> None:
    now = datetime.now(UTC)
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(s.person)).scalar_one():
            return  # the importer made each record its own person already
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


def build(setting: str = "tuning", size: int = MILLION) -> Engine:
    directory = dataset(setting, size)
    database = _database(setting, size)
    engine = create_db_engine(f"sqlite:///{database}")
    if database.exists():
        return engine
    migrate(engine)
    started = time.perf_counter()
    for n, part in enumerate(_split(directory / "register.csv", PARTS, directory), start=1):
        source = SourceInfo(f"register-{n}", f"Generated register, part {n}", "bench", "register")
        import_table(engine, part, source)
        print(f"  imported part {n}/{PARTS} ({time.perf_counter() - started:.0f} s)", flush=True)
    _singleton_persons(engine)
    print(f"  built {database} in {time.perf_counter() - started:.0f} s", flush=True)
    return engine


def _queries(
    conn: Connection, setting: str = "tuning", size: int = MILLION
) -> list[tuple[str, set[int]]]:
    """(written name, record ids of the man's register records) for list entries whose man
    is in the register."""
    record_ids = dict(conn.execute(select(s.record.c.entry_id, s.record.c.id)).all())
    return [
        (name, {record_ids[e] for e in wanted if e in record_ids})
        for name, wanted in queries(dataset(setting, size))
    ]


def _like(conn: Connection, query: str, limit: int = 20) -> list[int]:
    word = max(query.replace(".", " ").split(), key=len).lower()
    return list(
        conn.execute(
            select(s.record.c.id)
            .where(func.lower(s.record.c.full_name).like(f"%{word}%"))
            .limit(limit)
        ).scalars()
    )


def _measure(
    run: Callable[[str], list[int]], asked: list[tuple[str, set[int]]]
) -> tuple[float, float, float, float]:
    for query, _ in asked[:20]:
        run(query)  # warm caches
    times, found = [], 0
    for query, wanted in asked:
        start = time.perf_counter()
        ids = run(query)
        times.append((time.perf_counter() - start) * 1000)
        found += bool(wanted & set(ids[:20]))
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return statistics.median(times), p95, times[-1], found / len(asked)


def _record(rows: list[tuple[str, str, float]], note: str) -> None:
    results_log.append(RESULTS, results_log.with_note(rows, note))


@contextmanager
def _postgres(setting: str, size: int) -> Iterator[Engine]:
    """The register on a throwaway PostgreSQL server, stored as bench/load stores it."""
    from bench.load.run import load_database

    with load_database(dataset(setting, size)) as url:
        engine = create_db_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


@contextmanager
def _sqlite(setting: str, size: int) -> Iterator[Engine]:
    engine = build(setting, size)
    yield engine
    engine.dispose()


def run_setting(
    setting: str, size: int, like: bool = True, postgres: bool = False
) -> list[tuple[str, str, float]]:
    with (_postgres if postgres else _sqlite)(setting, size) as engine:
        return _run_on(engine, setting, size, like, postgres)


def _run_on(
    engine: Engine, setting: str, size: int, like: bool, postgres: bool
) -> list[tuple[str, str, float]]:
    directory = dataset(setting, size)
    index = fts.build(directory / "register.csv", directory / "fts.sqlite")
    label = f"{setting}-{size // 1000}k" + ("-pg" if postgres else "")
    rows = []
    with engine.connect() as conn:
        if not postgres:
            conn.execute(text("PRAGMA cache_size = -200000"))
        persons = conn.execute(select(func.count()).select_from(s.person)).scalar_one()
        asked = _queries(conn, setting, size)
        record_ids = dict(conn.execute(select(s.record.c.entry_id, s.record.c.id)).all())
        held = " (HELD OUT: never tune on it)" if setting == "heldout" else ""
        print(
            f"\n{label}{held}: search on {persons:,} persons, {len(asked)} list names as "
            "queries\n\n| method | p50 ms | p95 ms | max ms | recall@20 |\n|---|---|---|---|---|"
        )
        methods: dict[str, Callable[[str], list[int]]] = {
            "tagdyr search (names engine, any script)": lambda q: [
                h.record_id for h in search(conn, q, limit=20)
            ],
            "SQLite FTS5, anyascii-folded, prefix terms, BM25": lambda q: [
                record_ids[e] for e in fts.search(index, q)
            ],
            "SQL LIKE on the longest word (old baseline)": lambda q: _like(conn, q),
        }
        if not like:
            methods.popitem()
        for (title, method), key in zip(methods.items(), ("tagdyr", "fts5", "like"), strict=False):
            p50, p95, worst, recall = _measure(method, asked)
            print(f"| {title} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {recall:.3f} |", flush=True)
            rows += [(label, f"{key}:recall@20", recall), (label, f"{key}:p50_ms", p50),
                     (label, f"{key}:p95_ms", p95)]  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=MILLION)
    parser.add_argument("--only", choices=sorted(SETTINGS), action="append")
    parser.add_argument("--record", metavar="NOTE", help="append figures to bench/results/web.tsv")
    parser.add_argument("--no-like", action="store_true", help="skip the slow LIKE baseline")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="tagdyr's search on PostgreSQL (bench/load's build and dump)",
    )
    args = parser.parse_args()
    rows = []
    for setting in SETTINGS:
        if not args.only or setting in args.only:
            rows += run_setting(setting, args.size, like=not args.no_like, postgres=args.postgres)
    if args.record:
        _record(rows, args.record)


if __name__ == "__main__":
    main()
