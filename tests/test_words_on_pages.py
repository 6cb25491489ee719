"""The words a page prints for the domain's kinds are the interface language's, not the stored
English key: a source's kind on the sources page, a place's roles in the map's tooltips, a
register's fate in the facets. Found by trying the demo in Kazakh and Russian as a new user."""

from __future__ import annotations

import re
import sqlite3
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tagdyr.settings import load_settings
from tagdyr.web.app import create_app
from tagdyr.web.person_view import fate_key

# the English words tagdyr stores as kinds, which a kk or ru page must not print on their own
_ENGLISH_KINDS = re.compile(
    r"\b(list|register|file|text|residence|conscription|camp|repatriation|birth|death|arrest)\b"
)


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(load_settings(database_url=demo_db)))


def _rows(demo_db: str, sql: str) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(demo_db.removeprefix("sqlite:///"))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_sources_page_says_each_kind_in_the_interface_language(
    client: TestClient, lang: str
) -> None:
    page = client.get(f"/sources?lang={lang}").text
    kind_cells = re.findall(r"</a></td><td>([^<]*)</td>", page)
    assert len(kind_cells) >= 5
    assert [c for c in kind_cells if _ENGLISH_KINDS.search(c)] == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_maps_tooltips_say_the_roles_in_the_interface_language(
    client: TestClient, demo_db: str, lang: str
) -> None:
    (uid,) = _rows(
        demo_db,
        "SELECT uid FROM person WHERE label = 'Бектанов Мажит' AND merged_into_id IS NULL",
    )[0]
    for path in (f"/person/{uid}", "/map"):
        page = client.get(f"{path}?lang={lang}").text
        titles = [unescape(t) for t in re.findall(r"<title>([^<]*)</title>", page)]
        roles = [t.split(" — ", 1)[1] for t in titles if " — " in t]
        assert roles, path
        assert [r for r in roles if _ENGLISH_KINDS.search(r)] == [], path


def test_every_fate_a_demo_register_states_is_said_in_the_interface(demo_db: str) -> None:
    fates = {v for (v,) in _rows(demo_db, "SELECT DISTINCT value FROM claim WHERE kind = 'fate'")}
    assert len(fates) >= 3
    assert sorted(f for f in fates if fate_key(f) is None) == []


def test_a_fate_is_known_however_its_case_and_spaces_are_written() -> None:
    assert fate_key("Погиб  в плену") == fate_key("погиб в плену") == "fate_died_captive"
    assert fate_key("освобождён из плена") == "fate_freed"
    assert fate_key("ушёл к партизанам") is None
