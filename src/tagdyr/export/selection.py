"""Which persons an export holds: named persons, or everyone a search with filters finds
(the whole database when nothing is given). A selection by source keeps the list's own order."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, select

from tagdyr.errors import NotFoundError
from tagdyr.search import Filters, persons_matching
from tagdyr.store import schema as s
from tagdyr.store.queries import get_source, resolve_person


@dataclass(frozen=True)
class Selection:
    query: str = ""
    filters: Filters = field(default_factory=Filters)
    persons: tuple[str, ...] = ()  # uids (or numbers); when given, exactly these

    def describe(self) -> str:
        """The selection in words, for the collection's introduction and file names."""
        parts = [
            f"{k.replace('_', ' ')}: {v}"
            for k, v in asdict(self.filters).items()
            if v not in (None, "")
        ]
        if self.query.strip():
            parts.insert(0, f"name: {self.query.strip()}")
        if self.persons:
            parts.insert(0, f"persons: {', '.join(self.persons)}")
        return "; ".join(parts) or "all persons"


def selected_uids(conn: Connection, selection: Selection) -> list[str]:
    """The persons of ``selection``; by a list's order when it selects one source."""
    if selection.persons:
        return list(dict.fromkeys(resolve_person(conn, p)[1] for p in selection.persons))
    if selection.filters.source:
        get_source(conn, selection.filters.source)  # a clear error for an unknown key
    uids = persons_matching(conn, selection.query, selection.filters)
    if selection.filters.source and not selection.query.strip():
        uids = _in_source_order(conn, selection.filters.source, set(uids))
    return uids


def _in_source_order(conn: Connection, key: str, wanted: set[str]) -> list[str]:
    rows = conn.execute(
        select(s.person.c.uid)
        .join(s.person_record, s.person_record.c.person_id == s.person.c.id)
        .join(s.record, s.record.c.id == s.person_record.c.record_id)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .where(s.source.c.key == key, s.document.c.is_current.is_(True))
        .order_by(s.record.c.sheet, s.record.c.row_number)
    ).scalars()
    return [uid for uid in dict.fromkeys(rows) if uid in wanted]


def title_of(conn: Connection, selection: Selection) -> str:
    """A title for a collection of the selection: the source's title for one source, the
    persons' names for persons named by id (a few; "…" for more)."""
    if selection.filters.source and not selection.query and not selection.persons:
        return get_source(conn, selection.filters.source).title
    if selection.persons and not selection.query.strip():
        uids = selected_uids(conn, selection)
        names = conn.execute(
            select(s.person.c.uid, s.person.c.label).where(s.person.c.uid.in_(uids[:_NAMED]))
        ).all()
        label = dict(names)
        shown = "; ".join(label[uid] for uid in uids[:_NAMED] if uid in label)
        return shown + ("; …" if len(uids) > _NAMED else "") if shown else selection.describe()
    return selection.describe()


_NAMED = 3  # persons a collection's title names


def require_some(uids: list[str], selection: Selection) -> list[str]:
    if not uids:
        raise NotFoundError(f"nobody is selected ({selection.describe()}); nothing to export")
    return uids
