"""What the load work changed: a dossier's count of the persons of its list stays true after
persons change (it is reused between changes), and every answer says where its time went."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from tagdyr.persons import review as rv
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.store import schema as s
from tagdyr.store.queries import get_dossier, related_persons
from tagdyr.web.app import create_app
from tests.files import write_csv

NAMES = ["Бектанов Мажит", "Жуманиязов Нурлан", "Омаров Кабыш", "Сейтов Асан", "Ким Борис"]


def _list(engine: Engine, tmp_path: Path) -> list[str]:
    rows = [["№", "ФИО"], *([str(n), name] for n, name in enumerate(NAMES, 1))]
    import_table(engine, write_csv(tmp_path / "list.csv", rows), SourceInfo("l", "A list", "x"))
    with engine.connect() as conn:
        return list(conn.execute(select(s.person.c.uid).order_by(s.person.c.id)).scalars())


def _same_list_total(engine: Engine, uid: str) -> int:
    with engine.connect() as conn:
        (found,) = [r for r in related_persons(conn, get_dossier(conn, uid)) if r.why == "list"]
        return found.total


def test_the_count_of_a_list_s_persons_follows_merges_and_their_undo(
    engine: Engine, tmp_path: Path
) -> None:
    uids = _list(engine, tmp_path)
    assert _same_list_total(engine, uids[0]) == 4
    judgement = rv.merge_persons(engine, uids[1], uids[2], "editor")
    assert _same_list_total(engine, uids[0]) == 3  # a count kept from before would say 4
    rv.undo(engine, judgement, "editor")
    assert _same_list_total(engine, uids[0]) == 4


_TIMING = re.compile(r'^app;dur=([\d.]+), db;dur=([\d.]+);desc="(\d+) statements"$')


def test_every_answer_says_its_time_in_the_app_and_in_the_database(
    engine: Engine, tmp_path: Path
) -> None:
    uids = _list(engine, tmp_path)
    client = TestClient(create_app(load_settings(database_url="sqlite://"), engine))
    dossier = client.get(f"/person/{uids[0]}")
    assert dossier.status_code == 200
    found = _TIMING.match(dossier.headers["server-timing"])
    assert found, dossier.headers["server-timing"]
    app_ms, db_ms, statements = float(found[1]), float(found[2]), int(found[3])
    assert statements >= 5 and 0 < db_ms <= app_ms
    missing = client.get("/static/does-not-exist.css")
    assert _TIMING.match(missing.headers["server-timing"])[3] == "0"  # type: ignore[index]
