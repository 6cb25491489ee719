"""Places named in the reader's language in Chromium: the dossier's timeline gives the
gazetteer's name with the place as the source wrote it beside it, and the camp facet names
each camp once, in the interface language, however its sources spell it."""

from __future__ import annotations

import pytest

from tests.test_browser import SCREENSHOTS, page, server  # the same server and page fixtures

pytestmark = pytest.mark.browser
__all__ = ["page", "server"]  # the fixtures, imported to be used here


def _bektanov(page, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/search?q=Бектанов&lang={lang}")
    page.get_by_role("link", name="Бектанов Мажит").first.click()
    page.wait_for_url("**/person/*")


def test_the_timeline_names_the_place_in_the_language_beside_the_words_of_the_source(  # type: ignore[no-untyped-def]
    page, server: str
) -> None:
    _bektanov(page, server, "ru")
    home = page.locator("table.timeline tr.claim-repatriation td.place")
    assert home.locator("q").inner_text() == "Mysen"  # the original, kept
    assert home.inner_text().startswith("Мюзен (")  # the gazetteer's Russian name first
    camp = page.locator("table.facts").get_by_role("link", name="Мюзен (Mysen)")
    assert camp.get_attribute("href") == "/camp/Mysen"
    conscription = page.locator("table.timeline tr.claim-conscription td.place").inner_text()
    assert conscription.startswith("Павлодар (Павлодарский РВК")
    page.screenshot(path=str(SCREENSHOTS / "timeline-places-ru.png"), full_page=True)
    _bektanov(page, server, "en")
    conscription = page.locator("table.timeline tr.claim-conscription td.place")
    assert conscription.inner_text().startswith("Pavlodar (")
    assert conscription.locator("q").inner_text().startswith("Павлодарский РВК")
    home = page.locator("table.timeline tr.claim-repatriation td.place")
    assert home.inner_text() == "Mysen"  # said once when the name is the source's own
    assert home.locator("q").count() == 0


def test_the_camp_facet_names_camps_in_the_language_and_its_counts_hold(  # type: ignore[no-untyped-def]
    page, server: str
) -> None:
    page.goto(server + "/search?born_from=1900&born_to=1930&lang=ru")
    facet = page.locator(".facet-camp li > a:not(.page-link)")
    labels = facet.all_inner_texts()
    assert {"Мюзен", "Нарвик", "Мо-и-Рана"} <= set(labels)
    assert not {"Mysen", "Narvik", "Mo i Rana"} & set(labels)  # not as written
    assert len(labels) == len(set(labels))  # each camp once
    item = page.locator(".facet-camp li").filter(has_text="Нарвик")
    count = int(item.locator(".count").inner_text())
    item.get_by_role("link", name="Нарвик", exact=True).click()
    page.wait_for_url("**camp=narvik*")
    assert page.locator(".active-filters").inner_text().count("Нарвик") == 1
    assert page.locator(".total").first.inner_text() == f"({count})"
    page.screenshot(path=str(SCREENSHOTS / "camp-facet-ru.png"), full_page=True)
    page.goto(server + "/search?born_from=1900&born_to=1930&lang=kk")
    assert "Мюзен" in page.locator(".facet-camp").inner_text()
