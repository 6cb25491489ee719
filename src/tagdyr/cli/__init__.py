"""The ``tagdyr`` command line: a thin adapter over the library.

Library errors (:class:`tagdyr.errors.TagdyrError`) become one red line and exit code 1;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from tagdyr.cli.accounts import _actor, history, revert, tokens_app, users_app
from tagdyr.cli.export import export
from tagdyr.cli.names import app as names_app
from tagdyr.errors import TagdyrError
from tagdyr.link.features import LinkRecord
from tagdyr.link.model import Model
from tagdyr.settings import Settings, load_settings
from tagdyr.sources.columns import MappingFile

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tagdyr.persons.linking import LinkRunResult

app = typer.Typer(
    name="tagdyr",
    help="tagdyr (тағдыр, 'fate'): reconstruct the fates of Kazakh and Central Asian WWII "
    "participants from archival lists, registers and texts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)
errors = Console(stderr=True)
app.add_typer(names_app, name="names")
app.command("export")(export)
app.add_typer(users_app, name="user")
app.add_typer(tokens_app, name="token")
app.command("history")(history)
app.command("revert")(revert)

SourceKeyOption = Annotated[
    str | None, typer.Option("--source", help="Source key (default: from the file name).")
]
TitleOption = Annotated[
    str | None, typer.Option("--title", help="Source title (default: the file name).")
]
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
    if db and "://" not in db:
        db = f"sqlite:///{db}"
    return load_settings(database_url=db, **overrides)


DEMO_DB = "demo.db"  # what `tagdyr demo` and `make demo` build in the working directory


def _database_url(db: str | None, *, require_schema: bool) -> str:
    """The database a command works on: --db, else $TAGDYR_DATABASE_URL, else tagdyr.db — or,
    for a command that reads, the demo database when tagdyr.db does not exist but demo.db
    does (so `tagdyr search …` works right after `make demo`), said on stderr."""
    import os
    from pathlib import Path

    from tagdyr.settings import DEFAULT_DATABASE_URL

    url = _settings(db).database_url
    unset = db is None and "TAGDYR_DATABASE_URL" not in os.environ
    default_file = Path(DEFAULT_DATABASE_URL.removeprefix("sqlite:///"))
    if require_schema and unset and not default_file.exists() and Path(DEMO_DB).exists():
        err_console.print(f"[dim]no {default_file}: using the demo database {DEMO_DB}[/dim]")
        return f"sqlite:///{DEMO_DB}"
    return url


def _engine(db: str | None, *, require_schema: bool = True):  # type: ignore[no-untyped-def]
    from tagdyr.store.db import create_db_engine, require_current_schema

    engine = create_db_engine(_database_url(db, require_schema=require_schema))
    if require_schema:
        require_current_schema(engine)
    return engine


@app.command()
def init(db: DbOption = None) -> None:
    """Create the database, or upgrade its schema to this version of tagdyr."""
    from tagdyr.store.db import migrate

    engine = _engine(db, require_schema=False)
    revision = migrate(engine)
    console.print(f"Database ready at schema revision {revision}: {engine.url.render_as_string()}")


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(help="CSV, TSV, XLSX or ODS lists, or scans (PNG, TIFF, JPEG, PDF)."),
    ],
    source: SourceKeyOption = None,
    title: TitleOption = None,
    citation: Annotated[
        str | None,
        typer.Option(help="Archival citation, e.g. 'Riksarkivet, RA/S-1681/D/Db/L0015'."),
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="list, register or file (default: the profile's, or list).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding of CSV/TSV files (default: detected).")
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="TOML file mapping column headers to fields.")
    ] = None,
    profile: ProfileOption = None,
    review: Annotated[
        bool, typer.Option(help="Scans: stop at the web UI's transcription workbench.")
    ] = False,
    double_keying: Annotated[
        bool,
        typer.Option(help="With --review: two editors key the scan, a third settles."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Import archival lists: every cell kept verbatim, names and dates normalized beside it."""
    from tagdyr.sources.importer import SourceInfo, import_table, source_key_for

    if kind not in (None, "list", "register", "file"):
        raise TagdyrError(f"--kind {kind!r} is not one of: list, register, file")
    engine = _engine(db)
    override = _override(mapping, profile)
    for path in files:
        info = SourceInfo(
            key=source or source_key_for(path),
            title=title or "",
            citation=citation or title or "",
            kind=kind or "",
        )
        if review:
            _stage_scan(path, info, double=double_keying)
            continue
        if double_keying:
            raise TagdyrError("--double-keying is for scans read with --review")
        with _progress() as progress:
            task = progress.add_task(f"importing {path.name}", total=None)

            def advance(done: int, total: int, task: TaskID = task) -> None:
                progress.update(task, completed=done, total=total)

            result = import_table(
                engine, path, info, encoding=encoding, mapping=override, progress=advance
            )
        for warning in result.warnings:
            err_console.print(f"warning: {warning}", markup=False, soft_wrap=True)
        if result.unchanged:
            console.print(
                f"{path.name}: already imported as document {result.document_id} "
                f"(version {result.version}); nothing changed"
            )
            continue
        fields = ", ".join(f"{h} → {f}" for h, f in result.mapping.items())
        console.print(
            f"{path.name}: {result.records} records into source {result.source_key!r} "
            f"(version {result.version}, encoding {result.encoding or 'n/a'}"
            + (f", profile {result.profile}" if result.profile else "")
            + ")"
        )
        console.print(f"  columns: {fields}", style="dim")


