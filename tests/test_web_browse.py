"""Browsing without a name, search that explains itself: what a user sees over HTTP."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest
from fastapi.testclient import TestClient

from tagdyr.i18n import LANGUAGES, translate
from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo
from tagdyr.store.db import create_db_engine
from tagdyr.texts.store import import_text
from tagdyr.web.app import create_app


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(load_settings(database_url=demo_db)))


def _listed(page: str) -> list[str]:
    return re.findall(r'<li>\s*(?:<bdi>)?<a href="/person/([0-9a-f]+)">', page)


def _total(page: str) -> int:
    found = re.search(r'class="total">\((\d+)\)', page)
    assert found, page
    return int(found[1])


def _db_rows(demo_db: str, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(demo_db.removeprefix("sqlite:///"))
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


_BORN_IN = """SELECT DISTINCT p.uid FROM person p JOIN person_record pr ON pr.person_id = p.id
JOIN record r ON r.id = pr.record_id
WHERE p.merged_into_id IS NULL AND r.birth_year BETWEEN ? AND ?"""


def test_years_alone_list_everyone_born_then(client: TestClient, demo_db: str) -> None:
    expected = {uid for (uid,) in _db_rows(demo_db, _BORN_IN, 1920, 1921)}
    assert len(expected) > 10
    page = client.get("/search?born_from=1920&born_to=1921&lang=en").text
    assert _total(page) == len(expected)
    assert set(_listed(page)) == expected  # fewer than a page: all of them
    years = [int(y) for y in re.findall(r'class="born">born (\d{4})', page)]
    assert years and all(1920 <= y <= 1921 for y in years)


def test_everyone_page_by_page_and_by_birth_year(client: TestClient, demo_db: str) -> None:
    everyone = {uid for (uid,) in _db_rows(demo_db, _BORN_IN, 1800, 2000)}
    seen: list[str] = []
    page_number = 1
    while True:
        page = client.get(f"/search?born_from=1800&sort=born&page={page_number}&lang=en").text
        listed = _listed(page)
        assert listed, page_number
        seen += listed
        years = [int(y) for y in re.findall(r'class="born">born (\d{4})', page)]
        assert years == sorted(years)
        if 'rel="next"' not in page:
            break
        page_number += 1
    assert page_number > 2
    assert len(seen) == len(set(seen)) and set(seen) == everyone


def test_a_camp_or_a_place_alone_lists_its_persons(client: TestClient) -> None:
    camp = client.get("/search?camp=Narvik&lang=en").text
    place = client.get("/search?place=narvik&lang=ru").text
    assert _total(camp) >= 10 and _total(place) >= _total(camp)
    assert "Место: Нарвик" in place and "narvik" not in re.sub(r"<[^>]+>", "", place)
    by_name = [
        re.sub(r"<[^>]+>", "", n) for n in re.findall(r'">([^<]+)</a>\s*<span class="born"', camp)
    ]
    assert by_name == sorted(by_name, key=str.casefold)


def test_the_chip_of_a_source_is_its_title(client: TestClient) -> None:
    page = client.get("/search?source=kz-mod-memorial&lang=en").text
    assert "Source: Memorial database of the Ministry of Defence" in page


def test_the_map_page_links_every_place_with_its_count(client: TestClient) -> None:
    page = client.get("/map?lang=ru").text
    rows = re.findall(
        r'<td><a href="/place/([^"]+)"><bdi>([^<]+)</bdi></a></td><td>(\d+)</td>', page
    )
    assert ("narvik", "Нарвик", "18") in rows
    assert 'class="place" href="/place/narvik"' in page  # the marker too
    narvik = client.get("/place/narvik?lang=en").text
    assert "Persons (18)" in narvik and len(re.findall(r'href="/person/', narvik)) == 18


def test_place_page_pages_and_unit_and_camp_pages(client: TestClient, demo_db: str) -> None:
    (unit,) = _db_rows(demo_db, "SELECT value FROM claim WHERE kind = 'unit' LIMIT 1") or [("",)]
    if unit[0]:
        assert client.get(f"/unit/{unit[0]}").status_code == 200
    assert client.get("/unit/no such unit").status_code == 404
    camp = client.get("/camp/Нарвик", follow_redirects=False)
    assert camp.status_code == 307 and camp.headers["location"] == "/place/narvik"
    oblast = client.get("/place/pavlodar-obl?lang=en").text
    assert "Persons (" in oblast
    region = client.get("/place/kazakh-ssr?lang=en").text
    assert _listed(region) and 'rel="next"' in region
    second = client.get("/place/kazakh-ssr?page=2&lang=en").text
    assert _listed(second) and not set(_listed(second)) & set(_listed(region))


@pytest.fixture(scope="module")
def with_a_bare_mention(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The demo plus a text that mentions "Бектанов" alone: one record, no year, no person."""
    folder = tmp_path_factory.mktemp("mention")
    copy = folder / "demo.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), copy)
    text = folder / "note.txt"
    text.write_text("Среди вернувшихся упомянут также Бектанов, без имени и года.\n", "utf-8")
    engine = create_db_engine(f"sqlite:///{copy}")
    import_text(
        engine, text, SourceInfo("a-note", "A note", "a note written for this test", "text")
    )
    return TestClient(create_app(load_settings(database_url=f"sqlite:///{copy}")))


