"""Name search in any script: "Жұманиязов", "Joumaniazov", "Dschumanijasow", "Ж. Саин".

The query is parsed by the names engine; every word's canonical form and skeletons are looked
up in the ``name_key`` index; candidates are ranked by how well each query word matches a word
of the record's name, and the best record of each person explains the hit ("found as
Djoumaniazov in the Toulouse list").
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler
from sqlalchemy import Connection, select

from tagdyr.names import canonical, clean, parse, skeletons
from tagdyr.names.parse import Order
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


@dataclass(frozen=True, slots=True)
class _QueryWord:
    canon: str
    keys: tuple[str, ...]
    is_initial: bool


def _query_words(query: str) -> list[_QueryWord]:
    parsed = parse(clean(query), Order.UNKNOWN)
    words = []
    for word in (parsed.surname, *parsed.given, parsed.patronymic, *parsed.extra):
        for part in word.split():
            words.append(_QueryWord(canonical(part), skeletons(part), False))
    for initial in parsed.initials:
        words.append(_QueryWord(canonical(initial.rstrip("."))[:1], (), True))
    return [w for w in words if w.canon]


def _word_score(word: _QueryWord, record_words: list[tuple[str, tuple[str, ...]]]) -> float:
    best = 0.0
    for canon, keys in record_words:
        if word.is_initial:
            score = 0.5 if canon.startswith(word.canon) else 0.0
        elif canon == word.canon:
            score = 1.0
        else:
            similarity = JaroWinkler.similarity(word.canon, canon)
            score = 0.9 * similarity if similarity >= 0.88 else 0.0
            if set(word.keys) & set(keys):
                score = max(score, 0.85)
        best = max(best, score)
    return best


def score_name(query: str, written: str) -> float:
    """How well a written name answers a query, in [0, 1] (every query word must match)."""
    words = _query_words(query)
    if not words:
        return 0.0
    record_words = [(canonical(w), skeletons(w)) for w in clean(written).replace(".", " ").split()]
    return sum(_word_score(w, record_words) for w in words) / len(words)


def search(conn: Connection, query: str, *, limit: int = 50) -> list[Hit]:
    """Persons (or unlinked records) whose names answer ``query``, best first."""
    words = [w for w in _query_words(query) if not w.is_initial]
    keys = {k for w in words for k in (w.canon, *w.keys)}
    if not keys:
        return []
    candidate_ids = select(s.name_key.c.record_id).where(s.name_key.c.key.in_(keys)).distinct()
    rows = conn.execute(
        select(s.record.c.id, s.record.c.full_name, s.record.c.birth_year, s.source.c.title,
               s.person.c.uid, s.person.c.label)
        .join(s.source, s.source.c.id == s.record.c.source_id)
        .join(s.document, s.document.c.id == s.record.c.document_id)
        .outerjoin(s.person_record, s.person_record.c.record_id == s.record.c.id)
        .outerjoin(s.person, s.person.c.id == s.person_record.c.person_id)
        .where(s.record.c.id.in_(candidate_ids), s.document.c.is_current.is_(True))
        .limit(_MAX_CANDIDATES)
    ).all()  # fmt: skip
    best: dict[str, Hit] = {}
    for row in rows:
        score = score_name(query, row.full_name)
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
