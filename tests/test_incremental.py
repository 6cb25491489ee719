"""Incremental linking in the database (issue 18 item 4): a new list linked against the
persons already there gives what a full re-link gives, and leaves everything else alone.

The data come from the independent bench generator (``bench.linkage.generate``: its own names,
clerks and noise): a register of 400 records with duplicates and a list of 90 entries, 70 % of
them men of the register, imported in parts. Under 2,000 records, so term frequencies are off
in both modes and a full re-link must give exactly the pairs and persons.
"""

from __future__ import annotations

import contextlib
import csv
import shutil
import sqlite3
import tempfile
from contextlib import closing
from functools import cache
from pathlib import Path

from bench.linkage.generate import generate
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import Engine, func, select

from tagdyr.errors import ConflictError
from tagdyr.persons.linking import latest_run_id, link_database
from tagdyr.persons.review import judge
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tests.db import record_id, uid_of

PARTS = 3
Persons = dict[str, tuple[int, frozenset[int]]]  # uid -> (version, record ids)


@cache
def _generated() -> tuple[Path, list[Path]]:
    """The register and the list cut into PARTS files (made once per session)."""
    out = Path(tempfile.mkdtemp(prefix="tagdyr-incremental-"))
    generate(400, 90, out, seed=1945, profile="rich")
    with (out / "list.csv").open(encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    parts = []
    for n in range(PARTS):
        path = out / f"list-{n + 1}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *rows[n::PARTS]])
        parts.append(path)
    return out / "register.csv", parts


def _link(engine: Engine, *, full: bool = False) -> int | None:
    return link_database(engine, threshold=0.9, floor=0.01, full=full).new_records


def _import_part(engine: Engine, n: int) -> None:
    path = _generated()[1][n]
    import_table(engine, path, SourceInfo(f"list-{n + 1}", f"List {n + 1}", "bench"))


def _linked_register(engine: Engine) -> None:
    register = _generated()[0]
    import_table(engine, register, SourceInfo("register", "Register", "bench", kind="register"))
    assert _link(engine) is None  # the first run has nothing to build on: a full one


def _persons(engine: Engine) -> Persons:
    with engine.connect() as conn:
        rows = conn.execute(
            select(s.person.c.uid, s.person.c.version, s.person_record.c.record_id).join(
                s.person_record, s.person_record.c.person_id == s.person.c.id
            )
        ).all()
    members: dict[str, set[int]] = {}
    versions = {}
    for uid, version, record in rows:
        members.setdefault(uid, set()).add(record)
        versions[uid] = version
    return {uid: (versions[uid], frozenset(m)) for uid, m in members.items()}


def _pairs(engine: Engine) -> dict[frozenset[int], tuple[float, bool]]:
    """The latest run's candidate pairs: probability and is_match."""
    p = s.candidate_pair
    with engine.connect() as conn:
        run = latest_run_id(conn)
        rows = conn.execute(
            select(p.c.left_record_id, p.c.right_record_id, p.c.match_probability, p.c.is_match)
            .where(p.c.run_id == run)
        ).all()  # fmt: skip
    return {frozenset((a, b)): (round(prob, 6), bool(m)) for a, b, prob, m in rows}


def _judgements(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(s.judgement).order_by(s.judgement.c.id))]


def _list_records(engine: Engine) -> set[int]:
    with engine.connect() as conn:
        return set(conn.execute(
            select(s.record.c.id).join(s.source).where(s.source.c.key.like("list-%"))
        ).scalars())  # fmt: skip


