"""Load test on loopback: `tagdyr serve` as deployed, measured from outside.

    python -m bench.load            # or: make bench-load  (READ_SECONDS=60 by default)

1. Readers: 50 concurrent clients for READ_SECONDS against `tagdyr serve --workers 3` on
   PostgreSQL holding PERSONS persons (default 1,000,000: the linkage benchmark's generated
   register, imported as ten lists of PERSONS/10 entries, each record its own person), half
   search pages (list names in Latin and Kazakh Cyrillic), half dossier pages of random persons
   (each dossier shows the persons of the same list: a list of 100,000 entries). The search
   rate limit is off (all clients share one address).
2. Editors: 5 editors reviewing at once (log in, open the queue, judge with the page's person
   versions) while 20 readers browse, against `tagdyr serve --workers 3` on PostgreSQL with the
   demo database; a stale page is refused with 409 and counts as refused, not as an error.

Reported: requests, throughput, latency p50 / p95 / max and errors (a 5xx, a refused
connection, or any status but the expected ones). Clients and server share the 2 cores.
"""

from __future__ import annotations

import asyncio
import csv
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict

import httpx
from sqlalchemy import select, text
from tests.pgserver import postgres_server
from tests.serving import tagdyr_server
from tests.web import PASSWORD, judgement_form, login_form

from bench.linkage.generate import generate
from bench.web.run import OUT, PARTS, _singleton_persons, _split
from tagdyr import accounts
from tagdyr.demo.build import build_demo
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store.db import create_db_engine, migrate

READERS = 50
PERSONS = int(os.environ.get("PERSONS", "1000000"))
READ_WORKERS = 3
EDITORS = 5
READ_SECONDS = float(os.environ.get("READ_SECONDS", "60"))
DECISIONS = 15  # per editor
Samples = dict[str, list[tuple[float, int]]]


async def _reader(client: httpx.AsyncClient, queries: list[str], uids: list[str],
                  until: float, samples: Samples, rng: random.Random) -> None:  # fmt: skip
    while time.monotonic() < until:
        if rng.random() < 0.5:
            kind, url = "search", "/search?" + httpx.QueryParams(q=rng.choice(queries)).__str__()
        else:
            kind, url = "dossier", f"/person/{rng.choice(uids)}"
        started = time.perf_counter()
        try:
            status = (await client.get(url)).status_code
        except httpx.HTTPError:
            status = 0
        samples[kind].append((time.perf_counter() - started, status))


async def _editor(base: str, username: str, samples: Samples) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await client.post("/login", data=login_form((await client.get("/login")).text, username))
        for n in range(DECISIONS):
            verdict = ("same", "not_same", "unsure")[n % 3]
            form = judgement_form((await client.get("/review")).text, verdict)
            if form is None:
                return
            started = time.perf_counter()
            try:
                status = (await client.post("/review/judge", data=form)).status_code
            except httpx.HTTPError:
                status = 0
            samples["judge"].append((time.perf_counter() - started, status))


async def _readers(base: str, queries: list[str], uids: list[str], seconds: float,
                   count: int, samples: Samples) -> float:  # fmt: skip
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(
            _reader(client, queries, uids, until, samples, random.Random(n)) for n in range(count)
        ))  # fmt: skip
        return time.monotonic() - started


def _row(name: str, samples: list[tuple[float, int]], seconds: float, ok: set[int]) -> str:
    times = sorted(t * 1000 for t, _ in samples)
    bad = Counter(status for _, status in samples if status not in ok)
    errors = f"{sum(bad.values())}" + (
        f" ({', '.join(f'{n}×{s}' for s, n in sorted(bad.items()))})" if bad else ""
    )
    refused = sum(1 for _, status in samples if status == 409)
    p95 = times[int(0.95 * (len(times) - 1))] if times else 0.0
    return (f"| {name} | {len(samples):,} | {len(samples) / seconds:.1f} | "
            f"{statistics.median(times) if times else 0:.0f} | {p95:.0f} | "
            f"{max(times, default=0):.0f} | {refused} | {errors} |")  # fmt: skip


