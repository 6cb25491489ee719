"""The demo in a real browser: Playwright drives Debian's Chromium against a live server.

Screenshots of the pages land in ``test-output/screenshots``."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tagdyr import accounts
from tagdyr.settings import load_settings
from tagdyr.store.db import create_db_engine
from tagdyr.web.app import create_app
from tests.serving import free_port
from tests.web import PASSWORD

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Debian's chromium is not installed: `make test` installs it")
    return path


def _serve(database_url: str) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(
        create_app(load_settings(database_url=database_url)),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(demo_db: str) -> Iterator[str]:
    yield from _serve(demo_db)


@pytest.fixture(scope="module")
def review_server(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the demo database (judging changes persons), with an editor's account."""
    copy = tmp_path_factory.mktemp("review") / "demo.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), copy)
    engine = create_db_engine(f"sqlite:///{copy}")
    accounts.create_user(engine, "historian", PASSWORD, "editor", actor="test",
                         display_name="A. Historian")  # fmt: skip
    engine.dispose()
    yield from _serve(f"sqlite:///{copy}")


def _log_in(page, server: str, next_page: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/login?next={next_page}")
    page.get_by_label("Username").fill("historian")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").last.click()
    page.wait_for_url(f"**{next_page.split('?')[0]}*")


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def test_find_bektanov_by_a_german_spelling_and_open_his_dossier(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.get_by_label("Name in any spelling or script").fill("Bektanow Mashit")
    result = page.get_by_role("link", name="Бектанов Мажит")
    result.wait_for(timeout=10_000)  # HTMX live results, no submit
    assert "found as" in page.locator("#results").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
    result.click()
    page.wait_for_url("**/person/*")
    assert page.locator(".record").count() == 4
    timeline = page.locator("table.timeline").inner_text()
    assert "29.02.1914" in timeline and "22.12.1989" in timeline
    assert "1914 was not a leap year" in timeline
    places = page.locator("svg.map a.place")
    assert places.count() == 2  # Mysen and Pavlodar, drawn offline over country outlines
    assert "Mysen" in page.locator("svg.map").text_content()
    page.screenshot(path=str(SCREENSHOTS / "person.png"), full_page=True)


def test_switch_the_interface_to_kazakh_and_it_stays(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/sources")
    page.get_by_role("link", name="Қазақша").click()
    assert page.locator("html").get_attribute("lang") == "kk"
    page.goto(server + "/search?q=Чынгалиев")
    assert page.get_by_role("button", name="Іздеу").is_visible()
    page.get_by_role("link", name="Чынгалиев Казан").click()
    assert "Хронология" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "person-kk.png"), full_page=True)
    page.goto(server + "/source/chokay-5th-group")
    page.screenshot(path=str(SCREENSHOTS / "source-chokay.png"), full_page=True)
    page.goto(server + "/statistics")
    assert page.locator("table.bars").count() == 4
    assert page.locator("svg.map a.place").count() > 5
    page.screenshot(path=str(SCREENSHOTS / "statistics-kk.png"), full_page=True)
    page.goto(server + "/?lang=en")


def test_review_a_pair_with_the_keyboard_see_the_dossier_change_and_undo(  # type: ignore[no-untyped-def]
    page, review_server: str
) -> None:
    page.goto(review_server + "/review?lang=en")
    assert "/login" in page.url  # anonymous visitors cannot review
    _log_in(page, review_server, "/review?lang=en")
    cards = page.locator(".pair .record")
    assert cards.count() == 2
    links = [cards.nth(i).locator('p > a[href^="/person/"]') for i in range(2)]  # by name
    left_person, right_person = (link.get_attribute("href") for link in links)
    one_person = left_person == right_person
    page.get_by_label("Note (why)").fill("checked against the original card")
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)
    page.locator("h1").click()  # keys go to the page, not to a field
    page.keyboard.press("n" if one_person else "s")
    page.wait_for_url("**/review?done=*")
    assert page.get_by_role("button", name="Undo").is_visible()

    page.goto(review_server + str(left_person))
    records_after = page.locator(".record").count()
    page.goto(review_server + "/history")
    assert "historian" in page.locator("table.history").inner_text()
    assert "checked against the original card" in page.content()

    page.go_back()
    page.go_back()  # the review page with its undo button
    page.locator("h1").click()
    page.keyboard.press("z")
    page.wait_for_url("**/review?undone=*")
    assert "Undone: your judgement" in page.locator("#undone-message").inner_text()
    page.goto(review_server + str(left_person))
    page.wait_for_url("**/person/*")
    records_undone = page.locator(".record").count()
    assert records_after != records_undone  # the judgement changed the dossier; undo restored it
    page.goto(review_server + "/history")
    assert page.locator("tr.undone").count() == 1  # the judgement, reverted by the undo


