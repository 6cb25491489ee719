"""A scan imported like any list: its table's header mapped by the column mapper, each row a
record that points at its page and box, the pages and tiles stored with the document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from tagdyr.errors import SourceError
from tagdyr.names.parse import Order
from tagdyr.scans.reader import ScanPage, read_scan
from tagdyr.scans.store import store_pages
from tagdyr.scans.table import Row
from tagdyr.sources.columns import MappingFile, map_columns
from tagdyr.sources.importer import Prepared
from tagdyr.sources.records import RecordDraft, build_record
from tagdyr.store import schema as s

NAME_FIELDS = ("full_name", "surname", "given_name", "patronymic")
HEADER_ROW = -1  # a correction's row number when it corrects the table's header


@dataclass(frozen=True, slots=True)
class Correction:
    """An editor's keying of one cell; the machine's reading stays beside it."""

    page: int
    row: int
    col: int
    value: str
    author: str
    at: datetime


def machine_reading(pages: list[ScanPage], page: int, row: int, col: int) -> str:
    """What the machine read in a cell (``row`` :data:`HEADER_ROW` for the header)."""
    table = pages[page - 1].table
    cells = table.header if row == HEADER_ROW else table.rows[row].cells
    return cells[col].text


def _row_scan(
    page: ScanPage, index: int, row: Row, mapping: dict[int, str], machine: list[str]
) -> dict[str, Any]:
    names = [row.cells[i] for i, f in mapping.items() if f in NAME_FIELDS and row.cells[i].text]
    return {
        "page": page.number,
        "row": index,
        "box": list(row.box),
        "lines": row.lines,
        "struck": row.struck,
        "name_confidence": min((c.confidence for c in names), default=None),
        "cells": [
            {"box": list(c.box), "confidence": c.confidence, "machine": m}
            for c, m in zip(row.cells, machine, strict=True)
        ],
    }


def scan_drafts(
    pages: list[ScanPage],
    filename: str,
    override: MappingFile | None,
    corrections: list[Correction] = (),  # type: ignore[assignment]
) -> tuple[list[RecordDraft], dict[str, Any]]:
    """Every row of every page's table as a record draft, corrections applied."""
    keyed = {(c.page, c.row, c.col): c.value for c in corrections}
    hint = (override.order if override else None) or Order.SURNAME_FIRST
    drafts: list[RecordDraft] = []
    columns: dict[str, str] = {}
    for page in pages:
        header = [keyed.get((page.number, HEADER_ROW, col), c.text)
                  for col, c in enumerate(page.table.header)]  # fmt: skip
        mapping = map_columns(header, override, filename)
        if not {"full_name", "surname", "given_name"} & set(mapping.values()):
            raise SourceError(
                f"page {page.number}: no column holds names: the header read from the scan is "
                f"{header}; map one with a TOML file (--mapping) or correct it in the workbench",
                file=filename,
            )
        columns.update({header[i]: f for i, f in mapping.items()})
        for index, row in enumerate(page.table.rows):
            machine = [c.text for c in row.cells]
            cells = [keyed.get((page.number, index, col), text) for col, text in enumerate(machine)]
            number = len(drafts) + 1
            draft = build_record(
                headers=header,
                cells=cells,
                mapping=mapping,
                row_number=number,
                sheet=None,
                filename=filename,
                hint=hint,
            )
            draft.location = f"{filename}, page {page.number}, row {index + 1}"
            draft.normalized["scan"] = _row_scan(page, index, row, mapping, machine)
            drafts.append(draft)
    if not drafts:
        raise SourceError("no rows were found on the scan", file=filename)
    meta = {
        "columns": columns,
        "preamble": " / ".join(t for page in pages for t in page.table.title),
        "scan": [
            {"page": p.number, "method": p.table.method, "lang": p.lang, "skew": p.skew,
             "rotation": p.rotation} for p in pages
        ],
    }  # fmt: skip
    return drafts, meta


def prepare_scan(
    path: Path,
    data: bytes,
    override: MappingFile | None,
    *,
    lang: str | None = None,
    pages: list[ScanPage] | None = None,
    corrections: list[Correction] = (),  # type: ignore[assignment]
) -> Prepared:
    """A scan read (or its pages as already read and corrected), ready to be stored."""
    pages = pages if pages is not None else read_scan(path, data, lang)
    drafts, meta = scan_drafts(pages, path.name, override, corrections)

    def keep_pages(conn: Connection, document_id: int) -> None:
        store_pages(conn, document_id, pages)
        if corrections:
            conn.execute(s.scan_correction.insert(), [
                {"document_id": document_id, "page": c.page, "row": c.row, "col": c.col,
                 "machine": machine_reading(pages, c.page, c.row, c.col),
                 "value": c.value, "author": c.author, "at": c.at}
                for c in corrections
            ])  # fmt: skip

    return Prepared(data, drafts, meta, None, False, after=keep_pages)
