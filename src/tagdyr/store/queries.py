"""Read-side queries: sources, records, person dossiers.

Plain dataclasses out, so the CLI and the web app render the same facts the same way.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, or_, select

from tagdyr.errors import NotFoundError
from tagdyr.store import schema as s
from tagdyr.store.schema import CLAIM_VALUE_HEAD


@dataclass(frozen=True, slots=True)
class SourceSummary:
    id: int
    key: str
    title: str
    citation: str
    kind: str
    languages: str
    documents: int
    records: int


@dataclass(frozen=True, slots=True)
class RecordView:
    id: int
    source_key: str
    source_title: str
    citation: str
    location: str
    entry_id: str
    full_name: str
    birth_year: int | None
    verbatim: dict[str, str]
    row_citation: str | None
    person_uid: str | None
    surname: str = ""  # the name as parsed
    given_name: str = ""
    patronymic: str = ""
    gender: str = ""  # "m", "f" or "" (unknown)
    person_version: int | None = None  # for optimistic locking of review decisions
    provenance: dict[str, str] = field(default_factory=dict)  # the row's archival reference
    from_scan: bool = False  # a row of a scanned list: its crop is at /scans/crop/<id>.png
    struck: bool = False  # a scanned row crossed out on the page (a clerk's deletion)
    row_number: int | None = None  # 1-based, header counted (the anchor on the source page)
    person_label: str = ""

    @property
    def archival_citation(self) -> str:
        """The row's own archival reference as cited ("ЦАМО, ф. 58, оп. 18003, д. 1412")."""
        return self.provenance.get("citation", "")

    @property
    def page(self) -> str:
        """Where in its source the record stands, as an export cites it: its archival reference
        when the row gives one, then its place in the imported file."""
        cited = self.archival_citation
        return f"{cited}; {self.location}" if cited else self.location


@dataclass(frozen=True, slots=True)
class ClaimView:
    kind: str
    value: str
    date_start: str | None
    date_end: str | None
    precision: str | None
    place: str | None
    note: str | None
    record_id: int
    source_key: str
    source_title: str
    citation: str
    location: str
    id: int = 0  # the claim's number in the database (its URI in exports)
    value_norm: str | None = None


@dataclass(slots=True)
class Dossier:
    uid: str
    label: str
    records: list[RecordView]
    claims: list[ClaimView]
    names: list[str] = field(default_factory=list)
    version: int = 0  # the person's version when read (optimistic locking of merge/split)

    @property
    def timeline(self) -> list[ClaimView]:
        """Dated claims in date order; a year-only date comes after the precise dates of its
        year ("died 1950" after "arrested 24.01.1950")."""
        dated = [c for c in self.claims if c.date_start]
        return sorted(dated, key=lambda c: (_sort_key(c.date_start or ""), c.kind))

    @property
    def facts(self) -> dict[str, list[ClaimView]]:
        """Undated claims (rank, residence, nationality, camp, …) grouped by kind."""
        grouped: dict[str, list[ClaimView]] = {}
        for claim in self.claims:
            if not claim.date_start:
                grouped.setdefault(claim.kind, []).append(claim)
        return grouped

    @property
    def conflicts(self) -> dict[str, list[ClaimView]]:
        """Claim kinds on which the records disagree (different dates or values)."""
        by_kind: dict[str, list[ClaimView]] = {}
        for claim in self.claims:
            by_kind.setdefault(claim.kind, []).append(claim)
        result = {}
        for kind, claims in by_kind.items():
            dates = {c.date_start for c in claims if c.date_start}
            if len(dates) > 1 and not _nested(dates):
                result[kind] = claims
        return result


def _sort_key(iso: str) -> str:
    return iso + "-99-99"[len(iso) - 4 :] if len(iso) < 10 else iso


def _nested(dates: set[str]) -> bool:
    """True if every date is a prefix of the most precise one ("1914" and "1914-02-29")."""
    longest = max(dates, key=len)
    return all(longest.startswith(d) for d in dates)


