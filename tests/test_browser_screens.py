"""Every page on a phone and on a desktop, in each interface language: nothing wider than the
screen at 375 px, a skip link first, and no serious accessibility violation as axe-core (shipped
in tests/assets, run inside Chromium) finds them, at both widths. Screenshots of each page,
width and language land in ``test-output/screenshots`` for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_browser import (  # the same server fixtures and browser set-up
    CHROMIUM_ARGS,
    SCREENSHOTS,
    _chromium,
    _log_in,
    review_server,
    server,
)

pytestmark = pytest.mark.browser
__all__ = ["review_server", "server"]  # fixtures, imported to be used here

AXE = Path(__file__).resolve().parent / "assets" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = 375, 1280
SERIOUS = ("serious", "critical")
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _pages(browser, server: str, review_server: str) -> list[tuple[str, str, object]]:  # type: ignore[no-untyped-def]
    """(name, url, browser context) of every page family, public and an editor's."""
    public = browser.new_context(locale="en-US", bypass_csp=True)  # axe is injected
    look = public.new_page()
    look.goto(server + "/search?q=Бектанов&lang=en")
    person = look.get_by_role("link", name="Бектанов Мажит").first.get_attribute("href")
    look.close()
    editor = browser.new_context(locale="en-US", bypass_csp=True)  # axe is injected
    _log_in(editor.new_page(), review_server, "/account")
    return [
        ("home", server + "/", public),
        ("search", server + "/search?q=Бектанов", public),
        ("person", server + str(person), public),
        ("sources", server + "/sources", public),
        ("source", server + "/source/chokay-5th-group", public),
        ("statistics", server + "/statistics", public),
        ("place", server + "/place/mysen", public),
        ("browse", server + "/search?born_from=1920&born_to=1929", public),
        ("map", server + "/map", public),
        ("region", server + "/place/kazakh-ssr?page=2&sort=born", public),
        ("history", server + "/history", public),
        ("login", server + "/login", public),
        ("review", review_server + "/review", editor),
        ("judgements", review_server + "/review/mine", editor),
        ("import", review_server + "/import", editor),
        ("account", review_server + "/account", editor),
    ]


def test_every_page_fits_a_phone_and_passes_axe_in_three_languages(  # type: ignore[no-untyped-def]
    browser, server: str, review_server: str
) -> None:
    problems: list[str] = []
    for name, url, context in _pages(browser, server, review_server):
        page = context.new_page()  # type: ignore[attr-defined]
        for lang in ("en", "ru", "kk"):
            for width in (PHONE, DESKTOP):
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
                page.screenshot(
                    path=str(SCREENSHOTS / f"{name}-{lang}-{width}.png"), full_page=True
                )
                if width == PHONE and (extra := page.evaluate(OVERFLOW)) > 0:
                    problems.append(f"{name} {lang}: {extra}px wider than a {PHONE}px screen")
                page.add_script_tag(path=str(AXE))  # at each width: a phone's layout differs
                problems += [f"{name} {lang} {width}px: {v}" for v in page.evaluate(RUN_AXE)]
        page.close()
    assert problems == []


def test_the_first_tab_reaches_the_skip_link_and_it_goes_to_the_content(  # type: ignore[no-untyped-def]
    browser, server: str
) -> None:
    page = browser.new_page()
    for lang, words in (("en", "Skip to content"), ("ru", "Перейти к содержанию"),
                        ("kk", "Мазмұнға өту")):  # fmt: skip
        page.goto(f"{server}/sources?lang={lang}")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.textContent, document.activeElement.hash]")
        assert focused == [words, "#main"]
        assert page.locator("a.skip").is_visible()  # shown while focused
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
    page.close()
