"""A revert or undo brings the persons back under their own uids: the sequence of web-UI
actions an earlier helper found (import, judge, undo, a new version of a list, judge, re-import,
link, merge, revert the merge) left the merged-away person under a different uid, because the
person to revive was chosen by its label and by when it was folded, not by the records it held.
Replayed through the state machine's own rules, whose assertions say what must hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_state_machine import Tagdyr, _postgresql, _sqlite


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("first_undo", ["from the judgements list", "the last action"])
def test_reverting_a_merge_brings_the_merged_away_person_back_under_its_uid(
    backend: str, first_undo: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    cleanup: Iterator[Any] | None = None
    if backend == "sqlite":
        make, drop = _sqlite(tmp_path)
    else:
        cleanup = _postgresql(request.getfixturevalue("postgres_url"))
        make, drop = next(cleanup)
    machine_class = type("Replay", (Tagdyr,), {})
    machine_class.make_engine, machine_class.drop, machine_class.folder = (  # type: ignore[attr-defined]
        staticmethod(make), staticmethod(drop), tmp_path,
    )  # fmt: skip
    machine = machine_class()
    try:
        machine.import_list(name="mysen")
        machine.import_list(name="register")
        machine.judge(a=9737, b=3228, verdict="same")
        if first_undo == "the last action":
            machine.undo()
        else:
            machine.undo_any_own(a=169, page="fresh")
        machine.import_list(name="mysen-v2")
        machine.judge(a=226, b=1235, verdict="same")
        machine.import_list(name="register")
        machine.link()
        machine.merge(a=714, b=760)
        machine.revert_last()  # asserts: exactly the persons, uids and verdicts before the merge
        machine.every_uid_given_still_leads_to_a_person()
    finally:
        machine.teardown()
        if cleanup is not None:
            next(cleanup, None)