def list_sources(conn: Connection) -> list[SourceSummary]:
    documents = (
        select(s.document.c.source_id, func.count().label("n"))
        .group_by(s.document.c.source_id).subquery()
    )  # fmt: skip
    records = (
        select(s.record.c.source_id, func.count().label("n"))
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .where(s.document.c.is_current.is_(True))
        .group_by(s.record.c.source_id).subquery()
    )  # fmt: skip
    query = (
        select(s.source, func.coalesce(documents.c.n, 0).label("documents"),
               func.coalesce(records.c.n, 0).label("records"))
        .outerjoin(documents, documents.c.source_id == s.source.c.id)
        .outerjoin(records, records.c.source_id == s.source.c.id)
        .order_by(s.source.c.key)
    )  # fmt: skip
    return [
        SourceSummary(r.id, r.key, r.title, r.citation, r.kind, r.languages, r.documents, r.records)
        for r in conn.execute(query)
    ]


def get_source(conn: Connection, key: str) -> SourceSummary:
    for summary in list_sources(conn):
        if summary.key == key:
            return summary
    raise NotFoundError(f"no source with key {key!r}; `tagdyr sources` lists them")


def headers_as_written(conn: Connection, source_id: int) -> dict[str, str]:
    """The headers of the source's current document that the file writes otherwise than
    records are keyed by ("Фамилия " for "Фамилия"): header -> as written."""
    stored = conn.execute(
        select(s.document.c.mapping).where(
            s.document.c.source_id == source_id, s.document.c.is_current.is_(True)
        )
    ).scalar()
    found: dict[str, str] = {}
    for sheet in json.loads(stored or "{}").get("headers", []):
        pairs = zip(sheet["header"], sheet["as_written"], strict=True)
        for i, (header, written) in enumerate(pairs):
            if written != header:  # keyed as the importer keys cells (records.build_record)
                found.setdefault(header or f"column {i + 1}", written)
    return found


def _record_query() -> Any:
    return (
        select(s.record, s.source.c.key.label("source_key"), s.source.c.title,
               s.source.c.citation, s.person.c.uid, s.person.c.version.label("pversion"),
               s.person.c.label.label("plabel"))
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .outerjoin(s.person_record, s.person_record.c.record_id == s.record.c.id)
        .outerjoin(s.person, s.person.c.id == s.person_record.c.person_id)
    )  # fmt: skip


def _record_view(row: Any) -> RecordView:
    normalized = json.loads(row.normalized)
    return RecordView(
        id=row.id, source_key=row.source_key, source_title=row.title, citation=row.citation,
        location=row.location, entry_id=row.entry_id, full_name=row.full_name,
        birth_year=row.birth_year, verbatim=json.loads(row.verbatim),
        row_citation=normalized.get("citation"), person_uid=row.uid, surname=row.surname,
        given_name=row.given_name, patronymic=row.patronymic, gender=row.gender,
        person_version=row.pversion, provenance=normalized.get("provenance") or {},
        from_scan="scan" in normalized,
        struck=bool(normalized.get("scan", {}).get("struck")),
        row_number=row.row_number, person_label=row.plabel or "",
    )  # fmt: skip


def list_records(
    conn: Connection, *, source_key: str | None = None, limit: int = 50, offset: int = 0
) -> list[RecordView]:
    """A page of records in (source, id) order, of one source's current version or of all.
    The page's ids are found first (for one source in its (document, id) index alone), then
    only they are read with their persons: a page deep in a list of 100,000 entries skips
    index entries, not rows and joins."""
    order = (s.record.c.source_id, s.record.c.id)
    page = select(s.record.c.id)
    if source_key:
        current = conn.execute(
            select(s.document.c.id)
            .join(s.source, s.source.c.id == s.document.c.source_id)
            .where(s.source.c.key == source_key, s.document.c.is_current.is_(True))
        ).scalars().all()  # fmt: skip
        page = page.where(s.record.c.document_id.in_(current))
        order = (s.record.c.document_id, s.record.c.id)  # one source: the index's order
    else:
        page = page.join(s.document, s.document.c.id == s.record.c.document_id).where(
            s.document.c.is_current.is_(True)
        )
    ids = list(conn.execute(page.order_by(*order).limit(limit).offset(offset)).scalars())
    rows = conn.execute(_record_query().where(s.record.c.id.in_(ids)).order_by(*order))
    return [_record_view(r) for r in rows]


