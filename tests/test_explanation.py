"""One explanation of a pair: the review page, `tagdyr link explain`, the JSON API and the
file-mode output say the same prior, steps, weight and probability for the same pair."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.settings import load_settings
from tagdyr.web.app import create_app
from tests.files import write_csv
from tests.web import log_in

runner = CliRunner()
_PAIR = re.compile(r'name="left_id" value="(\d+)".*?name="right_id" value="(\d+)"', re.S)
_PROBABILITY = re.compile(r'id="probability">([0-9.]+)<')
_ROWS = re.compile(r"<tr[^>]*>\s*<td>([^<]*)</td><td>.*?</td><td>([+−-][0-9.]+)</td>.*?"
                   r"<td>([+−-][0-9.]+)</td></tr>", re.S)  # fmt: skip


def _page(engine: Engine, url: str) -> tuple[str, str, str, list[tuple[str, str]]]:
    """(left id, right id, probability, [(weight, running total)] with the prior first) as
    the review page shows its pair."""
    client = TestClient(create_app(load_settings(database_url=url)))
    log_in(client, engine, "reviewer")
    html = client.get("/review?lang=en").text
    pair, probability = _PAIR.search(html), _PROBABILITY.search(html)
    assert pair and probability, "the review page shows no pair"
    body = html[html.index('class="waterfall"') :]
    rows = [(weight, total) for _, weight, total in _ROWS.findall(body)]
    return pair.group(1), pair.group(2), probability.group(1), rows


def _said(data: dict[str, object]) -> tuple[str, list[tuple[str, str]]]:
    """A JSON explanation as the page would print it."""
    prior = float(str(data["prior_weight"]))
    rows = [(f"{prior:+.2f}", f"{prior:+.2f}")]
    steps = data["evidence"]
    assert isinstance(steps, list)
    rows += [(f"{e['match_weight']:+.2f}", f"{e['total']:+.2f}") for e in steps]
    return f"{float(str(data['match_probability'])):.3f}", rows


def test_page_command_and_api_explain_a_stored_pair_alike(linked: Engine, db_url: str) -> None:
    left, right, probability, rows = _page(linked, db_url)
    command = runner.invoke(app, ["link", "explain", left, right, "--json", "--db", db_url])
    assert command.exit_code == 0, command.output
    client = TestClient(create_app(load_settings(database_url=db_url)))
    log_in(client, linked, "reviewer")
    api = client.get(f"/api/pair/{left}/{right}")
    assert api.status_code == 200, api.text
    for data in (json.loads(command.output), api.json()):
        assert _said(data) == (probability, rows)
    swapped = runner.invoke(app, ["link", "explain", right, left, "--json", "--db", db_url])
    assert _said(json.loads(swapped.output)) == (probability, rows)


def test_the_api_needs_an_editor_and_names_a_missing_record(linked: Engine, db_url: str) -> None:
    client = TestClient(create_app(load_settings(database_url=db_url)))
    assert client.get("/api/pair/1/2", follow_redirects=False).status_code in (303, 401, 403)
    log_in(client, linked, "reviewer")
    missing = client.get("/api/pair/1/99999")
    assert missing.status_code == 404 and "99999" in missing.text


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    listed = write_csv(tmp_path / "list.csv", [
        ["id", "full_name", "birth_year"],
        ["L1", "Bektanow Mashit", "1914"], ["L2", "Dschumanijasow Kassym", "1918"],
        ["L3", "Omarow Kabysch", "1910"],
    ])  # fmt: skip
    register = write_csv(tmp_path / "register.csv", [
        ["id", "surname", "given_name", "birth_year"],
        ["R1", "Бектанов", "Мажит", "1914"], ["R2", "Жуманиязов", "Нурлан", "1931"],
        ["R3", "Омаров", "Кабыш", "1910"], ["R4", "Ахметов", "Сабит", "1912"],
        ["R5", "Бектанов", "Серик", "1920"],
    ])  # fmt: skip
    return listed, register


def test_file_mode_explains_the_pair_as_the_output_scored_it(
    two_files: tuple[Path, Path], tmp_path: Path
) -> None:
    listed, register = two_files
    out = tmp_path / "links.csv"
    done = runner.invoke(app, ["link", str(listed), str(register), "--out", str(out)])
    assert done.exit_code == 0, done.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "the files give candidate pairs"
    for row in rows:
        files = ["--left", str(listed), "--right", str(register), "--json"]
        shown = runner.invoke(app, ["link", "explain", row["left_id"], row["right_id"], *files])
        assert shown.exit_code == 0, shown.output
        data = json.loads(shown.output)
        assert data["match_weight"] == pytest.approx(float(row["match_weight"]), abs=1e-3)
        total = data["prior_weight"] + sum(e["match_weight"] for e in data["evidence"])
        assert total == pytest.approx(data["match_weight"], abs=0.01)
