"""A dossier a family can read: claims consolidated into facts (one fact, several sources),
agreement and disagreement said as such, how sure each record's link is, and the pieces of a
fate summary. Every piece names the claims it comes from: nothing is stated that no source
states."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, and_, func, or_, select

from tagdyr.store import schema as s
from tagdyr.store.queries import ClaimView, RecordView, _nested
from tagdyr.vocab.gazetteer import resolve
from tagdyr.vocab.ranks import rank_code

# kinds a man has one of: several different values are a disagreement, not several facts
SINGLE = frozenset({"birth", "death", "rank", "nationality", "gender", "capture"})
# the order of a fate summary
SUMMARY_KINDS = ("birth", "conscription", "rank", "capture", "camp", "fate", "repatriation",
                 "arrest", "sentence", "death", "rehabilitation")  # fmt: skip
SOURCE_PAGE = 100  # rows per page on the source page (web/app.py shows that many)


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement of a kind, with every claim that makes it."""

    kind: str
    key: str
    claims: tuple[ClaimView, ...]

    @property
    def values(self) -> list[str]:
        """The statement as each source words it, once each."""
        return list(dict.fromkeys(c.value for c in self.claims))

    @property
    def date(self) -> str | None:
        dates = {c.date_start for c in self.claims if c.date_start}
        return min(dates, key=len) if dates else None

    @property
    def place(self) -> str:
        """The place the claims name beside their date ("1938, Павлодарский РВК, …")."""
        for claim in self.claims:
            if claim.place:
                return claim.place
            rest = _after_date(claim.value)
            if rest:
                return rest
        return ""

    @property
    def record_ids(self) -> list[int]:
        return list(dict.fromkeys(c.record_id for c in self.claims))


@dataclass(frozen=True, slots=True)
class FactGroup:
    """All facts of one kind, and whether their sources agree ("agree", "differ", "")."""

    kind: str
    facts: tuple[Fact, ...]
    verdict: str

    @property
    def dated(self) -> bool:
        return any(f.date for f in self.facts)

    @property
    def sources(self) -> int:
        return len({c.record_id for f in self.facts for c in f.claims})


_DATE_PREFIX = re.compile(r"^\s*[\d.\-/]+\s*(г\.?)?\s*[,;]\s*")


def _after_date(value: str) -> str:
    match = _DATE_PREFIX.match(value)
    return value[match.end() :].strip() if match else ""


def _key(claim: ClaimView) -> str:
    """What two claims must share to be one fact."""
    if claim.kind == "rank":
        return rank_code(claim.value) or claim.value.casefold()
    if claim.date_start:
        return f"{claim.date_start}/{claim.date_end or ''}"
    if claim.kind == "camp":
        keys = resolve(claim.value)
        return keys[0] if keys else claim.value.casefold()
    return (claim.value_norm or claim.value).casefold().strip()


def _verdict(kind: str, facts: list[Fact]) -> str:
    if len(facts) == 1:
        return "agree" if len(facts[0].record_ids) > 1 else ""
    if kind not in SINGLE:
        return ""
    dates = {f.date for f in facts if f.date}
    if dates and len(dates) == len(facts) and _nested(dates):
        return "agree"
    return "differ"


def consolidate(claims: Iterable[ClaimView]) -> list[FactGroup]:
    """Claims grouped into facts, by kind, in the order the kinds first appear."""
    by_kind: dict[str, dict[str, list[ClaimView]]] = {}
    for claim in claims:
        by_kind.setdefault(claim.kind, {}).setdefault(_key(claim), []).append(claim)
    groups = []
    for kind, keyed in by_kind.items():
        facts = [Fact(kind, key, tuple(found)) for key, found in keyed.items()]
        facts.sort(key=lambda f: (-len(f.record_ids), f.date or "", f.key))
        groups.append(FactGroup(kind, tuple(facts), _verdict(kind, facts)))
    return groups


def timeline(groups: list[FactGroup]) -> list[Fact]:
    """The dated facts in date order (a year after the precise dates of its year)."""
    dated: list[Fact] = []
    for group in groups:
        if group.kind in SINGLE and group.verdict == "agree" and group.dated:
            dated.append(_broadest(group))  # "1914" and "29.02.1914": one birth, all sources
        else:
            dated.extend(f for f in group.facts if f.date)
    return sorted(dated, key=lambda f: (_sort_key(f.date or ""), f.kind))


