"""Import from the browser: upload, check the column mapping, import, errors that say where."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tagdyr.settings import load_settings
from tagdyr.web.app import create_app
from tests.web import log_in

ROWS = "Nr;Aty-zhoni;Tugan zhyly\n1;Бектанов Мажит;1914\n2;Жұмағалиев Мағдау;1917\n"


def _client(engine: Engine, tmp_path: Path) -> TestClient:
    """An editor's client; its changes carry the CSRF token as a header (like an HTMX page)."""
    settings = load_settings(database_url=str(engine.url), upload_dir=tmp_path / "uploads")
    client = TestClient(create_app(settings, engine=engine))
    client.headers["X-CSRF-Token"] = log_in(client, engine)
    return client


def _upload(client: TestClient, data: bytes, name: str = "list.csv") -> str:
    page = client.post(
        "/import/preview",
        files={"file": (name, data, "text/csv")},
        data={"key": "test-list", "title": "Test list", "citation": "Archive, f. 1"},
    )
    assert page.status_code == 200, page.text
    return page.text


def _form(page: str) -> dict[str, str]:
    """What a browser posts: the hidden fields, the ticked boxes, the chosen options."""
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    ticked = r'<input type="checkbox"(?: form="[^"]*")? name="([^"]+)" value="([^"]*)" checked'
    fields |= {name: html.unescape(value) for name, value in re.findall(ticked, page)}
    for name, body in re.findall(r'<select id="[^"]*" name="([^"]+)">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]+)"[^>]*selected', body)
        fields[name] = chosen[1] if chosen else "-"
    return fields


def test_upload_map_a_column_and_import(engine: Engine, tmp_path: Path) -> None:
    client = _client(engine, tmp_path)
    page = _upload(
        client, ROWS.encode("cp1251", errors="replace") if False else ROWS.encode("utf-8")
    )
    assert "Жұмағалиев Мағдау" in page  # the rows as written
    assert "no column holds names" in page  # "Aty-zhoni" is no header tagdyr knows
    form = _form(page)
    refused = client.post("/import/commit", data=form)
    assert refused.status_code == 400
    assert "list.csv, row 1" in refused.text and "holds names" in refused.text

    form["col:Aty-zhoni"] = "full_name"
    form["col:Tugan zhyly"] = "birth_year"
    done = client.post("/import/commit", data=form)
    assert done.status_code == 200, done.text
    assert re.search(r"2 records imported into .*test-list", done.text)
    history = client.get("/history").text
    assert "list.csv imported as version 1 of test-list: 2 records" in history
    assert "<td>editor</td>" in history
    source = client.get("/source/test-list").text
    assert "Жұмағалиев Мағдау" in source and "1917" in source
    twice = client.post("/import/commit", data=form)  # a second click: the same import
    assert re.search(r"2 records imported into .*test-list", twice.text)
    assert not any((tmp_path / "uploads" / form["token"]).glob("list.csv"))  # deleted
    form["token"] = _form(_upload(client, ROWS.encode("utf-8")))["token"]
    again = client.post("/import/commit", data=form)
    assert "nothing changed" in again.text  # same bytes: a no-op


def test_encoding_is_detected_and_shown(engine: Engine, tmp_path: Path) -> None:
    client = _client(engine, tmp_path)
    page = _upload(client, "№;ФИО;Год рождения\n1;Бектанов Мажит;1914\n".encode("cp1251"))
    assert "cp1251" in page and "Бектанов Мажит" in page
    assert '<option value="full_name" title="full_name" selected>whole name</option>' in page


def test_bad_uploads_are_refused_clearly(engine: Engine, tmp_path: Path) -> None:
    client = _client(engine, tmp_path)
    refused = client.post(
        "/import/preview",
        files={"file": ("notes.pdf", b"%PDF-1.4", "application/pdf")},
        data={"key": "x", "title": "x", "citation": "x"},
    )
    assert refused.status_code == 400 and "notes.pdf" in refused.text and ".pdf" in refused.text
    gone = client.post("/import/commit", data={"token": "0" * 32})
    assert gone.status_code == 404 and "upload the file again" in gone.text
    forged = client.post("/import/commit", data={"token": "../../etc"})
    assert forged.status_code == 404


def test_import_a_text_from_the_browser(engine: Engine, tmp_path: Path) -> None:
    client = _client(engine, tmp_path)
    text = "Т. Жангелдиннің естелігінде Қадем Жұманиязов бастаған 90 адамдық бөлім аталады."
    page = client.post(
        "/import/preview",
        files={"file": ("memoir.txt", text.encode("utf-8"), "text/plain")},
        data={"key": "memoir", "title": "A memoir", "citation": "Our memoir", "kind": "text"},
    )
    assert page.status_code == 200, page.text
    assert '<strong id="mention-count">2</strong>' in page.text
    assert "<td>Т. Жангелдиннің</td><td>Т. Жангелдин</td>" in page.text
    done = client.post("/import/commit", data=_form(page.text))
    assert done.status_code == 200 and re.search(r"2 records imported into .*memoir", done.text)
    source = client.get("/source/memoir").text
    assert '<mark id="record-' in source and "90 адамдық" in source


