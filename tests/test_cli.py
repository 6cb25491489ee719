"""The command line as a user meets it: commands, output and the exact error text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tagdyr.cli import app
from tests.files import CHOKAY_LIKE, write_csv

runner = CliRunner()


def _tagdyr(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point, as a user would (errors go through ``main``)."""
    return subprocess.run(
        [sys.executable, "-m", "tagdyr.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": ""},
    )


def test_init_import_link_search_person(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    assert runner.invoke(app, ["init", "--db", db]).exit_code == 0
    path = write_csv(tmp_path / "list.csv", CHOKAY_LIKE)
    imported = runner.invoke(app, ["import", str(path), "--source", "t", "--db", db])
    assert imported.exit_code == 0, imported.output
    assert "list.csv: 4 records into source 't' (version 1, encoding utf-8)" in imported.output
    again = runner.invoke(app, ["import", str(path), "--source", "t", "--db", db])
    assert "already imported as document 1 (version 1); nothing changed" in again.output
    assert "Linked 4 records" in runner.invoke(app, ["link", "--db", db]).output.replace("\n", " ")
    records = runner.invoke(app, ["records", "--json", "--db", db])
    first = json.loads(records.output.splitlines()[0])
    assert first["verbatim"]["Фамилия"] == "Бектанов" and first["person"]
    person = runner.invoke(app, ["person", first["person"], "--json", "--db", db])
    dossier = json.loads(person.output)
    assert dossier["label"] == "Бектанов Мажит"
    assert [c["kind"] for c in dossier["timeline"]] == ["birth"]
    assert [c["value"] for c in dossier["facts"]["rank"]] == ["мл. лейтенант"]
    shown = runner.invoke(app, ["person", first["person"], "--db", db], env={"COLUMNS": "200"})
    facts = [line for line in shown.output.splitlines() if "rank" in line]  # an undated fact
    assert any("мл. лейтенант" in line for line in facts), shown.output
    assert runner.invoke(app, ["search", "Bektanow", "--db", db]).exit_code == 0
    found = runner.invoke(app, ["search", "Bektanow", "--db", db], env={"COLUMNS": "200"})
    assert "Бектанов Мажит" in found.output


def test_counts_are_said_with_the_noun_in_the_singular_or_the_plural() -> None:
    from tagdyr.cli.common import counted

    assert [counted(n, "match", "matches") for n in (0, 1, 2, 2040)] == [
        "0 matches", "1 match", "2 matches", "2,040 matches"
    ]  # fmt: skip
    assert counted(1, "candidate pair") == "1 candidate pair"


def test_errors_are_one_clear_line_and_exit_code_1(tmp_path: Path) -> None:
    result = _tagdyr("sources", "--db", str(tmp_path / "missing.db"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: there is no database file {tmp_path / 'missing.db'}: run `tagdyr init` to "
        "create one, or give the right --db"
    )
    _tagdyr("init", "--db", str(tmp_path / "t.db"), cwd=tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("Фамилия,Имя\nОмаров,Кабыш,лишнее\n", encoding="utf-8")
    result = _tagdyr("import", str(bad), "--db", str(tmp_path / "t.db"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: bad.csv, row 2, column 3: the row has a value ('лишнее') in a column without a "
        "header; the header has 2 columns"
    )


def test_invalid_setting_names_the_setting(tmp_path: Path) -> None:
    result = _tagdyr("sources", "--db", "mysql://x/y", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "error: invalid settings: database_url: Value error, must "
        "start with sqlite:/// or postgresql+psycopg://"
    )


def test_after_make_demo_the_cli_reads_the_demo_database(tmp_path: Path, demo_db: str) -> None:
    """`make demo` builds demo.db: `tagdyr search` there works without --db and says which
    database it read; once tagdyr.db exists, that one is used; `init` never takes the demo."""
    import shutil

    shutil.copy(demo_db.removeprefix("sqlite:///"), tmp_path / "demo.db")
    found = _tagdyr("search", "Bektanov", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert "using the demo database demo.db" in found.stderr
    assert "Бектанов" in found.stdout
    assert _tagdyr("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "tagdyr.db").exists()
    empty = _tagdyr("search", "Bektanov", cwd=tmp_path)
    assert "demo database" not in empty.stderr and "Бектанов" not in empty.stdout


def test_link_shows_its_stages_not_log_lines(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    assert runner.invoke(app, ["init", "--db", db]).exit_code == 0
    path = write_csv(tmp_path / "list.csv", CHOKAY_LIKE)
    assert runner.invoke(app, ["import", str(path), "--source", "t", "--db", db]).exit_code == 0
    linked = _tagdyr("link", "--db", db, cwd=tmp_path)
    assert linked.returncode == 0, linked.stderr
    assert "comparing 4 records" in linked.stderr  # each stage said as it starts
    assert "cli.py:" not in linked.stderr + linked.stdout  # no log lines with source paths
    assert "Linked 4 records (run 1): 4 persons before, 4 after." in linked.stdout
