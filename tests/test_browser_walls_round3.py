"""Issue 20's last walls in Chromium: the review waterfall's levels in Kazakh and Russian, at a
desktop's and a phone's width, and the column mapping kept on the way back from a failed
import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tagdyr.link.engine import MISSING_LEVEL
from tagdyr.link.model import load_model
from tests.test_browser import (  # the same server, browser and page fixtures
    SCREENSHOTS,
    _log_in,
    page,
    review_server,
    server,
)

pytestmark = pytest.mark.browser
__all__ = ["page", "review_server", "server"]  # the fixtures, imported to be used here

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
ENGLISH_LABELS = {MISSING_LEVEL} | {
    label for levels in load_model().parameters.values() for label in levels
}
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
LEVELS = "table.waterfall tbody tr td:nth-child(2)"


@pytest.fixture(scope="module")
def editor(page, review_server: str):  # type: ignore[no-untyped-def]
    page.goto(review_server + "/?lang=en")
    _log_in(page, review_server, "/review")
    return page


def test_the_waterfall_speaks_kazakh_and_russian_on_a_desktop_and_a_phone(  # type: ignore[no-untyped-def]
    editor, review_server: str
) -> None:
    for width in (1280, 375):
        editor.set_viewport_size({"width": width, "height": 900})
        for lang in ("ru", "kk"):
            editor.goto(f"{review_server}/review?lang={lang}")
            cells = editor.locator(LEVELS).all()
            levels = [c.evaluate("e => e.firstChild ? e.firstChild.textContent.trim() : ''")
                      for c in cells]  # fmt: skip
            levels = [level for level in levels if level]  # the prior's row has no level
            assert levels, lang
            assert not set(levels) & ENGLISH_LABELS, levels
            assert all(CYRILLIC.search(level) for level in levels), levels
            assert editor.evaluate(OVERFLOW) <= 0, (lang, width)
            editor.screenshot(
                path=str(SCREENSHOTS / f"review-levels-{lang}-{width}.png"), full_page=True
            )
    editor.set_viewport_size({"width": 1280, "height": 900})


def test_back_from_a_failed_import_the_columns_stay_as_chosen(  # type: ignore[no-untyped-def]
    editor, review_server: str, tmp_path: Path
) -> None:
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("Nr;Aty-zhoni;Tugan zhyly\n1;Бектанов Мажит;1914\n", "utf-8")
    editor.goto(review_server + "/import?lang=ru")
    editor.locator("#file").set_input_files(str(nameless))
    editor.locator("#key").fill("nameless-columns")
    editor.locator("#title").fill("Список без имён")
    editor.locator("#citation").fill("Архив (тест)")
    editor.locator("form.import button[type=submit]").click()
    year = editor.locator("select[name='col:Tugan zhyly']")
    year.select_option("birth_year")  # chosen by hand; the name column is left out
    editor.locator("select[name='col:Aty-zhoni']").select_option("-")
    editor.locator("form.import-mapping button[type=submit]").click()
    editor.locator("#import-error").wait_for()
    editor.locator("#back-to-mapping").click()
    editor.wait_for_url("**/import/preview/*")
    assert year.input_value() == "birth_year"
    assert editor.locator("select[name='col:Aty-zhoni']").input_value() == "-"
    assert editor.locator("input[name=title]").input_value() == "Список без имён"
    editor.screenshot(path=str(SCREENSHOTS / "import-back-columns-ru.png"), full_page=True)
