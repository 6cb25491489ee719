"""Integrity under sequences of decisions: a merge taken back after a split keeps every record,
two editors deciding the same pair cannot overwrite each other, a judgement re-clusters only
the component it touches and gives exactly what re-clustering everything gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from tagdyr.persons import review as rv
from tagdyr.persons.cluster import cluster
from tagdyr.persons.linking import recluster
from tagdyr.settings import load_settings
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine, lock_for_writing
from tagdyr.web.app import create_app
from tests.db import record_id, uid_of
from tests.web import judgement_form, log_in


def _copy_demo(demo_db: str, tmp_path: Path) -> Engine:
    """A private copy of the session's demo database (SQLite's backup: WAL content too)."""
    target = tmp_path / "demo.db"
    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return create_db_engine(f"sqlite:///{target}")


def _records_of(engine: Engine, uid: str) -> set[int]:
    with engine.connect() as conn:
        return set(
            conn.execute(
                select(s.person_record.c.record_id)
                .join(s.person, s.person.c.id == s.person_record.c.person_id)
                .where(s.person.c.uid == uid)
            ).scalars()
        )


def test_split_then_merge_back_keeps_every_record_of_the_dossier(
    demo_db: str, tmp_path: Path
) -> None:
    engine = _copy_demo(demo_db, tmp_path)
    pavlodar = record_id(engine, "knb-pavlodar", "2")
    mod = record_id(engine, "kz-mod-memorial", "2")
    uid = uid_of(engine, pavlodar)
    dossier = _records_of(engine, uid)
    assert {pavlodar, mod} <= dossier and len(dossier) == 4  # Mysen, MoD, Pavlodar, OBD

    rv.split_record(engine, pavlodar, "demo", "not this man?")
    assert _records_of(engine, uid) == dossier - {pavlodar}
    rv.merge_persons(engine, uid, uid_of(engine, pavlodar), "demo", "he is, after all")
    assert _records_of(engine, uid) == dossier  # the MoD record did not leave
    assert uid_of(engine, mod) == uid

    # the merge reverted from the log: the split stands again, exactly
    with engine.connect() as conn:
        merge_event = conn.execute(
            select(s.audit_event.c.id).where(s.audit_event.c.action == "merge")
        ).scalar_one()
    from tagdyr.persons.revert import revert

    revert(engine, merge_event, "demo")
    assert _records_of(engine, uid) == dossier - {pavlodar}
    engine.dispose()


def test_a_decision_from_an_older_page_is_refused_with_409(linked: Engine) -> None:
    app = create_app(load_settings(database_url=str(linked.url)), engine=linked)
    editor_a, editor_b = TestClient(app), TestClient(app)
    log_in(editor_a, linked, "anna")
    log_in(editor_b, linked, "boris")
    page_a, page_b = editor_a.get("/review").text, editor_b.get("/review").text
    form_a, form_b = judgement_form(page_a, "same"), judgement_form(page_b, "not_same")
    assert form_a and form_b and (form_a["left_id"], form_a["right_id"]) == (
        form_b["left_id"], form_b["right_id"],
    )  # fmt: skip
    assert editor_b.post("/review/judge", data=form_b, follow_redirects=False).status_code == 303
    late = editor_a.post("/review/judge", data=form_a, follow_redirects=False)
    assert late.status_code == 409
    assert "decided since your page showed" in late.text and "boris" in late.text
    with linked.connect() as conn:
        trail = rv.history(conn)
    assert [(j.verdict, j.author) for j in trail] == [("not_same", "boris")]  # B's stands


def test_a_decision_on_a_pair_undone_since_the_page_is_refused(linked: Engine) -> None:
    left, right = record_id(linked, "mysen", "2"), record_id(linked, "register", "2")
    with linked.connect() as conn:
        shown = rv.pair_version(conn, left, right)
    made = rv.judge(linked, left, right, "same", "boris", pair_seen=shown)
    rv.undo(linked, made, "boris")
    try:
        rv.judge(linked, left, right, "same", "anna", pair_seen=shown + 1)  # saw it judged
    except rv.ConflictError as exc:
        assert "undone by boris" in str(exc)
    else:
        raise AssertionError("a decision on a page older than the undo was accepted")


def _partition(engine: Engine) -> dict[int, str]:
    with engine.connect() as conn:
        return {
            rid: uid
            for rid, uid in conn.execute(
                select(s.person_record.c.record_id, s.person.c.uid).join(
                    s.person, s.person.c.id == s.person_record.c.person_id
                )
            )
        }


def test_a_judgement_rewrites_only_the_persons_of_its_component(
    demo_db: str, tmp_path: Path
) -> None:
    engine = _copy_demo(demo_db, tmp_path)
    with engine.connect() as conn:
        versions_before = dict(conn.execute(select(s.person.c.uid, s.person.c.version)).all())
    pavlodar = record_id(engine, "knb-pavlodar", "2")
    uid = uid_of(engine, pavlodar)
    rv.split_record(engine, pavlodar, "demo")
    with engine.connect() as conn:
        versions_after = dict(conn.execute(select(s.person.c.uid, s.person.c.version)).all())
    bumped = {u for u, v in versions_after.items() if versions_before.get(u) != v}
    assert bumped == {uid, uid_of(engine, pavlodar)}
    # and the local result is the global one: re-clustering everything changes nothing
    local = _partition(engine)
    with engine.begin() as conn:
        lock_for_writing(conn)
        assert recluster(conn).changed_uids == frozenset()
    assert _partition(engine) == local
    engine.dispose()


def test_clustering_does_not_depend_on_the_order_of_pairs() -> None:
    nodes = [str(i) for i in range(6)]
    scored = [("0", "1", 0.95), ("1", "2", 0.95), ("2", "3", 0.95), ("4", "5", 0.95)]
    groups = {"0": "list", "2": "list"}
    first = cluster(nodes, scored, groups=groups)
    second = cluster(nodes, list(reversed(scored)), groups=groups)
    assert sorted(map(sorted, first)) == sorted(map(sorted, second))


def test_the_public_history_says_what_changed_not_who(linked: Engine) -> None:
    from tagdyr import accounts

    accounts.create_user(linked, "adm", "a long enough password 1", "admin", actor="cli:root")
    with linked.connect() as conn:
        admin = accounts.find_user(conn, "adm")
    assert admin is not None
    accounts.create_token(linked, admin, "nightly-harvest-script", actor="cli:root")
    client = TestClient(create_app(load_settings(database_url=str(linked.url)), engine=linked))
    public = client.get("/history?lang=en")
    assert public.status_code == 200 and "linkage run" in public.text  # what and when
    for who in ("adm", "created as admin", "nightly-harvest-script", "cli:root"):
        assert who not in public.text
    log_in(client, linked, "boss", role="admin")
    by_admin = client.get("/history?lang=en").text
    assert "user adm created as admin" in by_admin and "nightly-harvest-script" in by_admin


def test_the_login_throttle_holds_under_concurrent_attempts(postgres_url: str) -> None:
    """Twelve wrong passwords at once from one address, on PostgreSQL: exactly five are
    checked, the rest refused with 429 (several workers counted 7-8 before)."""
    from concurrent.futures import ThreadPoolExecutor

    from tagdyr import accounts
    from tagdyr.errors import AccessError
    from tests.conftest import _fresh_postgres

    _, engine = _fresh_postgres(postgres_url)
    from tagdyr.store.db import migrate

    migrate(engine)
    accounts.create_user(engine, "anna", "a long enough password 1", "editor", actor="test")

    def attempt(_: int) -> int:
        try:
            accounts.authenticate(engine, "anna", "wrong", "10.0.0.7", attempts=5,
                                  window_minutes=15)  # fmt: skip
        except AccessError as exc:
            return exc.status
        return 200

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = sorted(pool.map(attempt, range(12)))
    assert statuses == [401] * 5 + [429] * 7
    engine.dispose()


def test_a_linkage_run_leaves_no_spill_folder(
    linked: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import tempfile

    from tagdyr.persons.linking import link_database

    spills = tmp_path / "tmp"
    spills.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spills))
    link_database(linked, threshold=0.9, floor=0.001)
    gc.collect()
    assert list(spills.glob("tagdyr-duckdb-*")) == []


def test_a_db_backup_leaves_no_part_files(sqlite_engine: Engine, tmp_path: Path) -> None:
    from tagdyr.backup import backup

    out = tmp_path / "backups" / "copy.db"
    out.parent.mkdir()
    assert "integrity ok" in backup(sqlite_engine, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["copy.db"]
