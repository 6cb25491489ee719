"""Counts of persons for the statistics page and the overview map.

Every count is of persons (clusters of records), not of records: a man listed in three camps'
lists counts once per camp, a man named by four sources counts once. Places are resolved
through the gazetteer; texts it does not know are counted as "not identified", never dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from tagdyr.maps.points import place_texts
from tagdyr.maps.svg import MapPoint
from tagdyr.store import schema as s
from tagdyr.vocab.claims import homeland_kinds, place_value_kinds
from tagdyr.vocab.gazetteer import label, places, resolve

UNIDENTIFIED = ""  # the key of places the gazetteer does not know


@dataclass(frozen=True, slots=True)
class Statistics:
    persons: int
    by_camp: list[tuple[str, int]]  # camp (its gazetteer name, or as written), persons
    by_fate: list[tuple[str, int]]
    by_birth_decade: list[tuple[int, int]]
    by_oblast: list[tuple[str, int]]  # oblast name ("" = not identified), persons
    points: list[MapPoint]  # camps, towns and oblasts with the persons they concern
    figures: list[Figure]  # numbers the sources themselves state
    place_keys: dict[str, str]  # a label of by_camp or by_oblast -> its gazetteer key


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    counts: str  # what the number counts
    text: str  # the statement as written
    source_key: str
    source_title: str
    citation: str


def _figures(conn: Connection) -> list[Figure]:
    rows = conn.execute(
        select(s.figure.c.value, s.figure.c.counts, s.figure.c.text, s.source.c.key,
               s.source.c.title, s.source.c.citation)
        .join(s.document, s.document.c.id == s.figure.c.document_id)
        .join(s.source, s.source.c.id == s.document.c.source_id)
        .order_by(s.figure.c.counts, s.figure.c.value)
    )  # fmt: skip
    return [Figure(*row) for row in rows]


def _persons(conn: Connection) -> int:
    living = s.person.c.merged_into_id.is_(None)
    return int(conn.execute(select(func.count()).select_from(s.person).where(living)).scalar_one())


def _claim_counts(conn: Connection, kind: str, column: str = "value") -> list[tuple[str, int]]:
    value = (
        s.claim.c.value
        if column == "value"
        else func.coalesce(s.claim.c.value_norm, s.claim.c.value)
    )
    rows = conn.execute(
        select(value.label("v"), func.count(func.distinct(s.person_record.c.person_id)))
        .join(s.person_record, s.person_record.c.record_id == s.claim.c.record_id)
        .where(s.claim.c.kind == kind)
        .group_by(value)
    ).all()
    return sorted(((str(v), int(n)) for v, n in rows), key=lambda item: (-item[1], item[0]))


def _camp_counts(conn: Connection, lang: str) -> tuple[list[tuple[str, int]], dict[str, str]]:
    """Persons by camp, one row per gazetteer place ("Narvik" and "Нарвик" are one camp, named
    in ``lang``); camps the gazetteer does not know stay as written."""
    rows = conn.execute(
        select(s.claim.c.value, s.person_record.c.person_id)
        .join(s.person_record, s.person_record.c.record_id == s.claim.c.record_id)
        .where(s.claim.c.kind == "camp")
        .distinct()
    )
    persons: dict[str, set[int]] = defaultdict(set)
    keys: dict[str, str] = {}
    for value, person in rows:
        key = _most_specific(resolve(str(value)))
        name = label(key, lang) if key else str(value)
        if key:
            keys[name] = key
        persons[name].add(int(person))
    counted = sorted(((k, len(v)) for k, v in persons.items()), key=lambda i: (-i[1], i[0]))
    return counted, keys


def _most_specific(keys: tuple[str, ...]) -> str | None:
    return next((k for k in keys if places()[k].kind != "country"), None)


def _birth_decades(conn: Connection) -> list[tuple[int, int]]:
    """Persons by the decade of their earliest stated birth year."""
    earliest = (
        select(s.person_record.c.person_id, func.min(s.record.c.birth_year).label("year"))
        .join(s.record, s.record.c.id == s.person_record.c.record_id)
        .where(s.record.c.birth_year.is_not(None))
        .group_by(s.person_record.c.person_id)
        .subquery()
    )
    decades: Counter[int] = Counter()
    for (year,) in conn.execute(select(earliest.c.year)):
        decades[int(year) // 10 * 10] += 1
    return sorted(decades.items())


def _place_texts(conn: Connection) -> list[tuple[str, str, int]]:
    """(claim kind, place text, person) for every text of a claim that names a place."""
    named = s.claim.c.place.is_not(None) | s.claim.c.kind.in_(place_value_kinds())
    rows = conn.execute(
        select(s.claim.c.kind, s.claim.c.value, s.claim.c.place, s.person_record.c.person_id)
        .join(s.person_record, s.person_record.c.record_id == s.claim.c.record_id)
        .where(named)
        .distinct()
    )
    return [
        (str(kind), text, int(person))
        for kind, value, place, person in rows
        for text in place_texts(kind, value, place)
    ]


def statistics(conn: Connection, lang: str = "en") -> Statistics:
    """The counts, with place names in the interface language ``lang``."""
    oblast_persons: dict[str, set[int]] = defaultdict(set)
    point_persons: dict[str, set[int]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    resolved: dict[str, tuple[str, ...]] = {}
    for kind, text, person in _place_texts(conn):
        keys = resolved.setdefault(text, resolve(text))
        if kind in homeland_kinds():
            oblast = next((k for k in keys if places()[k].kind == "oblast"), UNIDENTIFIED)
            oblast_persons[oblast].add(person)
        specific = _most_specific(keys)
        if specific:
            point_persons[specific].add(person)
            roles[specific].add(kind)
    by_oblast = sorted(
        ((label(k, lang) if k else "", len(v)) for k, v in oblast_persons.items()),
        key=lambda item: (-item[1], item[0]),
    )
    points = [
        MapPoint(k, label(k, lang), places()[k].lat, places()[k].lon, sorted(roles[k]), len(v))
        for k, v in point_persons.items()
    ]
    by_camp, camp_keys = _camp_counts(conn, lang)
    oblast_keys = {label(k, lang): k for k in oblast_persons if k}
    return Statistics(
        persons=_persons(conn),
        by_camp=by_camp,
        by_fate=_claim_counts(conn, "fate", column="norm"),
        by_birth_decade=_birth_decades(conn),
        by_oblast=by_oblast,
        points=sorted(points, key=lambda p: -p.count),
        figures=_figures(conn),
        place_keys={**camp_keys, **oblast_keys},
    )
