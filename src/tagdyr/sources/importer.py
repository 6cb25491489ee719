"""Importing a tabular list into the database: one transaction per file, idempotent.

The whole file is read and every row built before the database is touched, so a malformed
file is rejected with its file, row and column and leaves nothing behind. Importing the same
bytes into the same source again is a no-op; different bytes become a new *version* of the
document, and only the current version takes part in linkage and search.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from tagdyr.errors import SourceError, StorageError
from tagdyr.names.parse import Order
from tagdyr.sources.columns import MappingFile, map_columns
from tagdyr.sources.profiles import detect_profile, shipped_profiles
from tagdyr.sources.records import UNREAD_DATE, RecordDraft, build_record
from tagdyr.sources.register import Register
from tagdyr.sources.tabular import Sheet, formula_warnings, read_table
from tagdyr.store import schema as s
from tagdyr.store.audit import log_event
from tagdyr.store.db import lock_for_writing, storage_error

ProgressCallback = Callable[[int, int], None]
_BATCH = 500


_SOURCE_KEY = re.compile(r"\w[\w.-]*")


def check_source_key(key: str, *, file: str = "source key", row: int | None = None) -> str:
    """A source key is a slug (it is part of URLs and URIs): letters, digits, ``-``, ``_``
    and ``.``, starting with a letter or digit, no ``..``, at most 200 characters."""
    if len(key) > 200 or ".." in key or not _SOURCE_KEY.fullmatch(key):
        raise SourceError(
            f"source key {key[:80]!r} is not allowed: use letters, digits, '-', '_' and '.' "
            "only (no '/', spaces, '?', '#' or '..'), at most 200 characters",
            file=file,
            row=row,
        )
    return key


@dataclass(frozen=True, slots=True)
class SourceInfo:
    key: str
    title: str
    citation: str
    kind: str = ""  # list, register, file, text; empty: the import profile's, else list
    languages: str = ""

    def __post_init__(self) -> None:
        check_source_key(self.key)


@dataclass(frozen=True, slots=True)
class ImportResult:
    source_key: str
    document_id: int
    version: int
    records: int
    unchanged: bool
    encoding: str | None
    mapping: dict[str, str]
    profile: str | None = None  # the import profile used, given or detected
    warnings: tuple[str, ...] = ()  # what was imported but deserves a look (file, row, column)


def source_key_for(path: Path) -> str:
    """A source key from a file name: "Chokay 5th group.csv" -> "chokay-5th-group"."""
    return re.sub(r"[^\w]+", "-", path.stem.lower()).strip("-") or "source"


def _ensure_source(conn: Connection, info: SourceInfo) -> int:
    found = conn.execute(select(s.source.c.id).where(s.source.c.key == info.key)).scalar()
    if found is not None:
        return int(found)
    return int(
        conn.execute(
            s.source.insert().returning(s.source.c.id),
            {
                "key": info.key,
                "title": info.title,
                "citation": info.citation,
                "kind": info.kind,
                "languages": info.languages,
                "created_at": datetime.now(UTC),
            },
        ).scalar_one()
    )


def _record_rows(
    drafts: list[RecordDraft], document_id: int, source_id: int
) -> list[dict[str, object]]:
    rows = []
    for d in drafts:
        n = d.normalized
        rows.append({
            "document_id": document_id, "source_id": source_id, "entry_id": d.entry_id,
            "sheet": d.sheet or "", "row_number": d.row_number, "location": d.location,
            "verbatim": json.dumps(d.verbatim, ensure_ascii=False),
            "full_name": d.full_name, "surname": n["surname"], "given_name": n["given_name"],
            "patronymic": n["patronymic"], "initials": n["initials"], "gender": n["gender"],
            "surname_canon": n["surname_canon"], "given_canon": n["given_canon"],
            "surname_key": n["surname_key"], "birth_year": n["birth_year"],
            "birth_date": n["birth_date"], "birth_place": d.birth_place,
            "normalized": json.dumps(n, ensure_ascii=False),
        })  # fmt: skip
    return rows


def _claim_rows(drafts: list[RecordDraft], record_ids: list[int]) -> list[dict[str, object]]:
    rows = []
    for draft, record_id in zip(drafts, record_ids, strict=True):
        for c in draft.claims:
            rows.append({
                "record_id": record_id, "kind": c.kind, "value": c.value,
                "value_norm": c.value_norm, "field": c.field, "place": c.place, "note": c.note,
                "date_start": c.date.start if c.date else None,
                "date_end": c.date.end if c.date else None,
                "date_precision": c.date.precision.value if c.date else None,
            })  # fmt: skip
    return rows


def _store(
    conn: Connection,
    drafts: list[RecordDraft],
    document_id: int,
    source_id: int,
    progress: ProgressCallback | None,
) -> None:
    for start in range(0, len(drafts), _BATCH):
        batch = drafts[start : start + _BATCH]
        ids = (
            conn.execute(
                s.record.insert().returning(s.record.c.id, sort_by_parameter_order=True),
                _record_rows(batch, document_id, source_id),
            )
            .scalars()
            .all()
        )
        claims = _claim_rows(batch, list(ids))
        if claims:
            conn.execute(s.claim.insert(), claims)
        keys = [
            {"record_id": rid, "key": key}
            for draft, rid in zip(batch, ids, strict=True)
            for key in dict.fromkeys(draft.normalized["name_keys"].split())
        ]
        if keys:
            conn.execute(s.name_key.insert(), keys)
        if progress:
            progress(min(start + _BATCH, len(drafts)), len(drafts))


def _facts_cells(sheet: Sheet) -> dict[int, list[str]]:
    """Per row number with a formula cell without a stored value: the cells facts are read
    from, that cell read as empty (the formula's text is no value the clerk wrote)."""
    blanked: dict[int, list[str]] = {}
    rows = dict(sheet.rows)
    for f in sheet.formulas:
        if f.row in rows and f.column <= len(sheet.header):
            cells = blanked.setdefault(f.row, list(rows[f.row]))
            cells[f.column - 1] = ""
    return blanked


def _header_meta(sheet: Sheet) -> dict[str, Any]:
    return {
        "sheet": sheet.name,
        "row": sheet.header_row,
        "header": sheet.header,
        "as_written": sheet.header_as_written,
    }


def _build_drafts(sheet: Sheet, mapping: dict[int, str], path: Path,
                  override: MappingFile | None) -> list[RecordDraft]:  # fmt: skip
    hint = (override.order if override else None) or Order.SURNAME_FIRST
    register = override.register if override else None
    blanked = _facts_cells(sheet)
    drafts = []
    for row_number, cells in sheet.rows:
        draft = build_record(
            headers=sheet.header,
            cells=blanked.get(row_number, cells),
            mapping=mapping,
            row_number=row_number,
            sheet=sheet.name,
            filename=path.name,
            hint=hint,
            register=register,
        )
        if row_number in blanked:
            draft.verbatim = dict(zip(draft.verbatim, cells, strict=True))
        drafts.append(draft)
    return drafts


def unread_date_warnings(drafts: list[RecordDraft], columns: dict[str, str]) -> list[str]:
    """One warning per date cell no date could be read from ("19l6"), naming file, row and
    column: the value is kept as written, and no date is read from it."""
    header_of = {field: header for header, field in columns.items()}
    return [
        f"{draft.location}, column {header_of.get(claim.field, claim.field)!r}: "
        f"{claim.value!r} is not a date tagdyr can read; it is kept as written and no "
        "date is read from it"
        for draft in drafts
        for claim in draft.claims
        if claim.note == UNREAD_DATE
    ]


def _drafts(
    path: Path, data: bytes, encoding: str | None, override: MappingFile | None
) -> tuple[list[RecordDraft], dict[str, Any], str | None, bool]:
    """Every row of every sheet with a name column, built before the database is touched.

    Sheets without a name column (notes, legends) are skipped and reported in the document's
    metadata; a file where no sheet has one is refused."""
    table = read_table(path, data, encoding)
    drafts: list[RecordDraft] = []
    columns: dict[str, str] = {}
    skipped: list[str] = []
    refusal: SourceError | None = None
    used_profile: Register | None = None
    headers: list[dict[str, Any]] = []
    for sheet in table.sheets:
        sheet_override = override or detect_profile(sheet.header)
        register = sheet_override.register if sheet_override else None
        mapping = map_columns(sheet.header, sheet_override, path.name)
        if not {"full_name", "surname", "given_name"} & set(mapping.values()):
            where = f" (sheet {sheet.name})" if sheet.name else ""
            refusal = refusal or SourceError(
                f"no column{where} holds names: the header {sheet.header} has no name column "
                "tagdyr recognizes; map one with a TOML file (--mapping), e.g. "
                '[columns] "Your header" = "full_name"',
                file=path.name,
                row=sheet.header_row,
            )
            skipped.append(sheet.name or "")
            continue
        columns.update({sheet.header[i]: field for i, field in mapping.items()})
        headers.append(_header_meta(sheet))
        used_profile = used_profile or register
        drafts.extend(_build_drafts(sheet, mapping, path, sheet_override))
    if not columns:
        raise refusal or SourceError("the file has no rows", file=path.name)
    preamble = " / ".join(p for sheet in table.sheets for p in sheet.preamble)
    meta: dict[str, Any] = {"columns": columns, "preamble": preamble, "skipped_sheets": skipped}
    meta["headers"] = headers  # each sheet's header as keyed and as written
    meta["warnings"] = formula_warnings(table) + unread_date_warnings(drafts, columns)
    if used_profile:
        meta["profile"] = used_profile.name
        meta["register"] = used_profile.title
    return drafts, meta, table.encoding, table.encoding_detected


def complete_source(
    source: SourceInfo, mapping: MappingFile | None, meta: dict[str, Any], path: Path
) -> SourceInfo:
    """A source's empty title, citation and kind filled from the profile the import used
    (given, or detected from the headers), else from the file name."""
    detected = shipped_profiles().get(meta.get("profile") or "")
    info = (mapping.register if mapping else None) or (detected.register if detected else None)
    title = source.title or (info.title if info else "") or path.name
    return SourceInfo(
        key=source.key,
        title=title,
        citation=source.citation or (info.source_citation if info else "") or title,
        kind=source.kind or (info.kind if info else "") or "list",
        languages=source.languages or (info.languages if info else ""),
    )


def _persons_for(
    conn: Connection, document_id: int, previous_id: int | None
) -> tuple[frozenset[str], dict[str, list[int]]]:
    """Every current record belongs to one person, and only current records do: the new
    version's records become persons of their own until `tagdyr link` joins them, and the
    replaced version's records leave their persons in the same transaction (they stay stored
    and readable in the history; a person left with none of its records is folded, as any
    re-clustering does). The uids of the persons changed, and the persons before (uid ->
    records), which reverting this import gives back under their uids."""
    from tagdyr.persons.components import component
    from tagdyr.persons.linking import latest_run_id, recluster

    documents = [document_id] if previous_id is None else [document_id, previous_id]
    seeds = set(
        conn.execute(select(s.record.c.id).where(s.record.c.document_id.in_(documents))).scalars()
    )
    scope = component(conn, latest_run_id(conn), seeds) if previous_id is not None else seeds
    assigned = recluster(conn, scope=scope)
    return assigned.changed_uids, {uid: list(ids) for uid, ids in assigned.before.items()}


def import_table(
    engine: Engine,
    path: Path,
    source: SourceInfo,
    *,
    encoding: str | None = None,
    mapping: MappingFile | None = None,
    user: str | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import one list file into ``source``; see the module docstring for the guarantees."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}", file=str(path)) from exc
    from tagdyr.scans.pages import is_scan  # a scan is read by tagdyr.scans (images, PDF)

    if is_scan(path):
        from tagdyr.scans.importer import prepare_scan

        prepared = prepare_scan(path, data, mapping)
        return store_document(engine, path, source, prepared, user=user, progress=progress)
    drafts, meta, used_encoding, detected = _drafts(path, data, encoding, mapping)
    if mapping and mapping.register:
        meta["profile"], meta["register"] = mapping.register.name, mapping.register.title
    return store_document(
        engine,
        path,
        complete_source(source, mapping, meta, path),
        Prepared(data, drafts, meta, used_encoding, detected),
        user=user,
        progress=progress,
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document read and turned into record drafts, before the database is touched."""

    data: bytes
    drafts: list[RecordDraft]
    meta: dict[str, Any]
    encoding: str | None
    encoding_detected: bool
    text: str | None = None  # a text's content as decoded (articles, memoirs)
    figures: list[dict[str, Any]] = field(default_factory=list)  # figure rows, no document
    # stores what else the document brings (a scan's pages), in the import's transaction
    after: Callable[[Connection, int], None] | None = None


def store_document(
    engine: Engine,
    path: Path,
    source: SourceInfo,
    prepared: Prepared,
    *,
    user: str | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Store a prepared document as the current version of ``source``, in one transaction:
    the same bytes again are a no-op; changed bytes become a new version."""
    digest = hashlib.sha256(prepared.data).hexdigest()
    actor = user or f"cli:{getpass.getuser()}"
    shown_mapping: dict[str, str] = prepared.meta.get("columns", {})
    drafts = prepared.drafts
    try:
        with engine.begin() as conn:
            lock_for_writing(conn)
            source_id = _ensure_source(conn, source)
            existing = conn.execute(
                select(s.document.c.id, s.document.c.version, s.document.c.row_count).where(
                    s.document.c.source_id == source_id, s.document.c.sha256 == digest
                )
            ).first()
            if existing is not None:
                return ImportResult(
                    source.key,
                    existing.id,
                    existing.version,
                    existing.row_count,
                    True,
                    prepared.encoding,
                    shown_mapping,
                    prepared.meta.get("profile"),
                    tuple(prepared.meta.get("warnings", ())),
                )
            previous = conn.execute(
                select(s.document.c.id).where(
                    s.document.c.source_id == source_id, s.document.c.is_current.is_(True)
                )
            ).scalar_one_or_none()
            version = 1 + (
                conn.execute(
                    select(func.max(s.document.c.version)).where(
                        s.document.c.source_id == source_id
                    )
                ).scalar()
                or 0
            )
            conn.execute(
                update(s.document)
                .where(s.document.c.source_id == source_id)
                .values(is_current=False)
            )
            document_id = conn.execute(
                s.document.insert().returning(s.document.c.id),
                {
                    "source_id": source_id,
                    "filename": path.name,
                    "sha256": digest,
                    "version": version,
                    "is_current": True,
                    "format": path.suffix.lstrip(".").lower(),
                    "encoding": prepared.encoding,
                    "encoding_detected": prepared.encoding_detected,
                    "mapping": json.dumps(prepared.meta, ensure_ascii=False),
                    "row_count": len(drafts),
                    "imported_at": datetime.now(UTC),
                    "imported_by": actor,
                    "text": prepared.text,
                },
            ).scalar_one()
            _store(conn, drafts, document_id, source_id, progress)
            if prepared.after:
                prepared.after(conn, document_id)
            if prepared.figures:
                conn.execute(
                    s.figure.insert(), [{**f, "document_id": document_id} for f in prepared.figures]
                )
            changed, before = _persons_for(conn, document_id, previous)
            log_event(
                conn, actor, "import",
                f"{path.name} imported as version {version} of {source.key}: {len(drafts):,} "
                "records",
                {"document_id": document_id, "previous_document_id": previous,
                 "source_key": source.key, "version": version, "sha256": digest,
                 "persons": before},
                changed,
            )  # fmt: skip
    except IntegrityError as exc:
        raise StorageError(f"{path.name}: the database refused the import: {exc.orig}") from exc
    except DBAPIError as exc:
        raise storage_error(exc, f"the import of {path.name}") from exc
    return ImportResult(
        source.key,
        document_id,
        version,
        len(drafts),
        False,
        prepared.encoding,
        shown_mapping,
        prepared.meta.get("profile"),
        tuple(prepared.meta.get("warnings", ())),
    )