@app.command("profiles")
def profiles_command() -> None:
    """The import profiles tagdyr ships: one a register, chosen with --profile NAME."""
    from tagdyr.sources.profiles import shipped_profiles

    table = Table("profile", "register", "kind", "identified by the headers")
    for name, profile in shipped_profiles().items():
        register = profile.register
        assert register is not None
        table.add_row(name, register.title, register.kind, ", ".join(register.detect))
    console.print(table)


def _stage_scan(path: Path, info: Any, *, double: bool = False) -> None:
    """Read a scan and leave it in the workbench (``import --review``)."""
    from tagdyr.scans.pages import is_scan
    from tagdyr.scans.reader import read_scan
    from tagdyr.scans.workbench import stage
    from tagdyr.web.uploads import Uploads

    if not is_scan(path):
        raise TagdyrError(f"{path.name}: --review is for scans (PNG, JPEG, TIFF, PDF)")
    data = path.read_bytes()
    uploads = Uploads(load_settings().upload_dir)
    token = uploads.save(path.name, io.BytesIO(data))
    source = {"key": info.key, "title": info.title, "citation": info.citation}
    stage(uploads.path(token).parent, read_scan(path, data), source, double=double)
    console.print(f"{path.name}: read; correct and import it at /scans/workbench/{token}")


@app.command("import-text")
def import_text_command(
    files: Annotated[list[Path], typer.Argument(help="Texts: TXT, MD, HTML, DOCX or PDF.")],
    source: SourceKeyOption = None,
    title: TitleOption = None,
    citation: Annotated[
        str | None, typer.Option(help="Bibliographic citation of the text.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Encoding of TXT/HTML files.")] = None,
    db: DbOption = None,
) -> None:
    """Import articles and memoirs: the text kept as decoded, one record per person mention,
    the figures it states; `tagdyr link` then joins the mentions to persons."""
    from tagdyr.sources.importer import SourceInfo, source_key_for
    from tagdyr.texts.store import import_text

    engine = _engine(db)
    for path in files:
        info = SourceInfo(
            key=source or source_key_for(path),
            title=title or path.name,
            citation=citation or title or path.name,
            kind="text",
        )
        result = import_text(engine, path, info, encoding=encoding)
        if result.unchanged:
            console.print(
                f"{path.name}: already imported (version {result.version}); nothing changed"
            )
        else:
            console.print(
                f"{path.name}: {result.records} person mentions into source "
                f"{result.source_key!r} (version {result.version})"
            )


def _progress() -> Progress:
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


@app.command()
def sources(db: DbOption = None) -> None:
    """List the sources and how many documents and records each holds."""
    from tagdyr.store.queries import list_sources

    with _engine(db).connect() as conn:
        rows = list_sources(conn)
    table = Table("key", "kind", "documents", "records", "title")
    for r in rows:
        table.add_row(r.key, r.kind, str(r.documents), str(r.records), r.title)
    console.print(table)


