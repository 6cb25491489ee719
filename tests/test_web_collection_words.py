"""A printable collection says what it selected in the reader's language: persons by name,
a camp by its name in that language, a source by its title; no ids, keys or English labels."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from fastapi.testclient import TestClient

from tagdyr.settings import load_settings
from tagdyr.web.app import create_app


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(load_settings(database_url=demo_db)))


def _selection_line(client: TestClient, **params: str) -> str:
    html = client.get("/export/collection.html", params=params).text
    found = re.search(r"<p>(?:Выборка|Selection|Іріктеу)[^<]*</p>", html)
    assert found, html[:2000]
    return found.group(0).replace("\u2068", "").replace("\u2069", "")


def test_a_dossiers_collection_names_the_man_not_his_id(client: TestClient) -> None:
    uid = re.search(r'href="/person/([0-9a-f]+)"', client.get("/search?q=Бектанов").text)
    assert uid
    assert _selection_line(client, person=uid[1], lang="ru") == "<p>Выборка: Бектанов Мажит</p>"
    pdf = client.get("/export/collection.pdf", params={"person": uid[1], "lang": "ru"})
    text = pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Бектанов Мажит" in text and uid[1] not in text and "persons:" not in text


def test_a_searchs_collection_names_its_filters_in_the_language(client: TestClient) -> None:
    line = _selection_line(client, q="Бектанов", camp="mysen", lang="ru")
    assert line == "<p>Выборка: имя: Бектанов; Лагерь: Мюзен</p>"
    line = _selection_line(client, source="norway-mysen-1945-06-18", lang="en")
    title = "List of Soviet citizens returning home from Mysen, 18 June 1945 (excerpt)"
    assert line == f"<p>Selection: Source: {title}</p>"


def test_the_command_lines_collection_says_its_selection_in_the_language(
    demo_db: str, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from tagdyr.cli import app

    out = tmp_path / "mysen.html"
    args = ["export", "collection", "--db", demo_db, "--camp", "mysen", "--lang", "ru"]
    done = CliRunner().invoke(app, [*args, "--query", "Бектанов", "--out", str(out)])
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8").replace("\u2068", "").replace("\u2069", "")
    assert "<p>Выборка: имя: Бектанов; Лагерь: Мюзен</p>" in html
    assert "<h1>имя: Бектанов; Лагерь: Мюзен</h1>" in html and "camp: mysen" not in html
