"""Database mode against file mode: the same register deduplicated both ways.

    python -m bench.linkage.dbmode                      # 100k register records (rich, heldout)
    python -m bench.linkage.dbmode --register 500000 --only heldout
    python -m bench.linkage.dbmode --record "note"      # also append to bench/results/linkage.tsv

File mode is `tagdyr link --dedupe REGISTER.csv --out …` (``link_files``); database mode is
`tagdyr import REGISTER.csv --kind register` into a fresh SQLite database, then `tagdyr link`
(``link_database``). Each step runs in its own process, so its time and peak memory are its
own. Quality: pairwise P/R/F1 among the register's records of one man — of ``is_match`` for
the file, of the persons (every pair of records in one person) for the database. The load
average (``uptime``) is printed and recorded beside: the machine is shared.

Settings as in ``bench.linkage.run``: *rich* (seed 1945) may be looked at while developing;
*heldout* (seed 2029, its own noise profile) is scored, never tuned on.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from bench.linkage.evaluate import Scores, score_dedupe, scores, truth
from bench.linkage.run import SETTINGS, _data, _record

JOBS = ("file", "db-import", "db-link")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}/{fifteen:.1f}"


def _job(step: str, directory: Path, kind: str) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.linkage.dbmode", "--job", step, "--kind", kind,
               str(directory)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:] if done.stderr else ["failed"]
        raise SystemExit(f"{step} failed: {' / '.join(tail)}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _database(directory: Path, kind: str) -> Path:
    """The database linked: a fresh copy of the imported one (kept: importing takes long)."""
    return directory / f"dbmode-{kind}.db"


def _imported(directory: Path, kind: str) -> Path:
    return directory / f"dbmode-{kind}-imported.db"


def run_job(step: str, directory: Path, kind: str) -> None:
    """One step in this process; prints its time and peak memory as JSON."""
    from tagdyr.settings import Settings

    defaults = Settings()
    register = directory / "register.csv"
    start = time.perf_counter()
    extra: dict[str, object] = {}
    if step == "file":
        from tagdyr.link.files import link_files

        link_files(register, None, directory / "file-dedupe.csv",
                   threshold=defaults.match_threshold, floor=defaults.candidate_floor)  # fmt: skip
    elif step == "db-import":
        from tagdyr.sources.importer import SourceInfo, import_table
        from tagdyr.store.db import create_db_engine, migrate

        path = _imported(directory, kind)
        path.unlink(missing_ok=True)
        engine = create_db_engine(f"sqlite:///{path}")
        migrate(engine)
        import_table(engine, register, SourceInfo("register", "Register", "bench", kind=kind))
    elif step == "db-link":
        import shutil

        from tagdyr.persons.linking import link_database
        from tagdyr.store.db import create_db_engine

        shutil.copy(_imported(directory, kind), _database(directory, kind))
        start = time.perf_counter()
        engine = create_db_engine(f"sqlite:///{_database(directory, kind)}")
        result = link_database(
            engine, threshold=defaults.match_threshold, floor=defaults.candidate_floor
        )
        extra = {"persons": result.persons, "pairs": result.pairs}
    else:
        raise SystemExit(f"unknown step {step}")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 1), "peak_mb": round(peak_mb), **extra}))


def score_persons(database: Path, directory: Path) -> Scores:
    """Pairwise P/R/F1 of the database's persons among the register's records of one man."""
    import sqlite3

    men = truth(directory)
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT r.entry_id, pr.person_id FROM record r "
            "JOIN person_record pr ON pr.record_id = r.id"
        ).fetchall()
    members: dict[int, list[str]] = defaultdict(list)
    for entry, person in rows:
        members[person].append(entry)
    sizes: dict[str, int] = defaultdict(int)
    for ident, man in men.items():
        if ident.startswith("R"):
            sizes[man] += 1
    expected = sum(n * (n - 1) // 2 for n in sizes.values())
    found = correct = 0
    for entries in members.values():
        for a, b in combinations(entries, 2):
            found += 1
            correct += men[a] == men[b]
    return scores(len(rows), found, correct, expected)


def compare(directory: Path, label: str, kind: str) -> list[tuple[str, str, float]]:
    load_before = _load()
    file_job = _job("file", directory, kind)
    imported = (
        {"seconds": "(kept)", "peak_mb": ""}
        if _imported(directory, kind).exists()
        else _job("db-import", directory, kind)
    )
    linked = _job("db-link", directory, kind)
    load_after = _load()
    file_q = score_dedupe(directory / "file-dedupe.csv", directory)
    db_q = score_persons(_database(directory, kind), directory)
    ratio = float(str(linked["seconds"])) / float(str(file_job["seconds"]))
    print(f"\n{label} (kind {kind}; {load_before} before, {load_after} after)\n")
    print("| mode | step | time s | peak MB | P | R | F1 |\n|---|---|---|---|---|---|---|")
    print(f"| file | link --dedupe | {file_job['seconds']} | {file_job['peak_mb']} | "
          f"{file_q.precision:.3f} | {file_q.recall:.3f} | {file_q.f1:.3f} |")  # fmt: skip
    print(f"| database | import | {imported['seconds']} | {imported['peak_mb']} | | | |")
    print(f"| database | link | {linked['seconds']} | {linked['peak_mb']} | "
          f"{db_q.precision:.3f} | {db_q.recall:.3f} | {db_q.f1:.3f} |")  # fmt: skip
    print(f"\ndatabase link / file dedupe time: {ratio:.2f}")
    _database(directory, kind).unlink(missing_ok=True)
    figures = {
        "file:seconds": float(str(file_job["seconds"])),
        "file:peak_mb": float(str(file_job["peak_mb"])),
        "file:P": file_q.precision, "file:R": file_q.recall,
        **({} if imported["seconds"] == "(kept)" else
           {"db-import:seconds": float(str(imported["seconds"]))}),
        "db-link:seconds": float(str(linked["seconds"])),
        "db-link:peak_mb": float(str(linked["peak_mb"])),
        "db:P": db_q.precision, "db:R": db_q.recall,
        "db/file:time": ratio,
    }  # fmt: skip
    return [(f"dbmode-{kind}-{label}", metric, value) for metric, value in figures.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--only", choices=[s for s, _, _ in SETTINGS], action="append")
    parser.add_argument("--kind", choices=("register", "list"), default="register")
    parser.add_argument("--record", metavar="NOTE", help="append to bench/results/linkage.tsv")
    parser.add_argument("--job", choices=JOBS, help=argparse.SUPPRESS)
    parser.add_argument("directory", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.job:
        run_job(args.job, args.directory, args.kind)
        return
    rows = []
    for setting, profile, seed in SETTINGS:
        if setting == "sparse" or (args.only and setting not in args.only):
            continue
        directory = _data(setting, profile, seed, args.register, 10_000)
        label = f"{setting}-{args.register // 1000}k"
        rows += compare(directory, label, args.kind)
    if args.record:
        _record(rows, f"{args.record}; {_load()}")


if __name__ == "__main__":
    main()
