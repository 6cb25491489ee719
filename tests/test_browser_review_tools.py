"""Review and import for historians, in Chromium as an editor clicks them: the two records
side by side, undo of an older judgement from the list, merge by searching a name, linkage
started after an import and followed by the page, the same file under another key, an import
error that leads back to the filled form, and a wide preview that fits a phone and a desktop."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
DEMO = Path(str(resources.files("tagdyr.demo") / "data"))


@pytest.fixture(scope="module")
def editor(page, review_server: str):  # type: ignore[no-untyped-def]
    page.goto(review_server + "/?lang=en")  # the language cookie is per host, not per port
    _log_in(page, review_server, "/review")
    return page


def test_the_review_page_sets_the_two_records_side_by_side(editor, review_server: str) -> None:  # type: ignore[no-untyped-def]
    for lang, words in (("en", {"agree", "differ", "only one record says"}),
                        ("ru", {"совпадают", "различаются", "есть только в одной записи"}),
                        ("kk", {"сәйкес", "сәйкес емес", "тек бір жазбада бар"})):  # fmt: skip
        editor.goto(f"{review_server}/review?lang={lang}")
        rows = editor.locator("#fields-compared tbody tr")
        assert rows.count() >= 2
        states = [
            s.strip() for s in editor.locator("#fields-compared td.field-state").all_inner_texts()
        ]
        assert all(s[0] in "✓≠…" and s[1:].strip() in words for s in states), states
        editor.screenshot(path=str(SCREENSHOTS / f"review-fields-{lang}.png"), full_page=True)
    differ = editor.locator("tr.field-differ td.field-state")
    if differ.count():  # not colour alone: a differing row also says so in bold words
        assert differ.first.evaluate("e => getComputedStyle(e).fontWeight") == "600"


def test_undo_an_older_judgement_from_the_list(editor, review_server: str) -> None:  # type: ignore[no-untyped-def]
    judged = []
    for _ in range(2):
        editor.goto(review_server + "/review?lang=en")
        names = editor.locator(".pair .record h3").all_inner_texts()
        judged.append(names)
        editor.get_by_role("button", name="Unsure").click()
        editor.wait_for_url("**/review?done=*")
    editor.get_by_role("link", name="Your judgements").click()
    editor.wait_for_url("**/review/mine")
    rows = editor.locator("table.judgements tbody tr")
    assert rows.count() >= 2
    older = rows.nth(1)  # newest first: the first of the two
    assert all(name in older.inner_text() for name in judged[0])
    number = older.locator("td").first.inner_text()
    older.get_by_role("button", name=f"Undo #{number}").click()
    editor.wait_for_url(f"**/review/mine?undone={number}")
    message = editor.locator("#undone-message").inner_text()
    assert f"#{number}" in message and "Unsure" in message
    assert all(name in message for name in judged[0])
    assert "undone" in editor.locator(f"#judgement-{number}").inner_text()
    assert editor.locator(f"#judgement-{rows.nth(0).locator('td').first.inner_text()} form").count()
    editor.screenshot(path=str(SCREENSHOTS / "review-mine-en.png"), full_page=True)


def test_merge_by_searching_the_other_person_by_name(editor, review_server: str) -> None:  # type: ignore[no-untyped-def]
    editor.goto(review_server + "/search?q=Tschingaliew&lang=en")
    editor.locator("ol.hits > li a[href^='/person/']").first.click()
    editor.wait_for_url("**/person/*")
    before = editor.locator(".record").count()
    editor.get_by_label("The other person's name").fill("Бектанов")
    candidates = editor.locator("#merge-candidates li")
    candidates.first.wait_for()
    first = candidates.first.inner_text()
    assert "Бектанов" in first and "born" in first  # a name and a year to choose by
    editor.screenshot(path=str(SCREENSHOTS / "person-merge-search-en.png"), full_page=True)
    candidates.first.locator("input[type=radio]").check()
    editor.get_by_role("button", name="Join them").click()
    editor.wait_for_load_state()
    assert editor.locator(".record").count() > before


def test_linkage_runs_from_the_import_page_and_the_page_follows(  # type: ignore[no-untyped-def]
    editor, review_server: str, tmp_path: Path
) -> None:
    listing = tmp_path / "linkage-extra.csv"
    listing.write_text("Nr;Navn;Født\n1;Omarow Kabysch;1910\n", "utf-8")
    editor.goto(review_server + "/import?lang=en")
    editor.get_by_label("File").set_input_files(str(listing))
    editor.get_by_label("Source key").fill("linkage-extra")
    editor.get_by_label("Title").fill("Extra list")
    editor.get_by_label("Citation").fill("Riksarkivet (test)")
    editor.get_by_role("button", name="Preview").click()
    editor.get_by_role("button", name="Import").last.click()
    editor.wait_for_url("**/import/commit")
    assert "tagdyr link" not in editor.content()
    editor.get_by_role("button", name="Run linkage").click()
    editor.wait_for_url("**/link/job/*")
    assert editor.locator("progress#link-bar").count() == 1
    editor.evaluate("window.stayed = true")  # HTMX swaps the part; the page is not reloaded
    editor.locator("#link-result").wait_for(timeout=240_000)
    assert editor.evaluate("window.stayed === true")
    said = editor.locator("#link-result").inner_text()
    assert "Linkage done" in said and "persons" in said
    editor.screenshot(path=str(SCREENSHOTS / "link-job-en.png"), full_page=True)


def test_the_same_file_under_another_key_warns_and_names_the_source(  # type: ignore[no-untyped-def]
    editor, review_server: str
) -> None:
    editor.goto(review_server + "/import?lang=ru")
    editor.locator("#file").set_input_files(str(DEMO / "norway_mysen_1945.csv"))
    editor.locator("#key").fill("mysen-copy")
    editor.locator("#title").fill("Копия")
    editor.locator("#citation").fill("Riksarkivet")
    editor.locator("form.import button[type=submit]").click()
    warning = editor.locator("#same-bytes")
    warning.wait_for()
    assert "уже импортирован" in warning.inner_text()
    editor.screenshot(path=str(SCREENSHOTS / "import-same-bytes-ru.png"), full_page=True)
    named = warning.locator("a[href^='/source/']").first.get_attribute("href")
    editor.locator("#same-bytes-cancel").click()
    editor.wait_for_url("**/import?*")
    assert editor.locator("#key").input_value() == "mysen-copy"  # cancelled, the form kept
    editor.goto(review_server + str(named))
    assert "Mysen" in editor.locator("h1").inner_text()  # the source that holds these bytes


def test_an_import_error_leads_back_to_the_filled_form(
    editor, review_server: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("Nr;Aty-zhoni;Tugan zhyly\n1;Бектанов Мажит;1914\n", "utf-8")
    editor.goto(review_server + "/import?lang=kk")
    editor.locator("#file").set_input_files(str(nameless))
    editor.locator("#key").fill("nameless-list")
    editor.locator("#title").fill("Атаусыз тізім")
    editor.locator("#citation").fill("ҚР ОМА, 1-қор")
    editor.locator("form.import button[type=submit]").click()
    editor.locator("form.import-mapping button[type=submit]").click()
    editor.locator("#import-error").wait_for()
    assert "Атаусыз тізім" in editor.content() and "ҚР ОМА, 1-қор" in editor.content()
    editor.screenshot(path=str(SCREENSHOTS / "import-error-kk.png"), full_page=True)
    editor.locator("#back-to-mapping").click()
    editor.wait_for_url("**/import/preview/*")
    assert editor.locator("input[name=title]").input_value() == "Атаусыз тізім"
    editor.locator("select[name='col:Aty-zhoni']").select_option("full_name")
    editor.locator("form.import-mapping button[type=submit]").click()
    editor.locator("#import-result").wait_for()


def test_a_wide_preview_fits_a_phone_and_a_desktop(editor, review_server: str) -> None:  # type: ignore[no-untyped-def]
    wide = DEMO / "obd_format_excerpt.csv"
    for lang in ("en", "ru", "kk"):
        editor.goto(f"{review_server}/import?lang={lang}")
        editor.locator("#file").set_input_files(str(wide))
        editor.locator("#key").fill("obd-wide")
        editor.locator("#title").fill("OBD")
        editor.locator("#citation").fill("OBD Memorial")
        editor.locator("form.import button[type=submit]").click()
        editor.locator("table.preview").wait_for()
        for width in (375, 1280):
            editor.set_viewport_size({"width": width, "height": 900})
            assert editor.evaluate(OVERFLOW) == 0, (lang, width)
            if width == 375:  # the table is wider than a phone: it scrolls inside its box
                box = editor.locator("table.preview").evaluate(
                    "t => [t.scrollWidth, t.clientWidth]"
                )
                assert box[0] > box[1], box
            editor.screenshot(
                path=str(SCREENSHOTS / f"import-preview-{lang}-{width}.png"), full_page=True
            )
    editor.set_viewport_size({"width": 1280, "height": 900})
