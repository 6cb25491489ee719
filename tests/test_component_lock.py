"""The component a judgement locks on PostgreSQL (persons/components.py): one statement when
no decision committed meanwhile, and the whole component when one joined it meanwhile."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, event

from tagdyr.persons.components import component, lock_component
from tagdyr.persons.linking import latest_run_id
from tagdyr.persons.review import apply_judgements
from tagdyr.store.db import lock_for_judging
from tests.db import record_id

ON_POSTGRESQL = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


@ON_POSTGRESQL
def test_a_component_nobody_changed_is_locked_in_one_statement(linked: Engine) -> None:
    omarov, seen = record_id(linked, "register", "3"), []
    event.listen(linked, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with linked.begin() as conn:
        run_id, found = lock_component(conn, {omarov})
    assert len(seen) == 1 and "FOR UPDATE" in seen[0]
    with linked.connect() as conn:
        assert run_id == latest_run_id(conn)
        assert found == component(conn, run_id, {omarov})


@ON_POSTGRESQL
def test_a_component_joined_while_it_waited_for_its_lock_is_found_whole(linked: Engine) -> None:
    a, b = record_id(linked, "register", "3"), record_id(linked, "register", "2")
    with linked.connect() as conn:
        assert b not in component(conn, latest_run_id(conn), {a})
    found: dict[str, set[int]] = {}

    def decide() -> None:  # a second editor's decision on a's component
        with linked.begin() as conn:
            lock_for_judging(conn)
            found["component"] = lock_component(conn, {a})[1]

    with linked.connect() as other:
        joining = other.begin()  # the first editor joins a and b, and holds their persons
        lock_for_judging(other)
        apply_judgements(other, [(a, b, "same")], "first", "", "judge", "a and b judged same")
        second = threading.Thread(target=decide)
        second.start()
        second.join(1.5)
        assert second.is_alive()  # it waits for the first editor's locks
        joining.commit()
        second.join(60)
    assert b in found["component"]
