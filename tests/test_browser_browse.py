"""Browsing, explained search and the readable dossier in Chromium, as a user clicks them."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import (  # the same server, browser and page fixtures
    SCREENSHOTS,
    _log_in,
    page,
    review_server,
    server,
)

pytestmark = pytest.mark.browser
__all__ = ["page", "review_server", "server"]  # the fixtures, imported to be used here


def test_browse_by_years_then_a_place_from_the_facets(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/?lang=en")
    page.get_by_label("from").fill("1920")
    page.get_by_label("to", exact=True).fill("1921")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?*born_from=1920*")
    hits = page.locator("ol.hits > li")
    assert hits.count() > 10
    assert all("born 192" in hits.nth(i).inner_text() for i in range(hits.count()))
    page.get_by_role("link", name="year of birth").click()
    page.screenshot(path=str(SCREENSHOTS / "browse-years-en.png"), full_page=True)
    place = page.locator(".facet-place li > a:not(.page-link)").first
    name = place.inner_text()
    place.click()
    page.wait_for_url("**place=*")
    chips = page.locator(".active-filters").inner_text()
    assert f"Place: {name}" in chips and "-obl" not in chips  # the name, not the key


def test_the_map_page_leads_to_a_place_and_its_persons(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/map?lang=ru")
    assert page.locator("svg.map a.place").count() > 10
    page.screenshot(path=str(SCREENSHOTS / "map-ru.png"), full_page=True)
    page.locator("table.place-counts").get_by_role("link", name="Нарвик").click()
    page.wait_for_url("**/place/narvik")
    assert page.locator("h1").inner_text() == "Нарвик"
    assert page.locator("ol.persons-list > li").count() == 18
    page.screenshot(path=str(SCREENSHOTS / "place-narvik-ru.png"), full_page=True)


def test_search_explains_and_the_dossier_reads(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/search?q=Bektanow+Mashit&lang=en")
    first = page.locator("ol.hits > li").first
    assert "surname: the same name; given name: the same name — strong" in first.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "search-explained-en.png"), full_page=True)
    first.get_by_role("link", name="Бектанов Мажит").click()
    page.wait_for_url("**/person/*")
    summary = page.locator(".fate-summary").inner_text()
    assert "born 1914[1][2][3][4];" in summary  # Mysen, MoD, Pavlodar, OBD excerpt
    assert "taken prisoner (freed)" in summary
    assert page.locator("tr.claim-birth").count() == 1
    assert "sources agree" in page.locator("tr.claim-birth").inner_text()
    assert page.locator(".link-strength").count() == 4  # Mysen, MoD, Pavlodar, the OBD excerpt
    cite = page.locator("#cite-person").input_value()
    assert server + "/person/" in cite and "Riksarkivet" in cite
    page.screenshot(path=str(SCREENSHOTS / "person-readable-en.png"), full_page=True)
    page.goto(page.url + "?lang=ru")
    page.screenshot(path=str(SCREENSHOTS / "person-readable-ru.png"), full_page=True)
    page.locator("tr.claim-birth a", has_text="Memorial database").click()
    page.wait_for_url("**/source/kz-mod-memorial#row-*")
    target = page.url.split("#")[1]
    row = page.locator(f"#{target}").locator("xpath=ancestor::tr")
    assert "Бектанов" in row.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "source-row-ru.png"))


def test_review_shows_bars_sentences_and_persons_by_name(page, review_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(review_server + "/?lang=en")  # the language cookie is per host, not per port
    _log_in(page, review_server, "/review")
    page.goto(review_server + "/review?lang=en")
    rows = page.locator("table.waterfall tbody tr")
    assert rows.count() > 3
    bars = page.locator("svg.evidence-bar rect")
    assert bars.count() >= 1
    said = page.locator(".evidence-says").all_inner_texts()
    assert set(said) <= {"speaks for the same man", "speaks against the same man",
                         "says nothing either way"} and said  # fmt: skip
    cards = " ".join(page.locator(".pair .record").all_inner_texts())
    assert "Person: " in cards and not re.search(r"Person [0-9a-f]{12}", cards)
    page.screenshot(path=str(SCREENSHOTS / "review-bars-en.png"), full_page=True)
