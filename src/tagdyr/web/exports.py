"""Export routes: a person's JSON-LD and GEDCOM, a selection's CSV, XLSX, JSON-LD, GEDCOM and
printable collection (selected like a search: ``q``, filters, or ``person`` ids), the
vocabulary page and the place pages that the exports' URIs point at."""

from __future__ import annotations

import asyncio
import io
import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from tagdyr.errors import AccessError, NotFoundError
from tagdyr.export.collection import build_collection, render_html, render_pdf
from tagdyr.export.gedcom import VERSIONS, write_gedcom
from tagdyr.export.jsonld import TERMS, person_document, write_collection
from tagdyr.export.selection import (
    Selection,
    described,
    require_some,
    selected_uids,
    title_of,
)
from tagdyr.export.tables import TABLES, build_tables, csv_bytes, write_xlsx
from tagdyr.export.uris import VOCABULARY
from tagdyr.search import Filters
from tagdyr.store.queries import resolve_person
from tagdyr.vocab.gazetteer import places
from tagdyr.web.browse import browse_search
from tagdyr.web.deps import Conn, SearchFilters, _language
from tagdyr.web.urls import public_base

router = APIRouter()
JSONLD = "application/ld+json"
_MAX_PERSONS = 20_000  # persons per web export; the CLI has no limit
_ANONYMOUS_PERSONS = 500  # persons per export for a visitor without a login
_ANONYMOUS_COLLECTION = 100  # persons per printable collection for a visitor without a login
# printable collections are rendered one at a time per server worker; a few more may wait
_COLLECTIONS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tagdyr-collection")
_WAITING = threading.BoundedSemaphore(4)


def _base(request: Request) -> str:
    return public_base(request)


def _file(data: bytes | str, media: str, name: str) -> Response:
    body = data.encode("utf-8") if isinstance(data, str) else data
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _selected(
    conn: Conn, q: str, filters: Filters, person: list[str] | None, request: Request,
    anonymous_cap: int = _ANONYMOUS_PERSONS,
) -> tuple[Selection, list[str]]:  # fmt: skip
    selection = Selection(query=q, filters=filters, persons=tuple(person or ()))
    uids = require_some(selected_uids(conn, selection), selection)
    if len(uids) > _MAX_PERSONS:
        raise NotFoundError(
            f"{len(uids):,} persons are selected, more than a web export gives "
            f"({_MAX_PERSONS:,}); narrow the search or use `tagdyr export`"
        )
    if len(uids) > anonymous_cap and request.state.user is None:
        raise AccessError(
            f"{len(uids):,} persons are selected; without a login an export gives at most "
            f"{anonymous_cap:,}: narrow the search, log in, or use `tagdyr export`"
        )
    return selection, uids


async def _bounded(request: Request, work: Callable[[], Response]) -> Response:
    """``work`` in the collections' own worker (never more than one at a time), dropped if
    the visitor leaves before it starts; refused when too many already wait."""
    if not _WAITING.acquire(blocking=False):
        raise AccessError("the server is busy with other collections: try again in a minute",
                          status=503)  # fmt: skip
    try:
        job = _COLLECTIONS.submit(work)
        waited = asyncio.wrap_future(job)
        while True:
            done, _ = await asyncio.wait({waited}, timeout=0.5)
            if done:
                return waited.result()
            if await request.is_disconnected() and job.cancel():
                return Response(status_code=499)  # nobody is listening: not rendered
    finally:
        _WAITING.release()


Q = Annotated[str, Query(max_length=200)]
PersonIds = Annotated[list[str] | None, Query(max_length=40)]
GedcomVersion = Annotated[str, Query(pattern=f"^({'|'.join(re.escape(v) for v in VERSIONS)})$")]


def person_jsonld(conn: Conn, uid: str, base: str) -> Response:
    document = person_document(conn, uid, base)
    return Response(json.dumps(document, ensure_ascii=False, indent=1), media_type=JSONLD)


@router.get("/person/{uid}.jsonld")
def person_jsonld_route(request: Request, uid: str, conn: Conn) -> Response:
    return person_jsonld(conn, resolve_person(conn, uid)[1], _base(request))


