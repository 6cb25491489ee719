"""The transcription workbench in a real browser: a scan uploaded, its recognised grid beside
the zoomable page, a cell corrected with the keyboard, the list imported and linked, and the
dossier showing the row cut from the scan."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.scans.generate import PROFILES, degrade, render
from playwright.sync_api import expect
from sqlalchemy import select

from tagdyr import accounts
from tagdyr.persons.linking import link_database
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine
from tests.test_browser import CHROMIUM_ARGS, SCREENSHOTS, _chromium, _log_in, _serve
from tests.web import PASSWORD

pytestmark = pytest.mark.browser
LOADED = "[...document.querySelectorAll('.scan-crop img')].some(i => i.naturalWidth > 0)"
HEADER = ["№", "Фамилия, имя", "Год рождения", "Лагерь"]
ROWS = [
    ["1", "Истыбаев Нұрым", "1921", "Мисен"],
    ["2", "Қалдыролов Қайырбек", "1903", "Нарвик"],
    ["3", "Өмірзадаев Тілеубек", "1902", "Ботн"],
]


@pytest.fixture(scope="module")
def copy_db(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    copy = tmp_path_factory.mktemp("scans") / "demo.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), copy)
    engine = create_db_engine(f"sqlite:///{copy}")
    accounts.create_user(engine, "historian", PASSWORD, "editor", actor="test")
    engine.dispose()
    return f"sqlite:///{copy}"


@pytest.fixture(scope="module")
def server(copy_db: str) -> Iterator[str]:
    yield from _serve(copy_db)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000})
        yield context.new_page()
        browser.close()


def test_upload_correct_import_and_see_the_row_on_the_dossier(  # type: ignore[no-untyped-def]
    page, server: str, copy_db: str, tmp_path: Path
) -> None:
    scan = tmp_path / "camp-list.png"
    drawn = render("Список военнопленных", HEADER, ROWS, "printed", 11)
    degrade(drawn.image, PROFILES["light"], 11).save(scan, dpi=(300, 300))
    _log_in(page, server, "/import?lang=en")
    page.get_by_role("link", name="transcription workbench").click()
    page.get_by_label("File").set_input_files(str(scan))
    page.get_by_label("Source key").fill("camp-list-scan")
    page.get_by_label("Title").fill("Camp list (scan)")
    page.get_by_label("Citation").fill("Test archive, scan")
    page.get_by_role("button", name="Read the scan").click()
    page.wait_for_url("**/scans/workbench/*", timeout=120_000)
    headings = page.locator("thead input.wb-heading")  # the header is corrected like a cell
    assert [headings.nth(i).input_value() for i in range(1, headings.count())] == HEADER[1:]
    headings.nth(0).fill(HEADER[0])  # Tesseract may read "№" as "Хо": the editor keys it
    cells = page.locator("tbody input.wb-cell")
    assert cells.count() == len(ROWS) * len(HEADER)
    assert [cells.nth(i).input_value() for i in range(len(HEADER))] == ROWS[0]
    page.locator(".wb-viewer canvas").first.wait_for()
    year = page.get_by_label("Год рождения, row 2")
    year.click()  # the cell's box appears on the page image
    expect(page.locator(".wb-viewer")).to_have_attribute(
        "data-shown", year.get_attribute("data-box") or "?"
    )
    assert page.locator(".wb-mark").is_visible()
    year.fill("1904")
    year.press("Enter")  # the keyboard moves to the same column of the next row
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Год рождения, row 3"
    page.screenshot(path=str(SCREENSHOTS / "scan-workbench.png"), full_page=True)
    page.get_by_role("button", name="Import the list").click()
    page.wait_for_url("**/import")
    assert "3 records imported" in page.locator("#import-result").inner_text()

    engine = create_db_engine(copy_db)
    with engine.connect() as conn:
        record = conn.execute(
            select(s.record).where(s.record.c.full_name == ROWS[1][1])
        ).one()  # fmt: skip
        keyed = conn.execute(select(s.scan_correction).where(s.scan_correction.c.row >= 0)).one()
    assert json.loads(record.verbatim)["Год рождения"] == "1904"
    assert list(json.loads(record.verbatim)) == HEADER
    assert (keyed.machine, keyed.value, keyed.author) == ("1903", "1904", "historian")
    link_database(engine, threshold=0.9, floor=0.01)  # as `tagdyr link` would
    engine.dispose()
    page.goto(f"{server}/search?q=Қалдыролов&lang=en")
    page.locator("a[href^='/person/']").first.click()
    crop = page.locator(".scan-crop img").first
    crop.scroll_into_view_if_needed()
    expect(crop).to_be_visible()
    for _ in range(100):
        if page.evaluate(LOADED):
            break
        page.wait_for_timeout(100)
    assert page.evaluate(LOADED), "the crop of the row did not load"
    page.screenshot(path=str(SCREENSHOTS / "scan-dossier.png"), full_page=True)
