"""Every place of the demo, and every camp and town the sources write in either script, is
one gazetteer place with a name in each interface language; maps and statistics link to it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select

from tagdyr.maps.points import place_texts
from tagdyr.settings import load_settings
from tagdyr.store import schema as s
from tagdyr.vocab.gazetteer import label, places, resolve
from tagdyr.web.app import create_app

# what the Chokay list writes in its capture column: a front or a direction, not a point
_FRONTS = {"Зап.ф.", "Восток"}
_NOT_STATED = {"---", "-", "?", ""}


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Mysen", "Мюзен"),
        ("Mo i Rana", "Мо-и-Рана"),
        ("Narvik", "Нарвик"),
        ("Bergen", "Берген"),
        ("Trondheim", "Тронхейм"),
        ("Tromsø", "Тромсё"),
        ("Stavanger", "Ставангер"),
        ("Beisfjord", "Бейсфьорд"),
        ("Stalag 326", "Шталаг 326"),
        ("Stalag 319", "Шталаг-319"),
        ("Zeithain", "Цайтхайн"),
        ("Legionowo", "Легионово"),
    ],
)
def test_a_camp_in_latin_and_in_cyrillic_is_one_place(latin: str, cyrillic: str) -> None:
    assert resolve(latin), latin
    assert resolve(latin)[0] == resolve(cyrillic)[0]


def test_stalags_are_told_apart_by_their_numbers() -> None:
    """Digits are part of a camp's name: "Stalag 326" is not "Stalag 319" or "Stalag 324"."""
    assert resolve("Stalag 326")[0] == "stalag-326-stukenbrock"
    assert resolve("Stalag 319")[0] == "stalag-319-chelm"
    assert resolve("Stalag 326 (VI K) Senne")[:2] == ("stalag-326-stukenbrock", "germany")
    assert resolve("Stalag 999") == ()


def test_every_place_has_a_name_in_each_interface_language() -> None:
    for key in places():
        english, russian, kazakh = (label(key, lang) for lang in ("en", "ru", "kk"))
        assert english.isascii() or not any("\u0400" <= ch <= "\u04ff" for ch in english), key
        assert any("\u0400" <= ch <= "\u04ff" for ch in russian), key
        assert any("\u0400" <= ch <= "\u04ff" for ch in kazakh), key


def test_kazakh_names_are_kazakh_where_the_gazetteer_has_them() -> None:
    assert label("pavlodar-obl", "kk") == "Павлодар облысы"
    assert label("pavlodar-obl", "ru") == "Павлодарская обл."
    assert label("kazakh-ssr", "kk") == "Қазақ КСР"


def test_no_place_of_the_demo_stays_unresolved(demo_db: str) -> None:
    engine = create_engine(demo_db)
    with engine.connect() as conn:
        rows = conn.execute(select(s.claim.c.kind, s.claim.c.value, s.claim.c.place)).all()
    engine.dispose()
    texts = {
        (kind, text)
        for kind, value, place in rows
        for text in place_texts(kind, value, place)
        if any(ch.isalpha() for ch in text)  # a conscription "1939" states a year, no place
        and text.strip() not in _NOT_STATED
        and not (kind == "capture" and text in _FRONTS)
    }
    assert len(texts) > 20
    unresolved = sorted(t for t in texts if not resolve(t[1]))
    assert unresolved == []


def test_statistics_name_camps_in_the_language_and_link_them(demo_db: str) -> None:
    client = TestClient(create_app(load_settings(database_url=demo_db)))
    russian = client.get("/statistics", params={"lang": "ru"}).text
    english = client.get("/statistics", params={"lang": "en"}).text
    assert '<a href="/place/mysen">Мюзен</a>' in russian
    assert '<a href="/place/mysen">Mysen</a>' in english
    assert 'href="/place/mysen"' in russian.split("<svg", 1)[1]  # the map's marker is a link
    assert client.get("/place/mysen", params={"lang": "ru"}).text.count("Мюзен") >= 2


def test_a_place_key_the_gazetteer_lacks_is_shown_as_given(demo_db: str) -> None:
    """Found by the API fuzz test: ``/search?place=<anything>`` answered 500."""
    assert label("atlantis", "ru") == "atlantis"
    client = TestClient(create_app(load_settings(database_url=demo_db)))
    page = client.get("/search", params={"place": "atlantis"})
    assert page.status_code == 200 and "atlantis" in page.text