def get_records(conn: Connection, record_ids: list[int]) -> list[RecordView]:
    rows = conn.execute(_record_query().where(s.record.c.id.in_(record_ids)))
    return [_record_view(r) for r in rows]


def resolve_person(conn: Connection, ident: str) -> tuple[int, str]:
    """(id, uid) of a person given its uid or number, following merges to the living person."""
    condition = s.person.c.uid == ident
    if ident.isdigit() and int(ident) < 2**31:  # a uid may be all digits, beyond 32 bits
        condition = or_(condition, s.person.c.id == int(ident))
    row = conn.execute(
        select(s.person.c.id, s.person.c.uid, s.person.c.merged_into_id).where(condition)
    ).first()
    seen = set()
    while row is not None and row.merged_into_id is not None and row.id not in seen:
        seen.add(row.id)
        row = conn.execute(
            select(s.person.c.id, s.person.c.uid, s.person.c.merged_into_id).where(
                s.person.c.id == row.merged_into_id
            )
        ).first()
    if row is None:
        raise NotFoundError(f"no person {ident!r} (person ids are shown by search)")
    return row.id, row.uid


def merged_into(conn: Connection, uid: str) -> list[str]:
    """The uids of persons folded (directly or not) into the person ``uid``."""
    person = s.person
    frontier = [conn.execute(select(person.c.id).where(person.c.uid == uid)).scalar_one()]
    found: list[str] = []
    seen: set[int] = set(frontier)
    while frontier:
        rows = conn.execute(
            select(person.c.id, person.c.uid).where(person.c.merged_into_id.in_(frontier))
        ).all()
        frontier = [r.id for r in rows if r.id not in seen]
        seen.update(frontier)
        found.extend(r.uid for r in rows)
    return found


def get_dossier(conn: Connection, ident: str) -> Dossier:
    person_id, uid = resolve_person(conn, ident)
    label, version = conn.execute(
        select(s.person.c.label, s.person.c.version).where(s.person.c.id == person_id)
    ).one()
    record_ids = list(
        conn.execute(
            select(s.person_record.c.record_id).where(s.person_record.c.person_id == person_id)
        ).scalars()
    )
    records = sorted(get_records(conn, record_ids), key=lambda r: (r.source_key, r.id))
    claim_rows = conn.execute(
        select(s.claim, s.source.c.key, s.source.c.title, s.source.c.citation, s.record.c.location)
        .join(s.record, s.record.c.id == s.claim.c.record_id)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .where(s.claim.c.record_id.in_(record_ids))
        .order_by(s.claim.c.id)
    )  # fmt: skip
    claims = [
        ClaimView(kind=r.kind, value=r.value, date_start=r.date_start, date_end=r.date_end,
                  precision=r.date_precision, place=r.place, note=r.note, record_id=r.record_id,
                  source_key=r.key, source_title=r.title, citation=r.citation,
                  location=r.location, id=r.id, value_norm=r.value_norm)
        for r in claim_rows
    ]  # fmt: skip
    names = list(dict.fromkeys(r.full_name for r in records if r.full_name))
    return Dossier(uid=uid, label=label, records=records, claims=claims, names=names,
                   version=version)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Related:
    """Other persons who share something with a person: a list, a camp, a unit."""

    why: str  # "list", "camp" or "unit"
    what: str  # the list's title, the camp or the unit as written
    persons: list[tuple[str, str]]  # (uid, label), at most the limit
    total: int


_SAMPLE = 200  # records of one list, camp or unit the shown persons are taken from
_COUNTS_KEPT = 60.0  # seconds a count of a list's persons is reused (see _OwnerCounts)


