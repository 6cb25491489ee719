"""A scanned document as an IIIF Presentation 3 manifest (iiif-prezi3): one canvas per page,
painted by a level-0 Image API service over the tiles cut at import, and each row of the list
as an annotation on its box, linking to the record's person (or record) in tagdyr."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from tagdyr.errors import NotFoundError
from tagdyr.store import schema as s


def image_service_id(base: str, document_id: int, page: int) -> str:
    return f"{base}/iiif/image/{document_id}/{page}"


def manifest_id(base: str, document_id: int) -> str:
    return f"{base}/iiif/{document_id}/manifest.json"


def _pages(conn: Connection, document_id: int) -> list[Any]:
    return list(
        conn.execute(
            select(s.scan_page.c.page, s.scan_page.c.width, s.scan_page.c.height)
            .where(s.scan_page.c.document_id == document_id)
            .order_by(s.scan_page.c.page)
        )
    )


def _rows(conn: Connection, document_id: int) -> list[Any]:
    return list(
        conn.execute(
            select(
                s.record.c.id,
                s.record.c.full_name,
                s.record.c.normalized,
                s.person.c.uid,
                s.source.c.key,
            )
            .join(s.source, s.source.c.id == s.record.c.source_id)
            .outerjoin(s.person_record, s.person_record.c.record_id == s.record.c.id)
            .outerjoin(s.person, s.person.c.id == s.person_record.c.person_id)
            .where(s.record.c.document_id == document_id)
            .order_by(s.record.c.id)
        )
    )


def manifest(conn: Connection, document_id: int, base: str) -> dict[str, Any]:
    """The manifest of one scanned document as JSON-ready data."""
    from iiif_prezi3 import Annotation, AnnotationPage, Canvas, Manifest, Resource

    doc = conn.execute(
        select(s.document.c.filename, s.source.c.title, s.source.c.citation)
        .join(s.source, s.source.c.id == s.document.c.source_id)
        .where(s.document.c.id == document_id)
    ).first()
    pages = _pages(conn, document_id)
    if doc is None or not pages:
        raise NotFoundError(f"document {document_id} is not a scan")
    mid = manifest_id(base, document_id)
    canvases = []
    rows = _rows(conn, document_id)
    for page in pages:
        cid = f"{mid.removesuffix('/manifest.json')}/canvas/{page.page}"
        service = image_service_id(base, document_id, page.page)
        image = Resource(
            id=f"{service}/full/max/0/default.jpg", type="Image", format="image/jpeg",
            height=page.height, width=page.width,
            service=[{"id": service, "type": "ImageService3", "profile": "level0"}],
        )  # fmt: skip
        painting = Annotation(id=f"{cid}/painting", motivation="painting", body=image, target=cid)
        links = []
        for row in rows:
            scan = json.loads(row.normalized).get("scan") or {}
            if scan.get("page") != page.page:
                continue
            x0, y0, x1, y1 = scan["box"]
            target = f"{base}/person/{row.uid}" if row.uid else f"{base}/source/{row.key}"
            links.append(Annotation(
                id=f"{cid}/row/{row.id}", motivation="linking",
                body={"id": target, "type": "Text", "format": "text/html",
                      "label": {"none": [row.full_name]}},
                target=f"{cid}#xywh={x0},{y0},{x1 - x0},{y1 - y0}",
            ))  # fmt: skip
        canvas = Canvas(
            id=cid, label={"none": [f"{doc.filename}, page {page.page}"]},
            height=page.height, width=page.width,
            items=[AnnotationPage(id=f"{cid}/page", items=[painting])],
            annotations=[AnnotationPage(id=f"{cid}/rows", items=links)] if links else None,
        )  # fmt: skip
        canvases.append(canvas)
    built = Manifest(
        id=mid, label={"none": [doc.title]}, summary={"none": [doc.citation]},
        requiredStatement={"label": {"en": ["Source"]}, "value": {"none": [doc.citation]}},
        items=canvases,
    )  # fmt: skip
    data: dict[str, Any] = json.loads(built.json())
    return data