def test_the_man_with_five_records_before_a_bare_mention(with_a_bare_mention: TestClient) -> None:
    page = with_a_bare_mention.get("/search?q=Bektanov&lang=en").text
    hits = re.findall(
        r"<li>\s*<bdi>(?:<a href=\"/person/[0-9a-f]+\">)?([^<\n]+?)(?:</a>)?</bdi>", page
    )
    assert "Бектанов Мажит" in hits and "Бектанов" in hits, hits
    assert hits.index("Бектанов Мажит") < hits.index("Бектанов")


def test_each_hit_says_why_and_how_strongly(client: TestClient) -> None:
    page = client.get("/search?q=Bektanow Mashit&lang=en").text
    why = re.search(r'<span class="match match-(\w+)">(.*?)</span>', page, re.S)
    assert why, page
    said = re.sub(r"<[^>]+>", "", why[2])
    assert why[1] == "strong"
    # the best record is the Latin "Bektanov Mazhit" of the Mysen list: the same script
    assert said == "surname: the same name; given name: the same name — strong"
    initial = client.get("/search?q=Бектанов М.&lang=ru").text
    assert "имя: инициал совпадает" in initial
    across = client.get("/search?q=Tschingaliew&lang=en").text  # only the Cyrillic list has him
    assert "<q>Чынгалиев Казан</q>" in across
    assert "surname: the same name in another script — <strong>fair</strong>" in across


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_example_of_the_search_box_finds_someone(client: TestClient, lang: str) -> None:
    placeholder = translate("search_placeholder", lang)
    home = client.get(f"/?lang={lang}").text
    assert f'placeholder="{placeholder}"' in home
    examples = [
        e.strip() for e in re.sub(r"^[^,]*?(e\.g\.|напр\.|мысалы,)\s*", "", placeholder).split(",")
    ]
    assert len(examples) >= 3, examples
    for example in examples:
        page = client.get("/search", params={"q": example}).text
        assert _total(page) >= 1 and _listed(page), example


def test_home_examples_are_not_the_names_the_demo_lacks() -> None:
    for lang in LANGUAGES:
        assert "Joumaniazov" not in translate("search_placeholder", lang)


def test_a_camp_by_its_lowercase_key_or_its_cyrillic_name_lists_the_same_persons(
    client: TestClient,
) -> None:
    """Issue 20: ``?camp=narvik`` (the gazetteer key, as a place page's links write it) found
    nobody, since the camp filter compared the name as written only."""
    written = _listed(client.get("/search?camp=Narvik&sort=name&lang=en").text)
    assert len(written) >= 10
    by_key = client.get("/search?camp=narvik&sort=name&lang=ru").text
    assert _listed(by_key) == written
    assert _listed(client.get("/search?camp=Нарвик&sort=name&lang=en").text) == written
    assert "narvik" not in re.sub(r"<[^>]+>", "", by_key)  # the chip names the camp, in Russian
    assert _total(client.get("/search?camp=nowhere-at-all&lang=en").text) == 0
