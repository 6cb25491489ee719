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
from rich.table import Table
from rich.text import Text

from tagdyr.cli.accounts import history, revert, tokens_app, users_app
from tagdyr.cli.common import (
    DEMO_DB,
    DbOption,
    ProfileOption,
    QuickHelpGroup,
    _engine,
    _override,
    _progress,
    _settings,
    console,
    err_console,
)
from tagdyr.cli.export import export
from tagdyr.cli.link import app as link_app
from tagdyr.cli.names import app as names_app
from tagdyr.errors import TagdyrError

if TYPE_CHECKING:
    from rich.progress import TaskID

app = typer.Typer(
    cls=QuickHelpGroup,
    rich_markup_mode=None,  # plain help: Rich's Markdown parser costs 0.1 s to import
    name="tagdyr",
    help="tagdyr (тағдыр, 'fate'): reconstruct the fates of Kazakh and Central Asian WWII "
    "participants from archival lists, registers and texts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
errors = Console(stderr=True)
app.add_typer(names_app, name="names")
app.add_typer(link_app, name="link")
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
    from tagdyr.settings import load_settings

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
        data["facts"] = {kind: [asdict(c) for c in said] for kind, said in dossier.facts.items()}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"[bold]{dossier.label}[/bold]  ({dossier.uid})")
    console.print("names as written: " + "; ".join(dossier.names))
    timeline = Table("date", "event", "as stated", "place", "source")
    for c in dossier.timeline:
        note = f" [red]({c.note})[/red]" if c.note else ""
        timeline.add_row(c.date_start or "", c.kind, c.value + note, c.place or "", c.source_title)
    console.print(timeline)
    if dossier.facts:  # rank, nationality, camp, … : what the records say without a date
        facts = Table("fact", "as stated", "place", "source")
        for kind, said in dossier.facts.items():
            for c in said:
                note = f" [red]({c.note})[/red]" if c.note else ""
                facts.add_row(kind, c.value + note, c.place or "", c.source_title)
        console.print(facts)
    recs = Table("record", "source", "where (archival reference; row)", "cells as written")
    for r in dossier.records:
        cells = "; ".join(f"{k}: {v}" for k, v in r.verbatim.items() if v)
        recs.add_row(str(r.id), r.citation, r.page, cells)  # the archival reference first
    console.print(recs)


# uvicorn's supervisor kills a worker that does not answer its health ping in time (5 s by
# default), dropping every request it holds, and says so only at info level: 50 readers on a
# million persons (load average 30) lost 21 of 231 requests that way, none with 60 s
_WORKER_HEALTHCHECK_SECONDS = 60


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
    # the workers read the same settings: those given (options, environment), not defaults, so
    # that an unset base URL stays unset and URIs follow the address a request came to
    for name, value in settings.model_dump(exclude_unset=True).items():
        if value is not None:
            os.environ[f"TAGDYR_{name.upper()}"] = str(value)
    console.print(
        f"tagdyr on http://{settings.host}:{settings.port}/ with {settings.workers} "
        "worker(s)  (Ctrl+C stops)"
    )
    uvicorn.run(
        "tagdyr.web.app:app_from_environment", factory=True, host=settings.host,
        port=settings.port, workers=settings.workers, log_level="warning", proxy_headers=True,
        timeout_worker_healthcheck=_WORKER_HEALTHCHECK_SECONDS,
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
