"""Review, import and printing walked in Chromium as a historian does it (issue 20, round 6):
the side-by-side view holds every field the evidence weighs, a judgement's message says what
was recorded about whom, Russian counts take the right noun, and a dossier on paper or as the
collection PDF names the man and cites this server's address."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from tests.test_browser import (  # the same server and page fixtures
    SCREENSHOTS,
    _log_in,
    page,
    review_server,
    server,
)

pytestmark = pytest.mark.browser
__all__ = ["page", "review_server", "server"]  # the fixtures, imported to be used here

# the comparisons of the model a record writes in a cell (gender is read from the name)
WRITTEN = {"surname", "given name", "patronymic", "birth", "place", "rank", "camp",
           "personal number"}  # fmt: skip
WATERFALL = """() => [...document.querySelectorAll('table.waterfall tbody tr')].slice(1)
  .map(tr => [tr.cells[0].textContent.trim(), parseFloat(tr.cells[2].textContent)])"""
FIELDS = """() => [...document.querySelectorAll('#fields-compared tbody tr')]
  .map(tr => [tr.querySelector('th').textContent.trim(), tr.className])"""


def test_the_side_by_side_view_holds_every_written_field_the_evidence_weighs(  # type: ignore[no-untyped-def]
    page, review_server: str
) -> None:
    _log_in(page, review_server, "/review?lang=en")
    seen: set[str] = set()
    for _ in range(4):  # four pairs of the queue, judged unsure one after the other
        fields = dict(page.evaluate(FIELDS))
        for comparison, weight in page.evaluate(WATERFALL):
            if comparison in WRITTEN and weight:
                seen.add(comparison)
                assert fields.get(comparison) == ("field-agree" if weight > 0 else "field-differ")
        names = page.locator("#fields-compared thead th bdi").all_inner_texts()
        page.get_by_role("button", name="Unsure").click()
        page.wait_for_url("**/review?done=*")
        message = page.locator("#undo-form").inner_text()
        assert re.match(r"Recorded #\d+: «Unsure» — ", message)
        assert all(name in message for name in names)  # whom the judgement was about
    assert "place" in seen  # the demo's pairs weigh where the men were born
    page.screenshot(path=str(SCREENSHOTS / "review-fields-en.png"), full_page=True)


def _import(page, review_server: str, tmp_path: Path, key: str, rows: int) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    listing = tmp_path / f"{key}.csv"
    body = "".join(f"Жумабаев{n};Касым;{1910 + n}\n" for n in range(rows))
    listing.write_text("Фамилия;Имя;Год рождения\n" + body, "utf-8")
    page.goto(review_server + "/import?lang=ru")
    page.get_by_label("Файл").set_input_files(str(listing))
    page.get_by_label("Ключ источника").fill(key)
    page.get_by_label("Название").fill(f"Список {key}")
    page.get_by_label("Ссылка", exact=True).fill("Архив (проверка)")
    page.get_by_role("button", name="Предпросмотр").click()
    page.wait_for_url("**/import/preview")
    counted = page.locator("main p").filter(has_text="строк").first.inner_text()
    page.get_by_role("button", name="Импортировать").click()
    page.wait_for_url("**/import/commit")
    return counted, page.locator("#import-result").inner_text()


def test_russian_counts_take_the_noun_of_their_number(  # type: ignore[no-untyped-def]
    page, review_server: str, tmp_path: Path
) -> None:
    _log_in(page, review_server, "/import?lang=ru")
    assert _import(page, review_server, tmp_path, "count-one", 1) == (
        "1 строка", "1 запись импортирована в count-one (версия 1).")  # fmt: skip
    assert _import(page, review_server, tmp_path, "count-three", 3) == (
        "3 строки", "3 записи импортированы в count-three (версия 1).")  # fmt: skip
    assert _import(page, review_server, tmp_path, "count-five", 5) == (
        "5 строк", "5 записей импортировано в count-five (версия 1).")  # fmt: skip


def _bektanov(page, server: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(server + "/search?q=Бектанов&lang=ru")
    page.get_by_role("link", name="Бектанов Мажит").first.click()
    page.wait_for_url("**/person/*")
    return str(page.url).split("/person/")[1].split("?")[0]


def test_a_printed_dossier_carries_its_citation_and_address(page, server: str) -> None:  # type: ignore[no-untyped-def]
    uid = _bektanov(page, server)
    cite = page.locator(".cite-print")
    assert not cite.is_visible()  # on screen the boxes to copy from do it
    page.emulate_media(media="print")
    try:
        assert cite.is_visible()
        assert f"{server}/person/{uid}" in cite.inner_text()
        said = cite.inner_text().replace("\u2068", "").replace("\u2069", "")  # name isolated
        assert said.startswith("Как ссылаться на этого человека: Бектанов Мажит.")
        assert not page.locator("header.top").is_visible()
        page.screenshot(path=str(SCREENSHOTS / "person-print-ru.png"), full_page=True)
    finally:
        page.emulate_media(media="screen")


def test_the_collection_pdf_of_a_dossier_names_the_man_and_cites_this_server(  # type: ignore[no-untyped-def]
    page, server: str
) -> None:
    uid = _bektanov(page, server)
    with page.expect_download() as download:
        page.locator("nav.exports").get_by_role("link", name="PDF").click()
    reader = pypdf.PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert reader.metadata is not None and reader.metadata.title == "Бектанов Мажит"
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert f"{server}/person/{uid}" in text
    assert reader.pages[0].extract_text().startswith("Бектанов Мажит\n")  # not its uid
    conscription = [line for line in text.splitlines() if line.startswith("призыв:")]
    assert conscription and all(line.count("Павлодарский РВК") == 1 for line in conscription)