def test_an_incremental_link_gives_the_pairs_and_persons_of_a_full_relink(engine: Engine) -> None:
    _linked_register(engine)
    _import_part(engine, 0)
    before = _persons(engine)
    assert _link(engine) == 30  # the new list only
    incremental, pairs = _persons(engine), _pairs(engine)
    listed = _list_records(engine)
    joined = [m for _, m in incremental.values() if m & listed and m - listed]
    assert len(joined) >= 10  # the new entries did find their men of the register
    untouched = {u: p for u, p in before.items() if not any(p[1] <= m for m in joined)}
    assert all(incremental.get(u) == p for u, p in untouched.items())  # uid, version, records
    assert _link(engine, full=True) is None
    full = _persons(engine)
    assert {m for _, m in full.values()} == {m for _, m in incremental.values()}
    assert set(full) == set(incremental)  # the same uids too
    again = _pairs(engine)
    assert set(again) == set(pairs)
    assert {k: v[1] for k, v in again.items()} == {k: v[1] for k, v in pairs.items()}
    # a list's calibrated prior is learnt from the pairs a run scores: the old pairs keep the
    # one of their own run, so probabilities may differ in the fifth decimal, never a decision
    assert all(abs(again[k][0] - pairs[k][0]) < 1e-4 for k in pairs)


def test_a_list_of_one_entry_finds_its_man_as_a_full_relink_does(
    linked: Engine, tmp_path: Path
) -> None:
    """One new record makes two tables for Splink, whose two-table path kept only the rows of
    each table's first dataset name: the register behind the old list was never compared (the
    browser import of tests/test_web_review_tools.py found it)."""
    path = tmp_path / "extra.csv"
    path.write_bytes("Nr;Navn;Født\n1;Omarow Kabysch;1910\n".encode())
    import_table(linked, path, SourceInfo("extra", "Extra list", "Riksarkivet (test)"))
    assert link_database(linked, threshold=0.9, floor=0.001, full=False).new_records == 1
    extra, man = record_id(linked, "extra", "1"), record_id(linked, "register", "3")
    assert uid_of(linked, extra) == uid_of(linked, man)
    incremental, pairs = _persons(linked), _pairs(linked)
    assert link_database(linked, threshold=0.9, floor=0.001, full=True).new_records is None
    assert {m for _, m in _persons(linked).values()} == {m for _, m in incremental.values()}
    assert {k: v[1] for k, v in _pairs(linked).items()} == {k: v[1] for k, v in pairs.items()}


def test_the_storing_stage_counts_every_pair_of_the_run_once(
    linked: Engine, tmp_path: Path
) -> None:
    """One stage, one total: the copied pairs and the new ones are counted together (the
    stage was reported twice, the new pairs first, then all the run holds)."""
    path = tmp_path / "extra.csv"
    path.write_bytes("Nr;Navn;Født\n1;Omarow Kabysch;1910\n2;Omarow Kabysch;1910\n".encode())
    import_table(linked, path, SourceInfo("extra", "Extra list", "Riksarkivet (test)"))
    stages: list[str] = []
    counts: list[tuple[str, int, int]] = []
    link_database(
        linked, threshold=0.9, floor=0.001, full=False, progress=stages.append,
        count=lambda done, total: counts.append((stages[-1], done, total)),
    )  # fmt: skip
    assert stages[-1].startswith("storing") and "new candidate pairs" in stages[-1]
    storing = [(done, total) for stage, done, total in counts if stage == stages[-1]]
    with linked.connect() as conn:
        held = conn.execute(
            select(func.count()).where(s.candidate_pair.c.run_id == latest_run_id(conn))
        ).scalar_one()
    new = int(stages[-1].split()[1].replace(",", ""))
    assert new > 0 and held > new  # the run holds copied pairs and new ones
    assert {total for _, total in storing} == {held}
    assert [done for done, _ in storing] == sorted(done for done, _ in storing)
    assert storing[0][0] == held - new and storing[-1] == (held, held)


def test_a_link_with_nothing_new_changes_no_person(engine: Engine) -> None:
    _linked_register(engine)
    before = _persons(engine)
    assert _link(engine) == 0
    assert _persons(engine) == before
    with engine.connect() as conn:
        runs = conn.execute(select(func.count()).select_from(s.link_run)).scalar_one()
    assert runs == 2 and len(_pairs(engine)) > 0  # a run of its own, holding the old pairs


