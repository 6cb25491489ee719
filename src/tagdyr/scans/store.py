"""Keeping a scan's pages: each page image (what the boxes refer to), its IIIF tiles, and
reading them back for crops of rows and cells."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

from PIL import Image
from sqlalchemy import Connection, select

from tagdyr.errors import NotFoundError
from tagdyr.scans.ocr import Box
from tagdyr.scans.reader import ScanPage
from tagdyr.scans.tiles import cut
from tagdyr.store import schema as s

_CROP_MARGIN = 12


def _png(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def store_pages(conn: Connection, document_id: int, pages: list[ScanPage]) -> None:
    """Store every page's image and its tiles with the document (inside its transaction)."""
    for page in pages:
        reading = {"rotation": page.rotation, "skew": page.skew, "lang": page.lang,
                   "method": page.table.method, "title": page.table.title}  # fmt: skip
        page_id = conn.execute(
            s.scan_page.insert().returning(s.scan_page.c.id),
            {"document_id": document_id, "page": page.number, "width": page.image.width,
             "height": page.image.height, "dpi": int(page.image.info.get("dpi", (300,))[0]),
             "image": _png(page.image), "reading": json.dumps(reading, ensure_ascii=False)},
        ).scalar_one()  # fmt: skip
        conn.execute(
            s.scan_tile.insert(),
            [{"page_id": page_id, "path": path, "data": base64.b64encode(data).decode("ascii")}
             for path, data in cut(page.image)],
        )  # fmt: skip


def page_image(conn: Connection, document_id: int, page: int) -> Image.Image:
    found = conn.execute(
        select(s.scan_page.c.image).where(
            s.scan_page.c.document_id == document_id, s.scan_page.c.page == page
        )
    ).scalar()
    if found is None:
        raise NotFoundError(f"document {document_id} has no scanned page {page}")
    return Image.open(io.BytesIO(base64.b64decode(found)))


def record_scan(conn: Connection, record_id: int) -> tuple[int, dict[str, Any]]:
    """A record's document and where it stands on the scan (page, box, cells)."""
    row = conn.execute(
        select(s.record.c.document_id, s.record.c.normalized).where(s.record.c.id == record_id)
    ).first()
    scan = json.loads(row.normalized).get("scan") if row else None
    if row is None or not scan:
        raise NotFoundError(f"record {record_id} does not come from a scan")
    return int(row.document_id), scan


def crop_png(image: Image.Image, box: Box) -> bytes:
    x0, y0, x1, y1 = box
    m = _CROP_MARGIN
    crop = image.crop(
        (max(0, x0 - m), max(0, y0 - m), min(image.width, x1 + m), min(image.height, y1 + m))
    )
    buffer = io.BytesIO()
    crop.save(buffer, "PNG")
    return buffer.getvalue()


def record_crop(conn: Connection, record_id: int) -> bytes:
    """The row of a record cut from its page, as PNG."""
    document_id, scan = record_scan(conn, record_id)
    image = page_image(conn, document_id, int(scan["page"]))
    x0, y0, x1, y1 = (int(v) for v in scan["box"])
    return crop_png(image, (x0, y0, x1, y1))


def tile(conn: Connection, document_id: int, page: int, path: str) -> bytes | None:
    found = conn.execute(
        select(s.scan_tile.c.data)
        .join(s.scan_page, s.scan_page.c.id == s.scan_tile.c.page_id)
        .where(s.scan_page.c.document_id == document_id, s.scan_page.c.page == page,
               s.scan_tile.c.path == path)
    ).scalar()  # fmt: skip
    return base64.b64decode(found) if found is not None else None
