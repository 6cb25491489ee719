"""``tagdyr export FORMAT``: tables, linked data, GEDCOM and the printable collection of a
selection (one or more persons, or everyone a search with filters finds; all by default)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tagdyr.cli.common import DbOption, _engine, _settings, err_console
from tagdyr.errors import ConfigError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from tagdyr.export.selection import Selection


FORMATS = ("csv", "xlsx", "jsonld", "gedcom", "collection")


def export(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of {', '.join(FORMATS)}.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Output file (default: standard output; required for "
            "xlsx, and for a collection: .pdf or .html).",
        ),
    ] = None,
    query: Annotated[str, typer.Option("--query", "-q", help="A name in any spelling.")] = "",
    person: Annotated[
        list[str] | None, typer.Option("--person", help="A person's id (repeatable).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Only persons in this source.")] = None,
    camp: Annotated[str | None, typer.Option(help="Only persons in this camp.")] = None,
    unit: Annotated[str | None, typer.Option(help="Only persons of this unit.")] = None,
    place: Annotated[str | None, typer.Option(help="A gazetteer place key.")] = None,
    fate: Annotated[str | None, typer.Option(help="Only persons with this fate.")] = None,
    born_from: Annotated[int | None, typer.Option(help="Born in or after.")] = None,
    born_to: Annotated[int | None, typer.Option(help="Born in or before.")] = None,
    table: Annotated[
        str, typer.Option(help="csv: persons, records, claims or sources.")
    ] = "persons",
    version: Annotated[str, typer.Option(help="gedcom: 7.0 or 5.5.1.")] = "7.0",
    title: Annotated[str | None, typer.Option(help="collection: default the source's.")] = None,
    intro: Annotated[
        Path | None, typer.Option(help="collection: a text file, the editor's introduction.")
    ] = None,
    lang: Annotated[str, typer.Option(help="collection: kk, ru or en.")] = "en",
    db: DbOption = None,
    base_url: Annotated[
        str | None, typer.Option(help="Public address for URIs ($TAGDYR_BASE_URL).")
    ] = None,
) -> None:
    """Export a selection: csv (one table), xlsx (all four tables), jsonld, gedcom, or the
    printable collection (introduction, persons with key facts and sources, index of names)."""
    from tagdyr.export.selection import Selection, require_some, selected_uids
    from tagdyr.search import Filters

    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt in ("xlsx", "collection") and out is None:
        raise ConfigError(f"{fmt} needs --out FILE")
    filters = Filters(born_from=born_from, born_to=born_to, source=source, camp=camp,
                      fate=fate, place=place, unit=unit)  # fmt: skip
    selection = Selection(query=query, filters=filters, persons=tuple(person or ()))
    base = _settings(db, base_url=base_url).base_url
    with _engine(db).connect() as conn:
        uids = require_some(selected_uids(conn, selection), selection)
        options = {"table": table, "version": version, "title": title or "", "lang": lang,
                   "intro": intro.read_text(encoding="utf-8") if intro else ""}  # fmt: skip
        data = _render(conn, fmt, uids, base, selection, options, out)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out.write_bytes(data)
        err_console.print(f"{len(uids)} persons written to {out} ({fmt})")


def _render(conn: Connection, fmt: str, uids: list[str], base: str, selection: Selection,
            options: dict[str, str], out: Path | None) -> bytes:  # fmt: skip
    """The bytes of one export format."""
    if fmt in ("csv", "xlsx"):
        from tagdyr.export.tables import TABLES, build_tables, csv_bytes, write_xlsx

        tables = build_tables(conn, uids, base)
        if fmt == "xlsx":
            buffer = io.BytesIO()
            write_xlsx(tables.values(), buffer)
            return buffer.getvalue()
        if options["table"] not in TABLES:
            raise ConfigError(f"--table {options['table']!r}: choose one of {', '.join(TABLES)}")
        return csv_bytes(tables[options["table"]])
    if fmt == "jsonld":
        from tagdyr.export.jsonld import write_collection

        text = io.StringIO()
        write_collection(conn, uids, base, text)
        return text.getvalue().encode("utf-8")
    if fmt == "gedcom":
        from tagdyr.export.gedcom import VERSIONS, write_gedcom

        if options["version"] not in VERSIONS:
            raise ConfigError(f"--version {options['version']!r}: choose {' or '.join(VERSIONS)}")
        return write_gedcom(conn, uids, base, options["version"]).encode("utf-8")
    return _collection(conn, uids, base, selection, options, out)


def _collection(conn: Connection, uids: list[str], base: str, selection: Selection,
                options: dict[str, str], out: Path | None) -> bytes:  # fmt: skip
    from tagdyr.export.collection import build_collection, render_html, render_pdf
    from tagdyr.export.selection import described, title_of
    from tagdyr.i18n import LANGUAGES

    if options["lang"] not in LANGUAGES:
        raise ConfigError(f"--lang {options['lang']!r}: choose one of {', '.join(LANGUAGES)}")
    collection = build_collection(
        conn, uids, title=options["title"] or title_of(conn, selection, options["lang"]),
        selection=described(conn, selection, options["lang"]), base=base, lang=options["lang"],
        introduction=options["intro"],
    )  # fmt: skip
    if out is not None and out.suffix.lower() == ".pdf":
        return render_pdf(collection)
    return render_html(collection).encode("utf-8")