class IncrementalLinking(RuleBasedStateMachine):
    """Imports, judgements and links in any order: a link never touches a judgement nor a
    person the new records do not reach, judgements hold, and a full re-link agrees."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="tagdyr-incremental-sm-"))
        shutil.copy(_template(), self.folder / "db.sqlite")
        self.engine = create_db_engine(f"sqlite:///{self.folder / 'db.sqlite'}")
        self.imported = 0
        self.pending: set[int] = set()  # records imported since the last link

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    @precondition(lambda self: self.imported < PARTS)
    @rule()
    def import_a_list(self) -> None:
        known = _all_records(self.engine)
        _import_part(self.engine, self.imported)
        self.pending |= _all_records(self.engine) - known
        self.imported += 1

    @rule(pick=st.integers(min_value=0), verdict=st.sampled_from(["same", "not_same"]))
    def judge_a_pair(self, pick: int, verdict: str) -> None:
        pairs = sorted(tuple(sorted(p)) for p in _pairs(self.engine))
        left, right = pairs[pick % len(pairs)]
        with contextlib.suppress(ConflictError):  # judged so already: nothing is stored
            judge(self.engine, left, right, verdict, "tester")

    @rule()
    def link(self) -> None:
        before, judged = _persons(self.engine), _judgements(self.engine)
        assert _link(self.engine) == len(self.pending)  # nothing here calls for a full one
        after = _persons(self.engine)
        assert _judgements(self.engine) == judged
        reached = set().union(*(m for _, m in after.values() if m & self.pending))
        for uid, person in before.items():
            if not person[1] & reached:  # a person the new records did not reach
                assert after.get(uid) == person  # the same uid, version and records
        self.pending = set()

    @invariant()
    def judgements_hold(self) -> None:
        owner = {r: u for u, (_, m) in _persons(self.engine).items() for r in m}
        latest: dict[frozenset[int], str] = {}
        j = s.judgement
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(j.c.left_record_id, j.c.right_record_id, j.c.verdict)
                .where(j.c.undone_at.is_(None))
                .order_by(j.c.created_at, j.c.id)
            ).all()  # fmt: skip
        for left, right, verdict in rows:
            latest[frozenset((left, right))] = verdict
        for pair, verdict in latest.items():
            a, b = sorted(pair)
            if a in owner and b in owner:
                assert (owner[a] == owner[b]) == (verdict == "same")

    @precondition(lambda self: not self.pending)  # a list not linked yet: no person holds it
    @rule()
    def a_full_relink_agrees(self) -> None:
        copy = self.folder / "full.sqlite"
        # the backup API, not a file copy: the latest writes may still be in the WAL file
        source, target = sqlite3.connect(self.folder / "db.sqlite"), sqlite3.connect(copy)
        with closing(source), closing(target):
            source.backup(target)
        other = create_db_engine(f"sqlite:///{copy}")
        try:
            assert _link(other, full=True) is None
            assert {m for _, m in _persons(other).values()} == {
                m for _, m in _persons(self.engine).values()
            }
        finally:
            other.dispose()
            copy.unlink()


def _all_records(engine: Engine) -> set[int]:
    with engine.connect() as conn:
        return set(conn.execute(select(s.record.c.id)).scalars())


@cache
def _template() -> Path:
    """A database holding the register, linked (made once, copied for every example)."""
    path = Path(tempfile.mkdtemp(prefix="tagdyr-incremental-tmpl-")) / "template.db"
    engine = create_db_engine(f"sqlite:///{path}")
    migrate(engine)
    _linked_register(engine)
    engine.dispose()
    return path


IncrementalLinking.TestCase.settings = settings(
    max_examples=3,
    stateful_step_count=5,
    deadline=None,  # every link runs DuckDB: its time varies with the machine's load
    suppress_health_check=[HealthCheck.too_slow],  # steps are slow by nature, not the data
)
test_incremental_linking = IncrementalLinking.TestCase
