"""`tagdyr --help` imports nothing expensive, and `tagdyr link` is a group of real commands.

The import check runs the real entry point under ``python -X importtime`` and reads the
modules Python reports loading; it is not a timing test (the machine's load decides the
seconds), it names what must stay out of the way of ``--help``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tagdyr.cli import app

# The library's heavy parts: the database layer, the linkage engine, data frames, password
# hashing, settings validation, and the names engine with its tables; and two of the CLI
# framework's own (Pydantic, which Typer coerces option values with, and Rich's Markdown
# parser), that help does not need.
HEAVY = (
    "pydantic",
    "rich.markdown",
    "sqlalchemy",
    "duckdb",
    "splink",
    "pandas",
    "numpy",
    "argon2",
    "alembic",
    "fastapi",
    "tagdyr.names",
    "tagdyr.store",
    "tagdyr.link",
    "tagdyr.persons",
    "tagdyr.search",
    "tagdyr.accounts",
    "tagdyr.settings",
    "tagdyr.sources",
)


def _imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tagdyr.cli", *args],
        capture_output=True,
        text=True,
        env={"COLUMNS": "120", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Usage" in done.stdout
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert lines, "python -X importtime reported nothing"
    return {line.rsplit("|", 1)[1].strip() for line in lines}


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("link", "--help"),
        ("names", "--help"),
        ("link", "run", "--help"),
        ("user", "--help"),
    ],
)
def test_help_imports_nothing_heavy(args: tuple[str, ...]) -> None:
    modules = _imported(*args)
    assert "tagdyr.cli.link" in modules  # the check reads the real list of modules
    assert _heavy(modules) == []


def test_the_check_sees_a_heavy_import() -> None:
    """The same reading finds the heavy modules once a command really runs."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tagdyr.cli", "names", "variants", "Бектанов"],
        capture_output=True,
        text=True,
        env={"COLUMNS": "120", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "tagdyr.names" in _heavy(modules)


runner = CliRunner()


def test_link_is_a_group_of_commands() -> None:
    shown = runner.invoke(app, ["link", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    for command in ("run", "dedupe", "explain"):
        assert command in shown.output
    explain = runner.invoke(app, ["link", "explain", "--help"], env={"COLUMNS": "200"})
    assert "LEFT_ID" in explain.output and "--left" in explain.output
    dedupe = runner.invoke(app, ["link", "dedupe", "--help"], env={"COLUMNS": "200"})
    assert "FILE" in dedupe.output and "--out" in dedupe.output and "--kind" not in dedupe.output


def test_explain_needs_two_ids() -> None:
    one = runner.invoke(app, ["link", "explain", "16"])
    assert one.exit_code == 2  # a usage error, from the command's own arguments
    assert "Missing argument 'RIGHT_ID'" in one.output
