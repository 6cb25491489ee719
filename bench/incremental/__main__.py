"""Incremental linking in the database: a new list linked against a register already linked,
beside a full re-link of everything, in the same run.

    python -m bench.incremental                       # 10k list x 100k register (heldout)
    python -m bench.incremental --register 300000
    python -m bench.incremental --record "note"       # also append to bench/results/incremental.tsv

The data: bench.linkage's generator, held-out setting (seed 2029, its own noise profile; never
tuned on). The databases (bench/incremental/build.py) are built once and kept. Each link runs
in its own process on a fresh copy of the ``before`` database, so its time and peak memory
are its own; ``uptime`` is printed beside every timing (the machine is shared). Then the two
results are compared: the persons (pairwise agreement of their records), and how many persons
of the register that the new list did not touch kept their uid and their records.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from bench import results_log
from bench.incremental.build import databases, link
from bench.linkage.run import _data

RESULTS = Path(__file__).resolve().parent.parent / "results" / "incremental.tsv"
MODES = ("full", "incremental")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}/{fifteen:.1f}"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_job(mode: str, database: Path) -> None:
    """One link in this process; prints its time and peak memory as JSON, with each stage's
    (the stage as link_database names it, its seconds, the process's peak MB at its end)."""
    stages: list[list[object]] = []
    started = last = time.perf_counter()

    def stage(message: str) -> None:
        nonlocal last
        now = time.perf_counter()
        if stages:
            stages[-1][1:] = [round(now - last, 1), round(_peak_mb())]
        stages.append([message, 0.0, 0])
        last = now

    extra = link(database, full=mode == "full", progress=stage)
    seconds = time.perf_counter() - started
    stage("end")
    print(json.dumps({"seconds": round(seconds, 1), "peak_mb": round(_peak_mb()),
                      "stages": stages[:-1], **extra}))  # fmt: skip


def _job(mode: str, before: Path) -> dict[str, object]:
    database = before.with_name(f"incremental-{mode}.db")
    shutil.copy(before, database)
    load = _load()
    command = ["nice", "-n", "10", sys.executable, "-m", "bench.incremental", "--job", mode,
               str(database)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed: {done.stderr.strip()[-2000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load": load,
            "load_after": _load(), "database": database}  # fmt: skip


def _persons(database: Path) -> dict[int, tuple[str, frozenset[int]]]:
    """Person id -> (uid, its record ids)."""
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT p.id, p.uid, pr.record_id FROM person p "
            "JOIN person_record pr ON pr.person_id = p.id"
        ).fetchall()
    members: dict[int, set[int]] = defaultdict(set)
    uids = {}
    for pid, uid, rid in rows:
        members[pid].add(rid)
        uids[pid] = uid
    return {pid: (uids[pid], frozenset(m)) for pid, m in members.items()}


def _pairs(persons: dict[int, tuple[str, frozenset[int]]]) -> set[tuple[int, int]]:
    return {p for _, m in persons.values() for p in combinations(sorted(m), 2)}


def agreement(first: Path, second: Path) -> tuple[int, int, int]:
    """(pairs of records in one person in both, only in the first, only in the second)."""
    a, b = _pairs(_persons(first)), _pairs(_persons(second))
    return len(a & b), len(a - b), len(b - a)


def untouched(before: Path, after: Path) -> tuple[int, int]:
    """Of the persons before that hold no record the new list joined: (how many, how many of
    them kept their uid and exactly their records)."""
    old, new = _persons(before), _persons(after)
    now = {uid: records for uid, records in new.values()}
    with sqlite3.connect(after) as conn:
        joined = {r for (r,) in conn.execute(
            "SELECT pr.record_id FROM person_record pr JOIN person_record mine "
            "ON mine.person_id = pr.person_id JOIN record r ON r.id = mine.record_id "
            "JOIN source s ON s.id = r.source_id WHERE s.key = 'list'")}  # fmt: skip
    kept = [uid for uid, records in old.values() if not records & joined]
    return len(kept), sum(1 for uid, records in old.values()
                          if not records & joined and now.get(uid) == records)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--list", type=int, default=10_000)
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--record", metavar="NOTE", help="append to bench/results/incremental.tsv")
    parser.add_argument("--job", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("database", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.job:
        run_job(args.job, args.database)
        return
    directory = _data("heldout", "heldout", 2029, args.register, args.list)
    before, took = databases(directory)
    label = f"heldout-{args.list // 1000}kx{args.register // 1000}k"
    print(f"\n{label}: {before}\n")
    for step, seconds in took.items():
        print(f"built: {step} {seconds:.0f} s ({_load()} after)")
    print("\n| link | time s | peak MB | records | pairs | persons | load before / after |")
    print("|---|---|---|---|---|---|---|")
    jobs, rows = {}, []
    for mode in args.modes:
        job = jobs[mode] = _job(mode, before)
        print(f"| {mode} | {job['seconds']} | {job['peak_mb']} | {job['records']} | "
              f"{job['pairs']} | {job['persons']} | {job['load']} / {job['load_after']} |",
              flush=True)  # fmt: skip
        for message, took, peak in job["stages"]:  # type: ignore[attr-defined]
            print(f"|   {message} | {took} | {peak} | | | | |", flush=True)
        rows += [(label, f"{mode}:seconds", float(str(job["seconds"]))),
                 (label, f"{mode}:peak_mb", float(str(job["peak_mb"])))]  # fmt: skip
    if set(jobs) == set(MODES):
        full, inc = (Path(str(jobs[m]["database"])) for m in MODES)
        both, only_full, only_inc = agreement(full, inc)
        n, kept = untouched(before, inc)
        ratio = float(str(jobs["incremental"]["seconds"])) / float(str(jobs["full"]["seconds"]))
        print(f"\nincremental / full time: {ratio:.3f}")
        print(f"record pairs in one person: both {both:,}, only full {only_full:,}, "
              f"only incremental {only_inc:,}")  # fmt: skip
        print(f"persons the list did not touch: {n:,}, of them unchanged (uid and records) "
              f"after the incremental link: {kept:,}")  # fmt: skip
        figures = {"incremental/full:time": ratio, "pairs-agree": both,
                   "pairs-only-full": only_full, "pairs-only-incremental": only_inc,
                   "untouched-persons": n, "untouched-unchanged": kept}  # fmt: skip
        rows += [(label, metric, float(value)) for metric, value in figures.items()]
    for mode in jobs:
        Path(str(jobs[mode]["database"])).unlink(missing_ok=True)
    if args.record:
        results_log.append(RESULTS, results_log.with_note(rows, f"{args.record}; {_load()}"))


if __name__ == "__main__":
    main()
