"""Persons, records, claims and sources of a selection as flat tables, and their CSV and XLSX.

The records table gives each record's cells under the contract's field names exactly as the
source's columns held them (``surname``, ``birth_date``, …), so a records CSV or XLSX imports back
into tagdyr as a list with the same names, dates and claims. CSV cells that a spreadsheet would
run as formulas are guarded (:mod:`tagdyr.sources.formulas`); XLSX cells are written as text,
which spreadsheets never run.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, select

from tagdyr.export.uris import claim_uri, person_uri, record_uri, source_uri
from tagdyr.sources.formulas import EXPORT_MARKER, guard
from tagdyr.store import schema as s
from tagdyr.vocab.fields import FIELDS

TABLES = ("persons", "records", "claims", "sources")
_CHUNK = 900  # ids per IN (…) clause


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


@dataclass
class _Data:
    """Rows of a selection read once: persons, their records, claims and sources."""

    persons: list[Any]
    records: list[Any]  # with uid, source key
    claims: list[Any]
    sources: dict[str, Any]


def _read(conn: Connection, uids: list[str]) -> _Data:
    persons: list[Any] = []
    records: list[Any] = []
    claims: list[Any] = []
    for chunk in _chunks(uids):
        persons += conn.execute(
            select(s.person.c.id, s.person.c.uid, s.person.c.label).where(s.person.c.uid.in_(chunk))
        ).all()
    order = {uid: i for i, uid in enumerate(uids)}
    persons.sort(key=lambda p: order[p.uid])
    for chunk in _chunks([p.id for p in persons]):
        records += conn.execute(
            select(s.record, s.person.c.uid, s.source.c.key.label("source_key"))
            .join(s.person_record, s.person_record.c.record_id == s.record.c.id)
            .join(s.person, s.person.c.id == s.person_record.c.person_id)
            .join(s.source, s.source.c.id == s.record.c.source_id)
            .where(s.person.c.id.in_(chunk))
        ).all()
    records.sort(key=lambda r: (order[r.uid], r.source_key, r.id))
    for chunk in _chunks([r.id for r in records]):
        claims += conn.execute(select(s.claim).where(s.claim.c.record_id.in_(chunk))).all()
    claims.sort(key=lambda c: c.id)
    keys = sorted({r.source_key for r in records})
    sources = {
        row.key: row
        for chunk in _chunks(keys)
        for row in conn.execute(select(s.source).where(s.source.c.key.in_(chunk)))
    }
    return _Data(persons, records, claims, sources)


def _joined(values: Iterable[str | None]) -> str:
    return " | ".join(dict.fromkeys(v for v in values if v))


def _persons(data: _Data, base: str) -> Table:
    table = Table(
        "persons",
        [
            EXPORT_MARKER,
            "uid",
            "name",
            "spellings",
            "birth",
            "birth_place",
            "death",
            "fate",
            "camp",
            "unit",
            "records",
            "sources",
        ],
    )
    records = defaultdict(list)
    for record in data.records:
        records[record.uid].append(record)
    by_record = defaultdict(list)
    for claim in data.claims:
        by_record[claim.record_id].append(claim)
    for person in data.persons:
        own = records[person.uid]
        claims = [c for r in own for c in by_record[r.id]]

        def of(kind: str, attr: str = "value", claims: list[Any] = claims) -> str:
            return _joined(getattr(c, attr) for c in claims if c.kind == kind)

        births = _joined(c.date_start for c in claims if c.kind == "birth") or _joined(
            str(r.birth_year) for r in own if r.birth_year
        )
        table.rows.append(
            [
                person_uri(base, person.uid),
                person.uid,
                person.label,
                _joined(r.full_name for r in own),
                births,
                of("birth", "place"),
                _joined(c.date_start or c.value for c in claims if c.kind == "death"),
                _joined(c.value_norm or c.value for c in claims if c.kind == "fate"),
                of("camp"),
                of("unit"),
                str(len(own)),
                _joined(r.source_key for r in own),
            ]
        )
    return table


def _records(data: _Data, base: str) -> Table:
    cells = []
    used: set[str] = set()
    for record in data.records:
        normalized = json.loads(record.normalized)
        values = dict(normalized.get("fields") or {})
        if not values:
            values = {"full_name": record.full_name}
            if record.birth_year:
                values["birth_year"] = str(record.birth_year)
        used.update(k for k, v in values.items() if v)
        cells.append((record, values))
    fields = [f for f in FIELDS if f in used]
    citations = {r.id: archival_citation(r.normalized) for r, _ in cells}
    cited = ["tagdyr_citation"] if any(citations.values()) else []
    header = [EXPORT_MARKER, "tagdyr_person", "tagdyr_source", "tagdyr_location", *cited, *fields]
    table = Table("records", header)
    for record, values in cells:
        table.rows.append(
            [
                record_uri(base, record.source_key, record.id),
                person_uri(base, record.uid),
                record.source_key,
                record.location,
                *([citations[record.id]] if cited else []),
                *(values.get(f, "") for f in fields),
            ]
        )
    return table


def archival_citation(normalized: str) -> str:
    """A stored record's archival reference as cited ("ЦАМО, ф. 58, оп. 18003, д. 1412")."""
    provenance = json.loads(normalized).get("provenance") or {}
    return str(provenance.get("citation", ""))


