"""Name search in any script: "Жұманиязов", "Joumaniazov", "Dschumanijasow", "Ж. Саин".

The query is parsed by the names engine; every word's canonical form and skeletons are looked
up in the ``name_key`` index; candidates are ranked by the names engine's calibrated score, and
the best record of each person explains the hit ("found as Djoumaniazov in the Toulouse list").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from tagdyr.names import canonical, clean, parse, skeletons
from tagdyr.names.parse import Order
from tagdyr.names.similarity import compare
from tagdyr.store import schema as s

_MAX_CANDIDATES = 5000


@dataclass(frozen=True, slots=True)
class Hit:
    person_uid: str | None
    label: str
    score: float
    found_as: str
    source_title: str
    record_id: int
    birth_year: int | None


def _query_keys(query: str) -> set[str]:
    """Index keys of the query's name words (initials are matched by scoring, not looked up)."""
    parsed = parse(clean(query), Order.UNKNOWN)
    keys: set[str] = set()
    for word in (parsed.surname, *parsed.given, parsed.patronymic, *parsed.extra):
        for part in word.split():
            keys.update(k for k in (canonical(part), *skeletons(part)) if k)
    return keys


def score_name(query: str, written: str, given_name: str = "") -> float:
    """How well a written name answers a query, by the names engine's own score. A one-word
    query may be a surname or a given name, so it is also tried against the given name."""
    score = compare(query, written).score
    if given_name and len(clean(query).split()) == 1:
        score = max(score, compare(query, given_name).score)
    return score


def search(conn: Connection, query: str, *, limit: int = 50) -> list[Hit]:
    """Persons (or unlinked records) whose names answer ``query``, best first."""
    keys = _query_keys(query)
    if not keys:
        return []
    candidate_ids = select(s.name_key.c.record_id).where(s.name_key.c.key.in_(keys)).distinct()
    rows = conn.execute(
        select(s.record.c.id, s.record.c.full_name, s.record.c.given_name, s.record.c.birth_year,
               s.source.c.title, s.person.c.uid, s.person.c.label)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .outerjoin(s.person_record, s.person_record.c.record_id == s.record.c.id)
        .outerjoin(s.person, s.person.c.id == s.person_record.c.person_id)
        .where(s.record.c.id.in_(candidate_ids), s.document.c.is_current.is_(True))
        .limit(_MAX_CANDIDATES)
    ).all()  # fmt: skip
    best: dict[str, Hit] = {}
    for row in rows:
        score = score_name(query, row.full_name, row.given_name)
        if score < 0.5:
            continue
        group = row.uid or f"record-{row.id}"
        hit = Hit(
            row.uid,
            row.label or row.full_name,
            round(score, 3),
            row.full_name,
            row.title,
            row.id,
            row.birth_year,
        )
        if group not in best or hit.score > best[group].score:
            best[group] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.label))[:limit]
