"""`tagdyr link` says what happened (issue 26): persons before and after, matches merged and
held back and why, and the next step; `--kind SOURCE=register` lets a register deduplicate."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bench.linkage.generate import generate
from sqlalchemy import func, select
from typer.testing import CliRunner

from tagdyr.cli import app
from tagdyr.store import schema as s
from tagdyr.store.db import create_db_engine
from tests.files import write_csv

runner = CliRunner()
# a list: one man written twice alike (same name, year and place); one name written twice
# with birth years two apart (one man or two: for review); and two others
LIST = [
    ["№", "Фамилия", "Имя", "Год рождения", "Место рождения"],
    ["1", "Бектанов", "Мажит", "1914", "Павлодар"],
    ["2", "Жумогалиев", "Магдау", "1917", ""],
    ["3", "Омаров", "Кабыш", "1910", "Кустанай"],
    ["4", "Бектанов", "Мажит", "1914", "Павлодар"],
    ["5", "Жумогалиев", "Магдау", "1919", ""],
    ["6", "Сапаров", "Ахмет", "1920", "Семипалатинск"],
]


def _with_a_register(tmp_path: Path, db: str) -> None:
    """A generated register of 300 records beside (bench.linkage's independent generator), so
    that the list is linked in a database of realistic proportions."""
    generate(300, 0, tmp_path / "gen", seed=26)
    done = runner.invoke(app, ["import", str(tmp_path / "gen" / "register.csv"), "--source",
                               "reg", "--kind", "register", "--db", db])  # fmt: skip
    assert done.exit_code == 0, done.output


def _persons(db: str) -> int:
    with create_db_engine(f"sqlite:///{db}").connect() as conn:
        return int(
            conn.execute(
                select(func.count(func.distinct(s.person_record.c.person_id)))
            ).scalar_one()
        )


def _number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, (pattern, text)
    return int(found.group(1).replace(",", ""))


def test_link_says_what_it_merged_what_it_held_back_and_what_to_do(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    assert runner.invoke(app, ["init", "--db", db]).exit_code == 0
    path = write_csv(tmp_path / "register.csv", LIST)
    imported = runner.invoke(app, ["import", str(path), "--source", "mod", "--db", db])
    assert imported.exit_code == 0, imported.output  # the default kind: a list

    _with_a_register(tmp_path, db)
    before = _persons(db)
    first = runner.invoke(app, ["link", "--db", db], env={"COLUMNS": "200"})
    assert first.exit_code == 0, first.output
    out = " ".join(first.output.split())
    assert _number(r"([\d,]+) persons? before", out) == before  # each record its own at import
    assert _number(r"before, ([\d,]+) after", out) == _persons(db) < before
    matches = _number(r"The model found ([\d,]+) match(?:es)?", out)
    assert _number(r"([\d,]+) merged", out) + _number(r"([\d,]+) held back\.", out) == matches
    assert _number(r"(\d+) held back for review: two entries of one list", out) == 1
    assert "list mod (6 entries): 2.0% of its entries taken to repeat a man" in out
    assert _number(r"([\d,]+) pairs? waits? in the review queue", out) >= 1
    assert "/review" in out and "tagdyr link --kind mod=register" in out
    assert _same_person(db, "1", "4") and not _same_person(db, "2", "5")

    second = runner.invoke(app, ["link", "--kind", "mod=register", "--db", db],
                           env={"COLUMNS": "200"})  # fmt: skip
    assert second.exit_code == 0, second.output
    out = " ".join(second.output.split())
    assert "source mod: now a register (was a list)" in out
    assert _number(r"before, ([\d,]+) after", out) == _persons(db)
    assert "held back for review" not in out and "--kind" not in out
    assert _same_person(db, "2", "5")  # a register deduplicates freely
    with create_db_engine(f"sqlite:///{db}").connect() as conn:
        kind = conn.execute(select(s.source.c.kind).where(s.source.c.key == "mod")).scalar_one()
    assert kind == "register"


def _same_person(db: str, left: str, right: str) -> bool:
    with create_db_engine(f"sqlite:///{db}").connect() as conn:
        persons = conn.execute(
            select(s.record.c.entry_id, s.person_record.c.person_id)
            .join(s.person_record)
            .join(s.source)
            .where(s.source.c.key == "mod", s.record.c.entry_id.in_([left, right]))
        ).all()
    return len({p for _, p in persons}) == 1


def test_a_wrong_kind_is_refused_by_name(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    assert runner.invoke(app, ["init", "--db", db]).exit_code == 0
    for given, says in (("nowhere=register", "no source 'nowhere'"),
                        ("register", "give SOURCE=KIND")):  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "tagdyr.cli", "link", "--kind", given, "--db", db],
            capture_output=True, text=True, env={"COLUMNS": "200", "PATH": ""}, check=False,
        )  # fmt: skip
        assert done.returncode == 1 and says in done.stderr + done.stdout, done.stderr
