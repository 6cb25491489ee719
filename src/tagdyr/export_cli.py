"""``tagdyr export …``: tables, linked data, GEDCOM and the printable collection of a selection
(one or more persons, or everyone a search with filters finds; all persons by default)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from tagdyr.search import Filters

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from tagdyr.export.selection import Selection

app = typer.Typer(help="Export persons, records, claims and sources.", no_args_is_help=True)
console = Console(stderr=True)

Out = Annotated[
    Path | None, typer.Option("--out", "-o", help="Output file (default: standard output).")
]
Query = Annotated[str, typer.Option("--query", "-q", help="A name in any spelling.")]
Persons = Annotated[list[str] | None, typer.Option("--person", help="A person's id (repeatable).")]
Source = Annotated[str | None, typer.Option("--source", help="Only persons in this source.")]
Camp = Annotated[str | None, typer.Option("--camp", help="Only persons in this camp.")]
Unit = Annotated[str | None, typer.Option("--unit", help="Only persons of this unit.")]
Place = Annotated[str | None, typer.Option("--place", help="A gazetteer place key.")]
Fate = Annotated[str | None, typer.Option("--fate", help="Only persons with this fate.")]
BornFrom = Annotated[int | None, typer.Option("--born-from", help="Born in or after.")]
BornTo = Annotated[int | None, typer.Option("--born-to", help="Born in or before.")]
Db = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite file.")]
BaseUrl = Annotated[
    str | None, typer.Option("--base-url", help="Public address for URIs ($TAGDYR_BASE_URL).")
]


def _selection(
    query: str,
    persons: list[str] | None,
    source: str | None,
    camp: str | None,
    unit: str | None,
    place: str | None,
    fate: str | None,
    born_from: int | None,
    born_to: int | None,
) -> Selection:
    from tagdyr.export.selection import Selection

    filters = Filters(
        born_from=born_from,
        born_to=born_to,
        source=source,
        camp=camp,
        fate=fate,
        place=place,
        unit=unit,
    )
    return Selection(query=query, filters=filters, persons=tuple(persons or ()))


def _emit(data: bytes, out: Path | None, what: str) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    out.write_bytes(data)
    console.print(f"{what} written to {out}")


def _context(db: str | None, base_url: str | None) -> tuple[Engine, str]:
    from tagdyr.cli import _engine, _settings

    return _engine(db), _settings(db, base_url=base_url).base_url


def _uids(conn: Connection, selection: Selection) -> list[str]:
    from tagdyr.export.selection import require_some, selected_uids

    return require_some(selected_uids(conn, selection), selection)


@app.command("csv")
def csv_command(
    table: Annotated[
        str, typer.Option("--table", help="persons, records, claims or sources.")
    ] = "persons",
    out: Out = None,
    query: Query = "",
    person: Persons = None,
    source: Source = None,
    camp: Camp = None,
    unit: Unit = None,
    place: Place = None,
    fate: Fate = None,
    born_from: BornFrom = None,
    born_to: BornTo = None,
    db: Db = None,
    base_url: BaseUrl = None,
) -> None:
    """One table as CSV (UTF-8; formula cells guarded); a records CSV imports back."""
    from tagdyr.errors import ConfigError
    from tagdyr.export.tables import TABLES, build_tables, csv_bytes

    if table not in TABLES:
        raise ConfigError(f"--table {table!r}: choose one of {', '.join(TABLES)}")
    engine, base = _context(db, base_url)
    selection = _selection(query, person, source, camp, unit, place, fate, born_from, born_to)
    with engine.connect() as conn:
        tables = build_tables(conn, _uids(conn, selection), base)
    _emit(csv_bytes(tables[table]), out, f"{len(tables[table].rows)} {table}")


@app.command("xlsx")
def xlsx_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The workbook to write.")],
    query: Query = "",
    person: Persons = None,
    source: Source = None,
    camp: Camp = None,
    unit: Unit = None,
    place: Place = None,
    fate: Fate = None,
    born_from: BornFrom = None,
    born_to: BornTo = None,
    db: Db = None,
    base_url: BaseUrl = None,
) -> None:
    """A workbook with a sheet each for persons, records, claims and sources."""
    from tagdyr.export.tables import build_tables, write_xlsx

    engine, base = _context(db, base_url)
    selection = _selection(query, person, source, camp, unit, place, fate, born_from, born_to)
    with engine.connect() as conn:
        tables = build_tables(conn, _uids(conn, selection), base)
    write_xlsx(tables.values(), out)
    console.print(f"{len(tables['persons'].rows)} persons written to {out}")


@app.command("jsonld")
def jsonld_command(
    out: Out = None,
    query: Query = "",
    person: Persons = None,
    source: Source = None,
    camp: Camp = None,
    unit: Unit = None,
    place: Place = None,
    fate: Fate = None,
    born_from: BornFrom = None,
    born_to: BornTo = None,
    db: Db = None,
    base_url: BaseUrl = None,
) -> None:
    """JSON-LD (schema.org Person, Event, Place and the tagdyr vocabulary)."""
    import io

    from tagdyr.export.jsonld import write_collection

    engine, base = _context(db, base_url)
    selection = _selection(query, person, source, camp, unit, place, fate, born_from, born_to)
    buffer = io.StringIO()
    with engine.connect() as conn:
        write_collection(conn, _uids(conn, selection), base, buffer)
    _emit(buffer.getvalue().encode("utf-8"), out, "JSON-LD")


@app.command("gedcom")
def gedcom_command(
    version: Annotated[str, typer.Option("--version", help="7.0 or 5.5.1.")] = "7.0",
    out: Out = None,
    query: Query = "",
    person: Persons = None,
    source: Source = None,
    camp: Camp = None,
    unit: Unit = None,
    place: Place = None,
    fate: Fate = None,
    born_from: BornFrom = None,
    born_to: BornTo = None,
    db: Db = None,
    base_url: BaseUrl = None,
) -> None:
    """GEDCOM 7.0 (or 5.5.1 for older programs), with sources and citations."""
    from tagdyr.errors import ConfigError
    from tagdyr.export.gedcom import VERSIONS, write_gedcom

    if version not in VERSIONS:
        raise ConfigError(f"--version {version!r}: choose {' or '.join(VERSIONS)}")
    engine, base = _context(db, base_url)
    selection = _selection(query, person, source, camp, unit, place, fate, born_from, born_to)
    with engine.connect() as conn:
        text = write_gedcom(conn, _uids(conn, selection), base, version)
    _emit(text.encode("utf-8"), out, f"GEDCOM {version}")


@app.command("collection")
def collection_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="collection.pdf or .html")],
    title: Annotated[str | None, typer.Option("--title", help="Default: the source's.")] = None,
    intro: Annotated[
        Path | None, typer.Option("--intro", help="A text file: the editor's introduction.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="kk, ru or en.")] = "en",
    query: Query = "",
    person: Persons = None,
    source: Source = None,
    camp: Camp = None,
    unit: Unit = None,
    place: Place = None,
    fate: Fate = None,
    born_from: BornFrom = None,
    born_to: BornTo = None,
    db: Db = None,
    base_url: BaseUrl = None,
) -> None:
    """The printable document collection: introduction, persons with key facts and sources,
    index of names in all spellings. PDF if --out ends in .pdf, else HTML."""
    from tagdyr.errors import ConfigError
    from tagdyr.export.collection import build_collection, render_html, render_pdf
    from tagdyr.export.selection import title_of
    from tagdyr.i18n import LANGUAGES

    if lang not in LANGUAGES:
        raise ConfigError(f"--lang {lang!r}: choose one of {', '.join(LANGUAGES)}")
    engine, base = _context(db, base_url)
    selection = _selection(query, person, source, camp, unit, place, fate, born_from, born_to)
    introduction = intro.read_text(encoding="utf-8") if intro else ""
    with engine.connect() as conn:
        collection = build_collection(
            conn,
            _uids(conn, selection),
            title=title or title_of(conn, selection),
            selection=selection.describe(),
            base=base,
            lang=lang,
            introduction=introduction,
        )
    if out.suffix.lower() == ".pdf":
        out.write_bytes(render_pdf(collection))
    else:
        out.write_text(render_html(collection), encoding="utf-8")
    console.print(f"collection of {len(collection.entries)} persons written to {out}")
