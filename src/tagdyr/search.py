"""Name search in any script: "Жұманиязов", "Joumaniazov", "Dschumanijasow", "Ж. Саин".

The query is parsed by the names engine; its words' keys from the name index
(:mod:`tagdyr.names.index`: canonical forms, the Cyrillic readings of Latin words, skeletons)
are looked up in the ``name_key`` table, and when they find few persons, the deletion
neighbourhoods of its forms (one wrong, missing or extra letter); candidates are ranked by
the names engine's calibrated score, and the best record of each person explains the hit
("found as Djoumaniazov in the Toulouse list"). A search that finds nobody offers names about
two letters away (:func:`suggestions`, "did you mean").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, case, func, literal, select, union

from tagdyr.maps.points import place_texts
from tagdyr.names import clean, parse
from tagdyr.names.index import name_words, query_keys
from tagdyr.names.parse import Order
from tagdyr.names.prefilter import query_forms, quick_score
from tagdyr.names.similarity import FREQUENCY_PARTS, NameScore, compare
from tagdyr.store import schema as s
from tagdyr.vocab.claims import place_kinds
from tagdyr.vocab.gazetteer import places, resolve

_MAX_CANDIDATES = 5000  # hits considered for facets
_SCORED = 600  # candidates a query's keys fetch, looked at cheaply (names.prefilter)
_ENGINE = 40  # … of whose writings the names engine scores the likeliest
FACETS = ("source", "place", "camp", "unit", "fate", "decade")
_PLACE_KINDS = place_kinds()  # claims that can name a place


@dataclass(frozen=True, slots=True)
class Hit:
    person_uid: str | None
    label: str
    score: float
    found_as: str
    source_title: str
    record_id: int
    birth_year: int | None
    evidence: tuple[tuple[str, str, bool], ...] = ()  # (part, level, across scripts)
    records: int = 1  # how much is known of the person: its records and sources
    sources: int = 1

    @property
    def strength(self) -> str:
        """The name evidence in a word: "strong", "fair" or "weak"."""
        if self.score >= _STRONG:
            return "strong"
        return "fair" if self.score >= _FAIR else "weak"


_STRONG, _FAIR = 0.85, 0.65  # a full name that agrees; a surname alone that agrees


def _query_keys(query: str, distance: int = 0) -> set[str]:
    """The name index's keys of the query's words (initials are matched by scoring, not
    looked up); with ``distance``, also the deletion neighbourhoods of their forms."""
    return set(query_keys(parse(clean(query), Order.UNKNOWN), distance))


def _word_keys(query: str, distance: int = 0) -> tuple[frozenset[str], ...]:
    """:func:`_query_keys` of each of the query's words on its own (the index keys a word the
    same whatever its role), so that candidates are ranked by how many words they meet."""
    parsed = parse(clean(query), Order.UNKNOWN)
    alone = (replace(parsed, surname=w, given=(), patronymic="", extra=())
             for w in name_words(parsed, extra=True))  # fmt: skip
    return tuple(frozenset(query_keys(word, distance)) for word in alone)


def match_name(
    query: str, written: str, given_name: str = "", one_word: bool | None = None
) -> NameScore:
    """How well a written name answers a query, by the names engine's own score. A one-word
    query may be a surname or a given name, so it is also tried against the given name."""
    result = compare(query, written)
    if one_word is None:
        one_word = len(clean(query).split()) == 1
    if given_name and one_word:
        as_given = compare(query, given_name)
        if as_given.score > result.score:
            result = as_given
    return result


def score_name(
    query: str, written: str, given_name: str = "", one_word: bool | None = None
) -> float:
    """The score of :func:`match_name`."""
    return match_name(query, written, given_name, one_word).score


def _script(text: str) -> str:
    return "cyrillic" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "latin"


def _evidence(result: NameScore) -> tuple[tuple[str, str, bool], ...]:
    """The name evidence of a hit in words a page can say: part, level, across scripts."""
    return tuple(
        (str(e.part), e.level, _script(e.left) != _script(e.right))
        for e in result.evidence
        if e.left and e.right and e.part not in FREQUENCY_PARTS  # weights, not reasons
    )


def _candidates(keys: set[str], words: tuple[frozenset[str], ...] = ()) -> Any:
    """Ids of the records that meet most of the query's ``words`` (each word's keys: see
    :func:`_word_keys`), then share most index keys with the query (canonical forms with
    their Cyrillic readings, skeletons, and for a widened search deletion neighbourhoods), a
    record whose surname's own form or key is among them first, at most ``_SCORED``: the
    names engine scores only these. A surname's many keys do not outweigh a second word:
    "Imaukouloff Nourlan" finds Иманкуллв Нурлан before the other Нурланs.

    Both parts are read from indexes alone (``name_key (key, record_id)``, ``record
    (surname_canon, id)`` and ``(surname_key, id)``): a common given name's tens of thousands
    of postings in a million records are counted without visiting a row."""
    key = s.name_key.c.key
    # words met: one flag per word, summed (plain aggregates: hashed, never sorted)
    met = sum((func.max(case((key.in_(w & keys), 1), else_=0)) for w in words), literal(0))
    shared = (
        select(s.name_key.c.record_id, func.count().label("shared"), met.label("words"))
        .where(key.in_(keys))  # (record, key) is unique
        .group_by(s.name_key.c.record_id)
        .subquery()
    )
    surname_agrees = union(
        select(s.record.c.id).where(s.record.c.surname_canon.in_(keys)),
        select(s.record.c.id).where(s.record.c.surname_key.in_(keys)),
    ).subquery()
    bonus = case((surname_agrees.c.id.is_not(None), 2), else_=0)
    return (
        select(shared.c.record_id)
        .outerjoin(surname_agrees, surname_agrees.c.id == shared.c.record_id)
        .order_by(shared.c.words.desc(), (shared.c.shared + bonus).desc(), shared.c.record_id)
        .limit(_SCORED)
    )


@dataclass(frozen=True, slots=True)
class Filters:
    """Narrowing a search: a person passes if any of its records does."""

    born_from: int | None = None
    born_to: int | None = None
    source: str | None = None  # source key
    camp: str | None = None  # as written, or a camp's gazetteer key ("narvik")
    fate: str | None = None  # as normalized
    place: str | None = None  # a gazetteer key: an oblast, a town or a camp
    unit: str | None = None  # as stated (normalized by text extraction)

    def __bool__(self) -> bool:
        return any(v not in (None, "") for v in (self.born_from, self.born_to, self.source,
                                                  self.camp, self.fate, self.place,
                                                  self.unit))  # fmt: skip

    def years_within(self, years: Iterable[int]) -> list[int]:
        """Of ``years``, those in the years searched for (all when none are), in order."""
        low, high = self.born_from, self.born_to
        return sorted(y for y in years if (low is None or y >= low) and (high is None or y <= high))


@dataclass
class Facts:
    """What filters and facets read of one hit: over all records of the person."""

    sources: dict[str, str] = field(default_factory=dict)  # key -> title
    camps: set[str] = field(default_factory=set)
    camp_keys: set[str] = field(default_factory=set)  # what camps' names resolve to
    fates: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # gazetteer keys, ancestors included
    units: set[str] = field(default_factory=set)

    def passes(self, f: Filters) -> bool:
        if f.source and f.source not in self.sources:
            return False
        if f.camp and not self.was_in(f.camp):
            return False
        if f.fate and f.fate not in self.fates:
            return False
        if f.place and f.place not in self.places:
            return False
        if f.unit and f.unit not in self.units:
            return False
        if f.born_from is not None or f.born_to is not None:
            return bool(f.years_within(self.years))
        return True

    def was_in(self, camp: str) -> bool:
        """Whether a camp (as written in any case or script, or by its gazetteer key: "narvik",
        "Нарвик") is among these."""
        wanted = camp.casefold()
        if wanted in self.camp_keys or any(c.casefold() == wanted for c in self.camps):
            return True
        return bool(self.camp_keys.intersection(resolve(camp)[:1]))

    def values(self, facet: str) -> list[tuple[str, str]]:
        """(value, label) of this hit for a facet."""
        if facet == "source":
            return list(self.sources.items())
        if facet == "camp":  # a camp the gazetteer knows once, by its key, however written
            known = places()
            named = {c: resolve(c)[:1] for c in self.camps}
            return sorted({(k[0], known[k[0]].names[0]) if k else (c, c)
                           for c, k in named.items()})  # fmt: skip
        if facet == "fate":
            return [(f, f) for f in sorted(self.fates)]
        if facet == "unit":
            return [(u, u) for u in sorted(self.units)]
        if facet == "place":
            known = places()
            return [(k, known[k].names[0]) for k in sorted(self.places)
                    if known[k].kind in ("oblast", "town", "camp")]  # fmt: skip
        return [(f"{d}", f"{d}–{d + 9}") for d in sorted({y // 10 * 10 for y in self.years})]


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[Hit]
    total: int  # hits passing the filters, before the limit
    facets: dict[str, list[tuple[str, str, int]]]  # facet -> (value, label, persons), by count


def _facts(conn: Connection, hits: list[Hit]) -> dict[int, Facts]:
    """Facts of every hit (keyed by the hit's record id), read from all its person's records."""
    by_person = {h.person_uid: h.record_id for h in hits if h.person_uid}
    owner: dict[int, int] = {h.record_id: h.record_id for h in hits}
    if by_person:
        rows = conn.execute(
            select(s.person.c.uid, s.person_record.c.record_id)
            .join(s.person_record, s.person_record.c.person_id == s.person.c.id)
            .where(s.person.c.uid.in_(by_person))
        )
        for uid, record_id in rows:
            owner[record_id] = by_person[uid]
    facts: dict[int, Facts] = defaultdict(Facts)
    records = conn.execute(
        select(s.record.c.id, s.record.c.birth_year, s.source.c.key, s.source.c.title)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .where(s.record.c.id.in_(owner))
    )
    for record_id, year, key, title in records:
        fact = facts[owner[record_id]]
        fact.sources[key] = title
        if year:
            fact.years.add(int(year))
    claims = conn.execute(
        select(s.claim.c.record_id, s.claim.c.kind, s.claim.c.value, s.claim.c.value_norm,
               s.claim.c.place)
        .where(s.claim.c.record_id.in_(owner),
               s.claim.c.kind.in_(("fate", "unit", *_PLACE_KINDS)))
    )  # fmt: skip
    for record_id, kind, value, norm, place in claims:
        fact = facts[owner[record_id]]
        if kind == "camp":
            fact.camps.add(value)
            fact.camp_keys.update(resolve(value)[:1])  # the camp, not its country
        elif kind == "fate":
            fact.fates.add(norm or value)
        elif kind == "unit":
            fact.units.add(value)
        for text in place_texts(kind, value, place):
            fact.places.update(resolve(text))
    return facts


SORTS = ("relevance", "name", "born")


def faceted_search(
    conn: Connection,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "relevance",
) -> SearchResult:
    """:func:`search` narrowed by ``filters``, with facet counts (persons) over what passes.
    Without a name, every person passing the filters (browsing a camp, a place, a decade),
    by name; ``sort`` "name" or "born" orders any result, ``offset`` pages it."""
    filters = filters or Filters()
    hits = search(conn, query, limit=_MAX_CANDIDATES) if query.strip() else _everyone(conn)
    facts = _facts(conn, hits)
    passing = [h for h in hits if facts[h.record_id].passes(filters)]
    facets: dict[str, list[tuple[str, str, int]]] = {}
    for facet in FACETS:
        counts: Counter[tuple[str, str]] = Counter(
            pair for h in passing for pair in facts[h.record_id].values(facet)
        )
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))
        facets[facet] = [(value, label, n) for (value, label), n in ranked]
    if sort == "name" or (sort == "relevance" and not query.strip()):
        passing.sort(key=lambda h: (h.label.casefold(), h.person_uid or ""))
    elif sort == "born":
        born = {h.record_id: _shown_year(facts[h.record_id].years, filters) for h in passing}
        passing.sort(key=lambda h: (born[h.record_id] is None, born[h.record_id] or 0,
                                    h.label.casefold()))  # fmt: skip
        passing = [replace(h, birth_year=born[h.record_id]) for h in passing]
    page = passing[offset : offset + limit]
    if not query.strip():
        page = [replace(h, birth_year=_shown_year(facts[h.record_id].years, filters))
                for h in page]  # fmt: skip
    return SearchResult(page, len(passing), facets)


def _shown_year(years: set[int], filters: Filters) -> int | None:
    """The birth year a hit shows: the earliest its records give within the years searched
    for (a man whose records say 1919 and 1920 is found by 1920–1921 as born 1920), else the
    earliest of all."""
    shown = filters.years_within(years) or sorted(years)
    return shown[0] if shown else None


def _everyone(conn: Connection) -> list[Hit]:
    """Every living person as a hit (no name evidence), in label order."""
    rows = conn.execute(
        select(s.person.c.uid, s.person.c.label, func.min(s.person_record.c.record_id),
               func.count(s.person_record.c.record_id))
        .join(s.person_record, s.person_record.c.person_id == s.person.c.id)
        .where(s.person.c.merged_into_id.is_(None))
        .group_by(s.person.c.id, s.person.c.uid, s.person.c.label)
        .order_by(s.person.c.label, s.person.c.uid)
    ).all()  # fmt: skip
    return [
        Hit(uid, label, 1.0, label, "", record_id, None, records=int(n))
        for uid, label, record_id, n in rows
    ]


def persons_matching(conn: Connection, query: str, filters: Filters | None = None) -> list[str]:
    """Uids of the persons a search would show (every one, not the first page); with an empty
    query, every person passing ``filters``, in label order. Exports select with this."""
    filters = filters or Filters()
    hits = search(conn, query, limit=_MAX_CANDIDATES) if query.strip() else _everyone(conn)
    if filters:
        passing: list[Hit] = []
        for start in range(0, len(hits), _MAX_CANDIDATES):
            chunk = hits[start : start + _MAX_CANDIDATES]
            facts = _facts(conn, chunk)
            passing += [h for h in chunk if facts[h.record_id].passes(filters)]
        hits = passing
    return [h.person_uid for h in hits if h.person_uid]


def search(conn: Connection, query: str, *, limit: int = 50) -> list[Hit]:
    """Persons (or unlinked records) whose names answer ``query``, best first. When the exact
    keys find fewer than ``_FEW`` persons, the search widens to names one letter away."""
    keys = _query_keys(query)
    if not keys:
        return []
    scoring = _Scoring(query)
    best, floor = scoring.best(_candidate_rows(conn, keys, _word_keys(query))), _ANSWERS
    if sum(h.score >= _ANSWERS for h in best.values()) < _FEW:
        wide, words = _query_keys(query, distance=1), _word_keys(query, distance=1)
        best, floor = scoring.best(_candidate_rows(conn, wide, words), best), _SLIP_ANSWERS
    hits = _with_knowledge(conn, [h for h in best.values() if h.score >= floor])
    return sorted(hits, key=_rank)[:limit]


_FEW = 20  # persons found by the exact keys below which the search widens
_ANSWERS = 0.5  # the names engine's score from which a name answers the query
# … and in a widened search: "Kumaev" for Кунаев (0.38), one letter off, is still an answer,
# ranked below every better one; a different name of the same length scores about 0.01
_SLIP_ANSWERS = 0.3


def _candidate_rows(
    conn: Connection, keys: set[str], words: tuple[frozenset[str], ...] = ()
) -> list[Any]:
    """The current records among the candidates of ``keys``, with what scoring and the hit
    read of them."""
    candidate_ids = _candidates(keys, words).subquery()
    return list(conn.execute(
        select(s.record.c.id, s.record.c.full_name, s.record.c.given_name, s.record.c.birth_year,
               s.record.c.surname_canon, s.record.c.given_canon,
               s.source.c.title, s.person.c.uid, s.person.c.label)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .outerjoin(s.person_record, s.person_record.c.record_id == s.record.c.id)
        .outerjoin(s.person, s.person.c.id == s.person_record.c.person_id)
        .where(s.record.c.id.in_(select(candidate_ids.c.record_id)),
               s.document.c.is_current.is_(True))
    ))  # fmt: skip


Writing = tuple[str, str]  # a record's name as written: full name, given name


class _Scoring:
    """One search's scoring of candidate rows: the query read once, and each writing's cheap
    look and names-engine score computed once for the whole search (a widened phase meets
    most of the exact phase's writings again)."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.one_word = len(clean(query).split()) == 1
        self._forms = query_forms(parse(clean(query), Order.UNKNOWN))
        self._looks: dict[Writing, float] = {}
        self._scores: dict[Writing, NameScore] = {}

    def best(self, rows: list[Any], best: dict[str, Hit] | None = None) -> dict[str, Hit]:
        """The best-scoring record of every person among ``rows`` (and ``best``)."""
        best = dict(best or {})
        for writing, same in self._likeliest([r for r in rows if _new(best, r)]):
            result = self._score(writing)  # once for a name written alike
            for row in same:
                group = row.uid or f"record-{row.id}"
                hit = Hit(
                    row.uid,
                    row.label or row.full_name,
                    round(result.score, 3),
                    row.full_name,
                    row.title,
                    row.id,
                    row.birth_year,
                    _evidence(result),
                )
                if group not in best or hit.score > best[group].score:
                    best[group] = hit
        return best

    def _score(self, writing: Writing) -> NameScore:
        if writing not in self._scores:
            self._scores[writing] = match_name(self.query, *writing, self.one_word)
        return self._scores[writing]

    def _look(self, writing: Writing, row: Any) -> float:
        if writing not in self._looks:
            self._looks[writing] = quick_score(
                self._forms, row.surname_canon, row.given_canon, writing[1]
            )
        return self._looks[writing]

    def _likeliest(self, rows: list[Any]) -> list[tuple[Writing, list[Any]]]:
        """The candidate rows by how their names are written, of the ``_ENGINE`` writings
        whose stored forms look likeliest (names.prefilter); of those that look alike, the
        earlier records'. The names engine scores each writing once, for all its records."""
        writings: dict[Writing, list[Any]] = {}
        for row in rows:
            writings.setdefault((row.full_name, row.given_name), []).append(row)
        if len(writings) <= _ENGINE:
            return list(writings.items())
        looks = {writing: self._look(writing, same[0]) for writing, same in writings.items()}
        chosen = sorted(writings, key=lambda w: (-looks[w], writings[w][0].id))[:_ENGINE]
        return [(writing, writings[writing]) for writing in chosen]


def _new(best: dict[str, Hit], row: Any) -> bool:
    """Whether a candidate row was not scored already (by the exact phase of a search)."""
    found = best.get(row.uid or f"record-{row.id}")
    return found is None or found.record_id != row.id


def suggestions(conn: Connection, query: str, limit: int = 5) -> list[str]:
    """ "Did you mean": names as written up to about two letters away from the query's words,
    the names engine's best first, for a search that found nobody."""
    keys = _query_keys(query, distance=2)
    if not keys:
        return []
    best = _Scoring(query).best(_candidate_rows(conn, keys))
    scored = sorted(best.values(), key=lambda h: (-h.score, h.label))
    said: list[str] = []
    for hit in scored:
        if hit.label.casefold() not in {name.casefold() for name in said}:
            said.append(hit.label)
    return said[:limit]


def _rank(hit: Hit) -> tuple[Any, ...]:
    """Name evidence first, then how much is known: of two persons whose names answer alike,
    the one with more records and sources comes first (a five-record man before a bare
    mention of the same surname)."""
    return (-hit.score, -hit.records, -hit.sources, hit.label)


def _with_knowledge(conn: Connection, hits: list[Hit]) -> list[Hit]:
    """The hits with their persons' numbers of records and sources."""
    uids = [h.person_uid for h in hits if h.person_uid]
    known: dict[str, tuple[int, int]] = {}
    for start in range(0, len(uids), 900):
        rows = conn.execute(
            select(s.person.c.uid, func.count(s.record.c.id),
                   func.count(func.distinct(s.record.c.source_id)))
            .join(s.person_record, s.person_record.c.person_id == s.person.c.id)
            .join(s.record, s.record.c.id == s.person_record.c.record_id)
            .where(s.person.c.uid.in_(uids[start : start + 900]))
            .group_by(s.person.c.uid)
        )  # fmt: skip
        known.update({uid: (int(n), int(m)) for uid, n, m in rows})
    return [
        replace(h, records=known[h.person_uid][0], sources=known[h.person_uid][1])
        if h.person_uid in known
        else h
        for h in hits
    ]