class _OwnerCounts:
    """How many persons own the records of a list, camp or unit: counting 100,000 owners
    costs a dossier more than everything else it shows, and the number changes only with a
    change to persons, each of which appends an audit event. A count is reused while the
    newest event is the one it was counted after, for at most ``_COUNTS_KEPT`` seconds
    (events of concurrent writers may commit out of id order; the age bounds that)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.kept: dict[tuple[object, ...], tuple[int, float, int]] = {}

    def get(self, conn: Connection, key: tuple[object, ...], count: Any) -> int:
        stamp = int(conn.execute(select(func.coalesce(func.max(s.audit_event.c.id), 0)))
                    .scalar_one())  # fmt: skip
        now = time.monotonic()
        found = self.kept.get(key)
        if found is not None and found[0] == stamp and now - found[1] < _COUNTS_KEPT:
            return found[2]
        value = int(conn.execute(count).scalar_one())
        if len(self.kept) >= self.size:
            self.kept.clear()
        self.kept[key] = (stamp, now, value)
        return value


_OWNER_COUNTS = _OwnerCounts()


def _persons_of_records(
    conn: Connection, records: Any, exclude: int, limit: int, key: tuple[object, ...]
) -> tuple[list[tuple[str, str]], int]:
    """(uid, label) of up to ``limit`` persons owning ``records`` (a select of record ids),
    but ``exclude`` (who owns one of them), taken from its first records; and how many other
    persons own them all. A list of 100,000 entries costs an index scan of 200 entries, its
    count is reused (``key`` names the list, camp or unit for that)."""
    record_id = records.selected_columns[0]
    sample = records.order_by(record_id).limit(_SAMPLE).scalar_subquery()
    owners = (
        select(s.person.c.uid, s.person.c.label)
        .join(s.person_record, s.person_record.c.person_id == s.person.c.id)
        .where(s.person_record.c.record_id.in_(sample), s.person.c.id != exclude)
        .distinct()
    )
    rows = conn.execute(owners.order_by(s.person.c.label).limit(limit)).all()
    everyone = select(func.count(func.distinct(s.person_record.c.person_id))).where(
        s.person_record.c.record_id.in_(records)
    )
    return [(r.uid, r.label) for r in rows], _OWNER_COUNTS.get(conn, key, everyone) - 1


def related_persons(conn: Connection, dossier: Dossier, limit: int = 12) -> list[Related]:
    """Persons on the same lists (documents of list sources), in the same camps and units."""
    person_id, _ = resolve_person(conn, dossier.uid)
    record_ids = [r.id for r in dossier.records]
    related: list[Related] = []
    documents = conn.execute(
        select(s.document.c.id, s.source.c.title)
        .join(s.source, s.source.c.id == s.document.c.source_id)
        .join(s.record, s.record.c.document_id == s.document.c.id)
        .where(s.record.c.id.in_(record_ids), s.source.c.kind == "list")
        .distinct()
    ).all()
    for document_id, title in documents:
        records = select(s.record.c.id).where(s.record.c.document_id == document_id)
        persons, total = _persons_of_records(conn, records, person_id, limit, ("list", document_id))
        if persons:
            related.append(Related("list", title, persons, total))
    for kind in ("camp", "unit"):
        values = {c.value for c in dossier.claims if c.kind == kind}
        for value in sorted(values):
            records = select(s.claim.c.record_id).where(
                s.claim.c.kind == kind,
                func.substr(s.claim.c.value, 1, CLAIM_VALUE_HEAD) == value[:CLAIM_VALUE_HEAD],
                s.claim.c.value == value,
            )
            persons, total = _persons_of_records(conn, records, person_id, limit, (kind, value))
            if persons:
                related.append(Related(kind, value, persons, total))
    return related


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a text: plain, or a person mention linked to its record and person."""

    text: str
    record_id: int | None = None
    person_uid: str | None = None


def text_segments(conn: Connection, source_key: str) -> list[Segment]:
    """The current text of a text source cut at its mentions; empty for lists."""
    document = conn.execute(
        select(s.document.c.id, s.document.c.text)
        .join(s.source, s.source.c.id == s.document.c.source_id)
        .where(s.source.c.key == source_key, s.document.c.is_current.is_(True))
    ).first()
    if document is None or document.text is None:
        return []
    rows = conn.execute(
        _record_query().where(s.record.c.document_id == document.id).order_by(s.record.c.id)
    ).all()
    spans = sorted(
        (json.loads(r.normalized).get("span"), r.id, r.uid) for r in rows
    )  # fmt: skip
    segments: list[Segment] = []
    at = 0
    for span, record_id, uid in spans:
        if not span or span[0] < at:
            continue
        start, end = span
        if start > at:
            segments.append(Segment(document.text[at:start]))
        segments.append(Segment(document.text[start:end], record_id, uid))
        at = end
    segments.append(Segment(document.text[at:]))
    return segments