def _sort_key(iso: str) -> str:
    return iso + "-99-99"[len(iso) - 4 :] if len(iso) < 10 else iso


@dataclass(frozen=True, slots=True)
class Link:
    """How sure tagdyr is that a record belongs to its person: a word and its ground."""

    strength: str  # "only", "confirmed", "very_strong", "strong", "probable", "weak", "manual"
    probability: float | None = None
    by: str = ""  # the historian who confirmed it


def _word(probability: float) -> str:
    if probability >= 0.99:
        return "very_strong"
    if probability >= 0.9:
        return "strong"
    return "probable" if probability >= 0.5 else "weak"


def link_strengths(conn: Connection, records: list[RecordView]) -> dict[int, Link]:
    """Each record's link to the others of its person, from the stored candidate pairs of the
    latest run and the historians' judgements ("same", not undone) that override them."""
    ids = [r.id for r in records]
    if len(ids) < 2:
        return {i: Link("only") for i in ids}
    pair = s.candidate_pair.c
    both = and_(pair.left_record_id.in_(ids), pair.right_record_id.in_(ids))
    latest = select(func.max(pair.run_id)).where(both).scalar_subquery()
    best: dict[int, float] = {}
    for left, right, p in conn.execute(
        select(pair.left_record_id, pair.right_record_id, pair.match_probability).where(
            both, pair.run_id == latest
        )
    ):
        for record_id in (left, right):
            best[record_id] = max(best.get(record_id, 0.0), float(p))
    j = s.judgement.c
    confirmed: dict[int, str] = {}
    for left, right, author in conn.execute(
        select(j.left_record_id, j.right_record_id, j.author).where(
            or_(j.left_record_id.in_(ids), j.right_record_id.in_(ids)),
            j.verdict == "same",
            j.undone_at.is_(None),
        )
    ):
        for record_id in (left, right):
            if record_id in ids:
                confirmed[record_id] = author
    links = {}
    for record_id in ids:
        if record_id in confirmed:
            links[record_id] = Link("confirmed", best.get(record_id), confirmed[record_id])
        elif record_id in best:
            links[record_id] = Link(_word(best[record_id]), best[record_id])
        else:
            links[record_id] = Link("manual")
    return links


def row_pages(conn: Connection, records: list[RecordView]) -> dict[int, int]:
    """The page of the source page each record's row is on (rows in record order): the rows
    of its source's current document before it, counted in the (document, id) index."""
    pages = {}
    for record in records:
        current = (
            select(s.document.c.id)
            .join(s.source, s.source.c.id == s.document.c.source_id)
            .where(s.source.c.key == record.source_key, s.document.c.is_current.is_(True))
            .scalar_subquery()
        )
        before = conn.execute(
            select(func.count())
            .select_from(s.record)
            .where(s.record.c.document_id == current, s.record.c.id < record.id)
        ).scalar_one()
        pages[record.id] = int(before) // SOURCE_PAGE + 1
    return pages


def summary(groups: list[FactGroup]) -> list[tuple[str, Fact | None]]:
    """The fate summary's pieces in order: (kind, the fact stated). A kind whose sources
    differ gives no fact (None), only that they differ."""
    by_kind = {g.kind: g for g in groups}
    pieces: list[tuple[str, Fact | None]] = []
    for kind in SUMMARY_KINDS:
        group = by_kind.get(kind)
        if group is None:
            continue
        if group.verdict == "differ":
            pieces.append((kind, None))
            continue
        if kind in SINGLE or group.verdict == "agree":
            pieces.append((kind, _broadest(group)))
        else:
            pieces.extend((kind, fact) for fact in group.facts)
    return pieces


def _broadest(group: FactGroup) -> Fact:
    """One fact for agreeing sources: the least precise date, which every source states
    ("1914", of "1914" and "29.02.1914"), citing all of them."""
    claims = tuple(c for f in group.facts for c in f.claims)
    dated = [f for f in group.facts if f.date]
    key = min(dated, key=lambda f: len(f.date or "")).key if dated else group.facts[0].key
    broad = next(f for f in group.facts if f.key == key)
    return Fact(group.kind, key, broad.claims + tuple(c for c in claims if c not in broad.claims))