def test_a_texts_preview_shows_sentences_and_facts_to_untick(
    engine: Engine, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from tagdyr.store import schema as s

    client = _client(engine, tmp_path)
    text = (
        "Кабыш Омаров 1914 жылы туған. Он был арестован в 1946 году.\n\n"
        "Kadem Jumaniyazov was a driver. He escaped in 1943."
    )
    page = client.post(
        "/import/preview",
        files={"file": ("note.txt", text.encode("utf-8"), "text/plain")},
        data={"key": "note", "title": "A note", "citation": "Our note", "kind": "text"},
    ).text
    assert '<td class="sentence">Кабыш Омаров 1914 жылы туған.</td>' in page
    omarov = f"0-{len('Кабыш Омаров')}"
    facts = re.findall(rf'name="keep-fact:({omarov}:[a-z_]+):', page)
    assert facts == [f"{omarov}:birth", f"{omarov}:arrest"]  # the arrest through "Он"
    form = _form(page)
    arrest = next(k for k in form if k.startswith(f"keep-fact:{omarov}:arrest"))
    del form[arrest]  # unticked: the arrest stays out
    del form[next(k for k in form if k.startswith("keep-mention:") and not k.endswith(omarov))]
    done = client.post("/import/commit", data=form)
    assert done.status_code == 200 and re.search(r"1 records? imported into .*note", done.text)
    with engine.connect() as conn:
        stored = [json.loads(n) for n in conn.execute(select(s.record.c.normalized)).scalars()]
    assert len(stored) == 1, stored
    assert "1914" in json.dumps(stored[0]) and "1946" not in json.dumps(stored[0]), stored


def test_the_same_bytes_under_another_key_are_a_warning(engine: Engine, tmp_path: Path) -> None:
    client = _client(engine, tmp_path)
    form = _form(_upload(client, ROWS.encode("utf-8")))
    form["col:Aty-zhoni"], form["col:Tugan zhyly"] = "full_name", "birth_year"
    assert client.post("/import/commit", data=form).status_code == 200
    again = client.post(
        "/import/preview",
        files={"file": ("copy.csv", ROWS.encode("utf-8"), "text/csv")},
        data={"key": "another-key", "title": "Another title", "citation": "Elsewhere"},
    ).text
    warning = re.search(r'id="same-bytes">(.*?)</div>', again, re.S)
    assert warning, "no warning for a file already imported under test-list"
    assert '<a href="/source/test-list"><bdi>Test list</bdi></a>' in warning[1]
    assert 'href="/import?key=another-key&amp;title=Another+title' in warning[1]  # cancel
    assert 'action="/import/commit"' in again  # the editor may still go on
    changed = ROWS.replace("1917", "1918").encode("utf-8")
    other = client.post(
        "/import/preview",
        files={"file": ("other.csv", changed, "text/csv")},
        data={"key": "another-key", "title": "Another title", "citation": "Elsewhere"},
    ).text
    assert 'id="same-bytes"' not in other  # other bytes: no warning
    own = client.post(
        "/import/preview",
        files={"file": ("list.csv", ROWS.encode("utf-8"), "text/csv")},
        data={"key": "test-list", "title": "Test list", "citation": "Archive, f. 1"},
    ).text
    assert 'id="same-bytes"' not in own  # the same source again: the importer says "unchanged"


def test_an_import_error_keeps_what_was_typed_and_leads_back(
    engine: Engine, tmp_path: Path
) -> None:
    client = _client(engine, tmp_path)
    refused = client.post(
        "/import/preview",
        files={"file": ("notes.pdf", b"%PDF-1.4", "application/pdf")},
        data={"key": "chokay-list", "title": "Список Чокая", "citation": "ЦГА РК, ф. 1"},
    )
    assert refused.status_code == 400 and "notes.pdf" in refused.text
    assert 'value="chokay-list"' in refused.text and 'value="Список Чокая"' in refused.text
    assert 'value="ЦГА РК, ф. 1"' in refused.text  # the form again, filled
    form = _form(_upload(client, ROWS.encode("utf-8")))
    failed = client.post("/import/commit", data=form)  # no column holds names
    assert failed.status_code == 400 and "holds names" in failed.text
    for typed in ("test-list", "Test list", "Archive, f. 1"):
        assert typed in failed.text
    back = re.search(r'href="(/import/preview/[0-9a-f]+\?[^"]+)" id="back-to-mapping"', failed.text)
    assert back
    mapping = client.get(html.unescape(back[1]))
    assert mapping.status_code == 200 and "Жұмағалиев Мағдау" in mapping.text
    kept = _form(mapping.text)
    assert (kept["key"], kept["title"], kept["citation"]) == ("test-list", "Test list",
                                                               "Archive, f. 1")  # fmt: skip
    kept["col:Aty-zhoni"], kept["col:Tugan zhyly"] = "full_name", "birth_year"
    done = client.post("/import/commit", data=kept)
    assert re.search(r"2 records imported into .*test-list", done.text)
    start = re.search(r'href="(/import\?[^"]+)" id="back-to-form"', failed.text)
    assert start
    filled = client.get(html.unescape(start[1])).text
    assert 'value="test-list"' in filled and 'value="Archive, f. 1"' in filled


def test_the_mapping_dropdown_speaks_the_users_language(engine: Engine, tmp_path: Path) -> None:
    client = _client(engine, tmp_path)
    for lang, given, year in (("ru", "имя", "год рождения"), ("kk", "аты", "туған жылы"),
                              ("en", "given name", "year of birth")):  # fmt: skip
        client.cookies.set("tagdyr_lang", lang)
        page = _upload(client, "№;ФИО;Год рождения\n1;Бектанов Мажит;1914\n".encode())
        labels = re.findall(r'<option value="([a-z_]+)"[^>]*>([^<]+)</option>', page)
        shown = dict(labels)
        assert shown["given_name"] == given and shown["birth_year"] == year
        assert not [field for field, label in labels if label == field and "_" in field]
