"""Review for historians over HTTP: the two records side by side (agree / differ in words),
undo of any of one's own judgements with a message, merge by searching the other person by
name, and linkage started from the browser as a background job whose progress a page reads."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from tagdyr.persons import review as rv
from tagdyr.persons.linking import latest_run_id, link_database
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.web.app import create_app
from tests.db import record_id, uid_of
from tests.files import write_csv
from tests.web import csrf_of, log_in


def _client(engine: Engine, tmp_path: Path, user: str = "editor") -> TestClient:
    settings = load_settings(database_url=str(engine.url), upload_dir=tmp_path / "uploads")
    client = TestClient(create_app(settings, engine=engine))
    client.headers["X-CSRF-Token"] = log_in(client, engine, user)
    return client


def _row(page: str, label: str) -> str:
    """The text of the side-by-side row whose heading is ``label``."""
    found = re.search(
        rf'<tr class="field-(\w+)"><th scope="row">{label}</th>(.*?)</tr>', page, re.S
    )
    assert found, label
    return found[1] + " " + re.sub(r"<[^>]+>", " ", found[2])


def test_the_review_page_says_which_fields_agree_and_which_differ(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    listed = write_csv(
        tmp_path / "l.csv", [["Nr", "Navn", "Født"], ["1", "Bektanow Mashit", "1914"]]
    )
    register = write_csv(
        tmp_path / "r.csv",
        [["№", "Фамилия", "Имя", "Год рождения"], ["1", "Бектанов", "Мажит", "1917"]],
    )
    import_table(sqlite_engine, listed, SourceInfo("mysen", "Mysen list", "Riksarkivet"))
    import_table(sqlite_engine, register, SourceInfo("reg", "Register", "MoD", kind="register"))
    link_database(sqlite_engine, threshold=0.9, floor=0.0001)
    client = _client(sqlite_engine, tmp_path)
    page = html.unescape(client.get("/review?lang=en").text)
    surname, birth = _row(page, "surname"), _row(page, "birth")
    assert surname.startswith("agree") and "Bektanow" in surname and "Бектанов" in surname
    assert "✓" in surname and " agree" in surname  # a sign and a word, not colour alone
    assert birth.startswith("differ") and "1914" in birth and "1917" in birth and " differ" in birth
    ru = html.unescape(client.get("/review?lang=ru").text)
    assert "различаются" in _row(ru, "рождение") and "совпадают" in _row(ru, "фамилия")


def test_undo_any_of_ones_own_judgements_from_the_list(linked: Engine, tmp_path: Path) -> None:
    client = _client(linked, tmp_path)
    a, b = record_id(linked, "mysen", "1"), record_id(linked, "register", "1")
    first = rv.judge(linked, a, b, "not_same", "editor")  # splits Bektanov
    apart = uid_of(linked, a) != uid_of(linked, b)
    later = [rv.judge(linked, record_id(linked, "mysen", "2"), record_id(linked, "register", r),
                      "unsure", "editor") for r in ("2", "3")]  # fmt: skip
    theirs = rv.judge(linked, record_id(linked, "mysen", "1"), record_id(linked, "register", "3"),
                      "not_same", "someone-else")  # fmt: skip
    assert apart
    mine = client.get("/review/mine?lang=en").text
    shown = [int(i) for i in re.findall(r'name="judgement_id" value="(\d+)"', mine)]
    assert sorted(shown) == sorted([first, *later])  # all of mine, none of theirs
    assert f'id="judgement-{theirs}"' not in mine
    form = re.search(
        rf'name="judgement_id" value="{first}">\s*<input type="hidden" name="pair_seen" '
        r'value="(\d+)">',
        mine,
    )
    assert form
    done = client.post("/review/undo", data={"judgement_id": first, "pair_seen": form[1],
                                             "back": "mine"}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == f"/review/mine?undone={first}"
    said = html.unescape(client.get(done.headers["location"]).text)
    message = re.search(r'id="undone-message">(.*?)</p>', said, re.S)
    assert message and f"#{first}" in message[1] and "Not the same" in message[1]
    assert "Bektanow Mashit" in message[1] and "Бектанов Мажит" in message[1]
    assert uid_of(linked, a) == uid_of(linked, b)  # the first judgement, undone long after
    with linked.connect() as conn:
        active = {j.id for j in rv.history(conn) if j.undone_at is None}
    assert active == {*later, theirs}
    again = client.post("/review/undo", data={"judgement_id": first, "pair_seen": form[1]})
    assert again.status_code == 404 and "already undone" in again.text
    foreign = client.post("/review/undo", data={"judgement_id": theirs})
    assert foreign.status_code == 403 and "someone-else" in foreign.text


def test_undo_refuses_a_page_that_showed_the_pair_before_another_decision(
    linked: Engine, tmp_path: Path
) -> None:
    client = _client(linked, tmp_path)
    a, b = record_id(linked, "mysen", "1"), record_id(linked, "register", "1")
    made = rv.judge(linked, a, b, "unsure", "editor")
    mine = client.get("/review/mine").text
    seen = re.search(r'name="pair_seen" value="(\d+)"', mine)
    assert seen
    rv.judge(linked, a, b, "same", "someone-else")  # decided meanwhile, by another editor
    stale = client.post("/review/undo", data={"judgement_id": made, "pair_seen": seen[1]})
    assert stale.status_code == 409 and "someone-else" in stale.text
    with linked.connect() as conn:
        assert all(j.undone_at is None for j in rv.history(conn))  # nothing was undone


def test_merge_by_searching_the_other_person_by_name(linked: Engine, tmp_path: Path) -> None:
    client = _client(linked, tmp_path)
    z_list, z_register = record_id(linked, "mysen", "2"), record_id(linked, "register", "2")
    ours, theirs = uid_of(linked, z_list), uid_of(linked, z_register)
    assert ours != theirs
    dossier = client.get(f"/person/{ours}?lang=en").text
    assert f'hx-get="/person/{ours}/merge-candidates"' in dossier and 'name="q"' in dossier
    found = client.get(f"/person/{ours}/merge-candidates", params={"q": "Жуманиязов"},
                       headers={"HX-Request": "true"}).text  # fmt: skip
    assert "<html" not in found
    candidate = re.search(rf'value="{theirs}" id="cand-{theirs}"[^>]*>\s*<label[^>]*>(.*?)</label>',
                          found, re.S)  # fmt: skip
    assert candidate and "Жуманиязов Нурлан" in candidate[1] and "1931" in candidate[1]
    assert f'value="{ours}"' not in found.replace(f'value="{ours}:', "")  # not himself
    seen = re.search(r'name="seen" value="([^"]+)"', found)
    assert seen
    csrf = csrf_of(found)
    wrong = client.post(f"/person/{ours}/merge", data={"other": "0badc0ffee00", "seen": seen[1],
                                                       "csrf_token": csrf})  # fmt: skip
    assert wrong.status_code == 400
    assert "The chosen person (0badc0ffee00) is not in tagdyr" in wrong.text
    assert f'href="/person/{ours}#merge"' in wrong.text and "Not found" not in wrong.text
    itself = client.post(f"/person/{ours}/merge?lang=ru",
                         data={"other": ours, "seen": seen[1], "csrf_token": csrf})  # fmt: skip
    assert itself.status_code == 400 and "уже одно лицо" in itself.text
    chosen = {"other": theirs, "seen": seen[1], "csrf_token": csrf}
    merged = client.post(f"/person/{ours}/merge", data=chosen, follow_redirects=False)
    assert merged.status_code == 303
    assert uid_of(linked, z_list) == uid_of(linked, z_register)


def _wait_for_linkage(client: TestClient, url: str) -> str:
    for _ in range(300):
        part = client.get(url, headers={"HX-Request": "true"}).text
        if 'hx-trigger="every' not in part:
            return part
        assert re.search(r'<progress id="link-bar" max="3" value="[\d.]+"', part)
        time.sleep(0.2)
    raise AssertionError("the linkage run did not end")


def test_linkage_from_the_browser_after_an_import(linked: Engine, tmp_path: Path) -> None:
    client = _client(linked, tmp_path)
    before = latest_run_id(linked.connect())
    upload = client.post(
        "/import/preview",
        files={"file": ("extra.csv", "Nr;Navn;Født\n1;Omarow Kabysch;1910\n".encode(), "text/csv")},
        data={"key": "extra", "title": "Extra list", "citation": "Riksarkivet (test)"},
    ).text
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', upload))
    done = client.post("/import/commit", data=form).text
    assert 'action="/link/start"' in done and "Run linkage" in done
    assert "tagdyr link" not in done
    started = client.post("/link/start", data={"csrf_token": csrf_of(done)}, follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"].startswith("/link/job/")
    page = client.get(started.headers["location"]).text
    assert "<progress" in page and "<html" in page
    result = _wait_for_linkage(client, started.headers["location"])
    with linked.connect() as conn:
        run = conn.execute(select(s.link_run).order_by(s.link_run.c.id.desc())).first()
        actor = conn.execute(
            select(s.audit_event.c.actor).where(s.audit_event.c.action == "link")
            .order_by(s.audit_event.c.id.desc())
        ).scalar()  # fmt: skip
    assert run is not None and run.id != before and actor == "editor"
    assert f"{run.person_count} persons" in result and f"run {run.id}," in result
    extra = record_id(linked, "extra", "1")
    assert uid_of(linked, extra) == uid_of(linked, record_id(linked, "register", "3"))
