"""Any sequence of imports, linkage runs, judgements, undo, merges, splits and reverts keeps
the invariants, on SQLite and PostgreSQL (hypothesis ``RuleBasedStateMachine``):

* every current record belongs to exactly one person;
* no active judgement is contradicted by the persons ("same" together, "not same" apart);
* an undo or a revert right after an action restores exactly the state before it: which
  records form which person under which uid, and the verdict of every judged pair;
* re-linking unchanged records changes no person and no uid; a uid once given always leads to
  a person (directly or through the person it was folded into).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine, create_engine, func, select, text

from tagdyr.errors import AccessError, ConflictError, TagdyrError
from tagdyr.persons import review as rv
from tagdyr.persons.linking import latest_verdicts, link_database
from tagdyr.persons.revert import revert
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, migrate
from tests.files import write_csv

# invented people (they describe nobody): each man written in a Norwegian-style list and in a
# Russian register, so that linkage joins them and judgements have something to undo
LISTS: dict[str, list[list[str]]] = {
    "mysen": [
        ["Nr", "Navn", "Født"],
        ["1", "Bektanow Mashit", "1914"],
        ["2", "Dschumanijasow Kassym", "1918"],
        ["3", "Omarow Kabysch", "1910"],
    ],
    "mysen-v2": [
        ["Nr", "Navn", "Født"],
        ["1", "Bektanow Mashit", "1914"],
        ["2", "Dschumanijasow Kassym", "1918"],
        ["4", "Sarsenbajew Tulegen", "1920"],
    ],
    "register": [
        ["№", "Фамилия", "Имя", "Год рождения"],
        ["1", "Бектанов", "Мажит", "1914"],
        ["2", "Жуманиязов", "Касым", "1918"],
        ["3", "Омаров", "Кабыш", "1910"],
        ["4", "Сарсенбаев", "Тулеген", "1920"],
    ],
}
SOURCES = {
    "mysen": SourceInfo("mysen", "Mysen list", "Riksarkivet"),
    "mysen-v2": SourceInfo("mysen", "Mysen list", "Riksarkivet"),  # a new version of it
    "register": SourceInfo("register", "Register", "MoD", kind="register"),
}
VERDICTS = st.sampled_from(rv.VERDICTS)
PICK = st.integers(min_value=0, max_value=10_000)

State = tuple[frozenset[tuple[int, str]], frozenset[tuple[frozenset[str], str]]]


def _state(engine: Engine) -> State:
    """Which record belongs to which person (by uid), and every judged pair's verdict. Every
    record counts, of superseded versions too: an import of a new version takes the replaced
    version's records out of their persons at once (and its revert puts them back), so no
    later re-clustering may change what a record of any version belongs to."""
    with engine.connect() as conn:
        owners = frozenset(
            (rid, uid)
            for rid, uid in conn.execute(
                select(s.person_record.c.record_id, s.person.c.uid).join(
                    s.person, s.person.c.id == s.person_record.c.person_id
                )
            )
        )
        verdicts = frozenset(latest_verdicts(conn).items())
    return owners, verdicts


class Tagdyr(RuleBasedStateMachine):
    """One fresh database per example; ``make_engine``/``drop`` are set by the test."""

    make_engine: Callable[[], Engine]
    drop: Callable[[Engine], None]
    folder: Path

    def __init__(self) -> None:
        super().__init__()
        self.engine = type(self).make_engine()
        self.undoable: tuple[str, Any, State] | None = None  # the last action, to undo it
        self.linked_state: State | None = None  # the state right after the last linkage run
        self.uids: set[str] = set()

    def teardown(self) -> None:
        type(self).drop(self.engine)

    # --- reading the database ---

    def _current(self) -> list[int]:
        with self.engine.connect() as conn:
            return sorted(
                conn.execute(
                    select(s.record.c.id)
                    .join(s.document, s.document.c.id == s.record.c.document_id)
                    .where(s.document.c.is_current.is_(True))
                ).scalars()
            )

    def _persons(self) -> list[str]:
        """The uids of persons with records, in the order of their first record (not of the
        uids: those are random, and an example must replay the same choices)."""
        first = func.min(s.person_record.c.record_id)
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(s.person.c.uid)
                    .join(s.person_record, s.person_record.c.person_id == s.person.c.id)
                    .group_by(s.person.c.uid)
                    .order_by(first)
                ).scalars()
            )

    def _last_event(self) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(s.audit_event.c.id).order_by(s.audit_event.c.id.desc())
            ).scalar()

    def _did(self, kind: str, handle: Any, before: State) -> None:
        """An action happened: remember how to take it back; linkage states are stale now."""
        self.undoable = (kind, handle, before)
        self.linked_state = None

    def _refused(self, before: State) -> None:
        assert _state(self.engine) == before, "a refused action changed the data"

    # --- rules ---

    @rule(name=st.sampled_from(sorted(LISTS)))
    def import_list(self, name: str) -> None:
        before = _state(self.engine)
        path = write_csv(self.folder / f"{name}-{uuid.uuid4().hex[:6]}.csv", LISTS[name])
        result = import_table(self.engine, path, SOURCES[name], user="machine")
        if result.unchanged:
            self._refused(before)
            return
        self._did("event", self._last_event(), before)

    @precondition(lambda self: bool(self._current()))
    @rule()
    def link(self) -> None:
        before = _state(self.engine)
        link_database(self.engine, threshold=0.9, floor=0.01, actor="machine")
        after = _state(self.engine)
        if self.linked_state is not None:  # re-linking unchanged records changes nothing
            assert after == self.linked_state
        self._did("event", self._last_event(), before)
        self.linked_state = after

    @precondition(lambda self: len(self._current()) >= 2)
    @rule(verdict=VERDICTS, a=PICK, b=PICK)
    def judge(self, verdict: str, a: int, b: int) -> None:
        records = self._current()
        left, right = records[a % len(records)], records[b % len(records)]
        before = _state(self.engine)
        try:
            made = rv.judge(self.engine, left, right, verdict, "machine")
        except (ConflictError, TagdyrError):
            self._refused(before)
            return
        self._did("judgement", made, before)

    @precondition(lambda self: len(self._persons()) >= 2)
    @rule(a=PICK, b=PICK)
    def merge(self, a: int, b: int) -> None:
        persons = self._persons()
        uid, other = persons[a % len(persons)], persons[b % len(persons)]
        before = _state(self.engine)
        try:
            rv.merge_persons(self.engine, uid, other, "machine")
        except (ConflictError, TagdyrError):
            self._refused(before)
            return
        together = {r for r, u in before[0] if u in (uid, other)}
        owners = {u for r, u in _state(self.engine)[0] if r in together}
        assert len(owners) == 1, "a merge left a record of one of the two persons outside"
        self._did("event", self._last_event(), before)

    @precondition(lambda self: bool(self._current()))
    @rule(a=PICK)
    def split(self, a: int) -> None:
        records = self._current()
        record = records[a % len(records)]
        before = _state(self.engine)
        try:
            rv.split_record(self.engine, record, "machine")
        except (ConflictError, TagdyrError):
            self._refused(before)
            return
        self._did("event", self._last_event(), before)

    @precondition(lambda self: self.undoable is not None and self.undoable[0] == "judgement")
    @rule()
    def undo(self) -> None:
        assert self.undoable is not None
        _, judgement, before = self.undoable
        rv.undo(self.engine, judgement, "machine")
        assert _state(self.engine) == before, "undo did not restore the state before"
        self.undoable = None
        self.linked_state = None

    def _own_active(self) -> list[tuple[int, int, int]]:
        """(id, left, right) of the machine's judgements not undone, oldest first."""
        j = s.judgement
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(j.c.id, j.c.left_record_id, j.c.right_record_id)
                .where(j.c.author == "machine", j.c.undone_at.is_(None))
                .order_by(j.c.id)
            ).all()
        return [(r.id, r.left_record_id, r.right_record_id) for r in rows]

    @precondition(lambda self: bool(self._own_active()))
    @rule(a=PICK, page=st.sampled_from(["fresh", "stale", "someone else's"]))
    def undo_any_own(self, a: int, page: str) -> None:
        """Undo any of one's judgements (the web's list), not only the last: with the pair's
        version as the page showed it. A stale page or another author is refused, changing
        nothing; the last action's own judgement undone restores the state before it."""
        active = self._own_active()
        judgement, left, right = active[a % len(active)]
        before = _state(self.engine)
        with self.engine.connect() as conn:
            version = rv.pair_version(conn, left, right)
        if page != "fresh":
            author, seen = ("machine", version + 1) if page == "stale" else ("other", version)
            with pytest.raises((ConflictError, AccessError)):
                rv.undo(self.engine, judgement, author, own=True, pair_seen=seen)
            self._refused(before)
            return
        try:
            rv.undo(self.engine, judgement, "machine", own=True, pair_seen=version)
        except ConflictError:  # it would contradict a later judgement
            self._refused(before)
            return
        last = self.undoable
        if last is not None and last[0] == "judgement" and last[1] == judgement:
            assert _state(self.engine) == last[2], "undo did not restore the state before"
        self.undoable = None
        self.linked_state = None

    @precondition(lambda self: self.undoable is not None)
    @rule()
    def revert_last(self) -> None:
        assert self.undoable is not None
        kind, handle, before = self.undoable
        event = self._last_event() if kind == "judgement" else handle
        assert event is not None
        revert(self.engine, event, "machine")
        assert _state(self.engine) == before, "the revert did not restore the state before"
        self.undoable = None
        self.linked_state = None

    # --- invariants ---

    @invariant()
    def every_current_record_has_exactly_one_person(self) -> None:
        owners = _state(self.engine)[0]
        records = [r for r, _ in owners]
        assert len(records) == len(set(records))
        assert set(self._current()) == set(records), "only current records belong to persons"

    def check_every_invariant(self) -> None:
        """Every invariant, as hypothesis checks them after each step (for a replayed example)."""
        self.every_current_record_has_exactly_one_person()
        self.no_active_judgement_is_contradicted()
        self.every_uid_given_still_leads_to_a_person()

    @invariant()
    def no_active_judgement_is_contradicted(self) -> None:
        owners, verdicts = _state(self.engine)
        uid = dict(owners)
        for pair, verdict in verdicts:
            left, right = (int(r) for r in pair)
            if left not in uid or right not in uid or verdict == "unsure":
                continue
            assert (uid[left] == uid[right]) == (verdict == "same"), (pair, verdict)

    @invariant()
    def every_uid_given_still_leads_to_a_person(self) -> None:
        self.uids |= {u for _, u in _state(self.engine)[0]}
        with self.engine.connect() as conn:
            known = set(conn.execute(select(s.person.c.uid)).scalars())
        assert self.uids <= known


