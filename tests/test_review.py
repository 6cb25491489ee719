"""The review loop: queue order, judgements that re-cluster at once, undo, the audit trail —
in the library on SQLite and PostgreSQL, and over HTTP."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tagdyr.errors import NotFoundError, TagdyrError
from tagdyr.persons import review as rv
from tagdyr.settings import load_settings
from tagdyr.web.app import create_app
from tests.db import record_id, uid_of
from tests.web import log_in


def test_judgement_recluster_and_undo(linked: Engine) -> None:
    engine = linked
    bektanov_list, bektanov_register = (
        record_id(engine, "mysen", "1"),
        record_id(engine, "register", "1"),
    )
    zhum_list, zhum_register = record_id(engine, "mysen", "2"), record_id(engine, "register", "2")
    assert uid_of(engine, bektanov_list) == uid_of(engine, bektanov_register)
    assert uid_of(engine, zhum_list) != uid_of(engine, zhum_register)  # Kassym 1918, Нурлан 1931

    with engine.connect() as conn:
        queue = rv.review_queue(conn, limit=50)
        assert rv.queue_size(conn) == len(queue) > 0
    distance = [abs(item.match_probability - 0.5) for item in queue]
    assert distance == sorted(distance)  # the most uncertain first

    uids_before = (uid_of(engine, zhum_list), uid_of(engine, zhum_register))
    same = rv.judge(engine, zhum_list, zhum_register, "same", "A. Historian", "same father")
    assert uid_of(engine, zhum_list) == uid_of(engine, zhum_register)
    split = rv.judge(engine, bektanov_register, bektanov_list, "not_same", "A. Historian")
    assert uid_of(engine, bektanov_list) != uid_of(engine, bektanov_register)
    with engine.connect() as conn:
        judged = {frozenset((i.left.id, i.right.id)) for i in rv.review_queue(conn, limit=50)}
    assert frozenset((bektanov_list, bektanov_register)) not in judged  # either orientation
    assert frozenset((zhum_list, zhum_register)) not in judged

    rv.undo(engine, split)
    assert uid_of(engine, bektanov_list) == uid_of(engine, bektanov_register)
    rv.undo(engine, same)
    # the merge undone: each record is back with the person (and URL) it had before
    assert (uid_of(engine, zhum_list), uid_of(engine, zhum_register)) == uids_before
    with pytest.raises(NotFoundError):
        rv.undo(engine, same)  # already undone

    with engine.connect() as conn:
        trail = rv.history(conn)
    assert [(j.id, j.verdict, j.author) for j in trail] == [
        (split, "not_same", "A. Historian"),
        (same, "same", "A. Historian"),
    ]
    assert all(j.undone_at is not None for j in trail)
    assert trail[1].note == "same father"


def test_bad_judgements_are_refused_and_nothing_is_written(linked: Engine) -> None:
    a, b = record_id(linked, "mysen", "1"), record_id(linked, "register", "1")
    with pytest.raises(TagdyrError, match="verdict"):
        rv.judge(linked, a, b, "maybe", "A. Historian")
    with pytest.raises(TagdyrError, match="author"):
        rv.judge(linked, a, b, "same", "  ")
    with pytest.raises(NotFoundError):
        rv.judge(linked, a, 999_999, "same", "A. Historian")
    with linked.connect() as conn:
        assert rv.history(conn) == []


def test_review_over_http(linked: Engine) -> None:
    client = TestClient(create_app(load_settings(database_url=str(linked.url)), engine=linked))
    assert (
        client.get("/review", follow_redirects=False).headers["location"] == "/login?next=/review"
    )
    csrf = log_in(client, linked, "reviewer")
    page = client.get("/review?lang=ru")
    assert page.status_code == 200
    assert "Один человек" in page.text and 'class="waterfall"' in page.text
    left = re.search(r'name="left_id" value="(\d+)"', page.text)
    right = re.search(r'name="right_id" value="(\d+)"', page.text)
    seen = re.search(r'name="seen" value="([^"]+)"', page.text)
    assert left and right and seen
    form = {"left_id": left[1], "right_id": right[1], "verdict": "unsure", "seen": seen[1],
            "csrf_token": csrf}  # fmt: skip
    done = client.post("/review/judge", data=form, follow_redirects=False)
    assert done.status_code == 303
    after = client.get(done.headers["location"]).text
    assert 'id="undo"' in after and f'name="left_id" value="{left[1]}"' not in after
    again = client.post("/review/judge", data=form)  # a double click: not applied twice
    assert again.status_code == 409 and "already judged" in again.text
    history = client.get("/history").text
    assert "reviewer" in history and "«Не уверен»" in history  # the page is in Russian now
    judgement = re.search(r'name="judgement_id" value="(\d+)"', after)
    assert judgement
    back = client.post("/review/undo", data={"judgement_id": judgement[1], "csrf_token": csrf})
    assert back.status_code == 200
    assert f'name="left_id" value="{left[1]}"' in back.text  # the pair is open again
    assert 'class="undone"' in client.get("/history").text
    refused = client.post("/review/judge", data={**form, "verdict": "maybe"})
    assert refused.status_code == 400 and "maybe" in refused.text


def test_split_a_record_out_and_merge_two_persons(linked: Engine) -> None:
    engine = linked
    b_list, b_register = record_id(engine, "mysen", "1"), record_id(engine, "register", "1")
    z_list, z_register = record_id(engine, "mysen", "2"), record_id(engine, "register", "2")
    undo_these = rv.split_record(engine, b_register, "A. Historian", "another Мажит")
    assert uid_of(engine, b_list) != uid_of(engine, b_register)
    with pytest.raises(TagdyrError, match="only record"):
        rv.split_record(engine, b_register, "A. Historian")
    for judgement in undo_these:
        rv.undo(engine, judgement)
    assert uid_of(engine, b_list) == uid_of(engine, b_register)

    rv.merge_persons(engine, uid_of(engine, z_list), uid_of(engine, z_register), "A. Historian")
    assert uid_of(engine, z_list) == uid_of(engine, z_register)
    with pytest.raises(TagdyrError, match="already one person"):
        rv.merge_persons(engine, uid_of(engine, z_list), uid_of(engine, z_register), "A. Historian")


def test_split_and_merge_from_the_dossier_page(linked: Engine) -> None:
    client = TestClient(create_app(load_settings(database_url=str(linked.url)), engine=linked))
    b_list, b_register = record_id(linked, "mysen", "1"), record_id(linked, "register", "1")
    uid = uid_of(linked, b_list)
    assert "Not this man?" not in client.get(f"/person/{uid}?lang=en").text  # anonymous
    csrf = log_in(client, linked, "editor")
    page = client.get(f"/person/{uid}?lang=en").text
    assert "Not this man?" in page and "The same man as another person?" in page
    seen = re.search(r'name="seen" value="([^"]+)"', page)
    assert seen
    form = {"record_id": str(b_register), "note": "different father", "seen": seen[1],
            "csrf_token": csrf}  # fmt: skip
    done = client.post(f"/person/{uid}/split", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/person/{uid}"
    assert uid_of(linked, b_list) != uid_of(linked, b_register)
    stale = client.post(f"/person/{uid}/split", data=form)  # the page before the split
    assert stale.status_code == 409 and "reload the page" in stale.text
    other = uid_of(linked, b_register)
    merged = client.post(f"/person/{other}/merge", data={"other": uid, "csrf_token": csrf})
    assert merged.status_code == 200  # the redirect followed to the person
    assert uid_of(linked, b_list) == uid_of(linked, b_register)
    history = client.get("/history").text
    assert history.count("<td>editor</td>") == 2 and "different father" in history
    person_history = client.get(f"/person/{uid}/history").text
    assert "split" in person_history and "merge" in person_history