def _claims(data: _Data, base: str) -> Table:
    table = Table(
        "claims",
        [
            EXPORT_MARKER,
            "person",
            "record",
            "source",
            "location",
            "kind",
            "value",
            "value_norm",
            "date_start",
            "date_end",
            "date_precision",
            "place",
            "note",
            "column",
        ],
    )
    records = {r.id: r for r in data.records}
    for claim in data.claims:
        record = records[claim.record_id]
        table.rows.append(
            [
                claim_uri(base, record.source_key, record.id, claim.id),
                person_uri(base, record.uid),
                record_uri(base, record.source_key, record.id),
                record.source_key,
                record.location,
                claim.kind,
                claim.value,
                claim.value_norm or "",
                claim.date_start or "",
                claim.date_end or "",
                claim.date_precision or "",
                claim.place or "",
                claim.note or "",
                claim.field,
            ]
        )
    return table


def _sources(data: _Data, base: str) -> Table:
    table = Table(
        "sources", [EXPORT_MARKER, "key", "title", "citation", "kind", "languages", "records"]
    )
    counts: dict[str, int] = defaultdict(int)
    for record in data.records:
        counts[record.source_key] += 1
    for key, source in sorted(data.sources.items()):
        table.rows.append(
            [
                source_uri(base, key),
                key,
                source.title,
                source.citation,
                source.kind,
                source.languages,
                str(counts[key]),
            ]
        )
    return table


def build_tables(conn: Connection, uids: list[str], base: str) -> dict[str, Table]:
    """The four tables of the persons ``uids`` (in that order), URIs minted under ``base``."""
    data = _read(conn, uids)
    return {
        "persons": _persons(data, base),
        "records": _records(data, base),
        "claims": _claims(data, base),
        "sources": _sources(data, base),
    }


def write_csv(table: Table, out: IO[bytes]) -> None:
    """UTF-8 with a byte-order mark (so that Excel reads Cyrillic right), formula cells guarded."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([guard(cell) for cell in row] for row in table.rows)
    out.write(text.getvalue().encode("utf-8-sig"))


def csv_bytes(table: Table) -> bytes:
    buffer = io.BytesIO()
    write_csv(table, buffer)
    return buffer.getvalue()


def write_xlsx(tables: Iterable[Table], out: Path | IO[bytes]) -> None:
    """One sheet per table; every cell a text cell (never a formula), header frozen."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(table.rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
                cell.data_type = "s"  # text, even if it begins with "="
        sheet.freeze_panes = "A2"
        for c, name in enumerate(table.header, start=1):
            width = max([len(name), *(len(row[c - 1]) for row in table.rows[:200])])
            sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = min(
                max(width + 2, 8), 60
            )
    workbook.save(out)
