"""The transcription workbench: a scan uploaded and read, its page beside an editable grid,
every correction kept with its author and time, then imported like any list."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from tagdyr.errors import TagdyrError
from tagdyr.scans.importer import HEADER_ROW, prepare_scan
from tagdyr.scans.pages import is_scan
from tagdyr.scans.reader import read_scan
from tagdyr.scans.workbench import (
    LOW_CONFIDENCE,
    correct,
    corrections_to_import,
    differences,
    finish_keying,
    is_double,
    keyers_done,
    load_reading,
    page_path,
    settle,
    stage,
    staged_source,
)
from tagdyr.sources.importer import SourceInfo, source_key_for, store_document
from tagdyr.web.auth import Editor
from tagdyr.web.deps import PathId
from tagdyr.web.imports import UPLOAD_BYTES
from tagdyr.web.uploads import Uploads

router = APIRouter()
_CELL = "c:"  # form fields "c:page:row:col"
_HEADING = "h:"  # form fields "h:page:col", the header's cells


def _uploads(request: Request) -> Uploads:
    return Uploads(request.app.state.settings.upload_dir)


def _folder(request: Request, token: str) -> Path:
    return _uploads(request).path(token).parent


def _scan_file(folder: Path) -> Path:
    return next(p for p in sorted(folder.iterdir()) if p.is_file() and is_scan(p))


@router.get("/scans/workbench")
def upload_form(request: Request, _user: Editor) -> Response:
    render = request.app.state.render
    return render(request, "workbench_upload.html")  # type: ignore[no-any-return]


@router.post("/scans/workbench", max_body_size=UPLOAD_BYTES)  # a scan, like an import
async def upload(
    request: Request,
    _user: Editor,
    file: UploadFile,
    key: Annotated[str, Form(max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")],
    title: Annotated[str, Form(max_length=500)],
    citation: Annotated[str, Form(max_length=2000)],
    double: Annotated[bool, Form()] = False,
) -> Response:
    name = file.filename or "scan.png"
    if not is_scan(Path(name)):
        raise TagdyrError(f"{name}: the workbench reads scans (PNG, JPEG, TIFF, PDF)")
    data = await file.read()
    uploads = _uploads(request)
    token = await run_in_threadpool(uploads.save, name, io.BytesIO(data))
    folder = uploads.path(token).parent
    reading = await run_in_threadpool(read_scan, Path(name), data)  # OCR: off the event loop
    stage(folder, reading, {"key": key, "title": title, "citation": citation}, double=double)
    return RedirectResponse(f"/scans/workbench/{token}", status_code=303)


def _grid(folder: Path, viewer: str) -> list[dict[str, Any]]:
    pages, corrections = load_reading(folder, viewer)
    latest = {(c.page, c.row, c.col): c for c in corrections}
    shown = []
    for page in pages:
        header = []
        for c, cell in enumerate(page.table.header):
            keyed = latest.get((page.number, HEADER_ROW, c))
            header.append({"cell": cell, "value": keyed.value if keyed else cell.text,
                           "keyed": keyed, "col": c})  # fmt: skip
        rows = []
        for r, row in enumerate(page.table.rows):
            cells = []
            for c, cell in enumerate(row.cells):
                keyed = latest.get((page.number, r, c))
                cells.append({"cell": cell, "value": keyed.value if keyed else cell.text,
                              "keyed": keyed, "col": c})  # fmt: skip
            rows.append({"index": r, "cells": cells, "struck": row.struck})
        shown.append({"page": page, "header": [h["value"] for h in header],
                      "heading": header, "rows": rows})  # fmt: skip
    return shown


def _keying(folder: Path, viewer: str) -> dict[str, Any]:
    """What the page says of double keying: off, or who has finished and what is next."""
    if not is_double(folder):
        return {"double": False, "locked": False}
    done = keyers_done(folder)
    return {"double": True, "done": done, "finished": viewer in done, "compare": len(done) >= 2,
            "locked": viewer in done or len(done) >= 2}  # fmt: skip


@router.get("/scans/workbench/{token}")
def workbench(request: Request, token: str, user: Editor) -> Response:
    folder = _folder(request, token)
    source = staged_source(folder)
    render = request.app.state.render
    return render(  # type: ignore[no-any-return]
        request, "workbench.html", token=token, pages=_grid(folder, user.username),
        source=source, low=LOW_CONFIDENCE, filename=_scan_file(folder).name,
        keying=_keying(folder, user.username),
    )  # fmt: skip


@router.get("/scans/workbench/{token}/page/{number}.png")
def page_image(request: Request, token: str, number: PathId, _user: Editor) -> Response:
    path = page_path(_folder(request, token), number)
    if not path.exists():
        raise TagdyrError(f"the scan has no page {number}")
    return Response(path.read_bytes(), media_type="image/png")


def _cell_named(name: str) -> tuple[int, int, int]:
    """The cell a form field names: "c:page:row:col", or "h:page:col" for a heading."""
    parts = name[2:].split(":")
    if name.startswith(_HEADING) and len(parts) == 2:
        parts.insert(1, str(HEADER_ROW))
    if len(parts) != 3 or not all(p.lstrip("-").isdigit() for p in parts):
        raise TagdyrError(f"{name!r} names no cell")
    page, row, col = (int(p) for p in parts)
    return page, row, col


async def _changes(request: Request) -> dict[tuple[int, int, int], str]:
    form = await request.form()
    changes = {}
    for name, value in form.items():
        if name.startswith((_CELL, _HEADING)):
            changes[_cell_named(name)] = str(value)[:2000]
    return changes


@router.post("/scans/workbench/{token}/save")
async def save(request: Request, token: str, user: Editor) -> Response:
    correct(_folder(request, token), await _changes(request), user.username)
    return RedirectResponse(f"/scans/workbench/{token}", status_code=303)


@router.post("/scans/workbench/{token}/finish")
async def finish(request: Request, token: str, user: Editor) -> Response:
    folder = _folder(request, token)
    correct(folder, await _changes(request), user.username)
    finish_keying(folder, user.username)
    return RedirectResponse(f"/scans/workbench/{token}", status_code=303)


@router.get("/scans/workbench/{token}/compare")
def compare(request: Request, token: str, user: Editor) -> Response:
    folder = _folder(request, token)
    pages, _ = load_reading(folder)
    headers = {p.number: [h.text for h in p.table.header] for p in pages}
    render = request.app.state.render
    return render(  # type: ignore[no-any-return]
        request, "workbench_compare.html", token=token, differences=differences(folder),
        headers=headers, header_row=HEADER_ROW, filename=_scan_file(folder).name,
        keying=_keying(folder, user.username),
    )  # fmt: skip


@router.post("/scans/workbench/{token}/settle")
async def settle_differences(request: Request, token: str, user: Editor) -> Response:
    values = {cell: v for cell, v in (await _changes(request)).items() if v.strip()}
    settle(_folder(request, token), values, user.username)
    return RedirectResponse(f"/scans/workbench/{token}/compare", status_code=303)


@router.post("/scans/workbench/{token}/import")
async def import_scan(request: Request, token: str, user: Editor) -> Response:
    folder = _folder(request, token)
    if not is_double(folder):
        correct(folder, await _changes(request), user.username)
    corrections = corrections_to_import(folder)
    pages, _ = load_reading(folder)
    source = staged_source(folder)
    path = _scan_file(folder)
    info = SourceInfo(source["key"] or source_key_for(path), source["title"] or path.name,
                      source["citation"] or path.name)  # fmt: skip
    prepared = prepare_scan(path, path.read_bytes(), None, pages=pages, corrections=corrections)
    result = store_document(request.app.state.engine, path, info, prepared, user=user.username)
    render = request.app.state.render
    return render(request, "import_done.html", result=result, filename=path.name)  # type: ignore[no-any-return]
