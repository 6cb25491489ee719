"""One decision rule for both paths (issue 27): a list linked against a register as files
(``tagdyr link LIST REGISTER``) and in the database (import both, ``tagdyr link``) joins the
same entries to the same register records: a list entry's candidates compete, a register's
duplicates count as one man, and a record goes to the most probable entry of a list.

The data are the independent bench generator's (``bench.linkage.generate``: its own names,
clerks and noise), a register with its men recorded up to three times.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from bench.linkage.generate import generate
from sqlalchemy import Engine, select

from tagdyr.link.files import link_files
from tagdyr.persons.linking import link_database
from tagdyr.settings import Settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s


def _file_matches(out: Path) -> set[tuple[str, str]]:
    with out.open(encoding="utf-8") as handle:
        return {
            (r["left_id"], r["right_id"]) for r in csv.DictReader(handle) if r["is_match"] == "1"
        }


def _decided_in_database(engine: Engine) -> set[tuple[str, str]]:
    """(list entry, register record) of the run's pairs decided the same man, by entry id."""
    left, right, pair = s.record.alias("l"), s.record.alias("r"), s.candidate_pair
    query = (
        select(left.c.entry_id, right.c.entry_id)
        .select_from(pair.join(left, left.c.id == pair.c.left_record_id)
                     .join(right, right.c.id == pair.c.right_record_id))
        .where(pair.c.is_match.is_(True))
    )  # fmt: skip
    with engine.connect() as conn:
        pairs = conn.execute(query).all()
    return {(a, b) if a.startswith("L") else (b, a) for a, b in pairs if a[0] != b[0]}


def _joined_in_persons(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(s.record.c.entry_id, s.person_record.c.person_id).join(s.person_record)
        ).all()
    members: dict[int, list[str]] = defaultdict(list)
    for entry, person in rows:
        members[person].append(entry)
    return {
        (a, b)
        for m in members.values()
        for a in m
        if a.startswith("L")
        for b in m
        if b.startswith("R")
    }


def test_a_list_and_a_register_linked_as_files_and_in_the_database_give_the_same_matches(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    generate(2000, 300, tmp_path, seed=7, profile="rich")
    defaults = Settings()
    link_files(
        tmp_path / "list.csv", tmp_path / "register.csv", tmp_path / "links.csv",
        threshold=defaults.list_match_threshold, floor=defaults.candidate_floor,
    )  # fmt: skip
    by_file = _file_matches(tmp_path / "links.csv")

    import_table(sqlite_engine, tmp_path / "register.csv", SourceInfo("reg", "R", "x", "register"))
    import_table(sqlite_engine, tmp_path / "list.csv", SourceInfo("lst", "L", "x", "list"))
    link_database(
        sqlite_engine, threshold=defaults.match_threshold,
        entry_threshold=defaults.list_match_threshold, floor=defaults.candidate_floor,
    )  # fmt: skip

    assert len(by_file) > 150  # the case is not empty: most of the list's men are found
    entries = defaultdict(set)
    for entry, record in by_file:
        entries[entry].add(record)
    assert any(len(r) > 1 for r in entries.values())  # a register's duplicates: one man
    assert _decided_in_database(sqlite_engine) == by_file
    assert by_file <= _joined_in_persons(sqlite_engine)