@app.command()
def records(
    source: Annotated[str | None, typer.Option(help="Only this source's records.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON lines with verbatim cells.")
    ] = False,
    db: DbOption = None,
) -> None:
    """List records: the name as written, where it stands, and the person it belongs to."""
    from tagdyr.store.queries import list_records

    with _engine(db).connect() as conn:
        rows = list_records(conn, source_key=source, limit=limit, offset=offset)
    if as_json:
        for r in rows:
            sys.stdout.write(
                json.dumps(
                    {
                        "id": r.id,
                        "source": r.source_key,
                        "location": r.location,
                        "name": r.full_name,
                        "verbatim": r.verbatim,
                        "person": r.person_uid,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        return
    table = Table("id", "name as written", "born", "location", "person")
    for r in rows:
        table.add_row(
            str(r.id), r.full_name, str(r.birth_year or ""), r.location, r.person_uid or ""
        )
    console.print(table)


@app.command(context_settings={"allow_interspersed_args": True})
def link(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="LEFT RIGHT files to link (a list and a register); or `explain LEFT_ID RIGHT_ID`; "
            "none: link the records in the database.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Output CSV for file linkage (database: where --train saves the model)."),
    ] = None,
    dedupe: Annotated[Path | None, typer.Option(help="Find duplicates within this file.")] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Match probability for 'same person' (default from settings: 0.5 for a list "
            "against a register, 0.9 for duplicates and for persons in the database)."
        ),
    ] = None,
    engine: Annotated[str, typer.Option(help="duckdb (embedded) or spark.")] = "duckdb",
    model_file: Annotated[
        Path | None, typer.Option("--model", help="A trained model JSON.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Encoding of CSV inputs.")] = None,
    mapping: Annotated[Path | None, typer.Option(help="TOML column mapping for inputs.")] = None,
    profile: ProfileOption = None,
    left: Annotated[Path | None, typer.Option(help="explain: the LEFT file.")] = None,
    right: Annotated[Path | None, typer.Option(help="explain: the RIGHT file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="explain: JSON output.")] = False,
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="SOURCE=KIND (list, register or file) before linking the database: a register "
            "or a file may hold several records of one man and deduplicates freely; a list's "
            "entries are taken to repeat a man rarely. Repeat for several sources.",
            show_default=False,
        ),
    ] = None,
    train: Annotated[
        bool,
        typer.Option(
            help="Estimate the model first (EM, no labels) and save it as JSON: for files "
            "beside --out as OUT.model.json; for the database at --out if given, else beside "
            "a SQLite file (DB.model.json) or as ./tagdyr.model.json."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Link records into persons: two files, one file (--dedupe), or the database."""
    from tagdyr.link.model import load_model

    settings = _settings(db, match_threshold=threshold, list_match_threshold=threshold)
    model = load_model(model_file) if model_file else None
    override = _override(mapping, profile)
    targets = targets or []
    if targets[:1] == ["explain"]:
        _explain(targets[1:], left, right, model, encoding, override, as_json, db)
        return
    if targets or dedupe:
        _link_files(targets, dedupe, out, settings, engine, model, encoding, override, train)
        return
    from tagdyr.persons.linking import link_database

    engine_db = _engine(db)
    _set_kinds(engine_db, kinds or [])
    with _Stages(first=None) as stages:
        result = link_database(
            engine_db,
            threshold=settings.match_threshold,
            floor=settings.candidate_floor,
            progress=stages.stage,
            model=model,
            train_to=(out or _model_beside(engine_db.url)) if train else None,
            count=stages.count,
        )
    for line in link_summary(result):
        console.print(line, highlight=False)


def _set_kinds(engine: Engine, kinds: list[str]) -> None:
    from tagdyr.persons.linking import set_source_kind

    for given in kinds:
        key, sep, kind = given.partition("=")
        if not sep or not key or not kind:
            raise TagdyrError(
                f"--kind {given!r}: give SOURCE=KIND, e.g. --kind mod-register=register"
            )
        before = set_source_kind(engine, key, kind, actor=_actor())
        if before != kind:
            console.print(f"source {key}: now a {kind} (was a {before})")


def link_summary(result: LinkRunResult) -> list[str]:
    """What a database link did, in words a historian reads (the CLI's closing lines)."""
    held = result.held_by_list_prior + result.held_by_judgement + result.held_by_rule
    lines = [
        f"Linked {result.records:,} records (run {result.run_id}): "
        f"{result.persons_before:,} persons before, {result.persons:,} after.",
        f"The model found {result.matches:,} matches (probability ≥ {result.threshold:g}) "
        f"among {result.pairs:,} candidate pairs: {result.merged:,} merged, {held:,} held back.",
    ]
    if result.held_by_list_prior:
        lines.append(
            f"  {result.held_by_list_prior:,} held back for review: two entries of one list, "
            "which the list's prior (its entries rarely repeat a man) puts under the threshold."
        )
    if result.held_by_judgement:
        lines.append(
            f"  {result.held_by_judgement:,} held back by a judgement: someone said "
            '"not same" for them or for records they would have joined.'
        )
    if result.held_by_rule:
        lines.append(
            f"  {result.held_by_rule:,} held back by the rule that two entries of one list "
            "never join through other records."
        )
    for prior in result.lists:
        how = "learnt from its pairs" if prior.learnt else "the default for a list"
        lines.append(
            f"  list {prior.source_key} ({prior.entries:,} entries): {prior.share:.1%} of its "
            f"entries taken to repeat a man ({how})."
        )
    lines.append(f"{result.review_queue:,} pairs wait in the review queue.")
    lines += _next_steps(result)
    return lines


def _next_steps(result: LinkRunResult) -> list[str]:
    steps = []
    if result.review_queue:
        steps.append(
            "Next: decide the doubtful pairs at /review (tagdyr serve, then "
            "http://127.0.0.1:8000/review); each decision regroups the persons at once."
        )
    if result.held_by_list_prior:
        keys = sorted({p.source_key for p in result.lists})
        steps.append(
            "If a source is a register or a file (one man may have several records), say so "
            "and link again: " + " ".join(f"tagdyr link --kind {key}=register" for key in keys[:3])
        )
    return steps


def _model_beside(url: Any) -> Path:
    """Where a model trained on the database is saved: beside a SQLite file, else here."""
    database = url.database if url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).with_suffix(".model.json")
    return Path("tagdyr.model.json")


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


def _link_files(
    targets: list[str],
    dedupe: Path | None,
    out: Path | None,
    settings: Settings,
    engine: str,
    model: Model | None,
    encoding: str | None,
    mapping: MappingFile | None,
    train: bool,
) -> None:
    from tagdyr.link.files import link_files

    if (dedupe and targets) or (not dedupe and len(targets) != 2):
        raise TagdyrError(
            "give two files (tagdyr link LEFT RIGHT --out links.csv) or one with --dedupe FILE"
        )
    if out is None:
        raise TagdyrError("--out is required when linking files (the link-output CSV)")
    first, second = (dedupe, None) if dedupe else (Path(targets[0]), Path(targets[1]))
    with _Stages() as stages:
        summary = link_files(
            first,
            second,
            out,
            threshold=settings.list_match_threshold if second else settings.match_threshold,
            floor=settings.candidate_floor,
            engine=engine,
            model=model,
            encoding=encoding,
            mapping=mapping,
            train=train,
            progress=stages.stage,
        )
    console.print(
        f"{summary.pairs:,} candidate pairs, {summary.matches:,} matches → {summary.output}"
    )


def _explain(
    ids: list[str],
    left: Path | None,
    right: Path | None,
    model: Model | None,
    encoding: str | None,
    mapping: MappingFile | None,
    as_json: bool,
    db: str | None,
) -> None:
    from tagdyr.link.explanation import explain_files, explain_records

    if len(ids) != 2:
        raise TagdyrError("usage: tagdyr link explain LEFT_ID RIGHT_ID [--left FILE --right FILE]")
    if left or right:
        from tagdyr.link.files import LEFT, RIGHT, read_records

        if not (left and right):
            raise TagdyrError("give both --left and --right files, or neither (database ids)")
        pool = read_records(left, LEFT, encoding=encoding, mapping=mapping)
        other = read_records(right, RIGHT, encoding=encoding, mapping=mapping)
        a = _pick({r.unique_id: r for r in pool}, ids[0], left)
        b = _pick({r.unique_id: r for r in other}, ids[1], right)
        shown = explain_files(pool, other, ids[0], ids[1], model)
    else:
        from tagdyr.persons.linking import link_records_by_id

        with _engine(db).connect() as conn:
            found = link_records_by_id(conn, [ids[0], ids[1]])
            a, b = _pick(found, ids[0], "the database"), _pick(found, ids[1], "the database")
            shown = explain_records(conn, ids[0], ids[1], model)
    if as_json:
        sys.stdout.write(json.dumps(shown.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("evidence", "level", "weight (log₂)", "running total")
    prior = shown.prior_weight
    table.add_row("prior", "two random records", f"{prior:+.2f}", f"{prior:+.2f}")
    for step in shown.steps:
        weight, total = f"{step.match_weight:+.2f}", f"{step.total:+.2f}"
        table.add_row(step.comparison, step.level, weight, total)
    console.print(f"{a.name.written} ~ {b.name.written} ({_scored_by(shown.scored_by)})")
    console.print(table)
    console.print(
        f"match probability {shown.match_probability:.4f} (match weight {shown.match_weight:+.2f})"
    )


def _scored_by(how: str) -> str:
    if how.startswith("run"):
        return f"as linkage {how} scored it"
    if how == "direct":
        return "not a candidate of the latest run: compared directly, with that run's prior"
    return "as linking the two files scores it"


def _pick(records: dict[str, LinkRecord], ident: str, where: object) -> LinkRecord:
    from tagdyr.errors import NotFoundError

    if ident not in records:
        raise NotFoundError(f"no record {ident!r} in {where}")
    return records[ident]


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Texts: TXT, MD, HTML, DOCX or PDF.")],
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="One JSON object per mention (docs/architecture.md).")
    ] = False,
    encoding: Annotated[str | None, typer.Option(help="Encoding of TXT/HTML inputs.")] = None,
    claims: Annotated[
        bool,
        typer.Option(
            "--claims",
            help="Also claims about the persons, figures and citations, each with a 'kind'.",
        ),
    ] = False,
) -> None:
    """Person mentions in texts, with their base forms and clusters across all files."""
    from tagdyr.texts.entities import entities
    from tagdyr.texts.mentions import cluster_mentions, find_mentions
    from tagdyr.texts.reader import read_text

    texts = {str(path): read_text(path, encoding).text for path in files}
    mentions = [m for name, text in texts.items() for m in find_mentions(text, name)]
    clustered = cluster_mentions(mentions)
    others = [
        entity
        for name, text in texts.items()
        for entity in entities(text, name, [m for m in clustered if m.file == name])
    ] if claims else []  # fmt: skip
    if jsonl:
        for row in [m.as_json() for m in clustered] + others:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table("file", "at", "as written", "base", "person")
    for m in clustered:
        table.add_row(m.file, f"{m.start}–{m.end}", m.text.replace("\n", "⏎"), m.base, m.cluster)
    console.print(table if clustered else "no person mentions found")
    if others:
        facts = Table("file", "at", "kind", "as written", "value", "person")
        for e in others:
            value = e.get("value", e.get("entry", ""))
            written = str(e["text"]).replace("\n", "⏎")
            at = f"{e['start']}–{e['end']}"
            person = str(e.get("cluster", ""))
            facts.add_row(str(e["file"]), at, str(e["kind"]), written, str(value), person)
        console.print(facts)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A name in any script and spelling.")],
    limit: Annotated[int, typer.Option(min=1)] = 20,
    db: DbOption = None,
) -> None:
    """Find persons by any spelling of their name."""
    from tagdyr.search import search as run_search
    from tagdyr.search import suggestions

    with _engine(db).connect() as conn:
        hits = run_search(conn, query, limit=limit)
        meant = [] if hits else suggestions(conn, query)
    table = Table("person", "name", "born", "score", "found as", "in")
    for h in hits:
        table.add_row(
            h.person_uid or f"record {h.record_id}",
            h.label,
            str(h.birth_year or ""),
            f"{h.score:.2f}",
            h.found_as,
            h.source_title,
        )
    console.print(table if hits else f"nobody found for {query!r}")
    if meant:
        console.print("did you mean: " + "; ".join(meant) + "?")


@app.command()
def person(
    ident: Annotated[str, typer.Argument(help="Person id (as shown by search or the web UI).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
) -> None:
    """Show a person's dossier: names, timeline with sources, records as written."""
    from tagdyr.store.queries import get_dossier

    with _engine(db).connect() as conn:
        dossier = get_dossier(conn, ident)
    if as_json:
        from dataclasses import asdict

        data = asdict(dossier)
        data["timeline"] = [asdict(c) for c in dossier.timeline]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"[bold]{dossier.label}[/bold]  ({dossier.uid})")
    console.print("names as written: " + "; ".join(dossier.names))
    timeline = Table("date", "event", "as stated", "place", "source")
    for c in dossier.timeline:
        note = f" [red]({c.note})[/red]" if c.note else ""
        timeline.add_row(c.date_start or "", c.kind, c.value + note, c.place or "", c.source_title)
    console.print(timeline)
    recs = Table("record", "source", "where (archival reference; row)", "cells as written")
    for r in dossier.records:
        cells = "; ".join(f"{k}: {v}" for k, v in r.verbatim.items() if v)
        recs.add_row(str(r.id), r.citation, r.page, cells)  # the archival reference first
    console.print(recs)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: $TAGDYR_WORKERS or 1).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Serve the web UI (several workers: use PostgreSQL; see docs/deployment.md)."""
    import os

    import uvicorn

    settings = _settings(db, host=host, port=port, workers=workers)
    _engine(db)  # refuse to start on a database without the schema
    for name, value in settings.model_dump().items():  # the workers read the same settings
        if value is not None:
            os.environ[f"TAGDYR_{name.upper()}"] = str(value)
    console.print(
        f"tagdyr on http://{settings.host}:{settings.port}/ with {settings.workers} "
        "worker(s)  (Ctrl+C stops)"
    )
    uvicorn.run(
        "tagdyr.web.app:app_from_environment", factory=True, host=settings.host,
        port=settings.port, workers=settings.workers, log_level="warning", proxy_headers=True,
    )  # fmt: skip


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Demo database (SQLite file or URL).")] = DEMO_DB,
    serve_ui: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the web UI after.")
    ] = False,
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
) -> None:
    """Build the demo database (the seed article's lists plus synthetic records) and link it."""
    from tagdyr.demo.build import build_demo, demo_login

    settings = _settings(db, host=host, port=port)
    engine = _engine(db, require_schema=False)
    _, run = build_demo(
        engine,
        threshold=settings.match_threshold,
        floor=settings.candidate_floor,
        say=console.print,
    )
    console.print(
        f"demo ready: {run.records} records, {run.persons} persons in "
        f"{engine.url.render_as_string()}"
    )
    console.print(demo_login(engine))
    if serve_ui:
        serve(host=host, port=port, db=db)


@app.command()
def dump(
    out: Annotated[Path, typer.Argument(help="The ZIP file to write (e.g. tagdyr-2026.zip).")],
    accounts: Annotated[
        bool,
        typer.Option(
            help="Include the accounts (password digests, private e-mails): a "
            "backup, not for publishing."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """The whole database as open files (JSON Lines + datapackage.json in a ZIP): the
    long-term archival copy; consistent while the server runs. Accounts are left out unless
    asked for; live sessions and login attempts always."""
    from tagdyr.export.dump import write_dump

    descriptor = write_dump(_engine(db), out, accounts=accounts)
    rows = sum(r["rows"] for r in descriptor["resources"])
    console.print(f"{rows:,} rows of {len(descriptor['resources'])} tables written to {out}")


@app.command("import-dump")
def import_dump_command(
    dump_file: Annotated[Path, typer.Argument(help="A ZIP written by `tagdyr dump`.")],
    db: DbOption = None,
) -> None:
    """Restore a dump into an empty database (created and migrated if missing)."""
    from tagdyr.export.dump import import_dump
    from tagdyr.store.db import migrate

    engine = _engine(db, require_schema=False)
    migrate(engine)
    counts = import_dump(engine, dump_file)
    console.print(f"{sum(counts.values()):,} rows restored from {dump_file} into "
                  f"{engine.url.render_as_string()}")  # fmt: skip


@app.command("backup")
def backup_command(
    out: Annotated[Path, typer.Argument(help="backup.db (SQLite copy) or backup.zip (dump).")],
    db: DbOption = None,
) -> None:
    """A backup taken while the server runs: an SQLite copy (.db) or the full dump (.zip)."""
    from tagdyr.backup import backup

    console.print(f"{out}: {backup(_engine(db), out)}")


@app.command("restore")
def restore_command(
    backup_file: Annotated[Path, typer.Argument(help="A .db or .zip written by `tagdyr backup`.")],
    db: DbOption = None,
) -> None:
    """Restore a backup into a new database (never over existing data)."""
    from tagdyr.backup import restore

    console.print(restore(_engine(db, require_schema=False), backup_file))


def main() -> None:
    try:
        app()
    except TagdyrError as exc:
        errors.print(Text.assemble(("error: ", "bold red"), str(exc)), soft_wrap=True)
        raise SystemExit(1) from None
