"""Exports over HTTP and from the command line: links on the pages, files that parse, errors
that say what is wrong."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.export.jsonld import TERMS
from tagdyr.settings import load_settings
from tagdyr.web.app import create_app

BASE = "https://tagdyr.example.org"


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(load_settings(database_url=demo_db, base_url=BASE)))


def _bektanov(client: TestClient) -> str:
    page = client.get("/search", params={"q": "Bektanow Mashit"}).text
    match = re.search(r'href="/person/([0-9a-f]+)">Бектанов Мажит</a>', page)
    assert match
    return match.group(1)


def test_search_page_offers_exports_of_what_it_found(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Bektanow", "born_from": "1914"}).text
    links = re.findall(r'href="(/export/[^"]+)"', page)
    assert "/export/persons.csv?q=Bektanow&amp;born_from=1914" in links
    csv_text = client.get("/export/persons.csv?q=Bektanow&born_from=1914").content
    assert csv_text.startswith(b"\xef\xbb\xbftagdyr_uri,uid,name")
    assert "Бектанов Мажит" in csv_text.decode("utf-8-sig")


def test_person_uri_dereferences_to_jsonld(client: TestClient) -> None:
    uid = _bektanov(client)
    html = client.get(f"/person/{uid}").text
    assert f'<link rel="alternate" type="application/ld+json" href="/person/{uid}.jsonld">' in html
    by_accept = client.get(f"/person/{uid}", headers={"Accept": "application/ld+json"})
    assert by_accept.headers["content-type"] == "application/ld+json"
    document = by_accept.json()
    assert document == client.get(f"/person/{uid}.jsonld").json()
    assert document["@graph"][0]["@id"] == f"{BASE}/person/{uid}"


def test_person_gedcom_in_both_versions(client: TestClient) -> None:
    import gedcom7

    uid = _bektanov(client)
    seven = client.get(f"/person/{uid}.ged")
    assert "attachment" in seven.headers["content-disposition"]
    assert gedcom7.validate(gedcom7.loads(seven.text)) == []
    old = client.get(f"/person/{uid}.ged", params={"version": "5.5.1"}).text
    assert "2 VERS 5.5.1" in old and "1 CHAR UTF-8" in old and "Мажит /Бектанов/" in old
    assert client.get(f"/person/{uid}.ged", params={"version": "6"}).status_code == 422


def test_source_page_collection_pdf_and_xlsx(client: TestClient) -> None:
    from openpyxl import load_workbook

    page = client.get("/source/chokay-5th-group").text
    assert 'href="/export/collection.pdf?source=chokay-5th-group"' in page
    pdf = client.get("/export/collection.pdf", params={"source": "chokay-5th-group"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    workbook = load_workbook(
        io.BytesIO(client.get("/export/tables.xlsx?source=chokay-5th-group").content)
    )
    assert workbook["persons"].max_row == 16  # header + the list's 15 men
    html = client.get(
        "/export/collection.html", params={"source": "chokay-5th-group", "lang": "ru"}
    ).text
    assert "Указатель имён во всех написаниях" in html and "Чынгалиев, Казан" in html


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/export/people.csv", 404, "no table &#39;people&#39;"),
        ("/export/persons.csv?source=nowhere", 404, "no source with key"),
        ("/export/persons.csv?q=Zzyzzx", 404, "nobody is selected"),
        ("/export/collection.doc", 404, "as .html or .pdf"),
        ("/export/persons.csv?born_from=12", 400, "born_from"),
        ("/place/atlantis", 404, "no place"),
    ],
)
def test_export_errors_say_why(client: TestClient, url: str, status: int, says: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert says in response.text


def test_vocabulary_and_place_pages(client: TestClient) -> None:
    vocab = client.get("/vocab").text
    assert all(f"tagdyr:{term}" in vocab for term in TERMS)
    mysen = client.get("/place/mysen")
    assert mysen.status_code == 200 and "Бектанов Мажит" in mysen.text


def test_cli_exports_and_dump(demo_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    db = demo_db
    gedcom = runner.invoke(
        app, ["export", "gedcom", "-q", "Bektanow", "--db", db, "--base-url", BASE]
    )
    assert gedcom.exit_code == 0 and "0 HEAD" in gedcom.stdout
    out = tmp_path / "chokay.pdf"
    made = runner.invoke(
        app,
        [
            "export",
            "collection",
            "--source",
            "chokay-5th-group",
            "--lang",
            "kk",
            "-o",
            str(out),
            "--db",
            db,
        ],
    )
    assert made.exit_code == 0, made.output
    assert out.read_bytes().startswith(b"%PDF")
    jsonld = tmp_path / "all.jsonld"
    assert runner.invoke(app, ["export", "jsonld", "-o", str(jsonld), "--db", db]).exit_code == 0
    assert len(json.loads(jsonld.read_text("utf-8"))["@graph"]) > 300
    dump = tmp_path / "all.zip"
    assert runner.invoke(app, ["dump", str(dump), "--db", db]).exit_code == 0
    restored = runner.invoke(app, ["import-dump", str(dump), "--db", str(tmp_path / "r.db")])
    assert restored.exit_code == 0 and "rows restored" in restored.output
    again = runner.invoke(app, ["import-dump", str(dump), "--db", str(tmp_path / "r.db")])
    assert again.exit_code == 1 and "not empty" in str(again.exception)
    bad = runner.invoke(app, ["export", "csv", "--table", "people", "--db", db])
    assert (
        bad.exit_code == 1
        and "--table 'people': choose one of persons, records, claims, sources"
        in str(bad.exception)
    )
