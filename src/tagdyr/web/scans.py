"""Scan routes: the crop of a record's row, and each scanned document over IIIF (the
Presentation 3 manifest and the level-0 Image API over the tiles cut at import)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy import select

from tagdyr.errors import NotFoundError
from tagdyr.scans.iiif import image_service_id, manifest
from tagdyr.scans.store import record_crop, tile
from tagdyr.scans.tiles import canonical, info
from tagdyr.store import schema as s
from tagdyr.web.deps import Conn, PathId

router = APIRouter()
_CORS = {"Access-Control-Allow-Origin": "*"}  # IIIF viewers elsewhere may open our manifests
_DAY = {"Cache-Control": "public, max-age=86400"}
Part = Annotated[str, Path(max_length=60, pattern=r"^[0-9a-z,:.^!]+$")]


def _base(request: Request) -> str:
    return str(request.app.state.settings.base_url).rstrip("/")


@router.get("/scans/crop/{record_id}.png")
def crop(record_id: PathId, conn: Conn) -> Response:
    """The record's row as the scan shows it."""
    return Response(record_crop(conn, record_id), media_type="image/png", headers=_DAY)


@router.get("/iiif/{document_id}/manifest.json")
def iiif_manifest(document_id: PathId, request: Request, conn: Conn) -> Response:
    data = manifest(conn, document_id, _base(request))
    body = json.dumps(data, ensure_ascii=False)
    return Response(body, media_type="application/ld+json", headers=_CORS)


def _page_size(conn: Conn, document_id: int, page: int) -> tuple[int, int]:
    found = conn.execute(
        select(s.scan_page.c.width, s.scan_page.c.height).where(
            s.scan_page.c.document_id == document_id, s.scan_page.c.page == page
        )
    ).first()
    if found is None:
        raise NotFoundError(f"document {document_id} has no scanned page {page}")
    return int(found.width), int(found.height)


@router.get("/iiif/image/{document_id}/{page}/info.json")
def iiif_info(document_id: PathId, page: PathId, request: Request, conn: Conn) -> Response:
    width, height = _page_size(conn, document_id, page)
    data = info(image_service_id(_base(request), document_id, page), width, height)
    return Response(json.dumps(data), media_type="application/ld+json", headers=_CORS)


@router.get("/iiif/image/{document_id}/{page}/{region}/{size}/{rotation}/{quality}.jpg")
def iiif_tile(
    document_id: PathId, page: PathId, region: Part, size: Part, rotation: Part, quality: Part,
    conn: Conn,
) -> Response:  # fmt: skip
    """A tile cut at import; level 0 has no other (no rotation, no other quality)."""
    width, height = _page_size(conn, document_id, page)
    path = canonical(region, size, width, height)
    data = tile(conn, document_id, page, path) if path and rotation == "0" else None
    if data is None or quality != "default":
        raise NotFoundError(f"no such tile: {region}/{size}/{rotation}/{quality}.jpg (level 0)")
    return Response(data, media_type="image/jpeg", headers={**_CORS, **_DAY})