def _build_readers(url: str) -> tuple[list[str], list[str], int]:
    """The readers' database on PostgreSQL: (queries, dossier uids, persons)."""
    data = OUT / f"load-{PERSONS}"
    if not (data / "truth.csv").exists():
        generate(PERSONS, max(PERSONS // 100, 300), data)
    engine = create_db_engine(url)
    migrate(engine)
    started = time.perf_counter()
    for n, part in enumerate(_split(data / "register.csv", PARTS), start=1):
        import_table(engine, part, SourceInfo(f"list-{n}", f"Generated list, part {n}", "bench"))
        print(f"  imported part {n}/{PARTS} ({time.perf_counter() - started:.0f} s)", flush=True)
    _singleton_persons(engine)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    with engine.connect() as conn:
        uids = list(conn.execute(text("SELECT uid FROM person ORDER BY random() LIMIT 5000"))
                    .scalars())  # fmt: skip
        persons = conn.execute(text("SELECT count(*) FROM person")).scalar_one()
    engine.dispose()
    with (data / "list.csv").open(encoding="utf-8") as handle:
        queries = [row["full_name"] for row in csv.DictReader(handle)][:300]
    print(f"  built {persons:,} persons in {time.perf_counter() - started:.0f} s", flush=True)
    return queries, uids, persons


def _read_phase() -> list[str]:
    with postgres_server() as server_url:
        url = _database(server_url, "load_readers")
        queries, uids, persons = _build_readers(url)
        samples: Samples = defaultdict(list)
        with tagdyr_server(url, workers=READ_WORKERS, search_rate_per_minute="0") as base:
            asyncio.run(_readers(base, queries, uids, 5, 10, defaultdict(list)))  # warm up
            seconds = asyncio.run(_readers(base, queries, uids, READ_SECONDS, READERS, samples))
    ok = {200}
    return [
        f"Readers: {READERS} clients for {seconds:.0f} s, `tagdyr serve --workers "
        f"{READ_WORKERS}`, PostgreSQL, {persons:,} persons in {PARTS} lists",
        "",
        "| requests | n | per s | p50 ms | p95 ms | max ms | refused (409) | errors |",
        "|---|---|---|---|---|---|---|---|",
        _row("search page", samples["search"], seconds, ok),
        _row("dossier page", samples["dossier"], seconds, ok),
        _row("all", samples["search"] + samples["dossier"], seconds, ok),
    ]


def _database(server_url: str, name: str) -> str:
    admin = create_db_engine(server_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _edit_phase() -> list[str]:
    with postgres_server() as server_url:
        url = _database(server_url, "load_demo")
        engine = create_db_engine(url)
        build_demo(engine, threshold=0.9, floor=0.01)
        for n in range(EDITORS):
            accounts.create_user(engine, f"editor{n}", PASSWORD, "editor", actor="bench")
        with engine.connect() as conn:
            uids = list(conn.execute(text("SELECT uid FROM person")).scalars())
            names = list(conn.execute(select(text("full_name")).select_from(text("record")))
                         .scalars())[:300]  # fmt: skip
        samples: Samples = defaultdict(list)
        with tagdyr_server(url, workers=3, search_rate_per_minute="0") as base:

            async def together() -> float:
                started = time.monotonic()
                editors = asyncio.gather(*(_editor(base, f"editor{n}", samples)
                                           for n in range(EDITORS)))  # fmt: skip
                readers = _readers(base, names, uids, 30, 20, samples)
                await asyncio.gather(editors, readers)
                return time.monotonic() - started

            seconds = asyncio.run(together())
        judged = engine.connect().execute(text("SELECT count(*) FROM judgement")).scalar_one()
        engine.dispose()
    stored = sum(1 for _, status in samples["judge"] if status == 303)
    return [
        f"Editors: {EDITORS} reviewing at once (up to {DECISIONS} decisions each) with 20 "
        f"readers, {seconds:.0f} s, `tagdyr serve --workers 3`, PostgreSQL, demo database; "
        f"{stored} decisions stored, {judged} judgements in the database",
        "",
        "| requests | n | per s | p50 ms | p95 ms | max ms | refused (409) | errors |",
        "|---|---|---|---|---|---|---|---|",
        _row("judge (POST, re-cluster)", samples["judge"], seconds, {303, 409}),
        _row("search page", samples["search"], seconds, {200}),
        _row("dossier page", samples["dossier"], seconds, {200, 301}),  # 301: merged away
    ]


def main() -> None:
    phases = sys.argv[1:] or ["read", "edit"]
    lines = [*(_read_phase() if "read" in phases else []), "",
             *(_edit_phase() if "edit" in phases else [])]  # fmt: skip
    report = "\n".join(lines)
    print(report)
    (OUT / "load.md").write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
