"""Which persons an export holds: named persons, or everyone a search with filters finds
(the whole database when nothing is given). A selection by source keeps the list's own order."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, select

from tagdyr.errors import NotFoundError
from tagdyr.i18n import translate
from tagdyr.search import Filters, persons_matching
from tagdyr.store import schema as s
from tagdyr.store.queries import get_source, resolve_person
from tagdyr.vocab.gazetteer import label


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


def title_of(conn: Connection, selection: Selection, lang: str) -> str:
    """A title for a collection of the selection: the source's title for one source, the
    persons' names for persons named by id (a few; "…" for more), else the selection in
    words in ``lang``."""
    if selection.filters.source and not selection.query and not selection.persons:
        return get_source(conn, selection.filters.source).title
    if selection.persons and not selection.query.strip():
        return _named(conn, selection.persons) or described(conn, selection, lang)
    return described(conn, selection, lang)


def _named(conn: Connection, persons: tuple[str, ...]) -> str:
    """The names of a few selected persons ("…" for more); "" when none is found."""
    uids = selected_uids(conn, Selection(persons=persons))
    names = conn.execute(
        select(s.person.c.uid, s.person.c.label).where(s.person.c.uid.in_(uids[:_NAMED]))
    ).all()
    label = dict(names)
    shown = "; ".join(label[uid] for uid in uids[:_NAMED] if uid in label)
    return shown + ("; …" if len(uids) > _NAMED else "") if shown else ""


_NAMED = 3  # persons a collection's title names


def require_some(uids: list[str], selection: Selection) -> list[str]:
    if not uids:
        raise NotFoundError(f"nobody is selected ({selection.describe()}); nothing to export")
    return uids


# a search filter's word in a selection said in words: the search page's own
_FILTER_WORDS = {"born_from": "facet_born_from", "born_to": "facet_born_to",
                 "source": "facet_source", "camp": "facet_camp", "fate": "facet_fate",
                 "place": "facet_place", "unit": "facet_unit"}  # fmt: skip


def described(conn: Connection, selection: Selection, lang: str) -> str:
    """A selection in the interface language, for a collection's introduction: persons by
    name, filters by their names ("Лагерь: Мюзен"), not by ids and keys."""
    persons = selection.persons
    parts = [_named(conn, persons) or ", ".join(persons)] if persons else []
    if selection.query.strip():
        parts.append(f"{translate('selection_name', lang)}: {selection.query.strip()}")
    for name, value in asdict(selection.filters).items():
        if value not in (None, ""):
            shown = label(str(value), lang) if name in ("place", "camp") else value
            shown = get_source(conn, str(value)).title if name == "source" else shown
            parts.append(f"{translate(_FILTER_WORDS[name], lang)}: {shown}")
    return "; ".join(parts) or translate("selection_everyone", lang)
