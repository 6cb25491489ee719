"""Issue 20's last walls over HTTP: the review waterfall says each level in the interface's
language, the way back from a failed import keeps the columns as the editor chose them, and a
linkage run started from the browser reports how far each stage has counted."""

from __future__ import annotations

import html
import re
import urllib.parse
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tagdyr.link.engine import MISSING_LEVEL
from tagdyr.link.model import load_model
from tagdyr.settings import load_settings
from tagdyr.web.app import create_app
from tagdyr.web.linkage import _run_link
from tagdyr.web.uploads import Uploads
from tests.web import log_in

ENGLISH_LABELS = {MISSING_LEVEL} | {
    label for levels in load_model().parameters.values() for label in levels
}
# the row of a list entry's competing candidates: a sentence with its numbers
ENTRY_CANDIDATES = re.compile(r"one of the entry's \d+ candidates \(.+\)")
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)


def _client(engine: Engine, tmp_path: Path) -> TestClient:
    settings = load_settings(database_url=str(engine.url), upload_dir=tmp_path / "uploads")
    client = TestClient(create_app(settings, engine=engine))
    client.headers["X-CSRF-Token"] = log_in(client, engine, "editor")
    return client


def _level_cells(page: str) -> list[str]:
    """The level column of the waterfall's rows (the prior's row has none)."""
    table = re.search(r'<table class="waterfall"[^>]*>(.*?)</table>', page, re.S)
    assert table
    cells = re.findall(r"</td><td>([^<]+)<div class=\"evidence-says\">", table[1])
    return [html.unescape(c).strip() for c in cells]


def test_the_waterfall_says_each_level_in_the_interface_language(
    linked: Engine, tmp_path: Path
) -> None:
    client = _client(linked, tmp_path)
    english = _level_cells(client.get("/review?lang=en").text)
    assert english and all(e in ENGLISH_LABELS or ENTRY_CANDIDATES.fullmatch(e) for e in english)
    for lang in ("ru", "kk"):
        levels = _level_cells(client.get(f"/review?lang={lang}").text)
        assert len(levels) == len(english)
        assert not set(levels) & ENGLISH_LABELS, levels
        assert all(CYRILLIC.search(level) for level in levels), levels


NAMELESS = "Nr;Aty-zhoni;Tugan zhyly\n1;Бектанов Мажит;1914\n"


def test_the_way_back_from_a_failed_import_keeps_the_columns_as_chosen(
    linked: Engine, tmp_path: Path
) -> None:
    client = _client(linked, tmp_path)
    preview = client.post(
        "/import/preview",
        files={"file": ("nameless.csv", NAMELESS.encode(), "text/csv")},
        data={"key": "nameless", "title": "Nameless list", "citation": "Archive (test)"},
    ).text
    assert 'name="col:Tugan zhyly"' in preview
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', preview))
    form.update({"col:Nr": "-", "col:Aty-zhoni": "-", "col:Tugan zhyly": "birth_year"})
    failed = client.post("/import/commit", data=form)
    assert failed.status_code == 400  # no column holds a name
    back = re.search(r'href="([^"]+)" id="back-to-mapping"', failed.text)
    assert back
    url = html.unescape(back[1])
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["col:Tugan zhyly"] == [
        "birth_year"
    ]
    again = client.get(url).text
    select = re.search(r'name="col:Tugan zhyly">(.*?)</select>', again, re.S)
    assert select and re.search(r'<option value="birth_year"[^>]* selected>', select[1])
    assert "Nameless list" in again


class _Recording(Uploads):
    """Real job files; every state written is also kept, to read what the page could see."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory, 1)
        self.states: list[dict[str, Any]] = []

    def write_job(self, token: str, state: dict[str, Any]) -> None:
        self.states.append(dict(state))
        super().write_job(token, state)


def test_a_browser_linkage_run_reports_its_counts(linked: Engine, tmp_path: Path) -> None:
    uploads = _Recording(tmp_path / "jobs")
    token = uploads.new_job()
    settings = load_settings(database_url=str(linked.url), upload_dir=tmp_path / "jobs")
    _run_link(uploads, token, linked, settings, "editor")
    running = [st for st in uploads.states if st["state"] == "running" and "stage" in st]
    reading = [st for st in running if st["stage"] == 0 and st.get("total")]
    stored = [st for st in running if st["stage"] == 2 and st.get("total")]
    result = uploads.states[-1]["result"]
    assert reading and reading[-1]["done"] == reading[-1]["total"] == result["records"]
    assert stored and stored[-1]["done"] == stored[-1]["total"]
    assert [st["stage"] for st in running] == sorted(st["stage"] for st in running)
    assert all(
        0 <= st.get("done", 0) <= st.get("total", 0) or not st.get("total") for st in running
    )


def test_the_linkage_page_shows_the_counts_in_three_languages(
    linked: Engine, tmp_path: Path
) -> None:
    client = _client(linked, tmp_path)
    uploads = client.app.state.uploads  # type: ignore[attr-defined]
    token = uploads.new_job()
    state = {"state": "running", "kind": "link", "started": 0, "stage": 0, "done": 1200,
             "total": 4800}  # fmt: skip
    uploads.write_job(token, state)
    for lang, unit in (("en", "records read"), ("ru", "записей прочитано"),
                       ("kk", "жазба оқылды")):  # fmt: skip
        part = client.get(f"/link/job/{token}?lang={lang}", headers={"HX-Request": "true"}).text
        assert re.search(r'<span id="link-count">1 200 / 4 800</span> ' + unit, part), part
        assert '<progress id="link-bar" max="3" value="0.25"' in part