def test_narrow_a_search_by_a_facet_and_a_birth_year(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/search?q=Нурлан&lang=en")
    total = int(page.locator(".total").inner_text().strip("()"))
    camp = page.locator(".facet-camp a").first
    name = camp.inner_text()
    camp.click()
    page.wait_for_url("**camp=*")
    assert f"Camp: {name}" in page.locator(".active-filters").inner_text()
    narrowed = int(page.locator(".total").inner_text().strip("()"))
    assert 1 <= narrowed <= total
    page.screenshot(path=str(SCREENSHOTS / "search-facets.png"), full_page=True)
    page.get_by_label("from").fill("1800")
    page.get_by_label("to").fill("1801")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**born_to=1801*")
    assert "Nobody found." in page.content()


def test_import_a_list_from_the_browser(page, review_server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    listing = tmp_path / "mysen-extra.csv"
    listing.write_text("Nr;Navn;Født\n1;Bektanow Mashit;1914\n2;Tschingaliew Kasan;1916\n", "utf-8")
    _log_in(page, review_server, "/import?lang=en")
    page.get_by_label("File").set_input_files(str(listing))
    page.get_by_label("Source key").fill("mysen-extra")
    page.get_by_label("Title").fill("Mysen, extra list")
    page.get_by_label("Citation").fill("Riksarkivet (test)")
    page.get_by_role("button", name="Preview").click()
    page.wait_for_url("**/import/preview")
    assert "Tschingaliew Kasan" in page.locator("table.preview").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "import-preview.png"), full_page=True)
    page.get_by_role("button", name="Import").last.click()
    page.wait_for_url("**/import/commit")
    assert "2 records imported" in page.locator("#import-result").inner_text()
    page.get_by_role("link", name="mysen-extra").click()
    assert "Tschingaliew Kasan" in page.content()


UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !(el.tagName === 'BUTTON' && el.textContent.trim()))
  .map(el => el.outerHTML.slice(0, 80))"""


def test_every_page_has_a_language_one_heading_and_labelled_controls(  # type: ignore[no-untyped-def]
    page, server: str, review_server: str
) -> None:
    page.goto(server + "/search?q=Бектанов&lang=en")
    person = page.get_by_role("link", name="Бектанов Мажит").get_attribute("href")
    public = [server + p for p in ("/", "/search?q=Бектанов", str(person), "/sources",
                                   "/source/chokay-5th-group", "/statistics", "/review",
                                   "/history", "/import", "/login")]  # fmt: skip
    _log_in(page, review_server, "/account")
    editor = [review_server + p for p in (str(person), "/review", "/import", "/account",
                                          "/history")]  # fmt: skip
    for path in public + editor:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") in ("en", "ru", "kk"), path
        assert page.locator("h1").count() == 1, path
        assert page.evaluate(UNLABELLED) == [], path
        page.keyboard.press("Tab")  # the first control is reachable by keyboard
        assert page.evaluate("document.activeElement !== document.body"), path


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_colours_meet_wcag_aa_contrast() -> None:
    """The stylesheet's text colours on their backgrounds: at least 4.5:1 (WCAG 2 AA)."""
    import re
    from importlib import resources

    css = (resources.files("tagdyr.web") / "static" / "style.css").read_text("utf-8")
    colours = dict(re.findall(r"--(\w+): (#[0-9a-fA-F]{6})", css))
    pairs = [("ink", "paper"), ("muted", "paper"), ("accent", "paper"), ("warn", "paper")]
    for text, background in pairs:
        a, b = _luminance(colours[text]), _luminance(colours[background])
        ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
        assert ratio >= 4.5, (text, background, round(ratio, 2))
    white = _luminance("#ffffff")
    button = (white + 0.05) / (_luminance(colours["accent"]) + 0.05)
    assert button >= 4.5  # white text on accent buttons
