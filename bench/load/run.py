"""Load test on loopback: `tagdyr serve` as deployed, measured from outside.

    python -m bench.load                 # or: make bench-load (both phases, 1,000,000 persons)
    PERSONS=100000 python -m bench.load read
    python -m bench.load build           # only build and cache the database
    python -m bench.load --record "note" # also append the figures to bench/results/load.tsv
    python -m bench.load hold            # build or restore, then keep the server: it prints
    LOAD_URL=… python -m bench.load read # a LOAD_URL that later runs (and bench.web) reuse

The database: PERSONS persons (default 1,000,000) on a throwaway PostgreSQL server: the web
benchmark's generated register (bench/web/data.py; SETTING=tuning, or heldout: another seed
and noise profile, never tuned on), read by tagdyr's importer code and stored by COPY as ten
lists of PERSONS/10 entries, each record its own person (bench/load/store.py; the built
database is kept as a pg_dump under bench/out/, so reruns restore it).

1. Readers: 50 concurrent clients for READ_SECONDS against `tagdyr serve --workers 3`, half
   search pages (names as the generated lists write them, Latin and Cyrillic), half dossier
   pages of random persons (each dossier shows the persons of the same list, of PERSONS/10).
   The search rate limit is off (all clients share one address).
2. Editors: 5 editors reviewing at once on the same database (log in, open the queue, judge
   the pair shown with the page's versions; all five are shown the same most uncertain pair,
   so they collide) while 20 readers browse. The review queue: candidate pairs made from the
   generator's truth (no linkage run on a million records). Afterwards the judgement table is
   compared with what each editor's client believes it did: nothing lost, nothing doubled,
   every decision's records joined or apart as judged. A stale page's 409 is counted, not an
   error.

Reported: requests, throughput, latency p50 / p95 / max as the clients saw it, and the
server's own time (its Server-Timing header: `app` inside the app, `db` in statements) p50 /
p95; errors (a 5xx, a refused connection, or any status but the expected ones). Clients and
server share the machine's 2 cores; the load average is printed with the table.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, text
from tests.pgserver import postgres_server
from tests.serving import tagdyr_server
from tests.web import PASSWORD, judgement_form, login_form

from bench.load import editing
from bench.load.store import PARTS, database
from bench.web.data import dataset, queries
from tagdyr.store.db import create_db_engine

READERS = 50
PERSONS = int(os.environ.get("PERSONS", "1000000"))
SETTING = os.environ.get("SETTING", "tuning")
WORKERS = int(os.environ.get("WORKERS", "3"))
EDITORS = 5
READ_SECONDS = float(os.environ.get("READ_SECONDS", "60"))
DECISIONS = 15  # per editor
RESULTS = Path(__file__).resolve().parent.parent / "results" / "load.tsv"
# a server for a million persons: the indexes in memory (the default is 128 MB); no JIT (a
# search's misestimated aggregate made it compile for 30 ms a query that runs in less)
PG_SETTINGS = {"shared_buffers": "1GB", "effective_cache_size": "4GB", "work_mem": "16MB",
               "max_connections": "200", "jit": "off"}  # fmt: skip
_TIMING = re.compile(r"(app|db);dur=([\d.]+)")


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float
    status: int
    app_ms: float | None = None  # the server's Server-Timing
    db_ms: float | None = None


Samples = dict[str, list[Sample]]


def _sample(started: float, response: httpx.Response | None) -> Sample:
    seconds = time.perf_counter() - started
    if response is None:
        return Sample(seconds, 0)
    timing = dict(_TIMING.findall(response.headers.get("server-timing", "")))
    app, db = timing.get("app"), timing.get("db")
    return Sample(seconds, response.status_code, float(app) if app else None,
                  float(db) if db else None)  # fmt: skip


async def _get(client: httpx.AsyncClient, url: str) -> Sample:
    started = time.perf_counter()
    try:
        return _sample(started, await client.get(url))
    except httpx.HTTPError:
        return _sample(started, None)


async def _reader(client: httpx.AsyncClient, names: list[str], uids: list[str],
                  until: float, samples: Samples, rng: random.Random) -> None:  # fmt: skip
    while time.monotonic() < until:
        if rng.random() < 0.5:
            kind, url = "search", "/search?" + str(httpx.QueryParams(q=rng.choice(names)))
        else:
            kind, url = "dossier", f"/person/{rng.choice(uids)}"
        samples[kind].append(await _get(client, url))


async def _readers(base: str, names: list[str], uids: list[str], seconds: float,
                   count: int, samples: Samples) -> float:  # fmt: skip
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(
            _reader(client, names, uids, until, samples, random.Random(n)) for n in range(count)
        ))  # fmt: skip
        return time.monotonic() - started


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else 0.0


def _figures(samples: list[Sample], seconds: float, ok: set[int]) -> dict[str, float]:
    times = [x.seconds * 1000 for x in samples]
    app = [x.app_ms for x in samples if x.app_ms is not None]
    db = [x.db_ms for x in samples if x.db_ms is not None]
    return {
        "n": len(samples), "per_s": len(samples) / seconds,
        "p50_ms": statistics.median(times) if times else 0.0, "p95_ms": _p(times, 0.95),
        "max_ms": max(times, default=0.0), "app_p50_ms": _p(app, 0.5),
        "app_p95_ms": _p(app, 0.95), "db_p50_ms": _p(db, 0.5), "db_p95_ms": _p(db, 0.95),
        "refused_409": sum(1 for x in samples if x.status == 409),
        "errors": sum(1 for x in samples if x.status not in ok),
    }  # fmt: skip


def _row(name: str, samples: list[Sample], seconds: float, ok: set[int]) -> str:
    f = _figures(samples, seconds, ok)
    bad = Counter(x.status for x in samples if x.status not in ok)
    errors = f"{f['errors']:.0f}" + (
        f" ({', '.join(f'{n}×{s}' for s, n in sorted(bad.items()))})" if bad else ""
    )
    return (f"| {name} | {f['n']:,.0f} | {f['per_s']:.1f} | {f['p50_ms']:.0f} | "
            f"{f['p95_ms']:.0f} | {f['max_ms']:.0f} | {f['app_p50_ms']:.0f} | "
            f"{f['app_p95_ms']:.0f} | {f['db_p50_ms']:.0f} | {f['db_p95_ms']:.0f} | "
            f"{f['refused_409']:.0f} | {errors} |")  # fmt: skip


HEADER = [
    "| requests | n | per s | p50 ms | p95 ms | max ms | server p50 | server p95 | db p50 "
    "| db p95 | refused (409) | errors |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, cwd=RESULTS.parent)  # fmt: skip
    return done.stdout.strip() or "unknown"


def record(rows: list[tuple[str, dict[str, float]]], note: str) -> None:
    """Append the figures to bench/results/load.tsv, the load average in the note."""
    today, commit = datetime.now(UTC).date().isoformat(), _commit()
    with RESULTS.open("a", encoding="utf-8") as handle:
        for name, figures in rows:
            for metric in ("p50_ms", "p95_ms", "app_p95_ms", "db_p95_ms", "per_s", "errors"):
                handle.write(f"{today}\t{commit}\t{name}\t{metric}\t{figures[metric]:.1f}\t"
                             f"{note}; load average {load_average()}\n")  # fmt: skip


def _sample_of(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text(
            "SELECT uid FROM person TABLESAMPLE SYSTEM (1) REPEATABLE (1945) LIMIT 5000"
        )).scalars())  # fmt: skip


def _read_phase(url: str, names: list[str], uids: list[str]) -> tuple[list[str], list[Any]]:
    samples: Samples = defaultdict(list)
    with tagdyr_server(url, workers=WORKERS, search_rate_per_minute="0") as base:
        asyncio.run(_readers(base, names, uids, 10, 10, defaultdict(list)))  # warm up
        load = load_average()
        seconds = asyncio.run(_readers(base, names, uids, READ_SECONDS, READERS, samples))
        load = f"{load} before, {load_average()} after"
    ok = {200}
    both = samples["search"] + samples["dossier"]
    title = (f"Readers: {READERS} clients for {seconds:.0f} s, `tagdyr serve --workers "
             f"{WORKERS}`, PostgreSQL, {PERSONS:,} persons ({SETTING}) in {PARTS} lists; "
             f"load average {load}")  # fmt: skip
    lines = [
        title,
        "",
        *HEADER,
        _row("search page", samples["search"], seconds, ok),
        _row("dossier page", samples["dossier"], seconds, ok),
        _row("all", both, seconds, ok),
    ]
    tag = f"readers {SETTING} PERSONS={PERSONS} PG workers={WORKERS}"
    figures = [(f"{tag} ({kind})", _figures(samples[kind], seconds, ok))
               for kind in ("search", "dossier")]  # fmt: skip
    return lines, figures


async def _editor(base: str, username: str, samples: Samples, log: list[editing.Believed]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await client.post("/login", data=login_form((await client.get("/login")).text, username))
        for n in range(DECISIONS):
            verdict = ("same", "not_same", "unsure")[(n + len(username)) % 3]
            form = judgement_form((await client.get("/review")).text, verdict)
            if form is None:
                return
            started = time.perf_counter()
            try:
                response: httpx.Response | None = await client.post("/review/judge", data=form)
            except httpx.HTTPError:
                response = None
            samples["judge"].append(_sample(started, response))
            log.append(editing.believed(username, form, response))


def _edit_phase(url: str, names: list[str], uids: list[str],
                truth: Path) -> tuple[list[str], list[Any]]:  # fmt: skip
    engine = create_db_engine(url)
    editing.prepare(engine, EDITORS, PASSWORD, truth)
    samples: Samples = defaultdict(list)
    log: list[editing.Believed] = []
    with tagdyr_server(url, workers=WORKERS, search_rate_per_minute="0") as base:

        async def together() -> float:
            started = time.monotonic()
            editors = asyncio.gather(*(_editor(base, f"editor{n}", samples, log)
                                       for n in range(EDITORS)))  # fmt: skip
            await asyncio.gather(editors, _readers(base, names, uids, 30, 20, samples))
            return time.monotonic() - started

        load = load_average()
        seconds = asyncio.run(together())
    checks = editing.check(engine, log)
    engine.dispose()
    title = (f"Editors: {EDITORS} reviewing at once (up to {DECISIONS} decisions each) with 20 "
             f"readers, {seconds:.0f} s, `tagdyr serve --workers {WORKERS}`, PostgreSQL, "
             f"{PERSONS:,} persons; load average {load} before, "
             f"{load_average()} after")  # fmt: skip
    lines = [title, "", *HEADER,
             _row("judge (POST, re-cluster)", samples["judge"], seconds, {303, 409}),
             _row("search page", samples["search"], seconds, {200}),
             _row("dossier page", samples["dossier"], seconds, {200, 301}),  # 301: merged away
             "", *editing.table(checks)]  # fmt: skip
    tag = f"editors {SETTING} PERSONS={PERSONS} PG workers={WORKERS}"
    return lines, [(f"{tag} (judge)", _figures(samples["judge"], seconds, {303, 409}))]


@contextmanager
def load_database(directory: Path) -> Iterator[str]:
    """The URL of the load database: ``LOAD_URL`` as it is (a database built before, by
    ``hold``), else restored or built on a throwaway server stopped afterwards."""
    if os.environ.get("LOAD_URL"):
        yield os.environ["LOAD_URL"]
        return
    with postgres_server(PG_SETTINGS) as server_url:
        url = server_url.rsplit("/", 1)[0] + "/load"
        admin = create_db_engine(server_url)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("CREATE DATABASE load"))
        admin.dispose()
        database(url, directory / "register.csv", directory)
        yield url


def _hold(url: str) -> None:
    """Keep the server (and its database) until interrupted or terminated: the runs that
    follow reuse it with ``LOAD_URL``; the server stops when this process does."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"LOAD_URL={url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sys.exit(0)


def main() -> None:
    args = sys.argv[1:]
    note = args[args.index("--record") + 1] if "--record" in args else None
    phases = [a for a in args if a in ("read", "edit")]
    if not phases and not {"build", "hold"} & set(args):  # only build (and cache), or hold
        phases = ["read", "edit"]
    directory = dataset(SETTING, PERSONS)
    names = [name for name, _ in queries(directory)]
    lines: list[str] = []
    figures: list[Any] = []
    with load_database(directory) as url:
        if "hold" in args:
            _hold(url)
        engine = create_db_engine(url)
        uids = _sample_of(engine)
        engine.dispose()
        for phase in phases:
            said, found = (
                _read_phase(url, names, uids)
                if phase == "read"
                else _edit_phase(url, names, uids, directory / "truth.csv")
            )
            print("\n".join(said), "\n", flush=True)
            lines += [*said, ""]
            figures += found
    report = "\n".join(lines)
    (directory.parent / "load.md").write_text(report + "\n", encoding="utf-8")
    if note:
        record(figures, note)


if __name__ == "__main__":
    main()
