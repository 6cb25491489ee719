"""The database schema (SQLAlchemy Core), after docs/architecture.md.

Dates are ISO-like *text* (``1914``, ``1914-02``, ``1914-02-29``) with a precision column,
because sources state dates that no calendar type accepts. Verbatim values are JSON text
(every cell exactly as read); normalized values sit in their own columns beside them.
Migrations under ``store/migrations`` create exactly this (a test compares the two).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    true,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

source = Table(
    "source",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True, comment="short handle, e.g. chokay-5"),
    Column("title", Text, nullable=False),
    Column("citation", Text, nullable=False, comment="archive, fond, file, sheet or publication"),
    Column("kind", String(20), nullable=False, comment="list, register, file, text"),
    Column("languages", String(100), nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

document = Table(
    "document",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("source.id", ondelete="RESTRICT"), nullable=False),
    Column("filename", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("format", String(10), nullable=False, comment="csv, tsv, xlsx, ods, txt, …"),
    Column("encoding", String(40), nullable=True, comment="as detected or given; null for xlsx"),
    Column("encoding_detected", Boolean, nullable=False, server_default=true()),
    Column("mapping", Text, nullable=False, comment="JSON: column header -> field"),
    Column("row_count", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("text", Text, nullable=True, comment="a text's content as decoded"),
    UniqueConstraint("source_id", "sha256"),
    UniqueConstraint("source_id", "version"),
)

record = Table(
    "record",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    Column("source_id", ForeignKey("source.id", ondelete="RESTRICT"), nullable=False),
    Column("entry_id", String(200), nullable=False, comment="the list's own id/№, or row number"),
    Column("sheet", String(200), nullable=True),
    Column("row_number", Integer, nullable=False, comment="1-based, header row counted"),
    Column("location", Text, nullable=False, comment="human-readable place in the document"),
    Column("verbatim", Text, nullable=False, comment="JSON object: header -> cell, as read"),
    Column("full_name", Text, nullable=False, comment="the name as written (joined if split)"),
    Column("surname", Text, nullable=False, server_default=""),
    Column("given_name", Text, nullable=False, server_default=""),
    Column("patronymic", Text, nullable=False, server_default=""),
    Column("initials", String(40), nullable=False, server_default=""),
    Column("gender", String(1), nullable=False, server_default=""),
    Column("surname_canon", Text, nullable=False, server_default=""),
    Column("given_canon", Text, nullable=False, server_default=""),
    Column("surname_key", String(60), nullable=False, server_default=""),
    Column("birth_year", Integer, nullable=True),
    Column("birth_date", String(10), nullable=True),
    Column("birth_place", Text, nullable=True),
    Column("normalized", Text, nullable=False, comment="JSON of all normalized fields"),
    UniqueConstraint("document_id", "row_number", "sheet"),
    Index("ix_record_surname_key_birth_year", "surname_key", "birth_year"),
    Index("ix_record_source_entry", "source_id", "entry_id"),
    # the records of a list in id order: related persons, a row's page on its source's page
    Index("ix_record_document_id", "document_id", "id"),
    # a search's surname agreement from the indexes alone (search._candidates)
    Index("ix_record_surname_canon_id", "surname_canon", "id"),
    Index("ix_record_surname_key_id", "surname_key", "id"),
)

name_key = Table(
    "name_key",
    metadata,
    Column("record_id", ForeignKey("record.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(80), primary_key=True, comment="canonical form or skeleton of a word"),
    Index("ix_name_key_key_record", "key", "record_id"),  # a key's records, index only
)

claim = Table(
    "claim",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("record_id", ForeignKey("record.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(40), nullable=False, comment="birth, rank, camp, arrest, …"),
    Column("value", Text, nullable=False, comment="as written"),
    Column("value_norm", Text, nullable=True),
    Column("date_start", String(10), nullable=True),
    Column("date_end", String(10), nullable=True),
    Column("date_precision", String(10), nullable=True),
    Column("place", Text, nullable=True),
    Column("note", Text, nullable=True, comment="anything odd about the statement"),
    Column("field", String(100), nullable=False, comment="the column the claim was read from"),
)
# who else was in this camp or unit: the value's head only (a btree entry has a size limit and a
# value is stored as written, of any length); the query compares the whole value too
CLAIM_VALUE_HEAD = 200
Index("ix_claim_kind_value_head", claim.c.kind, func.substr(claim.c.value, 1, CLAIM_VALUE_HEAD))

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(40), nullable=False, unique=True, comment="stable public id"),
    Column("label", Text, nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
    Column(
        "merged_into_id",
        ForeignKey("person.id", ondelete="SET NULL"),
        nullable=True,
        comment="set when re-linking folded this person into another: its URL redirects",
        index=True,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

person_record = Table(
    "person_record",
    metadata,
    Column("record_id", ForeignKey("record.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
)

link_run = Table(
    "link_run",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("engine", String(40), nullable=False),
    Column("model", Text, nullable=False, comment="model name and version"),
    Column("threshold", Float, nullable=False),
    Column("pair_count", Integer, nullable=False, server_default="0"),
    Column("person_count", Integer, nullable=False, server_default="0"),
)

candidate_pair = Table(
    "candidate_pair",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("link_run.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("left_record_id", ForeignKey("record.id", ondelete="CASCADE"), nullable=False),
    Column("right_record_id", ForeignKey("record.id", ondelete="CASCADE"), nullable=False),
    Column("match_probability", Float, nullable=False),
    Column("match_weight", Float, nullable=False),
    Column("is_match", Boolean, nullable=False),
    Column("evidence", Text, nullable=False, server_default="{}", comment="JSON waterfall"),
    Index("ix_candidate_pair_records", "left_record_id", "right_record_id"),
    Index("ix_candidate_pair_right_record_id", "right_record_id"),
)

judgement = Table(
    "judgement",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("left_record_id", ForeignKey("record.id", ondelete="CASCADE"), nullable=False),
    Column("right_record_id", ForeignKey("record.id", ondelete="CASCADE"), nullable=False),
    Column("verdict", String(10), nullable=False, comment="same, not_same, unsure"),
    Column("author", String(200), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("undone_at", DateTime(timezone=True), nullable=True),
    Index("ix_judgement_records", "left_record_id", "right_record_id"),
    Index("ix_judgement_right_record_id", "right_record_id"),
)

place = Table(
    "place",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False, comment="camp, town, oblast, raion, country"),
    Column("names", Text, nullable=False, comment="JSON: language/era -> names"),
    Column("latitude", Float, nullable=True),
    Column("longitude", Float, nullable=True),
)

unit = Table(
    "unit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False, comment="maquis group, detachment, stalag, …"),
    Column("names", Text, nullable=False, comment="JSON list of names as written"),
)

figure = Table(
    "figure",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    Column("value", Float, nullable=False),
    Column("counts", Text, nullable=False, comment="what the number counts"),
    Column("text", Text, nullable=False, comment="the statement as written"),
    Column("start", Integer, nullable=True),
    Column("end", Integer, nullable=True),
)

# --- accounts: who may change things (never in the open dump, never shown publicly) ---

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("email", String(320), nullable=False, server_default="", comment="private"),
    Column("note", Text, nullable=False, server_default="", comment="private, for admins"),
    Column("password_hash", Text, nullable=False, comment="argon2id"),
    Column("role", String(10), nullable=False, comment="editor or admin"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled_at", DateTime(timezone=True), nullable=True),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False, comment="what the script is for"),
    Column("prefix", String(12), nullable=False, comment="first characters, to recognize it"),
    Column("token_hash", String(64), nullable=False, unique=True, comment="sha256 of the token"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

web_session = Table(
    "web_session",
    metadata,
    Column("id", String(64), primary_key=True, comment="sha256 of the session cookie"),
    Column("user_id", ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

login_attempt = Table(
    "login_attempt",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_login_attempt_address_at", "address", "at"),
)

# --- the audit log: append-only (database triggers refuse UPDATE and DELETE) ---

audit_event = Table(
    "audit_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False, comment="username, or cli:<login>"),
    Column("action", String(40), nullable=False, comment="import, link, judge, merge, …"),
    Column("summary", Text, nullable=False, comment="what happened, in words"),
    Column("detail", Text, nullable=False, server_default="{}", comment="JSON: ids to revert"),
    Column(
        "reverts_id",
        ForeignKey("audit_event.id", ondelete="RESTRICT"),
        nullable=True,
        index=True,
        comment="the event this one reverted",
    ),
)

audit_person = Table(
    "audit_person",
    metadata,
    Column("event_id", ForeignKey("audit_event.id", ondelete="RESTRICT"), primary_key=True),
    Column("person_uid", String(40), primary_key=True, comment="a person the event changed"),
    Index("ix_audit_person_person_uid", "person_uid"),
)

# Scanned documents (tagdyr.scans): each page's image as read (upright, straight, evened), its
# static IIIF tiles, and the corrections editors made to the machine's reading.
scan_page = Table(
    "scan_page",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    Column("page", Integer, nullable=False, comment="1-based"),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("dpi", Integer, nullable=False),
    Column("image", Text, nullable=False, comment="base64 PNG: what the boxes refer to"),
    Column("reading", Text, nullable=False, comment="JSON: rotation, skew, language, method"),
    UniqueConstraint("document_id", "page"),
)

scan_tile = Table(
    "scan_tile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("page_id", ForeignKey("scan_page.id", ondelete="CASCADE"), nullable=False),
    Column("path", String(200), nullable=False, comment="IIIF Image API path, e.g. full/max/0/…"),
    Column("data", Text, nullable=False, comment="base64 JPEG"),
    UniqueConstraint("page_id", "path"),
)

scan_correction = Table(
    "scan_correction",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    Column("page", Integer, nullable=False),
    Column("row", Integer, nullable=False, comment="0-based row of the page's table"),
    Column("col", Integer, nullable=False, comment="0-based column"),
    Column("machine", Text, nullable=False, comment="the cell as Tesseract read it"),
    Column("value", Text, nullable=False, comment="the cell as the editor keyed it"),
    Column("author", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_scan_correction_document_id", "document_id"),
)
