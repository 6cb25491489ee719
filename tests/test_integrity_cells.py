"""Cells and headers kept as the file holds them (issue 16, item 16): a header's whitespace is
stored beside the header records are keyed by, and an XLSX formula the file stores no value for
is kept as its text, named in a warning (file, sheet, row, column) at every step of an import."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from tagdyr.settings import load_settings
from tagdyr.sources.importer import SourceInfo, import_table
from tagdyr.sources.preview import preview_table
from tagdyr.store import schema as s
from tagdyr.web.app import create_app
from tests.files import write_csv
from tests.web import log_in

_LIST = SourceInfo("spaced", "A list with spaced headers", "An archive, f. 1")


def _client(engine: Engine, tmp_path: Path) -> TestClient:
    settings = load_settings(database_url=str(engine.url), upload_dir=tmp_path / "up")
    client = TestClient(create_app(settings, engine=engine))
    client.headers["X-CSRF-Token"] = log_in(client, engine)
    return client


def _stored(engine: Engine) -> tuple[dict[str, object], list[dict[str, str]]]:
    with engine.connect() as conn:
        meta = json.loads(conn.execute(select(s.document.c.mapping)).scalar_one())
        cells = [json.loads(v) for v in conn.execute(select(s.record.c.verbatim)).scalars()]
    return meta, cells


def test_a_header_is_stored_as_written_beside_the_header_it_is_matched_by(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    header = ["Фамилия ", " Имя", "Примечание", "Примечание\t"]
    path = write_csv(tmp_path / "spaced.csv", [header, ["Бектанов", "Мажит", "раз", "два"]])
    import_table(sqlite_engine, path, _LIST)
    meta, cells = _stored(sqlite_engine)
    assert meta["headers"] == [{
        "sheet": None, "row": 1, "as_written": header,
        "header": ["Фамилия", "Имя", "Примечание", "Примечание (column 4)"],
    }]  # fmt: skip
    assert meta["columns"] == {"Фамилия": "surname", "Имя": "given_name"}
    # two columns of one name both keep their cell (one used to overwrite the other)
    assert sorted(cells[0].values()) == sorted(["Бектанов", "Мажит", "раз", "два"])
    page = html.unescape(_client(sqlite_engine, tmp_path).get("/source/spaced").text)
    shown = re.findall(r'<q class="as-written"[^>]*>(.*?)</q>', page)
    assert shown == ["Фамилия ", " Имя", "Примечание\t"]


def _formula_workbook(path: Path) -> Path:
    """A workbook as a script writes it: openpyxl stores formulas without computing them."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Лагерь 1"
    sheet.append(["Фамилия", "Имя", "Год рождения"])
    sheet.append(["Бектанов", "Мажит", "=1900+14"])
    sheet.append(["Омарова", "Жамал", "1920"])
    workbook.save(path)
    return path


_WARNING = (
    "formulas.xlsx, sheet 'Лагерь 1', row 2, column C ('Год рождения'): the cell holds the "
    "formula '=1900+14' but the file stores no value for it"
)


def test_a_formula_without_a_stored_value_is_kept_and_named_in_the_preview_and_import(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path = _formula_workbook(tmp_path / "formulas.xlsx")
    preview = preview_table(path)
    assert [w[: len(_WARNING)] for w in preview.warnings] == [_WARNING]
    assert preview.sheets[0].rows[0][1] == ["Бектанов", "Мажит", "=1900+14"]
    result = import_table(sqlite_engine, path, _LIST)
    assert [w[: len(_WARNING)] for w in result.warnings] == [_WARNING]
    meta, cells = _stored(sqlite_engine)
    assert [w[: len(_WARNING)] for w in meta["warnings"]] == [_WARNING]  # type: ignore[attr-defined]
    assert cells[0]["Год рождения"] == "=1900+14"
    with sqlite_engine.connect() as conn:
        years = dict(conn.execute(select(s.record.c.surname, s.record.c.birth_year)).all())
    assert years == {"Бектанов": None, "Омарова": 1920}  # no year read from the formula's text


def test_the_cli_import_warns_about_a_formula_without_a_value(tmp_path: Path) -> None:
    path = _formula_workbook(tmp_path / "formulas.xlsx")
    db = f"sqlite:///{tmp_path / 'f.db'}"
    run = [sys.executable, "-m", "tagdyr.cli"]
    env = {"COLUMNS": "80", "PATH": ""}
    subprocess.run([*run, "init", "--db", db], cwd=tmp_path, env=env, check=True)
    done = subprocess.run([*run, "import", str(path), "--db", db], cwd=tmp_path, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"warning: {_WARNING}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_web_import_warns_about_a_formula_without_a_value(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    client = _client(sqlite_engine, tmp_path)
    data = _formula_workbook(tmp_path / "formulas.xlsx").read_bytes()
    page = client.post(
        "/import/preview",
        files={"file": ("formulas.xlsx", data, "application/octet-stream")},
        data={"key": "formulas", "title": "T", "citation": "C"},
    )
    assert page.status_code == 200, page.text
    assert _WARNING in html.unescape(page.text)
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    done = client.post("/import/commit", data=form)
    assert done.status_code == 200 and 'id="import-result"' in done.text
    assert _WARNING in html.unescape(done.text)