RUNS = settings(
    max_examples=6,
    stateful_step_count=10,
    deadline=None,  # each step is a database transaction (and linkage runs DuckDB): its time varies
    suppress_health_check=[HealthCheck.too_slow],  # steps are slow by nature, not the data
)


def _sqlite(tmp_path: Path) -> tuple[Callable[[], Engine], Callable[[Engine], None]]:
    template = tmp_path / "template.db"
    migrate(engine := create_db_engine(f"sqlite:///{template}"))
    engine.dispose()

    def make() -> Engine:
        copy = tmp_path / f"{uuid.uuid4().hex[:8]}.db"
        shutil.copy(template, copy)
        return create_db_engine(f"sqlite:///{copy}")

    def drop(engine: Engine) -> None:
        engine.dispose()
        for path in tmp_path.glob(f"{Path(str(engine.url.database)).name}*"):
            path.unlink()

    return make, drop


def _postgresql(server: str) -> Iterator[tuple[Callable[[], Engine], Callable[[Engine], None]]]:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    template = f"tmpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{template}"'))
    base = server.rsplit("/", 1)[0]
    migrate(engine := create_db_engine(f"{base}/{template}"))
    engine.dispose()

    def make() -> Engine:
        name = f"sm_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        return create_db_engine(f"{base}/{name}")

    def drop(engine: Engine) -> None:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{engine.url.database}"'))

    yield make, drop
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}"'))
    admin.dispose()