@router.get("/person/{uid}.ged")
def person_gedcom(
    request: Request,
    uid: str,
    conn: Conn,
    version: GedcomVersion = "7.0",
) -> Response:
    living = resolve_person(conn, uid)[1]
    text = write_gedcom(conn, [living], _base(request), version)
    return _file(text, "text/vnd.familysearch.gedcom", f"{living}-gedcom{version}.ged")


@router.get("/export/{table}.csv")
def export_csv(
    request: Request,
    table: str,
    conn: Conn,
    filters: SearchFilters,
    q: Q = "",
    person: PersonIds = None,
) -> Response:
    if table not in TABLES:
        raise NotFoundError(f"no table {table!r}; tables: {', '.join(TABLES)}")
    _, uids = _selected(conn, q, filters, person, request)
    tables = build_tables(conn, uids, _base(request))
    return _file(csv_bytes(tables[table]), "text/csv; charset=utf-8", f"tagdyr-{table}.csv")


@router.get("/export/tables.xlsx")
def export_xlsx(
    request: Request, conn: Conn, filters: SearchFilters, q: Q = "", person: PersonIds = None
) -> Response:
    _, uids = _selected(conn, q, filters, person, request)
    buffer = io.BytesIO()
    write_xlsx(build_tables(conn, uids, _base(request)).values(), buffer)
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _file(buffer.getvalue(), media, "tagdyr.xlsx")


@router.get("/export/persons.jsonld")
def export_jsonld(
    request: Request, conn: Conn, filters: SearchFilters, q: Q = "", person: PersonIds = None
) -> Response:
    _, uids = _selected(conn, q, filters, person, request)
    buffer = io.StringIO()
    write_collection(conn, uids, _base(request), buffer)
    return _file(buffer.getvalue(), JSONLD, "tagdyr.jsonld")


@router.get("/export/persons.ged")
def export_gedcom(
    request: Request,
    conn: Conn,
    filters: SearchFilters,
    q: Q = "",
    person: PersonIds = None,
    version: GedcomVersion = "7.0",
) -> Response:
    _, uids = _selected(conn, q, filters, person, request)
    text = write_gedcom(conn, uids, _base(request), version)
    return _file(text, "text/vnd.familysearch.gedcom", f"tagdyr-gedcom{version}.ged")


@router.get("/export/collection.{fmt}")
async def export_collection(
    request: Request,
    fmt: str,
    filters: SearchFilters,
    q: Q = "",
    person: PersonIds = None,
    title: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    if fmt not in ("html", "pdf"):
        raise NotFoundError(f"the collection comes as .html or .pdf, not .{fmt}")
    base, lang = _base(request), _language(request)

    def work() -> Response:
        with request.app.state.engine.connect() as conn:
            selection, uids = _selected(conn, q, filters, person, request, _ANONYMOUS_COLLECTION)
            collection = build_collection(
                conn, uids, title=title or title_of(conn, selection, lang),
                selection=described(conn, selection, lang), base=base, lang=lang,
            )  # fmt: skip
        if fmt == "pdf":
            return _file(render_pdf(collection), "application/pdf", "tagdyr-collection.pdf")
        return HTMLResponse(render_html(collection))

    return await _bounded(request, work)


@router.get("/vocab", response_class=HTMLResponse)
def vocabulary(request: Request) -> Response:
    """The tagdyr vocabulary the JSON-LD uses beside schema.org."""
    render = request.app.state.render
    return render(request, "vocab.html", terms=TERMS, namespace=VOCABULARY)  # type: ignore[no-any-return]


@router.get("/place/{key}", response_class=HTMLResponse)
def place_page(
    request: Request,
    key: str,
    conn: Conn,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    sort: Annotated[str, Query(pattern="^(relevance|name|born)$")] = "name",
) -> Response:
    """A gazetteer place (the URI of places in the exports) and the persons who were there,
    page by page."""
    known = places()
    if key not in known:
        raise NotFoundError(f"no place {key!r} in the gazetteer")
    browsing = browse_search(conn, "", Filters(place=key), page, sort)
    render = request.app.state.render
    return render(request, "place.html", place=known[key], browsing=browsing)  # type: ignore[no-any-return]
