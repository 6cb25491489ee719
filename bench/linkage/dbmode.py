"""Database mode against file mode: the same register deduplicated both ways, then a list
added and linked both ways.

    python -m bench.linkage.dbmode                      # 100k register records (rich, heldout)
    python -m bench.linkage.dbmode --register 500000 --only heldout
    python -m bench.linkage.dbmode --record "note"      # also append to bench/results/dbmode.tsv

File mode is `tagdyr link --dedupe REGISTER.csv --out …` (``link_files``); database mode is
`tagdyr import REGISTER.csv --kind register` into a fresh SQLite database, then `tagdyr link`
(``link_database``). Each step runs in its own process, so its time and peak memory are its
own. Quality: pairwise P/R/F1 among the register's records of one man — of ``is_match`` for
the file, of the persons (every pair of records in one person) for the database. The load
average (``uptime``) is printed and recorded beside: the machine is shared.

Then the list (10k entries, most of their men in the register): file mode is `tagdyr link
LIST REGISTER` (``link_files``, the list's default decision); database mode imports it
(`--kind list`) into the linked database and runs `tagdyr link` again — the second link, timed.
Quality: pairwise P/R/F1 of list entry × register record of one man, of ``is_match`` for the
file, of the persons for the database; and for the database the recall of "joined or queued":
the share of entries whose man is in the register that are in a person with one of his records
or have an open pair with one of them in the review queue.

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

from bench import results_log
from bench.linkage.evaluate import Scores, score_dedupe, score_link, scores, truth
from bench.linkage.run import SETTINGS, _data

JOBS = ("file", "file-list", "db-import", "db-link", "db-list")
RESULTS = Path(__file__).resolve().parent.parent / "results" / "dbmode.tsv"


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
    figures = dict(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{step}: {figures} ({_load()})", flush=True)  # as it ends: a long run shows its steps
    return figures


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
    elif step == "file-list":
        from tagdyr.link.files import link_files

        link_files(directory / "list.csv", register, directory / "file-list.csv",
                   threshold=defaults.list_match_threshold,
                   floor=defaults.candidate_floor)  # fmt: skip
    elif step == "db-list":
        from tagdyr.persons.linking import link_database
        from tagdyr.sources.importer import SourceInfo, import_table
        from tagdyr.store.db import create_db_engine

        engine = create_db_engine(f"sqlite:///{_database(directory, kind)}")
        import_table(engine, directory / "list.csv", SourceInfo("list", "List", "bench", "list"))
        extra["import_seconds"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        result = link_database(
            engine, threshold=defaults.match_threshold,
            entry_threshold=defaults.list_match_threshold, floor=defaults.candidate_floor,
        )  # fmt: skip
        extra.update(persons=result.persons, pairs=result.pairs)
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


def score_list(database: Path, directory: Path) -> tuple[Scores, float]:
    """Pairwise P/R/F1 of list entry × register record in one person, and the recall of
    "joined or queued" (see the module docstring)."""
    import sqlite3

    men = truth(directory)
    records_of: dict[str, set[str]] = defaultdict(set)
    for ident, man in men.items():
        if ident.startswith("R"):
            records_of[man].add(ident)
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT r.entry_id, pr.person_id FROM record r "
            "JOIN person_record pr ON pr.record_id = r.id"
        ).fetchall()
        open_pairs = conn.execute(
            "SELECT l.entry_id, r.entry_id FROM candidate_pair p "
            "JOIN record l ON l.id = p.left_record_id JOIN record r ON r.id = p.right_record_id "
            "WHERE p.run_id = (SELECT max(id) FROM link_run WHERE finished_at IS NOT NULL)"
        ).fetchall()
    members: dict[int, list[str]] = defaultdict(list)
    for entry, person in rows:
        members[person].append(entry)
    joined: set[tuple[str, str]] = set()
    for entries in members.values():
        lefts = [e for e in entries if e.startswith("L")]
        rights = [e for e in entries if e.startswith("R")]
        joined |= {(a, b) for a in lefts for b in rights}
    listed = [i for i in men if i.startswith("L")]
    expected = sum(len(records_of[men[i]]) for i in listed)
    correct = sum(men[a] == men[b] for a, b in joined)
    found = {a for a, b in joined if men[a] == men[b]}
    found |= {a if a.startswith("L") else b for a, b in open_pairs
              if a[0] != b[0] and men[a] == men[b]}  # fmt: skip
    findable = [i for i in listed if records_of[men[i]]]
    queued = sum(1 for i in findable if i in found) / len(findable) if findable else 0.0
    return scores(len(joined), len(joined), correct, expected), queued


def compare_list(directory: Path, label: str, kind: str) -> list[tuple[str, str, float]]:
    """The list added and linked both ways (after :func:`compare`'s register steps)."""
    load_before = _load()
    file_job = _job("file-list", directory, kind)
    listed = _job("db-list", directory, kind)
    load_after = _load()
    file_q = score_link(directory / "file-list.csv", directory)
    db_q, queued = score_list(_database(directory, kind), directory)
    ratio = float(str(listed["seconds"])) / float(str(file_job["seconds"]))
    print(f"\n{label}: the list added (kind list; {load_before} before, {load_after} after)\n")
    print("| mode | step | time s | peak MB | P | R | F1 | joined or queued |\n"
          "|---|---|---|---|---|---|---|---|")  # fmt: skip
    print(f"| file | link LIST REGISTER | {file_job['seconds']} | {file_job['peak_mb']} | "
          f"{file_q.precision:.3f} | {file_q.recall:.3f} | {file_q.f1:.3f} | |")  # fmt: skip
    print(f"| database | import the list | {listed['import_seconds']} | | | | | |")
    print(f"| database | second link | {listed['seconds']} | {listed['peak_mb']} | "
          f"{db_q.precision:.3f} | {db_q.recall:.3f} | {db_q.f1:.3f} | {queued:.3f} |")  # fmt: skip
    print(f"\nsecond database link / file link time: {ratio:.2f}")
    figures = {
        "file-list:seconds": float(str(file_job["seconds"])),
        "file-list:P": file_q.precision, "file-list:R": file_q.recall, "file-list:F1": file_q.f1,
        "db-list-import:seconds": float(str(listed["import_seconds"])),
        "db-second-link:seconds": float(str(listed["seconds"])),
        "db-second-link:peak_mb": float(str(listed["peak_mb"])),
        "db-list:P": db_q.precision, "db-list:R": db_q.recall, "db-list:F1": db_q.f1,
        "db-list:joined_or_queued": queued, "db-second/file-list:time": ratio,
    }  # fmt: skip
    return [(f"dbmode-{kind}-{label}", metric, value) for metric, value in figures.items()]


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
    figures = {
        "file:seconds": float(str(file_job["seconds"])),
        "file:peak_mb": float(str(file_job["peak_mb"])),
        "file:P": file_q.precision, "file:R": file_q.recall, "file:F1": file_q.f1,
        **({} if imported["seconds"] == "(kept)" else
           {"db-import:seconds": float(str(imported["seconds"]))}),
        "db-link:seconds": float(str(linked["seconds"])),
        "db-link:peak_mb": float(str(linked["peak_mb"])),
        "db:P": db_q.precision, "db:R": db_q.recall, "db:F1": db_q.f1,
        "db/file:time": ratio,
    }  # fmt: skip
    return [(f"dbmode-{kind}-{label}", metric, value) for metric, value in figures.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--register", type=int, default=100_000)
    parser.add_argument("--only", choices=[s for s, _, _ in SETTINGS], action="append")
    parser.add_argument("--kind", choices=("register", "list"), default="register")
    parser.add_argument("--record", metavar="NOTE", help="append to bench/results/dbmode.tsv")
    parser.add_argument("--no-list", action="store_true", help="the register steps only")
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
        if not args.no_list:
            rows += compare_list(directory, label, args.kind)
        _database(directory, args.kind).unlink(missing_ok=True)
    if args.record:
        results_log.append(RESULTS, results_log.with_note(rows, f"{args.record}; {_load()}"))


if __name__ == "__main__":
    main()
