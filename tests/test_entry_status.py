"""Undecided list entries go to review, not to nowhere (issue 27 item 2).

A list entry whose man is one of two namesakes in the register is joined to neither: it waits
in the review queue with both candidates ("one of 2 candidates"), and each candidate's
dossier says "possibly also: list entry …", in kk, ru and en. An entry with one clear man is
matched; an entry with no candidate is not in the register.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tagdyr.persons.entries import ABSENT, CANDIDATES, MATCHED, entry_status, possible_entries
from tagdyr.persons.linking import link_database
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.web.app import create_app
from tests.db import record_id, uid_of
from tests.web import log_in

SURNAMES = ("Касымов", "Омаров", "Жунусов", "Сейтов", "Нургалиев", "Абенов", "Турсунов",
            "Исмаилов", "Садыков", "Мукашев", "Ахметов", "Шарипов")  # fmt: skip
GIVEN = ("Болат", "Марат", "Серик", "Кайрат", "Данияр", "Амангельды", "Тимур", "Бауыржан")
NAMESAKES = [  # two men of one name, born 1902 and 1904, from two oblasts: an entry born 1903
    # cannot tell them apart
    ["R-a", "Айтгулов", "Нурбай", "Серикович", "1902", "Акмолинская обл.", "Акмолинский РВК",
     "красноармеец"],
    ["R-b", "Айтгулов", "Нурбай", "Жумабекович", "1904", "Семипалатинская обл.",
     "Семипалатинский ГВК", "красноармеец"],
]  # fmt: skip
LIST = [
    ["L-1", "Айтгулов Нурбай", "1903", "", "", "Stalag 326"],
    ["L-2", "Бектасов Ерлан", "1915", "Павлодарская обл.", "сержант", "Stalag 326"],
    ["L-3", "Жанкелдин Орал", "1920", "", "", "Stalag 326"],
]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture
def linked(sqlite_engine: Engine, tmp_path: Path) -> Engine:
    fillers = [  # a register of some size: two namesakes in a tiny one are likely one man
        [f"R{i}-{j}-{y}", surname, given, "", str(1900 + 10 * y + j), "", "", "красноармеец"]
        for i, surname in enumerate(SURNAMES)
        for j, given in enumerate(GIVEN)
        for y in range(3)
    ]
    clear = [["R-c", "Бектасов", "Ерлан", "Канатович", "1915", "Павлодарская обл.", "", "сержант"]]
    register = _write(
        tmp_path / "register.csv",
        ["id", "surname", "given_name", "patronymic", "birth_date", "birth_place",
         "conscription", "rank"],
        fillers + NAMESAKES + clear,
    )  # fmt: skip
    listed = _write(
        tmp_path / "list.csv", ["id", "full_name", "birth_date", "residence", "rank", "camp"], LIST
    )
    import_table(sqlite_engine, register, SourceInfo("obd", "OBD", "x", "register"))
    import_table(sqlite_engine, listed, SourceInfo("stalag", "Stalag 326 list", "x", "list"))
    link_database(sqlite_engine, threshold=0.9, entry_threshold=0.5, floor=0.01)
    return sqlite_engine


def test_each_list_entry_is_matched_one_of_n_or_not_in_the_register(linked: Engine) -> None:
    namesake, clear, nobody = (record_id(linked, "stalag", e) for e in ("L-1", "L-2", "L-3"))
    with linked.connect() as conn:
        undecided = entry_status(conn, namesake)
        found = entry_status(conn, clear)
        absent = entry_status(conn, nobody)
        register_record = entry_status(conn, record_id(linked, "obd", "R-a"))
    assert undecided is not None and undecided.state == CANDIDATES and undecided.men == 2
    assert {c.full_name for c in undecided.candidates[:2]} == {
        "Айтгулов Нурбай Серикович",
        "Айтгулов Нурбай Жумабекович",
    }
    assert found is not None and found.state == MATCHED
    assert uid_of(linked, clear) == uid_of(linked, record_id(linked, "obd", "R-c"))
    assert absent is not None and absent.state == ABSENT and not absent.candidates
    assert register_record is None  # a register's record is no list entry
    assert uid_of(linked, namesake) not in {
        uid_of(linked, record_id(linked, "obd", r)) for r in ("R-a", "R-b")
    }


def test_both_namesakes_dossiers_say_possibly_also_the_list_entry(linked: Engine) -> None:
    client = TestClient(create_app(load_settings(database_url=str(linked.url))))
    namesake = record_id(linked, "stalag", "L-1")
    for register_id in ("R-a", "R-b"):
        uid = uid_of(linked, record_id(linked, "obd", register_id))
        with linked.connect() as conn:
            (possible,) = possible_entries(conn, [record_id(linked, "obd", register_id)])
        assert possible.record_id == namesake and possible.entry_id == "L-1"
        for lang, heading, entry in (
            ("en", "Possibly also", "list entry"),
            ("ru", "Возможно, также", "запись списка"),
            ("kk", "Мүмкін, сонымен қатар", "тізім жазбасы"),
        ):
            page = client.get(f"/person/{uid}?lang={lang}").text
            section = page[page.index('id="possibly-also"') :]
            section = section[: section.index("</section>")]
            assert heading in section and entry in section, (lang, section)
            assert "Айтгулов Нурбай" in section and "L-1" in section
    # the clear man's dossier has no such line: his entry is joined to him
    clear_uid = uid_of(linked, record_id(linked, "obd", "R-c"))
    assert 'id="possibly-also"' not in client.get(f"/person/{clear_uid}?lang=en").text


def test_the_review_page_shows_the_entry_and_its_candidates(linked: Engine) -> None:
    client = TestClient(create_app(load_settings(database_url=str(linked.url))))
    log_in(client, linked)
    page = client.get("/review?lang=en").text
    namesake = record_id(linked, "stalag", "L-1")
    assert f'id="entry-status-{namesake}"' in page  # the most uncertain pair: his
    section = page[page.index(f'id="entry-status-{namesake}"') :]
    section = section[: section.index("</section>")]
    assert "List entry: one of 2 candidates" in section
    assert "Айтгулов Нурбай Серикович" in section and "Айтгулов Нурбай Жумабекович" in section