def _machine(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> tuple[type[Tagdyr], Iterator[Any] | None]:
    if backend == "sqlite":
        make, drop = _sqlite(tmp_path)
        cleanup: Iterator[Any] | None = None
    else:
        cleanup = _postgresql(request.getfixturevalue("postgres_url"))
        make, drop = next(cleanup)
    machine = type("TagdyrOn" + backend.capitalize(), (Tagdyr,), {})
    machine.make_engine, machine.drop, machine.folder = (  # type: ignore[attr-defined]
        staticmethod(make), staticmethod(drop), tmp_path,
    )  # fmt: skip
    return machine, cleanup


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_superseded_versions_records_keep_their_state_through_a_revert(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The sequence the machine found (closing note of stop 3): the records of a replaced
    version of the Mysen list lost their person rows when a later revert re-clustered all."""
    machine, cleanup = _machine(backend, tmp_path, request)
    state = machine()
    steps: list[Callable[[], None]] = [
        lambda: state.import_list("mysen"),
        state.revert_last,
        lambda: state.import_list("mysen-v2"),
        lambda: state.import_list("mysen"),
        lambda: state.split(0),
        lambda: state.import_list("register"),
        state.revert_last,
    ]
    try:
        for step in steps:
            step()
            state.check_every_invariant()
    finally:
        state.teardown()
        if cleanup is not None:
            next(cleanup, None)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_no_sequence_of_actions_breaks_the_invariants(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    machine, cleanup = _machine(backend, tmp_path, request)
    try:
        run_state_machine_as_test(machine, settings=RUNS)
    finally:
        if cleanup is not None:
            next(cleanup, None)
