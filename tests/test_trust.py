"""Trust: roles, logins, CSRF, tokens, headers, rate limits; the append-only audit log with
reverts of every kind of change; optimistic locking — on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from tagdyr import accounts
from tagdyr.errors import ConflictError, TagdyrError
from tagdyr.persons import review as rv
from tagdyr.persons.linking import link_database
from tagdyr.persons.revert import revert
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.audit import events
from tagdyr.web.app import create_app
from tests.db import record_id, uid_of
from tests.files import write_csv
from tests.web import PASSWORD, csrf_of, log_in


def _client(engine: Engine, **settings: object) -> TestClient:
    return TestClient(create_app(load_settings(database_url=str(engine.url), **settings),
                                 engine=engine))  # fmt: skip


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def _pair_form(engine: Engine, csrf: str | None) -> dict[str, str]:
    form = {"left_id": str(record_id(engine, "mysen", "2")),
            "right_id": str(record_id(engine, "register", "2")), "verdict": "same"}  # fmt: skip
    return {**form, "csrf_token": csrf} if csrf is not None else form


def test_anonymous_visitors_read_but_change_nothing(linked: Engine) -> None:
    client = _client(linked)
    assert client.get("/").status_code == 200
    uid = uid_of(linked, record_id(linked, "mysen", "1"))
    assert client.get(f"/person/{uid}").status_code == 200
    for path in ("/review", "/import", "/account", "/admin/users"):
        page = client.get(path, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login"), path
    refused = client.post("/review/judge", data=_pair_form(linked, None))
    assert refused.status_code == 401 and "log in" in refused.text
    merged = client.post(f"/person/{uid}/merge", data={"other": "x"})
    assert merged.status_code == 401
    assert _count(linked, s.judgement) == 0


def test_roles_and_private_data(linked: Engine) -> None:
    accounts.create_user(linked, "boss", PASSWORD, "admin", actor="test",
                         email="boss@private.example", note="phone 555-0199")  # fmt: skip
    editor = _client(linked)
    csrf = log_in(editor, linked, "editor")
    assert editor.get("/admin/users").status_code == 403  # an editor is no admin
    done = editor.post("/review/judge", data={**_pair_form(linked, csrf), "note": "same card"},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    admin = _client(linked)
    log_in(admin, linked, "boss")
    users = admin.get("/admin/users").text
    assert "boss@private.example" in users and "phone 555-0199" in users
    anonymous = _client(linked)
    uid = uid_of(linked, record_id(linked, "mysen", "2"))
    for path in ("/history", f"/person/{uid}", f"/person/{uid}/history", "/",
                 f"/person/{uid}.jsonld", "/export/persons.csv"):  # fmt: skip
        body = anonymous.get(path).text
        for private in ("boss@private.example", "555-0199", "same card", ">editor<"):
            assert private not in body, (path, private)
    assert "an editor" in anonymous.get("/history").text
    assert "same card" in editor.get("/history").text  # editors see who decided and why


def test_a_private_deployment_needs_a_login(linked: Engine) -> None:
    client = _client(linked, public_read=False)
    page = client.get(
        "/search?q=Bektanov", follow_redirects=False, headers={"Accept": "text/html"}
    )  # a browser: to the login page
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/search"
    assert client.get("/export/persons.csv").status_code == 401  # not a browser: no redirect
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    log_in(client, linked)
    assert "Бектанов" in client.get("/search?q=Bektanov").text


def test_every_change_needs_its_pages_csrf_token(linked: Engine) -> None:
    client = _client(linked)
    csrf = log_in(client, linked)
    for forged in (None, "", "x" * 43):
        refused = client.post("/review/judge", data=_pair_form(linked, forged))
        assert refused.status_code == 403 and "CSRF" in refused.text
    other = _client(linked)
    other_csrf = log_in(other, linked, "other")
    assert other_csrf != csrf
    assert client.post("/review/judge", data=_pair_form(linked, other_csrf)).status_code == 403
    assert _count(linked, s.judgement) == 0
    no_token_login = _client(linked).post("/login", data={"username": "editor",
                                                          "password": PASSWORD})  # fmt: skip
    assert no_token_login.status_code == 403
    assert client.post("/review/judge", data=_pair_form(linked, csrf)).status_code == 200


def test_logins_are_throttled_and_passwords_hashed(linked: Engine) -> None:
    accounts.create_user(linked, "editor", PASSWORD, "editor", actor="test")
    client = _client(linked, login_attempts=3)
    csrf = csrf_of(client.get("/login").text)
    for _ in range(3):
        wrong = client.post("/login", data={"username": "editor", "password": "wrong password",
                                            "csrf_token": csrf})  # fmt: skip
        assert wrong.status_code == 401 and "wrong username or password" in wrong.text
    right = client.post("/login", data={"username": "editor", "password": PASSWORD,
                                        "csrf_token": csrf})  # fmt: skip
    assert right.status_code == 429 and "too many failed logins" in right.text
    with linked.connect() as conn:
        stored = conn.execute(select(s.app_user.c.password_hash)).scalar_one()
        sessions = conn.execute(select(s.web_session.c.id)).scalars().all()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert sessions == []


def test_sessions_are_stored_as_digests_and_end_with_a_new_password(linked: Engine) -> None:
    client = _client(linked)
    log_in(client, linked)
    cookie = client.cookies.get("tagdyr_session")
    assert cookie
    with linked.connect() as conn:
        assert conn.execute(select(s.web_session.c.id)).scalar_one() == (
            hashlib.sha256(cookie.encode()).hexdigest()
        )
    accounts.change_user(linked, "editor", actor="test", password="another long password")
    assert client.get("/account", follow_redirects=False).status_code == 303  # logged out


def test_api_tokens_for_scripts(linked: Engine) -> None:
    browser = _client(linked)
    csrf = log_in(browser, linked)
    page = browser.post("/account/tokens", data={"name": "nightly import", "csrf_token": csrf})
    token = page.text.split('<code id="new-token">')[1].split("<")[0]
    assert token.startswith("tgd_") and token not in browser.get("/account").text
    script = _client(linked)
    bearer = {"Authorization": f"Bearer {token}"}
    done = script.post("/review/judge", data=_pair_form(linked, None), headers=bearer,
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303  # no CSRF token needed: browsers never send it by themselves
    assert events(linked.connect(), limit=1)[0].actor == "editor"
    bad = script.get("/", headers={"Authorization": "Bearer tgd_forged"})
    assert bad.status_code == 401
    with linked.connect() as conn:
        token_id, stored = conn.execute(select(s.api_token.c.id, s.api_token.c.token_hash)).one()
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    browser.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert script.get("/review", headers=bearer).status_code == 401


def test_secure_headers(linked: Engine) -> None:
    page = _client(linked, base_url="https://tagdyr.example.org").get("/")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["strict-transport-security"].startswith("max-age=")
    assert "secure" in page.headers["set-cookie"].lower()  # the CSRF cookie, over HTTPS only
    tiles = _client(linked, tiles_url="https://tiles.example.org/{z}/{x}/{y}.png").get("/")
    assert "https://tiles.example.org" in tiles.headers["content-security-policy"]
    client = _client(linked)
    log_in(client, linked)
    assert client.get("/").headers["cache-control"] == "private, no-store"


def test_searches_are_rate_limited_per_address(linked: Engine) -> None:
    client = _client(linked, search_rate_per_minute=5)
    codes = [client.get("/search?q=Bektanov").status_code for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
    assert client.get("/").status_code == 200  # other pages are not limited


def test_the_audit_log_is_append_only(linked: Engine) -> None:
    assert _count(linked, s.audit_event) == 3  # two imports and a linkage run
    for statement in ("UPDATE audit_event SET actor = 'someone else'", "DELETE FROM audit_event",
                      "DELETE FROM audit_person"):  # fmt: skip
        with pytest.raises(DBAPIError, match="append-only"), linked.begin() as conn:
            conn.execute(text(statement))
    assert _count(linked, s.audit_event) == 3


def _persons(engine: Engine) -> set[frozenset[int]]:
    with engine.connect() as conn:
        rows = conn.execute(select(s.person_record.c.person_id, s.person_record.c.record_id))
        grouped: dict[int, set[int]] = {}
        for person_id, rid in rows:
            grouped.setdefault(person_id, set()).add(rid)
    return {frozenset(g) for g in grouped.values()}


def test_every_kind_of_change_is_logged_and_revertible(linked: Engine, tmp_path: Path) -> None:
    engine = linked
    start = _persons(engine)
    b_list, b_register = record_id(engine, "mysen", "1"), record_id(engine, "register", "1")
    z_list, z_register = record_id(engine, "mysen", "2"), record_id(engine, "register", "2")

    rv.split_record(engine, b_register, "alice", "another Мажит")
    split = events(engine.connect(), limit=1)[0]
    assert (split.action, split.actor) == ("split", "alice")
    assert uid_of(engine, b_list) in split.persons
    revert(engine, split.id, "bob")
    assert _persons(engine) == start
    undo_the_revert = events(engine.connect(), limit=1)[0]
    assert undo_the_revert.reverts_id == split.id and undo_the_revert.actor == "bob"
    revert(engine, undo_the_revert.id, "carol")  # a revert is reverted: split again
    assert uid_of(engine, b_list) != uid_of(engine, b_register)
    with pytest.raises(ConflictError, match="already reverted"):
        revert(engine, split.id, "bob")

    rv.merge_persons(engine, uid_of(engine, z_list), uid_of(engine, z_register), "alice")
    merge = events(engine.connect(), limit=1)[0]
    assert uid_of(engine, z_list) == uid_of(engine, z_register)
    revert(engine, merge.id, "bob")
    assert uid_of(engine, z_list) != uid_of(engine, z_register)

    records = _count(engine, s.record)
    extra = write_csv(tmp_path / "extra.csv", [["Nr", "Navn"], ["1", "Omarow Kabysch"]])
    import_table(engine, extra, SourceInfo("extra", "Extra list", "Archive"), user="alice")
    link_database(engine, threshold=0.9, floor=0.001, actor="alice")
    linked_persons = _persons(engine)
    run, imported = events(engine.connect(), limit=2)
    assert (run.action, imported.action) == ("link", "import")
    with pytest.raises(TagdyrError, match="no change"):
        revert(engine, imported.id + 100, "bob")
    revert(engine, run.id, "bob")  # persons as before the run (the run before it is kept)
    assert _count(engine, s.record) == records + 1
    revert(engine, imported.id, "bob")
    assert _count(engine, s.record) == records
    with engine.connect() as conn:
        assert conn.execute(select(s.source.c.id).where(s.source.c.key == "extra")).first() is None
    assert linked_persons != _persons(engine)
    assert all(e.actor for e in events(engine.connect(), limit=100))


def test_a_persons_history_follows_merges(linked: Engine) -> None:
    z_list, z_register = record_id(linked, "mysen", "2"), record_id(linked, "register", "2")
    folded = uid_of(linked, z_register)
    rv.merge_persons(linked, uid_of(linked, z_list), folded, "alice", "one man")
    living = uid_of(linked, z_list)
    page = _client(linked).get(f"/person/{folded}/history", follow_redirects=True).text
    assert "merge" in page and f"persons {uid_of(linked, z_list)}" in page
    assert living in page


def test_optimistic_locking_refuses_a_stale_page(linked: Engine) -> None:
    b_list, b_register = record_id(linked, "mysen", "1"), record_id(linked, "register", "1")
    uid = uid_of(linked, b_list)
    with linked.connect() as conn:
        version = conn.execute(select(s.person.c.version).where(s.person.c.uid == uid)).scalar_one()
    seen = {uid: version}
    rv.split_record(linked, b_register, "alice", seen=seen)  # Alice's page was current
    judgements = _count(linked, s.judgement)
    with pytest.raises(ConflictError, match=r"changed by alice \(split"):
        rv.merge_persons(linked, uid, uid_of(linked, b_register), "bob", seen=seen)
    assert _count(linked, s.judgement) == judgements  # Bob's stale decision stored nothing


def test_the_deployment_guide_lists_every_setting() -> None:
    from tagdyr.settings import Settings

    guide = (Path(__file__).parent.parent / "docs" / "deployment.md").read_text("utf-8")
    for name in Settings.model_fields:
        assert f"`TAGDYR_{name.upper()}`" in guide, name


def test_a_uid_of_digits_only_is_a_uid_not_a_number(engine: Engine) -> None:
    """Found by the load test: a 12-digit uid was read as a person number and PostgreSQL
    refused it as out of range (a 500 instead of the dossier)."""
    from datetime import UTC, datetime

    from tagdyr.store.queries import resolve_person

    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(s.person.insert(), {"uid": "686644094410", "label": "Бектанов Мажит",
                                         "created_at": now, "updated_at": now})  # fmt: skip
    with engine.connect() as conn:
        assert resolve_person(conn, "686644094410")[1] == "686644094410"
