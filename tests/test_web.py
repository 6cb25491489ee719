"""The web UI over HTTP: search in any script, the dossier, sources, languages."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tagdyr.settings import load_settings
from tagdyr.web.app import create_app


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(load_settings(database_url=demo_db)))


def _bektanov_url(client: TestClient) -> str:
    page = client.get("/search", params={"q": "Bektanow Mashit"}).text
    match = re.search(r'href="(/person/[0-9a-f]+)">Бектанов Мажит</a>', page)
    assert match, page
    return match.group(1)


@pytest.mark.parametrize("query", ["Bektanow Mashit", "Бектанов", "BEKTANOV Mazhit", "Бектанов М."])
def test_search_finds_bektanov_by_any_spelling(client: TestClient, query: str) -> None:
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200
    assert "Бектанов Мажит" in page.text


def test_search_explains_the_hit(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Tschingaliew"}).text
    assert "Чынгалиев Казан" in page
    assert "<q>Чынгалиев Казан</q> in Список 5-й группы казахов" in page


def test_htmx_request_gets_only_the_results(client: TestClient) -> None:
    partial = client.get("/search", params={"q": "Бектанов"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.text and "Бектанов Мажит" in partial.text


def test_person_page_shows_records_timeline_and_sources(client: TestClient) -> None:
    page = client.get(_bektanov_url(client)).text
    assert page.count('class="record"') == 4
    for stated in ("29.02.1914", "18.06.1945", "24.01.1950", "12.04.1950", "22.12.1989"):
        assert stated in page
    assert "1914 was not a leap year" in page
    assert "Pavlodar, ul. Abay, 204" in page  # the row as written
    assert "Riksarkivet (National Archives of Norway)" in page  # the source citation
    timeline = page[page.index('class="timeline"') : page.index("</table>")]
    order = [timeline.index(d) for d in ("1914-02-29", "1945-06-18", "1950-01-24", "1989-12-22")]
    assert order == sorted(order)


def test_source_page_lists_rows_as_written(client: TestClient) -> None:
    page = client.get("/source/chokay-5th-group").text
    assert page.count('<tr id="record-') == 15
    assert "Ибрагимов" in page and "Зап.ф." in page  # the odd cells stay
    assert "Список 5-й группы казахов. 100 человек." in page


def test_interface_language_switches_and_is_remembered(client: TestClient) -> None:
    kk = client.get("/?lang=kk")
    assert 'lang="kk"' in kk.text and "Іздеу" in kk.text
    assert kk.cookies.get("tagdyr_lang") == "kk" or "tagdyr_lang=kk" in kk.headers["set-cookie"]
    assert "Іздеу" in client.get("/").text  # remembered without ?lang
    client.cookies.clear()
    client.cookies.set("tagdyr_lang", "ru")
    assert "Найти" in client.get("/").text
    client.cookies.clear()
    assert "Search" in client.get("/", headers={"Accept-Language": "en"}).text


def test_unknown_person_is_a_404_page(client: TestClient) -> None:
    page = client.get("/person/nobody")
    assert page.status_code == 404
    assert "no person 'nobody' (person ids are shown by search)" in html.unescape(page.text)


def test_assets_are_served_from_the_package(client: TestClient) -> None:
    assert client.get("/static/htmx.min.js").status_code == 200
    page = client.get("/").text
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_undated_facts_are_shown_with_their_sources(client: TestClient) -> None:
    page = client.get(_bektanov_url(client)).text
    facts = page[page.index('class="facts"') :]
    facts = facts[: facts.index("</table>")]
    assert "sub-lieutenant" in facts and "мл. лейтенант" in facts  # both sources' words
    # residence ×2, rank once ("sub-lieutenant" = "мл. лейтенант", two sources), nationality,
    # camp (Mysen)
    assert facts.count("<tr>") == 5
    rank = facts[facts.index(">rank<") :]
    assert rank.index("sources agree") < rank.index("sub-lieutenant") < rank.index("</tr>")


def test_every_interface_string_is_in_kazakh_russian_and_english() -> None:
    """Every key used by a template exists, and has all three languages."""
    from importlib import resources

    from tagdyr.i18n import _STRINGS, LANGUAGES

    templates = resources.files("tagdyr.web") / "templates"
    used = {
        key
        for entry in templates.iterdir()
        for key in re.findall(r"t\('([a-z_]+)'\)", entry.read_text(encoding="utf-8"))
    }
    assert used, "no t('…') calls found: the pattern is stale"
    assert used <= set(_STRINGS), sorted(used - set(_STRINGS))
    for key, texts in _STRINGS.items():
        assert set(texts) == set(LANGUAGES) and all(texts.values()), key


def test_dossier_names_the_people_of_the_same_list_and_camp(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Чынгалиев"}).text
    uid = re.search(r'href="/person/([0-9a-f]+)">Чынгалиев Казан', page)
    assert uid
    dossier = client.get(f"/person/{uid[1]}").text
    chokay = client.get("/source/chokay-5th-group").text
    others = set(re.findall(r'href="/person/([0-9a-f]+)"', chokay)) - {uid[1]}
    same_list = re.search(r"Same list: (.*?) <span class=\"count\">\((\d+)\)", dossier)
    assert same_list and int(same_list[2]) == len(others)
    linked = set(re.findall(r'<li><a href="/person/([0-9a-f]+)"', dossier))
    assert linked and linked <= others

    mysen = client.get(_bektanov_url(client)).text
    same_camp = re.search(r"Same camp: Mysen <span class=\"count\">\((\d+)\)", mysen)
    assert same_camp and int(same_camp[1]) >= 1
