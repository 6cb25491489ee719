"""What the command line's sub-apps share: the consoles, the --db and --profile options, the
settings and the database a command works on, column mappings, and progress displays.

Nothing here imports the library's heavy parts at import time (``tagdyr --help`` stays fast):
each helper imports what it needs when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from typer.core import TyperGroup

from tagdyr.errors import TagdyrError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID
    from sqlalchemy import Engine
    from typer._click.core import Context
    from typer.core import TyperOption

    from tagdyr.settings import Settings
    from tagdyr.sources.columns import MappingFile

console = Console()
err_console = Console(stderr=True)


class QuickHelpGroup(TyperGroup):
    """A command group whose ``--help`` flag reads False when it is not given.

    Typer leaves an absent flag's value as None, and coerces None through a Pydantic adapter,
    so every ``tagdyr <group> --help`` paid for importing Pydantic (about 0.2 s) for the
    parent group's unused ``--help``. A flag that is a bool already is not coerced.
    """

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with its noun in the singular or the plural: "1 match", "2,040 matches"."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


ProfileOption = Annotated[
    str | None,
    typer.Option(
        help="Import profile: a shipped register's name (see `tagdyr profiles`) or a profile "
        "TOML file; default: detected from the headers when they name one register.",
        show_default=False,
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite file (default: $TAGDYR_DATABASE_URL or sqlite:///tagdyr.db).",
        show_default=False,
    ),
]


def _settings(db: str | None, **overrides: object) -> Settings:
    from tagdyr.settings import load_settings

    if db and "://" not in db:
        db = f"sqlite:///{db}"
    return load_settings(database_url=db, **overrides)


DEMO_DB = "demo.db"  # what `tagdyr demo` and `make demo` build in the working directory


def _database_url(db: str | None, *, require_schema: bool) -> str:
    """The database a command works on: --db, else $TAGDYR_DATABASE_URL, else tagdyr.db — or,
    for a command that reads, the demo database when tagdyr.db does not exist but demo.db
    does (so `tagdyr search …` works right after `make demo`), said on stderr."""
    import os

    from tagdyr.settings import DEFAULT_DATABASE_URL

    url = _settings(db).database_url
    unset = db is None and "TAGDYR_DATABASE_URL" not in os.environ
    default_file = Path(DEFAULT_DATABASE_URL.removeprefix("sqlite:///"))
    if require_schema and unset and not default_file.exists() and Path(DEMO_DB).exists():
        err_console.print(f"[dim]no {default_file}: using the demo database {DEMO_DB}[/dim]")
        return f"sqlite:///{DEMO_DB}"
    return url


def _engine(db: str | None, *, require_schema: bool = True) -> Engine:
    from tagdyr.store.db import create_db_engine, require_current_schema

    engine = create_db_engine(_database_url(db, require_schema=require_schema))
    if require_schema:
        require_current_schema(engine)
    return engine


def _progress() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


class _Stages:
    """A long job's stages as rows of a Rich progress display: the running stage with a bar
    (with counts where its size is known, else pulsing) and its time, the finished ones ticked
    with theirs (no log lines); off a terminal, one plain line a stage."""

    def __init__(self, first: str | None = "reading the records") -> None:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.display = Progress(
            SpinnerColumn(finished_text="[green]✓[/green]"),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=err_console,
        )
        self.current: TaskID | None = None
        self.first = first

    def __enter__(self) -> _Stages:
        self.display.start()
        if self.first:
            self.stage(self.first)
        return self

    def stage(self, message: str) -> None:
        self._finish()
        self.current = self.display.add_task(message, total=None, counts="")
        if not err_console.is_terminal:  # a log or a pipe: no live display, one line a stage
            err_console.print(message)

    def count(self, done: int, total: int) -> None:
        """How far the running stage has got, where its size is known."""
        if self.current is not None:
            self.display.update(
                self.current, completed=done, total=total, counts=f"{done:,}/{total:,}"
            )

    def _finish(self) -> None:
        if self.current is not None:
            task = self.display.tasks[-1]
            total = task.total or 1
            self.display.update(self.current, total=total, completed=total)
            self.display.stop_task(self.current)

    def __exit__(self, *exc: object) -> None:
        self._finish()
        self.display.stop()


def _mapping(path: Path | None) -> MappingFile | None:
    from tagdyr.sources.columns import load_mapping_file

    return load_mapping_file(path) if path else None


def _override(mapping: Path | None, profile: str | None) -> MappingFile | None:
    """The column mapping given: a mapping file or an import profile (both are one kind of
    file; a profile names its register)."""
    if mapping and profile:
        raise TagdyrError("give --mapping or --profile, not both (a profile is a mapping file)")
    if profile:
        from tagdyr.sources.profiles import load_profile

        return load_profile(profile)
    return _mapping(mapping)
